import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/local-runtime.js';
import { documentClient } from '../../shared/store/table.js';
import { testClient } from '../support/dynamodb.js';
import { ADMIN, apiClient, galliumChange, inParallel, startTestRuntime } from './support.js';

const SUBSCRIPTIONS = 500;

describe('a fan-out of 500 alerts with a receiver failing a third of first attempts', () => {
  let runtime: LocalRuntime;
  let server: Server;
  /** Successful receipts per webhook-id, and every attempt seen. */
  const delivered = new Map<string, number>();
  const attemptsSeen = new Map<string, number>();
  let subscriberKey: string;
  let subscriptionIds: string[];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const id = String(req.headers['webhook-id']);
      const attempt = (attemptsSeen.get(id) ?? 0) + 1;
      attemptsSeen.set(id, attempt);
      req.resume();
      req.on('end', () => {
        // A third of the ids (chosen by hash, so the test is repeatable) fail their first attempt.
        const unlucky = (createHash('sha256').update(id).digest()[0] ?? 0) % 3 === 0;
        if (unlucky && attempt === 1) {
          res.writeHead(503).end('try later');
          return;
        }
        delivered.set(id, (delivered.get(id) ?? 0) + 1);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

    runtime = await startTestRuntime({ RETRY_SCHEDULE: '20ms,40ms,80ms' });
    const call = apiClient(runtime.url);
    subscriberKey = (await call('POST', '/v1/subscribers', ADMIN, { name: 'Fan-out' })).json.apiKey;
    subscriptionIds = await inParallel(
      Array.from({ length: SUBSCRIPTIONS }, (_, i) => i),
      16,
      async (i) =>
        (
          await call('POST', '/v1/subscriptions', subscriberKey, {
            name: `subscription ${i}`,
            filters: { materials: [i % 2 === 0 ? 'gallium' : 'minor-metals'] },
            // Each subscriber its own endpoint: one shared one would be paced at its 10/s rate limit.
            webhook: { url: `${url}/${i}` },
          })
        ).json.id,
    );
    expect((await call('POST', '/v1/policy-changes', ADMIN, galliumChange())).status).toBe(202);
    await runtime.settled();
  }, 180_000);

  afterAll(async () => {
    await runtime?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('the receiver ends with every alert, counted by webhook-id', () => {
    expect(delivered.size).toBe(SUBSCRIPTIONS);
    const retried = [...attemptsSeen.values()].filter((n) => n > 1).length;
    // Roughly a third were refused once and came back.
    expect(retried).toBeGreaterThan(SUBSCRIPTIONS / 5);
    expect(retried).toBeLessThan(SUBSCRIPTIONS / 2);
    const duplicates = [...delivered.values()].filter((n) => n > 1).length;
    expect(duplicates).toBe(0);
  });

  it('every delivery is recorded delivered, with its failed first attempt where there was one', async () => {
    const call = apiClient(runtime.url);
    const statuses = await inParallel(subscriptionIds, 16, async (id) => {
      const page = await call('GET', `/v1/subscriptions/${id}/deliveries`, subscriberKey);
      expect(page.json.items).toHaveLength(1);
      const [delivery] = page.json.items;
      expect(delivery.attempts).toHaveLength(attemptsSeen.get(delivery.webhookId) ?? -1);
      return delivery.status;
    });
    expect(new Set(statuses)).toEqual(new Set(['delivered']));
  });

  it('the store holds exactly one alert per subscription and no open work', async () => {
    const doc = documentClient(testClient());
    const tableName = runtime.config.tableName;
    const alerts: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new ScanCommand({
          TableName: tableName,
          FilterExpression: 'entity = :alert',
          ExpressionAttributeValues: { ':alert': 'alert' },
          ExclusiveStartKey,
        }),
      );
      alerts.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    expect(alerts).toHaveLength(SUBSCRIPTIONS);
    expect(new Set(alerts.map((a) => a.subscriptionId)).size).toBe(SUBSCRIPTIONS);

    for (let shard = 0; shard < 8; shard++) {
      const open = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': `OPEN#${shard}` },
        }),
      );
      expect(open.Items ?? []).toHaveLength(0);
    }
  });
});
