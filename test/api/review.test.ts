import { beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  type ApiHarness,
  createdSubscription,
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

describe('review queue', () => {
  it('a pending change is stored for review only: not matched, not in the history, listed for administrators', async () => {
    const ingest = await newIngestKey(h.http);
    const storedBefore = h.stored.length;
    const body = policyChangeBody({
      reviewStatus: 'pending',
      confidence: 0.6,
      evidence: ['materials=dysprosium'],
    });
    const res = await h.http.post('/v1/policy-changes', body, ingest);
    expect(res.status, res.text).toBe(202);
    expect(res.json).toMatchObject({
      id: expect.stringMatching(/^rv_/),
      revision: 1,
      reviewStatus: 'pending',
    });
    expect(h.stored.length).toBe(storedBefore);

    const again = await h.http.post('/v1/policy-changes', body, ingest);
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(res.json.id);

    const history = await h.http.get(`/v1/policy-changes?q=${encodeURIComponent(body.sourceRef)}`, ADMIN);
    expect(history.status, history.text).toBe(200);
    expect(history.json.items).toEqual([]);

    const queue = await h.http.get('/v1/admin/review', ADMIN);
    expect(queue.status).toBe(200);
    const item = queue.json.items.find((entry: { id: string }) => entry.id === res.json.id);
    expect(item).toMatchObject({
      reviewStatus: 'pending',
      confidence: 0.6,
      evidence: ['materials=dysprosium'],
      source: 'mofcom',
      sourceRef: body.sourceRef,
      change: { title: body.title, materials: ['dysprosium', 'terbium'] },
    });
    expect(item.change.reviewStatus).toBeUndefined();

    const subscriber = await newSubscriber(h.http);
    expectProblem(await h.http.get('/v1/admin/review', subscriber.key), 403);
  });

  it('approval with edits publishes the change as a direct ingest would, once, and is audited', async () => {
    const body = policyChangeBody({ reviewStatus: 'pending', severity: 'low' });
    const queued = await h.http.post('/v1/policy-changes', body, ADMIN);
    const reviewId = queued.json.id as string;
    const storedBefore = h.stored.length;

    const approved = await h.http.post(
      `/v1/admin/review/${reviewId}/approve`,
      { edits: { severity: 'critical' } },
      ADMIN,
    );
    expect(approved.status, approved.text).toBe(200);
    expect(approved.json.policyChangeId).toMatch(/^pc_/);
    expect(approved.json.item).toMatchObject({
      reviewStatus: 'published',
      policyChangeId: approved.json.policyChangeId,
    });
    expect(h.stored.length).toBe(storedBefore + 1);
    expect(h.stored.at(-1)).toMatchObject({ id: approved.json.policyChangeId, severity: 'critical' });
    expect(h.stored.at(-1)).not.toHaveProperty('reviewStatus');

    const change = await h.http.get(`/v1/policy-changes/${approved.json.policyChangeId}`, ADMIN);
    expect(change.json).toMatchObject({ severity: 'critical', sourceRef: body.sourceRef });

    expectProblem(
      await h.http.post(`/v1/admin/review/${reviewId}/approve`, {}, ADMIN),
      409,
      'review-decided',
    );
    expect(h.stored.length).toBe(storedBefore + 1);

    // The importer sending the same candidate again finds it published.
    const resent = await h.http.post('/v1/policy-changes', body, ADMIN);
    expect(resent.status).toBe(200);
    expect(resent.json).toMatchObject({ id: approved.json.policyChangeId, reviewStatus: 'published' });

    const audit = await h.http.get(`/v1/admin/audit?target=${approved.json.policyChangeId}`, ADMIN);
    expect(audit.json.items.map((record: { action: string }) => record.action)).toContain(
      'policy-change.approved',
    );
  });

  it('an approval whose edits do not validate is a 422 naming the field, and the item stays pending', async () => {
    const queued = await h.http.post(
      '/v1/policy-changes',
      policyChangeBody({ reviewStatus: 'pending' }),
      ADMIN,
    );
    const res = await h.http.post(
      `/v1/admin/review/${queued.json.id}/approve`,
      { edits: { severity: 'apocalyptic' } },
      ADMIN,
    );
    expectProblem(res, 422, 'validation-error');
    expect(res.json.errors[0].field).toBe('edits.severity');
    const sourceEdit = await h.http.post(
      `/v1/admin/review/${queued.json.id}/approve`,
      { edits: { sourceRef: 'x' } },
      ADMIN,
    );
    expectProblem(sourceEdit, 422);
    expect((await h.http.get(`/v1/admin/review/${queued.json.id}`, ADMIN)).json.reviewStatus).toBe('pending');
  });

  it('an approval body that is not JSON is a 415 and publishes nothing; no body at all approves unchanged', async () => {
    const queued = await h.http.post(
      '/v1/policy-changes',
      policyChangeBody({ reviewStatus: 'pending', severity: 'low' }),
      ADMIN,
    );
    const storedBefore = h.stored.length;
    // Edits the service cannot read must not be dropped silently while the change is published.
    const plain = await h.http.send('POST', `/v1/admin/review/${queued.json.id}/approve`, undefined, {
      key: ADMIN,
      raw: JSON.stringify({ edits: { severity: 'critical' } }),
      headers: { 'content-type': 'text/plain' },
    });
    expectProblem(plain, 415, 'unsupported-media-type');
    expect(h.stored.length).toBe(storedBefore);
    expect((await h.http.get(`/v1/admin/review/${queued.json.id}`, ADMIN)).json.reviewStatus).toBe('pending');

    const bare = await h.http.send('POST', `/v1/admin/review/${queued.json.id}/approve`, undefined, {
      key: ADMIN,
    });
    expect(bare.status, bare.text).toBe(200);
    expect(h.stored.at(-1)).toMatchObject({ id: bare.json.policyChangeId, severity: 'low' });
  });

  it('rejection needs a reason, publishes nothing and is audited; a rejected item cannot be approved', async () => {
    const queued = await h.http.post(
      '/v1/policy-changes',
      policyChangeBody({ reviewStatus: 'pending' }),
      ADMIN,
    );
    const storedBefore = h.stored.length;
    expectProblem(await h.http.post(`/v1/admin/review/${queued.json.id}/reject`, {}, ADMIN), 422);
    const rejected = await h.http.post(
      `/v1/admin/review/${queued.json.id}/reject`,
      { reason: 'tin mill products are steel' },
      ADMIN,
    );
    expect(rejected.status, rejected.text).toBe(200);
    expect(rejected.json).toMatchObject({ reviewStatus: 'rejected', reason: 'tin mill products are steel' });
    expectProblem(
      await h.http.post(`/v1/admin/review/${queued.json.id}/approve`, {}, ADMIN),
      409,
      'review-decided',
    );
    expect(h.stored.length).toBe(storedBefore);
    const listed = await h.http.get('/v1/admin/review?status=rejected', ADMIN);
    expect(listed.json.items.map((item: { id: string }) => item.id)).toContain(queued.json.id);
    const audit = await h.http.get(`/v1/admin/audit?target=${queued.json.id}`, ADMIN);
    expect(audit.json.items.map((record: { action: string }) => record.action)).toEqual(
      expect.arrayContaining(['policy-change.queued', 'policy-change.rejected']),
    );
    expectProblem(await h.http.post('/v1/admin/review/rv_nothing/reject', { reason: 'x' }, ADMIN), 404);
  });
});

describe('POST /v1/policy-changes/batch', () => {
  it('answers one result per item, in order: created, queued, duplicate and errors side by side', async () => {
    const ingest = await newIngestKey(h.http);
    const published = policyChangeBody();
    const pending = policyChangeBody({ reviewStatus: 'pending' });
    const bad = policyChangeBody({ materials: ['unobtainium'] });
    const res = await h.http.post(
      '/v1/policy-changes/batch',
      { items: [published, pending, bad, published, 'nonsense'] },
      ingest,
    );
    expect(res.status, res.text).toBe(200);
    const [first, second, third, fourth, fifth] = res.json.results;
    expect(first).toMatchObject({
      index: 0,
      status: 'created',
      id: expect.stringMatching(/^pc_/),
      reviewStatus: 'published',
    });
    expect(second).toMatchObject({
      index: 1,
      status: 'created',
      id: expect.stringMatching(/^rv_/),
      reviewStatus: 'pending',
    });
    expect(third).toMatchObject({
      index: 2,
      status: 'error',
      problem: { status: 422, type: 'validation-error' },
    });
    expect(third.problem.errors[0]).toMatchObject({ field: 'items.2.materials', values: ['unobtainium'] });
    expect(fourth).toMatchObject({ index: 3, status: 'duplicate', id: first.id });
    expect(fifth).toMatchObject({ index: 4, status: 'error', problem: { status: 422 } });

    const repeat = await h.http.post('/v1/policy-changes/batch', { items: [published, pending] }, ingest);
    expect(repeat.json.results.map((result: { status: string }) => result.status)).toEqual([
      'duplicate',
      'duplicate',
    ]);
  });

  it('refuses an empty batch, more than 100 items, and subscriber keys', async () => {
    expectProblem(await h.http.post('/v1/policy-changes/batch', { items: [] }, ADMIN), 422);
    const many = Array.from({ length: 101 }, () => ({ title: 'x' }));
    expectProblem(await h.http.post('/v1/policy-changes/batch', { items: many }, ADMIN), 422);
    const subscriber = await newSubscriber(h.http, 'Batch Tester');
    expectProblem(
      await h.http.post('/v1/policy-changes/batch', { items: [policyChangeBody()] }, subscriber.key),
      403,
    );
  });
});

const queue = async (overrides: Record<string, unknown>) => {
  const queued = await h.http.post(
    '/v1/policy-changes',
    policyChangeBody({ reviewStatus: 'pending', ...overrides }),
    ADMIN,
  );
  expect(queued.status, queued.text).toBe(202);
  return queued.json.id as string;
};

describe('the review queue before and after approval', () => {
  it('says how many subscriptions a pending all-items change would reach, as the matcher would', async () => {
    const subscriber = await newSubscriber(h.http, 'Reach desk');
    const subscribe = (filters: Record<string, unknown>, profile?: Record<string, unknown>) =>
      createdSubscription(h, subscriptionBody({ filters, ...(profile ? { profile } : {}) }), subscriber.key);
    await subscribe({ materials: ['lithium'], affectedRegions: ['US'] });
    await subscribe({ materials: ['gallium'] });
    // A civilian profile does not hear of a ban for military end users only.
    await subscribe({ materials: ['cobalt'], affectedRegions: ['US'] }, { endUses: ['civilian'] });
    await subscribe({ materials: ['lithium'], affectedRegions: ['JP'] });
    await subscribe({ materials: ['lithium'], scopes: ['lanes'] });
    const id = await queue({
      materials: ['*'],
      affectedRegions: ['US'],
      hsCodes: undefined,
      changeType: 'export-ban',
      conditions: [{ type: 'end-user', effect: 'restricts', values: ['military-end-user'] }],
    });
    const before = await h.itemCount();
    const reach = await h.http.get(`/v1/admin/review/${id}/reach`, ADMIN);
    expect(reach.status, reach.text).toBe(200);
    expect(reach.json).toMatchObject({ scope: 'all-items', matched: 3, alerts: 2 });
    expect(await h.itemCount()).toBe(before);
  });

  it('answers 404 for an unknown item, 409 once decided, 403 to a subscriber', async () => {
    expectProblem(await h.http.get('/v1/admin/review/rv_unknown/reach', ADMIN), 404);
    const id = await queue({});
    await h.http.post(`/v1/admin/review/${id}/reject`, { reason: 'duplicate' }, ADMIN);
    expectProblem(await h.http.get(`/v1/admin/review/${id}/reach`, ADMIN), 409);
    const subscriber = await newSubscriber(h.http, 'Curious');
    expectProblem(await h.http.get(`/v1/admin/review/${id}/reach`, subscriber.key), 403);
  });

  it('lists an approved item with the values as approved and the fields corrected', async () => {
    const id = await queue({ title: 'Draft title', severity: 'low' });
    const approved = await h.http.post(
      `/v1/admin/review/${id}/approve`,
      { edits: { title: 'Corrected title', severity: 'critical' } },
      ADMIN,
    );
    expect(approved.status, approved.text).toBe(200);
    const listed = await h.http.get('/v1/admin/review?status=published', ADMIN);
    const item = listed.json.items.find((entry: { id: string }) => entry.id === id);
    expect(item.change).toMatchObject({ title: 'Corrected title', severity: 'critical' });
    expect(item.edited.sort()).toEqual(['severity', 'title']);
  });
});
