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
