import { beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  type ApiHarness,
  createHarness,
  expectProblem,
  newIngestKey,
  newSubscriber,
  policyChangeBody,
  subscriptionBody,
} from './support.js';

let h: ApiHarness;
let alice: { id: string; key: string };
let bob: { id: string; key: string };
let ingest: string;
let aliceSubscriptionId: string;

beforeAll(async () => {
  h = await createHarness();
  alice = await newSubscriber(h.http, 'Alice Magnets');
  bob = await newSubscriber(h.http, 'Bob Batteries');
  ingest = await newIngestKey(h.http);
  const created = await h.http.post('/v1/subscriptions', subscriptionBody(), alice.key);
  expect(created.status).toBe(201);
  aliceSubscriptionId = created.json.id;
});

/** Bodies that would be valid, for the routes that take one; the rest are sent `{}` or nothing. */
const bodies = (): Record<string, unknown> => ({
  'POST /v1/subscribers': { name: 'X' },
  'POST /v1/api-keys': { scope: 'ingest' },
  'POST /v1/subscriptions': subscriptionBody(),
  'PATCH /v1/subscriptions/{id}': { name: 'Hijacked' },
  'POST /v1/policy-changes': policyChangeBody(),
});

let documented: { method: string; template: string }[] = [];

/**
 * Every route `/openapi.json` says needs a key, with Alice's subscription as `{id}` under
 * /v1/subscriptions and an unknown id elsewhere (the key is checked before any lookup).
 */
const routes = (): [string, string, unknown][] =>
  documented.map(({ method, template }) => {
    const path = template.startsWith('/v1/subscriptions/')
      ? template.replace('{id}', aliceSubscriptionId)
      : template.replace(/\{[^}]+\}/g, 'x_unknown');
    const body =
      bodies()[`${method} ${template}`] ?? (method === 'GET' || method === 'DELETE' ? undefined : {});
    return [method, path, body];
  });

