import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/kernel/ids.js';
import { buildAlert } from '../../shared/matching/build-alert.js';
import {
  CHANGE_EVENT_TYPES,
  type Delivery,
  type DeliveryStatus,
  EVENT_TYPES,
  type EventType,
} from '../../shared/model/delivery.js';
import { policyChangeFixture } from '../store/fixtures.js';
import {
  ADMIN,
  type ApiHarness,
  createdSubscription,
  createHarness,
  expectProblem,
  newSubscriber,
  problemFields,
  storedSubscriptionOf,
  subscriptionBody,
} from './support.js';

// The delivery log across a subscriber's subscriptions: GET /v1/deliveries.
let h: ApiHarness;
let owner: { id: string; key: string };
let stranger: { id: string; key: string };
let first: string;
let second: string;
const base = Date.parse('2026-03-01T00:00:00.000Z');
const made: Delivery[] = [];

async function delivery(
  subscriptionId: string,
  minutes: number,
  status: DeliveryStatus,
  type: EventType = 'policy_change.published',
): Promise<Delivery> {
  const change = policyChangeFixture({ id: newId('pc'), revision: 1, title: `Change at minute ${minutes}` });
  const alert = buildAlert({
    change,
    subscriptionId,
    subscriberId: owner.id,
    type,
    match: { materials: [{ change: 'dysprosium', filter: 'rare-earths' }] },
    now: new Date(base + minutes * 60_000),
  });
  const [created] = (await h.table.deliveries.createAlert(alert, ['webhook'])).toSend;
  if (!created) throw new Error('no delivery created');
  if (status !== 'pending') {
    await h.table.deliveries.recordAttempt(
      created,
      {
        at: new Date(base + minutes * 60_000 + 1000).toISOString(),
        durationMs: 9,
        statusCode: status === 'delivered' ? 200 : 500,
      },
      status === 'failed'
        ? { status, nextAttemptAt: new Date(base + 86_400_000).toISOString() }
        : status === 'dead'
          ? { status, deadReason: 'gave up' }
          : { status },
    );
  }
  made.push(created);
  return created;
}

beforeAll(async () => {
  h = await createHarness({ clock: () => new Date(base + 3_600_000) });
  owner = await newSubscriber(h.http, 'Log Readers GmbH');
  stranger = await newSubscriber(h.http, 'Someone Else Ltd');
  first = (await createdSubscription(h, subscriptionBody(), owner.key)).id;
  second = (await createdSubscription(h, subscriptionBody({ name: 'Second' }), owner.key)).id;
  // Interleaved in time across the two subscriptions.
  await delivery(first, 1, 'delivered');
  await delivery(second, 2, 'dead');
  await delivery(first, 3, 'failed', 'policy_change.updated');
  await delivery(second, 4, 'delivered');
  await delivery(first, 5, 'delivered');
});

const ids = (res: { json: { items: { id: string }[] } }) => res.json.items.map((item) => item.id);
const byMinute = (...minutes: number[]) => minutes.map((m) => made[m - 1]?.id);

