import { beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  type ApiHarness,
  createHarness,
  expectProblem,
  newIngestKey,
  newSubscriber,
  problemFields,
  subscriptionBody,
} from '../api/support.js';

let h: ApiHarness;
let alice: { id: string; key: string };
let bob: { id: string; key: string };
const ids: Record<string, string> = {};

beforeAll(async () => {
  h = await createHarness();
  alice = await newSubscriber(h.http, 'Alice Magnets');
  bob = await newSubscriber(h.http, 'Bob Batteries');
  for (const [name, owner, materials] of [
    ['aliceRare', alice, ['rare-earths']],
    ['aliceDy', alice, ['dysprosium', 'terbium']],
    ['aliceAll', alice, ['*']],
    ['bobDy', bob, ['dysprosium']],
    ['bobLithium', bob, ['lithium']],
  ] as const) {
    const res = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ name, filters: { materials } }),
      owner.key,
    );
    expect(res.status).toBe(201);
    ids[name] = res.json.id;
  }
});

const idsOf = (res: { json: { items: { id: string }[] } }) => res.json.items.map((s) => s.id).sort();

describe('GET /v1/admin/subscriptions', () => {
  it("lists one subscriber's subscriptions, without secrets", async () => {
    const res = await h.http.get(`/v1/admin/subscriptions?subscriberId=${alice.id}`, ADMIN);
    expect(res.status).toBe(200);
    expect(idsOf(res)).toEqual([ids.aliceRare, ids.aliceDy, ids.aliceAll].sort());
    expect(res.text).not.toMatch(/whsec_|secrets/);
  });

  it('lists the subscriptions whose filters name a material, across subscribers (its index partition)', async () => {
    const res = await h.http.get('/v1/admin/subscriptions?material=dysprosium', ADMIN);
    expect(idsOf(res)).toEqual([ids.aliceDy, ids.bobDy].sort());
    expect(idsOf(await h.http.get('/v1/admin/subscriptions?material=*', ADMIN))).toEqual([ids.aliceAll]);
    expect((await h.http.get('/v1/admin/subscriptions?material=gallium', ADMIN)).json.items).toEqual([]);
  });

  it('pages with a cursor', async () => {
    const first = await h.http.get(`/v1/admin/subscriptions?subscriberId=${alice.id}&limit=2`, ADMIN);
    expect(first.json.items).toHaveLength(2);
    const rest = await h.http.get(
      `/v1/admin/subscriptions?subscriberId=${alice.id}&limit=2&cursor=${first.json.nextCursor}`,
      ADMIN,
    );
    expect([...idsOf(first), ...idsOf(rest)].sort()).toEqual(
      [ids.aliceRare, ids.aliceDy, ids.aliceAll].sort(),
    );
    // A cursor from one subscriber's list does not open another's.
    const crossed = await h.http.get(
      `/v1/admin/subscriptions?subscriberId=${bob.id}&cursor=${first.json.nextCursor}`,
      ADMIN,
    );
    expectProblem(crossed, 422, 'validation-error');
  });

  it.each([
    ['neither filter', ''],
    ['both filters', `?subscriberId=sbr_x&material=gallium`],
    ['a malformed material id', '?material=Not%20A%20Material'],
    ['a limit out of range', '?material=gallium&limit=1000'],
  ])('refuses %s with 422', async (_label, query) => {
    expectProblem(await h.http.get(`/v1/admin/subscriptions${query}`, ADMIN), 422, 'validation-error');
  });
});

