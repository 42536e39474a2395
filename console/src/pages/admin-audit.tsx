import { useState } from 'preact/hooks';
import { api, result } from '../api/client';
import type { paths } from '../api/schema';
import { useData, usePages } from '../ui/data';
import { Field } from '../ui/forms';
import { PagedTable } from '../ui/table';
import { Time } from '../ui/time';

type Query = NonNullable<paths['/v1/admin/audit']['get']['parameters']['query']>;
type TextKey = 'actor' | 'target' | 'action';

/** The audit trail, newest first, filtered by actor, target, action and time. */
export function AdminAuditPage() {
  const [draft, setDraft] = useState({ actor: '', target: '', action: '', from: '', to: '' });
  const [query, setQuery] = useState<Query>({});
  const pages = usePages();
  const audit = useData(
    () =>
      result(
        api.GET('/v1/admin/audit', {
          params: { query: { ...query, limit: 25, ...(pages.cursor ? { cursor: pages.cursor } : {}) } },
        }),
      ),
    [JSON.stringify(query), pages.cursor],
  );
  const text = (key: TextKey, label: string, hint: string) => (
    <Field label={label} field={key} problem={audit.problem} hint={hint}>
      {(attrs) => (
        <input
          {...attrs}
          value={draft[key]}
          onInput={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
        />
      )}
    </Field>
  );
  const when = (key: 'from' | 'to', label: string) => (
    <Field label={label} field={key} problem={audit.problem}>
      {(attrs) => (
        <input
          {...attrs}
          type="datetime-local"
          value={draft[key]}
          onInput={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
        />
      )}
    </Field>
  );
  return (
    <section>
      <h1>Audit trail</h1>
      <form
        class="filters-bar"
        onSubmit={(e) => {
          e.preventDefault();
          const next: Query = {};
          for (const key of ['actor', 'target', 'action'] as const)
            if (draft[key].trim()) next[key] = draft[key].trim();
          for (const key of ['from', 'to'] as const) {
            const date = new Date(draft[key]);
            if (draft[key]) next[key] = Number.isNaN(date.getTime()) ? draft[key] : date.toISOString();
          }
          pages.reset();
          setQuery(next);
        }}
      >
        {text('actor', 'Actor', 'key id, bootstrap-admin or system')}
        {text('target', 'Target', 'sub_…, or type:id')}
        {text('action', 'Action', 'subscription.updated or subscription.*')}
        {when('from', 'From (your time)')}
        {when('to', 'To (your time)')}
        <button type="submit" class="primary">
          Apply filters
        </button>
      </form>
      <PagedTable
        caption="Audit records, newest first"
        columns={['When', 'Actor', 'Action', 'Target', 'Change']}
        list={audit}
        pages={pages}
        empty="No records match."
        row={(r) => (
          <tr key={r.id}>
            <td>
              <Time iso={r.at} />
            </td>
            <td>
              <code>{r.actor.keyId}</code> ({r.actor.scope})
            </td>
            <td>{r.action}</td>
            <td>
              {r.target.type} <code>{r.target.id}</code>
            </td>
            <td>
              <details>
                <summary>Before and after</summary>
                <div class="grid2">
                  <div>
                    <strong>Before</strong>
                    <pre>{JSON.stringify(r.before, null, 2) ?? '—'}</pre>
                  </div>
                  <div>
                    <strong>After</strong>
                    <pre>{JSON.stringify(r.after, null, 2) ?? '—'}</pre>
                  </div>
                </div>
              </details>
            </td>
          </tr>
        )}
      />
    </section>
  );
}