describe('GET /v1/deliveries', () => {
  it('lists every subscription of the subscriber newest first, naming the change and why it matched', async () => {
    const res = await h.http.get('/v1/deliveries', owner.key);
    expect(res.status, res.text).toBe(200);
    expect(ids(res)).toEqual(byMinute(5, 4, 3, 2, 1));
    expect(res.json.items[0]).toMatchObject({
      subscriptionId: first,
      status: 'delivered',
      policyChange: { title: 'Change at minute 5', id: expect.stringMatching(/^pc_/) },
      match: { materials: [{ change: 'dysprosium', filter: 'rare-earths' }] },
    });
  });

  it('filters by status, event type, subscription and creation time, and pages across subscriptions', async () => {
    expect(ids(await h.http.get('/v1/deliveries?status=delivered', owner.key))).toEqual(byMinute(5, 4, 1));
    expect(ids(await h.http.get('/v1/deliveries?type=policy_change.updated', owner.key))).toEqual(
      byMinute(3),
    );
    expect(ids(await h.http.get(`/v1/deliveries?subscriptionId=${second}`, owner.key))).toEqual(
      byMinute(4, 2),
    );
    const window = `from=${encodeURIComponent('2026-03-01T01:02:00+01:00')}&to=2026-03-01T00:04:00Z`;
    expect(ids(await h.http.get(`/v1/deliveries?${window}`, owner.key))).toEqual(byMinute(3, 2));

    const seen: (string | undefined)[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const res = await h.http.get(`/v1/deliveries?limit=2${cursor ? `&cursor=${cursor}` : ''}`, owner.key);
      expect(res.status, res.text).toBe(200);
      expect(res.json.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(res));
      cursor = res.json.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(byMinute(5, 4, 3, 2, 1));
  });

  it('finds a delivery by the webhook-id its receiver saw', async () => {
    const wanted = made[1];
    const res = await h.http.get(`/v1/deliveries?webhookId=${wanted?.webhookId}`, owner.key);
    expect(ids(res)).toEqual([wanted?.id]);
  });

  it("shows nothing of another subscriber's log, and answers a bad filter with 422 naming it", async () => {
    expect((await h.http.get('/v1/deliveries', stranger.key)).json.items).toEqual([]);
    expectProblem(await h.http.get(`/v1/deliveries?subscriptionId=${first}`, stranger.key), 404);
    const bad = await h.http.get('/v1/deliveries?status=lost&from=yesterday', owner.key);
    expectProblem(bad, 422);
    expect(problemFields(bad).sort()).toEqual(['query.from', 'query.status']);
    const admin = await h.http.get('/v1/deliveries', ADMIN);
    expectProblem(admin, 422);
    expect(problemFields(admin)).toEqual(['query.subscriberId']);
    const backwards = await h.http.get(
      '/v1/deliveries?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z',
      owner.key,
    );
    expectProblem(backwards, 422);
    expect(problemFields(backwards)).toEqual(['query.to']);
    expect(ids(await h.http.get(`/v1/deliveries?subscriberId=${owner.id}&status=dead`, ADMIN))).toEqual(
      byMinute(2),
    );
  });
});

// A webhook's health, switching it off by hand, test events of any type, and the events in /openapi.json.
describe('webhook health and the hand switch', () => {
  it('reports the rate limit, a closed circuit and the rates from the subscription own attempts', async () => {
    const sub = await createdSubscription(
      h,
      subscriptionBody({ webhook: { url: 'https://hooks.example.com/a', rateLimit: 2.5 } }),
      owner.key,
    );
    const test = await h.http.post(`/v1/subscriptions/${sub.id}/test`, undefined, owner.key);
    expect(test.status, test.text).toBe(202);
    const at = new Date(base + 3_600_000 - 60_000).toISOString();
    const delivery = await h.table.deliveries.getDelivery(test.json.id);
    if (!delivery) throw new Error('test delivery not stored');
    await h.table.deliveries.recordAttempt(
      delivery,
      { at, durationMs: 7, statusCode: 503, signature: 'v1,c2lnbmVk' },
      { status: 'failed', nextAttemptAt: at },
    );

    const res = await h.http.get(`/v1/subscriptions/${sub.id}/webhook/health`, owner.key);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({
      url: 'https://hooks.example.com/a',
      status: 'enabled',
      rateLimit: 2.5,
      circuit: { state: 'closed' },
      day: { attempts: 1, succeeded: 0, failed: 1, successRate: 0 },
      week: { attempts: 1, succeeded: 0, failed: 1, successRate: 0 },
      recentFailures: [{ deliveryId: test.json.id, at, statusCode: 503 }],
    });
    expect((await h.http.get(`/v1/subscriptions/${sub.id}/webhook/health`, ADMIN)).status).toBe(200);
    expectProblem(await h.http.get(`/v1/subscriptions/${sub.id}/webhook/health`, stranger.key), 404);

    // The attempt shows the request it sent: the stored signature, the rebuilt headers, the alert's bytes.
    const shown = await h.http.get(`/v1/deliveries/${test.json.id}`, owner.key);
    const alert = await h.table.deliveries.getAlert(test.json.alertId);
    expect(shown.json.attempts[0].request).toEqual({
      headers: {
        'content-type': 'application/json',
        'webhook-id': test.json.webhookId,
        'webhook-timestamp': String(Math.floor(Date.parse(at) / 1000)),
        'webhook-signature': 'v1,c2lnbmVk',
        'user-agent': 'MaterialAlerts-Webhooks/1.0',
      },
      body: alert?.payload,
      bodyBytes: Buffer.byteLength(alert?.payload ?? '', 'utf8'),
    });
    expect(shown.json.attempts[0]).not.toHaveProperty('signature');
    const listed = await h.http.get(`/v1/subscriptions/${sub.id}/deliveries`, owner.key);
    expect(listed.json.items[0].attempts[0].request.body).toBe(alert?.payload);
  });

  it('disables the webhook by hand, with the reason, and enables it again', async () => {
    const sub = await createdSubscription(h, subscriptionBody(), owner.key);
    expectProblem(
      await h.http.post(`/v1/subscriptions/${sub.id}/webhook/disable`, undefined, stranger.key),
      404,
    );
    const off = await h.http.post(`/v1/subscriptions/${sub.id}/webhook/disable`, undefined, owner.key);
    expect(off.status, off.text).toBe(200);
    expect(off.json.webhook).toMatchObject({ status: 'disabled', disabledReason: 'disabled by hand' });
    expect((await storedSubscriptionOf(h, sub.id)).webhook?.status).toBe('disabled');
    const on = await h.http.post(`/v1/subscriptions/${sub.id}/webhook/enable`, undefined, owner.key);
    expect(on.json.webhook.status).toBe('enabled');
    const smsOnly = await createdSubscription(
      h,
      subscriptionBody({ webhook: undefined, email: ['ops@example.com'] }),
      owner.key,
    );
    expectProblem(
      await h.http.post(`/v1/subscriptions/${smsOnly.id}/webhook/disable`, undefined, owner.key),
      422,
    );
    expectProblem(await h.http.get(`/v1/subscriptions/${smsOnly.id}/webhook/health`, owner.key), 422);
  });

  it('sends a test event of the chosen type, shaped like that event; an unknown type is a 422', async () => {
    const sub = await createdSubscription(h, subscriptionBody(), owner.key);
    const res = await h.http.post(
      `/v1/subscriptions/${sub.id}/test`,
      { type: 'policy_change.updated' },
      owner.key,
    );
    expect(res.status, res.text).toBe(202);
    expect(res.json.type).toBe('policy_change.updated');
    const alert = await h.table.deliveries.getAlert(res.json.alertId);
    const body = JSON.parse(alert?.payload ?? '{}');
    expect(body.type).toBe('policy_change.updated');
    expect(body.data.changes).toEqual([{ field: 'severity', from: 'medium', to: 'high' }]);
    expect(body.data.policyChange.sourceRef).toBe('test-event');
    const bad = await h.http.post(
      `/v1/subscriptions/${sub.id}/test`,
      { type: 'policy_change.deleted' },
      owner.key,
    );
    expectProblem(bad, 422);
  });
});

describe('events in the API description', () => {
  it('lists every event type under webhooks with its schema and a real example of that type', async () => {
    const doc = (await h.http.get('/openapi.json')).json;
    expect(Object.keys(doc.webhooks).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of CHANGE_EVENT_TYPES) {
      const content = doc.webhooks[type].post.requestBody.content['application/json'];
      expect(content.schema).toEqual({ $ref: '#/components/schemas/WebhookEvent' });
      expect(content.example.type).toBe(type);
      expect(content.example.data.policyChange.sourceRef).toBe('MOFCOM-2023-23');
    }
    // The digest gathers change events: each item is a change's latest data with its events.
    const digest = doc.webhooks['alerts.digest'].post.requestBody.content['application/json'];
    expect(digest.schema).toEqual({ $ref: '#/components/schemas/DigestEvent' });
    expect(digest.example.type).toBe('alerts.digest');
    expect(digest.example.data.period).toMatchObject({ frequency: 'daily', timeZone: 'Europe/Berlin' });
    expect(
      digest.example.data.items.map(
        (item: { policyChange: { sourceRef: string } }) => item.policyChange.sourceRef,
      ),
    ).toEqual(['MOFCOM-2023-23']);
    expect(digest.example.data.items[0].events.map((e: { type: string }) => e.type)).toEqual([
      'policy_change.published',
    ]);
    expect(
      doc.webhooks['policy_change.status_changed'].post.requestBody.content['application/json'].example.data
        .statusChange,
    ).toMatchObject({ from: 'announced', to: 'in-force' });
  });
});
