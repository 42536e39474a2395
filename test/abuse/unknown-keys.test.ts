import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { serve } from '@hono/node-server';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientAddress } from '../../shared/api/client-address.js';
import { KEY_LOOKUP_LIMITS, KeyLookupBudget } from '../../shared/api/key-lookup-budget.js';
import type { MetricName } from '../../shared/kernel/metrics.js';
import { keys } from '../../shared/store/keys.js';
import { generateApiKey, hashApiKey } from '../../shared/store/subscriber-store.js';
import { documentClient } from '../../shared/store/table.js';
import { ADMIN, type ApiHarness, createHarness, newSubscriber } from '../api/support.js';

const { perAddress, total } = KEY_LOOKUP_LIMITS;

let h: ApiHarness;
/** The budget's clock, moved by hand: the tests count store reads, never wait. */
let now = 0;
/** Store reads (GetItem) since the last `reads.length = 0`. */
const reads: string[] = [];
const recorded: [MetricName, number][] = [];

beforeAll(async () => {
  h = await createHarness({
    keyLookups: new KeyLookupBudget(KEY_LOOKUP_LIMITS, () => now),
    metrics: { record: (name, value) => recorded.push([name, value]), flush: async () => undefined },
  });
  h.table.client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'GetItemCommand') reads.push(context.commandName);
      return next(args);
    },
    { step: 'initialize', name: 'countReads' },
  );
});

beforeEach(() => {
  // An hour later: every budget is full again.
  now += 3_600_000;
  reads.length = 0;
});

/** A key with a valid checksum that was never issued, or a checksum-less (legacy-shaped) one. */
const forgedKey = (i: number) =>
  i % 2 === 0 ? generateApiKey('subscriber') : `ma_sub_${randomBytes(32).toString('base64url')}`;

/** A request as @hono/node-server hands it to the app: the peer's address on the socket. */
const fromAddress = (address: string, key: string, path = '/v1/subscriptions') =>
  h.app.request(
    path,
    { headers: { authorization: `Bearer ${key}` } },
    { incoming: { socket: { remoteAddress: address } } },
  );

/** Sends every key, `concurrency` at a time; the statuses in order. */
async function flood(keysAndAddresses: [string, string][], concurrency = 500): Promise<Response[]> {
  const answers: Response[] = [];
  for (let i = 0; i < keysAndAddresses.length; i += concurrency) {
    const batch = keysAndAddresses.slice(i, i + concurrency);
    answers.push(...(await Promise.all(batch.map(([address, key]) => fromAddress(address, key)))));
  }
  return answers;
}

const count = (answers: Response[], status: number) => answers.filter((r) => r.status === status).length;

describe('made-up keys from one client', () => {
  it(`20,000 forged keys from one address cost ${perAddress.burst} store reads; the rest 429 with Retry-After`, async () => {
    const answers = await flood(Array.from({ length: 20_000 }, (_, i) => ['198.51.100.7', forgedKey(i)]));
    expect(reads).toHaveLength(perAddress.burst);
    expect(count(answers, 401)).toBe(perAddress.burst);
    expect(count(answers, 429)).toBe(20_000 - perAddress.burst);
    const refused = answers.find((r) => r.status === 429);
    expect(refused?.headers.get('retry-after')).toBe(String(Math.ceil(1 / perAddress.rate)));
    expect(await refused?.json()).toMatchObject({
      type: expect.stringContaining('rate-limited'),
      detail: expect.stringContaining('from this address'),
    });

    // The address earns one lookup back every few seconds, and no more.
    now += Math.ceil(1000 / perAddress.rate);
    reads.length = 0;
    const later = await flood(Array.from({ length: 50 }, (_, i) => ['198.51.100.7', forgedKey(i)]));
    expect(reads).toHaveLength(1);
    expect(count(later, 401)).toBe(1);
  });

  it('an IPv6 client is one client across its /64, and an IPv4-mapped address is the IPv4 one', async () => {
    const sixes = Array.from({ length: 200 }, (_, i): [string, string] => [
      `2001:db8:7:7:${(i + 1).toString(16)}::1`,
      forgedKey(i),
    ]);
    await flood(sixes);
    expect(reads).toHaveLength(perAddress.burst);
    reads.length = 0;
    await flood([
      ...Array.from({ length: 20 }, (_, i): [string, string] => ['203.0.113.9', forgedKey(i)]),
      ...Array.from({ length: 20 }, (_, i): [string, string] => ['::ffff:203.0.113.9', forgedKey(i)]),
    ]);
    expect(reads).toHaveLength(perAddress.burst);
  });

  it('keys found before keep working from the flooded address, read every time; a key never seen waits', async () => {
    const alice = await newSubscriber(h.http, 'Alice Magnets');
    const bob = await newSubscriber(h.http, 'Bob Batteries');
    expect((await fromAddress('192.0.2.50', alice.key)).status).toBe(200);
    await flood(Array.from({ length: 1_000 }, (_, i) => ['192.0.2.50', forgedKey(i)]));

    reads.length = 0;
    for (let i = 0; i < 5; i++) expect((await fromAddress('192.0.2.50', alice.key)).status).toBe(200);
    expect(reads).toHaveLength(5);
    const waiting = await fromAddress('192.0.2.50', bob.key);
    expect(waiting.status).toBe(429);
    expect(waiting.headers.get('retry-after')).toBeTruthy();
    // From anywhere else Bob's key is looked up as usual.
    expect((await fromAddress('192.0.2.51', bob.key)).status).toBe(200);
    // The bootstrap key is compared, never looked up: no budget touches it.
    expect((await fromAddress('192.0.2.50', ADMIN, '/v1/api-keys')).status).toBe(200);
  });

  it('a new key sent many times at once is read once and answers every request', async () => {
    const carol = await newSubscriber(h.http, 'Carol Cathodes');
    reads.length = 0;
    const answers = await Promise.all(
      Array.from({ length: 3 * perAddress.burst }, () => fromAddress('192.0.2.60', carol.key)),
    );
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
    expect(reads.length).toBeLessThan(answers.length);
    // The same forged key sent at once costs one read and one unit of the address's budget.
    reads.length = 0;
    const forged = generateApiKey('subscriber');
    const refused = await Promise.all(
      Array.from({ length: 3 * perAddress.burst }, () => fromAddress('192.0.2.61', forged)),
    );
    expect(refused.map((r) => r.status)).toEqual(refused.map(() => 401));
    expect(reads).toHaveLength(1);
  });

  it('a key found before and then revoked is refused and spends the budget again', async () => {
    const budget = new KeyLookupBudget(
      { perAddress: { rate: 1, burst: 1 }, total: { rate: 1, burst: 5 } },
      () => 0,
    );
    const admitted = budget.admit('known', '192.0.2.1');
    expect(admitted.allowed).toBe(true);
    if (admitted.allowed) admitted.settle(true);
    // Found: the reservation was given back, and the key passes however spent the address is.
    const forged = budget.admit('forged', '192.0.2.1');
    if (forged.allowed) forged.settle(false);
    expect(budget.admit('other', '192.0.2.1')).toMatchObject({ allowed: false, exhausted: 'address' });
    const again = budget.admit('known', '192.0.2.1');
    expect(again.allowed).toBe(true);
    // Revoked since: the store no longer finds it, and it is a stranger like any other.
    if (again.allowed) again.settle(false);
    expect(budget.admit('known', '192.0.2.1')).toMatchObject({ allowed: false });
  });
});

