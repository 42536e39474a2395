import type { DeliveryStatus } from '../../model/delivery.js';
import type { WebhookResponse } from '../webhooks/http-sender.js';
import { parseRetryAfter, retryDelay } from './retry-schedule.js';

export interface AttemptOutcome {
  status: Exclude<DeliveryStatus, 'pending'>;
  /** Wait before the next attempt; set when status is `failed`. */
  retryInMs?: number;
  /** Why the delivery is dead; set when status is `dead`. */
  deadReason?: string;
  /** The receiver asked us to stop (410 Gone): disable the webhook. */
  disableWebhook?: boolean;
}

export interface RetryPolicy {
  schedule: readonly number[];
  /** The least wait after a timeout or a 429, whatever the schedule says. */
  floorMs: number;
  random?: () => number;
}

/** A short reason for a failed attempt, as recorded and shown to the subscriber. */
export function failureReason(response: WebhookResponse): string {
  if (response.statusCode !== undefined) return `receiver answered HTTP ${response.statusCode}`;
  return response.error ?? 'no response';
}

/**
 * Decides what an attempt means: success on any 2xx; 410 disables the webhook; everything else
 * (3xx included: redirects are not followed) is retried on the schedule until it runs out.
 */
export function classifyAttempt(
  response: WebhookResponse,
  attemptsMade: number,
  policy: RetryPolicy,
  now: Date,
): AttemptOutcome {
  const code = response.statusCode;
  if (code !== undefined && code >= 200 && code < 300) return { status: 'delivered' };
  if (code === 410) {
    return {
      status: 'dead',
      deadReason: 'receiver answered 410 Gone; webhook disabled',
      disableWebhook: true,
    };
  }
  const honoursRetryAfter = code === 429 || code === 503;
  const needsFloor = code === 429 || response.errorKind === 'timeout';
  const retryAfterMs = honoursRetryAfter ? parseRetryAfter(response.retryAfter, now) : undefined;
  const delay = retryDelay({
    schedule: policy.schedule,
    attemptsMade,
    ...(policy.random ? { random: policy.random } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(needsFloor ? { floorMs: policy.floorMs } : {}),
  });
  const reason = failureReason(response);
  if (delay === undefined) {
    return {
      status: 'dead',
      deadReason: `${reason}; gave up after ${attemptsMade} ${attemptsMade === 1 ? 'attempt' : 'attempts'}`,
    };
  }
  return { status: 'failed', retryInMs: delay };
}

/** The default floor: 30 s, or less when the whole schedule is compressed (tests, local demos). */
export function defaultFloorMs(schedule: readonly number[]): number {
  return Math.min(30_000, Math.max(0, ...schedule));
}
