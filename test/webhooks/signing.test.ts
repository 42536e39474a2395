import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  generateWebhookSecret,
  signWebhook,
  webhookHeaders,
  webhookSignatureHeader,
} from '../../shared/delivery/webhooks/signing.js';

// The published Standard Webhooks test vector.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  msgId: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
};
const VECTOR_SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

const nowSeconds = () => Math.floor(Date.now() / 1000);
const body = JSON.stringify({
  type: 'policy_change.published',
  timestamp: '2025-01-01T00:00:00.000Z',
  data: { alertId: 'alt_1', note: 'gallium — germanium ✓' },
});

describe('signWebhook', () => {
  it('reproduces the Standard Webhooks test vector', () => {
    expect(signWebhook(VECTOR)).toBe(VECTOR_SIGNATURE);
  });

  it.each([
    ['another id', { msgId: 'msg_other' }],
    ['another timestamp', { timestamp: VECTOR.timestamp + 1 }],
    ['another body', { body: '{"test":2432232314}' }],
    ['another secret', { secret: generateWebhookSecret() }],
  ])('changes with %s', (_name, change) => {
    expect(signWebhook({ ...VECTOR, ...change })).not.toBe(VECTOR_SIGNATURE);
  });

  it('accepts a secret without the whsec_ prefix, as the reference libraries do', () => {
    expect(signWebhook({ ...VECTOR, secret: VECTOR.secret.slice('whsec_'.length) })).toBe(VECTOR_SIGNATURE);
  });

  it.each([
    ['a secret that is not base64', { secret: 'whsec_not base64!' }],
    ['an empty secret', { secret: 'whsec_' }],
    ['a secret with a space inside', { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8I LPZIo2LaLaSw' }],
    ['an empty id', { msgId: '' }],
    ['an id with a newline', { msgId: 'msg_1\r\nx-evil: 1' }],
    ['a fractional timestamp', { timestamp: 1.5 }],
    ['a negative timestamp', { timestamp: -1 }],
  ])('refuses %s', (_name, change) => {
    expect(() => signWebhook({ ...VECTOR, ...change })).toThrow();
  });

  it('signs at the unix epoch: timestamp 0 is whole seconds', () => {
    expect(signWebhook({ ...VECTOR, timestamp: 0 })).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });
});

describe('webhookHeaders', () => {
  it('produces headers the standardwebhooks library verifies', () => {
    const secret = generateWebhookSecret();
    const timestamp = nowSeconds();
    const headers = webhookHeaders({ secrets: [secret], msgId: 'msg_abc', timestamp, body });

    expect(headers).toEqual({
      'content-type': 'application/json',
      'webhook-id': 'msg_abc',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]{43}=$/),
      'user-agent': 'MaterialAlerts-Webhooks/1.0',
    });
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('fails verification when the body is altered', () => {
    const secret = generateWebhookSecret();
    const headers = webhookHeaders({ secrets: [secret], msgId: 'msg_abc', timestamp: nowSeconds(), body });
    expect(() => new Webhook(secret).verify(body.replace('gallium', 'galliun'), headers)).toThrow();
  });

  it('during a rotation signs with both secrets so either one verifies', () => {
    const [oldSecret, newSecret] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = webhookHeaders({
      secrets: [oldSecret, newSecret],
      msgId: 'msg_rotate',
      timestamp: nowSeconds(),
      body,
    });

    expect(headers['webhook-signature']?.split(' ')).toHaveLength(2);
    for (const secret of [oldSecret, newSecret]) {
      expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    }
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
  });

  it('signature header keeps the order of the secrets', () => {
    const secrets = [VECTOR.secret, generateWebhookSecret()];
    const header = webhookSignatureHeader({ ...VECTOR, secrets });
    expect(header.split(' ')[0]).toBe(VECTOR_SIGNATURE);
  });

  it('refuses to sign with no secret at all', () => {
    expect(() => webhookSignatureHeader({ ...VECTOR, secrets: [] })).toThrow(/secret/);
  });
});

describe('generateWebhookSecret', () => {
  it.each([
    [undefined, 32],
    [24, 24],
    [48, 48],
    [64, 64],
  ])('with %s bytes gives whsec_ + base64 of %i random bytes', (bytes, expected) => {
    const secret = generateWebhookSecret(bytes);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(expected);
  });

  it('never repeats', () => {
    const secrets = new Set(Array.from({ length: 100 }, () => generateWebhookSecret()));
    expect(secrets.size).toBe(100);
  });

  it.each([0, 16, 23, 65, 32.5, Number.NaN])('refuses %s bytes', (bytes) => {
    expect(() => generateWebhookSecret(bytes)).toThrow(RangeError);
  });
});
