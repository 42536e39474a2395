import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { matchPolicyChange } from '../../shared/matching/matcher.js';
import { webhookIdOf } from '../../shared/model/delivery.js';
import { EventFeedStore, FEED_SETTLE_MS } from '../../shared/store/event-feed-store.js';
import { keys } from '../../shared/store/keys.js';
import { documentClient } from '../../shared/store/table.js';
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
let alice: { id: string; key: string };
let ingest: string;

beforeAll(async () => {
  h = await createHarness();
  alice = await newSubscriber(h.http, 'Alice Alloys');
  ingest = await newIngestKey(h.http);
});

async function ingestChanges(count: number, materials: string[]): Promise<string[]> {
  const ids = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const res = await h.http.post(
        '/v1/policy-changes',
        policyChangeBody({ materials, title: `Feed change ${i}` }),
        ingest,
      );
      expect(res.status, res.text).toBe(202);
      return res.json.id as string;
    }),
  );
  return ids;
}

/** A subscriber with a feed-only subscription on `material`, and one change matched to it. */
async function oneFeedAlert(name: string, material: string) {
  const subscriber = await newSubscriber(h.http, name);
  const body = subscriptionBody({ filters: { materials: [material] }, webhook: undefined, feed: true });
  await createdSubscription(h, body, subscriber.key);
  const [changeId = ''] = await ingestChanges(1, [material]);
  await matchPolicyChange(
    matcherDepsOf(h, () => new Date()),
    { policyChangeId: changeId, revision: 1 },
  );
  return { subscriber, changeId };
}

/** Every event from `after` on, page by page. */
async function drain(key: string, after: string | undefined, limit: number) {
  const items: { id: string; type: string; timestamp: string; data: Record<string, unknown> }[] = [];
  let cursor = after;
  for (;;) {
    const res = await h.http.get(`/v1/events?limit=${limit}${cursor ? `&after=${cursor}` : ''}`, key);
    expect(res.status, res.text).toBe(200);
    items.push(...res.json.items);
    const moved = res.json.nextCursor !== cursor;
    cursor = res.json.nextCursor;
    if (res.json.items.length === 0 || !moved) return { items, cursor };
  }
}

describe('subscriptions with the feed as a channel', () => {
  it('may have the feed as their only channel, and need some channel', async () => {
    const feedOnly = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ webhook: undefined, feed: true }),
      alice.key,
    );
    expect(feedOnly.status, feedOnly.text).toBe(201);
    expect(feedOnly.json.feed).toBe(true);
    expect(feedOnly.json.webhook).toBeUndefined();

    const none = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ webhook: undefined, feed: false }),
      alice.key,
    );
    expectProblem(none, 422, 'validation-error');
    expect(problemFields(none)).toContain('webhook');

    const emptied = await h.http.patch(`/v1/subscriptions/${feedOnly.json.id}`, { feed: false }, alice.key);
    expectProblem(emptied, 422, 'validation-error');
    const stillFeed = await h.http.get(`/v1/subscriptions/${feedOnly.json.id}`, alice.key);
    expect(stillFeed.json.feed).toBe(true);
    await h.http.delete(`/v1/subscriptions/${feedOnly.json.id}`, alice.key);
  });
});

