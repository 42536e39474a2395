import * as z from 'zod';
import { ValidationError } from '../errors.js';

/** A page cursor: the last key DynamoDB evaluated, as opaque base64url text. */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

const KeySchema = z.record(z.string(), z.string().max(1024));

/**
 * Reads a cursor back, accepting only a key with exactly `attributes` (string values) whose
 * `partition.name` is `partition.value`: a cursor can only continue the query it came from, never
 * start one somewhere else in the table. Anything else is a 422 naming `cursor`.
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
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const parsed = KeySchema.safeParse(value);
  if (!parsed.success) throw invalid();
  const names = Object.keys(parsed.data);
  if (names.length !== attributes.length || !names.every((name) => attributes.includes(name))) {
    throw invalid();
  }
  if (parsed.data[partition.name] !== partition.value) throw invalid();
  return parsed.data;
}
