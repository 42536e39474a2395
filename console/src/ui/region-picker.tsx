import { useState } from 'preact/hooks';
import { catalogue } from './catalogue';
import { useData } from './data';
import { regionRank, searchRegions } from './region-search';

interface RegionPickerProps {
  label: string;
  name: string;
  value: string[];
  onChange: (value: string[]) => void;
}

/** Countries (ISO 3166-1 alpha-2), region groups with their members, and `*`, searchable. */
export function RegionPicker({ label, name, value, onChange }: RegionPickerProps) {
  const { data: regions } = useData(() => catalogue.regions(), []);
  const [query, setQuery] = useState('');
  const selected = new Set(value);
  const toggle = (code: string) =>
    onChange(selected.has(code) ? value.filter((v) => v !== code) : [...value, code]);
  const q = query.trim().toLowerCase();
  const allGroups = regions?.groups ?? [];
  const groups = q
    ? searchRegions(
        allGroups.map((g) => ({ ...g, code: g.id })),
        q,
      )
    : allGroups;
  const countries = q ? searchRegions(regions?.countries ?? [], q) : [];
  // An exact country (`US`) comes before groups that merely mention the query.
  const countriesFirst = countries[0] !== undefined && regionRank(countries[0], q) === 0;
  const countryName = new Map((regions?.countries ?? []).map((c) => [c.code, c.name]));
  const groupName = new Map((regions?.groups ?? []).map((g) => [g.id, g.name]));
  const describe = (code: string) =>
    code === '*' ? 'All countries' : (groupName.get(code) ?? countryName.get(code) ?? code);

  const option = (code: string, text: string, title?: string) => (
    <label class="check" key={code} title={title}>
      <input type="checkbox" checked={selected.has(code)} onChange={() => toggle(code)} data-region={code} />
      <span>{text}</span>
    </label>
  );

  const countryOptions = countries.length > 0 && (
    <>
      <p class="muted">Countries</p>
      {countries.slice(0, 40).map((c) => option(c.code, `${c.code} · ${c.name}`))}
    </>
  );

  return (
    <fieldset class="picker region-picker" data-picker={name}>
      <legend>{label}</legend>
      <div class="chips" aria-live="polite">
        {value.length === 0 && <span class="muted">Any</span>}
        {value.map((v) => (
          <button type="button" class="chip" key={v} onClick={() => toggle(v)}>
            <span class="sr-only">Remove </span>
            {v} {v !== describe(v) ? `· ${describe(v)}` : ''} ×
          </button>
        ))}
      </div>
      <label for={`${name}-search`}>Search countries and groups</label>
      <input
        id={`${name}-search`}
        type="search"
        placeholder="Country name, code or group"
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      <div class="options">
        {!q && option('*', 'All countries (*)')}
        {countriesFirst && countryOptions}
        {groups.length > 0 && <p class="muted">Groups</p>}
        {groups.map((g) => option(g.id, `${g.id} · ${g.name} (${g.members.length})`, g.members.join(', ')))}
        {!countriesFirst && countryOptions}
      </div>
    </fieldset>
  );
}