describe('GET /v1/events', () => {
  it('a reader paging while alerts are written concurrently sees every alert once, in feed order', async () => {
    const bob = await newSubscriber(h.http, 'Bob Batteries');
    const onlyFeed = await createdSubscription(
      h,
      subscriptionBody({
        name: 'Feed only',
        filters: { materials: ['cobalt'] },
        webhook: undefined,
        feed: true,
      }),
      bob.key,
    );
    const both = await createdSubscription(
      h,
      subscriptionBody({ name: 'Webhook and feed', filters: { materials: ['cobalt'] }, feed: true }),
      bob.key,
    );
    // Alerts of a subscription without the feed never reach it.
    await createdSubscription(
      h,
      subscriptionBody({ name: 'Webhook only', filters: { materials: ['cobalt'] } }),
      bob.key,
    );

    const changes = await ingestChanges(8, ['cobalt']);
    const deps = matcherDepsOf(h, () => new Date());
    let writing = true;
    const writers = Promise.all(
      changes.map((policyChangeId) => matchPolicyChange(deps, { policyChangeId, revision: 1 })),
    ).finally(() => {
      writing = false;
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    while (writing) {
      const page = await drain(bob.key, cursor, 3);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.cursor;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await writers;
    // The reader did read while the alerts were being written.
    const seenWhileWriting = seen.length;
    expect(seenWhileWriting).toBeGreaterThan(0);
    seen.push(...(await drain(bob.key, cursor, 3)).items.map((item) => item.id));

    const all = await drain(bob.key, undefined, 100);
    expect(all.items).toHaveLength(16);
    expect(seen).toEqual(all.items.map((item) => item.id));
    expect(new Set(seen).size).toBe(16);
    const subscriptions = new Set(all.items.map((item) => item.data.subscriptionId));
    expect(subscriptions).toEqual(new Set([onlyFeed.id, both.id]));
    expect(new Set(all.items.map((item) => (item.data.policyChange as { id: string }).id))).toEqual(
      new Set(changes),
    );
    // Alice's feed holds none of Bob's events.
    expect((await drain(alice.key, undefined, 100)).items).toEqual([]);
  });

  it('serves each event as the webhook body it was signed as, with its webhook-id', async () => {
    const { subscriber: carol, changeId } = await oneFeedAlert('Carol Cobalt', 'gallium');
    const [event] = (await drain(carol.key, undefined, 10)).items;
    const alertId = String(event?.data.alertId);
    const stored = await h.table.deliveries.getAlert(alertId);
    expect(event?.id).toBe(webhookIdOf(alertId));
    const { id: _id, ...body } = event ?? { id: '' };
    expect(body).toEqual(JSON.parse(stored?.payload ?? '{}'));
    expect(event?.type).toBe('policy_change.published');

    // A rerun of the matcher adds nothing twice.
    await matchPolicyChange(
      matcherDepsOf(h, () => new Date()),
      { policyChangeId: changeId, revision: 1 },
    );
    expect((await drain(carol.key, undefined, 10)).items).toHaveLength(1);
  });

  it('refuses cursors it did not write and limits out of range with a 422 naming the parameter', async () => {
    for (const after of ['abc', 'djE6LTE', Buffer.from('v1:01').toString('base64url'), 'x'.repeat(101)]) {
      const res = await h.http.get(`/v1/events?after=${after}`, alice.key);
      expectProblem(res, 422, 'validation-error');
      expect(problemFields(res)).toEqual(['query.after']);
    }
    for (const limit of ['0', '101', 'ten', '1.5']) {
      const res = await h.http.get(`/v1/events?limit=${limit}`, alice.key);
      expectProblem(res, 422, 'validation-error');
      expect(problemFields(res)).toEqual(['query.limit']);
    }
    // A well-formed cursor for a place Alice's feed never reached (another subscriber's, say).
    for (const position of ['5000', '99999999999', '999999999999']) {
      const cursor = Buffer.from(`v1:${position}`).toString('base64url');
      const ahead = await h.http.get(`/v1/events?after=${cursor}`, alice.key);
      expectProblem(ahead, 422, 'validation-error');
      expect(problemFields(ahead)).toEqual(['query.after']);
    }
    expectProblem(await h.http.get('/v1/events', ADMIN), 403);
  });
});

describe('the feed sequence', () => {
  it('stops before a gap a commit may still fill, and passes it once it has settled', async () => {
    const { subscriber: dan } = await oneFeedAlert('Dan Dysprosium', 'germanium');
    const alertId = String((await drain(dan.key, undefined, 1)).items[0]?.data.alertId);

    let now = Date.parse('2026-03-01T12:00:00Z');
    const feeds = new EventFeedStore(
      { doc: documentClient(h.table.client), tableName: h.table.tableName },
      () => new Date(now),
    );
    const subscriberId = 'sbr_gap';
    // Sequence 1 is handed out but its event is not visible yet; 2 is.
    await documentClient(h.table.client).send(
      new PutCommand({
        TableName: h.table.tableName,
        Item: {
          ...keys.feedEvent(subscriberId, 2),
          sequence: 2,
          alertId,
          subscriptionId: 'sub_gap',
          at: new Date(now).toISOString(),
        },
      }),
    );
    expect(await feeds.read(subscriberId, 0, 10)).toEqual({ events: [], position: 0 });
    now += FEED_SETTLE_MS;
    const settled = await feeds.read(subscriberId, 0, 10);
    expect(settled.position).toBe(2);
    expect(settled.events.map((event) => event.sequence)).toEqual([2]);
  });
});
