import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../shared/model/delivery.js';
import {
  ADMIN,
  type ApiHarness,
  createdSubscription,
  createHarness,
  expectProblem,
  newSubscriber,
  storedSubscriptionOf,
  subscriptionBody,
} from './support.js';

// A webhook's health, switching it off by hand, test events of any type, and the events in /openapi.json.
let h: ApiHarness;
let owner: { id: string; key: string };
let stranger: { id: string; key: string };

beforeAll(async () => {
  h = await createHarness();
  owner = await newSubscriber(h.http, 'Health Watchers GmbH');
  stranger = await newSubscriber(h.http, 'Someone Else Ltd');
});

describe('webhook health and the hand switch', () => {
  it('reports the rate limit, a closed circuit and the rates from the subscription own attempts', async () => {
    const sub = await createdSubscription(
      h,
      subscriptionBody({ webhook: { url: 'https://hooks.example.com/a', rateLimit: 2.5 } }),
      owner.key,
    );
    const test = await h.http.post(`/v1/subscriptions/${sub.id}/test`, undefined, owner.key);
    expect(test.status, test.text).toBe(202);
    const at = new Date(Date.now() - 60_000).toISOString();
    const delivery = await h.table.deliveries.getDelivery(test.json.id);
    if (!delivery) throw new Error('test delivery not stored');
    await h.table.deliveries.recordAttempt(
      delivery,
      { at, durationMs: 7, statusCode: 503 },
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
    for (const type of EVENT_TYPES) {
      const content = doc.webhooks[type].post.requestBody.content['application/json'];
      expect(content.schema).toEqual({ $ref: '#/components/schemas/WebhookEvent' });
      expect(content.example.type).toBe(type);
      expect(content.example.data.policyChange.sourceRef).toBe('MOFCOM-GAC-2023-23');
    }
    expect(
      doc.webhooks['policy_change.status_changed'].post.requestBody.content['application/json'].example.data
        .statusChange,
    ).toMatchObject({ from: 'announced', to: 'in-force' });
  });
});
