import { useState } from 'preact/hooks';
import { ApiProblem, api, result, type Schemas } from '../api/client';
import { catalogue, type Material, materialMatches } from '../ui/catalogue';
import { Loading, useData } from '../ui/data';
import { Field, ProblemBanner, splitList, useAction } from '../ui/forms';
import { materialIssues } from '../ui/material-check';

type Kind = Schemas['MaterialInput']['kind'];
const KINDS: Kind[] = ['group', 'element', 'material', 'product'];
const MATERIAL_FIELDS = ['id', 'name', 'parents', 'parent', 'kind', 'symbol', 'hsCodes', 'synonyms'];

/** The catalogue editor: materials (create, edit, move, remove) and region groups. */
export function AdminCataloguePage() {
  const materials = useData(() => catalogue.materials(), []);
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Material | 'new' | undefined>(undefined);
  const [saved, setSaved] = useState('');
  const refresh = async () => {
    catalogue.forget();
    await materials.reload();
  };
  const found = (materials.data ?? []).filter((m) => materialMatches(m, query));
  return (
    <section>
      <h1>Catalogue</h1>
      <p class="notice" role="status" data-testid="catalogue-saved">
        {saved}
      </p>
      <div class="grid2">
        <div>
          <h2>Materials</h2>
          <label for="catalogue-search">Search by name, synonym, 中文 or HS code</label>
          <input
            id="catalogue-search"
            type="search"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          <button
            type="button"
            onClick={() => {
              setSaved('');
              setEditing('new');
            }}
          >
            New material
          </button>
          <Loading loading={materials.loading && !materials.data} problem={materials.problem} />
          <ul class="results scroll">
            {found.map((m) => (
              <li key={m.id}>
                <button type="button" class="link" onClick={() => setEditing(m)}>
                  {m.name}
                </button>{' '}
                <small class="muted">
                  {m.id} · {m.kind}
                  {m.hsCodes.length ? ` · HS ${m.hsCodes.join(', ')}` : ''}
                </small>
              </li>
            ))}
          </ul>
        </div>
        <div>
          {editing && (
            <MaterialForm
              key={editing === 'new' ? 'new' : editing.id}
              material={editing === 'new' ? undefined : editing}
              onSaved={async (what) => {
                setEditing(undefined);
                setSaved(what);
                await refresh();
              }}
            />
          )}
          <RegionGroups />
        </div>
      </div>
    </section>
  );
}

