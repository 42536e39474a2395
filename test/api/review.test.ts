import { beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  type ApiHarness,
  createHarness,
  expectProblem,
  newIngestKey,
  newSubscriber,
  policyChangeBody,
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
