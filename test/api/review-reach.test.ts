import { beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  type ApiHarness,
  createdSubscription,
  createHarness,
  expectProblem,
  newSubscriber,
  policyChangeBody,
  subscriptionBody,
} from './support.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await createHarness();
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
