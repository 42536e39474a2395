import { beforeAll, describe, expect, it } from 'vitest';
import { matchPolicyChange } from '../../shared/matching/matcher.js';
import {
  ADMIN,
  type ApiHarness,
  createdSubscription,
  createHarness,
  expectProblem,
  matcherDepsOf,
  newIngestKey,
  newSubscriber,
  policyChangeBody,
  problemFields,
  subscriptionBody,
} from './support.js';

let h: ApiHarness;
let ingest: string;
beforeAll(async () => {
  h = await createHarness();
  ingest = await newIngestKey(h.http);
});

describe('POST /v1/policy-changes idempotency and revisions', () => {
  it('the same body again answers 200 with the same id and does not start matching again', async () => {
    const body = policyChangeBody();
    const first = await h.http.post('/v1/policy-changes', body, ingest);
    expect(first.status).toBe(202);
    expect(h.stored.filter((c) => c.id === first.json.id)).toHaveLength(1);

    const again = await h.http.post('/v1/policy-changes', body, ingest);
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ id: first.json.id, revision: 1 });
    expect(again.headers.get('location')).toBe(`/v1/policy-changes/${first.json.id}`);
    expect(h.stored.filter((c) => c.id === first.json.id)).toHaveLength(1);
  });

  it('the same body with fields in another order is still the same revision', async () => {
    const body = policyChangeBody();
    const first = await h.http.post('/v1/policy-changes', body, ingest);
    expect(first.status).toBe(202);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await h.http.post('/v1/policy-changes', reordered, ingest);
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(first.json.id);
  });

  it('an omitted revision means revision 1', async () => {
    const { revision: _revision, ...body } = policyChangeBody();
    const res = await h.http.post('/v1/policy-changes', body, ingest);
    expect(res.status).toBe(202);
    expect(res.json.revision).toBe(1);
  });

  it('revision 2 keeps the id; revision 1 again afterwards is a stored duplicate (200)', async () => {
    const body = policyChangeBody();
    const r1 = await h.http.post('/v1/policy-changes', body, ingest);
    expect(r1.status).toBe(202);
    const storedBefore = h.stored.length;

    const r2 = await h.http.post(
      '/v1/policy-changes',
      { ...body, revision: 2, severity: 'critical', title: 'Amended: export ban' },
      ingest,
    );
    expect(r2.status).toBe(202);
    expect(r2.json).toEqual({ id: r1.json.id, revision: 2 });
    expect(h.stored.length).toBe(storedBefore + 1);
    expect(h.stored.at(-1)).toMatchObject({ id: r1.json.id, revision: 2, severity: 'critical' });

    const r1Again = await h.http.post('/v1/policy-changes', body, ingest);
    expect(r1Again.status).toBe(200);
    expect(r1Again.json).toEqual({ id: r1.json.id, revision: 1 });
    expect(h.stored.length).toBe(storedBefore + 1);

    // GET shows the latest revision.
    const latest = await h.http.get(`/v1/policy-changes/${r1.json.id}`, ingest);
    expect(latest.json).toMatchObject({ revision: 2, severity: 'critical', title: 'Amended: export ban' });
  });

  it('a revision below the latest that was never stored is a 409 stale-revision and writes nothing', async () => {
    const body = policyChangeBody();
    const r3 = await h.http.post('/v1/policy-changes', { ...body, revision: 3 }, ingest);
    expect(r3.status).toBe(202);
    const storedBefore = h.stored.length;
    const before = await h.itemCount();

    const r2 = await h.http.post('/v1/policy-changes', { ...body, revision: 2 }, ingest);
    expectProblem(r2, 409, 'stale-revision');
    expect(r2.json.detail).toContain('3');
    expect(h.stored.length).toBe(storedBefore);
    expect(await h.itemCount()).toBe(before);
    expect(await h.table.changes.getRevision(r3.json.id, 2)).toBeUndefined();
    expect((await h.http.get(`/v1/policy-changes/${r3.json.id}`, ADMIN)).json.revision).toBe(3);
  });

  it.each([
    ['title', { title: 'Another title' }],
    ['severity', { severity: 'low' }],
    ['materials', { materials: ['gallium'] }],
    ['a dropped optional field', { summary: undefined }],
  ])('the same revision with different %s is a 409 revision-content-mismatch', async (_label, change) => {
    const body = policyChangeBody();
    const first = await h.http.post('/v1/policy-changes', body, ingest);
    expect(first.status).toBe(202);
    const storedBefore = h.stored.length;
    const before = await h.itemCount();

    const res = await h.http.post('/v1/policy-changes', { ...body, ...change }, ingest);
    expectProblem(res, 409, 'revision-content-mismatch');
    expect(h.stored.length).toBe(storedBefore);
    expect(await h.itemCount()).toBe(before);
    const got = await h.http.get(`/v1/policy-changes/${first.json.id}`, ADMIN);
    expect(got.json).toMatchObject({ title: body.title, severity: body.severity, materials: body.materials });
  });

  it('normalised spellings of the same content are the same revision (cn/CN, duplicate materials)', async () => {
    const body = policyChangeBody({ issuingRegion: 'CN', materials: ['gallium'] });
    const first = await h.http.post('/v1/policy-changes', body, ingest);
    expect(first.status).toBe(202);
    const again = await h.http.post(
      '/v1/policy-changes',
      { ...body, issuingRegion: 'cn', materials: ['gallium', 'gallium'] },
      ingest,
    );
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(first.json.id);
  });

  it('different sourceRefs are different changes; the same sourceRef under another source too', async () => {
    const a = policyChangeBody();
    const resA = await h.http.post('/v1/policy-changes', a, ingest);
    const resB = await h.http.post('/v1/policy-changes', { ...a, source: 'federal-register' }, ingest);
    expect(resA.status).toBe(202);
    expect(resB.status).toBe(202);
    expect(resB.json.id).not.toBe(resA.json.id);
  });

  it('concurrent posts of one new revision store it once and call onPolicyChangeStored once', async () => {
    const body = policyChangeBody();
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => h.http.post('/v1/policy-changes', body, ingest)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 202]);
    expect(new Set(results.map((r) => r.json.id)).size).toBe(1);
    expect(h.stored.filter((c) => c.id === results[0]?.json.id)).toHaveLength(1);
  });
});