describe('made-up keys from many clients', () => {
  it(`2,000 addresses with 5 forged keys each cost ${total.burst} store reads in all`, async () => {
    const spread = Array.from({ length: 10_000 }, (_, i): [string, string] => [
      `10.${Math.floor(i / 5 / 250)}.${Math.floor(i / 5) % 250}.1`,
      forgedKey(i),
    ]);
    const answers = await flood(spread);
    expect(reads).toHaveLength(total.burst);
    expect(count(answers, 401)).toBe(total.burst);
    expect(count(answers, 429)).toBe(10_000 - total.burst);
    const refused = answers.find((r) => r.status === 429);
    expect(await refused?.json()).toMatchObject({
      detail: expect.stringContaining('from all callers together'),
    });

    // A second later, the service looks up as many more as its rate allows.
    now += 1000;
    reads.length = 0;
    await flood(spread.slice(0, 1_000).map(([address]) => [address, forgedKey(0)]));
    expect(reads).toHaveLength(total.rate);
  });
});

describe('where the address comes from', () => {
  it('reads the socket peer locally and API Gateway’s sourceIp on Lambda; none in app.request', () => {
    expect(clientAddress({ incoming: { socket: { remoteAddress: '::ffff:127.0.0.2' } } })).toBe('127.0.0.2');
    expect(clientAddress({ requestContext: { http: { sourceIp: '203.0.113.4' } } })).toBe('203.0.113.4');
    expect(clientAddress({ requestContext: { identity: { sourceIp: '203.0.113.5' } } })).toBe('203.0.113.5');
    expect(clientAddress({ requestContext: { http: { sourceIp: '2001:DB8:1:2:3:4:5:6' } } })).toBe(
      '2001:db8:1:2::/64',
    );
    expect(clientAddress(undefined)).toBeUndefined();
    expect(clientAddress({ incoming: {} })).toBeUndefined();
  });

  it('over real sockets, each loopback address has its own budget', async () => {
    const server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const get = (localAddress: string, key: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path: '/v1/subscriptions',
            localAddress,
            headers: { authorization: `Bearer ${key}` },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end();
      });
    try {
      const first: number[] = [];
      for (let i = 0; i < perAddress.burst + 2; i++) first.push(await get('127.0.0.2', forgedKey(i)));
      expect(first.filter((s) => s === 401)).toHaveLength(perAddress.burst);
      expect(first.slice(-2)).toEqual([429, 429]);
      expect(await get('127.0.0.3', forgedKey(1))).toBe(401);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('keys issued before keys carried a checksum', () => {
  it('each request made with one is counted (LegacyApiKeyUses); checked keys are not', async () => {
    const legacy = `ma_ing_${randomBytes(32).toString('base64url')}`;
    await documentClient(h.table.client).send(
      new PutCommand({
        TableName: h.table.tableName,
        Item: {
          ...keys.apiKey(hashApiKey(legacy)),
          entity: 'apiKey',
          keyId: 'key_before_checksums',
          scope: 'ingest',
          createdAt: '2025-06-01T00:00:00.000Z',
        },
      }),
    );
    const checked = await newSubscriber(h.http, 'Checked GmbH');
    recorded.length = 0;
    for (let i = 0; i < 3; i++) {
      expect((await fromAddress('192.0.2.9', legacy, '/v1/policy-changes/pc_x')).status).toBe(404);
    }
    expect((await fromAddress('192.0.2.9', checked.key)).status).toBe(200);
    expect(recorded).toEqual([
      ['LegacyApiKeyUses', 1],
      ['LegacyApiKeyUses', 1],
      ['LegacyApiKeyUses', 1],
    ]);
  });
});
