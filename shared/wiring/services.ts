import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CircuitEvent, DispatcherDeps } from '../delivery/dispatcher.js';
import type { EndpointControl } from '../delivery/endpoint/endpoint-control.js';
import type { Notifier } from '../delivery/notify/notifier.js';
import type { DeliveryQueue } from '../delivery/queue/delivery-queue.js';
import { defaultFloorMs } from '../delivery/retry/attempt-outcome.js';
import { SubscriptionCache } from '../delivery/subscription-cache.js';
import { createHttpSender, type WebhookSender } from '../delivery/webhooks/http-sender.js';
import type { MetricName, MetricsRecorder } from '../kernel/metrics.js';
import type { Log } from '../kernel/redaction.js';
import { subscriptionPartitions } from '../matching/match-filters.js';
import type { MatcherDeps } from '../matching/matcher.js';
import { CatalogueProvider } from '../policy/catalogue-provider.js';
import { refreshRelated } from '../policy/refresh.js';
import { AuditStore } from '../store/audit-store.js';
import { CalendarStore } from '../store/calendar-store.js';
import { CatalogueStore } from '../store/catalogue-store.js';
import { DeliveryStore } from '../store/delivery-store.js';
import { EventFeedStore } from '../store/event-feed-store.js';
import { PolicyChangeStore } from '../store/policy-change-store.js';
import { RecoveryLockStore } from '../store/recovery-lock-store.js';
import { DEFAULT_RETENTION, type Retention } from '../store/retention.js';
import { ReviewStore } from '../store/review-store.js';
import { SmsQuotaStore } from '../store/sms-quota-store.js';
import { StatsStore } from '../store/stats-store.js';
import { SubscriberStore } from '../store/subscriber-store.js';
import { SubscriptionDirectory } from '../store/subscription-directory.js';
import { SubscriptionStore } from '../store/subscription-store.js';
import { documentClient, type TableContext } from '../store/table.js';
import type { Config } from './config.js';

/** The stores over one table. */
export interface Stores {
  subscribers: SubscriberStore;
  subscriptions: SubscriptionStore;
  changes: PolicyChangeStore;
  deliveries: DeliveryStore;
  /** The append-only audit trail. */
  audit: AuditStore;
  /** Subscriptions across subscribers, for administrators. */
  directory: SubscriptionDirectory;
  /** The live (admin-edited) catalogue; API and matcher in one process share it, so edits apply at once. */
  catalogues: CatalogueProvider;
  /** One recovery per subscription at a time. */
  recoveryLocks: RecoveryLockStore;
  /** Daily SMS allowances: confirmation codes per number, alert texts per subscription. */
  smsQuota: SmsQuotaStore;
  /** Running metric totals, kept in local mode for `GET /v1/admin/stats`. */
  stats: StatsStore;
  /** Imported changes waiting for an administrator. */
  reviews: ReviewStore;
  /** The subscribers' event feeds. */
  feeds: EventFeedStore;
  /** Private calendar URLs' tokens. */
  calendars: CalendarStore;
}

export function createStores(
  client: DynamoDBClient,
  tableName: string,
  options: {
    catalogueCacheTtlMs?: number;
    log?: Log;
    /** How long deliveries and audit records are kept (DELIVERY_RETENTION, AUDIT_RETENTION). */
    retention?: Retention;
    /** What the stores take as now when deciding whether an item has expired. */
    clock?: () => Date;
    /** The delivery queue keeps messages until handled (SQS): see `DeliveryStore`. */
    durableQueue?: boolean;
    /** See `DeliveryStore`: 0 where one process owns the table (local mode). */
    creationWindowMs?: number;
  } = {},
): Stores {
  const table: TableContext = { doc: documentClient(client), tableName };
  const log = options.log;
  return {
    subscribers: new SubscriberStore(table),
    subscriptions: new SubscriptionStore(table, subscriptionPartitions),
    changes: new PolicyChangeStore(table),
    deliveries: new DeliveryStore(table, {
      retentionMs: options.retention?.deliveryMs ?? DEFAULT_RETENTION.deliveryMs,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.durableQueue ? { durableQueue: true } : {}),
      ...(options.creationWindowMs !== undefined ? { creationWindowMs: options.creationWindowMs } : {}),
    }),
    audit: new AuditStore(table, {
      retentionMs: options.retention?.auditMs ?? DEFAULT_RETENTION.auditMs,
      ...(options.clock ? { clock: options.clock } : {}),
    }),
    directory: new SubscriptionDirectory(table),
    recoveryLocks: new RecoveryLockStore(table),
    smsQuota: new SmsQuotaStore(table),
    stats: new StatsStore(table),
    reviews: new ReviewStore(table),
    feeds: new EventFeedStore(table, options.clock),
    calendars: new CalendarStore(table),
    catalogues: new CatalogueProvider(new CatalogueStore(table), {
      ...(options.catalogueCacheTtlMs !== undefined ? { ttlMs: options.catalogueCacheTtlMs } : {}),
      ...(log
        ? {
            onError: (error) =>
              log({ level: 'error', message: 'catalogue unavailable', error: String(error) }),
          }
        : {}),
    }),
  };
}

