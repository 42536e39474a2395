/**
 * Reading one alert or delivery back: by alert id, by delivery id, by reference. Expired items are
 * treated as gone (DynamoDB deletes them lazily, DynamoDB Local never).
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Delivery } from '../model/delivery.js';
import { batchGetByKey } from './batch-get.js';
import {
  type DeliveryRef,
  type DeliveryTable,
  deliveryId,
  parseDeliveryId,
  type StoredAlert,
  toAlert,
  toDelivery,
} from './delivery-records.js';
import { keys } from './keys.js';
import { queryAll } from './paging.js';
import { isExpired, liveCondition } from './retention.js';

/** The alert item as stored (payload still packed); undefined when missing or expired. */
export async function getStoredAlertItem(
  store: DeliveryTable,
  alertId: string,
): Promise<Record<string, unknown> | undefined> {
  const { Item } = await store.table.doc.send(
    new GetCommand({ TableName: store.table.tableName, Key: keys.alert(alertId), ConsistentRead: true }),
  );
  return Item && !isExpired(Item, store.clock()) ? Item : undefined;
}

export async function getAlert(store: DeliveryTable, alertId: string): Promise<StoredAlert | undefined> {
  const item = await getStoredAlertItem(store, alertId);
  return item ? toAlert(item) : undefined;
}

/** Alerts by id, 100 a request; one expired or gone is absent from the map. */
export async function getAlerts(
  store: DeliveryTable,
  alertIds: readonly string[],
): Promise<Map<string, StoredAlert>> {
  const items = await batchGetByKey(
    store.table,
    [...new Set(alertIds)].map((alertId) => keys.alert(alertId)),
  );
  const now = store.clock();
  const alerts = new Map<string, StoredAlert>();
  for (const item of items.values()) {
    if (isExpired(item, now)) continue;
    const alert = toAlert(item);
    alerts.set(alert.alertId, alert);
  }
  return alerts;
}

/** The delivery's state by its reference; undefined when missing or expired. */
export async function getState(store: DeliveryTable, ref: DeliveryRef): Promise<Delivery | undefined> {
  const { Item } = await store.table.doc.send(
    new GetCommand({ TableName: store.table.tableName, Key: keys.delivery(ref), ConsistentRead: true }),
  );
  return Item && !isExpired(Item, store.clock()) ? toDelivery(Item) : undefined;
}

/** The reference of a delivery known only by id (one read of its alert). */
export async function refById(store: DeliveryTable, id: string): Promise<DeliveryRef | undefined> {
  const parsed = parseDeliveryId(id);
  if (!parsed) return undefined;
  const alert = await getAlert(store, parsed.alertId);
  if (!alert?.channels.includes(parsed.channel)) return undefined;
  return { deliveryId: id, subscriptionId: alert.subscriptionId, createdAt: alert.createdAt };
}

export async function deliveriesOfAlert(store: DeliveryTable, alertId: string): Promise<Delivery[]> {
  const alert = await getAlert(store, alertId);
  if (!alert) return [];
  const found = await Promise.all(
    alert.channels.map((channel) =>
      getState(store, {
        deliveryId: deliveryId(alertId, channel),
        subscriptionId: alert.subscriptionId,
        createdAt: alert.createdAt,
      }),
    ),
  );
  return found.flatMap((delivery) => (delivery ? [delivery] : []));
}

/** The subscriptions that had any (unexpired) alert about a change, each once. */
export async function recipientsOf(store: DeliveryTable, policyChangeId: string): Promise<string[]> {
  const live = liveCondition(store.clock());
  const items = await queryAll(store.table, {
    KeyConditionExpression: 'pk = :pk',
    FilterExpression: live.expression,
    ProjectionExpression: 'subscriptionIds',
    ExpressionAttributeNames: live.names,
    ExpressionAttributeValues: { ':pk': keys.recipientsOf(policyChangeId), ...live.values },
    ConsistentRead: true,
  });
  return [
    ...new Set(
      items.flatMap((item) =>
        Array.isArray(item.subscriptionIds) ? item.subscriptionIds.map((id) => String(id)) : [],
      ),
    ),
  ];
}
