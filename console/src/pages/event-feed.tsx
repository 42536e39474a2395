import { useState } from 'preact/hooks';
import { api, result, type Schemas } from '../api/client';
import { CopyButton, Loading, useData } from '../ui/data';
import { Field, ProblemBanner } from '../ui/forms';
import { ListTable } from '../ui/table';
import { Time } from '../ui/time';
import '../ui/long-tokens.css';

type FeedEvent = Schemas['FeedEvent'];

/** Events per page here: enough to see what arrived, few enough to read. */
const PAGE = 20;

/** What the console shows of an event's change, read defensively: `data` is the webhook body's. */
function changeTitle(event: FeedEvent): string {
  const change = event.data.policyChange;
  return typeof change === 'object' && change !== null && 'title' in change ? String(change.title) : '—';
}

/**
 * The subscriber's event feed as a receiver would read it: a page after a cursor, and the cursor to
 * resume from. A receiver stores `nextCursor` and asks again with it; nothing is skipped or repeated.
 */
export function EventFeedPage() {
  const [after, setAfter] = useState<string | undefined>(undefined);
  const [typed, setTyped] = useState('');
  const page = useData(
    () => result(api.GET('/v1/events', { params: { query: { limit: PAGE, ...(after ? { after } : {}) } } })),
    [after],
  );
  const next = page.data?.nextCursor;
  const request = `curl -H "Authorization: Bearer $MATERIAL_ALERTS_KEY" \\\n  "${window.location.origin}/v1/events?limit=50${next ? `&after=${next}` : ''}"`;
  return (
    <section>
      <h1>Event feed</h1>
      <p>
        The alerts of your subscriptions that keep the event feed, oldest first, for systems that cannot
        receive webhook calls. Each event is the webhook body with its <code>id</code> (the{' '}
        <code>webhook-id</code>). Events are kept for the delivery retention period (90 days unless configured
        otherwise).
      </p>
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          setAfter(typed.trim() || undefined);
        }}
        noValidate
      >
        <Field label="Read after cursor (empty: from the oldest)" field="query.after" problem={page.problem}>
          {(attrs) => <input {...attrs} value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />}
        </Field>
        <button type="submit">Read</button>
      </form>
      {page.problem ? <ProblemBanner problem={page.problem} shown={['query.after']} /> : null}
      {!page.data ? (
        <Loading loading={page.loading} problem={undefined} />
      ) : (
        <>
          <ListTable<FeedEvent>
            caption="Events after the cursor"
            class="events"
            columns={['Time', 'Type', 'Change', 'Subscription', 'Id']}
            items={page.data.items}
            empty={
              after
                ? 'No events after this cursor yet. Ask again later with the same cursor.'
                : 'No events yet. Turn on the event feed in a subscription to keep its alerts here.'
            }
            row={(event) => (
              <tr key={event.id}>
                <td>
                  <Time iso={event.timestamp} />
                </td>
                <td>
                  <code>{event.type}</code>
                </td>
                <td>{changeTitle(event)}</td>
                <td>
                  <a href={`#/subscriptions/${String(event.data.subscriptionId)}`}>
                    {String(event.data.subscriptionId)}
                  </a>
                </td>
                <td>
                  <code>{event.id}</code>
                </td>
              </tr>
            )}
          />
          <section class="card" aria-labelledby="cursor-heading">
            <h2 id="cursor-heading">Resume from here</h2>
            <p>
              Cursor after these events: <code class="cursor">{next}</code>{' '}
              {next && <CopyButton text={next} label="Copy cursor" />}
            </p>
            <div class="form-actions">
              <button
                type="button"
                disabled={!next || next === after}
                onClick={() => {
                  setTyped(next ?? '');
                  setAfter(next);
                }}
              >
                Read on from this cursor
              </button>
              <button type="button" onClick={() => void page.reload()}>
                Check again
              </button>
              <button
                type="button"
                onClick={() => {
                  setTyped('');
                  setAfter(undefined);
                }}
              >
                Start from the oldest
              </button>
            </div>
            <p class="hint">A receiver does the same: keep the cursor and ask again with it.</p>
            <pre>{request}</pre>
          </section>
        </>
      )}
    </section>
  );
}
