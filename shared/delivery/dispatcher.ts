import { randomUUID } from 'node:crypto';
import type { MetricsRecorder } from '../kernel/metrics.js';
import { SYSTEM_ACTOR } from '../model/audit-record.js';
import {
  type Delivery,
  type DeliveryAttempt,
  nextAttemptNumber,
  payloadIngestedAt,
} from '../model/delivery.js';
import { confirmedSmsNumbers, type Subscription, type WebhookSecret } from '../model/subscription.js';
import { subscriptionAudit } from '../operations/subscription-audit.js';
import type { AuditStore } from '../store/audit-store.js';
import {
  type DeliveryRef,
  type DeliveryStore,
  parseDeliveryId,
  type StoredAlert,
} from '../store/delivery-store.js';
import type { SmsQuotaStore } from '../store/sms-quota-store.js';
import type { SubscriptionStore } from '../store/subscription-store.js';
import { DEFAULT_WEBHOOK_RATE_LIMIT } from '../subscriptions/subscription-service.js';
import { DEFAULT_ENDPOINT_RULES, type EndpointControl } from './endpoint/endpoint-control.js';
import {
  type Admission,
  type AttemptSignal,
  type CircuitChange,
  endpointKey,
} from './endpoint/endpoint-state.js';
import type { Notifier } from './notify/notifier.js';
import type { DeliveryMessage } from './queue/delivery-queue.js';
import { type AttemptOutcome, classifyAttempt, type RetryPolicy } from './retry/attempt-outcome.js';
import { SubscriptionCache } from './subscription-cache.js';
import type { WebhookSender } from './webhooks/http-sender.js';
import { webhookHeaders } from './webhooks/signing.js';

export interface DispatcherDeps {
  deliveries: DeliveryStore;
  subscriptions: SubscriptionStore;
  notifier: Notifier;
  sender: WebhookSender;
  retry: RetryPolicy;
  /** Per-attempt timeout for webhook POSTs. */
  timeoutMs: number;
  /** A webhook with no success for this long is disabled and its subscriber told (5 days by default). */
  disableAfterMs: number;
  clock: () => Date;
  log?: (entry: Record<string, unknown>) => void;
  /** Where the service's own changes to a subscription (disabling a webhook) are put on record. */
  audit?: AuditStore;
  /** Lanes, pace and circuit breaker per webhook endpoint; without it webhooks go out unchecked. */
  endpoints?: EndpointControl;
  /** Deliveries per second for a webhook that names no rate limit (`WEBHOOK_RATE_LIMIT`, 10). */
  defaultRateLimit?: number;
  /** Told when an endpoint's circuit opens, reopens or closes (metrics, the operator topic). */
  onCircuitChange?: (event: CircuitEvent) => Promise<void> | void;
  sleep?: (ms: number) => Promise<void>;
  /** Subscriptions cached by version; without it every attempt reads its subscription. */
  subscriptionCache?: SubscriptionCache;
  /** The daily SMS cap's counters; absent: no cap. */
  smsQuota?: SmsQuotaStore;
  /** Texts one subscription may send per UTC day (`SMS_DAILY_LIMIT`, 50). */
  smsDailyLimit?: number;
  metrics?: MetricsRecorder;
}

/** An endpoint's circuit changed, seen by a delivery of `subscriptionId`. */
export interface CircuitEvent extends CircuitChange {
  endpoint: string;
  subscriptionId: string;
  at: string;
}

/** What the queue offers the dispatcher while it handles one message. */
export interface DispatchContext {
  /** Waits for a place in the endpoint's lane (local mode's queue); absent on Lambda. */
  lane?(key: string): Promise<void>;
}

export const DEFAULT_SMS_DAILY_LIMIT = 50;

/**
 * What the queue should do with the message: drop it (noting why when the delivery died), or
 * show it again after a delay.
 */
