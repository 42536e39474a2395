import type { AddressInfo } from 'node:net';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey } from '../../shared/store/subscriber-store.js';
import { ADMIN, type ApiHarness, createHarness, subscriptionBody } from '../api/support.js';
import { ingestAndMatch } from '../security/support.js';

let h: ApiHarness;
let server: ReturnType<typeof serve>;
let url: string;
/** Every command the service sent to DynamoDB, counted at the SDK client. */
const commands: string[] = [];

async function call(method: string, path: string, key?: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  // biome-ignore lint/suspicious/noExplicitAny: bodies are asserted field by field
  return { status: response.status, headers: response.headers, json: json as any, text };
}

async function subscriberKey(name: string): Promise<{ id: string; key: string }> {
  const res = await call('POST', '/v1/subscribers', ADMIN, { name });
  expect(res.status).toBe(201);
  return { id: res.json.id, key: res.json.apiKey };
}

beforeAll(async () => {
  h = await createHarness({ limits: { maxSubscriptionsPerSubscriber: 3 } });
  h.table.client.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'countCommands' },
  );
  server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('keys that cannot exist cost nothing', () => {
  it('500 made-up keys cause 0 store reads; a well-formed unknown key is read once, then cached', async () => {
    const real = generateApiKey('subscriber');
    const madeUp = Array.from({ length: 500 }, (_, i) => {
      switch (i % 5) {
        case 0:
          return `ma_sub_${'x'.repeat(i % 60)}`;
        case 1:
          // The right shape with one character of the checksum changed: a typo.
          // (never the real last character, or the "typo" would be the valid key itself)
          return real.replace(/.$/, (last) => [i % 2 ? 'Q' : 'R', 'Q', 'R'].find((c) => c !== last) ?? 'S');
        case 2:
          return `ma_adm_${Buffer.from(String(i)).toString('base64url').padEnd(49, 'z')}`;
        case 3:
          return `not-a-key-${i}`;
        default:
          return `ma_ing_${'A'.repeat(43)}${String(i).padStart(6, '0')}`;
      }
    });
    // Checked keys are never legacy-shaped here: legacy (checksum-less) keys are tested below.
    const before = commands.length;
    for (const key of madeUp) {
      const res = await call('GET', '/v1/subscriptions', key);
      expect(res.status).toBe(401);
    }
    expect(commands.slice(before)).toEqual([]);

    // A key whose checksum holds but that was never issued: one read, then none for a while.
    const unknown = generateApiKey('subscriber');
    const reads = commands.length;
    for (let i = 0; i < 20; i++) expect((await call('GET', '/v1/subscriptions', unknown)).status).toBe(401);
    expect(commands.slice(reads)).toEqual(['GetItemCommand']);
  });

  it('issued keys carry the checksum and work; the bootstrap key (any format) still works', async () => {
    const { key } = await subscriberKey('Checksum GmbH');
    expect(key).toMatch(/^ma_sub_[A-Za-z0-9_-]{49}$/);
    expect((await call('GET', '/v1/subscriptions', key)).status).toBe(200);
    expect((await call('GET', '/v1/api-keys', ADMIN)).status).toBe(200);
  });
});

describe('keys issued before keys carried a checksum', () => {
  it('still work while ACCEPT_LEGACY_API_KEYS is on (the default), and cost nothing once it is off', async () => {
    const legacy = `ma_ing_${'L'.repeat(43)}`;
    await h.table.client.send(
      new PutItemCommand({
        TableName: h.table.tableName,
        Item: marshall({
          pk: `APIKEY#${hashApiKey(legacy)}`,
          sk: 'APIKEY',
          entity: 'apiKey',
          keyId: 'key_legacy',
          scope: 'ingest',
          createdAt: '2025-01-01T00:00:00.000Z',
        }),
      }),
    );
    expect((await call('GET', '/v1/policy-changes/pc_unknown', legacy)).status).toBe(404);

    const strict = await createHarness({ limits: { acceptLegacyApiKeys: false } });
    const reads: string[] = [];
    strict.table.client.middlewareStack.add(
      (next, context) => async (args) => {
        reads.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'countCommands' },
    );
    expect((await strict.http.get('/v1/policy-changes/pc_unknown', legacy)).status).toBe(401);
    expect(reads).toEqual([]);
  });
});

