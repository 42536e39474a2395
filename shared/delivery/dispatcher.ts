/**
 * The dispatcher: one attempt at one delivery, from a queue message to the recorded outcome. Its
 * parts sit beside it:
 *
 *   dispatch/dispatch-deps.ts     what it works with, and what it answers the queue
 *   dispatch/channel-attempt.ts   the content, whether it can be sent, and the attempt on its channel
 *   dispatch/attempt-record.ts    the outcome recorded on the delivery, its metrics and log line
 *   dispatch/webhook-health.ts    a webhook disabled after 410 Gone or too long without a success
 *   endpoint/endpoint-turn.ts     the endpoint's lane, pace and circuit around a webhook attempt
 */
import { carriesPayload, type DeliveryInHand, webhookIdOf } from '../model/delivery.js';
import { type DeliveryRef, parseDeliveryId, type StoredAlert } from '../store/delivery-store.js';
import { recordOutcome, reportAttempt, resultOf } from './dispatch/attempt-record.js';
import { attemptChannel, blockedReason, contentOf } from './dispatch/channel-attempt.js';
import {
  type DispatchContext,
  type DispatcherDeps,
  type DispatchResult,
  deliveryLog,
  subscriptionsOf,
} from './dispatch/dispatch-deps.js';
import { trackWebhookHealth } from './dispatch/webhook-health.js';
import {
  deferToEndpoint,
  paceAllowanceMs,
  takeEndpointTurn,
  webhookEndpoint,
} from './endpoint/endpoint-turn.js';
import type { DeliveryMessage } from './queue/delivery-queue.js';

export { liveSecrets } from './dispatch/channel-attempt.js';
export {
  type CircuitEvent,
  DEFAULT_SMS_DAILY_LIMIT,
  type DispatchContext,
  type DispatcherDeps,
  type DispatchResult,
} from './dispatch/dispatch-deps.js';

/**
 * How long past the attempt's timeout a claim holds, covering the time to record the attempt.
 * After a crash mid-attempt the delivery waits this long before another dispatcher may take it.
 */
const leaseMarginMs = (timeoutMs: number) => Math.min(30_000, Math.max(1000, timeoutMs));

/**
 * Makes one attempt at a delivery and records it. Idempotent per message: a delivery already
 * delivered or dead is left alone, so a redelivered queue message sends nothing twice.
 *
 * @example
 * const result = await dispatchDelivery(deps, 'dlv_…_webhook');
 * if (result.kind === 'retry') queue.enqueue([{ deliveryId }], result.delayMs);
 */