export type DispatchResult = { kind: 'done'; deadReason?: string } | { kind: 'retry'; delayMs: number };

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
  // The message says where the state is and carries the body; a bare id reads the alert for both.
  let alert: StoredAlert | undefined;
  let ref: DeliveryRef | undefined;
  if (message.subscriptionId && message.createdAt) {
    ref = {
      deliveryId: message.deliveryId,
      subscriptionId: message.subscriptionId,
      createdAt: message.createdAt,
    };
  } else {
    const parsed = parseDeliveryId(message.deliveryId);
    alert = parsed && (await deps.deliveries.getAlert(parsed.alertId));
    if (!parsed || !alert?.channels.includes(parsed.channel)) return { kind: 'done' };
    ref = {
      deliveryId: message.deliveryId,
      subscriptionId: alert.subscriptionId,
      createdAt: alert.createdAt,
    };
  }

  // A webhook's endpoint is known from its subscription (cached by version) before the delivery is
  // taken: a full lane parks the message outside the shared pool, holding no claim, until one of
  // its endpoint's attempts ends.
  const channel = parseDeliveryId(message.deliveryId)?.channel;
  let subscription =
    channel === 'webhook'
      ? await subscriptionsOf(deps).get(ref.subscriptionId, message.subscriptionVersion)
      : undefined;
  const webhook = subscription?.status === 'active' ? subscription.webhook : undefined;
  const endpoint = webhook && webhook.status !== 'disabled' ? endpointKey(webhook.url) : undefined;
  if (endpoint && context?.lane) await context.lane(endpoint);

  // One dispatcher at a time: a duplicate message waits for the holder's lease, then finds the
  // delivery finished (or takes over if the holder died). A message that surfaces before the
  // delivery's next attempt (SQS delays stop at 15 minutes) waits out the rest. The lease covers
  // the longest wait for a turn under the endpoint's rate limit.
  const now = deps.clock();
  const leaseMs = deps.timeoutMs + leaseMarginMs(deps.timeoutMs);
  const paceAllowanceMs = endpoint && deps.endpoints ? DEFAULT_ENDPOINT_RULES.maxPaceWaitMs : 0;
  const claim = await deps.deliveries.take(ref, now, leaseMs + paceAllowanceMs);
  if (claim.kind === 'finished') return { kind: 'done' };
  if (claim.kind === 'wait') return { kind: 'retry', delayMs: claim.ms };
  const delivery = claim.delivery;

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
  const holder = `${delivery.id}:${randomUUID().slice(0, 8)}`;
  let admission: Admission = { kind: 'go', sendAt: now.getTime(), probe: false };
  const ratePerSecond = webhook?.rateLimit ?? deps.defaultRateLimit ?? DEFAULT_WEBHOOK_RATE_LIMIT;
  if (endpoint && webhook && deps.endpoints) {
    admission = await deps.endpoints.admit(endpoint, { holder, now, leaseMs, ratePerSecond });
    if (admission.kind === 'wait') return waitForEndpoint(deps, delivery, subscription, admission, now);
  }
  const paceWaitMs = Math.max(0, admission.kind === 'go' ? admission.sendAt - now.getTime() : 0);
  const settleEndpoint = async (signal: AttemptSignal, at: Date) => {
    if (!endpoint || !deps.endpoints) return;
    const change = await deps.endpoints.settle(endpoint, { holder, now: at, signal });
    if (change) await circuitChanged(deps, subscription, { ...change, endpoint, at: at.toISOString() });
  };

  let attempted: { attempt: DeliveryAttempt; outcome: AttemptOutcome; signal: AttemptSignal };
  let attemptAt = now;
  try {
    // The endpoint's rate limit gave this attempt a later turn: wait for it holding the lane place.
    if (admission.kind === 'go' && paceWaitMs > 0) {
      let sendAt = admission.sendAt;
      const intervalMs = 1000 / ratePerSecond;
      for (let turns = 0; ; turns++) {
        await (deps.sleep ?? sleep)(Math.max(0, sendAt - deps.clock().getTime()));
        attemptAt = deps.clock();
        // Woken well past the turn (the process stalled): take the next free one instead, so
        // attempts that wake together do not leave together.
        if (!endpoint || !deps.endpoints || attemptAt.getTime() - sendAt <= intervalMs / 2 || turns >= 3)
          break;
        sendAt = await deps.endpoints.repace(endpoint, { now: attemptAt, ratePerSecond });
      }
    }
    if (endpoint && deps.endpoints) {
      for (let spins = 0; spins < 50; spins++) {
        const waitMs = deps.endpoints.spaceSend(endpoint, deps.clock().getTime(), ratePerSecond);
        if (waitMs <= 0) break;
        await (deps.sleep ?? sleep)(waitMs);
      }
      attemptAt = deps.clock();
    }
    attempted = await attemptChannel(deps, delivery, content, subscription, attemptAt);
  } catch (error) {
    await settleEndpoint('not-sent', deps.clock());
    throw error;
  }
  const { attempt, outcome } = attempted;
  if (paceWaitMs > 0) attempt.rateLimitWaitMs = paceWaitMs;
  if (delivery.heldBy) attempt.circuitWaitMs = Math.max(0, now.getTime() - Date.parse(delivery.heldBy.since));
  const nextAttemptAt =
    outcome.retryInMs !== undefined
      ? new Date(attemptAt.getTime() + outcome.retryInMs).toISOString()
      : undefined;
  await deps.deliveries.recordAttempt(delivery, attempt, {
    status: outcome.status,
    ...(nextAttemptAt ? { nextAttemptAt } : {}),
    ...(outcome.deadReason ? { deadReason: outcome.deadReason } : {}),
  });
  await settleEndpoint(attempted.signal, deps.clock());
  reportAttempt(deps, log, delivery, content, attempt, outcome, nextAttemptAt);
  if (delivery.channel === 'webhook') await trackWebhookHealth(deps, subscription, outcome, attemptAt);
  if (outcome.retryInMs !== undefined) return { kind: 'retry', delayMs: outcome.retryInMs };
  return outcome.deadReason ? { kind: 'done', deadReason: outcome.deadReason } : { kind: 'done' };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The endpoint cannot take the attempt now. Nothing is attempted, so the retry budget is
 * untouched, and the claim is given back in the same write; a delivery held by an open circuit
 * says so in its record, and its subscription shows the circuit.
 */