beforeAll(async () => {
  const doc = (await h.http.get('/openapi.json')).json as {
    paths: Record<string, Record<string, { security?: unknown[] }>>;
  };
  documented = Object.entries(doc.paths).flatMap(([template, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => (operation.security?.length ?? 0) > 0)
      .map(([method]) => ({ method: method.toUpperCase(), template })),
  );
});

it('takes its routes from the API description: every route that needs a key, bodies only for documented ones', () => {
  expect(documented.length).toBeGreaterThan(40);
  const templates = new Set(documented.map(({ method, template }) => `${method} ${template}`));
  expect(Object.keys(bodies()).filter((route) => !templates.has(route))).toEqual([]);
});

describe('authentication', () => {
  const badHeaders: [string, Record<string, string>][] = [
    ['no Authorization header', {}],
    ['an empty header', { authorization: '' }],
    ['Basic instead of Bearer', { authorization: `Basic ${Buffer.from('admin:pw').toString('base64')}` }],
    ['Bearer without a key', { authorization: 'Bearer' }],
    ['Bearer with two tokens', { authorization: `Bearer ${ADMIN} extra` }],
    ['the key without a scheme', { authorization: ADMIN }],
    ['an unknown key', { authorization: 'Bearer ma_sub_not-a-real-key' }],
    ['an over-long key', { authorization: `Bearer ${'k'.repeat(600)}` }],
  ];

  it.each(badHeaders)('%s is a 401 problem on every authenticated route', async (_label, headers) => {
    const before = await h.itemCount();
    for (const [method, path, body] of routes()) {
      const res = await h.http.send(method, path, body, { headers });
      expectProblem(res, 401, 'unauthorized');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect(await h.itemCount()).toBe(before);
    expect(h.stored).toHaveLength(0);
  });

  it('accepts the scheme case-insensitively', async () => {
    const res = await h.http.get('/v1/subscriptions', undefined, {
      headers: { authorization: `bearer ${alice.key}` },
    });
    expect(res.status).toBe(200);
  });

  it('the catalogue, health and the API description need no key', async () => {
    for (const path of ['/health', '/openapi.json', '/v1/materials', '/v1/regions']) {
      expect((await h.http.get(path)).status, path).toBe(200);
    }
  });
});

describe('authorisation by scope', () => {
  it('a subscriber key may not create subscribers or API keys (403) and nothing is written', async () => {
    const before = await h.itemCount();
    expectProblem(await h.http.post('/v1/subscribers', { name: 'Self-made' }, alice.key), 403, 'forbidden');
    expectProblem(
      await h.http.post('/v1/api-keys', { scope: 'subscriber', subscriberId: bob.id }, alice.key),
      403,
      'forbidden',
    );
    expectProblem(await h.http.post('/v1/api-keys', { scope: 'ingest' }, alice.key), 403, 'forbidden');
    expect(await h.itemCount()).toBe(before);
  });

  it('the scope is checked before the body: a forbidden caller learns nothing about the schema', async () => {
    const res = await h.http.post('/v1/policy-changes', { nonsense: true }, alice.key);
    expectProblem(res, 403, 'forbidden');
    expect(res.json.errors).toBeUndefined();
    expectProblem(await h.http.post('/v1/subscriptions', { nonsense: true }, ingest), 403, 'forbidden');
  });

  it('a subscriber key may not post policy changes (403) and nothing is stored', async () => {
    const before = await h.itemCount();
    const res = await h.http.post('/v1/policy-changes', policyChangeBody(), alice.key);
    expectProblem(res, 403, 'forbidden');
    expect(res.json.detail).toMatch(/admin or ingest/);
    expect(await h.itemCount()).toBe(before);
    expect(h.stored).toHaveLength(0);
  });

  it.each([
    ['POST', '/v1/subscriptions'],
    ['GET', '/v1/subscriptions'],
  ])('the admin key on %s %s is 403 (subscriptions belong to a subscriber)', async (method, path) => {
    const before = await h.itemCount();
    const res = await h.http.send(method, path, method === 'POST' ? subscriptionBody() : undefined, {
      key: ADMIN,
    });
    expectProblem(res, 403, 'forbidden');
    expect(await h.itemCount()).toBe(before);
  });

  it('an ingest key is 403 on subscribers and every subscription route; the subscription is unchanged', async () => {
    const before = await h.http.get(`/v1/subscriptions/${aliceSubscriptionId}`, alice.key);
    const items = await h.itemCount();
    const subscriberOnly = routes().filter(
      ([method, path]) =>
        path.startsWith('/v1/subscriptions') ||
        (method === 'POST' && /^\/v1\/(subscribers|api-keys)$/.test(path)),
    );
    expect(subscriberOnly.length).toBeGreaterThan(10);
    for (const [method, path, body] of subscriberOnly) {
      const res = await h.http.send(method, path, body, { key: ingest });
      expectProblem(res, 403, 'forbidden');
    }
    expect(await h.itemCount()).toBe(items);
    expect((await h.http.get(`/v1/subscriptions/${aliceSubscriptionId}`, alice.key)).json).toEqual(
      before.json,
    );
  });
});

describe('tenant isolation', () => {
  it.each([
    ['GET', ''],
    ['PATCH', ''],
    ['DELETE', ''],
    ['GET', '/deliveries'],
  ])(
    "another subscriber's %s /v1/subscriptions/{id}%s is 404 and changes nothing",
    async (method, suffix) => {
      const before = await h.http.get(`/v1/subscriptions/${aliceSubscriptionId}`, alice.key);
      expect(before.status).toBe(200);
      const items = await h.itemCount();
      const body =
        method === 'PATCH'
          ? { name: 'Hijacked', status: 'paused', webhook: { url: 'https://attacker.example.net/x' } }
          : undefined;
      const res = await h.http.send(method, `/v1/subscriptions/${aliceSubscriptionId}${suffix}`, body, {
        key: bob.key,
      });
      expectProblem(res, 404, 'not-found');
      // The answer is the same as for an id that does not exist: nothing to tell them apart.
      const missing = await h.http.send(method, `/v1/subscriptions/sub_doesnotexist${suffix}`, body, {
        key: bob.key,
      });
      expect(missing.status).toBe(404);
      expect(res.json.detail.replace(aliceSubscriptionId, 'ID')).toBe(
        missing.json.detail.replace('sub_doesnotexist', 'ID'),
      );

      const after = await h.http.get(`/v1/subscriptions/${aliceSubscriptionId}`, alice.key);
      expect(after.status).toBe(200);
      expect(after.json).toEqual(before.json);
      expect(await h.itemCount()).toBe(items);
    },
  );

  it("lists only the caller's own subscriptions", async () => {
    const bobs = await h.http.post('/v1/subscriptions', subscriptionBody({ name: 'Bob only' }), bob.key);
    expect(bobs.status).toBe(201);
    const aliceList = await h.http.get('/v1/subscriptions', alice.key);
    const bobList = await h.http.get('/v1/subscriptions', bob.key);
    const ids = (res: typeof aliceList) => res.json.items.map((s: { id: string }) => s.id);
    expect(ids(aliceList)).toContain(aliceSubscriptionId);
    expect(ids(aliceList)).not.toContain(bobs.json.id);
    expect(ids(bobList)).toEqual([bobs.json.id]);
    for (const item of bobList.json.items) expect(item.subscriberId).toBe(bob.id);
  });

  it('a subscription is created for the key holder, whatever the body says', async () => {
    const res = await h.http.post(
      '/v1/subscriptions',
      { ...subscriptionBody(), subscriberId: alice.id },
      bob.key,
    );
    // subscriberId is not an input field: refused rather than silently used or ignored.
    expectProblem(res, 422, 'validation-error');
  });
});
