import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/local-runtime.js';
import { documentClient } from '../../shared/store/table.js';
import { ADMIN, apiClient, galliumChange, startTestRuntime } from '../reliability/support.js';
import { testClient } from '../support/dynamodb.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every item of the runtime's table (test bookkeeping only; nothing in the service scans). */
async function allItems(runtime: LocalRuntime): Promise<Record<string, unknown>[]> {
  const doc = documentClient(testClient());
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({ TableName: runtime.config.tableName, ConsistentRead: true, ExclusiveStartKey }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

describe('DELIVERY_RETENTION=5s: what is kept, and for how long', () => {
  let runtime: LocalRuntime;
  let server: Server;
  let key: string;
  let deliveredSub: string;
  let retryingSub: string;
  let call: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    // One receiver accepts; the other keeps failing, so its delivery waits 30 s for a retry.
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(req.url?.includes('fails') ? 500 : 200).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    runtime = await startTestRuntime({ DELIVERY_RETENTION: '5s', RETRY_SCHEDULE: '30s' });
    call = apiClient(runtime.url);
    key = (await call('POST', '/v1/subscribers', ADMIN, { name: 'Retention' })).json.apiKey;
    const subscribe = async (path: string) =>
      (
        await call('POST', '/v1/subscriptions', key, {
          name: path,
          filters: { materials: ['gallium'] },
          webhook: { url: `${base}/${path}` },
        })
      ).json.id as string;
    deliveredSub = await subscribe('accepts');
    retryingSub = await subscribe('fails');
    expect((await call('POST', '/v1/policy-changes', ADMIN, galliumChange())).status).toBe(202);
    // Both first attempts made: one delivered, one failed and waiting for its retry.
    for (let i = 0; i < 100; i++) {
      const [a, b] = await Promise.all(
        [deliveredSub, retryingSub].map(
          async (id) => (await call('GET', `/v1/subscriptions/${id}/deliveries`, key)).json.items[0],
        ),
      );
      if (a?.status === 'delivered' && b?.status === 'failed') break;
      await sleep(100);
    }
  }, 60_000);

  afterAll(async () => {
    await runtime?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('lists the delivered delivery, then 7 s later it is gone from the list, GET and replay; the retrying one stays', async () => {
    const listed = (await call('GET', `/v1/subscriptions/${deliveredSub}/deliveries`, key)).json.items;
    expect(listed.map((d: { status: string }) => d.status)).toEqual(['delivered']);
    const id = listed[0].id as string;
    expect((await call('GET', `/v1/deliveries/${id}`, key)).status).toBe(200);
    const retrying = (await call('GET', `/v1/subscriptions/${retryingSub}/deliveries`, key)).json.items;
    expect(retrying.map((d: { status: string }) => d.status)).toEqual(['failed']);

    // Every alert and delivery item carries its expiry in epoch seconds from the write that made it.
    const items = await allItems(runtime);
    const expiring = items.filter((item) => item.entity === 'alert' || item.entity === 'delivery');
    expect(expiring.length).toBe(4);
    const nowSeconds = Date.now() / 1000;
    for (const item of expiring) {
      expect(typeof item.ttl).toBe('number');
      expect(item.ttl as number).toBeGreaterThan(nowSeconds);
    }

    await sleep(7_000);

    expect((await call('GET', `/v1/subscriptions/${deliveredSub}/deliveries`, key)).json.items).toEqual([]);
    expect((await call('GET', `/v1/deliveries/${id}`, key)).status).toBe(404);
    expect((await call('POST', `/v1/deliveries/${id}/retry`, key)).status).toBe(404);

    // Still retrying: kept until DELIVERY_RETENTION after its next attempt.
    const kept = (await call('GET', `/v1/subscriptions/${retryingSub}/deliveries`, key)).json.items;
    expect(kept.map((d: { status: string }) => d.status)).toEqual(['failed']);
    expect((await call('GET', `/v1/deliveries/${kept[0].id}`, key)).status).toBe(200);
  }, 30_000);

  it('audit records carry their own ttl (AUDIT_RETENTION, 400 days by default); policy changes carry none', async () => {
    const items = await allItems(runtime);
    const audit = items.filter((item) => item.entity === 'audit');
    expect(audit.length).toBeGreaterThan(0);
    for (const record of audit) {
      expect(record.ttl).toBe(Math.ceil((Date.parse(String(record.at)) + 400 * 86_400_000) / 1000));
    }
    const changes = items.filter((item) => String(item.pk).startsWith('CHANGE'));
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) expect(change).not.toHaveProperty('ttl');
    const subscriptions = items.filter((item) => item.entity === 'subscription');
    for (const subscription of subscriptions) expect(subscription).not.toHaveProperty('ttl');
  });
});

describe('an expired audit record is gone from the trail', () => {
  it('lists records until their ttl, and none after it', async () => {
    let now = new Date('2026-01-01T00:00:00.000Z');
    const { createTestTable } = await import('../support/dynamodb.js');
    const table = await createTestTable({
      retention: { deliveryMs: 1000, auditMs: 60_000 },
      clock: () => now,
    });
    await table.audit.append({
      id: 'aud_retention_1',
      at: now.toISOString(),
      actor: { keyId: 'system', scope: 'system' },
      action: 'subscription.created',
      target: { type: 'subscription', id: 'sub_retention' },
    });
    const doc = documentClient(table.client);
    const { Items } = await doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'AUDIT' },
      }),
    );
    expect(Items?.[0]?.ttl).toBe(Date.parse('2026-01-01T00:01:00.000Z') / 1000);
    expect(
      (await table.audit.list({ target: { type: 'subscription', id: 'sub_retention' } })).items,
    ).toHaveLength(1);
    now = new Date('2026-01-01T00:01:00.000Z');
    expect((await table.audit.list({ target: { type: 'subscription', id: 'sub_retention' } })).items).toEqual(
      [],
    );
    expect((await table.audit.list()).items).toEqual([]);
  });
});

