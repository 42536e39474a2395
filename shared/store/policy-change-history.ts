/**
 * The history of policy changes: their heads in the `CHANGES` listing (`gsi1`), newest first by
 * publication (else ingestion), paged with sealed cursors and filtered in memory.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor } from './paging.js';
import { type ChangeHead, toHead } from './policy-change-records.js';
import type { TableContext } from './table.js';

/** What `history` reads: a page of heads in a time range, filtered in memory by `accept`. */
export interface HistoryQuery {
  limit: number;
  cursor?: string;
  since?: string;
  until?: string;
  accept: (head: ChangeHead) => boolean;
  maxRead?: number;
}

/**
 * A page of change heads, newest first (by publication, else ingestion), between `since` and
 * `until`; `accept` filters in memory. Reads at most `maxRead` heads per call, so a selective
 * filter answers with a short page and a cursor rather than reading the whole history.
 */
export async function history(
  table: TableContext,
  options: HistoryQuery,
): Promise<{ items: ChangeHead[]; nextCursor?: string; read: number }> {
  const partition = keys.changeHistory();
  let start = options.cursor
    ? decodeCursor(options.cursor, ['pk', 'sk', 'gsi1pk', 'gsi1sk'], { name: 'gsi1pk', value: partition })
    : undefined;
  const items: ChangeHead[] = [];
  let read = 0;
  const maxRead = options.maxRead ?? 1000;
  const range =
    options.since && options.until
      ? {
          expression: ' AND gsi1sk BETWEEN :since AND :until',
          values: { ':since': options.since, ':until': `${options.until}~` },
        }
      : options.since
        ? { expression: ' AND gsi1sk >= :since', values: { ':since': options.since } }
        : options.until
          ? { expression: ' AND gsi1sk <= :until', values: { ':until': `${options.until}~` } }
          : { expression: '', values: {} };
  do {
    const page = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: `gsi1pk = :pk${range.expression}`,
        ExpressionAttributeValues: { ':pk': partition, ...range.values },
        ScanIndexForward: false,
        Limit: Math.min(100, maxRead - read),
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      read += 1;
      const head = toHead(item);
      if (options.accept(head)) items.push(head);
      if (items.length === options.limit) {
        // Continue after this item, whatever the rest of the page held.
        return {
          items,
          read,
          nextCursor: encodeCursor({
            pk: String(item.pk),
            sk: String(item.sk),
            gsi1pk: partition,
            gsi1sk: String(item.gsi1sk),
          }),
        };
      }
    }
    start = page.LastEvaluatedKey as Record<string, string> | undefined;
  } while (start && read < maxRead);
  return { items, read, ...(start ? { nextCursor: encodeCursor(start) } : {}) };
}
