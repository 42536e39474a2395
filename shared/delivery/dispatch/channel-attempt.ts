/**
 * One attempt on one channel: what a delivery sends (the signed body, or the text), whether it can
 * be sent at all, and the attempt itself (a signed webhook POST, or texts and e-mail through SNS)
 * with what it came to.
 */
import {
  carriesPayload,
  type Delivery,
  type DeliveryAttempt,
  type DeliveryInHand,
  nextAttemptNumber,
} from '../../model/delivery.js';
import { confirmedSmsNumbers, type Subscription, type WebhookSecret } from '../../model/subscription.js';
import type { StoredAlert } from '../../store/delivery-store.js';
import { chatRequest } from '../chat/chat-request.js';
import type { AttemptSignal } from '../endpoint/endpoint-state.js';
import type { DeliveryMessage } from '../queue/delivery-queue.js';
import { type AttemptOutcome, classifyAttempt } from '../retry/attempt-outcome.js';
import { webhookHeaders } from '../webhooks/signing.js';
import { DEFAULT_SMS_DAILY_LIMIT, type DispatcherDeps } from './dispatch-deps.js';

/** What a delivery sends: the signed body for a webhook, the text for SMS and e-mail. */
export interface Content {
  webhookId: string;
  payload?: string;
  text?: StoredAlert['text'];
  /** When the change was ingested, when there is no payload to read it from. */
  ingestedAt?: string;
}

/** The content from the message, or from the alert when the message did not carry it. */
export async function contentOf(
  deps: DispatcherDeps,
  delivery: Pick<DeliveryInHand, 'channel' | 'webhookId' | 'alertId'>,
  message: DeliveryMessage,
  known: StoredAlert | undefined,
): Promise<Content | undefined> {
  const carried = carriesPayload(delivery.channel)
    ? message.payload !== undefined
    : message.text !== undefined;
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

/** Takes `count` texts from the subscription's daily cap; true when they fit (or there is no cap). */
export async function reserveTexts(deps: DispatcherDeps, subscriptionId: string, count: number, now: Date) {
  if (!deps.smsQuota) return true;
  return deps.smsQuota.reserveAlertTexts(
    subscriptionId,
    now,
    count,
    deps.smsDailyLimit ?? DEFAULT_SMS_DAILY_LIMIT,
  );
}

/** Why a delivery cannot be attempted at all, if it cannot. */
export function blockedReason(
  delivery: Pick<Delivery, 'channel'>,
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
  if ((delivery.channel === 'slack' || delivery.channel === 'teams') && !subscription[delivery.channel])
    return `${delivery.channel} removed from the subscription`;
  if (delivery.channel === 'digest' && !subscription.digest) return 'digest removed from the subscription';
  return undefined;
}

/** What an attempt was, what it means for the delivery, and how the endpoint's breaker sees it. */
export interface AttemptMade {
  attempt: DeliveryAttempt;
  outcome: AttemptOutcome;
  signal: AttemptSignal;
}

/**
 * Makes one attempt on the delivery's channel at `now`. A webhook's failure is classified on the
 * retry schedule; SMS and e-mail go through SNS, and numbers an earlier attempt reached are skipped.
 */
export async function attemptChannel(
  deps: DispatcherDeps,
  delivery: DeliveryInHand,
  alert: Content,
  subscription: Subscription,
  now: Date,
): Promise<AttemptMade> {
  const attemptsMade = nextAttemptNumber(delivery);
  const request = httpRequestOf(deps, delivery, alert, subscription, now);
  if (request && 'refused' in request) {
    return {
      attempt: { at: now.toISOString(), durationMs: 0, error: request.refused },
      outcome: { status: 'dead', deadReason: request.refused },
      signal: 'not-sent',
    };
  }
  // Nothing leaves now: the digest run gathers the alert into the subscription's next digest.
  if (delivery.channel === 'digest') {
    return {
      attempt: { at: now.toISOString(), durationMs: 0, excerpt: 'gathered for the next digest' },
      outcome: { status: 'delivered' },
      signal: 'not-sent',
    };
  }
  if (request) {
    const response = await deps.sender.send({ ...request, timeoutMs: deps.timeoutMs });
    const attempt: DeliveryAttempt = {
      at: now.toISOString(),
      durationMs: Math.round(response.durationMs),
      ...(response.statusCode !== undefined ? { statusCode: response.statusCode } : {}),
      ...(response.error ? { error: response.error } : {}),
      ...(response.excerpt ? { excerpt: response.excerpt } : {}),
      ...(response.responseHeaders ? { responseHeaders: response.responseHeaders } : {}),
      // The one header the log cannot rebuild; the body is the alert's, stored once.
      ...(request.headers['webhook-signature'] ? { signature: request.headers['webhook-signature'] } : {}),
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

/** The POST a webhook or chat delivery makes; undefined for SMS and e-mail. */
function httpRequestOf(
  deps: Pick<DispatcherDeps, 'consoleUrl'>,
  delivery: Pick<DeliveryInHand, 'channel'>,
  alert: Content,
  subscription: Subscription,
  now: Date,
): { url: string; headers: Record<string, string>; body: string } | { refused: string } | undefined {
  if (!carriesPayload(delivery.channel)) return undefined;
  const body = alert.payload ?? '';
  if (delivery.channel !== 'webhook')
    return chatRequest(delivery.channel, subscription, body, deps.consoleUrl);
  if (!subscription.webhook) return undefined;
  const secrets = liveSecrets(subscription.webhook.secrets, now);
  const headers = webhookHeaders({
    secrets,
    msgId: alert.webhookId,
    timestamp: Math.floor(now.getTime() / 1000),
    body,
  });
  return { url: subscription.webhook.url, headers, body };
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
