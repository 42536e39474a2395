import { describe, expect, it } from 'vitest';
import {
  REQUEST_LIMITS,
  responseHeaderExcerpt,
  sentRequest,
  WEBHOOK_USER_AGENT,
} from '../../shared/model/attempt-request.js';
import { attemptViews, type DeliveryAttempt } from '../../shared/model/delivery.js';

const at = '2026-01-01T00:00:05.678Z';

describe('sentRequest: the request an attempt sent, rebuilt from its time, signature and the alert', () => {
  it('gives the Standard Webhooks headers as signed (unix seconds of the attempt) and the body with its size', () => {
    expect(sentRequest({ at, signature: 'v1,abc=' }, 'msg_1', '{"type":"x"}')).toEqual({
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'msg_1',
        'webhook-timestamp': '1767225605',
        'webhook-signature': 'v1,abc=',
        'user-agent': WEBHOOK_USER_AGENT,
      },
      body: '{"type":"x"}',
      bodyBytes: 12,
    });
  });

  it('cuts a body over 16 KB on a character boundary and marks it truncated, with the full size', () => {
    const payload = 'é'.repeat(REQUEST_LIMITS.bodyBytes); // two bytes each
    const request = sentRequest({ at, signature: 'v1,a=' }, 'msg_1', payload);
    expect(request.bodyTruncated).toBe(true);
    expect(request.bodyBytes).toBe(2 * REQUEST_LIMITS.bodyBytes);
    expect(request.body).toBe('é'.repeat(REQUEST_LIMITS.bodyBytes / 2));
  });

  it('leaves the body out when the alert is not at hand', () => {
    expect(Object.keys(sentRequest({ at, signature: 'v1,a=' }, 'msg_1', undefined))).toEqual(['headers']);
  });
});

describe('responseHeaderExcerpt', () => {
  it('keeps whole headers in order up to 512 bytes, joins repeated ones, drops cookies, credentials and connection headers', () => {
    const excerpt = responseHeaderExcerpt({
      'content-type': 'text/plain',
      connection: 'keep-alive',
      date: 'Sun, 06 Dec 2026 21:26:26 GMT',
      'set-cookie': ['a=1', 'b=2'],
      'x-auth-token': 'tok_9f8e7d',
      vary: ['accept', 'origin'],
      'x-big': 'y'.repeat(400),
      'x-after': 'kept',
      'x-too-much': 'z'.repeat(200),
    });
    expect(excerpt).toEqual({
      'content-type': 'text/plain',
      vary: 'accept, origin',
      'x-big': 'y'.repeat(REQUEST_LIMITS.headerValueChars),
      'x-after': 'kept',
    });
  });
});

describe('attemptViews', () => {
  it('shows each webhook attempt with its request and no stored signature field; leaves other attempts alone', () => {
    const webhook: DeliveryAttempt = { at, durationMs: 1, statusCode: 200, signature: 'v1,abc=' };
    const sms: DeliveryAttempt = { at, durationMs: 1 };
    const [first, second] = attemptViews({ webhookId: 'msg_1', attempts: [webhook, sms] }, '{}');
    expect(first).toEqual({
      at,
      durationMs: 1,
      statusCode: 200,
      request: sentRequest({ at, signature: 'v1,abc=' }, 'msg_1', '{}'),
    });
    expect(first).not.toHaveProperty('signature');
    expect(second).toEqual(sms);
  });
});
