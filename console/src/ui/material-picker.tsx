import { useState } from 'preact/hooks';
import { catalogue, type Material, materialMatches, taxonomyTree } from './catalogue';
import { useData } from './data';

interface PickerProps {
  value: string[];
  onChange: (value: string[]) => void;
  id?: string;
  label?: string;
}

/**
 * The material taxonomy as a tree of checkboxes, searchable by name, synonym (Chinese names
 * included), chemical symbol and HS code. Choosing a group covers everything below it.
 */
export function MaterialPicker({
  value,
  onChange,
  id = 'material-picker',
  label = 'Materials',
}: PickerProps) {
  const { data: items } = useData(() => catalogue.materials(), []);
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const selected = new Set(value);
  const toggle = (materialId: string) =>
    onChange(selected.has(materialId) ? value.filter((v) => v !== materialId) : [...value, materialId]);
  const names = new Map((items ?? []).map((m) => [m.id, m.name]));

  const checkbox = (material: Material, path: string) => (
    <label class="check">
      <input
        type="checkbox"
        checked={selected.has(material.id)}
        onChange={() => toggle(material.id)}
        data-material={material.id}
        data-path={path}
      />
      <span>
        {material.name}
        {material.symbol ? ` (${material.symbol})` : ''}
      </span>
      <small class="muted"> {material.id}</small>
    </label>
  );

  const tree = items ? taxonomyTree(items) : undefined;
  const branch = (material: Material, path: string, depth: number) => {
    const kids = tree?.children.get(material.id) ?? [];
    const key = `${path}/${material.id}`;
    if (kids.length === 0 || depth > 8) return <li key={key}>{checkbox(material, key)}</li>;
    const open = expanded.has(key);
    return (
      <li key={key}>
        <button
          type="button"
          class="twisty"
          aria-expanded={open}
          onClick={() => {
            const next = new Set(expanded);
            if (open) next.delete(key);
            else next.add(key);
            setExpanded(next);
          }}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          <span class="sr-only">
            {open ? 'Collapse' : 'Expand'} {material.name}
          </span>
        </button>
        {checkbox(material, key)}
        {open && <ul>{kids.map((kid) => branch(kid, key, depth + 1))}</ul>}
      </li>
    );
  };
  const found = query.trim() ? (items ?? []).filter((m) => materialMatches(m, query)) : undefined;

  return (
    <fieldset class="picker" id={id}>
      <legend>{label}</legend>
      <div class="chips" aria-live="polite">
        {value.length === 0 && <span class="muted">None chosen</span>}
        {value.map((v) => (
          <button type="button" class="chip" key={v} onClick={() => toggle(v)}>
            <span class="sr-only">Remove </span>
            {v === '*' ? 'All materials' : (names.get(v) ?? v)} ×
          </button>
        ))}
      </div>
      <label class="check">
        <input type="checkbox" checked={selected.has('*')} onChange={() => toggle('*')} data-material="*" />
        <span>All materials (*)</span>
      </label>
      <label for={`${id}-search`}>Search materials</label>
      <input
        id={`${id}-search`}
        type="search"
        placeholder="Name, synonym, 中文, symbol or HS code"
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      <div class="tree">
        {!items && <p>Loading the taxonomy…</p>}
        {found && (
          <ul class="results">
            {found.length === 0 && <li class="muted">Nothing matches “{query}”.</li>}
            {found.slice(0, 60).map((m) => (
              <li key={m.id}>
                {checkbox(m, m.id)}
                {m.ancestors.length > 0 && (
                  <small class="muted"> in {m.ancestors.map((a) => names.get(a) ?? a).join(' › ')}</small>
                )}
              </li>
            ))}
          </ul>
        )}
        {!found && tree && <ul>{tree.roots.map((root) => branch(root, '', 0))}</ul>}
      </div>
    </fieldset>
  );
}
