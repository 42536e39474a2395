import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../../local/local-runtime.js';
import { policyChangeBody } from '../api/support.js';
import { eventually, startReceiver } from '../support/local-service.js';
import { serviceClient } from '../support/service-client.js';
import { suiteLog } from '../support/suite-log.js';

const ADMIN = 'replay-admin-key-0123456789';

let runtime: LocalRuntime;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
/** When each request reached the receiver, by path. */
const arrivals: { path: string; at: number }[] = [];
let failing = new Set<string>();

const call = serviceClient(() => runtime.url);

async function subscriberWithWebhook(path: string, materials: string[]) {
  const subscriber = await call('POST', '/v1/subscribers', ADMIN, { name: `Replayer ${path}` });
  const key: string = subscriber.json.apiKey;
  const subscription = await call('POST', '/v1/subscriptions', key, {
    name: path,
    filters: { materials },
    webhook: { url: `${receiver.url}${path}` },
  });
  expect(subscription.status).toBe(201);
  return { key, id: subscription.json.id as string };
}

beforeAll(async () => {
  receiver = await startReceiver((request) => {
    arrivals.push({ path: request.path, at: Date.now() });
    return failing.has(request.path) ? 500 : 200;
  });
  runtime = await startLocalRuntime({
    env: {
      PORT: '0',
      ADMIN_API_KEY: ADMIN,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      RETRY_SCHEDULE: '10ms,10ms',
      // A short attempt timeout keeps the lease a duplicate message waits for short.
      WEBHOOK_TIMEOUT: '1s',
      DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
      TABLE_NAME: `replays-${randomUUID()}`,
      RATE_LIMIT: 'off',
      SCHEDULER_INTERVAL: '1h',
    },
    log: suiteLog,
  });
});

afterAll(async () => {
  await runtime?.stop();
  await receiver?.close();
});

describe('replay budget', () => {
  it('10 retries of a delivered delivery reach the receiver at most 4 times; the rest answer 429 with Retry-After', {
    timeout: 120_000,
  }, async () => {
    const { key, id } = await subscriberWithWebhook('/budget', ['gallium']);
    const ingest = await call(
      'POST',
      '/v1/policy-changes',
      ADMIN,
      policyChangeBody({ materials: ['gallium'] }),
    );
    expect(ingest.status).toBe(202);
    const delivery = await eventually('the first delivery', async () => {
      const page = await call('GET', `/v1/subscriptions/${id}/deliveries`, key);
      return page.json.items[0]?.status === 'delivered' ? page.json.items[0] : undefined;
    });

    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await call('POST', `/v1/deliveries/${delivery.id}/retry`, key);
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(res.json.type).toMatch(/\/replay-limit$/);
        const retryAfter = Number(res.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThan(3000);
        expect(retryAfter).toBeLessThanOrEqual(3600);
      }
    }
    expect(statuses).toEqual([202, 202, 202, 429, 429, 429, 429, 429, 429, 429]);
    await runtime.settled();
    // The first send and at most three replays (a replay queued while another is in flight may
    // find the delivery already delivered and send nothing).
    const sent = arrivals.filter((a) => a.path === '/budget').length;
    expect(sent).toBeGreaterThanOrEqual(2);
    expect(sent).toBeLessThanOrEqual(4);
  });

  it('concurrent retries cannot exceed the budget either', { timeout: 120_000 }, async () => {
    const { key, id } = await subscriberWithWebhook('/concurrent', ['antimony']);
    await call('POST', '/v1/policy-changes', ADMIN, policyChangeBody({ materials: ['antimony'] }));
    const delivery = await eventually('the first delivery', async () => {
      const page = await call('GET', `/v1/subscriptions/${id}/deliveries`, key);
      return page.json.items[0]?.status === 'delivered' ? page.json.items[0] : undefined;
    });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => call('POST', `/v1/deliveries/${delivery.id}/retry`, key)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    await runtime.settled();
    expect(arrivals.filter((a) => a.path === '/concurrent').length).toBeLessThanOrEqual(4);
  });
});

describe('recover', () => {
  it('five concurrent recovers give one 202 and 409s; the recovered deliveries arrive paced, not as a burst', {
    timeout: 180_000,
  }, async () => {
    const { key, id } = await subscriberWithWebhook('/outage', ['tungsten']);
    failing = new Set(['/outage']);
    const since = new Date(Date.now() - 1000).toISOString();
    for (let i = 0; i < 12; i++) {
      const res = await call(
        'POST',
        '/v1/policy-changes',
        ADMIN,
        policyChangeBody({ materials: ['tungsten'] }),
      );
      expect(res.status).toBe(202);
    }
    await eventually(
      '12 dead deliveries',
      async () => {
        const page = await call('GET', `/v1/subscriptions/${id}/deliveries?limit=100`, key);
        const dead = page.json.items.filter((d: { status: string }) => d.status === 'dead');
        return dead.length === 12 ? dead : undefined;
      },
      120_000,
    );
    await runtime.settled();
    failing = new Set();
    const before = arrivals.length;
    const started = Date.now();

    const results = await Promise.all(
      Array.from({ length: 5 }, () => call('POST', `/v1/subscriptions/${id}/recover`, key, { since })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([202, 409, 409, 409, 409]);
    const accepted = results.find((r) => r.status === 202);
    expect(accepted?.json).toMatchObject({ recovered: 12, skipped: 0 });
    for (const refused of results.filter((r) => r.status === 409)) {
      expect(refused.json.type).toMatch(/\/recovery-in-progress$/);
    }

    await eventually(
      'the recovered deliveries',
      async () =>
        arrivals.slice(before).filter((a) => a.path === '/outage').length >= 12 ? true : undefined,
      60_000,
    );
    await runtime.settled();
    const recovered = arrivals
      .slice(before)
      .filter((a) => a.path === '/outage')
      .map((a) => a.at);
    expect(recovered).toHaveLength(12);
    // One due every 100 ms: the last is not sent before 1.1 s have passed, and no second carries
    // more than about its share.
    expect(Math.max(...recovered) - started).toBeGreaterThanOrEqual(1100);
    for (const start of recovered) {
      expect(recovered.filter((at) => at >= start && at < start + 1000).length).toBeLessThanOrEqual(11);
    }

    // Once the last is due the recovery is over; a new one finds nothing left to send.
    const again = await call('POST', `/v1/subscriptions/${id}/recover`, key, { since });
    expect(again.status).toBe(202);
    expect(again.json.recovered).toBe(0);
  });
});