describe('GET /v1/policy-changes/{id}', () => {
  it('shows matching pending until the matcher marks it, then completed with the count', async () => {
    const posted = await h.http.post('/v1/policy-changes', policyChangeBody(), ingest);
    const id = posted.json.id as string;
    const pending = await h.http.get(`/v1/policy-changes/${id}`, ingest);
    expect(pending.status).toBe(200);
    expect(pending.json.matching).toEqual({ status: 'pending', matchedSubscriptions: 0, matched: 0 });

    await h.table.changes.markMatched(id, 1, 3);
    const done = await h.http.get(`/v1/policy-changes/${id}`, ingest);
    expect(done.json.matching).toMatchObject({ status: 'completed', matchedSubscriptions: 3 });
    expect(done.json.matching.completedAt).toEqual(expect.any(String));
  });

  it('is readable with admin, ingest and subscriber keys', async () => {
    const posted = await h.http.post('/v1/policy-changes', policyChangeBody(), ingest);
    const subscriber = await newSubscriber(h.http);
    for (const key of [ADMIN, ingest, subscriber.key]) {
      expect((await h.http.get(`/v1/policy-changes/${posted.json.id}`, key)).status).toBe(200);
    }
  });

  it.each(['pc_doesnotexist', 'x'])('answers 404 problem for unknown id %s', async (id) => {
    expectProblem(await h.http.get(`/v1/policy-changes/${id}`, ADMIN), 404, 'not-found');
  });

  it('answers 422 (not 500) for an id longer than 100 characters', async () => {
    expectProblem(await h.http.get(`/v1/policy-changes/${'a'.repeat(101)}`, ADMIN), 422, 'validation-error');
  });
});

describe('GET /v1/policy-changes by publication date', () => {
  it('a range that ends before it starts is a 422 naming since and until, not a 500', async () => {
    const res = await h.http.get('/v1/policy-changes?since=2030-01-01&until=2020-01-01', ADMIN);
    expectProblem(res, 422, 'validation-error');
    expect(problemFields(res)).toEqual(['query.since', 'query.until']);
  });

  it('a range of one day lists what was published that day; a range in the future lists nothing', async () => {
    const posted = await h.http.post(
      '/v1/policy-changes',
      policyChangeBody({ publishedAt: '2021-03-04T10:00:00Z' }),
      ingest,
    );
    const day = await h.http.get('/v1/policy-changes?since=2021-03-04&until=2021-03-04', ADMIN);
    expect(day.status).toBe(200);
    expect(day.json.items.map((c: { id: string }) => c.id)).toEqual([posted.json.id]);
    const future = await h.http.get('/v1/policy-changes?since=2030-01-01&until=9999-12-31', ADMIN);
    expect(future.status).toBe(200);
    expect(future.json.items).toEqual([]);
  });
});

describe('GET /v1/policy-changes lists the matching status and counts', () => {
  it('shows a change pending until matched, then completed with its matches and the alerts sent', async () => {
    const subscriber = await newSubscriber(h.http, 'Matching counts GmbH');
    const filters = { materials: ['terbium'] };
    // One subscription is told; a military profile is not, the change restricting only civilian end uses.
    await createdSubscription(
      h,
      subscriptionBody({ filters, profile: { endUses: ['civilian'] } }),
      subscriber.key,
    );
    await createdSubscription(
      h,
      subscriptionBody({
        filters: { ...filters, applicability: 'applies' },
        profile: { endUses: ['military'] },
      }),
      subscriber.key,
    );
    const posted = await h.http.post(
      '/v1/policy-changes',
      policyChangeBody({
        title: 'Terbium licences for civilian end uses',
        materials: ['terbium'],
        conditions: [{ type: 'end-use', effect: 'restricts', values: ['civilian'] }],
      }),
      ingest,
    );
    const id = posted.json.id as string;
    const listed = async () =>
      (await h.http.get('/v1/policy-changes?q=Terbium%20licences', ingest)).json.items.find(
        (item: { id: string }) => item.id === id,
      );
    expect((await listed()).matching).toEqual({ status: 'pending', matchedSubscriptions: 0, matched: 0 });

    await matchPolicyChange(
      matcherDepsOf(h, () => new Date()),
      { policyChangeId: id, revision: 1 },
    );
    expect((await listed()).matching).toMatchObject({ status: 'completed', matched: 2, alerts: 1 });
  });
});
