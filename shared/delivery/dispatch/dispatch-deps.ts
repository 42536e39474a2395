/**
 * What the dispatcher works with and answers: its dependencies, the context a queue offers while
 * it handles one message, and what the queue should do with the message afterwards.
 */
import type { MetricsRecorder } from '../../kernel/metrics.js';
import type { Log } from '../../kernel/redaction.js';
import type { DeliveryInHand } from '../../model/delivery.js';
import type { AuditStore } from '../../store/audit-store.js';
import type { DeliveryStore } from '../../store/delivery-store.js';
import type { SmsQuotaStore } from '../../store/sms-quota-store.js';
import type { SubscriptionStore } from '../../store/subscription-store.js';
import type { EndpointControl } from '../endpoint/endpoint-control.js';
import type { CircuitChange } from '../endpoint/endpoint-state.js';
import type { Notifier } from '../notify/notifier.js';
import type { RetryPolicy } from '../retry/attempt-outcome.js';
import { SubscriptionCache } from '../subscription-cache.js';
import type { WebhookSender } from '../webhooks/http-sender.js';

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
  log?: Log;
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
  /** The console's address (`CONSOLE_URL`): chat messages link to the change there; absent: to its source. */
  consoleUrl?: string;
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
  /**
   * The queue hands this message out for the first time: no other consumer has had it (SQS: its
   * first receive; the in-process queue: not handled before). A new delivery's first message then
   * needs no claim.
   */
  firstReceive?: boolean;
}

/**
 * What the queue should do with the message: drop it (noting why when the delivery died), or
 * show it again after a delay.
 */
export type DispatchResult = { kind: 'done'; deadReason?: string } | { kind: 'retry'; delayMs: number };

export const DEFAULT_SMS_DAILY_LIMIT = 50;

/** The cache the deps bring, or a pass-through reader. */
export function subscriptionsOf(deps: DispatcherDeps): SubscriptionCache {
  return deps.subscriptionCache ?? new SubscriptionCache(deps.subscriptions, -1);
}

/** The dispatcher's log, with the ids of the delivery, its alert and its policy change on every line. */
export function deliveryLog(deps: DispatcherDeps, delivery: DeliveryInHand): Log {
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
