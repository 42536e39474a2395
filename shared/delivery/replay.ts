import { ConflictError, NotFoundError, ValidationError } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { buildAlert } from '../matching/build-alert.js';
import { exampleDetails } from '../matching/event-examples.js';
import type { ChangeEventType, Delivery } from '../model/delivery.js';
import { filterClauses } from '../model/filter-clauses.js';
import { type PolicyChange, withChangeDefaults } from '../model/policy-change.js';
import { endpointKey, type Subscription } from '../model/subscription.js';
import { type DeliveryStore, parseDeliveryId, ReplayLimitError } from '../store/delivery-store.js';
import { endpointHash } from '../store/keys.js';
import type { RecoveryLockStore } from '../store/recovery-lock-store.js';
import { DEFAULT_WEBHOOK_RATE_LIMIT } from '../subscriptions/subscription-service.js';
import { type DeliveryQueue, deliveryMessage } from './queue/delivery-queue.js';

export interface ReplayDeps {
  deliveries: DeliveryStore;
  queue: DeliveryQueue;
  clock: () => Date;
  /** One recovery per subscription at a time. */
  recoveryLocks: RecoveryLockStore;
  /**
   * Replays (retries and recoveries) one delivery may have per hour, 3 by default (`REPLAY_LIMIT`);
   * deliveries per second for a webhook that names none, 10 by default (`WEBHOOK_RATE_LIMIT`).
   */
  limits?: { replayLimit?: number; webhookRateLimit?: number };
}

/** Replays allowed per delivery within this window. */
export const REPLAY_WINDOW_MS = 3_600_000;
export const DEFAULT_REPLAY_LIMIT = 3;

/**
 * Time between two replayed deliveries of one recovery: the endpoint's own delivery rate
 * (`webhook.rateLimit`), the same the dispatcher keeps, so a recovery never lands on the receiver
 * as one burst and the dispatcher finds each one due at its turn.
 */
export function replayIntervalMs(
  deps: Pick<ReplayDeps, 'limits'>,
  subscription: Pick<Subscription, 'webhook'>,
): number {
  const rate = subscription.webhook?.rateLimit ?? deps.limits?.webhookRateLimit ?? DEFAULT_WEBHOOK_RATE_LIMIT;
  return 1000 / rate;
}

/** How long a recovery's lock holds while it reopens deliveries (a crashed one's runs out). */
const RECOVERY_LEASE_MS = 5 * 60_000;

const budget = (deps: ReplayDeps) => ({
  limit: deps.limits?.replayLimit ?? DEFAULT_REPLAY_LIMIT,
  windowMs: REPLAY_WINDOW_MS,
});

/**
 * Sends one delivery again, whatever its state, with the same `webhook-id` (receivers dedupe on
 * it) and a fresh retry budget, at most `REPLAY_LIMIT` times an hour (429 beyond, with
 * Retry-After). Only its owner sees it: other subscribers' ids are not found.
 */
export async function retryDelivery(
  deps: ReplayDeps,
  deliveryId: string,
  /** The caller's subscriber id; undefined for an administrator. */
  subscriberId: string | undefined,
): Promise<Delivery> {
  const parsed = parseDeliveryId(deliveryId);
  const alert = parsed && (await deps.deliveries.getAlert(parsed.alertId));
  const delivery =
    alert &&
    (await deps.deliveries.getState({
      deliveryId,
      subscriptionId: alert.subscriptionId,
      createdAt: alert.createdAt,
    }));
  if (!alert || !delivery || (subscriberId !== undefined && delivery.subscriberId !== subscriberId)) {
    throw new NotFoundError(`delivery ${deliveryId}`);
  }
  const reopened = await deps.deliveries.reopen(delivery, deps.clock(), { budget: budget(deps) });
  if (!reopened) throw new NotFoundError(`delivery ${deliveryId}`);
  // The body goes with the message: the dispatcher reads nothing but the delivery's state.
  await deps.queue.enqueue([deliveryMessage(reopened, alert)]);
  return reopened;
}

/** A delivery left out of a bulk retry, and why. */
export interface SkippedRetry {
  deliveryId: string;
  reason: string;
}

/**
 * Queues dead deliveries again (an operator's bulk retry), each with a fresh retry budget and its
 * same `webhook-id`; a repeated id counts once. Ids that are unknown or not dead are skipped with
 * the reason. The hourly replay budget does not apply: this is the operators' own tool.
 */
export async function retryDeadDeliveries(
  deps: Pick<ReplayDeps, 'deliveries' | 'queue' | 'clock'>,
  deliveryIds: readonly string[],
): Promise<{ retried: Delivery[]; skipped: SkippedRetry[] }> {
  const now = deps.clock();
  const retried: Delivery[] = [];
  const skipped: SkippedRetry[] = [];
  for (const deliveryId of new Set(deliveryIds)) {
    const delivery = await deps.deliveries.getDelivery(deliveryId);
    const reopened = delivery?.status === 'dead' ? await deps.deliveries.reopen(delivery, now) : undefined;
    if (reopened) retried.push(reopened);
    else if (delivery && delivery.status !== 'dead')
      skipped.push({ deliveryId, reason: `not dead (${delivery.status})` });
    else skipped.push({ deliveryId, reason: 'not found' });
  }
  // The messages say where each state is; the dispatcher reads the body from the alert.
  for (let start = 0; start < retried.length; start += 10) {
    await deps.queue.enqueue(retried.slice(start, start + 10).map((delivery) => deliveryMessage(delivery)));
  }
  return { retried, skipped };
}

