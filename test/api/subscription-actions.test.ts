import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../shared/kernel/ids.js';
import { buildAlert } from '../../shared/matching/build-alert.js';
import type { Delivery, DeliveryStatus } from '../../shared/model/delivery.js';
import { endpointKey } from '../../shared/model/subscription.js';
import { QUEUED_LEASE_MS } from '../../shared/store/delivery-store.js';
import { endpointHash } from '../../shared/store/keys.js';
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

const GRACE_MS = 3_600_000;

let h: ApiHarness;
/** The API's clock: the real time when the file starts, moved on by the tests that need it. */
let now = Date.now();
let owner: { id: string; key: string };
let stranger: { id: string; key: string };

beforeAll(async () => {
  h = await createHarness({ clock: () => new Date(now), secretRotationGraceMs: GRACE_MS });
  owner = await newSubscriber(h.http, 'Replay Tests GmbH');
  stranger = await newSubscriber(h.http, 'Someone Else Ltd');
});

beforeEach(() => {
  h.queue.clear();
});

const createSubscription = (body: Record<string, unknown> = subscriptionBody(), key = owner.key) =>
  createdSubscription(h, body, key);
const storedSubscription = (id: string) => storedSubscriptionOf(h, id);

async function storedDelivery(id: string): Promise<Delivery> {
  const delivery = await h.table.deliveries.getDelivery(id);
  if (!delivery) throw new Error(`delivery ${id} not stored`);
  return delivery;
}

let revision = 0;

/**
 * A webhook delivery of the subscription created at `createdAt`, brought to `status` through the
 * store as the dispatcher would (`attempts` failed attempts before it).
 */
async function deliveryIn(
  subscriptionId: string,
  status: DeliveryStatus,
  options: { createdAt?: Date; attempts?: number } = {},
): Promise<Delivery> {
  revision += 1;
  const createdAt = options.createdAt ?? new Date(now - 60_000);
  const alert = buildAlert({
    change: policyChangeFixture({ id: newId('pc'), revision }),
    subscriptionId,
    subscriberId: owner.id,
    type: 'policy_change.published',
    match: { materials: [{ change: 'dysprosium', filter: 'rare-earths' }] },
    now: createdAt,
  });
  const [delivery] = (await h.table.deliveries.createAlert(alert, ['webhook'])).toSend;
  if (!delivery) throw new Error('no delivery created');
  const attempts = options.attempts ?? (status === 'pending' ? 0 : 2);
  for (let i = 1; i <= attempts; i++) {
    const at = new Date(createdAt.getTime() + i * 1000).toISOString();
    const last = i === attempts;
    const outcome =
      last && status === 'dead'
        ? { status: 'dead' as const, deadReason: 'receiver answered HTTP 500; gave up after 2 attempts' }
        : last && status === 'delivered'
          ? { status: 'delivered' as const }
          : { status: 'failed' as const, nextAttemptAt: new Date(now + 3_600_000).toISOString() };
    await h.table.deliveries.recordAttempt(
      await storedDelivery(delivery.id),
      { at, durationMs: 12, statusCode: last && status === 'delivered' ? 200 : 500 },
      outcome,
    );
  }
  const stored = await storedDelivery(delivery.id);
  expect(stored.status).toBe(status);
  return stored;
}

