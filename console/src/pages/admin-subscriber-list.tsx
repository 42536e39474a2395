import { useState } from 'preact/hooks';
import { api, result, type Schemas } from '../api/client';
import { Loading, useData } from '../ui/data';
import { Field, ProblemBanner, useAction } from '../ui/forms';
import { ListTable } from '../ui/table';
import { Time } from '../ui/time';

type Subscriber = Schemas['Subscriber'];

/** Pages read at most (100 subscribers each): the list is sorted by name, so it is read whole. */
const MAX_PAGES = 20;

async function everySubscriber(): Promise<Subscriber[]> {
  const all: Subscriber[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await result(
      api.GET('/v1/admin/subscribers', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } }),
    );
    all.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return all.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
}

/** Subscribers by name: find one, rename it, or delete it with everything it owns (confirmed first). */
export function AdminSubscriberListPage() {
  const list = useData(everySubscriber, []);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<{ id: string; name: string } | undefined>(undefined);
  const [notice, setNotice] = useState('');

  const rename = useAction(async () => {
    if (!editing) return;
    const renamed = await result(
      api.PATCH('/v1/admin/subscribers/{id}', {
        params: { path: { id: editing.id } },
        body: { name: editing.name },
      }),
    );
    setEditing(undefined);
    setNotice(`Renamed to “${renamed.name}”.`);
    await list.reload();
  });
  const remove = useAction(async (subscriber: Subscriber) => {
    const confirmed = window.confirm(
      `Delete “${subscriber.name}” (${subscriber.id})? This deletes all its subscriptions and API keys, ` +
        'and marks its unfinished deliveries dead. It cannot be undone.',
    );
    if (!confirmed) return;
    const deleted = await result(
      api.DELETE('/v1/admin/subscribers/{id}', { params: { path: { id: subscriber.id } } }),
    );
    setNotice(
      `Deleted “${subscriber.name}”: ${deleted.subscriptionsDeleted} subscriptions, ${deleted.keysDeleted} API keys; ` +
        `${deleted.deliveriesMarkedDead} unfinished deliveries marked dead.`,
    );
    await list.reload();
  });

  const needle = search.trim().toLowerCase();
  const shown = list.data?.filter(
    (s) => !needle || s.name.toLowerCase().includes(needle) || s.id.toLowerCase().includes(needle),
  );
  return (
    <section>
      <h1>Subscribers by name</h1>
      <p aria-live="polite" class="notice" data-testid="subscriber-notice">
        {notice}
      </p>
      <ProblemBanner problem={rename.problem ?? remove.problem} shown={['name']} />
      <form class="filters-bar" onSubmit={(e) => e.preventDefault()}>
        <Field label="Find by name or id" field="search" problem={undefined} scope="subscriber-search">
          {(attrs) => (
            <input
              {...attrs}
              type="search"
              value={search}
              onInput={(e) => setSearch(e.currentTarget.value)}
            />
          )}
        </Field>
      </form>
      <Loading loading={list.loading && !list.data} problem={list.problem} />
      <ListTable
        caption="Subscribers by name"
        columns={['Name', 'Id', 'Created', 'Actions']}
        items={shown}
        empty="No subscriber has that name."
        row={(s) => (
          <tr key={s.id} data-subscriber={s.id}>
            <td>
              {editing?.id === s.id ? (
                <form
                  class="inline-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void rename.run();
                  }}
                >
                  <Field label={`New name for ${s.name}`} field="name" problem={rename.problem} scope={s.id}>
                    {(attrs) => (
                      <input
                        {...attrs}
                        value={editing.name}
                        onInput={(e) => setEditing({ id: s.id, name: e.currentTarget.value })}
                      />
                    )}
                  </Field>
                  <button class="primary" type="submit" disabled={rename.busy}>
                    Save name
                  </button>
                  <button type="button" onClick={() => setEditing(undefined)}>
                    Cancel
                  </button>
                </form>
              ) : (
                <a href={`#/admin/subscribers/${s.id}`}>{s.name}</a>
              )}
            </td>
            <td>
              <code>{s.id}</code>
            </td>
            <td>
              <Time iso={s.createdAt} />
            </td>
            <td>
              <button type="button" onClick={() => setEditing({ id: s.id, name: s.name })}>
                Rename<span class="sr-only"> {s.name}</span>
              </button>{' '}
              <button type="button" class="danger" disabled={remove.busy} onClick={() => void remove.run(s)}>
                Delete<span class="sr-only"> {s.name}</span>
              </button>
            </td>
          </tr>
        )}
      />
    </section>
  );
}
