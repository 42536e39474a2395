import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../local/local-runtime.js';
import { startReceiver } from '../../local/webhook-receiver.js';
import { ADMIN, apiClient, galliumChange } from '../reliability/support.js';
import { eventually } from '../support/local-service.js';
import { RecordingNotifier } from '../support/recording.js';

/** A receiver answering 429 with Retry-After: 3600. */
async function busyReceiver(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(429, { 'retry-after': '3600' }).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('administration over real sockets: subscribers and dead deliveries', () => {
  let runtime: LocalRuntime;
  let call: ReturnType<typeof apiClient>;
  const notifier = new RecordingNotifier();
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let receiverStatus = 500;

  beforeAll(async () => {
    receiver = await startReceiver(() => receiverStatus);
    runtime = await startLocalRuntime({
      env: {
        PORT: '0',
        DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
        TABLE_NAME: `admin-ops-${randomUUID()}`,
        LOG_LEVEL: 'silent',
        WEBHOOK_ALLOW_PRIVATE: 'true',
        ADMIN_API_KEY: ADMIN,
        RATE_LIMIT: 'off',
        RETRY_SCHEDULE: '50ms,50ms',
      },
      notifier,
    });
    call = apiClient(runtime.url);
  });

  afterAll(async () => {
    await runtime?.stop();
    await receiver?.close();
  });

  it('lists subscribers a page at a time and renames one, on the audit trail', async () => {
    const names = ['Alpha Metals', 'Beta Magnets', 'Gamma Cells'];
    const ids: string[] = [];
    for (const name of names) ids.push((await call('POST', '/v1/subscribers', ADMIN, { name })).json.id);

    const first = await call('GET', '/v1/admin/subscribers?limit=2', ADMIN);
    expect(first.status).toBe(200);
    expect(first.json.items).toHaveLength(2);
    const second = await call('GET', `/v1/admin/subscribers?limit=2&cursor=${first.json.nextCursor}`, ADMIN);
    const listed = [...first.json.items, ...second.json.items].map((s: { id: string }) => s.id);
    expect(listed).toEqual(ids);

    const renamed = await call('PATCH', `/v1/admin/subscribers/${ids[1]}`, ADMIN, {
      name: 'Beta Magnets GmbH',
    });
    expect(renamed).toMatchObject({ status: 200, json: { id: ids[1], name: 'Beta Magnets GmbH' } });
    const audit = await call('GET', `/v1/admin/audit?target=subscriber:${ids[1]}`, ADMIN);
    expect(audit.json.items[0]).toMatchObject({
      action: 'subscriber.renamed',
      before: { name: 'Beta Magnets' },
      after: { name: 'Beta Magnets GmbH' },
    });

    expect((await call('PATCH', '/v1/admin/subscribers/sbr_nobody', ADMIN, { name: 'x' })).status).toBe(404);
    expect((await call('PATCH', `/v1/admin/subscribers/${ids[1]}`, ADMIN, { name: '' })).status).toBe(422);
  });

  it('deletes a subscriber with its subscriptions, keys and e-mail topics; unfinished deliveries die with the reason', async () => {
    // A receiver that asks for an hour's wait, so the delivery is still failing when the subscriber goes.
    const busy = await busyReceiver();
    const created = await call('POST', '/v1/subscribers', ADMIN, { name: 'Leaving' });
    const key: string = created.json.apiKey;
    const subscriberId: string = created.json.id;
    const withEmail = await call('POST', '/v1/subscriptions', key, {
      name: 'Mail',
      filters: { materials: ['tungsten'] },
      email: ['ops@example.com'],
    });
    const withWebhook = await call('POST', '/v1/subscriptions', key, {
      name: 'Hook',
      filters: { materials: ['gallium'] },
      webhook: { url: `${busy.url}/leaving` },
    });
    expect([withEmail.status, withWebhook.status]).toEqual([201, 201]);
    // A second key, so more than one is removed.
    expect((await call('POST', '/v1/api-keys', ADMIN, { scope: 'subscriber', subscriberId })).status).toBe(
      201,
    );

    await call('POST', '/v1/policy-changes', ADMIN, galliumChange());
    const failing = await eventually('a failed attempt', async () => {
      const page = await call('GET', `/v1/subscriptions/${withWebhook.json.id}/deliveries`, key);
      const delivery = page.json.items[0];
      return delivery?.status === 'failed' ? delivery : undefined;
    });

    const deleted = await call('DELETE', `/v1/admin/subscribers/${subscriberId}`, ADMIN);
    await busy.close();
    expect(deleted.status).toBe(200);
    expect(deleted.json).toMatchObject({ id: subscriberId, subscriptionsDeleted: 2, keysDeleted: 2 });

    expect((await call('GET', '/v1/subscriptions', key)).status).toBe(401);
    expect(notifier.topicsDeleted).toContain(
      withEmail.json.emailTopicArn ?? RecordingNotifier.topicArn(withEmail.json.id),
    );
    const listed = await call('GET', '/v1/admin/subscribers?limit=100', ADMIN);
    expect(listed.json.items.map((s: { id: string }) => s.id)).not.toContain(subscriberId);
    expect((await call('DELETE', `/v1/admin/subscribers/${subscriberId}`, ADMIN)).status).toBe(404);

    expect(deleted.json.deliveriesMarkedDead).toBe(1);
    const dead = await call('GET', '/v1/admin/deliveries/dead', ADMIN);
    expect(dead.json.items).toContainEqual(
      expect.objectContaining({
        id: failing.id,
        subscriberId,
        status: 'dead',
        deadReason: 'subscriber deleted',
      }),
    );
    const audit = await call('GET', `/v1/admin/audit?target=subscriber:${subscriberId}`, ADMIN);
    expect(audit.json.items[0]).toMatchObject({ action: 'subscriber.deleted', before: { name: 'Leaving' } });
  });

  it('lists dead deliveries across subscribers and retries them in bulk', async () => {
    receiverStatus = 500;
    const keys: string[] = [];
    const subscriptions: string[] = [];
    for (const name of ['Dead one', 'Dead two']) {
      const key = (await call('POST', '/v1/subscribers', ADMIN, { name })).json.apiKey;
      keys.push(key);
      const material = name === 'Dead one' ? 'cobalt' : 'lithium';
      subscriptions.push(
        (
          await call('POST', '/v1/subscriptions', key, {
            name,
            filters: { materials: [material] },
            webhook: { url: `${receiver.url}/${material}` },
          })
        ).json.id,
      );
      await call('POST', '/v1/policy-changes', ADMIN, { ...galliumChange(), materials: [material] });
    }
    const dead = await eventually('both deliveries dead', async () => {
      const page = await call('GET', '/v1/admin/deliveries/dead?limit=100', ADMIN);
      const ours = page.json.items.filter((d: { subscriptionId: string }) =>
        subscriptions.includes(d.subscriptionId),
      );
      return ours.length === 2 ? ours : undefined;
    });
    expect(dead.map((d: { deadReason: string }) => d.deadReason)).toEqual([
      expect.stringContaining('gave up after 3 attempts'),
      expect.stringContaining('gave up after 3 attempts'),
    ]);
    // A page of one, then the rest from the cursor.
    const first = await call('GET', '/v1/admin/deliveries/dead?limit=1', ADMIN);
    expect(first.json.items).toHaveLength(1);
    expect(first.json.nextCursor).toEqual(expect.any(String));

    receiverStatus = 200;
    const ids = dead.map((d: { id: string }) => d.id);
    const retried = await call('POST', '/v1/admin/deliveries/dead/retry', ADMIN, {
      deliveryIds: [...ids, 'dlv_nothing'],
    });
    expect(retried.status).toBe(202);
    expect(retried.json.retried.sort()).toEqual([...ids].sort());
    expect(retried.json.skipped).toEqual([{ deliveryId: 'dlv_nothing', reason: 'not found' }]);

    for (const [index, subscriptionId] of subscriptions.entries()) {
      await eventually('the retried delivery delivered', async () => {
        const page = await call('GET', `/v1/subscriptions/${subscriptionId}/deliveries`, keys[index] ?? '');
        return page.json.items[0]?.status === 'delivered' ? true : undefined;
      });
    }
    const after = await call('GET', '/v1/admin/deliveries/dead?limit=100', ADMIN);
    expect(after.json.items.filter((d: { id: string }) => ids.includes(d.id))).toEqual([]);
    expect((await call('POST', '/v1/admin/deliveries/dead/retry', ADMIN, { deliveryIds: [] })).status).toBe(
      422,
    );
  });
});
