/**
 * Writing alerts and their deliveries: the alert's body once (a conditional put, which makes
 * creation idempotent), then each delivery's state and the change's recipients in batches. A run
 * that finds its alert already there fills in only what a crash left unwritten.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Alert, Channel, Delivery } from '../model/delivery.js';
import { openKeys, queuedUntil } from './delivery-open-work.js';
import { getState, getStoredAlertItem } from './delivery-reads.js';
import {
  ALERT_TTL,
  BODY_MARGIN_MS,
  type DeliveryTable,
  newDelivery,
  packPayload,
  refOf,
  toAlert,
  UnprocessedItemsError,
} from './delivery-records.js';
import { EventFeedStore } from './event-feed-store.js';
import { keys } from './keys.js';
import { expiresAt } from './retention.js';
import { withRetry } from './throttle-retry.js';
import { conditionHeld } from './write-failure.js';

/**
 * How long an alert belongs to the run that created it: longer than any matcher run (the matcher
 * and scheduler functions stop at 5 minutes). A run that finds the alert younger than this leaves
 * its missing deliveries to their creator, whose unconditional batch write of them would otherwise
 * overwrite a delivery this run had already sent, and send it again.
 */
export const ALERT_CREATION_WINDOW_MS = 6 * 60_000;

/** What `createAlert` did with one alert. */
export interface CreatedAlert {
  created: boolean;
  /** Deliveries to enqueue: all when created, else those written but never attempted. */
  toSend: Delivery[];
  /**
   * The alert exists without some of its deliveries and is young enough that its creator may
   * still be writing them: left to it. The revision is not finished; a later run fills them in.
   */
  deferred?: true;
}

/** How new deliveries are to be found again should the queue lose them. */
export interface CreateOptions {
  /**
   * The caller keeps its own record until each new delivery has had an attempt (a revision stays
   * pending until then, and its rerun finds what was never attempted), so new deliveries need no
   * open-work entry even where the queue dies with its process.
   */
  guarded?: boolean;
}

/** An alert to create, with the channels it goes out on. */
export interface AlertToCreate {
  alert: Alert;
  channels: readonly Channel[];
  /** Kept in the subscriber's event feed as well. */
  feed?: boolean;
}

/**
 * `createAlert` for many alerts at once: one conditional put per alert body, then the new
 * deliveries' state and one recipients record per policy change in batches of 25. Results are in
 * the order of `alerts`.
 */