/** What the matcher and dispatcher share, wired the same way on Lambda, locally and in tests. */
export interface Services extends Stores {
  queue: DeliveryQueue;
  notifier: Notifier;
  sender: WebhookSender;
  clock: () => Date;
  /** Lanes, pace and circuits per webhook endpoint: in memory locally, a table item each on Lambda. */
  endpoints?: EndpointControl;
  /** EMF on Lambda, stored totals in local mode; nothing when absent. */
  metrics?: MetricsRecorder;
  /** Where the matcher's fan-outs run when not here: local mode's matching thread. */
  runFanOut?: MatcherDeps['runFanOut'];
}

export function matcherDeps(services: Services): MatcherDeps {
  const deps: MatcherDeps = {
    changes: services.changes,
    subscriptions: services.subscriptions,
    deliveries: services.deliveries,
    queue: services.queue,
    notifier: services.notifier,
    catalogue: services.catalogues.current,
    clock: services.clock,
    onRelationsChanged: refreshRelated(() => deps),
    ...(services.metrics ? { metrics: services.metrics } : {}),
    ...(services.runFanOut ? { runFanOut: services.runFanOut } : {}),
  };
  return deps;
}

export function dispatcherDeps(
  services: Services,
  config: Pick<Config, 'retrySchedule' | 'webhookTimeoutMs' | 'webhookDisableAfterMs'> &
    Partial<Pick<Config, 'webhookRateLimit' | 'subscriptionCacheTtlMs' | 'smsDailyLimit' | 'consoleUrl'>>,
  log?: Log,
): DispatcherDeps {
  return {
    ...(services.endpoints ? { endpoints: services.endpoints } : {}),
    ...(config.webhookRateLimit !== undefined ? { defaultRateLimit: config.webhookRateLimit } : {}),
    onCircuitChange: (event) => circuitNotice(services.notifier, event, services.metrics),
    subscriptionCache: new SubscriptionCache(services.subscriptions, config.subscriptionCacheTtlMs ?? 5_000),
    deliveries: services.deliveries,
    subscriptions: services.subscriptions,
    notifier: services.notifier,
    sender: services.sender,
    retry: { schedule: config.retrySchedule, floorMs: defaultFloorMs(config.retrySchedule) },
    timeoutMs: config.webhookTimeoutMs,
    disableAfterMs: config.webhookDisableAfterMs,
    audit: services.audit,
    smsQuota: services.smsQuota,
    ...(config.smsDailyLimit !== undefined ? { smsDailyLimit: config.smsDailyLimit } : {}),
    ...(config.consoleUrl ? { consoleUrl: config.consoleUrl } : {}),
    clock: services.clock,
    ...(log ? { log } : {}),
    ...(services.metrics ? { metrics: services.metrics } : {}),
  };
}

export function defaultSender(config: Pick<Config, 'webhookPolicy'>): WebhookSender {
  return createHttpSender({ policy: config.webhookPolicy });
}

const CIRCUIT_METRICS: Record<CircuitEvent['kind'], MetricName> = {
  opened: 'CircuitOpened',
  reopened: 'CircuitReopened',
  closed: 'CircuitClosed',
};

/** An endpoint's circuit changed: a metric, and a notice on the operator topic. */
async function circuitNotice(
  notifier: Notifier,
  event: CircuitEvent,
  metrics: MetricsRecorder | undefined,
): Promise<void> {
  metrics?.record(CIRCUIT_METRICS[event.kind], 1);
  await notifier.publishOperatorEvent({
    type: `endpoint.circuit-${event.kind}`,
    subject: `Material Alerts: webhook endpoint circuit ${event.kind}`,
    detail: {
      endpoint: event.endpoint,
      subscriptionId: event.subscriptionId,
      failures: event.failures,
      at: event.at,
      ...(event.openUntil !== undefined ? { probeAt: new Date(event.openUntil).toISOString() } : {}),
    },
  });
}
