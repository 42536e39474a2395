import './delivery-log.css';
import { useState } from 'preact/hooks';
import { EVENT_TYPES } from '../../../shared/model/delivery';
import { api, result, type Schemas } from '../api/client';
import type { paths } from '../api/schema';
import { AttemptDetail } from './attempt-detail';
import { useData, usePages } from './data';
import { Field, ProblemBanner, useAction } from './forms';
import { PagedTable } from './table';
import { Time } from './time';
import { usePolling } from './use-polling';
import { Verdict } from './verdict';

type Entry = Schemas['DeliveryLogEntry'];
type LogQuery = NonNullable<paths['/v1/deliveries']['get']['parameters']['query']>;

const STATUSES: NonNullable<LogQuery['status']>[] = ['pending', 'delivered', 'failed', 'dead'];
/** How often the log reads itself again while the tab is in view. */
const REFRESH_MS = 5000;

interface Filters {
  status: string;
  type: string;
  from: string;
  to: string;
  webhookId: string;
}
const NO_FILTERS: Filters = { status: '', type: '', from: '', to: '', webhookId: '' };

/** A date input's day, from the reader's midnight, as the instant the API compares with. */
function dayStart(day: string, plusDays = 0): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T00:00:00`);
  if (Number.isNaN(date.getTime())) return undefined;
  date.setDate(date.getDate() + plusDays);
  return date.toISOString();
}

function queryOf(filters: Filters): Partial<LogQuery> {
  const from = dayStart(filters.from);
  const to = dayStart(filters.to, 1);
  return {
    ...(filters.status ? { status: filters.status as LogQuery['status'] } : {}),
    ...(filters.type ? { type: filters.type as LogQuery['type'] } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(filters.webhookId.trim() ? { webhookId: filters.webhookId.trim() } : {}),
  };
}

/** Why the change matched, in one line: material pairs, codes and regions. */
export function matchSummary(match: Entry['match']): string {
  if (!match) return '';
  const pairs = Array.isArray(match.materials)
    ? (match.materials as { change: string; filter: string }[]).map((m) =>
        m.change === m.filter ? m.change : `${m.change} (your ${m.filter})`,
      )
    : [];
  const list = (key: string) => (Array.isArray(match[key]) ? (match[key] as unknown[]).join(', ') : '');
  return [
    pairs.join(', '),
    list('hsCodes') && `HS ${list('hsCodes')}`,
    typeof match.issuingRegion === 'string' ? `issued by ${match.issuingRegion}` : '',
    list('affectedRegions') && `to ${list('affectedRegions')}`,
    Array.isArray(match.entities) ? `${match.entities.length} watched parties` : '',
    match.earlierAlert ? 'you had an earlier alert about it' : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The delivery log: one subscription's, or (without `subscriptionId`) every subscription of the
 * subscriber. Filters, search by `webhook-id`, attempts with the request and response, Retry (and
 * Recover for one subscription) with a confirmation of what was queued; it refreshes itself.
 */
export function DeliveryLog(props: {
  subscriptionId?: string;
  /** Names of the subscriptions, for the view across them. */
  names?: Record<string, string>;
  /** Bumped by the page when it queued something (a test event). */
  version?: number;
}) {
  const pages = usePages();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [auto, setAuto] = useState(true);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [checkedAt, setCheckedAt] = useState<string | undefined>(undefined);
  const log = useData(async () => {
    const page = await result(
      api.GET('/v1/deliveries', {
        params: {
          query: {
            limit: 20,
            ...(props.subscriptionId ? { subscriptionId: props.subscriptionId } : {}),
            ...queryOf(filters),
            ...(pages.cursor ? { cursor: pages.cursor } : {}),
          },
        },
      }),
    );
    setCheckedAt(new Date().toISOString());
    return page;
  }, [props.subscriptionId, props.version, pages.cursor, filters]);
  usePolling(log.reload, REFRESH_MS, auto);

  const retry = useAction(async (entry: Entry) => {
    const queued = await result(
      api.POST('/v1/deliveries/{id}/retry', { params: { path: { id: entry.id } } }),
    );
    setNotice(
      `Retry queued: ${queued.type} (${queued.webhookId}) goes out again now with the same webhook-id; its retry schedule starts over.`,
    );
    await log.reload();
  });
  const apply = (next: Filters) => {
    setFilters(next);
    pages.reset();
  };

  return (
    <section aria-labelledby="delivery-log">
      <div class="heading">
        <h2 id="delivery-log">Delivery log</h2>
        <button type="button" onClick={() => log.reload()}>
          Refresh
        </button>
        <label class="inline-check">
          <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.currentTarget.checked)} />
          Refresh every {REFRESH_MS / 1000} s
        </label>
        {checkedAt && (
          <small class="muted" data-checked-at>
            checked <Time iso={checkedAt} />
          </small>
        )}
      </div>
      {props.subscriptionId && <RecoverForm subscriptionId={props.subscriptionId} onQueued={setNotice} />}
      <form
        class="inline log-filters"
        aria-label="Filter the delivery log"
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        <FilterSelect
          label="Status"
          value={draft.status}
          options={STATUSES}
          onChange={(status) => setDraft({ ...draft, status })}
        />
        <FilterSelect
          label="Event"
          value={draft.type}
          options={EVENT_TYPES}
          onChange={(type) => setDraft({ ...draft, type })}
        />
        <DayField
          label="From (day)"
          field="from"
          value={draft.from}
          problem={log.problem}
          onChange={(from) => setDraft({ ...draft, from })}
        />
        <DayField
          label="To (day)"
          field="to"
          value={draft.to}
          problem={log.problem}
          onChange={(to) => setDraft({ ...draft, to })}
        />
        <Field label="webhook-id" field="query.webhookId" problem={log.problem} scope="log">
          {(attrs) => (
            <input
              {...attrs}
              type="search"
              placeholder="msg_…"
              value={draft.webhookId}
              onInput={(e) => setDraft({ ...draft, webhookId: e.currentTarget.value })}
            />
          )}
        </Field>
        <button type="submit">Apply</button>
        <button
          type="button"
          onClick={() => {
            setDraft(NO_FILTERS);
            apply(NO_FILTERS);
          }}
        >
          Clear
        </button>
      </form>
      {notice && (
        <output class="notice" data-log-notice>
          {notice}
        </output>
      )}
      <ProblemBanner problem={retry.problem} />
      <PagedTable
        caption="Deliveries, newest first"
        columns={[
          'Created',
          ...(props.subscriptionId ? [] : ['Subscription']),
          'Change and why it matched',
          'Channel',
          'Status',
          'Attempts',
          'Actions',
        ]}
        class="deliveries"
        list={log}
        pages={pages}
        empty="No delivery matches."
        row={(d) => (
          <tr key={d.id} data-delivery={d.id} data-status={d.status}>
            <td>
              <Time iso={d.createdAt} />
            </td>
            {!props.subscriptionId && (
              <td>
                <a href={`#/subscriptions/${d.subscriptionId}`}>
                  {props.names?.[d.subscriptionId] ?? d.subscriptionId}
                </a>
              </td>
            )}
            <td>
              <ChangeCell entry={d} />
            </td>
            <td>{d.channel}</td>
            <td>
              <span class={`badge ${d.status}`}>{d.status}</span>
              {d.nextAttemptAt && (
                <small>
                  {' '}
                  next <Time iso={d.nextAttemptAt} />
                </small>
              )}
              {d.deadReason && <small> {d.deadReason}</small>}
            </td>
            <td>
              <details>
                <summary>{d.attempts.length} attempt(s)</summary>
                <ol class="attempts">
                  {d.attempts.map((a, i) => (
                    <AttemptDetail key={i} attempt={a} index={i} />
                  ))}
                </ol>
              </details>
            </td>
            <td>
              <button type="button" disabled={retry.busy} onClick={() => retry.run(d)}>
                Retry
              </button>
            </td>
          </tr>
        )}
      />
    </section>
  );
}

