import { createHash } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { expect } from 'vitest';
import { matchPolicyChange } from '../../shared/matching/matcher.js';
import { matcherDeps } from '../../shared/wiring/services.js';
import { type ApiHarness, type ApiResponse, newIngestKey, policyChangeBody } from '../api/support.js';

/**
 * A digest of every item in the table, attribute by attribute: equal digests mean nothing was
 * added, removed or changed in place (a count alone would miss an update).
 */
export async function tableFingerprint(h: ApiHarness): Promise<{ items: number; digest: string }> {
  const lines: string[] = [];
  let start: Record<string, never> | undefined;
  do {
    // Test-only Scan of a small table; no request path scans.
    const page = await h.table.client.send(
      new ScanCommand({ TableName: h.table.tableName, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    for (const item of page.Items ?? []) lines.push(JSON.stringify(sortKeys(item)));
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start);
  lines.sort();
  return { items: lines.length, digest: createHash('sha256').update(lines.join('\n')).digest('hex') };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}

/**
 * Ingests a policy change and runs the matcher on it in-process, as the table's stream would:
 * the matching subscriptions get an alert and deliveries. Returns the change id.
 */
export async function ingestAndMatch(h: ApiHarness, change: Record<string, unknown> = {}): Promise<string> {
  const ingest = await newIngestKey(h.http);
  const res = await h.http.post('/v1/policy-changes', policyChangeBody(change), ingest);
  expect(res.status, res.text).toBe(202);
  const deps = matcherDeps({
    ...h.table,
    queue: h.queue,
    notifier: h.notifier,
    sender: { send: async () => ({ durationMs: 0 }) },
    clock: () => new Date(),
  });
  await matchPolicyChange(deps, { policyChangeId: res.json.id, revision: 1 });
  return res.json.id;
}

/** Asserts a response is an RFC 9457 problem document (any 4xx status). */
export function expectProblemDocument(res: ApiResponse, context: string): void {
  expect(res.status, context).toBeGreaterThanOrEqual(400);
  expect(res.status, context).toBeLessThan(500);
  expect(res.headers.get('content-type'), context).toMatch(/^application\/problem\+json/);
  expect(res.json, context).toMatchObject({
    type: expect.stringMatching(/^https:\/\/material-alerts\.dev\/problems\/[a-z-]+$/),
    title: expect.any(String),
    status: res.status,
    detail: expect.any(String),
  });
}

/** A query parameter as /openapi.json describes it. */
export interface QueryParameter {
  name: string;
  schema: {
    type?: string;
    format?: string;
    enum?: string[];
    maximum?: number;
    minimum?: number;
    maxLength?: number;
    anyOf?: { format?: string }[];
  };
}

/**
 * Hostile values for one parameter, most of them valid for its type so they reach the handler:
 * [late, early, far future, far past, malformed, empty]. Two parameters of one type given
 * (late, early) or (far future, far past) make a reversed range.
 */
export function hostileValues({ schema }: QueryParameter): string[] {
  const formats = [schema.format, ...(schema.anyOf ?? []).map((s) => s.format)];
  if (formats.includes('date-time') && formats.includes('date'))
    return [
      '2030-01-01T00:00:00-12:00',
      '2020-01-01',
      '9999-12-31T23:59:59Z',
      '0000-01-01',
      '2025-02-29',
      '',
    ];
  if (formats.includes('date-time'))
    return [
      '2030-01-01T00:00:00Z',
      '2020-01-01T00:00:00+14:00',
      '9999-12-31T23:59:59.999Z',
      '0000-01-01T00:00:00Z',
      '2025-13-01T00:00:00Z',
      '',
    ];
  if (formats.includes('date'))
    return ['2030-01-01', '2020-01-01', '9999-12-31', '0000-01-01', '2025-02-30', ''];
  if (schema.type === 'integer')
    return [
      String(schema.maximum ?? 2 ** 53),
      String(schema.minimum ?? -(2 ** 53)),
      '99999999999999999999',
      '-1',
      '1e309',
      '',
    ];
  if (schema.enum) return [schema.enum[0] ?? '', schema.enum.at(-1) ?? '', 'ǅ', '*', 'x'.repeat(300), ''];
  return ['Huаwei\u200b😀\u202e', 'a'.repeat(schema.maxLength ?? 300), '9'.repeat(30), '-1', '%00', ''];
}

/** Which values of two parameters are sent together: reversed, widest, malformed and empty. */
const VALUE_PAIRS: [number, number][] = [
  [0, 1],
  [2, 3],
  [3, 2],
  [4, 0],
  [5, 5],
];

/**
 * The values (by index into `hostileValues`) sent for the `n`th ordered pair of parameters: every
 * combination above for two times (a range), one of them in turn for any other pair, so the
 * product stays a few hundred requests and the same ones every run.
 */
export function valuePairs(n: number, first: QueryParameter, second: QueryParameter): [number, number][] {
  if (isTime(first) && isTime(second)) return VALUE_PAIRS;
  return [VALUE_PAIRS[n % VALUE_PAIRS.length] ?? [0, 1]];
}

function isTime({ schema }: QueryParameter): boolean {
  return [schema.format, ...(schema.anyOf ?? []).map((s) => s.format)].some(
    (f) => f === 'date' || f === 'date-time',
  );
}
