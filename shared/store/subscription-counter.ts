/**
 * The subscriber's count of subscriptions, kept on the subscriber item and moved in the same
 * transaction as each counted create or delete, so concurrent creates cannot pass the cap.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../kernel/errors.js';
import type { TransactItem } from './audit-store.js';
import { keys } from './keys.js';
import { queryAll } from './paging.js';
import type { TableContext } from './table.js';
import { backoffMs, pause } from './throttle-retry.js';

/** Raised when a subscriber already holds the most subscriptions allowed. */
export class SubscriptionLimitError extends ConflictError {
  constructor(readonly max: number) {
    super(
      'subscription-limit',
      `this subscriber already has ${max} subscriptions, the most allowed (${max}); delete one or widen an existing one's filters`,
    );
    this.name = 'SubscriptionLimitError';
  }
}

/** Whether a transaction failed on its first item, the subscriber's counter. */
export function counterConditionFailed(error: TransactionCanceledException): boolean {
  return error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed';
}

/**
 * The counter update on the subscriber item. The counter must exist (see `withCounter`), so a
 * subscriber whose subscriptions were never counted is counted first rather than started at 0.
 */
export function countChange(
  table: TableContext,
  subscriberId: string,
  by: 1 | -1,
  max?: number,
): TransactItem {
  return {
    Update: {
      TableName: table.tableName,
      Key: keys.subscriber(subscriberId),
      UpdateExpression: 'SET subscriptionCount = subscriptionCount + :by',
      ConditionExpression:
        by > 0
          ? 'attribute_exists(subscriptionCount) AND subscriptionCount < :max'
          : 'attribute_exists(subscriptionCount)',
      ExpressionAttributeValues: { ':by': by, ...(by > 0 ? { ':max': max } : {}) },
    },
  };
}

/**
 * Runs a transaction that moves the subscriber's counter: retries conflicts with concurrent
 * writers (the counter is one item), and counts a subscriber's subscriptions once if it has no
 * counter yet (subscribers from before the counter). `onCancelled` maps what is left.
 */
export async function withCounter(
  table: TableContext,
  subscriberId: string,
  write: () => Promise<unknown>,
  onCancelled: (error: TransactionCanceledException) => void,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await write();
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const transient = reasons.some((r) => r.Code === 'TransactionConflict' || r.Code === 'ThrottlingError');
      if (transient && attempt < 12) {
        await pause(backoffMs(attempt, 20, 5));
        continue;
      }
      if (counterConditionFailed(error) && attempt < 12 && (await startCounter(table, subscriberId)))
        continue;
      onCancelled(error);
      throw error;
    }
  }
}

/**
 * Gives a subscriber without a counter one, set to the subscriptions it holds. Every counted write
 * needs the counter to exist, so nothing is created or deleted between the count and this write.
 * True when a counter was started (the caller then tries again).
 */
async function startCounter(table: TableContext, subscriberId: string): Promise<boolean> {
  const { Item } = await table.doc.send(
    new GetCommand({
      TableName: table.tableName,
      Key: keys.subscriber(subscriberId),
      ProjectionExpression: 'subscriptionCount',
      ConsistentRead: true,
    }),
  );
  if (!Item || Item.subscriptionCount !== undefined) return false;
  const held = await queryAll(table, {
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.subscriptionsOf(subscriberId) },
    ProjectionExpression: 'pk',
  });
  try {
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.subscriber(subscriberId),
        UpdateExpression: 'SET subscriptionCount = :count',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(subscriptionCount)',
        ExpressionAttributeValues: { ':count': held.length },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  return true;
}
