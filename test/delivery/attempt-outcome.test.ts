import { describe, expect, it } from 'vitest';
import {
  type AttemptOutcome,
  classifyAttempt,
  defaultFloorMs,
  failureReason,
  type RetryPolicy,
} from '../../shared/delivery/retry/attempt-outcome.js';
import type { WebhookResponse } from '../../shared/delivery/webhooks/http-sender.js';

const SECOND = 1_000;
const HOUR = 3_600_000;
const NOW = new Date('2025-03-01T12:00:00.000Z');
// random() = 0.5 makes the +/-10% jitter exactly zero, so delays equal the schedule entries.
const POLICY: RetryPolicy = { schedule: [5_000, 300_000], floorMs: 30_000, random: () => 0.5 };

const status = (statusCode: number, extra: Partial<WebhookResponse> = {}): WebhookResponse => ({
  statusCode,
  durationMs: 12,
  ...extra,
});
const timeout: WebhookResponse = {
  durationMs: 200,
  error: 'no response within 200 ms',
  errorKind: 'timeout',
};
const refused: WebhookResponse = {
  durationMs: 3,
  error: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9',
  errorKind: 'connection',
};

describe('classifyAttempt', () => {
  it.each<[string, WebhookResponse, number, AttemptOutcome]>([
    ['200 is delivered', status(200), 1, { status: 'delivered' }],
    ['204 is delivered', status(204), 1, { status: 'delivered' }],
    ['299 is delivered', status(299), 1, { status: 'delivered' }],
    ['a 2xx on the last allowed attempt is still delivered', status(200), 3, { status: 'delivered' }],
    [
      '410 Gone is dead at once and disables the webhook',
      status(410),
      1,
      { status: 'dead', deadReason: 'receiver answered 410 Gone; webhook disabled', disableWebhook: true },
    ],
    [
      '410 Gone on the last attempt also disables the webhook',
      status(410),
      3,
      { status: 'dead', deadReason: 'receiver answered 410 Gone; webhook disabled', disableWebhook: true },
    ],
    [
      '500 after the first attempt waits the first schedule entry',
      status(500),
      1,
      { status: 'failed', retryInMs: 5_000 },
    ],
    [
      '500 after the second attempt waits the second entry',
      status(500),
      2,
      { status: 'failed', retryInMs: 300_000 },
    ],
    [
      '301 is a failure: redirects are not followed',
      status(301, { excerpt: '' }),
      1,
      { status: 'failed', retryInMs: 5_000 },
    ],
    ['304 is a failure too', status(304), 1, { status: 'failed', retryInMs: 5_000 }],
    ['300 is a failure: only 2xx is delivered', status(300), 1, { status: 'failed', retryInMs: 5_000 }],
    ['199 is a failure: below 2xx', status(199), 1, { status: 'failed', retryInMs: 5_000 }],
    ['100 is a failure', status(100), 1, { status: 'failed', retryInMs: 5_000 }],
    ['400 is retried on the schedule', status(400), 1, { status: 'failed', retryInMs: 5_000 }],
    [
      '429 with Retry-After: 120 waits 120 s',
      status(429, { retryAfter: '120' }),
      1,
      { status: 'failed', retryInMs: 120 * SECOND },
    ],
    [
      '429 with a short Retry-After still waits at least the floor',
      status(429, { retryAfter: '1' }),
      1,
      { status: 'failed', retryInMs: 30_000 },
    ],
    ['429 without Retry-After waits the floor', status(429), 1, { status: 'failed', retryInMs: 30_000 }],
    [
      '429 with Retry-After as an HTTP date',
      status(429, { retryAfter: 'Sat, 01 Mar 2025 12:10:00 GMT' }),
      1,
      { status: 'failed', retryInMs: 10 * 60 * SECOND },
    ],
    [
      '429 with an absurd Retry-After is clamped to 12 h',
      status(429, { retryAfter: String(7 * 24 * 3600) }),
      1,
      { status: 'failed', retryInMs: 12 * HOUR },
    ],
    [
      '503 with Retry-After: 60 waits 60 s',
      status(503, { retryAfter: '60' }),
      1,
      { status: 'failed', retryInMs: 60 * SECOND },
    ],
    [
      '503 with a Retry-After shorter than the schedule waits the schedule (no floor for 503)',
      status(503, { retryAfter: '1' }),
      1,
      { status: 'failed', retryInMs: 5_000 },
    ],
    [
      '503 with a malformed Retry-After falls back to the schedule',
      status(503, { retryAfter: 'soon' }),
      1,
      { status: 'failed', retryInMs: 5_000 },
    ],
    [
      'Retry-After on a 500 is ignored',
      status(500, { retryAfter: '3600' }),
      1,
      { status: 'failed', retryInMs: 5_000 },
    ],
    ['a timeout waits at least the floor', timeout, 1, { status: 'failed', retryInMs: 30_000 }],
    [
      'a timeout whose schedule entry exceeds the floor waits the entry',
      timeout,
      2,
      { status: 'failed', retryInMs: 300_000 },
    ],
    ['a refused connection waits the schedule, no floor', refused, 1, { status: 'failed', retryInMs: 5_000 }],
    [
      'the last attempt with a 500 is dead, naming the status and the attempts',
      status(500),
      3,
      { status: 'dead', deadReason: 'receiver answered HTTP 500; gave up after 3 attempts' },
    ],
    [
      'the last attempt with a timeout is dead, naming the error',
      timeout,
      3,
      { status: 'dead', deadReason: 'no response within 200 ms; gave up after 3 attempts' },
    ],
    [
      'the last attempt with a 429 is dead whatever Retry-After says',
      status(429, { retryAfter: '10' }),
      3,
      { status: 'dead', deadReason: 'receiver answered HTTP 429; gave up after 3 attempts' },
    ],
  ])('%s', (_name, response, attemptsMade, expected) => {
    expect(classifyAttempt(response, attemptsMade, POLICY, NOW)).toEqual(expected);
  });

  it('applies +/-10% jitter to schedule delays when random varies', () => {
    const low = classifyAttempt(status(500), 1, { ...POLICY, random: () => 0 }, NOW);
    const high = classifyAttempt(status(500), 1, { ...POLICY, random: () => 1 }, NOW);
    expect(low).toEqual({ status: 'failed', retryInMs: 4_500 });
    expect(high).toEqual({ status: 'failed', retryInMs: 5_500 });
  });

  it('with the default Math.random the delay stays within the jitter band', () => {
    const { random: _random, ...policy } = POLICY;
    for (let i = 0; i < 50; i++) {
      const outcome = classifyAttempt(status(500), 1, policy, NOW);
      expect(outcome.status).toBe('failed');
      expect(outcome.retryInMs).toBeGreaterThanOrEqual(4_500);
      expect(outcome.retryInMs).toBeLessThanOrEqual(5_500);
    }
  });

  it('an empty schedule makes the first failure final', () => {
    expect(classifyAttempt(status(502), 1, { schedule: [], floorMs: 0 }, NOW)).toEqual({
      status: 'dead',
      deadReason: 'receiver answered HTTP 502; gave up after 1 attempt',
    });
  });

  it('an error without a status or message is described as "no response"', () => {
    expect(classifyAttempt({ durationMs: 1 }, 3, POLICY, NOW)).toEqual({
      status: 'dead',
      deadReason: 'no response; gave up after 3 attempts',
    });
  });
});

describe('failureReason', () => {
  it.each<[WebhookResponse, string]>([
    [status(500), 'receiver answered HTTP 500'],
    [status(301), 'receiver answered HTTP 301'],
    [timeout, 'no response within 200 ms'],
    [refused, 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9'],
    [{ durationMs: 0 }, 'no response'],
  ])('%j -> %s', (response, reason) => {
    expect(failureReason(response)).toBe(reason);
  });
});

describe('defaultFloorMs', () => {
  it.each<[number[], number]>([
    [[5_000, 300_000, 1_800_000], 30_000],
    [[100, 200], 200],
    [[], 0],
  ])('%j -> %d', (schedule, floor) => {
    expect(defaultFloorMs(schedule)).toBe(floor);
  });
});