async function waitForEndpoint(
  deps: DispatcherDeps,
  delivery: Delivery,
  subscription: Subscription,
  admission: Extract<Admission, { kind: 'wait' }>,
  now: Date,
): Promise<DispatchResult> {
  const waitMs = Math.max(0, admission.untilMs - now.getTime());
  if (admission.reason === 'circuit-open') {
    const until = new Date(admission.untilMs).toISOString();
    await deps.deliveries.hold(delivery, {
      reason: 'circuit-open',
      since: delivery.heldBy?.since ?? now.toISOString(),
      until,
    });
    if (subscription.webhook && subscription.webhook.circuit?.probeAt !== until) {
      await deps.subscriptions.markCircuit(subscription.id, {
        state: 'open',
        failures: subscription.webhook.circuit?.failures ?? 0,
        openedAt: subscription.webhook.circuit?.openedAt ?? now.toISOString(),
        probeAt: until,
      });
      deps.subscriptionCache?.forget(subscription.id);
    }
    // Spread over a second, so the held deliveries do not all come back in the same instant.
    return { kind: 'retry', delayMs: waitMs + Math.floor(Math.random() * 1000) };
  }
  await deps.deliveries.release(delivery);
  // A probe or a full lane (on Lambda) ends within an attempt's time; look again sooner than that.
  if (admission.reason === 'circuit-probing' || admission.reason === 'lane-full') {
    return {
      kind: 'retry',
      delayMs: Math.min(Math.max(250, waitMs), 5_000) + Math.floor(Math.random() * 250),
    };
  }
  return { kind: 'retry', delayMs: Math.max(1, waitMs) };
}

/** Shows the circuit on the subscription and tells whoever listens (metrics, operators). */
async function circuitChanged(
  deps: DispatcherDeps,
  subscription: Subscription,
  change: Omit<CircuitEvent, 'subscriptionId'>,
) {
  const event: CircuitEvent = { ...change, subscriptionId: subscription.id };
  if (event.kind === 'closed') {
    await deps.subscriptions.markCircuit(subscription.id, undefined);
  } else if (event.openUntil !== undefined) {
    await deps.subscriptions.markCircuit(subscription.id, {
      state: 'open',
      failures: event.failures,
      openedAt: subscription.webhook?.circuit?.openedAt ?? event.at,
      probeAt: new Date(event.openUntil).toISOString(),
    });
  }
  deps.subscriptionCache?.forget(subscription.id);
  deps.log?.({
    level: event.kind === 'closed' ? 'info' : 'warn',
    message: `endpoint circuit ${event.kind}`,
    ...event,
  });
  try {
    await deps.onCircuitChange?.(event);
  } catch (error) {
    deps.log?.({ level: 'warn', message: 'circuit notice failed', error: String(error) });
  }
}

