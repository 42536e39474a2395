/**
 * What the delivery log shows of the request an attempt sent and of the receiver's response
 * headers. A webhook attempt stores only what cannot be derived: the `webhook-signature` it sent
 * (an HMAC, not a secret). The other headers follow from the attempt's time and the delivery, and
 * the body is the alert's payload, stored once as the exact bytes signed; the view rebuilds the
 * request from them, so recording it costs the delivery item a few dozen bytes per attempt.
 */

/** The request an attempt sent, as the delivery log shows it. */
export interface AttemptRequest {
  headers: Record<string, string>;
  /** The body sent (the exact bytes signed), cut to `REQUEST_LIMITS.bodyBytes`; absent once the alert has expired. */
  body?: string;
  /** The size of the whole body in bytes. */
  bodyBytes?: number;
  /** Set when `body` holds only the start of what was sent. */
  bodyTruncated?: true;
}

/**
 * Caps: the body shown per attempt to 16 KB; the response headers kept to 512 bytes (whole
 * headers, each value at most 256 characters), as they are stored on every attempt.
 */
export const REQUEST_LIMITS = {
  bodyBytes: 16_384,
  responseHeaderBytes: 512,
  headerValueChars: 256,
} as const;

/** Response headers that may carry a credential or a session: never kept. */
const SECRET_HEADER = /authorization|cookie|secret|token|api-?key|password|credential/i;

/**
 * Headers about the connection rather than the receiver's answer (and `date`, which the attempt's
 * own time says): left out, since every byte kept is written again with each later attempt.
 */
const CONNECTION_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'date',
  'proxy-connection',
  'te',
  'trailer',
  'upgrade',
]);

/** The user agent of every webhook POST. */
export const WEBHOOK_USER_AGENT = 'MaterialAlerts-Webhooks/1.0';

/**
 * The request as the log shows it: the headers of a Standard Webhooks POST at `at` (unix seconds
 * in `webhook-timestamp`, as signed), with the body when the alert's payload is known.
 *
 * @example sentRequest({ at: '2026-01-01T00:00:00.000Z', signature: 'v1,…' }, 'msg_1', '{}').headers['webhook-timestamp'] // '1767225600'
 */
export function sentRequest(
  attempt: { at: string; signature: string },
  webhookId: string,
  payload: string | undefined,
): AttemptRequest {
  const request: AttemptRequest = {
    headers: {
      'content-type': 'application/json',
      'webhook-id': webhookId,
      'webhook-timestamp': String(Math.floor(Date.parse(attempt.at) / 1000)),
      'webhook-signature': attempt.signature,
      'user-agent': WEBHOOK_USER_AGENT,
    },
  };
  if (payload === undefined) return request;
  const body = truncateUtf8(payload, REQUEST_LIMITS.bodyBytes);
  return {
    ...request,
    body,
    bodyBytes: Buffer.byteLength(payload, 'utf8'),
    ...(body.length < payload.length ? { bodyTruncated: true as const } : {}),
  };
}

/**
 * The receiver's response headers, as far as they fit in `REQUEST_LIMITS.responseHeaderBytes`
 * (whole headers only, in the order received), credentials, cookies and connection headers left out.
 */
export function responseHeaderExcerpt(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, string> {
  const excerpt: Record<string, string> = {};
  let used = 0;
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined || SECRET_HEADER.test(name) || CONNECTION_HEADERS.has(name.toLowerCase())) continue;
    const value = (Array.isArray(raw) ? raw.join(', ') : raw).slice(0, REQUEST_LIMITS.headerValueChars);
    const size = name.length + value.length + 4;
    if (used + size > REQUEST_LIMITS.responseHeaderBytes) break;
    excerpt[name] = value;
    used += size;
  }
  return excerpt;
}

/** `text` cut to `maxBytes` of UTF-8, never splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  // Decoding a cut sequence leaves U+FFFD at the end: drop it rather than store a broken character.
  return bytes
    .subarray(0, maxBytes)
    .toString('utf8')
    .replace(/\uFFFD+$/, '');
}
