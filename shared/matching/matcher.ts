import type { Notifier, OperatorAlert } from '../delivery/notify/notifier.js';
import {
  type DeliveryMessage,
  type DeliveryQueue,
  deliveryMessage,
} from '../delivery/queue/delivery-queue.js';
import { forEachLimited } from '../kernel/concurrency.js';
import type { MetricsRecorder } from '../kernel/metrics.js';
import type { Catalogue } from '../model/catalogue.js';
import type { EventDetails, EventType, FieldChange, MatchExplanation } from '../model/delivery.js';
import type { Lifecycle, PolicyChange } from '../model/policy-change.js';
import type { DeliveryStore } from '../store/delivery-store.js';
import type { PolicyChangeStore } from '../store/policy-change-store.js';
import type { IndexedSubscription, SubscriptionStore } from '../store/subscription-store.js';
import { buildAlert } from './build-alert.js';
import { matchCandidates } from './match-clauses.js';
import { indexPartitions, prepareChange } from './match-filters.js';
import { relatedChanges } from './related-changes.js';
import { judgeMatches } from './verdicts.js';

export interface MatcherDeps {
  changes: PolicyChangeStore;
  subscriptions: SubscriptionStore;
  deliveries: DeliveryStore;
  queue: DeliveryQueue;
  notifier: Notifier;
  catalogue: () => Catalogue | Promise<Catalogue>;
  clock: () => Date;
  /**
   * Called before a revision's alerts are built with the ids of the changes it names in its
   * relations, so their status follows first (a suspension that arrives suspends its targets at
   * once, and its alerts list them as suspended).
   */
  onRelationsChanged?: (policyChangeIds: string[]) => Promise<void>;
  metrics?: MetricsRecorder;
  /**
   * Runs a fan-out somewhere else, with stores of its own: local mode hands fan-outs to its
   * matching thread, so comparing names never holds up the API. By default they run here
   * (`fanOut`).
   */
  runFanOut?: (job: FanOutJob) => Promise<MatchReport>;
}

/** One fan-out: a revision, or a status change of it, to every subscription it reaches. */
export interface FanOutJob {
  change: PolicyChange;
  type: EventType;
  details: EventDetails;
  /** Tells apart several alerts of one type about one revision (status transitions). */
  key?: string;
  /** Keep the revision pending until the queue has handled each new delivery once (`watchAttempts`). */
  guarded?: boolean;
  /** The change's lifecycle to embed, when it is newer than the stored one (a transition being alerted). */
  lifecycle?: Lifecycle;
}

export interface MatchReport {
  policyChangeId: string;
  revision: number;
  type: EventType;
  candidates: number;
  itemsRead: number;
  matched: number;
  alertsCreated: number;
  deliveriesEnqueued: number;
  /** Alerts found without their deliveries while their creator may still be writing them. */
  alertsDeferred?: number;
  /** Matches not sent because the change does not apply to them (`filters.applicability`). */
  notApplicable?: number;
  /** Alerts this revision has, created now or by an earlier run (matches sent, earlier recipients too). */
  alerts?: number;
  /**
   * The queue stopped before every new delivery had its first attempt (an in-process queue): the
   * revision stays pending, and its rerun after a restart sends what was never attempted.
   */
  queueStopped?: true;
}

/** SQS and SNS both take ten entries per batch call. */
const BATCH = 10;

/**
 * Alerts written together: their deliveries' state and the batch's recipients record go in one
 * BatchWriteItem (25 items) when each alert has one channel.
 */
const ALERT_BATCH = 24;

/** How many batches of alerts are written at once: enough to hide latency, few enough not to throttle. */
const WRITE_CONCURRENCY = 2;

export class MatcherError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MatcherError';
  }
}

/** Events that go to everyone who had an alert about the change, not only to current matches. */
const TO_EARLIER_RECIPIENTS: ReadonlySet<EventType> = new Set([
  'policy_change.updated',
  'policy_change.status_changed',
  'policy_change.effective_soon',
  'policy_change.expiring_soon',
]);

/**
 * Matches one stored revision of a policy change against every subscription and writes one alert
 * per match, with its deliveries, then enqueues them. Safe to run again on the same revision: it
 * creates nothing twice and re-enqueues deliveries a crashed run left unsent. An update also goes
 * to every subscription that had an alert about an earlier revision, with what changed.
 *
 * @example
 * await matchPolicyChange(deps, { policyChangeId: 'pc_…', revision: 1 });
 */
