import { beforeAll, describe, expect, it } from 'vitest';
import { parseRateLimit, RateLimiter } from '../../shared/api/rate-limit.js';
import { newId } from '../../shared/kernel/ids.js';
import { buildAlert } from '../../shared/matching/build-alert.js';
import { ATTEMPT_LIMITS, boundedAttempt } from '../../shared/model/delivery.js';
import { ConfigError, loadConfig } from '../../shared/wiring/config.js';
import { createHarness, expectProblem, newIngestKey, newSubscriber } from '../api/support.js';
import { policyChangeFixture, T0 } from '../store/fixtures.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';

describe('RATE_LIMIT', () => {
  it.each([
    ['20/s burst 40', { rate: 20, burst: 40 }],
    ['600/m', { rate: 10, burst: 10 }],
    ['3600/h burst 5', { rate: 1, burst: 5 }],
    ['1/m', { rate: 1 / 60, burst: 1 }],
    [' 5 / s  burst 9 ', { rate: 5, burst: 9 }],
  ])('parses %s', (text, expected) => {
    expect(parseRateLimit(text)).toEqual(expected);
  });

  it.each(['off', 'none', 'OFF'])('%s turns the limit off', (text) => {
    expect(parseRateLimit(text)).toBeUndefined();
  });

  it.each(['fast', '0/s', '10', '10/d', '10/s burst 0', '-1/s'])(
    'refuses %s, naming the variable',
    (text) => {
      expect(() => loadConfig({ RATE_LIMIT: text }, { local: false })).toThrow(ConfigError);
      expect(() => loadConfig({ RATE_LIMIT: text }, { local: false })).toThrow(/RATE_LIMIT/);
    },
  );

  it('defaults to 20/s with bursts of 40, and 100 subscriptions per subscriber', () => {
    const config = loadConfig({}, { local: false });
    expect(config.rateLimit).toEqual({ rate: 20, burst: 40 });
    expect(config.maxSubscriptionsPerSubscriber).toBe(100);
    expect(config.catalogueCacheTtlMs).toBe(5_000);
  });
});

describe('RateLimiter (token bucket per key)', () => {
  it('allows a burst, then one request per 1/rate seconds, and says when to come back', () => {
    let now = 0;
    const limiter = new RateLimiter({ rate: 2, burst: 3 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('k').allowed)).toEqual([true, true, true]);
    expect(limiter.take('k')).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
    now = 499;
    expect(limiter.take('k').allowed).toBe(false);
    now = 500;
    expect(limiter.take('k').allowed).toBe(true);
    now = 10_000;
    expect(limiter.take('k').remaining).toBe(2);
  });

  it('keeps keys apart', () => {
    const limiter = new RateLimiter({ rate: 1, burst: 1 }, () => 0);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('rounds Retry-After up to whole seconds for slow rates', () => {
    const limiter = new RateLimiter({ rate: 1 / 60, burst: 1 }, () => 0);
    limiter.take('k');
    expect(limiter.take('k').retryAfterSeconds).toBe(60);
  });
});

describe('rate limiting at the API', () => {
  it('answers 429 with Retry-After once a key spends its burst; other keys and the catalogue go on', async () => {
    const h = await createHarness({ limits: { rateLimit: { rate: 1 / 3600, burst: 3 } } });
    const owner = await newSubscriber(h.http, 'Busy GmbH');
    for (let i = 0; i < 3; i++) {
      const ok = await h.http.get('/v1/subscriptions', owner.key);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('ratelimit-remaining')).toBe(String(2 - i));
    }
    const limited = await h.http.get('/v1/subscriptions', owner.key);
    expectProblem(limited, 429, 'rate-limited');
    expect(limited.headers.get('retry-after')).toBe('3600');
    expect(limited.json.detail).toMatch(/bursts of 3/);

    expect((await h.http.get('/v1/subscriptions', (await newSubscriber(h.http, 'Calm AG')).key)).status).toBe(
      200,
    );
    expect((await h.http.get('/v1/materials')).status).toBe(200);
    // No key, no bucket: authentication answers first.
    expectProblem(await h.http.get('/v1/subscriptions'), 401);
  });

  it('charges a request once, even where two middleware prefixes match its path', async () => {
    const h = await createHarness({ limits: { rateLimit: { rate: 1 / 3600, burst: 2 } } });
    const ingest = await newIngestKey(h.http);
    expect((await h.http.get('/v1/policy-changes/pc_x', ingest)).status).toBe(404);
    expect((await h.http.get('/v1/policy-changes/pc_x', ingest)).status).toBe(404);
    expectProblem(await h.http.get('/v1/policy-changes/pc_x', ingest), 429);
  });
});

describe('recorded response excerpts', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable();
  });

  it('boundedAttempt keeps at most 1024 bytes of excerpt without splitting a character, and a short error', () => {
    const bounded = boundedAttempt({
      at: T0.toISOString(),
      durationMs: 1,
      excerpt: `${'a'.repeat(1023)}€€€`,
      error: 'e'.repeat(5_000),
    });
    expect(Buffer.byteLength(bounded.excerpt ?? '')).toBeLessThanOrEqual(ATTEMPT_LIMITS.excerptBytes);
    expect(bounded.excerpt).toBe('a'.repeat(1023));
    expect(bounded.error?.length).toBe(ATTEMPT_LIMITS.errorChars);
  });

  it('the store enforces the cap on every attempt it records, whoever produced it', async () => {
    // Dated now: an alert dated long ago would be past its retention and read as gone.
    const now = new Date();
    const alert = buildAlert({
      change: policyChangeFixture(),
      subscriptionId: newId('sub'),
      subscriberId: 'sbr_acme',
      type: 'policy_change.published',
      match: { materials: [{ change: 'dysprosium', filter: 'rare-earths' }] },
      now,
    });
    const [delivery] = (await table.deliveries.createAlert(alert, ['webhook'])).toSend;
    if (!delivery) throw new Error('no delivery');
    const stored = await table.deliveries.recordAttempt(
      delivery,
      { at: now.toISOString(), durationMs: 5, statusCode: 500, excerpt: 'x'.repeat(100_000) },
      { status: 'failed', nextAttemptAt: now.toISOString() },
    );
    expect(stored?.attempts[0]?.excerpt).toHaveLength(1024);
    expect((await table.deliveries.getDelivery(delivery.id))?.attempts[0]?.excerpt).toHaveLength(1024);
  });
});