/** What a delivery sends: the signed body for a webhook, the text for SMS and e-mail. */
interface Content {
  webhookId: string;
  payload?: string;
  text?: StoredAlert['text'];
  /** When the change was ingested, when there is no payload to read it from. */
  ingestedAt?: string;
}

/** The content from the message, or from the alert when the message did not carry it. */
async function contentOf(
  deps: DispatcherDeps,
  delivery: Delivery,
  message: DeliveryMessage,
  known: StoredAlert | undefined,
): Promise<Content | undefined> {
  const carried = delivery.channel === 'webhook' ? message.payload !== undefined : message.text !== undefined;
  if (carried) {
    return {
      webhookId: delivery.webhookId,
      ...(message.payload !== undefined ? { payload: message.payload } : {}),
      ...(message.text ? { text: message.text } : {}),
      ...(message.ingestedAt ? { ingestedAt: message.ingestedAt } : {}),
    };
  }
  const alert = known ?? (await deps.deliveries.getAlert(delivery.alertId));
  if (!alert) return undefined;
  return { webhookId: alert.webhookId, payload: alert.payload, ...(alert.text ? { text: alert.text } : {}) };
}

/** The cache the deps bring, or a pass-through reader. */
function subscriptionsOf(deps: DispatcherDeps): SubscriptionCache {
  return deps.subscriptionCache ?? new SubscriptionCache(deps.subscriptions, -1);
}

type Log = (entry: Record<string, unknown>) => void;

/** The dispatcher's log, with the ids of the delivery, its alert and its policy change on every line. */
function deliveryLog(deps: DispatcherDeps, delivery: Delivery): Log {
  const ids = {
    deliveryId: delivery.id,
    alertId: delivery.alertId,
    policyChangeId: delivery.policyChangeId,
    revision: delivery.revision,
    subscriptionId: delivery.subscriptionId,
    channel: delivery.channel,
  };
  return (entry) => deps.log?.({ ...entry, ...ids });
}

/**
 * One attempt's metrics and log line: delivered at info, a failure that will be retried at warn
 * with its reason, a dead delivery at error.
 */
function reportAttempt(
  deps: DispatcherDeps,
  log: Log,
  delivery: Delivery,
  content: Content,
  attempt: DeliveryAttempt,
  outcome: AttemptOutcome,
  nextAttemptAt: string | undefined,
): void {
  const channel = { Channel: delivery.channel };
  deps.metrics?.record('AttemptLatency', attempt.durationMs, channel);
  const detail = {
    attempt: delivery.attempts.length + 1,
    durationMs: attempt.durationMs,
    ...(attempt.statusCode !== undefined ? { statusCode: attempt.statusCode } : {}),
  };
  const reason =
    attempt.error ?? (attempt.statusCode !== undefined ? `HTTP ${attempt.statusCode}` : 'failed');
  if (outcome.status === 'delivered') {
    deps.metrics?.record('DeliveriesDelivered', 1, channel);
    const ingestedAt = ingestedAtOf(content);
    if (ingestedAt !== undefined) {
      const deliveredAt = Date.parse(attempt.at) + attempt.durationMs;
      deps.metrics?.record('IngestToDeliveryLatency', Math.max(0, deliveredAt - ingestedAt), channel);
    }
    log({ level: 'info', message: 'delivery delivered', ...detail });
  } else if (outcome.status === 'dead') {
    deps.metrics?.record('DeliveriesDead', 1, channel);
    log({ level: 'error', message: 'delivery dead', ...detail, reason, deadReason: outcome.deadReason });
  } else {
    deps.metrics?.record('DeliveriesFailed', 1, channel);
    log({ level: 'warn', message: 'delivery attempt failed', ...detail, reason, nextAttemptAt });
  }
}

/** When the alert's policy change was ingested: from the payload, or as the message says. */
function ingestedAtOf(content: Content): number | undefined {
  const at = content.payload !== undefined ? payloadIngestedAt(content.payload) : content.ingestedAt;
  return at !== undefined && !Number.isNaN(Date.parse(at)) ? Date.parse(at) : undefined;
}

/**
 * Keeps the webhook's health: a success ends a run of failures; 410 Gone, or failures with no
 * success for `disableAfterMs`, disable it and tell the subscriber on their other channels.
 */
