/**
 * Who may attempt a delivery now: a claim is a lease on the delivery's state, taken in one write
 * before an attempt and ended by the attempt's outcome, given back (`release`) or handed to an
 * open circuit (`hold`). Duplicate queue messages therefore never become duplicate sends.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Delivery, DeliveryHold } from '../model/delivery.js';
import { openKeys, queuedUntil } from './delivery-open-work.js';
import { type DeliveryRef, type DeliveryTable, refOf, toDelivery, updateIfHeld } from './delivery-records.js';
import { keys } from './keys.js';
import { expiresAt, isExpired, liveCondition } from './retention.js';

/** What taking a delivery for an attempt came to. */
export type ClaimResult =
  | { kind: 'claimed'; delivery: Delivery }
  /** Delivered, dead, expired or never stored: nothing to do. */
  | { kind: 'finished' }
  /** Another dispatcher holds it, or its next attempt is not due yet: come back after `ms`. */
  | { kind: 'wait'; ms: number };

/** A claimed delivery as its holder knows it: where it is, and the lease it holds (if any). */
export type HeldDelivery = Pick<Delivery, 'id' | 'subscriptionId' | 'createdAt' | 'leaseUntil'>;

/**
 * Takes the delivery for one attempt, in one write that also answers with its current state:
 * no other dispatcher may attempt it until the lease ends, so duplicate queue messages do not
 * become duplicate sends. When it cannot be taken, the state DynamoDB hands back with the failed
 * condition says why, without another read.
 */
export async function take(
  store: DeliveryTable,
  ref: DeliveryRef,
  lease: { now: Date; leaseMs: number; expectedAttempts?: number | undefined },
): Promise<ClaimResult> {
  const { now, leaseMs, expectedAttempts } = lease;
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const live = liveCondition(now);
  try {
    const { Attributes } = await store.table.doc.send(
      new UpdateCommand({
        TableName: store.table.tableName,
        Key: keys.delivery(ref),
        // The lease moves the expiry too: nothing in flight expires.
        UpdateExpression: 'SET leaseUntil = :until, #ttl = :ttl',
        ConditionExpression: [
          'attribute_exists(pk)',
          '#status IN (:pending, :failed)',
          '(attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
          // A failed delivery waits for its next attempt: a stale or early message sends nothing.
          '(attribute_not_exists(nextAttemptAt) OR nextAttemptAt <= :now)',
          live.expression,
          ...(expectedAttempts !== undefined ? ['size(attempts) = :attempts'] : []),
        ].join(' AND '),
        ExpressionAttributeNames: { '#status': 'status', ...live.names },
        ExpressionAttributeValues: {
          ':until': until,
          ':ttl': expiresAt(until, store.retentionMs),
          ':now': now.toISOString(),
          ':pending': 'pending',
          ':failed': 'failed',
          ...live.values,
          ...(expectedAttempts !== undefined ? { ':attempts': expectedAttempts } : {}),
        },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return Attributes ? { kind: 'claimed', delivery: toDelivery(Attributes) } : { kind: 'finished' };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const old = error.Item ? unmarshall(error.Item) : undefined;
    if (!old || isExpired(old, now)) return { kind: 'finished' };
    const current = toDelivery(old);
    if (current.status === 'delivered' || current.status === 'dead') return { kind: 'finished' };
    const leaseLeft = current.leaseUntil ? Date.parse(current.leaseUntil) - now.getTime() : 0;
    // Never less than a second for a busy lease, so it is not polled in a tight loop.
    if (leaseLeft > 0) return { kind: 'wait', ms: Math.max(1000, leaseLeft) };
    const early = current.nextAttemptAt ? Date.parse(current.nextAttemptAt) - now.getTime() : 0;
    if (early > 0) return { kind: 'wait', ms: early };
    // Neither leased nor early: the caller's copy was stale (attempts moved on); look again soon.
    return { kind: 'wait', ms: 1000 };
  }
}

/**
 * Gives back a claim taken for an attempt that did not happen (the endpoint could not take it):
 * the delivery stays as it was, free for the next message at once. Only the holder's own lease
 * is removed.
 */
export async function release(store: DeliveryTable, delivery: HeldDelivery): Promise<void> {
  if (!delivery.leaseUntil) return;
  await updateIfHeld(store, keys.delivery(refOf(delivery)), {
    UpdateExpression: 'REMOVE leaseUntil',
    ConditionExpression: 'attribute_exists(pk) AND leaseUntil = :mine',
    ExpressionAttributeValues: { ':mine': delivery.leaseUntil },
  });
}

/**
 * Notes that the delivery waits, unattempted, for its endpoint's circuit, and gives back the
 * claim in the same write; the open-work index sees it as due only when the hold ends, so the
 * sweep leaves it alone meanwhile.
 */
export async function hold(
  store: DeliveryTable,
  delivery: HeldDelivery,
  heldBy: DeliveryHold,
): Promise<void> {
  await updateIfHeld(store, keys.delivery(refOf(delivery)), {
    UpdateExpression: 'SET heldBy = :held, gsi2pk = :open, gsi2sk = :due REMOVE leaseUntil',
    ConditionExpression: `attribute_exists(pk) AND #status IN (:pending, :failed)${
      delivery.leaseUntil ? ' AND leaseUntil = :mine' : ''
    }`,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':held': heldBy,
      ':open': openKeys(delivery.id, heldBy.until).gsi2pk,
      ':due': openKeys(delivery.id, heldBy.until).gsi2sk,
      ':pending': 'pending',
      ':failed': 'failed',
      ...(delivery.leaseUntil ? { ':mine': delivery.leaseUntil } : {}),
    },
  });
}

/**
 * A first attempt, which takes no claim (the queue message is its lease), that the endpoint could
 * not take now: the message waits in the queue. An in-process queue dies with its process, so
 * there the delivery enters the open-work index now, due when the queue is doubted, and a restart
 * finds it; SQS keeps the message itself, so nothing is written.
 */
export async function deferNew(
  store: DeliveryTable,
  delivery: Pick<Delivery, 'id' | 'subscriptionId' | 'createdAt'>,
  dueAt: Date,
): Promise<void> {
  if (store.durableQueue) return;
  const open = openKeys(delivery.id, queuedUntil(dueAt.toISOString()));
  await updateIfHeld(store, keys.delivery(refOf(delivery)), {
    UpdateExpression: 'SET gsi2pk = :open, gsi2sk = :due',
    ConditionExpression: 'attribute_exists(pk) AND #status IN (:pending, :failed)',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':open': open.gsi2pk,
      ':due': open.gsi2sk,
      ':pending': 'pending',
      ':failed': 'failed',
    },
  });
}
