import { beforeAll, describe, expect, it } from 'vitest';
import { matchPolicyChange } from '../../shared/matching/matcher.js';
import {
  type ApiHarness,
  createdSubscription,
  createHarness,
  matcherDepsOf,
  newIngestKey,
  newSubscriber,
  policyChangeBody,
  subscriptionBody,
} from './support.js';

let h: ApiHarness;
let ingest: string;
beforeAll(async () => {
  h = await createHarness();
  ingest = await newIngestKey(h.http);
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