async function trackWebhookHealth(
  deps: DispatcherDeps,
  subscription: Subscription,
  outcome: AttemptOutcome,
  now: Date,
): Promise<void> {
  const webhook = subscription.webhook;
  if (!webhook) return;
  if (outcome.status === 'delivered') {
    // Only a change of state is written, not every success.
    if (webhook.failingSince || !webhook.lastSuccessAt || webhook.circuit) {
      await deps.subscriptions.recordWebhookSuccess(subscription.id, now);
      deps.subscriptionCache?.forget(subscription.id);
    }
    return;
  }
  let reason = outcome.disableWebhook ? (outcome.deadReason ?? 'the receiver answered 410 Gone') : undefined;
  if (
    !reason &&
    webhook.failingSince &&
    now.getTime() - Date.parse(webhook.failingSince) >= deps.disableAfterMs
  ) {
    reason = `no successful delivery since ${webhook.failingSince}`;
  }
  if (!reason) {
    if (!webhook.failingSince) {
      await deps.subscriptions.recordWebhookFailure(subscription.id, now);
      deps.subscriptionCache?.forget(subscription.id);
    }
    return;
  }
  const record = deps.audit
    ? subscriptionAudit(
        { audit: deps.audit, actor: SYSTEM_ACTOR, clock: () => now },
        'subscription.webhook-disabled',
      )({
        before: subscription,
        after: { ...subscription, webhook: { ...webhook, status: 'disabled', disabledReason: reason } },
      })
    : undefined;
  await deps.subscriptions.disableWebhook(subscription.id, reason, now, record);
  deps.subscriptionCache?.forget(subscription.id);
  await notifyWebhookDisabled(deps, subscription, reason);
}

/** The `subscription.disabled` notice, on the subscription's SNS channels. */
async function notifyWebhookDisabled(deps: DispatcherDeps, subscription: Subscription, reason: string) {
  const text = `Material Alerts: the webhook of "${subscription.name}" was disabled (${reason}). Re-enable it with POST /v1/subscriptions/${subscription.id}/webhook/enable; failed deliveries can be recovered.`;
  try {
    const numbers = confirmedSmsNumbers(subscription);
    if (numbers.length > 0 && (await reserveTexts(deps, subscription.id, numbers.length, deps.clock())))
      for (const number of numbers) await deps.notifier.sendSms(number, text.slice(0, 300));
    if (subscription.email?.length) {
      await deps.notifier.sendEmail({
        subscriptionId: subscription.id,
        ...(subscription.emailTopicArn ? { topicArn: subscription.emailTopicArn } : {}),
        addresses: subscription.email,
        subject: `Webhook disabled: ${subscription.name}`.slice(0, 100),
        body: text,
      });
    }
  } catch (error) {
    // The disabled status is on the subscription for the subscriber to see; a lost notice is logged.
    deps.log?.({
      level: 'warn',
      message: 'subscription.disabled notice failed',
      subscriptionId: subscription.id,
      error: String(error),
    });
  }
}

/** Takes `count` texts from the subscription's daily cap; true when they fit (or there is no cap). */
async function reserveTexts(deps: DispatcherDeps, subscriptionId: string, count: number, now: Date) {
  if (!deps.smsQuota) return true;
  return deps.smsQuota.reserveAlertTexts(
    subscriptionId,
    now,
    count,
    deps.smsDailyLimit ?? DEFAULT_SMS_DAILY_LIMIT,
  );
}

/** Why a delivery cannot be attempted at all, if it cannot. */
function blockedReason(
  delivery: Delivery,
  content: Content | undefined,
  subscription: Subscription | undefined,
): string | undefined {
  if (!content) return 'alert not found';
  if (!subscription) return 'subscription deleted';
  if (subscription.status !== 'active') return `subscription ${subscription.status}`;
  if (delivery.channel === 'webhook') {
    if (!subscription.webhook) return 'webhook removed from the subscription';
    if (subscription.webhook.status === 'disabled') {
      return `webhook disabled${subscription.webhook.disabledReason ? `: ${subscription.webhook.disabledReason}` : ''}`;
    }
  }
  if (delivery.channel === 'sms' && !subscription.sms?.length) return 'sms removed from the subscription';
  // Texts go only to numbers that asked for them: a number that confirmed the code sent to it.
  if (delivery.channel === 'sms' && confirmedSmsNumbers(subscription).length === 0)
    return 'no confirmed phone number (confirm the code texted to it)';
  if (delivery.channel === 'email' && !subscription.email?.length)
    return 'email removed from the subscription';
  return undefined;
}