describe('an administrator changing any subscription', () => {
  it('updates filters: the subscriber sees them and the material index follows', async () => {
    const res = await h.http.patch(
      `/v1/admin/subscriptions/${ids.bobLithium}`,
      { filters: { materials: ['cobalt', 'nickel'], minSeverity: 'high' } },
      ADMIN,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.json.filters).toEqual({ materials: ['cobalt', 'nickel'], minSeverity: 'high' });
    expect((await h.http.get(`/v1/subscriptions/${ids.bobLithium}`, bob.key)).json.filters).toEqual(
      res.json.filters,
    );
    expect(idsOf(await h.http.get('/v1/admin/subscriptions?material=cobalt', ADMIN))).toEqual([
      ids.bobLithium,
    ]);
    expect((await h.http.get('/v1/admin/subscriptions?material=lithium', ADMIN)).json.items).toEqual([]);
  });

  it('refuses unknown materials and channel changes (the channels stay the subscriber’s)', async () => {
    const before = await h.itemCount();
    const unknown = await h.http.patch(
      `/v1/admin/subscriptions/${ids.bobDy}`,
      { filters: { materials: ['unobtainium'] } },
      ADMIN,
    );
    expectProblem(unknown, 422, 'validation-error');
    const channel = await h.http.patch(
      `/v1/admin/subscriptions/${ids.bobDy}`,
      { webhook: { url: 'https://attacker.example.com/' } },
      ADMIN,
    );
    expectProblem(channel, 422, 'validation-error');
    expect(problemFields(channel)).toContain('webhook');
    expectProblem(await h.http.patch(`/v1/admin/subscriptions/${ids.bobDy}`, {}, ADMIN), 422);
    expect(await h.itemCount()).toBe(before);
  });

  it('pauses and resumes; repeating either changes nothing', async () => {
    const paused = await h.http.post(`/v1/admin/subscriptions/${ids.aliceRare}/pause`, undefined, ADMIN);
    expect(paused.json.status).toBe('paused');
    const items = await h.itemCount();
    const again = await h.http.post(`/v1/admin/subscriptions/${ids.aliceRare}/pause`, undefined, ADMIN);
    expect(again.json.version).toBe(paused.json.version);
    expect(await h.itemCount()).toBe(items);
    expect((await h.http.get(`/v1/subscriptions/${ids.aliceRare}`, alice.key)).json.status).toBe('paused');
    const resumed = await h.http.post(`/v1/admin/subscriptions/${ids.aliceRare}/resume`, undefined, ADMIN);
    expect(resumed.json.status).toBe('active');
  });

  it('answers 404 for a subscription that does not exist, on every admin route', async () => {
    for (const [method, path, body] of [
      ['GET', '/v1/admin/subscriptions/sub_missing', undefined],
      ['PATCH', '/v1/admin/subscriptions/sub_missing', { status: 'paused' }],
      ['POST', '/v1/admin/subscriptions/sub_missing/pause', undefined],
      ['POST', '/v1/admin/subscriptions/sub_missing/resume', undefined],
    ] as const) {
      expectProblem(await h.http.send(method, path, body, { key: ADMIN }), 404, 'not-found');
    }
  });

  it('is for administrators only: subscriber and ingest keys get 403', async () => {
    const ingest = await newIngestKey(h.http);
    for (const key of [alice.key, ingest]) {
      expectProblem(
        await h.http.get(`/v1/admin/subscriptions?subscriberId=${alice.id}`, key),
        403,
        'forbidden',
      );
      expectProblem(await h.http.post(`/v1/admin/subscriptions/${ids.aliceDy}/pause`, undefined, key), 403);
      expectProblem(await h.http.get('/v1/admin/audit', key), 403, 'forbidden');
    }
  });
});

describe('subscriptions per subscriber', () => {
  it('refuses a subscription over the limit with 409 and writes nothing', async () => {
    const limited = await createHarness({ limits: { maxSubscriptionsPerSubscriber: 2 } });
    const owner = await newSubscriber(limited.http, 'Limited GmbH');
    for (let i = 0; i < 2; i++) {
      expect((await limited.http.post('/v1/subscriptions', subscriptionBody(), owner.key)).status).toBe(201);
    }
    const before = await limited.itemCount();
    const refused = await limited.http.post('/v1/subscriptions', subscriptionBody(), owner.key);
    expectProblem(refused, 409, 'subscription-limit');
    expect(refused.json.detail).toMatch(/2 subscriptions, the most allowed \(2\)/);
    expect(await limited.itemCount()).toBe(before);
  });
});