describe('POST /v1/subscriptions/{id}/rotate-secret', () => {
  it('returns a new whsec_ secret once; the old one keeps signing until now + grace', async () => {
    const created = await createSubscription();
    const original = created.webhook?.secret;
    const rotatedAt = now;

    const res = await h.http.post(`/v1/subscriptions/${created.id}/rotate-secret`, undefined, owner.key);

    expect(res.status, res.text).toBe(200);
    const graceEnds = new Date(rotatedAt + GRACE_MS).toISOString();
    expect(res.json).toEqual({
      subscriptionId: created.id,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+=*$/),
      previousSecretsExpireAt: graceEnds,
    });
    expect(res.json.secret).not.toBe(original);
    const webhook = (await storedSubscription(created.id)).webhook;
    expect(webhook?.secrets).toEqual([
      { secret: res.json.secret, createdAt: new Date(rotatedAt).toISOString() },
      { secret: original, createdAt: expect.any(String), expiresAt: graceEnds },
    ]);

    // Shown once: reads never carry a secret.
    const read = await h.http.get(`/v1/subscriptions/${created.id}`, owner.key);
    expect(read.text).not.toContain('whsec_');
  });

  it('a second rotation keeps the still-live secrets (none past its grace) and drops the expired ones', async () => {
    const created = await createSubscription();
    const original = created.webhook?.secret;
    const rotate = async () => {
      const res = await h.http.post(`/v1/subscriptions/${created.id}/rotate-secret`, undefined, owner.key);
      expect(res.status, res.text).toBe(200);
      return res.json.secret as string;
    };

    const t1 = now;
    const first = await rotate();
    now += 60_000;
    const t2 = now;
    const second = await rotate();
    let secrets = (await storedSubscription(created.id)).webhook?.secrets ?? [];
    expect(secrets.map((s) => [s.secret, s.expiresAt])).toEqual([
      [second, undefined],
      // A rotation never extends an earlier grace period.
      [first, new Date(t2 + GRACE_MS).toISOString()],
      [original, new Date(t1 + GRACE_MS).toISOString()],
    ]);

    // Past the original's grace period (but not the first rotation's): only live secrets are kept.
    now = t1 + GRACE_MS + 1;
    const third = await rotate();
    secrets = (await storedSubscription(created.id)).webhook?.secrets ?? [];
    expect(secrets.map((s) => s.secret)).toEqual([third, second, first]);
    expect(secrets.map((s) => s.secret)).not.toContain(original);
    for (const secret of secrets.slice(1)) expect(Date.parse(secret.expiresAt ?? '')).toBeGreaterThan(now);
    expect(secrets[2]?.expiresAt).toBe(new Date(t2 + GRACE_MS).toISOString());
  });

  it('refuses a subscription without a webhook with 422', async () => {
    const created = await createSubscription(
      subscriptionBody({ webhook: undefined, sms: ['+4915112345678'] }),
    );
    const res = await h.http.post(`/v1/subscriptions/${created.id}/rotate-secret`, undefined, owner.key);
    expectProblem(res, 422, 'validation-error');
    expect(problemFields(res)).toEqual(['webhook']);
  });
});

describe('POST /v1/subscriptions/{id}/test', () => {
  it('stores a subscription.test delivery for the webhook and enqueues it', async () => {
    const created = await createSubscription();

    const res = await h.http.post(`/v1/subscriptions/${created.id}/test`, undefined, owner.key);

    expect(res.status, res.text).toBe(202);
    expect(res.json).toMatchObject({
      id: expect.stringMatching(/^dlv_[0-9a-f]{32}_webhook$/),
      subscriptionId: created.id,
      type: 'subscription.test',
      channel: 'webhook',
      status: 'pending',
      attempts: [],
    });
    expect(res.json).not.toHaveProperty('subscriberId');
    const alert = await h.table.deliveries.getAlert(res.json.alertId);
    // The message carries where the delivery's state is and the exact body to send, its endpoint
    // (the message group) and that it is new (its first receive takes no claim).
    expect(h.queue.calls).toEqual([
      {
        messages: [
          {
            deliveryId: res.json.id,
            subscriptionId: created.id,
            createdAt: res.json.createdAt,
            subscriptionVersion: 1,
            endpointGroup: endpointHash(
              endpointKey((await storedSubscription(created.id)).webhook?.url ?? ''),
            ),
            firstAttempt: true,
            policyChangeId: alert?.policyChangeId,
            revision: 1,
            payload: alert?.payload,
          },
        ],
        delayMs: 0,
      },
    ]);
    expect(alert?.type).toBe('subscription.test');
    expect(JSON.parse(alert?.payload ?? '{}')).toMatchObject({
      type: 'subscription.test',
      data: { alertId: res.json.alertId, subscriptionId: created.id },
    });

    // Every test is an event of its own.
    const again = await h.http.post(`/v1/subscriptions/${created.id}/test`, undefined, owner.key);
    expect(again.status).toBe(202);
    expect(again.json.id).not.toBe(res.json.id);
  });

  it('refuses a subscription without a webhook with 422 and enqueues nothing', async () => {
    const created = await createSubscription(
      subscriptionBody({ webhook: undefined, sms: ['+4915112345678'] }),
    );
    const res = await h.http.post(`/v1/subscriptions/${created.id}/test`, undefined, owner.key);
    expectProblem(res, 422, 'validation-error');
    expect(h.queue.calls).toEqual([]);
  });
});

