import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { defaultCatalogue } from '../catalogue/catalogue.js';
import type { Config } from '../config.js';
import { defaultFloorMs } from '../delivery/attempt-outcome.js';
import type { DispatcherDeps } from '../delivery/dispatcher.js';
import type { MatcherDeps } from '../matching/matcher.js';
import type { Notifier } from '../notify/notifier.js';
import type { DeliveryQueue } from '../queue/delivery-queue.js';
import { DeliveryStore } from '../store/delivery-store.js';
import { PolicyChangeStore } from '../store/policy-change-store.js';
import { SubscriberStore } from '../store/subscriber-store.js';
import { SubscriptionStore } from '../store/subscription-store.js';
import { documentClient, type TableContext } from '../store/table.js';
import { createHttpSender, type WebhookSender } from '../webhooks/http-sender.js';

/** The stores over one table. */
export interface Stores {
  subscribers: SubscriberStore;
  subscriptions: SubscriptionStore;
  changes: PolicyChangeStore;
  deliveries: DeliveryStore;
}

export function createStores(client: DynamoDBClient, tableName: string): Stores {
  const table: TableContext = { doc: documentClient(client), tableName };
  return {
    subscribers: new SubscriberStore(table),
    subscriptions: new SubscriptionStore(table),
    changes: new PolicyChangeStore(table),
    deliveries: new DeliveryStore(table),
  };
}

/** What the matcher and dispatcher share, wired the same way on Lambda, locally and in tests. */
export interface Services extends Stores {
  queue: DeliveryQueue;
  notifier: Notifier;
  sender: WebhookSender;
  clock: () => Date;
}

export function matcherDeps(services: Services): MatcherDeps {
  return {
    changes: services.changes,
    subscriptions: services.subscriptions,
    deliveries: services.deliveries,
    queue: services.queue,
    notifier: services.notifier,
    catalogue: defaultCatalogue,
    clock: services.clock,
  };
}

export function dispatcherDeps(
  services: Services,
  config: Pick<Config, 'retrySchedule' | 'webhookTimeoutMs' | 'webhookDisableAfterMs'>,
  log?: (entry: Record<string, unknown>) => void,
): DispatcherDeps {
  return {
    deliveries: services.deliveries,
    subscriptions: services.subscriptions,
    notifier: services.notifier,
    sender: services.sender,
    retry: { schedule: config.retrySchedule, floorMs: defaultFloorMs(config.retrySchedule) },
    timeoutMs: config.webhookTimeoutMs,
    disableAfterMs: config.webhookDisableAfterMs,
    clock: services.clock,
    ...(log ? { log } : {}),
  };
}

export function defaultSender(config: Pick<Config, 'webhookPolicy'>): WebhookSender {
  return createHttpSender({ policy: config.webhookPolicy });
}
