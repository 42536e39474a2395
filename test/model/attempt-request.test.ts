import { describe, expect, it } from 'vitest';
import {
  boundedRequest,
  REQUEST_LIMITS,
  recordedRequest,
  responseHeaderExcerpt,
} from '../../shared/model/attempt-request.js';
import { attemptsWithBodies, boundedAttempt, type DeliveryAttempt } from '../../shared/model/delivery.js';

const sent = {
  'content-type': 'application/json',
  'webhook-id': 'msg_1',
  'webhook-timestamp': '1700000000',
  'webhook-signature': 'v1,abc=',
  'user-agent': 'MaterialAlerts-Webhooks/1.0',
};

describe('recordedRequest: what an attempt keeps of the request it sent', () => {
  it('keeps the Standard Webhooks headers (the signature is not a secret) and the body with its size', () => {
    expect(recordedRequest(sent, '{"type":"x"}', { withBody: true })).toEqual({
      headers: sent,
      body: '{"type":"x"}',
      bodyBytes: 12,
    });
  });

  it.each([
    ['authorization', 'Bearer ma_sub_secret'],
    ['x-api-key', 'ma_sub_secret'],
    ['x-webhook-secret', 'whsec_abc'],
    ['cookie', 'session=1'],
    ['x-auth-token', 'tok_9f8e7d'],
  ])('never keeps a credential header (%s)', (name, value) => {
    const request = recordedRequest({ ...sent, [name]: value }, '{}', { withBody: true });
    expect(request.headers).toEqual(sent);
    expect(JSON.stringify(request)).not.toContain(value);
  });

  it('cuts a body over 16 KB on a character boundary and marks it truncated, with the full size', () => {
    const body = 'é'.repeat(REQUEST_LIMITS.bodyBytes); // two bytes each
    const request = recordedRequest(sent, body, { withBody: true });
    expect(request.bodyTruncated).toBe(true);
    expect(request.bodyBytes).toBe(2 * REQUEST_LIMITS.bodyBytes);
    expect(request.body).toBe('é'.repeat(REQUEST_LIMITS.bodyBytes / 2));
  });

  it('leaves the body out when asked (a later attempt of the same delivery)', () => {
    expect(recordedRequest(sent, '{"a":1}', { withBody: false })).toEqual({ headers: sent, bodyBytes: 7 });
  });

  it('is brought back within the caps by the store, whatever wrote it', () => {
    const attempt: DeliveryAttempt = {
      at: '2026-01-01T00:00:00.000Z',
      durationMs: 3,
      request: {
        headers: { authorization: 'Bearer x', 'webhook-id': 'msg_1' },
        body: 'x'.repeat(20_000),
        bodyBytes: 20_000,
      },
    };
    expect(boundedAttempt(attempt).request).toEqual({
      headers: { 'webhook-id': 'msg_1' },
      body: 'x'.repeat(REQUEST_LIMITS.bodyBytes),
      bodyBytes: 20_000,
      bodyTruncated: true,
    });
    expect(boundedRequest({ headers: {}, bodyBytes: 0 })).toEqual({ headers: {}, bodyBytes: 0 });
  });
});

describe('responseHeaderExcerpt', () => {
  it('keeps whole headers in order up to 2 KB, joins repeated ones, drops cookies and credentials', () => {
    const excerpt = responseHeaderExcerpt({
      'content-type': 'text/plain',
      'set-cookie': ['a=1', 'b=2'],
      vary: ['accept', 'origin'],
      'x-big': 'y'.repeat(1500),
      'x-too-much': 'z'.repeat(600),
      'x-after': 'kept',
    });
    expect(excerpt).toEqual({
      'content-type': 'text/plain',
      vary: 'accept, origin',
      'x-big': 'y'.repeat(REQUEST_LIMITS.headerValueChars),
      'x-too-much': 'z'.repeat(REQUEST_LIMITS.headerValueChars),
      'x-after': 'kept',
    });
    const oversized = responseHeaderExcerpt(
      Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`x-h${i}`, 'v'.repeat(400)])),
    );
    expect(Object.keys(oversized)).toEqual(['x-h0', 'x-h1', 'x-h2', 'x-h3', 'x-h4']);
  });
});

describe('attemptsWithBodies: the log shows every attempt with the body the delivery sent', () => {
  it('fills the first attempt body into later attempts, and leaves attempts without a request alone', () => {
    const first: DeliveryAttempt = {
      at: 't1',
      durationMs: 1,
      request: { headers: sent, body: '{}', bodyBytes: 2 },
    };
    const later: DeliveryAttempt = { at: 't2', durationMs: 1, request: { headers: sent, bodyBytes: 2 } };
    const sms: DeliveryAttempt = { at: 't3', durationMs: 1 };
    expect(attemptsWithBodies([first, later, sms])).toEqual([
      first,
      { ...later, request: { headers: sent, body: '{}', bodyBytes: 2 } },
      sms,
    ]);
    expect(attemptsWithBodies([later])).toEqual([later]);
  });
});