export async function createAlerts(
  store: DeliveryTable,
  alerts: readonly AlertToCreate[],
  options: CreateOptions = {},
): Promise<CreatedAlert[]> {
  const results = await Promise.all(
    alerts.map(async ({ alert, channels }) => {
      const deliveries = channels.map((channel) => newDelivery(alert, channel));
      const alertTtl = expiresAt(alert.createdAt, store.retentionMs + BODY_MARGIN_MS);
      try {
        await store.table.doc.send(
          new PutCommand({
            TableName: store.table.tableName,
            Item: alertItem(alert, channels, alertTtl),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return { created: true, deferred: false, toSend: deliveries, written: deliveries, alertTtl };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        return { created: false, written: [], alertTtl: 0, ...(await resume(store, alert.alertId)) };
      }
    }),
  );
  const items = [
    ...recipientItems(
      store,
      alerts.map(({ alert }) => alert),
    ),
    ...results.flatMap((result) =>
      result.written.map((delivery) => deliveryItem(store, delivery, result.alertTtl, options)),
    ),
  ];
  await batchPut(store, items);
  // After the alerts' puts, so a feed event always finds its alert; a rerun appends what a crash left out.
  const feedEntries = alerts.flatMap(({ alert, feed }) =>
    feed
      ? [
          {
            alertId: alert.alertId,
            subscriberId: alert.subscriberId,
            subscriptionId: alert.subscriptionId,
            ttl: expiresAt(alert.createdAt, store.retentionMs),
          },
        ]
      : [],
  );
  if (feedEntries.length > 0) await new EventFeedStore(store.table, store.clock).append(feedEntries);
  return results.map(({ created, toSend, deferred }) => ({
    created,
    toSend,
    ...(deferred ? { deferred } : {}),
  }));
}

/**
 * An alert that exists already: which deliveries a crash left unwritten or unsent. A missing
 * delivery is written here only once the alert is past its creator's run, and then with a
 * condition, so neither a live creator nor another resuming run is overwritten.
 */
async function resume(
  store: DeliveryTable,
  alertId: string,
): Promise<{ toSend: Delivery[]; deferred: boolean }> {
  const stored = await getStoredAlertItem(store, alertId);
  if (!stored) return { toSend: [], deferred: false };
  const alert = toAlert(stored);
  const alertTtl = typeof stored.ttl === 'number' ? stored.ttl : 0;
  const creatorDone = Date.parse(alert.createdAt) + store.creationWindowMs <= store.clock().getTime();
  const toSend: Delivery[] = [];
  let deferred = false;
  for (const channel of alert.channels) {
    const fresh = newDelivery(alert, channel);
    const existing = await getState(store, refOf(fresh));
    if (existing) {
      if (existing.status === 'pending' && existing.attempts.length === 0) toSend.push(existing);
    } else if (!creatorDone) {
      deferred = true;
    } else if (await putIfAbsent(store, deliveryItem(store, fresh, alertTtl))) {
      toSend.push(fresh);
    }
  }
  return { toSend, deferred };
}

/** Puts the item unless its key exists; says whether it did. */
function putIfAbsent(store: DeliveryTable, item: Record<string, unknown>): Promise<boolean> {
  return conditionHeld(
    store.table.doc.send(
      new PutCommand({
        TableName: store.table.tableName,
        Item: item,
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

/**
 * Who had an alert about a change, for later updates and status changes: one small item per
 * change and batch (keyed by the batch's first alert, so a rerun rewrites the same item) rather
 * than an index entry on every alert, which would bill a write unit per alert. Written with the
 * deliveries, after the alerts' puts, so it never names a subscription that has no alert; it
 * lives as long as the alerts it lists.
 */
function recipientItems(store: DeliveryTable, alerts: readonly Alert[]) {
  const byChange = new Map<string, Alert[]>();
  for (const alert of alerts) {
    if (!alert.type.startsWith('policy_change.')) continue;
    const group = byChange.get(alert.policyChangeId) ?? [];
    group.push(alert);
    byChange.set(alert.policyChangeId, group);
  }
  return [...byChange].flatMap(([policyChangeId, group]) => {
    const [first] = group;
    if (!first) return [];
    const latest = group.reduce((a, b) => (b.createdAt > a.createdAt ? b : a), first);
    return [
      {
        ...keys.recipients(policyChangeId, first.alertId),
        entity: 'recipients',
        subscriptionIds: [...new Set(group.map((alert) => alert.subscriptionId))],
        ttl: expiresAt(latest.createdAt, store.retentionMs + BODY_MARGIN_MS),
      },
    ];
  });
}

/** The alert's item: its body (deflated when that is smaller), the text where a channel sends it. */
export function alertItem(alert: Alert, channels: readonly Channel[], ttl: number) {
  const { match: _match, webhookId: _webhookId, text, payload, ...rest } = alert;
  const needsText = channels.includes('sms') || channels.includes('email');
  return {
    ...keys.alert(alert.alertId),
    entity: 'alert',
    ...rest,
    ...packPayload(payload),
    ...(needsText ? { text } : {}),
    channels: [...channels],
    ttl,
  };
}

/** A new delivery's state item, in its subscription's partition. */
export function deliveryItem(
  store: DeliveryTable,
  delivery: Delivery,
  alertTtl: number,
  options: CreateOptions = {},
) {
  return {
    ...keys.delivery(refOf(delivery)),
    // Locally the queue dies with its process, so the sweep must find new deliveries (it doubts
    // the queue only after the queued lease), unless the caller's own record finds them. SQS
    // holds first attempts itself.
    ...(store.durableQueue || options.guarded ? {} : openKeys(delivery.id, queuedUntil(delivery.createdAt))),
    entity: 'delivery',
    ...delivery,
    ttl: expiresAt(delivery.createdAt, store.retentionMs),
    [ALERT_TTL]: alertTtl,
  };
}

/** Puts items 25 a request; what DynamoDB leaves unprocessed (throttling) is sent again. */
async function batchPut(store: DeliveryTable, items: Record<string, unknown>[]): Promise<void> {
  const { table } = store;
  for (let start = 0; start < items.length; start += 25) {
    let pending = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
    await withRetry(
      async () => {
        const { UnprocessedItems } = await table.doc.send(
          new BatchWriteCommand({ RequestItems: { [table.tableName]: pending } }),
        );
        pending = (UnprocessedItems?.[table.tableName] ?? []) as typeof pending;
        if (pending.length > 0) throw new UnprocessedItemsError(pending.length);
      },
      { attempts: 8, retryable: (error) => error instanceof UnprocessedItemsError },
    );
  }
}