/** At most this many deliveries are recovered per call, so one request stays short. */
export const RECOVER_LIMIT = 5000;

/**
 * Sends again every failed or dead delivery of the subscription created since `since`, e.g. after
 * an outage on the receiver's side. Deliveries still pending or already delivered are left alone,
 * and so are those replayed as often as their budget allows this hour (`skipped`). They go out
 * paced at the endpoint's rate (`replayIntervalMs`), and the recovery counts as running until the
 * last is due: another recovery of the subscription meanwhile answers 409.
 */
export async function recoverDeliveries(
  deps: ReplayDeps,
  subscription: Pick<Subscription, 'id' | 'webhook'>,
  since: Date,
): Promise<{ recovered: number; skipped: number; deliveryIds: string[] }> {
  const subscriptionId = subscription.id;
  const intervalMs = replayIntervalMs(deps, subscription);
  const now = deps.clock();
  if (since.getTime() > now.getTime()) {
    throw new ValidationError('since is in the future', [
      { field: 'since', message: 'must not be in the future' },
    ]);
  }
  if (!(await deps.recoveryLocks.acquire(subscriptionId, now, RECOVERY_LEASE_MS))) {
    throw new ConflictError(
      'recovery-in-progress',
      `a recovery of subscription ${subscriptionId} is still sending its deliveries; try again when it has finished`,
    );
  }
  const deliveryIds: string[] = [];
  let skipped = 0;
  let lastDue: Date | undefined;
  let batch: { delivery: Delivery; dueAt: Date }[] = [];
  const flush = async () => {
    const first = batch[0];
    if (!first) return;
    // Visible when the first is due; the dispatcher waits out the others' remainders (nextAttemptAt).
    await deps.queue.enqueue(
      batch.map(({ delivery }) => deliveryMessage(delivery)),
      Math.max(0, first.dueAt.getTime() - deps.clock().getTime()),
    );
    batch = [];
  };
  try {
    const candidates = (await deps.deliveries.listSince(subscriptionId, since.toISOString()))
      .filter((delivery) => delivery.status === 'failed' || delivery.status === 'dead')
      .slice(0, RECOVER_LIMIT);
    for (const delivery of candidates) {
      // Each one due an interval after the previous, and never before it is reopened: the pace holds
      // however fast or slow reopening goes.
      const clock = deps.clock().getTime();
      const dueAt = new Date(lastDue ? Math.max(clock, lastDue.getTime() + intervalMs) : clock);
      try {
        const reopened = await deps.deliveries.reopen(delivery, now, { dueAt, budget: budget(deps) });
        if (!reopened) continue;
        deliveryIds.push(reopened.id);
        lastDue = dueAt;
        batch.push({ delivery: reopened, dueAt });
        // Sent in tens (one queue request), unless reopening is slower than the pace: then the
        // batch's first is due already, and holding it for the rest would send them as a burst.
        const first = batch[0]?.dueAt ?? dueAt;
        if (batch.length === 10 || first.getTime() <= deps.clock().getTime()) await flush();
      } catch (error) {
        if (!(error instanceof ReplayLimitError)) throw error;
        skipped += 1;
      }
    }
    await flush();
  } finally {
    await deps.recoveryLocks.holdUntil(subscriptionId, lastDue ?? now, deps.clock());
  }
  return { recovered: deliveryIds.length, skipped, deliveryIds };
}

/**
 * A `subscription.test` event to the subscription's webhook: a new alert each time, signed and
 * recorded like any other, so the receiver's verification can be checked end to end.
 */
export async function sendTestEvent(
  deps: ReplayDeps,
  subscription: Subscription,
  type: ChangeEventType = 'subscription.test',
): Promise<Delivery> {
  if (!subscription.webhook) {
    throw new ValidationError('this subscription has no webhook', [
      { field: 'webhook', message: 'add a webhook to test it' },
    ]);
  }
  const now = deps.clock();
  // A stand-in change with an id of its own, so that every test is an alert of its own.
  const change: PolicyChange = withChangeDefaults({
    id: newId('test', now),
    source: 'material-alerts',
    sourceRef: 'test-event',
    revision: 1,
    title: 'Test event: your webhook receives and verifies Material Alerts deliveries',
    issuingRegion: 'US',
    affectedRegions: ['*'],
    materials: [...new Set(filterClauses(subscription.filters).flatMap((clause) => clause.materials ?? []))]
      .filter((m) => m !== '*')
      .slice(0, 5),
    changeType: 'other',
    severity: 'low',
    ingestedAt: now.toISOString(),
    matching: { status: 'completed', matchedSubscriptions: 1 },
  });
  const alert = buildAlert({
    change,
    subscriptionId: subscription.id,
    subscriberId: subscription.subscriberId,
    type,
    match: { materials: [] },
    now,
    ...withExampleDetails(type, now),
  });
  const { toSend } = await deps.deliveries.createAlert(alert, ['webhook']);
  const group = endpointHash(endpointKey(subscription.webhook.url));
  await deps.queue.enqueue(
    toSend.map((delivery) => deliveryMessage(delivery, alert, subscription.version, group)),
  );
  const [delivery] = toSend;
  if (!delivery) throw new NotFoundError(`test delivery for ${subscription.id}`);
  return delivery;
}

/** A test event of another type carries what that event adds (a field change, a transition). */
function withExampleDetails(type: ChangeEventType, now: Date) {
  const details = exampleDetails(type, now);
  return details ? { details } : {};
}