describe('deliveries by id', () => {
  it('GET /v1/deliveries/{id} shows the own delivery with its attempts', async () => {
    const created = await createSubscription();
    const delivery = await deliveryIn(created.id, 'failed', { attempts: 1 });

    const res = await h.http.get(`/v1/deliveries/${delivery.id}`, owner.key);

    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      id: delivery.id,
      subscriptionId: created.id,
      status: 'failed',
      attempts: [{ statusCode: 500, durationMs: 12, at: expect.any(String) }],
    });
    expect(res.json).not.toHaveProperty('subscriberId');
  });

  it.each([
    ['a well-formed id that is not stored', `dlv_${'0'.repeat(32)}_webhook`],
    ['a malformed id', 'not-a-delivery'],
  ])('GET /v1/deliveries/{id} answers 404 for %s', async (_label, id) => {
    expectProblem(await h.http.get(`/v1/deliveries/${id}`, owner.key), 404);
  });

  it('POST /v1/deliveries/{id}/retry reopens a dead delivery with a fresh retry budget and enqueues it', async () => {
    const created = await createSubscription();
    const dead = await deliveryIn(created.id, 'dead', { attempts: 2 });

    const res = await h.http.post(`/v1/deliveries/${dead.id}/retry`, undefined, owner.key);

    expect(res.status, res.text).toBe(202);
    expect(res.json).toMatchObject({ id: dead.id, status: 'pending' });
    expect(res.json).not.toHaveProperty('deadReason');
    expect(res.json.attempts).toHaveLength(2);
    const stored = await storedDelivery(dead.id);
    expect(stored).toMatchObject({
      status: 'pending',
      attemptOffset: 2,
      webhookId: dead.webhookId,
      updatedAt: new Date(now).toISOString(),
    });
    expect(stored).not.toHaveProperty('deadReason');
    expect(stored).not.toHaveProperty('nextAttemptAt');
    expect(h.queue.deliveryIds).toEqual([dead.id]);
    // Back in the open-work index: the queue's for QUEUED_LEASE_MS, then found by the recovery
    // sweep should its message be lost.
    const early = await h.table.deliveries.dueDeliveries(new Date(now).toISOString());
    expect(early.map((d) => d.deliveryId)).not.toContain(dead.id);
    const due = await h.table.deliveries.dueDeliveries(new Date(now + QUEUED_LEASE_MS).toISOString());
    expect(due.map((d) => d.deliveryId)).toContain(dead.id);
  });
});

describe("administrators inspect and replay any subscriber's deliveries", () => {
  it("reads, lists and retries another subscriber's delivery; an ingest key may not", async () => {
    const created = await createSubscription();
    const dead = await deliveryIn(created.id, 'dead', { attempts: 2 });

    expect((await h.http.get(`/v1/deliveries/${dead.id}`, ADMIN)).json).toMatchObject({
      id: dead.id,
      status: 'dead',
    });
    const listed = await h.http.get(`/v1/subscriptions/${created.id}/deliveries`, ADMIN);
    expect(listed.json.items.map((d: { id: string }) => d.id)).toContain(dead.id);
    const retried = await h.http.post(`/v1/deliveries/${dead.id}/retry`, undefined, ADMIN);
    expect(retried.status, retried.text).toBe(202);
    expect(h.queue.deliveryIds).toEqual([dead.id]);

    const ingest = await h.http.post('/v1/api-keys', { scope: 'ingest' }, ADMIN);
    expectProblem(
      await h.http.post(`/v1/deliveries/${dead.id}/retry`, undefined, ingest.json.apiKey),
      403,
      'forbidden',
    );
  });
});

