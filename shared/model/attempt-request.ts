/**
 * What an attempt keeps of the request it sent and of the receiver's response headers, for the
 * delivery log: enough to debug a receiver, never a secret, and small enough that a delivery with
 * many attempts stays far below DynamoDB's 400 KB item limit.
 */

/** The request an attempt sent, as the delivery log shows it. */
export interface AttemptRequest {
  headers: Record<string, string>;
  /**
   * The body sent (the exact bytes signed), cut to `REQUEST_LIMITS.bodyBytes`. Stored on the first
   * attempt of a delivery only: every attempt sends the same bytes, and the view fills it in.
   */
  body?: string;
  /** The size of the whole body in bytes. */
  bodyBytes: number;
  /** Set when `body` holds only the start of what was sent. */
  bodyTruncated?: true;
}

/**
 * Caps: 16 KB of body (stored once per delivery), 20 headers of at most 512 characters each,
 * response headers to 2 KB.
 */
export const REQUEST_LIMITS = {
  bodyBytes: 16_384,
  headerCount: 20,
  headerValueChars: 512,
  responseHeaderBytes: 2048,
} as const;

/**
 * Header names that may carry a credential. None is sent today (`webhook-signature` is an HMAC,
 * not a secret), but a header added later must not end up in the log by default.
 */
const SECRET_HEADER = /authorization|cookie|secret|token|api-?key|password|credential/i;

/**
 * The request as the log keeps it: headers without credentials, and the body (cut on a
 * character boundary) when `withBody`.
 *
 * @example recordedRequest({ 'webhook-id': 'msg_1' }, '{}', { withBody: true })
 * // { headers: { 'webhook-id': 'msg_1' }, body: '{}', bodyBytes: 2 }
 */
export function recordedRequest(
  headers: Readonly<Record<string, string>>,
  body: string,
  options: { withBody: boolean },
): AttemptRequest {
  const bodyBytes = Buffer.byteLength(body, 'utf8');
  const request: AttemptRequest = { headers: keptHeaders(headers), bodyBytes };
  if (!options.withBody) return request;
  const kept = truncateUtf8(body, REQUEST_LIMITS.bodyBytes);
  request.body = kept;
  if (kept.length < body.length) request.bodyTruncated = true;
  return request;
}

/** A recorded request brought back within the caps, whatever wrote it. */
export function boundedRequest(request: AttemptRequest): AttemptRequest {
  const bounded: AttemptRequest = { headers: keptHeaders(request.headers), bodyBytes: request.bodyBytes };
  if (request.body !== undefined) {
    bounded.body = truncateUtf8(request.body, REQUEST_LIMITS.bodyBytes);
    if (request.bodyTruncated || bounded.body.length < request.body.length) bounded.bodyTruncated = true;
  }
  return bounded;
}

/**
 * The receiver's response headers, as far as they fit in `REQUEST_LIMITS.responseHeaderBytes`
 * (whole headers only, in the order received), credentials left out.
 */
export function responseHeaderExcerpt(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, string> {
  const excerpt: Record<string, string> = {};
  let used = 0;
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined || SECRET_HEADER.test(name) || name.toLowerCase() === 'set-cookie') continue;
    const value = (Array.isArray(raw) ? raw.join(', ') : raw).slice(0, REQUEST_LIMITS.headerValueChars);
    const size = name.length + value.length + 4;
    if (used + size > REQUEST_LIMITS.responseHeaderBytes) break;
    excerpt[name] = value;
    used += size;
  }
  return excerpt;
}

function keptHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers).slice(0, REQUEST_LIMITS.headerCount)) {
    if (!SECRET_HEADER.test(name)) kept[name] = value.slice(0, REQUEST_LIMITS.headerValueChars);
  }
  return kept;
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
