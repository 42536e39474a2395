/**
 * The digest run: for each subscription with a digest, the period that ended last (in its time
 * zone) is covered from where the previous digest stopped, so a missed run is made up by the next
 * one; the gathered alerts become one `alerts.digest` to the webhook and e-mail, written with the
 * cursor's advance in one transaction (a period is sent once) and handed to the delivery queue.
 * An empty period moves the cursor and sends nothing.
 */
import type { Log } from '../../kernel/redaction.js';
import type { Channel } from '../../model/delivery.js';
import { lastDigestAt } from '../../model/digest-schedule.js';
import type { Digest } from '../../model/reach.js';
import { endpointKey, type Subscription } from '../../model/subscription.js';
import { ALERT_CREATION_WINDOW_MS, type DeliveryStore } from '../../store/delivery-store.js';
import { endpointHash } from '../../store/keys.js';
import type { SubscriptionStore } from '../../store/subscription-store.js';
import { type DeliveryQueue, deliveryMessage } from '../queue/delivery-queue.js';
import { buildDigestAlert, digestItems, type GatheredAlert } from './digest-content.js';

export interface DigestRunDeps {
  deliveries: DeliveryStore;
  subscriptions: Pick<SubscriptionStore, 'getMany'>;
  queue: DeliveryQueue;
  clock: () => Date;
  /**
   * How long after a period ends its digest waits for alerts still being written (a matcher run
   * stamps an alert before it stores it): `ALERT_CREATION_WINDOW_MS` by default.
   */
  settleMs?: number;
  log?: Log;
}

/** What one run did: digests sent, empty periods passed over, subscriptions that failed. */
export interface DigestRunResult {
  sent: number;
  empty: number;
  failed: number;
}

/**
 * Sends every digest that is due.
 *
 * @example
 * const { sent } = await runDigests({ deliveries, subscriptions, queue, clock });
 */
export async function runDigests(deps: DigestRunDeps): Promise<DigestRunResult> {
  const now = deps.clock();
  const settled = new Date(now.getTime() - (deps.settleMs ?? ALERT_CREATION_WINDOW_MS));
  const ids = await deps.deliveries.digests.subscriptionIds();
  const subscriptions = await deps.subscriptions.getMany(ids, { consistent: true });
  const result: DigestRunResult = { sent: 0, empty: 0, failed: 0 };
  for (const subscription of subscriptions) {
    const { digest } = subscription;
    if (!digest || subscription.status !== 'active') continue;
    try {
      const outcome = await digestOne(deps, subscription, digest, settled, now);
      if (outcome !== 'none') result[outcome] += 1;
    } catch (error) {
      // One subscription's failure must not hold up the others; the next run covers its period.
      result.failed += 1;
      deps.log?.({
        level: 'error',
        message: 'digest failed',
        subscriptionId: subscription.id,
        error: String(error),
      });
    }
  }
  return result;
}

async function digestOne(
  deps: DigestRunDeps,
  subscription: Subscription,
  digest: Digest,
  settled: Date,
  now: Date,
): Promise<'sent' | 'empty' | 'none'> {
  const store = deps.deliveries.digests;
  const until = lastDigestAt(digest, settled).toISOString();
  const from = await store.coveredUntil(subscription.id);
  if ((from ?? subscription.createdAt) >= until) return 'none';
  const items = digestItems(await gatheredAlerts(deps.deliveries, subscription.id, from, until));
  const channels: Channel[] = [
    ...(subscription.webhook ? (['webhook'] as const) : []),
    ...(subscription.email?.length ? (['email'] as const) : []),
  ];
  if (items.length === 0 || channels.length === 0) {
    await store.advance(subscription.id, from, until);
    return 'empty';
  }
  const alert = buildDigestAlert({ subscription: { ...subscription, digest }, from, until, items, now });
  const toSend = await store.write({ alert, channels, ...(from ? { from } : {}), until });
  if (!toSend) return 'none';
  const group = subscription.webhook ? endpointHash(endpointKey(subscription.webhook.url)) : undefined;
  await deps.queue.enqueue(
    toSend.map((delivery) => deliveryMessage(delivery, alert, subscription.version, group)),
  );
  deps.log?.({
    level: 'info',
    message: 'digest sent',
    subscriptionId: subscription.id,
    items: items.length,
    until,
  });
  return 'sent';
}

/** The alerts gathered for a subscription's digest after `from` up to `until`, with their bodies. */
export async function gatheredAlerts(
  deliveries: DeliveryStore,
  subscriptionId: string,
  from: string | undefined,
  until: string,
): Promise<GatheredAlert[]> {
  const gathered: GatheredAlert[] = [];
  for (const delivery of await deliveries.digests.gathered(subscriptionId, from, until)) {
    const alert = await deliveries.getAlert(delivery.alertId);
    if (alert)
      gathered.push({
        alertId: alert.alertId,
        type: alert.type,
        createdAt: alert.createdAt,
        payload: alert.payload,
      });
  }
  return gathered;
}