describe('POST /v1/subscriptions/{id}/recover', () => {
  it('reopens and enqueues only the failed and dead deliveries created since the given time', async () => {
    const created = await createSubscription();
    const since = new Date(now - 10 * 60_000);
    const before = await deliveryIn(created.id, 'dead', { createdAt: new Date(since.getTime() - 1000) });
    const failed = await deliveryIn(created.id, 'failed', { createdAt: new Date(since.getTime() + 1000) });
    const dead = await deliveryIn(created.id, 'dead', { createdAt: new Date(since.getTime() + 2000) });
    const delivered = await deliveryIn(created.id, 'delivered', {
      createdAt: new Date(since.getTime() + 3000),
    });
    const pending = await deliveryIn(created.id, 'pending', { createdAt: new Date(since.getTime() + 4000) });
    // The same subscriber's other subscription is not part of it.
    const other = await createSubscription();
    const otherDead = await deliveryIn(other.id, 'dead', { createdAt: new Date(since.getTime() + 1000) });

    const res = await h.http.post(
      `/v1/subscriptions/${created.id}/recover`,
      { since: since.toISOString() },
      owner.key,
    );

    expect(res.status, res.text).toBe(202);
    expect(res.json).toEqual({ recovered: 2, skipped: 0, deliveryIds: [failed.id, dead.id] });
    expect(h.queue.deliveryIds).toEqual([failed.id, dead.id]);
    for (const recovered of [failed, dead]) {
      expect(await storedDelivery(recovered.id)).toMatchObject({
        status: 'pending',
        attemptOffset: recovered.attempts.length,
      });
    }
    for (const untouched of [before, delivered, pending, otherDead]) {
      expect(await storedDelivery(untouched.id)).toEqual(untouched);
    }
  });

  it("spaces the recovered deliveries' due times at the endpoint's own rate limit", async () => {
    const created = await createSubscription(
      subscriptionBody({ webhook: { url: 'https://hooks.example.com/slow-recovery', rateLimit: 2 } }),
    );
    const since = new Date(now - 10 * 60_000);
    const dead = [];
    for (let i = 1; i <= 3; i++) {
      dead.push(await deliveryIn(created.id, 'dead', { createdAt: new Date(since.getTime() + i * 1000) }));
    }

    const res = await h.http.post(
      `/v1/subscriptions/${created.id}/recover`,
      { since: since.toISOString() },
      owner.key,
    );

    expect(res.status, res.text).toBe(202);
    expect(res.json.recovered).toBe(3);
    // 2 a second: one due now, then one every 500 ms (the API's clock stands still).
    const due = [];
    for (const delivery of dead) due.push((await storedDelivery(delivery.id)).nextAttemptAt);
    expect(due).toEqual([undefined, new Date(now + 500).toISOString(), new Date(now + 1000).toISOString()]);
  });

  it('accepts a time with an offset', async () => {
    const created = await createSubscription();
    const dead = await deliveryIn(created.id, 'dead');
    const since = new Date(now - 3_600_000).toISOString().replace('Z', '+00:00');

    const res = await h.http.post(`/v1/subscriptions/${created.id}/recover`, { since }, owner.key);

    expect(res.status, res.text).toBe(202);
    expect(res.json.deliveryIds).toEqual([dead.id]);
  });

  it.each([
    ['not a date', { since: 'yesterday' }],
    ['a date without a time', { since: '2025-03-01' }],
    ['an impossible month', { since: '2025-13-01T00:00:00Z' }],
    ['a number', { since: 1_740_000_000 }],
    ['no since', {}],
    ['an unknown field', { since: '2025-03-01T00:00:00Z', until: '2025-03-02T00:00:00Z' }],
  ])('refuses %s with 422 and reopens nothing', async (_label, body) => {
    const created = await createSubscription();
    const dead = await deliveryIn(created.id, 'dead');

    const res = await h.http.post(`/v1/subscriptions/${created.id}/recover`, body, owner.key);

    expectProblem(res, 422, 'validation-error');
    expect(h.queue.calls).toEqual([]);
    expect(await storedDelivery(dead.id)).toEqual(dead);
  });

  it('refuses a since in the future with 422 naming the field', async () => {
    const created = await createSubscription();
    const dead = await deliveryIn(created.id, 'dead');

    const res = await h.http.post(
      `/v1/subscriptions/${created.id}/recover`,
      { since: new Date(now + 60_000).toISOString() },
      owner.key,
    );

    expectProblem(res, 422, 'validation-error');
    expect(problemFields(res)).toEqual(['since']);
    expect(h.queue.calls).toEqual([]);
    expect(await storedDelivery(dead.id)).toEqual(dead);
  });
});