describe('exact subscriptions-per-subscriber cap', () => {
  it('20 concurrent creates at a cap of 3 make exactly 3; the rest answer 409', async () => {
    const { key } = await subscriberKey('Racer AG');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call('POST', '/v1/subscriptions', key, subscriptionBody({ name: `race ${i}` })),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 409)).toHaveLength(17);
    for (const refused of results.filter((r) => r.status === 409))
      expect(refused.json.type).toMatch(/\/subscription-limit$/);
    expect((await call('GET', '/v1/subscriptions', key)).json.items).toHaveLength(3);

    // Deleting one makes room for exactly one.
    const [first] = results.filter((r) => r.status === 201);
    expect((await call('DELETE', `/v1/subscriptions/${first?.json.id}`, key)).status).toBe(204);
    const again = await Promise.all(
      Array.from({ length: 5 }, () => call('POST', '/v1/subscriptions', key, subscriptionBody())),
    );
    expect(again.map((r) => r.status).filter((s) => s === 201)).toHaveLength(1);
  });
});

describe('sealed cursors', () => {
  it('forged cursors of every shape answer 422, never 5xx, on every paged list', async () => {
    const owner = await subscriberKey('Pager GmbH');
    const subscription = await call('POST', '/v1/subscriptions', owner.key, subscriptionBody());
    for (let i = 0; i < 3; i++) await ingestAndMatch(h, { materials: ['dysprosium'] });
    const subscriptionId: string = subscription.json.id;
    const page = await call('GET', `/v1/subscriptions/${subscriptionId}/deliveries?limit=1`, owner.key);
    expect(page.status).toBe(200);
    const genuine: string = page.json.nextCursor;
    expect(genuine).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(
      (
        await call(
          'GET',
          `/v1/subscriptions/${subscriptionId}/deliveries?limit=1&cursor=${genuine}`,
          owner.key,
        )
      ).status,
    ).toBe(200);

    const [payload = '', seal = ''] = genuine.split('.');
    const key = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, string>;
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    // (An empty cursor is no cursor: the first page.)
    const forged = [
      'x',
      '.',
      `${payload}.`,
      payload,
      `${payload}.${'A'.repeat(22)}`,
      `${b64({ ...key, gsi1sk: '' })}.${seal}`,
      `${b64({ pk: '', sk: '', gsi1pk: '', gsi1sk: '' })}.${seal}`,
      `${b64({ pk: '', sk: '', gsi1pk: '', gsi1sk: '' })}`,
      b64({ pk: '', sk: '', gsi1pk: key.gsi1pk, gsi1sk: '' }),
      b64({ ...key, gsi1sk: '' }),
      b64(key),
      `${b64(key)}.${seal.slice(0, -1)}${seal.endsWith('A') ? 'B' : 'A'}`,
      `${b64({ ...key, gsi1pk: 'SUBSCRIPTION#sub_other#DELIVERIES' })}.${seal}`,
      `${b64({ ...key, extra: 'x' })}.${seal}`,
      `${b64([key])}.${seal}`,
      `${b64(null)}.${seal}`,
      `${b64({ ...key, pk: { S: 'x' } })}.${seal}`,
      `${genuine}.${seal}`,
      `${genuine}%00`,
      encodeURIComponent('{"pk":"x"}'),
      'A'.repeat(1999),
      `${'A'.repeat(1900)}.${seal}`,
    ];
    const lists = [
      { path: `/v1/subscriptions/${subscriptionId}/deliveries`, key: owner.key },
      { path: `/v1/subscriptions/${subscriptionId}/deliveries`, key: ADMIN },
      { path: '/v1/api-keys', key: ADMIN },
      { path: `/v1/admin/subscriptions?subscriberId=${owner.id}&`, key: ADMIN },
      { path: '/v1/admin/subscriptions?material=rare-earths&', key: ADMIN },
      { path: '/v1/admin/audit', key: ADMIN },
      { path: '/v1/policy-changes', key: owner.key },
    ];
    let checked = 0;
    for (const list of lists) {
      for (const cursor of forged) {
        const join = list.path.endsWith('&') ? '' : '?';
        const res = await call('GET', `${list.path}${join}cursor=${encodeURIComponent(cursor)}`, list.key);
        const context = `${list.path} cursor=${cursor.slice(0, 80)} -> ${res.status} ${res.text.slice(0, 200)}`;
        expect(res.status, context).toBe(422);
        expect(res.json.errors[0].field, context).toBe('cursor');
        checked++;
      }
    }
    expect(checked).toBe(forged.length * lists.length);
  });
});
