/**
 * Deliveries listed for people: a subscription's, newest first or since a time, and the admin's
 * dead-letter view across all subscribers. Expired ones are never shown.
 */
import type { Delivery } from '../model/delivery.js';
import { batchGetByKey } from './batch-get.js';
import { type DeliveryTable, toDelivery } from './delivery-records.js';
import { keys } from './keys.js';
import { type Page, queryAll, queryPage } from './paging.js';
import { isExpired, liveCondition } from './retention.js';

/** Where a page starts and how long it is. */
export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/** How a listing is paged: 100 deliveries unless asked, after the cursor, within `partition`. */
function paging(request: PageRequest, cursorKeys: string[], partition: { name: string; value: string }) {
  return { limit: request.limit ?? 100, cursor: request.cursor, cursorKeys, partition };
}

/** A page of a subscription's deliveries, newest first; expired ones are not shown. */
export async function listBySubscription(
  store: DeliveryTable,
  subscriptionId: string,
  options: PageRequest,
): Promise<Page<Delivery>> {
  const partition = keys.deliveriesOf(subscriptionId);
  const live = liveCondition(store.clock());
  const page = await queryPage(
    store.table,
    {
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: live.expression,
      ExpressionAttributeNames: live.names,
      ExpressionAttributeValues: { ':pk': partition, ...live.values },
      ScanIndexForward: false,
      ConsistentRead: true,
    },
    paging(options, ['pk', 'sk'], { name: 'pk', value: partition }),
  );
  return { ...page, items: page.items.map(toDelivery) };
}

/** A subscription's live deliveries created at or after `since` (ISO time), oldest first. */
export async function listSince(
  store: DeliveryTable,
  subscriptionId: string,
  since: string,
): Promise<Delivery[]> {
  const live = liveCondition(store.clock());
  const items = await queryAll(store.table, {
    KeyConditionExpression: 'pk = :pk AND sk >= :since',
    FilterExpression: live.expression,
    ExpressionAttributeNames: live.names,
    ExpressionAttributeValues: {
      ':pk': keys.deliveriesOf(subscriptionId),
      ':since': since,
      ...live.values,
    },
  });
  return items.map(toDelivery);
}

/**
 * A page of dead deliveries across all subscribers, most recently dead first (the admin's
 * dead-letter view). Expired ones and those replayed since the index was read are left out.
 */
export async function listDead(store: DeliveryTable, options: PageRequest): Promise<Page<Delivery>> {
  const partition = keys.deadDeliveries();
  const page = await queryPage(
    store.table,
    {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: false,
    },
    paging(options, ['pk', 'sk', 'gsi2pk', 'gsi2sk'], { name: 'gsi2pk', value: partition }),
  );
  // The index holds keys only: the states are read by key, in the index's order.
  const keysWanted = page.items.map((item) => ({ pk: String(item.pk), sk: String(item.sk) }));
  const found = await batchGetByKey(store.table, keysWanted);
  const now = store.clock();
  const items = keysWanted.flatMap((key) => {
    const item = found.get(`${key.pk}|${key.sk}`);
    if (!item || isExpired(item, now)) return [];
    const delivery = toDelivery(item);
    return delivery.status === 'dead' ? [delivery] : [];
  });
  return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}
