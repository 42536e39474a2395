import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { paginateQuery, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ValidationError } from '../kernel/errors.js';
import type { TableContext } from './table.js';

/*
 * Paged reads and their cursors, in one place: every list the API answers pages through
 * `queryPage` (or, for lists that filter across pages, `decodeCursor`/`encodeCursor`), so every
 * cursor a caller sees is sealed the same way and checked against the query it came from.
 */

/**
 * Cursors are sealed: `<base64url key>.<base64url HMAC-SHA256 tag>`, keyed with a per-deployment
 * secret, so a caller can hand back only a cursor this deployment wrote. Until `useCursorSecret`
 * is called the key is random per process (tests, and local mode, whose cursors need not outlive
 * it); the Lambda API derives it from the bootstrap admin key, which every container shares.
 */
let sealingKey: Buffer = randomBytes(32);

/** Tags are cut to 16 bytes: 128 bits leave nothing to guess, and cursors stay short. */
const TAG_BYTES = 16;

/**
 * Derives the cursor sealing key from a deployment secret (a derived key, so the secret itself
 * never signs anything a caller sees). Cursors sealed under another secret then answer 422.
 *
 * @example useCursorSecret(bootstrapAdminKeyHash)
 */
export function useCursorSecret(secret: string): void {
  sealingKey = createHmac('sha256', secret).update('material-alerts/cursor/v1').digest();
}

function tag(payload: string): Buffer {
  return createHmac('sha256', sealingKey).update(payload).digest().subarray(0, TAG_BYTES);
}

/** A page cursor: the last key DynamoDB evaluated, sealed, as opaque base64url text. */
export function encodeCursor(key: Record<string, unknown>): string {
  const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
  return `${payload}.${tag(payload).toString('base64url')}`;
}

/** Key attributes are non-empty strings (DynamoDB refuses empty key values with a 500-worthy error). */
const KeySchema = z.record(z.string(), z.string().min(1).max(1024));

/**
 * Reads a cursor back: its seal must be this deployment's, and its key must have exactly
 * `attributes` (non-empty string values) with `partition.name` equal to `partition.value`, so a
 * cursor can only continue the query it came from. Anything else is a 422 naming `cursor`.
 *
 * @example decodeCursor(cursor, ['pk', 'sk'], { name: 'pk', value: 'AUDIT' })
 */
export function decodeCursor(
  cursor: string,
  attributes: readonly string[],
  partition: { name: string; value: string },
): Record<string, string> {
  const invalid = () =>
    new ValidationError('the cursor is not valid', [
      { field: 'cursor', message: 'use nextCursor as returned, with the same filters' },
    ]);
  const match = /^([A-Za-z0-9_-]{1,4000})\.([A-Za-z0-9_-]{22})$/.exec(cursor);
  if (!match?.[1] || !match[2]) throw invalid();
  const payload = match[1];
  // Compared as text: base64url decoding ignores a last character's spare bits, so comparing the
  // decoded bytes would accept altered spellings of a genuine seal.
  const presented = Buffer.from(match[2]);
  const expected = Buffer.from(tag(payload).toString('base64url'));
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  // Sealed cursors were written by this code; the checks below stand should the secret leak.
  const parsed = KeySchema.safeParse(value);
  if (!parsed.success) throw invalid();
  const names = Object.keys(parsed.data);
  if (names.length !== attributes.length || !names.every((name) => attributes.includes(name))) {
    throw invalid();
  }
  if (parsed.data[partition.name] !== partition.value) throw invalid();
  return parsed.data;
}

/** One page of results and the cursor of the next, if there is one. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

type QueryInput = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>;

/**
 * Every item a query returns, page after page, through the SDK's paginator; `onPage` is told of
 * each page read (each Query request).
 *
 * @example
 * const items = await queryAll(table, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'X' } });
 */
export async function queryAll(
  table: TableContext,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
  onPage?: () => void,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client: table.doc }, { TableName: table.tableName, ...input })) {
    onPage?.();
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
