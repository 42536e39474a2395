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
beforeAll(async () => {
  h = await createHarness();
});

describe('public routes', () => {
  it('GET /health answers ok without a key', async () => {
    const res = await h.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok' });
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('echoes a caller-supplied x-request-id', async () => {
    const res = await h.http.get('/health', undefined, { headers: { 'x-request-id': 'req-123' } });
    expect(res.headers.get('x-request-id')).toBe('req-123');
  });

  it('GET /openapi.json is an OpenAPI 3.1.0 document listing every /v1 path and its schemas', async () => {
    const res = await h.http.get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe('3.1.0');
    const paths = Object.keys(res.json.paths);
    for (const path of [
      '/v1/materials',
      '/v1/regions',
      '/v1/subscribers',
      '/v1/api-keys',
      '/v1/subscriptions',
      '/v1/subscriptions/{id}',
      '/v1/subscriptions/{id}/deliveries',
      '/v1/policy-changes',
      '/v1/policy-changes/{id}',
    ]) {
      expect(paths, path).toContain(path);
    }
    expect(Object.keys(res.json.paths['/v1/subscriptions/{id}']).sort()).toEqual(['delete', 'get', 'patch']);
    const schemas = Object.keys(res.json.components?.schemas ?? {});
    for (const name of [
      'Problem',
      'Subscription',
      'SubscriptionInput',
      'SubscriptionPatch',
      'PolicyChangeInput',
      'PolicyChange',
    ]) {
      expect(schemas, name).toContain(name);
    }
    expect(res.json.components.securitySchemes?.bearer).toEqual({ type: 'http', scheme: 'bearer' });
  });

  it('GET /docs serves the Swagger UI page pointing at /openapi.json', async () => {
    const res = await h.http.get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.text).toMatch(/<html/i);
    expect(res.text).toContain('/openapi.json');
  });

  it('GET /v1/materials lists the taxonomy with ancestors (dysprosium under heavy rare earths)', async () => {
    const res = await h.http.get('/v1/materials');
    expect(res.status).toBe(200);
    const dysprosium = res.json.items.find((m: { id: string }) => m.id === 'dysprosium');
    expect(dysprosium).toMatchObject({
      id: 'dysprosium',
      parent: 'heavy-rare-earths',
      symbol: 'Dy',
      ancestors: ['heavy-rare-earths', 'rare-earths'],
    });
    const rareEarths = res.json.items.find((m: { id: string }) => m.id === 'rare-earths');
    expect(rareEarths.ancestors).toEqual([]);
  });

  it('GET /v1/regions lists ISO countries, groups (EU has 27) and the wildcard', async () => {
    const res = await h.http.get('/v1/regions');
    expect(res.status).toBe(200);
    expect(res.json.countries.length).toBeGreaterThanOrEqual(249);
    expect(res.json.countries).toContainEqual({ code: 'DE', name: 'Germany' });
    const eu = res.json.groups.find((g: { id: string }) => g.id === 'EU');
    expect(eu.members).toHaveLength(27);
    expect(eu.members).toContain('FR');
    expect(res.json.wildcard).toBe('*');
  });

  it('an unknown path is a problem+json 404', async () => {
    const res = await h.http.get('/v2/nothing-here');
    expectProblem(res, 404, 'not-found');
  });
});

describe('every /v1 write and read route, happy path', () => {
  it('POST /v1/subscribers creates a subscriber with a subscriber key shown once', async () => {
    const res = await h.http.post('/v1/subscribers', { name: '  Magnet Works  ' }, ADMIN);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ id: expect.stringMatching(/^sbr_/), name: 'Magnet Works' });
    expect(res.json.apiKey).toMatch(/^ma_sub_/);
    const stored = await h.table.subscribers.getSubscriber(res.json.id);
    expect(stored?.name).toBe('Magnet Works');
    // Keys are stored as hashes only, but the returned one works.
    expect((await h.table.subscribers.findApiKey(res.json.apiKey))?.subscriberId).toBe(res.json.id);
  });

  it('POST /v1/api-keys makes an ingest key that may post policy changes and nothing else', async () => {
    const ingest = await newIngestKey(h.http);
    expect(ingest).toMatch(/^ma_ing_/);
    const posted = await h.http.post('/v1/policy-changes', policyChangeBody(), ingest);
    expect(posted.status).toBe(202);
    expectProblem(await h.http.post('/v1/subscribers', { name: 'Nope' }, ingest), 403, 'forbidden');
    expectProblem(await h.http.post('/v1/api-keys', { scope: 'ingest' }, ingest), 403, 'forbidden');
    expectProblem(await h.http.get('/v1/subscriptions', ingest), 403, 'forbidden');
    expectProblem(await h.http.post('/v1/subscriptions', subscriptionBody(), ingest), 403, 'forbidden');
  });

  it('POST /v1/api-keys makes a second key for a subscriber that sees the same subscriptions', async () => {
    const owner = await newSubscriber(h.http, 'Two Keys Ltd');
    const created = await h.http.post('/v1/subscriptions', subscriptionBody(), owner.key);
    expect(created.status).toBe(201);
    const res = await h.http.post('/v1/api-keys', { scope: 'subscriber', subscriberId: owner.id }, ADMIN);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ scope: 'subscriber', subscriberId: owner.id });
    const list = await h.http.get('/v1/subscriptions', res.json.apiKey);
    expect(list.json.items.map((s: { id: string }) => s.id)).toEqual([created.json.id]);
  });

  it('POST /v1/api-keys for an unknown subscriber is 404 and writes nothing', async () => {
    const before = await h.itemCount();
    const res = await h.http.post(
      '/v1/api-keys',
      { scope: 'subscriber', subscriberId: 'sbr_missing' },
      ADMIN,
    );
    expectProblem(res, 404, 'not-found');
    expect(await h.itemCount()).toBe(before);
  });

  it.each([
    ['subscriber key without subscriberId', { scope: 'subscriber' }, 'subscriberId'],
    ['ingest key with subscriberId', { scope: 'ingest', subscriberId: 'sbr_x' }, 'subscriberId'],
    ['admin key with subscriberId', { scope: 'admin', subscriberId: 'sbr_x' }, 'subscriberId'],
    ['an unknown scope', { scope: 'root' }, 'scope'],
  ])('POST /v1/api-keys refuses %s with 422', async (_label, body, field) => {
    const before = await h.itemCount();
    const res = await h.http.post('/v1/api-keys', body, ADMIN);
    expectProblem(res, 422, 'validation-error');
    expect(res.json.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await h.itemCount()).toBe(before);
  });

  it('subscriptions: POST, list, GET, PATCH, DELETE', async () => {
    const owner = await newSubscriber(h.http, 'CRUD GmbH');
    const created = await h.http.post('/v1/subscriptions', subscriptionBody(), owner.key);
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(id).toMatch(/^sub_/);
    expect(created.headers.get('location')).toBe(`/v1/subscriptions/${id}`);
    expect(created.json).toMatchObject({ subscriberId: owner.id, status: 'active', version: 1 });

    const list = await h.http.get('/v1/subscriptions', owner.key);
    expect(list.status).toBe(200);
    expect(list.json.items).toHaveLength(1);
    expect(list.json.items[0].id).toBe(id);

    const got = await h.http.get(`/v1/subscriptions/${id}`, owner.key);
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ id, name: 'Rare earths into Germany' });

    const patched = await h.http.patch(`/v1/subscriptions/${id}`, { name: 'Renamed' }, owner.key);
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ id, name: 'Renamed', version: 2 });

    const deleted = await h.http.delete(`/v1/subscriptions/${id}`, owner.key);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expectProblem(await h.http.get(`/v1/subscriptions/${id}`, owner.key), 404, 'not-found');
    expect((await h.http.get('/v1/subscriptions', owner.key)).json.items).toEqual([]);
    expect(await h.table.subscriptions.get(id)).toBeUndefined();
    expectProblem(await h.http.delete(`/v1/subscriptions/${id}`, owner.key), 404, 'not-found');
  });

  it('GET /v1/subscriptions/{id}/deliveries is empty at first and refuses forged cursors', async () => {
    const owner = await newSubscriber(h.http, 'Deliveries AB');
    const other = await newSubscriber(h.http, 'Other AB');
    const id = (await h.http.post('/v1/subscriptions', subscriptionBody(), owner.key)).json.id as string;
    const otherId = (await h.http.post('/v1/subscriptions', subscriptionBody(), other.key)).json.id as string;

    const empty = await h.http.get(`/v1/subscriptions/${id}/deliveries`, owner.key);
    expect(empty.status).toBe(200);
    expect(empty.json).toEqual({ items: [] });

    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const cursors = [
      'not-a-cursor',
      '%%%',
      b64('a string'),
      b64({ pk: 'x', sk: 'y' }),
      b64({ pk: 1, sk: 2, gsi1pk: 3, gsi1sk: 4 }),
      // A well-formed key, but of another subscription's deliveries.
      b64({
        pk: 'ALERT#alrt_0',
        sk: 'DELIVERY#webhook',
        gsi1pk: `SUBSCRIPTION#${otherId}#DELIVERIES`,
        gsi1sk: '2025-01-01T00:00:00.000Z#dlv_0',
      }),
      // The key of a delivery in another subscription's partition, as the table lays them out.
      b64({ pk: `SUBSCRIPTION#${otherId}#DELIVERIES`, sk: '2025-01-01T00:00:00.000Z#dlv_0' }),
    ];
    for (const cursor of cursors) {
      const res = await h.http.get(
        `/v1/subscriptions/${id}/deliveries?cursor=${encodeURIComponent(cursor)}`,
        owner.key,
      );
      expectProblem(res, 422, 'validation-error');
    }
  });

  it.each(['0', '101', 'abc', '1.5'])('deliveries ?limit=%s is a 422', async (limit) => {
    const owner = await newSubscriber(h.http, 'Limits BV');
    const id = (await h.http.post('/v1/subscriptions', subscriptionBody(), owner.key)).json.id as string;
    const res = await h.http.get(`/v1/subscriptions/${id}/deliveries?limit=${limit}`, owner.key);
    expectProblem(res, 422, 'validation-error');
    expect(res.json.errors.map((e: { field: string }) => e.field)).toContain('query.limit');
  });

  it('POST /v1/policy-changes answers 202 with id, revision and Location; GET shows it', async () => {
    const body = policyChangeBody({ issuingRegion: 'cn', affectedRegions: ['us', 'eu'] });
    const res = await h.http.post('/v1/policy-changes', body, ADMIN);
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ id: expect.stringMatching(/^pc_/), revision: 1 });
    expect(res.headers.get('location')).toBe(`/v1/policy-changes/${res.json.id}`);

    const got = await h.http.get(res.headers.get('location') ?? '', ADMIN);
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({
      id: res.json.id,
      revision: 1,
      source: body.source,
      sourceRef: body.sourceRef,
      issuingRegion: 'CN',
      affectedRegions: ['US', 'EU'],
      hsCodes: ['280530', '284690'],
      matching: { status: 'pending', matchedSubscriptions: 0 },
    });
    expect(got.json.ingestedAt).toEqual(expect.any(String));
    expect(got.json).not.toHaveProperty('contentHash');
  });
});
