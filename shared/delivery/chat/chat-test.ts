/**
 * A test message to a subscription's Slack or Teams channel: a sample alert about a made-up change,
 * with a verdict, so the subscriber sees what real alerts will look like in the channel. It goes
 * through the delivery pipeline (queue, dispatcher, retries, delivery log) as a real alert would.
 */
import { ValidationError } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { buildAlert } from '../../matching/build-alert.js';
import type { Delivery } from '../../model/delivery.js';
import { type PolicyChange, withChangeDefaults } from '../../model/policy-change.js';
import type { ChatChannel } from '../../model/reach.js';
import type { Subscription } from '../../model/subscription.js';
import type { DeliveryStore } from '../../store/delivery-store.js';
import { type DeliveryQueue, deliveryMessage } from '../queue/delivery-queue.js';

export interface ChatTestDeps {
  deliveries: DeliveryStore;
  queue: DeliveryQueue;
  clock: () => Date;
}

/**
 * Queues one `subscription.test` alert to the subscription's `channel`; a 422 when it has none.
 *
 * @example
 * const delivery = await sendChatTest(deps, subscription, 'slack');
 */
export async function sendChatTest(
  deps: ChatTestDeps,
  subscription: Subscription,
  channel: ChatChannel,
): Promise<Delivery> {
  if (!subscription[channel]) {
    throw new ValidationError(`this subscription has no ${channel} channel`, [
      { field: 'channel', message: `add a ${channel} URL to the subscription before testing it` },
    ]);
  }
  const now = deps.clock();
  const day = now.toISOString().slice(0, 10);
  const change: PolicyChange = withChangeDefaults({
    id: newId('test', now),
    source: 'material-alerts',
    sourceRef: `chat-test-${channel}`,
    revision: 1,
    title: `Test message: this ${channel === 'slack' ? 'Slack' : 'Teams'} channel receives Material Alerts`,
    issuingRegion: 'CN',
    affectedRegions: ['*'],
    materials: ['gallium'],
    changeType: 'licence-requirement',
    severity: 'low',
    publishedAt: day,
    effectiveAt: day,
    ingestedAt: now.toISOString(),
    matching: { status: 'completed', matchedSubscriptions: 1 },
  });
  const { id: subscriptionId, subscriberId } = subscription;
  // A sample verdict, so the message shows where a real alert's goes.
  const applicability = { verdict: 'applies' as const, reasons: [], requires: [] };
  const match = { materials: [] };
  const alert = buildAlert({
    change,
    subscriptionId,
    subscriberId,
    type: 'subscription.test',
    match,
    applicability,
    now,
  });
  const { toSend } = await deps.deliveries.createAlert(alert, [channel]);
  await deps.queue.enqueue(toSend.map((delivery) => deliveryMessage(delivery, alert, subscription.version)));
  const [delivery] = toSend;
  if (!delivery) throw new Error(`test delivery for ${subscription.id} was not created`);
  return delivery;
}
