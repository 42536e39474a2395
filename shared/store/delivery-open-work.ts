/**
 * The open-work index of deliveries: a sparse index (`gsi2`) in which every unfinished delivery
 * sits under its shard with the time it is due, so the recovery sweep finds what the queue lost.
 */

import { type DeliveryRef, type DeliveryTable, parseDeliveryId } from './delivery-records.js';
import { keys, OPEN_SHARDS } from './keys.js';
import { queryAll } from './paging.js';

/**
 * How long a delivery just handed to the queue belongs to it before the recovery sweep doubts
 * that: the open-work index sees a new (with an in-process queue; SQS holds first attempts, so
 * there a new delivery is indexed only on its first failure) or replayed delivery as due only
 * after this, so a backlog waiting its turn (behind lanes and rate limits) is never queued twice.
 * A dispatcher that takes it sets its own lease; one that defers it to an open circuit sets the
 * hold's end.
 */
export const QUEUED_LEASE_MS = 15 * 60_000;

export const queuedUntil = (at: string) => new Date(Date.parse(at) + QUEUED_LEASE_MS).toISOString();

/** Which open-work partition a delivery sits in: spread by its (random-looking) alert hash. */
export function openShard(id: string): number {
  return Number.parseInt(id.charAt(4), 16) % OPEN_SHARDS;
}

/** The sparse-index attributes that keep an unfinished delivery findable by the recovery sweep. */
export function openKeys(id: string, dueAt: string) {
  return { gsi2pk: keys.openDeliveries(openShard(id)), gsi2sk: `${dueAt}#${id}` };
}

/**
 * Unfinished deliveries due at or before `dueBefore` (ISO time), from the sparse open-work
 * index: what the recovery sweep hands to the queue again.
 */
export async function dueDeliveries(
  store: DeliveryTable,
  dueBefore: string,
  limit: number,
): Promise<(DeliveryRef & { dueAt: string })[]> {
  const found: (DeliveryRef & { dueAt: string })[] = [];
  for (let shard = 0; shard < OPEN_SHARDS && found.length < limit; shard++) {
    const items = await queryAll(store.table, {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :due',
      ExpressionAttributeValues: { ':pk': keys.openDeliveries(shard), ':due': `${dueBefore}#~` },
    });
    for (const item of items) {
      if (found.length >= limit) break;
      const ref = refFromKey(String(item.pk), String(item.sk));
      const [dueAt = ''] = String(item.gsi2sk).split('#');
      if (ref) found.push({ ...ref, dueAt });
    }
  }
  return found;
}

/** The delivery reference encoded in a state item's key. */
function refFromKey(pk: string, sk: string): DeliveryRef | undefined {
  const subscription = /^SUBSCRIPTION#(.+)#DELIVERIES$/.exec(pk)?.[1];
  const hash = sk.lastIndexOf('#');
  const createdAt = sk.slice(0, hash);
  const id = sk.slice(hash + 1);
  if (!subscription || !parseDeliveryId(id)) return undefined;
  return { deliveryId: id, subscriptionId: subscription, createdAt };
}