async function attemptChannel(
  deps: DispatcherDeps,
  delivery: Delivery,
  alert: Content,
  subscription: Subscription,
  now: Date,
): Promise<{ attempt: DeliveryAttempt; outcome: AttemptOutcome; signal: AttemptSignal }> {
  const attemptsMade = nextAttemptNumber(delivery);
  if (delivery.channel === 'webhook' && subscription.webhook) {
    const secrets = liveSecrets(subscription.webhook.secrets, now);
    const response = await deps.sender.send({
      url: subscription.webhook.url,
      headers: webhookHeaders({
        secrets,
        msgId: alert.webhookId,
        timestamp: Math.floor(now.getTime() / 1000),
        body: alert.payload ?? '',
      }),
      body: alert.payload ?? '',
      timeoutMs: deps.timeoutMs,
    });
    const attempt: DeliveryAttempt = {
      at: now.toISOString(),
      durationMs: Math.round(response.durationMs),
      ...(response.statusCode !== undefined ? { statusCode: response.statusCode } : {}),
      ...(response.error ? { error: response.error } : {}),
      ...(response.excerpt ? { excerpt: response.excerpt } : {}),
    };
    const signal: AttemptSignal =
      response.statusCode !== undefined
        ? 'answered'
        : response.errorKind === 'timeout' || response.errorKind === 'connection'
          ? 'unreachable'
          : 'not-sent';
    return { attempt, outcome: classifyAttempt(response, attemptsMade, deps.retry, now), signal };
  }

  const started = performance.now();
  // Numbers an earlier attempt (since the last replay) reached are not sent the message again.
  const served = new Set(
    delivery.attempts.slice(delivery.attemptOffset ?? 0).flatMap((previous) => previous.served ?? []),
  );
  const servedNow: string[] = [];
  const servedField = () => (servedNow.length > 0 ? { served: servedNow } : {});
  try {
    if (delivery.channel === 'sms') {
      const numbers = confirmedSmsNumbers(subscription).filter((number) => !served.has(number));
      if (!(await reserveTexts(deps, subscription.id, numbers.length, now))) {
        const reason = `daily SMS limit reached (${deps.smsDailyLimit ?? DEFAULT_SMS_DAILY_LIMIT} per subscription); recover it tomorrow`;
        return {
          attempt: { at: now.toISOString(), durationMs: 0, error: reason },
          outcome: { status: 'dead', deadReason: reason },
          signal: 'not-sent',
        };
      }
      for (const number of numbers) {
        await deps.notifier.sendSms(number, alert.text?.short ?? '');
        servedNow.push(number);
      }
    } else {
      await deps.notifier.sendEmail({
        subscriptionId: subscription.id,
        ...(subscription.emailTopicArn ? { topicArn: subscription.emailTopicArn } : {}),
        addresses: subscription.email ?? [],
        subject: alert.text?.subject ?? '',
        body: alert.text?.long ?? '',
      });
    }
    return {
      attempt: {
        at: now.toISOString(),
        durationMs: Math.round(performance.now() - started),
        ...servedField(),
      },
      outcome: { status: 'delivered' },
      signal: 'not-sent',
    };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : 'publish failed';
    const response = { durationMs: performance.now() - started, error: message };
    return {
      attempt: {
        at: now.toISOString(),
        durationMs: Math.round(response.durationMs),
        error: message,
        ...servedField(),
      },
      outcome: classifyAttempt(response, attemptsMade, deps.retry, now),
      signal: 'not-sent',
    };
  }
}

/**
 * The secrets to sign with: every one not yet expired. Should all have expired (a rotation's
 * grace ended and no newer secret exists), the newest still signs rather than none.
 */
export function liveSecrets(secrets: readonly WebhookSecret[], now: Date): string[] {
  const live = secrets
    .filter((s) => !s.expiresAt || Date.parse(s.expiresAt) > now.getTime())
    .map((s) => s.secret);
  if (live.length > 0) return live;
  const newest = [...secrets].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return newest ? [newest.secret] : [];
}
