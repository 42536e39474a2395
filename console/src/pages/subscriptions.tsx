import { api, result, type Schemas } from '../api/client';
import { navigate } from '../router';
import { Loading, useData } from '../ui/data';
import { ProblemBanner, useAction } from '../ui/forms';
import { ListTable } from '../ui/table';
import { Time } from '../ui/time';

export type Subscription = Schemas['Subscription'];

export function channelsOf(s: Subscription): string {
  return [
    s.webhook ? `webhook (${s.webhook.status})` : '',
    s.sms ? `SMS ×${s.sms.length}` : '',
    s.email ? `e-mail ×${s.email.length}` : '',
    s.slack ? 'Slack' : '',
    s.teams ? 'Teams' : '',
    s.digest ? `${s.digest.frequency} digest` : '',
    s.feed ? 'event feed' : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** One line per subscription: its clauses, each as materials → destinations ≥ severity. */
export function filtersSummary(filters: Subscription['filters']): string {
  const clauses = Array.isArray(filters) ? filters : [filters];
  return clauses.map(clauseSummary).join(' | ');
}

function clauseSummary(f: Exclude<Subscription['filters'], unknown[]>): string {
  const parts = [
    f.materials?.length ? f.materials.join(', ') : '',
    f.affectedRegions?.length ? `→ ${f.affectedRegions.join(', ')}` : '',
    f.minSeverity ? `≥ ${f.minSeverity}` : '',
    f.entities?.length ? `${f.entities.length} watched entities` : '',
    f.scopes?.length ? `[${f.scopes.join(', ')}]` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

/** The filters, channels and status cells of a subscription's row. */
export function SubscriptionCells({ s }: { s: Subscription }) {
  return (
    <>
      <td>{filtersSummary(s.filters)}</td>
      <td>{channelsOf(s)}</td>
      <td>
        <span class={`badge ${s.status}`}>{s.status}</span>
      </td>
    </>
  );
}

/** "Pause" on an active subscription, "Resume" on a paused one. */
export function PauseResume(props: {
  status: Subscription['status'];
  onPause: () => void;
  onResume: () => void;
}) {
  if (props.status === 'active')
    return (
      <button type="button" onClick={props.onPause}>
        Pause
      </button>
    );
  if (props.status === 'paused')
    return (
      <button type="button" onClick={props.onResume}>
        Resume
      </button>
    );
  return null;
}

/** The subscriber's subscriptions, with pause and resume at hand. */
export function SubscriptionsPage() {
  const { data, problem, loading, reload } = useData(() => result(api.GET('/v1/subscriptions')), []);
  const toggle = useAction(async (s: Subscription) => {
    await result(
      api.PATCH('/v1/subscriptions/{id}', {
        params: { path: { id: s.id } },
        body: { status: s.status === 'paused' ? 'active' : 'paused' },
      }),
    );
    await reload();
  });
  return (
    <section>
      <div class="heading">
        <h1>Subscriptions</h1>
        <a class="button primary" href="#/subscriptions/new">
          New subscription
        </a>
      </div>
      <Loading loading={loading && !data} problem={problem} />
      <ProblemBanner problem={toggle.problem} />
      <ListTable
        caption="Your subscriptions"
        columns={['Name', 'Filters', 'Channels', 'Status', 'Updated', 'Actions']}
        items={data?.items}
        empty="No subscriptions yet. Create one to start receiving alerts."
        row={(s) => (
          <tr key={s.id}>
            <td>
              <a href={`#/subscriptions/${s.id}`}>{s.name}</a>
            </td>
            <SubscriptionCells s={s} />
            <td>
              <Time iso={s.updatedAt} />
            </td>
            <td class="actions">
              <button type="button" onClick={() => navigate(`/subscriptions/${s.id}/edit`)}>
                Edit
              </button>
              {s.status !== 'disabled' && (
                <button type="button" disabled={toggle.busy} onClick={() => toggle.run(s)}>
                  {s.status === 'paused' ? 'Resume' : 'Pause'}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
