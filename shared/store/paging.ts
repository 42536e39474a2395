import { paginateQuery, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { TableContext } from './table.js';

export { decodeCursor, encodeCursor } from './cursor.js';

/** One page of results and the cursor of the next, if there is one. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

type QueryInput = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>;

/**
 * Every item a query returns, page after page, through the SDK's paginator.
 *
 * @example
 * const items = await queryAll(table, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'X' } });
 */
export async function queryAll(
  table: TableContext,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client: table.doc }, { TableName: table.tableName, ...input })) {
    items.push(...(page.Items ?? []));
  }
  return items;
}

/**
 * One page of a query that callers continue with an opaque cursor. The cursor is the last key
 * DynamoDB evaluated; it is accepted back only with exactly `cursorKeys` and only for the same
 * partition (`partition.name` = `partition.value`), so it can never start a read elsewhere in the
 * table. A bad cursor is a 422 naming `cursor`.
 *
 * @example
 * const page = await queryPage(table, { KeyConditionExpression: 'pk = :pk', ... }, {
 *   limit: 50, cursor, cursorKeys: ['pk', 'sk'], partition: { name: 'pk', value: 'AUDIT' },
 * });
 */
export async function queryPage(
  table: TableContext,
  input: QueryInput,
  options: {
    limit: number;
    cursor?: string | undefined;
    cursorKeys: readonly string[];
    partition: { name: string; value: string };
  },
): Promise<Page<Record<string, unknown>>> {
  const start = options.cursor
    ? decodeCursor(options.cursor, options.cursorKeys, options.partition)
    : undefined;
  const page = await table.doc.send(
    new QueryCommand({
      TableName: table.tableName,
      ...input,
      Limit: options.limit,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }),
  );
  return {
    items: page.Items ?? [],
    ...(page.LastEvaluatedKey ? { nextCursor: encodeCursor(page.LastEvaluatedKey) } : {}),
  };
}