function MaterialForm({
  material,
  onSaved,
}: {
  material: Material | undefined;
  onSaved: (what: string) => void;
}) {
  const [id, setId] = useState(material?.id ?? '');
  const [name, setName] = useState(material?.name ?? '');
  const [parents, setParents] = useState((material?.parents ?? []).join(', '));
  const [kind, setKind] = useState<Kind>(KINDS.find((k) => k === material?.kind) ?? 'material');
  const [symbol, setSymbol] = useState(material?.symbol ?? '');
  const [hsCodes, setHsCodes] = useState((material?.hsCodes ?? []).join(', '));
  const [synonyms, setSynonyms] = useState((material?.synonyms ?? []).join(', '));
  const save = useAction(async () => {
    // Checked here first: an empty id would otherwise name no material in the URL.
    const issues = materialIssues({
      id,
      name,
      parents: splitList(parents),
      symbol,
      hsCodes: splitList(hsCodes),
    });
    if (issues.length > 0)
      throw new ApiProblem(422, 'Unprocessable content', 'the material is not complete yet', issues);
    await result(
      api.PUT('/v1/materials/{id}', {
        params: { path: { id } },
        body: {
          name,
          kind,
          parents: splitList(parents),
          hsCodes: splitList(hsCodes),
          synonyms: splitList(synonyms),
          ...(symbol ? { symbol } : {}),
        },
      }),
    );
    onSaved(`Saved ${name} (${id}).`);
  });
  const remove = useAction(async () => {
    if (!window.confirm(`Remove ${id}?`)) return;
    await result(api.DELETE('/v1/materials/{id}', { params: { path: { id } } }));
    onSaved(`Removed ${id}.`);
  });
  return (
    <form
      class="card"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
      noValidate
    >
      <h2>{material ? `Edit ${material.name}` : 'New material'}</h2>
      <ProblemBanner problem={save.problem} shown={MATERIAL_FIELDS} />
      <ProblemBanner problem={remove.problem} />
      {!material && (
        <Field label="Id (kebab-case)" field="id" problem={save.problem}>
          {(attrs) => <input {...attrs} value={id} onInput={(e) => setId(e.currentTarget.value)} />}
        </Field>
      )}
      <Field label="Name" field="name" problem={save.problem}>
        {(attrs) => <input {...attrs} value={name} onInput={(e) => setName(e.currentTarget.value)} />}
      </Field>
      <Field label="Parents (ids, comma-separated)" field="parents" problem={save.problem}>
        {(attrs) => <input {...attrs} value={parents} onInput={(e) => setParents(e.currentTarget.value)} />}
      </Field>
      <Field label="Kind" field="kind" problem={save.problem}>
        {(attrs) => (
          <select
            {...attrs}
            value={kind}
            onChange={(e) => setKind(KINDS.find((k) => k === e.currentTarget.value) ?? 'material')}
          >
            {KINDS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Chemical symbol" field="symbol" problem={save.problem}>
        {(attrs) => <input {...attrs} value={symbol} onInput={(e) => setSymbol(e.currentTarget.value)} />}
      </Field>
      <Field label="HS codes (comma-separated)" field="hsCodes" problem={save.problem}>
        {(attrs) => <input {...attrs} value={hsCodes} onInput={(e) => setHsCodes(e.currentTarget.value)} />}
      </Field>
      <Field label="Synonyms (comma-separated, any language)" field="synonyms" problem={save.problem}>
        {(attrs) => <input {...attrs} value={synonyms} onInput={(e) => setSynonyms(e.currentTarget.value)} />}
      </Field>
      <div class="form-actions">
        <button class="primary" type="submit" disabled={save.busy}>
          Save material
        </button>
        {material && (
          <button type="button" class="danger" onClick={() => remove.run()}>
            Remove
          </button>
        )}
      </div>
    </form>
  );
}

function RegionGroups() {
  const regions = useData(() => catalogue.regions(), []);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [members, setMembers] = useState('');
  const save = useAction(async () => {
    await result(
      api.PUT('/v1/regions/groups/{id}', {
        params: { path: { id } },
        body: { name, members: splitList(members) },
      }),
    );
    catalogue.forget();
    await regions.reload();
  });
  return (
    <section class="card" aria-labelledby="region-groups">
      <h2 id="region-groups">Region groups</h2>
      <ul>
        {regions.data?.groups.map((g) => (
          <li key={g.id}>
            <button
              type="button"
              class="link"
              onClick={() => {
                setId(g.id);
                setName(g.name);
                setMembers(g.members.join(', '));
              }}
            >
              {g.id}
            </button>{' '}
            {g.name} <small class="muted">({g.members.join(' ')})</small>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
        noValidate
      >
        <ProblemBanner problem={save.problem} shown={['id', 'name', 'members']} />
        <Field label="Group id" field="id" problem={save.problem}>
          {(attrs) => <input {...attrs} value={id} onInput={(e) => setId(e.currentTarget.value)} />}
        </Field>
        <Field label="Group name" field="name" problem={save.problem}>
          {(attrs) => <input {...attrs} value={name} onInput={(e) => setName(e.currentTarget.value)} />}
        </Field>
        <Field label="Members (ISO codes, comma-separated)" field="members" problem={save.problem}>
          {(attrs) => <input {...attrs} value={members} onInput={(e) => setMembers(e.currentTarget.value)} />}
        </Field>
        <button type="submit" disabled={save.busy}>
          Save group
        </button>
      </form>
    </section>
  );
}
