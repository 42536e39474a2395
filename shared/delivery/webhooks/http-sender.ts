import type { LookupAddress } from 'node:dns';
import { lookup as systemLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { responseHeaderExcerpt } from '../../model/attempt-request.js';
import {
  checkWebhookUrl,
  isPublicAddress,
  unbracket,
  WebhookUrlError,
  type WebhookUrlPolicy,
} from './url-policy.js';

/** One webhook POST: the body is sent as exactly these bytes (it is what was signed). */
export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/**
 * What happened to one POST. `statusCode` is set once response headers arrived within the timeout
 * (3xx included: redirects are not followed); otherwise `error` says why and `errorKind` classifies it
 * (absent for failures that are none of the four, e.g. a header Node refuses to send).
 */
export interface WebhookResponse {
  statusCode?: number;
  durationMs: number;
  error?: string;
  errorKind?: 'timeout' | 'connection' | 'refused-address' | 'invalid-url';
  retryAfter?: string;
  excerpt?: string;
  /** The response headers, capped for the delivery log. */
  responseHeaders?: Record<string, string>;
}

/** Sends one webhook POST; never throws. */
export interface WebhookSender {
  send(request: WebhookRequest): Promise<WebhookResponse>;
}

export type WebhookLookup = (hostname: string) => Promise<{ address: string; family: number }[]>;

type Outcome = Omit<WebhookResponse, 'durationMs'>;

interface Target {
  url: URL;
  host: string;
  addresses: LookupAddress[];
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_EXCERPT_BYTES = 1024;
// Idle pooled sockets are closed after 4 s, before common servers' own keep-alive timeouts (Node's is
// 5 s), so a reused socket is rarely one the receiver is closing at that moment.
const AGENT_OPTIONS = { keepAlive: true, timeout: 4_000 };
// Set by this module, never by the caller: Host would also steer TLS SNI.
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);

/**
 * The production HTTP client for webhooks, on node:http/https rather than fetch so it can pin the
 * socket to a vetted address: the URL is checked, the host resolved once, every resolved address
 * checked (unless the policy allows private targets), and the connection made to exactly those
 * addresses through a per-request `lookup`. A DNS answer that changes between the check and the
 * connect (rebinding) therefore cannot redirect the request. Redirects are never followed. One
 * timeout covers DNS, connect and the response headers; at most `maxExcerptBytes` of the body are read.
 * Sockets are kept alive per sender instance for large fan-outs.
 */
export function createHttpSender(options: {
  policy: WebhookUrlPolicy;
  lookup?: WebhookLookup;
  maxExcerptBytes?: number;
}): WebhookSender {
  const { policy } = options;
  const resolve: WebhookLookup = options.lookup ?? ((hostname) => systemLookup(hostname, { all: true }));
  const maxExcerptBytes = Math.max(0, options.maxExcerptBytes ?? DEFAULT_EXCERPT_BYTES);
  const agents = { http: new http.Agent(AGENT_OPTIONS), https: new https.Agent(AGENT_OPTIONS) };

  async function vet(rawUrl: string, msLeft: number): Promise<Target | Outcome> {
    let url: URL;
    try {
      url = checkWebhookUrl(rawUrl, policy);
    } catch (error) {
      if (!(error instanceof WebhookUrlError)) throw error;
      return {
        error: error.message,
        errorKind: error.reason === 'private-address' ? 'refused-address' : 'invalid-url',
      };
    }
    const host = unbracket(url.hostname);
    const family = isIP(host);
    // An IP literal was vetted by checkWebhookUrl, and net connects to it without a lookup.
    if (family !== 0) return { url, host, addresses: [{ address: host, family }] };

    let answer: { value: { address: string }[] } | undefined;
    try {
      answer = await within(resolve(host), msLeft);
    } catch (error) {
      return { error: `DNS lookup of ${host} failed: ${describe(error)}`, errorKind: 'connection' };
    }
    if (answer === undefined) return { error: `DNS lookup of ${host} timed out`, errorKind: 'timeout' };
    const addresses = answer.value.map(({ address }) => ({ address, family: isIP(address) }));
    if (addresses.length === 0 || addresses.some((a) => a.family === 0)) {
      return { error: `DNS lookup of ${host} gave no usable address`, errorKind: 'connection' };
    }
    const refused = policy.allowPrivate ? undefined : addresses.find((a) => !isPublicAddress(a.address));
    if (refused) {
      return {
        error: `${host} resolves to ${refused.address}, not a public address`,
        errorKind: 'refused-address',
      };
    }
    return { url, host, addresses };
  }

  function exchange(target: Target, request: WebhookRequest, msLeft: number): Promise<Outcome> {
    return new Promise((settleOnce) => {
      let result: Outcome | undefined;
      let timer: NodeJS.Timeout | undefined;
      let timedOut = false;
      let response: Pick<Outcome, 'statusCode' | 'retryAfter' | 'responseHeaders'> | undefined;
      const chunks: Buffer[] = [];
      let size = 0;

      const settle = (outcome: Outcome) => {
        if (result) return;
        result = outcome;
        clearTimeout(timer);
        settleOnce(outcome);
      };
      const settleWithResponse = () =>
        settle({ ...response, excerpt: Buffer.concat(chunks).toString('utf8') });
      const settleWithoutResponse = (error: unknown) =>
        settle(
          timedOut
            ? { error: `no response within ${request.timeoutMs} ms`, errorKind: 'timeout' }
            : {
                error: `${describe(error)}${outgoing.reusedSocket ? ' (on a kept-alive connection)' : ''}`,
                errorKind: 'connection',
              },
        );

      const secure = target.url.protocol === 'https:';
      const outgoing = (secure ? https : http).request({
        host: target.host,
        port: target.url.port === '' ? undefined : Number(target.url.port),
        path: `${target.url.pathname}${target.url.search}`,
        method: 'POST',
        headers: outgoingHeaders(request),
        agent: secure ? agents.https : agents.http,
        lookup: pinnedLookup(target.addresses),
        // Certificates are checked against the host name even though the socket goes to a pinned IP.
        servername: secure && isIP(target.host) === 0 ? target.host : undefined,
      });
      outgoing.on('response', (res) => {
        const retryAfter = res.headers['retry-after'];
        response = {
          statusCode: res.statusCode,
          responseHeaders: responseHeaderExcerpt(res.headers),
          ...(retryAfter === undefined ? {} : { retryAfter }),
        };
        res.on('data', (chunk: Buffer) => {
          const room = maxExcerptBytes - size;
          if (room > 0) {
            chunks.push(chunk.subarray(0, room));
            size += Math.min(chunk.length, room);
          }
          if (size >= maxExcerptBytes) {
            // Enough for the delivery log; the rest of a large body is not worth the bandwidth.
            settleWithResponse();
            res.destroy();
          }
        });
        // The status counts once the headers are in; a body cut short (timeout, reset) only
        // shortens the excerpt.
        res.on('end', settleWithResponse);
        res.on('error', settleWithResponse);
        res.on('close', settleWithResponse);
        if (maxExcerptBytes === 0) {
          settleWithResponse();
          res.destroy();
        }
      });
      // A reset is a failed attempt like any other, even on a reused socket the receiver had just
      // closed: it is recorded, and the retry schedule sends it again. Sending it again here would
      // be a request nobody sees in the delivery log.
      outgoing.on('error', (error) => {
        if (response) settleWithResponse();
        else settleWithoutResponse(error);
      });
      outgoing.on('close', () =>
        response ? settleWithResponse() : settleWithoutResponse(new Error('connection closed')),
      );
      timer = setTimeout(() => {
        timedOut = true;
        outgoing.destroy(new Error('timeout'));
      }, msLeft);
      outgoing.end(request.body, 'utf8');
    });
  }

  return {
    async send(request) {
      const started = performance.now();
      const timeoutMs =
        Number.isFinite(request.timeoutMs) && request.timeoutMs > 0 ? request.timeoutMs : DEFAULT_TIMEOUT_MS;
      const msLeft = () => Math.max(0, started + timeoutMs - performance.now());
      let outcome: Outcome;
      try {
        const target = await vet(request.url, msLeft());
        if ('url' in target) {
          // Exactly one request per attempt: never a hidden second one.
          outcome = await exchange(target, { ...request, timeoutMs }, msLeft());
        } else {
          outcome = target;
        }
      } catch (error) {
        outcome = { error: describe(error) };
      }
      return { ...outcome, durationMs: performance.now() - started };
    },
  };
}

/** A `lookup` for net.connect that answers with the already-vetted addresses and nothing else. */
function pinnedLookup(addresses: readonly LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const first = addresses[0];
    if (options.all) callback(null, [...addresses]);
    else if (first) callback(null, first.address, first.family);
    else callback(new Error('no vetted address'), '');
  };
}

function outgoingHeaders(request: WebhookRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!RESERVED_HEADERS.has(name.toLowerCase())) headers[name] = value;
  }
  headers['content-length'] = String(Buffer.byteLength(request.body, 'utf8'));
  return headers;
}

/** Resolves to `{ value }`, or to undefined when `ms` pass first. */
async function within<T>(promise: Promise<T>, ms: number): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  try {
    return await Promise.race([promise.then((value) => ({ value })), expiry]);
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}