describe('an expired delivery is gone from every read', () => {
  it('a dead delivery past its ttl is not listed, found, recovered, reopened or taken', async () => {
    let now = new Date('2026-01-01T00:00:00.000Z');
    const { createTestTable } = await import('../support/dynamodb.js');
    const { buildAlert } = await import('../../shared/matching/build-alert.js');
    const { policyChangeFixture } = await import('../store/fixtures.js');
    const { refOf } = await import('../../shared/store/delivery-store.js');
    const table = await createTestTable({
      retention: { deliveryMs: 60_000, auditMs: 60_000 },
      clock: () => now,
    });
    const alert = buildAlert({
      change: policyChangeFixture({}),
      subscriptionId: 'sub_expiry',
      subscriberId: 'sbr_expiry',
      type: 'policy_change.published',
      match: { materials: [] },
      now,
    });
    const [delivery] = (await table.deliveries.createAlert(alert, ['webhook'])).toSend;
    if (!delivery) throw new Error('the delivery was created');
    await table.deliveries.markDead(delivery, 'gave up', now);
    const since = '2025-12-31T00:00:00.000Z';
    expect((await table.deliveries.listSince('sub_expiry', since)).map((d) => d.status)).toEqual(['dead']);

    now = new Date('2026-01-01T00:01:00.000Z');
    expect(await table.deliveries.listSince('sub_expiry', since)).toEqual([]);
    expect((await table.deliveries.listBySubscription('sub_expiry')).items).toEqual([]);
    expect(await table.deliveries.getDelivery(delivery.id)).toBeUndefined();
    expect(await table.deliveries.reopen(delivery, now)).toBeUndefined();
    expect(await table.deliveries.take(refOf(delivery), now, 1000)).toEqual({ kind: 'finished' });
  });
});
