import { beforeAll, describe, expect, it } from 'vitest';
import { processFigures } from '../../shared/api/routes/admin-stats.js';
import {
  ADMIN,
  type ApiHarness,
  createHarness,
  expectProblem,
  newSubscriber,
  problemFields,
  subscriptionBody,
} from './support.js';

let h: ApiHarness;
let owner: { id: string; key: string };
beforeAll(async () => {
  h = await createHarness({ limits: { webhookRateLimit: 7 } });
  owner = await newSubscriber(h.http, 'Rate Limits GmbH');
});

describe('webhook.rateLimit', () => {
  it('takes WEBHOOK_RATE_LIMIT when the webhook names none, and the given value when it does', async () => {
    const plain = await h.http.post('/v1/subscriptions', subscriptionBody(), owner.key);
    expect(plain.status, plain.text).toBe(201);
    expect(plain.json.webhook.rateLimit).toBe(7);
    const slow = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ webhook: { url: 'https://hooks.example.com/slow', rateLimit: 0.5 } }),
      owner.key,
    );
    expect(slow.status, slow.text).toBe(201);
    expect(slow.json.webhook.rateLimit).toBe(0.5);
    expect((await h.http.get(`/v1/subscriptions/${slow.json.id}`, owner.key)).json.webhook.rateLimit).toBe(
      0.5,
    );
  });

  it.each([0, -1, 5000, 'fast', null])(
    'refuses %s with 422 naming webhook.rateLimit, writing nothing',
    async (value) => {
      const before = await h.itemCount();
      const res = await h.http.post(
        '/v1/subscriptions',
        subscriptionBody({ webhook: { url: 'https://hooks.example.com/x', rateLimit: value } }),
        owner.key,
      );
      expectProblem(res, 422);
      expect(problemFields(res)).toContain('webhook.rateLimit');
      expect(await h.itemCount()).toBe(before);
    },
  );

  it('PATCH changes the rate limit alone, keeping the URL and the secret; or with a new URL', async () => {
    const created = await h.http.post('/v1/subscriptions', subscriptionBody(), owner.key);
    const id = created.json.id;
    const patched = await h.http.patch(`/v1/subscriptions/${id}`, { webhook: { rateLimit: 2 } }, owner.key);
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json.webhook).toMatchObject({
      url: created.json.webhook.url,
      rateLimit: 2,
      status: 'enabled',
    });
    expect(patched.json.webhook.secret).toBeUndefined();
    const moved = await h.http.patch(
      `/v1/subscriptions/${id}`,
      { webhook: { url: 'https://hooks.example.com/new', rateLimit: 3 } },
      owner.key,
    );
    expect(moved.json.webhook).toMatchObject({ url: 'https://hooks.example.com/new', rateLimit: 3 });
    // A new URL alone keeps the limit.
    const again = await h.http.patch(
      `/v1/subscriptions/${id}`,
      { webhook: { url: 'https://hooks.example.com/2' } },
      owner.key,
    );
    expect(again.json.webhook.rateLimit).toBe(3);
  });

  it('PATCH refuses an empty webhook, a bad limit, and a limit for a subscription without a webhook', async () => {
    const created = await h.http.post('/v1/subscriptions', subscriptionBody(), owner.key);
    expectProblem(
      await h.http.patch(`/v1/subscriptions/${created.json.id}`, { webhook: {} }, owner.key),
      422,
    );
    const bad = await h.http.patch(
      `/v1/subscriptions/${created.json.id}`,
      { webhook: { rateLimit: 0 } },
      owner.key,
    );
    expectProblem(bad, 422);
    expect(problemFields(bad)).toContain('webhook.rateLimit');

    const smsOnly = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ webhook: undefined, sms: ['+4915112345678'] }),
      owner.key,
    );
    expect(smsOnly.status, smsOnly.text).toBe(201);
    const noWebhook = await h.http.patch(
      `/v1/subscriptions/${smsOnly.json.id}`,
      { webhook: { rateLimit: 4 } },
      owner.key,
    );
    expectProblem(noWebhook, 422);
    expect(problemFields(noWebhook)).toEqual(['webhook.url']);
  });
});

describe('GET /v1/admin/stats', () => {
  it('answers administrators with the process figures as a section; subscribers get 403', async () => {
    const local = await createHarness({ statsSections: { process: async () => processFigures() } });
    const admin = await local.http.get('/v1/admin/stats', ADMIN);
    expect(admin.status, admin.text).toBe(200);
    expect(admin.json.process.residentBytes).toBeGreaterThan(0);
    expect(admin.json.process.heapUsedBytes).toBeGreaterThan(0);
    const subscriber = await newSubscriber(local.http, 'Stats Reader Ltd');
    expectProblem(await local.http.get('/v1/admin/stats', subscriber.key), 403);
  });

  it('answers 404 where the runtime gives no sections (deployed: the figures are in CloudWatch)', async () => {
    expectProblem(await h.http.get('/v1/admin/stats', ADMIN), 404);
  });
});
