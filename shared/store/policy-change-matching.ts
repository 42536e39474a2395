/**
 * The matcher's progress on a revision: stored pending (listed under `MATCHING#PENDING` on the
 * sparse `gsi2`, where the recovery sweep finds it), touched when a matcher starts, marked matched
 * when it completes.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys.js';
import type { TableContext } from './table.js';

/** Revisions whose matching has not completed and that were ingested before `before` (ISO). */
export async function pendingMatching(
  table: TableContext,
  before: string,
  limit: number,
): Promise<{ policyChangeId: string; revision: number }[]> {
  const { Items } = await table.doc.send(
    new QueryCommand({
      TableName: table.tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :before',
      ExpressionAttributeValues: { ':pk': keys.pendingMatching(), ':before': `${before}#~` },
      Limit: limit,
    }),
  );
  return (Items ?? []).flatMap((item) => {
    const id = /^CHANGE#(.+)$/.exec(String(item.pk))?.[1];
    const revision = Number(/^REV#(\d+)$/.exec(String(item.sk))?.[1]);
    return id && revision > 0 ? [{ policyChangeId: id, revision }] : [];
  });
}

/**
 * Notes that a matcher has started on the revision: the recovery sweep leaves it alone for its
 * grace period from now, instead of starting a second run beside a slow first one.
 */
export async function touchMatching(
  table: TableContext,
  id: string,
  revision: number,
  now: Date,
): Promise<void> {
  try {
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.changeRevision(id, revision),
        UpdateExpression: 'SET gsi2sk = :due',
        ConditionExpression: 'attribute_exists(gsi2pk)',
        ExpressionAttributeValues: { ':due': `${now.toISOString()}#${id}` },
      }),
    );
  } catch (error) {
    // Matching already completed: nothing to hold back.
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** Marks the revision's matching completed: out of the sweep's index, with its count. */
export async function markMatched(
  table: TableContext,
  id: string,
  revision: number,
  matchedSubscriptions: number,
  now = new Date(),
): Promise<void> {
  await table.doc.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: keys.changeRevision(id, revision),
      UpdateExpression: 'SET matching = :matching REMOVE gsi2pk, gsi2sk',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: {
        ':matching': { status: 'completed', matchedSubscriptions, completedAt: now.toISOString() },
      },
    }),
  );
}