export async function matchPolicyChange(
  deps: MatcherDeps,
  input: {
    policyChangeId: string;
    revision: number;
    /** A reminder's event type; by default the revision's own (published or updated). */
    type?: Extract<EventType, 'policy_change.effective_soon' | 'policy_change.expiring_soon'>;
  },
): Promise<MatchReport> {
  const stored = await deps.changes.getRevision(input.policyChangeId, input.revision);
  if (!stored)
    throw new MatcherError(`policy change ${input.policyChangeId} revision ${input.revision} is not stored`);
  const { contentHash: _hash, previousRevision, ...unlinked } = stored;
  const type: EventType =
    input.type ?? (previousRevision === undefined ? 'policy_change.published' : 'policy_change.updated');

  let change: PolicyChange = unlinked;
  if (!input.type) {
    await deps.changes.touchMatching(change.id, change.revision, deps.clock());
    // The relations are applied before the alerts are built: the targets' ids filled in, then
    // their status moved on, so the alerts show the targets as this change leaves them.
    const linked = await deps.changes.linkRelationTargets(change);
    if (linked) change = { ...change, relatedChanges: linked };
    await deps.onRelationsChanged?.(relatedTargetIds(change));
  }
  const details: EventDetails = {};
  if (type === 'policy_change.updated' && previousRevision !== undefined) {
    const previous = await deps.changes.getRevision(change.id, previousRevision);
    if (previous) details.changes = diffRevisions(previous, change);
  }
  if (type === 'policy_change.expiring_soon') {
    const resumes = await suspendedTargets(deps, change);
    if (resumes.length > 0) details.resumes = resumes;
  }
  // A queue that dies with its process watches the revision's new deliveries to their first
  // attempt, and the revision stays pending until then: its rerun is how a restart finds them.
  const guarded = !input.type && deps.queue.watchAttempts !== undefined;
  const report = await runFanOut(deps, { change, type, details, guarded });
  // A run beside another that is still writing leaves the revision pending: a later sweep finishes it.
  if (!input.type && !report.alertsDeferred && !report.queueStopped) {
    await deps.changes.markMatched(change.id, change.revision, report.matched, deps.clock(), report.alerts);
  }
  return report;
}

/**
 * Tells subscribers that a change's status changed: those it matches now and those that had an
 * alert about it. One alert per subscription and transition (`to` at `at`), whoever runs it.
 */
export async function notifyStatusChange(
  deps: MatcherDeps,
  input: {
    policyChangeId: string;
    statusChange: NonNullable<EventDetails['statusChange']>;
    /** The lifecycle after the transition: alerted before it is stored, and embedded as it will be. */
    lifecycle?: Lifecycle;
  },
): Promise<MatchReport> {
  const view = await deps.changes.view(input.policyChangeId);
  if (!view) throw new MatcherError(`policy change ${input.policyChangeId} is not stored`);
  const { status: _status, statusHistory: _history, ...change } = view;
  return runFanOut(deps, {
    change,
    type: 'policy_change.status_changed',
    details: { statusChange: input.statusChange },
    key: `${input.statusChange.to}@${input.statusChange.at}`,
    ...(input.lifecycle ? { lifecycle: input.lifecycle } : {}),
  });
}

function runFanOut(deps: MatcherDeps, job: FanOutJob): Promise<MatchReport> {
  return deps.runFanOut ? deps.runFanOut(job) : fanOut(deps, job);
}

/**
 * Reads the subscriptions a change can reach from the index, matches each, writes one alert per
 * match (and, for events that go to earlier recipients, to those too) with its deliveries, and
 * queues the deliveries as their alerts are written.
 */
