import { useState } from 'preact/hooks';
import { api, result, type Schemas } from '../api/client';
import { CopyButton, useData, usePages } from '../ui/data';
import { Field, ProblemBanner, useAction } from '../ui/forms';
import { keyTable, PagedTable } from '../ui/table';
import { AdminDefaultProfile } from './default-profile';
import { SubscriptionCells } from './subscriptions';

type Scope = Schemas['ApiKeyInput']['scope'];

/** Subscribers and their API keys: create a subscriber (its key shown once), create and revoke keys. */
export function AdminSubscribersPage() {
  const [subscriberFilter, setSubscriberFilter] = useState('');
  const [applied, setApplied] = useState('');
  const pages = usePages();
  const keys = useData(
    () =>
      result(
        api.GET('/v1/api-keys', {
          params: {
            query: {
              limit: 25,
              ...(applied ? { subscriberId: applied } : {}),
              ...(pages.cursor ? { cursor: pages.cursor } : {}),
            },
          },
        }),
      ),
    [applied, pages.cursor],
  );
  const [shownKey, setShownKey] = useState<{ label: string; key: string } | undefined>(undefined);

  const [name, setName] = useState('');
  const createSubscriber = useAction(async () => {
    const created = await result(api.POST('/v1/subscribers', { body: { name } }));
    setShownKey({ label: `API key of ${created.name} (${created.id})`, key: created.apiKey });
    setName('');
    await keys.reload();
  });

  const [scope, setScope] = useState<Scope>('subscriber');
  const [keySubscriber, setKeySubscriber] = useState('');
  const [keyName, setKeyName] = useState('');
  const createKey = useAction(async () => {
    const created = await result(
      api.POST('/v1/api-keys', {
        body: {
          scope,
          ...(scope === 'subscriber' ? { subscriberId: keySubscriber } : {}),
          ...(keyName ? { name: keyName } : {}),
        },
      }),
    );
    setShownKey({ label: `New ${created.scope} key ${created.keyId}`, key: created.apiKey });
    await keys.reload();
  });
  const revoke = useAction(async (keyId: string) => {
    if (!window.confirm(`Revoke ${keyId}? It stops working at once.`)) return;
    await result(api.DELETE('/v1/api-keys/{keyId}', { params: { path: { keyId } } }));
    await keys.reload();
  });

  return (
    <section>
      <h1>Subscribers and keys</h1>
      {shownKey && (
        <section class="secret" aria-label="New API key">
          <h2>{shownKey.label}</h2>
          <p>Hand it over now: it is shown only this once.</p>
          <code data-testid="new-api-key">{shownKey.key}</code>{' '}
          <CopyButton text={shownKey.key} label="Copy key" />
        </section>
      )}
      <div class="grid2">
        <form
          class="card"
          onSubmit={(e) => {
            e.preventDefault();
            void createSubscriber.run();
          }}
        >
          <h2>New subscriber</h2>
          <ProblemBanner problem={createSubscriber.problem} shown={['name']} />
          <Field label="Organisation name" field="name" problem={createSubscriber.problem}>
            {(attrs) => <input {...attrs} value={name} onInput={(e) => setName(e.currentTarget.value)} />}
          </Field>
          <button class="primary" type="submit" disabled={createSubscriber.busy}>
            Create subscriber
          </button>
        </form>
        <form
          class="card"
          onSubmit={(e) => {
            e.preventDefault();
            void createKey.run();
          }}
        >
          <h2>New API key</h2>
          <ProblemBanner problem={createKey.problem} shown={['scope', 'subscriberId', 'name']} />
          <Field label="Scope" field="scope" problem={createKey.problem} scope="new-key">
            {(attrs) => (
              <select
                {...attrs}
                value={scope}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  if (v === 'admin' || v === 'ingest' || v === 'subscriber') setScope(v);
                }}
              >
                <option value="subscriber">subscriber</option>
                <option value="ingest">ingest</option>
                <option value="admin">admin</option>
              </select>
            )}
          </Field>
          {scope === 'subscriber' && (
            <Field label="Subscriber id" field="subscriberId" problem={createKey.problem} scope="new-key">
              {(attrs) => (
                <input
                  {...attrs}
                  value={keySubscriber}
                  onInput={(e) => setKeySubscriber(e.currentTarget.value)}
                />
              )}
            </Field>
          )}
          <Field label="Label (optional)" field="name" problem={createKey.problem} scope="new-key">
            {(attrs) => (
              <input {...attrs} value={keyName} onInput={(e) => setKeyName(e.currentTarget.value)} />
            )}
          </Field>
          <button type="submit" disabled={createKey.busy}>
            Create key
          </button>
        </form>
      </div>
      <h2>API keys</h2>
      <form
        class="filters-bar"
        onSubmit={(e) => {
          e.preventDefault();
          pages.reset();
          setApplied(subscriberFilter.trim());
        }}
      >
        <Field label="Subscriber id" field="subscriberId" problem={keys.problem} scope="key-filter">
          {(attrs) => (
            <input
              {...attrs}
              value={subscriberFilter}
              onInput={(e) => setSubscriberFilter(e.currentTarget.value)}
            />
          )}
        </Field>
        <button type="submit">Show</button>
      </form>
      <ProblemBanner problem={revoke.problem} />
      <PagedTable caption="API keys" list={keys} pages={pages} {...keyTable(true, revoke.run)} />
    </section>
  );
}

/** One subscriber's subscriptions, with links to edit each one's filters. */
export function AdminSubscriberPage({ id }: { id: string }) {
  const pages = usePages();
  const subs = useData(
    () =>
      result(
        api.GET('/v1/admin/subscriptions', {
          params: {
            query: { subscriberId: id, limit: 25, ...(pages.cursor ? { cursor: pages.cursor } : {}) },
          },
        }),
      ),
    [id, pages.cursor],
  );
  return (
    <section>
      <h1>
        Subscriber <code>{id}</code>
      </h1>
      <AdminDefaultProfile id={id} />
      <PagedTable
        caption={<>Subscriptions of {id}</>}
        columns={['Name', 'Filters', 'Channels', 'Status', 'Actions']}
        list={subs}
        pages={pages}
        empty="No subscriptions."
        row={(s) => (
          <tr key={s.id}>
            <td>{s.name}</td>
            <SubscriptionCells s={s} />
            <td>
              <a class="button" href={`#/admin/subscriptions/${s.id}`}>
                Edit filters
              </a>
            </td>
          </tr>
        )}
      />
    </section>
  );
}
