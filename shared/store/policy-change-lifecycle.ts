/**
 * A change's stored lifecycle: written on its head with a version check, and listed under
 * `LIFECYCLE#DUE` (the sparse `gsi2`) while a transition is ahead, for the scheduler.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LifecycleResult } from '../model/lifecycle.js';
import { keys } from './keys.js';
import type { ChangeHead } from './policy-change-records.js';
import type { TableContext } from './table.js';

/**
 * Writes a new lifecycle if nobody else did since `head` was read (409-free: a lost race means
 * the other writer computed the same from the same table). Returns whether it was written.
 */
export async function updateLifecycle(
  table: TableContext,
  head: ChangeHead,
  lifecycle: LifecycleResult,
): Promise<boolean> {
  const due = lifecycle.nextTransitionAt;
  try {
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.changeHead(head.id),
        UpdateExpression: `SET #status = :status, statusHistory = :history, timeline = :timeline, lifecycleVersion = :next${
          due
            ? ', nextTransitionAt = :due, gsi2pk = :duePk, gsi2sk = :dueSk'
            : ' REMOVE nextTransitionAt, gsi2pk, gsi2sk'
        }`,
        ConditionExpression: 'lifecycleVersion = :version',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': lifecycle.status,
          ':history': lifecycle.statusHistory,
          ':timeline': lifecycle.timeline,
          ':version': head.lifecycleVersion,
          ':next': head.lifecycleVersion + 1,
          ...(due ? { ':due': due, ':duePk': keys.lifecycleDue(), ':dueSk': `${due}#${head.id}` } : {}),
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Changes whose next transition is at or before `now`, for the scheduler. */
export async function lifecyclesDue(table: TableContext, now: Date, limit: number): Promise<string[]> {
  const { Items } = await table.doc.send(
    new QueryCommand({
      TableName: table.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :now',
      ExpressionAttributeValues: { ':pk': keys.lifecycleDue(), ':now': `${now.toISOString()}#~` },
      Limit: limit,
    }),
  );
  return (Items ?? []).flatMap((item) => {
    const id = /^CHANGE#(.+)$/.exec(String(item.pk))?.[1];
    return id ? [id] : [];
  });
}