export async function fanOut(deps: MatcherDeps, job: FanOutJob): Promise<MatchReport> {
  const { change, type, ...options } = job;
  const catalogue = await deps.catalogue();
  const prepared = prepareChange(change, catalogue);
  const { candidates, itemsRead } = await deps.subscriptions.candidates(indexPartitions(prepared, catalogue));

  const matches: { candidate: IndexedSubscription; match: MatchExplanation; clauses?: number[] }[] =
    matchCandidates(
      prepared,
      candidates.filter((candidate) => candidate.status === 'active'),
      catalogue,
    );
  const matched = matches.length;
  if (TO_EARLIER_RECIPIENTS.has(type)) {
    const seen = new Set(matches.map((m) => m.candidate.subscriptionId));
    const earlier = (await deps.deliveries.recipientsOf(change.id)).filter((id) => !seen.has(id));
    for (const candidate of await deps.subscriptions.indexed(earlier)) {
      if (candidate.status === 'active')
        matches.push({ candidate, match: { materials: [], earlierAlert: true } });
    }
  }

  // Sent when a clause that matched admits the verdict (its `applicability`); earlier recipients always.
  const { kept, notApplicable } = judgeMatches(change, matches);

  const head = options.lifecycle ? undefined : await deps.changes.getHead(change.id);
  const lifecycle =
    options.lifecycle ?? (head ? { status: head.status, statusHistory: head.statusHistory } : {});
  const now = deps.clock();
  const related = await relatedChanges(deps.changes, change, now);
  const details = related.length > 0 ? { ...options.details, relatedChanges: related } : options.details;
  let alertsCreated = 0;
  let alertsDeferred = 0;
  let deliveriesEnqueued = 0;
  // Deliveries go to the queue in batches of ten as their alerts are written, so the first
  // webhooks leave while a large fan-out is still being written.
  const outbox: DeliveryMessage[] = [];
  const operatorOutbox: OperatorAlert[] = [];
  const watches: Promise<boolean>[] = [];
  const flush = async (all: boolean) => {
    while (outbox.length >= BATCH || (all && outbox.length > 0)) {
      const batch = outbox.splice(0, BATCH);
      deliveriesEnqueued += batch.length;
      const watch = options.guarded ? deps.queue.watchAttempts?.(batch.map((m) => m.deliveryId)) : undefined;
      if (watch) watches.push(watch);
      await deps.queue.enqueue(batch);
    }
    while (operatorOutbox.length >= BATCH || (all && operatorOutbox.length > 0)) {
      await deps.notifier.publishOperatorAlerts(operatorOutbox.splice(0, BATCH));
    }
  };
  // Alerts are written ALERT_BATCH at a time: one conditional put per alert, then their
  // deliveries' state in one batch write.
  const chunks: (typeof kept)[] = [];
  for (let i = 0; i < kept.length; i += ALERT_BATCH) chunks.push(kept.slice(i, i + ALERT_BATCH));
  await forEachLimited(chunks, WRITE_CONCURRENCY, async (chunk) => {
    const alerts = chunk.map(({ candidate, match, applicability }) =>
      buildAlert({
        change: { ...change, ...lifecycle },
        subscriptionId: candidate.subscriptionId,
        subscriberId: candidate.subscriberId,
        type,
        match,
        applicability,
        now,
        details,
        ...(options.key !== undefined ? { key: options.key } : {}),
      }),
    );
    const results = await deps.deliveries.createAlerts(
      alerts.map((alert, i) => ({
        alert,
        channels: chunk[i]?.candidate.channels ?? [],
        feed: chunk[i]?.candidate.feed === true,
      })),
      { guarded: options.guarded === true },
    );
    results.forEach((result, i) => {
      const alert = alerts[i];
      const candidate = chunk[i]?.candidate;
      if (!alert || !candidate) return;
      if (result.created) alertsCreated += 1;
      if (result.deferred) alertsDeferred += 1;
      // Published whenever its deliveries are (re)enqueued, so a run that died before publishing
      // is made good by the retry: the operator feed is at least once, like the webhooks.
      if (result.created || result.toSend.length > 0) {
        operatorOutbox.push({
          alert,
          attributes: {
            subscriptionId: candidate.subscriptionId,
            materials: change.materials,
            severity: change.severity,
            changeType: change.changeType,
            issuingRegion: change.issuingRegion,
          },
        });
      }
      outbox.push(
        ...result.toSend.map((delivery) =>
          deliveryMessage(delivery, alert, candidate.version, candidate.endpoint),
        ),
      );
    });
    await flush(false);
  });
  await flush(true);
  const queueStopped = (await Promise.all(watches)).includes(false);

  deps.metrics?.record('MatcherCandidates', candidates.length);
  deps.metrics?.record('MatcherMatches', matched);
  deps.metrics?.record('AlertsCreated', alertsCreated);
  return {
    policyChangeId: change.id,
    revision: change.revision,
    type,
    candidates: candidates.length,
    itemsRead,
    matched,
    alertsCreated,
    deliveriesEnqueued,
    alerts: kept.length,
    ...(alertsDeferred > 0 ? { alertsDeferred } : {}),
    ...(notApplicable > 0 ? { notApplicable } : {}),
    ...(queueStopped ? { queueStopped: true as const } : {}),
  };
}

/** Fields whose difference is not news: bookkeeping the service writes itself. */
const UNCOMPARED = new Set(['id', 'revision', 'ingestedAt', 'matching', 'contentHash', 'previousRevision']);

/**
 * What differs between two revisions, field by field in a stable order: `from` is absent for a
 * field the new revision adds, `to` for one it drops.
 *
 * @example diffRevisions(rev1, rev2) // [{ field: 'severity', from: 'high', to: 'critical' }]
 */
export function diffRevisions(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): FieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((field) => !UNCOMPARED.has(field))
    .sort();
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const from = before[field];
    const to = after[field];
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes.push({ field, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
  }
  return changes;
}

/** The ids of the stored changes this change names in its relations. */
export function relatedTargetIds(change: PolicyChange): string[] {
  return [
    ...new Set((change.relatedChanges ?? []).flatMap((r) => (r.policyChangeId ? [r.policyChangeId] : []))),
  ];
}

/** The changes a suspension suspends (by id or by source + sourceRef), as `{ id, title }`. */
async function suspendedTargets(
  deps: MatcherDeps,
  change: PolicyChange,
): Promise<{ id: string; title: string }[]> {
  const targets: { id: string; title: string }[] = [];
  for (const related of change.relatedChanges ?? []) {
    if (related.relation !== 'suspends') continue;
    const id =
      related.policyChangeId ??
      (related.source && related.sourceRef
        ? await deps.changes.idOf(related.source, related.sourceRef)
        : undefined);
    const head = id ? await deps.changes.getHead(id) : undefined;
    if (head) targets.push({ id: head.id, title: head.change.title });
  }
  return targets;
}
