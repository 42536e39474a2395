import type { Catalogue } from '../catalogue/catalogue.js';
import type { EventType } from '../model/delivery.js';
import type { Notifier, OperatorAlert } from '../notify/notifier.js';
import type { DeliveryMessage, DeliveryQueue } from '../queue/delivery-queue.js';
import type { DeliveryStore } from '../store/delivery-store.js';
import type { PolicyChangeStore } from '../store/policy-change-store.js';
import type { SubscriptionStore } from '../store/subscription-store.js';
import { buildAlert } from './build-alert.js';
import { indexPartitions, matchFilters, prepareChange } from './match-filters.js';

export interface MatcherDeps {
  changes: PolicyChangeStore;
  subscriptions: SubscriptionStore;
  deliveries: DeliveryStore;
  queue: DeliveryQueue;
  notifier: Notifier;
  catalogue: () => Catalogue | Promise<Catalogue>;
  clock: () => Date;
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
}

/** SQS and SNS both take ten entries per batch call. */
const BATCH = 10;

/** How many alert transactions run at once: enough to hide latency, few enough not to throttle. */
const WRITE_CONCURRENCY = 16;

export class MatcherError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MatcherError';
  }
}

/**
 * Matches one stored revision of a policy change against every subscription and writes one alert
 * per match, with its deliveries, then enqueues them. Safe to run again on the same revision: it
 * creates nothing twice and re-enqueues deliveries a crashed run left unsent.
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
  const { contentHash: _hash, previousRevision, ...change } = stored;
  const type: EventType =
    input.type ?? (previousRevision === undefined ? 'policy_change.published' : 'policy_change.updated');

  if (!input.type) await deps.changes.touchMatching(change.id, change.revision, deps.clock());
  const catalogue = await deps.catalogue();
  const prepared = prepareChange(change, catalogue);
  const { candidates, itemsRead } = await deps.subscriptions.candidates(indexPartitions(prepared));

  const matches = candidates.flatMap((candidate) => {
    if (candidate.status !== 'active') return [];
    const match = matchFilters(prepared, candidate.filters, catalogue);
    return match ? [{ candidate, match }] : [];
  });

  const now = deps.clock();
  let alertsCreated = 0;
  let deliveriesEnqueued = 0;
  // Deliveries go to the queue in batches of ten as their alerts are written, so the first
  // webhooks leave while a large fan-out is still being written.
  const outbox: DeliveryMessage[] = [];
  const operatorOutbox: OperatorAlert[] = [];
  const flush = async (all: boolean) => {
    while (outbox.length >= BATCH || (all && outbox.length > 0)) {
      const batch = outbox.splice(0, BATCH);
      deliveriesEnqueued += batch.length;
      await deps.queue.enqueue(batch);
    }
    while (operatorOutbox.length >= BATCH || (all && operatorOutbox.length > 0)) {
      await deps.notifier.publishOperatorAlerts(operatorOutbox.splice(0, BATCH));
    }
  };
  await forEachLimited(matches, WRITE_CONCURRENCY, async ({ candidate, match }) => {
    const alert = buildAlert({
      change,
      subscriptionId: candidate.subscriptionId,
      subscriberId: candidate.subscriberId,
      type,
      match,
      now,
    });
    const result = await deps.deliveries.createAlert(alert, candidate.channels);
    if (result.created) alertsCreated += 1;
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
    outbox.push(...result.toSend.map((delivery) => ({ deliveryId: delivery.id })));
    await flush(false);
  });
  await flush(true);

  if (!input.type) await deps.changes.markMatched(change.id, change.revision, matches.length, deps.clock());

  return {
    policyChangeId: change.id,
    revision: change.revision,
    type,
    candidates: candidates.length,
    itemsRead,
    matched: matches.length,
    alertsCreated,
    deliveriesEnqueued,
  };
}

/** Runs `work` over `items` with at most `limit` in flight; the first error rejects after all settle. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      if (item === undefined) continue;
      try {
        await work(item);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (errors.length > 0) throw errors[0];
}