export async function dispatchDelivery(
  deps: DispatcherDeps,
  work: DeliveryMessage | string,
  context?: DispatchContext,
): Promise<DispatchResult> {
  const message: DeliveryMessage = typeof work === 'string' ? { deliveryId: work } : work;
  const located = await locate(deps, message);
  if (!located) return { kind: 'done' };
  const { ref, alert } = located;

  // A webhook's endpoint is known from its subscription (cached by version) before the delivery is
  // taken: a full lane parks the message outside the shared pool, holding no claim, until one of
  // its endpoint's attempts ends.
  const channel = parseDeliveryId(message.deliveryId)?.channel;
  let subscription =
    channel === 'webhook'
      ? await subscriptionsOf(deps).get(ref.subscriptionId, message.subscriptionVersion)
      : undefined;
  const endpoint = webhookEndpoint(subscription);
  if (endpoint && context?.lane) await context.lane(endpoint);

  const now = deps.clock();
  const leaseMs = deps.timeoutMs + leaseMarginMs(deps.timeoutMs);
  let delivery = context?.firstReceive ? newDeliveryOf(message) : undefined;
  if (!delivery) {
    // One dispatcher at a time: a duplicate message waits for the holder's lease, then finds the
    // delivery finished (or takes over if the holder died). A message that surfaces before the
    // delivery's next attempt (SQS delays stop at 15 minutes) waits out the rest. The lease covers
    // the longest wait for a turn under the endpoint's rate limit. A new delivery's first message,
    // handed out for the first time, skips this: the queue message is its lease.
    const claim = await deps.deliveries.take(ref, now, leaseMs + paceAllowanceMs(deps, endpoint));
    if (claim.kind === 'finished') return { kind: 'done' };
    if (claim.kind === 'wait') return { kind: 'retry', delayMs: claim.ms };
    delivery = claim.delivery;
  }

  subscription ??= await subscriptionsOf(deps).get(delivery.subscriptionId, message.subscriptionVersion);
  const content = await contentOf(deps, delivery, message, alert);
  const blocked = blockedReason(delivery, content, subscription);
  const log = deliveryLog(deps, delivery);
  if (blocked || !content || !subscription) {
    const reason = blocked ?? 'alert or subscription missing';
    await deps.deliveries.markDead(delivery, reason, now);
    deps.metrics?.record('DeliveriesDead', 1, { Channel: delivery.channel });
    log({ level: 'error', message: 'delivery dead', deadReason: reason, attempts: delivery.attempts.length });
    return { kind: 'done', deadReason: reason };
  }

  // The endpoint's lane (on Lambda), rate limit and circuit. Taken after the claim, so a message
  // that is not due spends no turn; one the endpoint cannot take now gives the claim back.
  const turn = await takeEndpointTurn(deps, { delivery, subscription, endpoint, now, leaseMs });
  if (turn.kind === 'wait') return deferToEndpoint(deps, delivery, subscription, turn, now);

  let attempted: Awaited<ReturnType<typeof attemptChannel>>;
  let attemptAt: Date;
  try {
    attemptAt = await turn.wait();
    attempted = await attemptChannel(deps, delivery, content, subscription, attemptAt);
  } catch (error) {
    await turn.settle('not-sent', deps.clock());
    throw error;
  }
  const timing = { claimedAt: now, attemptAt, paceWaitMs: turn.paceWaitMs };
  const { nextAttemptAt, extra } = await recordOutcome(deps, delivery, attempted, timing);
  await turn.settle(attempted.signal, deps.clock());
  if (extra) {
    // Another dispatcher recorded this attempt number first (a duplicate message): this request
    // is on record as an extra attempt, and the delivery stays the other's to finish.
    log({
      level: 'warn',
      message: 'attempt recorded as an extra one',
      outcome: attempted.outcome.status,
      durationMs: attempted.attempt.durationMs,
    });
  } else reportAttempt(deps, log, delivery, content, attempted, nextAttemptAt);
  if (delivery.channel === 'webhook')
    await trackWebhookHealth(deps, subscription, attempted.outcome, attemptAt);
  return extra ? { kind: 'done' } : resultOf(attempted.outcome);
}

/**
 * The delivery a new delivery's first message describes: pending, never attempted, where the
 * matcher wrote it. Undefined when the message is not such a one (a retry, a replay, the sweep's).
 */
function newDeliveryOf(message: DeliveryMessage): DeliveryInHand | undefined {
  const parsed = parseDeliveryId(message.deliveryId);
  const { subscriptionId, createdAt, policyChangeId, revision } = message;
  const carried =
    parsed && carriesPayload(parsed.channel) ? message.payload !== undefined : message.text !== undefined;
  if (!message.firstAttempt || !parsed || !carried || !subscriptionId || !createdAt) return undefined;
  if (policyChangeId === undefined || revision === undefined) return undefined;
  return {
    id: message.deliveryId,
    alertId: parsed.alertId,
    webhookId: webhookIdOf(parsed.alertId),
    policyChangeId,
    revision,
    subscriptionId,
    createdAt,
    channel: parsed.channel,
    attempts: [],
  };
}

/**
 * Where the delivery's state is: the message says so and carries the body; a bare id reads the
 * alert for both. Undefined when the id names no delivery of a stored alert.
 */
async function locate(
  deps: DispatcherDeps,
  message: DeliveryMessage,
): Promise<{ ref: DeliveryRef; alert?: StoredAlert } | undefined> {
  if (message.subscriptionId && message.createdAt) {
    return {
      ref: {
        deliveryId: message.deliveryId,
        subscriptionId: message.subscriptionId,
        createdAt: message.createdAt,
      },
    };
  }
  const parsed = parseDeliveryId(message.deliveryId);
  const alert = parsed && (await deps.deliveries.getAlert(parsed.alertId));
  if (!parsed || !alert?.channels.includes(parsed.channel)) return undefined;
  return {
    ref: { deliveryId: message.deliveryId, subscriptionId: alert.subscriptionId, createdAt: alert.createdAt },
    alert,
  };
}