describe('POST /v1/subscriptions/{id}/webhook/enable', () => {
  it('re-enables a disabled webhook and clears disabledReason and failingSince', async () => {
    const created = await createSubscription();
    await h.table.subscriptions.recordWebhookFailure(created.id, new Date(now - 6 * 86_400_000));
    await h.table.subscriptions.disableWebhook(created.id, 'no successful delivery in 5 days', new Date(now));
    const disabled = await storedSubscription(created.id);
    expect(disabled.webhook).toMatchObject({ status: 'disabled', failingSince: expect.any(String) });

    const res = await h.http.post(`/v1/subscriptions/${created.id}/webhook/enable`, undefined, owner.key);

    expect(res.status, res.text).toBe(200);
    expect(res.json.webhook).toEqual({
      url: 'https://hooks.example.com/material-alerts',
      status: 'enabled',
      rateLimit: 10,
    });
    expect(res.text).not.toContain('whsec_');
    const after = await storedSubscription(created.id);
    expect(after.webhook?.status).toBe('enabled');
    expect(after.webhook).not.toHaveProperty('disabledReason');
    expect(after.webhook).not.toHaveProperty('failingSince');
    expect(after.webhook?.secrets).toEqual(disabled.webhook?.secrets);
    expect(after.version).toBe(disabled.version + 1);
  });

  it('refuses a subscription without a webhook with 422', async () => {
    const created = await createSubscription(
      subscriptionBody({ webhook: undefined, sms: ['+4915112345678'] }),
    );
    expectProblem(
      await h.http.post(`/v1/subscriptions/${created.id}/webhook/enable`, undefined, owner.key),
      422,
    );
  });
});

describe("another subscriber's ids", () => {
  let subscription: { id: string };
  let dead: Delivery;

  beforeAll(async () => {
    subscription = await createSubscription();
    await h.table.subscriptions.disableWebhook(subscription.id, 'receiver answered 410 Gone', new Date(now));
    dead = await deliveryIn(subscription.id, 'dead');
  });

  it.each([
    ['POST', '/v1/subscriptions/{sub}/rotate-secret', undefined],
    ['POST', '/v1/subscriptions/{sub}/test', undefined],
    ['POST', '/v1/subscriptions/{sub}/webhook/enable', undefined],
    ['POST', '/v1/subscriptions/{sub}/recover', { since: '2020-01-01T00:00:00Z' }],
    ['GET', '/v1/deliveries/{dlv}', undefined],
    ['POST', '/v1/deliveries/{dlv}/retry', undefined],
  ])('%s %s answers 404 and changes nothing', async (method, template, body) => {
    const subscriptionBefore = await storedSubscription(subscription.id);
    const itemsBefore = await h.itemCount();
    const path = template.replace('{sub}', subscription.id).replace('{dlv}', dead.id);

    const res = await h.http.send(method, path, body, { key: stranger.key });

    expectProblem(res, 404, 'not-found');
    // Indistinguishable from an id that does not exist at all.
    const unknown = { sub: newId('sub'), dlv: `dlv_${'0'.repeat(32)}_webhook` };
    const missing = await h.http.send(
      method,
      template.replace('{sub}', unknown.sub).replace('{dlv}', unknown.dlv),
      body,
      { key: stranger.key },
    );
    const anonymous = (detail: string) =>
      detail
        .replace(subscription.id, 'ID')
        .replace(dead.id, 'ID')
        .replace(unknown.sub, 'ID')
        .replace(unknown.dlv, 'ID');
    expect(missing.status).toBe(404);
    expect(anonymous(res.json.detail)).toBe(anonymous(missing.json.detail));
    expect(await storedSubscription(subscription.id)).toEqual(subscriptionBefore);
    expect(await storedDelivery(dead.id)).toEqual(dead);
    expect(await h.itemCount()).toBe(itemsBefore);
    expect(h.queue.calls).toEqual([]);
  });

  it.each([
    ['POST', '/v1/subscriptions/{sub}/rotate-secret'],
    ['POST', '/v1/deliveries/{dlv}/retry'],
  ])('%s %s without a key answers 401', async (method, template) => {
    const path = template.replace('{sub}', subscription.id).replace('{dlv}', dead.id);
    expectProblem(await h.http.send(method, path, undefined), 401);
  });
});