function ChangeCell({ entry }: { entry: Entry }) {
  const change = entry.policyChange;
  return (
    <>
      {change ? (
        <strong data-change-title>
          {change.url ? (
            <a href={change.url} rel="noreferrer noopener" target="_blank">
              {change.title}
            </a>
          ) : (
            change.title
          )}
        </strong>
      ) : null}
      <br />
      <small>
        {entry.type} · <code>{entry.webhookId}</code>
      </small>
      {entry.match && matchSummary(entry.match) && (
        <p class="match" data-match>
          Matched: {matchSummary(entry.match)}
        </p>
      )}
      <Verdict applicability={entry.applicability} />
    </>
  );
}

function DayField(props: {
  label: string;
  field: 'from' | 'to';
  value: string;
  problem: unknown;
  onChange: (day: string) => void;
}) {
  return (
    <Field label={props.label} field={`query.${props.field}`} problem={props.problem} scope="log">
      {(attrs) => (
        <input
          {...attrs}
          type="date"
          value={props.value}
          onInput={(e) => props.onChange(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

function FilterSelect(props: {
  label: string;
  value: string;
  options: readonly string[];
  onChange: (value: string) => void;
}) {
  const id = `log-filter-${props.label.toLowerCase()}`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="">any</option>
        {props.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Sends again every failed delivery since a time, and says how many were queued and skipped. */
function RecoverForm(props: { subscriptionId: string; onQueued: (notice: string) => void }) {
  const [since, setSince] = useState('');
  const recover = useAction(async () => {
    const at = since ? new Date(since) : undefined;
    const out = await result(
      api.POST('/v1/subscriptions/{id}/recover', {
        params: { path: { id: props.subscriptionId } },
        // A blank or unreadable time goes to the API as it is, which says what is wrong with it.
        body: { since: at && !Number.isNaN(at.getTime()) ? at.toISOString() : since },
      }),
    );
    props.onQueued(
      out.recovered === 0 && out.skipped === 0
        ? 'Recover queued nothing: no failed or dead delivery since then.'
        : `Recover queued ${out.recovered} ${out.recovered === 1 ? 'delivery' : 'deliveries'} again, paced at the webhook's rate` +
            (out.skipped ? `; ${out.skipped} skipped (replayed as often as allowed this hour).` : '.'),
    );
  });
  return (
    <>
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          void recover.run();
        }}
      >
        <Field
          label="Send again every failed delivery since (your time)"
          field="since"
          problem={recover.problem}
        >
          {(attrs) => (
            <input
              {...attrs}
              type="datetime-local"
              step={1}
              value={since}
              onInput={(e) => setSince(e.currentTarget.value)}
            />
          )}
        </Field>
        <button type="submit" disabled={recover.busy}>
          Recover
        </button>
      </form>
      <ProblemBanner problem={recover.problem} shown={['since']} />
    </>
  );
}
