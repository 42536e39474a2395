import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../local/local-runtime.js';
import { suiteLog } from '../support/suite-log.js';

/**
 * The local runtime (API, matcher, dispatcher, scheduler in one process) on the run's DynamoDB
 * Local, in a table of its own, with whatever settings the test gives.
 */
export async function startTestRuntime(env: Record<string, string> = {}): Promise<LocalRuntime> {
  return startLocalRuntime({
    env: {
      PORT: '0',
      DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
      // The run's database (DynamoDB Local keeps one per access key): what the tests read.
      AWS_ACCESS_KEY_ID: 'test',
      TABLE_NAME: `reliability-${randomUUID()}`,
      LOG_LEVEL: 'silent',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      ADMIN_API_KEY: ADMIN,
      // Load tests make hundreds of subscriptions with one key.
      RATE_LIMIT: 'off',
      MAX_SUBSCRIPTIONS_PER_SUBSCRIBER: '1000',
      ...env,
    },
    log: suiteLog,
  });
}

export const ADMIN = 'reliability-admin-key-0123456789';

/** JSON over HTTP against a running service. */
export function apiClient(baseUrl: string) {
  return async function call(method: string, path: string, key: string, body?: unknown) {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: test reads of API answers
    const json: any = text ? JSON.parse(text) : undefined;
    if (response.status >= 500 || response.status === 429) {
      throw new Error(`${method} ${path} -> ${response.status}: ${text}`);
    }
    return { status: response.status, json };
  };
}

/** Runs `work` over `items` with at most `limit` at once. */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T);
      }
    }),
  );
  return results;
}

/** A policy change on gallium, unique per call. */
export function galliumChange(sourceRef = `ref-${randomUUID()}`) {
  return {
    source: 'reliability-test',
    sourceRef,
    title: 'Gallium export licence requirement',
    issuingRegion: 'CN',
    affectedRegions: ['*'],
    materials: ['gallium'],
    changeType: 'licence-requirement',
    severity: 'high',
  };
}

/**
 * A subscriber with `count` gallium subscriptions, each with its own webhook endpoint
 * (`endpoint(i)`: one shared endpoint would be paced at its rate limit). Returns the key and the ids.
 */
export async function subscribeMany(
  call: ReturnType<typeof apiClient>,
  count: number,
  endpoint: (i: number) => string,
): Promise<{ key: string; ids: string[] }> {
  const key: string = (await call('POST', '/v1/subscribers', ADMIN, { name: `${count} subscriptions` })).json
    .apiKey;
  const ids: string[] = await inParallel(
    Array.from({ length: count }, (_, i) => i),
    16,
    async (i) =>
      (
        await call('POST', '/v1/subscriptions', key, {
          name: `subscription ${i}`,
          filters: { materials: ['gallium'] },
          webhook: { url: endpoint(i) },
        })
      ).json.id,
  );
  return { key, ids };
}

/**
 * A receiver on loopback that answers 200 `delayMs` after each request (slow enough for a fan-out
 * to be under way when something happens to the service) and counts requests and the receipts of
 * each webhook-id.
 */
export async function countingReceiver(delayMs: number) {
  const receipts = new Map<string, number>();
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        const id = String(req.headers['webhook-id']);
        receipts.set(id, (receipts.get(id) ?? 0) + 1);
        res.writeHead(200).end();
      }, delayMs),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    receipts,
    requests: () => requests,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
