/**
 * The matcher's progress on a revision: stored pending (listed under `MATCHING#PENDING` on the
 * sparse `gsi2`, where the recovery sweep finds it), touched when a matcher starts, marked matched
 * when it completes.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PolicyChange } from '../model/policy-change.js';
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
  alerts?: number,
): Promise<void> {
  await table.doc.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: keys.changeRevision(id, revision),
      UpdateExpression: 'SET matching = :matching REMOVE gsi2pk, gsi2sk',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: {
        ':matching': {
          status: 'completed',
          matchedSubscriptions,
          ...(alerts !== undefined ? { alerts } : {}),
          completedAt: now.toISOString(),
        },
      },
    }),
  );
}

/** How often keys DynamoDB leaves unprocessed are asked for again before the rest is left out. */
const BATCH_GET_ROUNDS = 5;

/**
 * The matcher's progress on each of these revisions, keyed by change id: one BatchGetItem per
 * hundred, reading only `matching`. A revision not found is left out.
 */
export async function matchingOf(
  table: TableContext,
  revisions: readonly { id: string; revision: number }[],
): Promise<Map<string, PolicyChange['matching']>> {
  const found = new Map<string, PolicyChange['matching']>();
  for (let start = 0; start < revisions.length; start += 100) {
    let wanted: Record<string, unknown>[] = revisions
      .slice(start, start + 100)
      .map((r) => keys.changeRevision(r.id, r.revision));
    for (let round = 0; round < BATCH_GET_ROUNDS && wanted.length > 0; round++) {
      const result = await table.doc.send(
        new BatchGetCommand({
          RequestItems: {
            [table.tableName]: {
              Keys: wanted,
              ProjectionExpression: '#id, matching',
              ExpressionAttributeNames: { '#id': 'id' },
            },
          },
        }),
      );
      for (const item of result.Responses?.[table.tableName] ?? []) {
        if (typeof item.id === 'string' && item.matching)
          found.set(item.id, item.matching as PolicyChange['matching']);
      }
      wanted = result.UnprocessedKeys?.[table.tableName]?.Keys ?? [];
    }
  }
  return found;
}
