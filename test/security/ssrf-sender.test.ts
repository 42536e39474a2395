import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatchDelivery } from '../../shared/delivery/dispatcher.js';
import { createHttpSender, type WebhookLookup } from '../../shared/delivery/webhooks/http-sender.js';
import type { WebhookUrlPolicy } from '../../shared/delivery/webhooks/url-policy.js';
import { matchPolicyChange } from '../../shared/matching/matcher.js';
import { dispatcherDeps, matcherDeps, type Services } from '../../shared/wiring/services.js';
import { policyChangeInputFixture, subscriptionFixture } from '../store/fixtures.js';
import { createTestTable } from '../support/dynamodb.js';
import { RecordingNotifier, RecordingQueue } from '../support/recording.js';
import { installNetworkGuard, type NetworkGuard } from './network-guard.js';

const STRICT: WebhookUrlPolicy = { allowPrivate: false, requireHttps: false };
const LOCAL: WebhookUrlPolicy = { allowPrivate: true, requireHttps: false };
/** example.com's address: public, so the policy passes it. The guard stops any connection to it. */
const PUBLIC_ADDRESS = '93.184.216.34';

let guard: NetworkGuard;
const servers: Server[] = [];

beforeAll(() => {
  guard = installNetworkGuard();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});
afterAll(() => guard.dispose());

/** A real receiver on 127.0.0.1 that counts connections and requests. */
async function receiver(respond: RequestListener) {
  let connections = 0;
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => respond(req, res));
  });
  server.on('connection', () => connections++);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, connections: () => connections, requests: () => requests };
}

/** A resolver answering from a script, one answer per call (the last one repeats). */
function scriptedLookup(...answers: string[]): WebhookLookup & { calls: number } {
  const lookup = Object.assign(
    async () => {
      lookup.calls++;
      const address = answers[Math.min(lookup.calls, answers.length) - 1] ?? '';
      return [{ address, family: address.includes(':') ? 6 : 4 }];
    },
    { calls: 0 },
  );
  return lookup;
}

const request = (url: string) => ({
  url,
  headers: { 'content-type': 'application/json' },
  body: '{}',
  timeoutMs: 2_000,
});

describe('DNS rebinding through the real sender', () => {
  it('a name that answers public, then private: the first send goes to the vetted public address, the second is refused; the private receiver never sees a connection', async () => {
    const target = await receiver((_req, res) => res.end('private data'));
    const url = `http://rebind.example.com:${target.port}/hook`;
    const lookup = scriptedLookup(PUBLIC_ADDRESS, '127.0.0.1');
    const sender = createHttpSender({ policy: STRICT, lookup });
    const blockedBefore = guard.blocked.length;

    // The check sees a public address, and the socket is pinned to exactly that address: the guard
    // stops it at the lookup the socket makes, which returns the vetted answer, not a fresh one.
    const first = await sender.send(request(url));
    expect(first.errorKind).toBe('connection');
    expect(first.statusCode).toBeUndefined();
    expect(guard.blocked.slice(blockedBefore)).toEqual([PUBLIC_ADDRESS]);
    expect(lookup.calls).toBe(1);

    // The name now answers loopback: refused before any socket is made.
    const second = await sender.send(request(url));
    expect(second).toMatchObject({
      errorKind: 'refused-address',
      error: expect.stringContaining('127.0.0.1'),
    });
    expect(lookup.calls).toBe(2);
    expect(guard.blocked.slice(blockedBefore)).toEqual([PUBLIC_ADDRESS]);

    expect(target.connections()).toBe(0);
    expect(target.requests()).toBe(0);
  });

  it('a name answering public and private at once is refused outright', async () => {
    const target = await receiver((_req, res) => res.end());
    const lookup: WebhookLookup = async () => [
      { address: PUBLIC_ADDRESS, family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    const response = await createHttpSender({ policy: STRICT, lookup }).send(
      request(`http://both.example.com:${target.port}/`),
    );
    expect(response.errorKind).toBe('refused-address');
    expect(target.connections()).toBe(0);
  });

  it.each(['169.254.169.254', '::ffff:169.254.169.254', '10.0.0.5', '100.64.0.1', 'fd00:ec2::254', '::'])(
    'a name resolving to %s is refused before connecting',
    async (address) => {
      const blockedBefore = guard.blocked.length;
      const response = await createHttpSender({ policy: STRICT, lookup: scriptedLookup(address) }).send(
        request('http://metadata-alias.example.com/latest/meta-data/'),
      );
      expect(response.errorKind).toBe('refused-address');
      expect(guard.blocked.length).toBe(blockedBefore);
    },
  );
});

describe('redirects to private addresses', () => {
  it('the sender reports the 302 and does not follow it to the metadata address', async () => {
    const target = await receiver((_req, res) => {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/' });
      res.end();
    });
    const before = { blocked: guard.blocked.length, connected: guard.connected.length };
    const response = await createHttpSender({ policy: LOCAL }).send(
      request(`http://127.0.0.1:${target.port}/hook`),
    );
    expect(response.statusCode).toBe(302);
    expect(target.requests()).toBe(1);
    expect(guard.blocked.length).toBe(before.blocked);
    expect(guard.connected.slice(before.connected)).toEqual([`127.0.0.1:${target.port}`]);
  });

  it('through the dispatcher: the delivery records the 302 as a failed attempt and retries later', async () => {
    const target = await receiver((_req, res) => {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      res.end('moved');
    });
    const table = await createTestTable();
    const now = new Date();
    const services: Services = {
      ...table,
      queue: new RecordingQueue(),
      notifier: new RecordingNotifier(),
      sender: createHttpSender({ policy: LOCAL }),
      clock: () => now,
    };
    const subscription = subscriptionFixture({ filters: { materials: ['gallium'] } });
    subscription.webhook = {
      ...(subscription.webhook ?? { secrets: [], status: 'enabled' }),
      url: `http://127.0.0.1:${target.port}/hook`,
    };
    await table.subscriptions.create(subscription);
    const ingested = await table.changes.ingest(policyChangeInputFixture({ materials: ['gallium'] }), now);
    await matchPolicyChange(matcherDeps(services), { policyChangeId: ingested.change.id, revision: 1 });
    const queue = services.queue as RecordingQueue;
    const [deliveryId] = queue.deliveryIds;
    if (!deliveryId) throw new Error('the matcher queued no delivery');

    const connectedBefore = guard.connected.length;
    const result = await dispatchDelivery(
      dispatcherDeps(services, {
        retrySchedule: [60_000, 120_000],
        webhookTimeoutMs: 2_000,
        webhookDisableAfterMs: 5 * 86_400_000,
      }),
      deliveryId,
    );

    expect(result.kind).toBe('retry');
    const delivery = await table.deliveries.getDelivery(deliveryId);
    expect(delivery?.status).toBe('failed');
    expect(delivery?.attempts).toHaveLength(1);
    expect(delivery?.attempts[0]).toMatchObject({ statusCode: 302 });
    expect(delivery?.nextAttemptAt).toBeDefined();
    expect(guard.connected.slice(connectedBefore)).toEqual([`127.0.0.1:${target.port}`]);
    table.client.destroy();
  });
});
