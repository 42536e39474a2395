/**
 * How a subscription's webhook is doing, for the console: success rates over the last day and
 * week, the latest failures, the circuit breaker and the rate limit. Pure: the caller reads the
 * deliveries (from the subscription's own partition) and hands them in.
 */
import type { Delivery } from '../../model/delivery.js';
import type { Subscription } from '../../model/subscription.js';

const DAY_MS = 86_400_000;
const RECENT_FAILURES = 10;

/** Attempts in a window, and the share that succeeded (undefined when there were none). */
export interface AttemptRate {
  attempts: number;
  succeeded: number;
  failed: number;
  successRate?: number;
}

export interface RecentFailure {
  deliveryId: string;
  at: string;
  statusCode?: number;
  error?: string;
}

export interface EndpointHealth {
  url: string;
  status: 'enabled' | 'disabled';
  disabledReason?: string;
  lastSuccessAt?: string;
  failingSince?: string;
  /** Deliveries per second this webhook is sent at most. */
  rateLimit: number;
  /** `open`: deliveries wait until `probeAt`; `half-open`: the probe is due; `closed`: sending. */
  circuit: { state: 'closed' | 'open' | 'half-open'; failures?: number; openedAt?: string; probeAt?: string };
  day: AttemptRate;
  week: AttemptRate;
  recentFailures: RecentFailure[];
  /** Set when more deliveries were made in the week than were read: the rates are of the newest. */
  partial?: true;
}

/**
 * The health of `subscription`'s webhook at `now`, from its webhook deliveries of the last week
 * (newest first). An attempt succeeded when it got a 2xx.
 *
 * @example endpointHealth(subscription, deliveries, new Date(), 10).day.successRate // 0.75
 */
export function endpointHealth(
  subscription: Pick<Subscription, 'webhook'>,
  deliveries: readonly Pick<Delivery, 'id' | 'channel' | 'attempts'>[],
  now: Date,
  defaultRateLimit: number,
): EndpointHealth | undefined {
  const webhook = subscription.webhook;
  if (!webhook) return undefined;
  const day = emptyRate();
  const week = emptyRate();
  const failures: RecentFailure[] = [];
  for (const delivery of deliveries) {
    if (delivery.channel !== 'webhook') continue;
    for (const attempt of delivery.attempts) {
      const age = now.getTime() - Date.parse(attempt.at);
      if (!(age >= 0 && age < 7 * DAY_MS)) continue;
      const ok = attempt.statusCode !== undefined && attempt.statusCode >= 200 && attempt.statusCode < 300;
      count(week, ok);
      if (age < DAY_MS) count(day, ok);
      if (!ok) {
        failures.push({
          deliveryId: delivery.id,
          at: attempt.at,
          ...(attempt.statusCode !== undefined ? { statusCode: attempt.statusCode } : {}),
          ...(attempt.error !== undefined ? { error: attempt.error } : {}),
        });
      }
    }
  }
  failures.sort((a, b) => b.at.localeCompare(a.at));
  const circuit = webhook.circuit;
  return {
    url: webhook.url,
    status: webhook.status,
    ...(webhook.disabledReason ? { disabledReason: webhook.disabledReason } : {}),
    ...(webhook.lastSuccessAt ? { lastSuccessAt: webhook.lastSuccessAt } : {}),
    ...(webhook.failingSince ? { failingSince: webhook.failingSince } : {}),
    rateLimit: webhook.rateLimit ?? defaultRateLimit,
    circuit: circuit
      ? {
          state: Date.parse(circuit.probeAt) > now.getTime() ? 'open' : 'half-open',
          failures: circuit.failures,
          openedAt: circuit.openedAt,
          probeAt: circuit.probeAt,
        }
      : { state: 'closed' },
    day: rated(day),
    week: rated(week),
    recentFailures: failures.slice(0, RECENT_FAILURES),
  };
}

function emptyRate(): AttemptRate {
  return { attempts: 0, succeeded: 0, failed: 0 };
}

function count(rate: AttemptRate, ok: boolean): void {
  rate.attempts += 1;
  if (ok) rate.succeeded += 1;
  else rate.failed += 1;
}

function rated(rate: AttemptRate): AttemptRate {
  return rate.attempts === 0
    ? rate
    : { ...rate, successRate: Math.round((rate.succeeded / rate.attempts) * 1000) / 1000 };
}
