import { NotFoundError, ValidationError } from '../errors.js';
import { newId } from '../ids.js';
import { buildAlert } from '../matching/build-alert.js';
import type { Delivery } from '../model/delivery.js';
import { type PolicyChange, withChangeDefaults } from '../model/policy-change.js';
import type { Subscription } from '../model/subscription.js';
import { type DeliveryQueue, deliveryMessage } from '../queue/delivery-queue.js';
import { type DeliveryStore, parseDeliveryId } from '../store/delivery-store.js';

export interface ReplayDeps {
  deliveries: DeliveryStore;
  queue: DeliveryQueue;
  clock: () => Date;
}

/**
 * Sends one delivery again, whatever its state, with the same `webhook-id` (receivers dedupe on
 * it) and a fresh retry budget. Only its owner sees it: other subscribers' ids are not found.
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
  const reopened = await deps.deliveries.reopen(delivery, deps.clock());
  if (!reopened) throw new NotFoundError(`delivery ${deliveryId}`);
  // The body goes with the message: the dispatcher reads nothing but the delivery's state.
  await deps.queue.enqueue([deliveryMessage(reopened, alert)]);
  return reopened;
}

/** At most this many deliveries are recovered per call, so one request stays short. */
export const RECOVER_LIMIT = 5000;

/**
 * Sends again every failed or dead delivery of the subscription created since `since`, e.g. after
 * an outage on the receiver's side. Deliveries still pending or already delivered are left alone.
 */
export async function recoverDeliveries(
  deps: ReplayDeps,
  subscriptionId: string,
  since: Date,
): Promise<{ recovered: number; deliveryIds: string[] }> {
  const now = deps.clock();
  if (since.getTime() > now.getTime()) {
    throw new ValidationError('since is in the future', [
      { field: 'since', message: 'must not be in the future' },
    ]);
  }
  const candidates = (await deps.deliveries.listSince(subscriptionId, since.toISOString()))
    .filter((delivery) => delivery.status === 'failed' || delivery.status === 'dead')
    .slice(0, RECOVER_LIMIT);
  const reopened: Delivery[] = [];
  for (const delivery of candidates) {
    const opened = await deps.deliveries.reopen(delivery, now);
    if (opened) reopened.push(opened);
  }
  const deliveryIds = reopened.map((delivery) => delivery.id);
  for (let start = 0; start < reopened.length; start += 10) {
    await deps.queue.enqueue(reopened.slice(start, start + 10).map((delivery) => deliveryMessage(delivery)));
  }
  return { recovered: deliveryIds.length, deliveryIds };
}

/**
 * A `subscription.test` event to the subscription's webhook: a new alert each time, signed and
 * recorded like any other, so the receiver's verification can be checked end to end.
 */
export async function sendTestEvent(deps: ReplayDeps, subscription: Subscription): Promise<Delivery> {
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
    materials: (subscription.filters.materials ?? []).filter((m) => m !== '*').slice(0, 5),
    changeType: 'other',
    severity: 'low',
    ingestedAt: now.toISOString(),
    matching: { status: 'completed', matchedSubscriptions: 1 },
  });
  const alert = buildAlert({
    change,
    subscriptionId: subscription.id,
    subscriberId: subscription.subscriberId,
    type: 'subscription.test',
    match: { materials: [] },
    now,
  });
  const { toSend } = await deps.deliveries.createAlert(alert, ['webhook']);
  await deps.queue.enqueue(toSend.map((delivery) => deliveryMessage(delivery, alert, subscription.version)));
  const [delivery] = toSend;
  if (!delivery) throw new NotFoundError(`test delivery for ${subscription.id}`);
  return delivery;
}
