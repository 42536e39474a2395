import { createHmac, randomBytes } from 'node:crypto';
import { WEBHOOK_USER_AGENT } from '../../model/attempt-request.js';

/** Standard Webhooks secret prefix; receivers' libraries strip it before base64-decoding. */
const SECRET_PREFIX = 'whsec_';
const MIN_SECRET_BYTES = 24;
const MAX_SECRET_BYTES = 64;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// The id travels in a header and inside the signed string: visible ASCII only, so it cannot split headers.
const MESSAGE_ID = /^[\x21-\x7e]+$/;

export { WEBHOOK_USER_AGENT };

/** What is signed: one message id, its unix-seconds timestamp and the exact body bytes that are sent. */
export interface SignatureInput {
  msgId: string;
  timestamp: number;
  body: string;
}

/** A fresh signing secret: `whsec_` + base64 of `bytes` random bytes (default 32, 24..64 allowed). */
export function generateWebhookSecret(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < MIN_SECRET_BYTES || bytes > MAX_SECRET_BYTES) {
    throw new RangeError(
      `secret size must be an integer from ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} bytes`,
    );
  }
  return SECRET_PREFIX + randomBytes(bytes).toString('base64');
}

/** `v1,<base64 HMAC-SHA256 of "msgId.timestamp.body">` keyed with the decoded secret. */
export function signWebhook(input: SignatureInput & { secret: string }): string {
  const { msgId, timestamp, body } = checkInput(input);
  const mac = createHmac('sha256', secretKey(input.secret))
    .update(`${msgId}.${timestamp}.${body}`, 'utf8')
    .digest('base64');
  return `v1,${mac}`;
}

/**
 * The `webhook-signature` value: one signature per live secret, space-separated, so receivers keep
 * verifying with either the old or the new secret while a rotation is in its grace period.
 */
export function webhookSignatureHeader(input: SignatureInput & { secrets: readonly string[] }): string {
  if (input.secrets.length === 0) throw new TypeError('at least one webhook secret is required');
  return input.secrets.map((secret) => signWebhook({ ...input, secret })).join(' ');
}

/** Every header of a webhook POST: content type, Standard Webhooks id/timestamp/signature, user agent. */
export function webhookHeaders(
  input: SignatureInput & { secrets: readonly string[] },
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': input.msgId,
    'webhook-timestamp': String(input.timestamp),
    'webhook-signature': webhookSignatureHeader(input),
    'user-agent': WEBHOOK_USER_AGENT,
  };
}

function checkInput(input: SignatureInput): SignatureInput {
  if (!MESSAGE_ID.test(input.msgId))
    throw new TypeError('webhook message id must be non-empty visible ASCII');
  if (!Number.isSafeInteger(input.timestamp) || input.timestamp < 0) {
    throw new RangeError('webhook timestamp must be whole unix seconds');
  }
  return input;
}

function secretKey(secret: string): Buffer {
  // The prefix is optional, as in the reference libraries; Buffer.from would silently skip bad characters.
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  if (!BASE64.test(encoded)) throw new TypeError('webhook secret is not base64');
  return Buffer.from(encoded, 'base64');
}
