import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { UnprocessedItemsError } from './delivery-records.js';
import type { TableContext } from './table.js';
import { withRetry } from './throttle-retry.js';

/** Items by key, 100 a request, keyed `pk|sk`; what DynamoDB leaves unprocessed is asked again. */
export async function batchGetByKey(
  table: TableContext,
  keysWanted: readonly { pk: string; sk: string }[],
): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  for (let start = 0; start < keysWanted.length; start += 100) {
    let wanted = keysWanted.slice(start, start + 100);
    await withRetry(
      async () => {
        const result = await table.doc.send(
          new BatchGetCommand({
            RequestItems: { [table.tableName]: { Keys: wanted, ConsistentRead: true } },
          }),
        );
        for (const item of result.Responses?.[table.tableName] ?? []) {
          found.set(`${item.pk}|${item.sk}`, item);
        }
        wanted = (result.UnprocessedKeys?.[table.tableName]?.Keys ?? []) as typeof wanted;
        if (wanted.length > 0) throw new UnprocessedItemsError(wanted.length);
      },
      { attempts: 8, retryable: (error) => error instanceof UnprocessedItemsError },
    );
  }
  return found;
}
