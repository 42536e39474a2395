import { retryAfterMs } from '../import/api-sink.js';
import { type FederalRegisterDocument, parseFederalRegisterJson } from './federal-register-document.js';

/** The public API; tests and mirrors point `FEDERAL_REGISTER_URL` elsewhere. */
export const FEDERAL_REGISTER_URL = 'https://www.federalregister.gov';

/** The fields the tagger reads; asking only for them keeps pages small. */
const FIELDS = [
  'document_number',
  'title',
  'type',
  'subtype',
  'abstract',
  'action',
  'dates',
  'publication_date',
  'effective_on',
  'html_url',
  'agencies',
  'cfr_references',
];

/** The first page of documents published on or after `since` (`YYYY-MM-DD`), oldest first. */
export function firstPageUrl(baseUrl: string, since: string, perPage = 100): string {
  const url = new URL('/api/v1/documents.json', baseUrl);
  url.searchParams.set('per_page', String(perPage));
  url.searchParams.set('order', 'oldest');
  url.searchParams.set('conditions[publication_date][gte]', since);
  for (const field of FIELDS) url.searchParams.append('fields[]', field);
  return url.toString();
}

export interface FeedOptions {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Attempts per page on 429, 5xx, network errors and cut-off bodies. */
  maxAttempts?: number;
  maxWaitMs?: number;
  onRetry?: (url: string, attempt: number, why: string) => void;
}

export interface FeedPage {
  url: string;
  documents: FederalRegisterDocument[];
  invalid: { index: number; problem: string }[];
  nextPageUrl?: string;
}

/** The feed failed for good (after its retries): says which page and why. */
export class FeedError extends Error {
  override readonly name = 'FeedError';
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Fetches one page. A 429 or 503 waits as `Retry-After` says; other 5xx, network errors and bodies
 * that are not complete JSON (a connection cut mid-page) are retried with backoff.
 */
export async function fetchFeedPage(url: string, options: FeedOptions = {}): Promise<FeedPage> {
  return fetchWithRetries(
    url,
    { headers: { accept: 'application/json' } },
    async (response) => {
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new Error(`the body is not complete JSON (${text.length} characters)`);
      }
      return { url, ...parseFederalRegisterJson(json, url) };
    },
    { retryable: (status) => status === 429 || status >= 500, baseDelayMs: 250, maxAttempts: 6 },
    options,
  );
}

/** Which answers are worth another attempt, and how long the first wait is (it doubles after). */
export interface RetryPolicy {
  retryable: (status: number) => boolean;
  baseDelayMs: number;
  maxAttempts: number;
  /** The error for an answer not worth retrying; a `FeedError` naming the status by default. */
  refused?: (url: string, status: number) => FeedError;
}

/**
 * A GET retried as a source's site needs: `read` turns a 2xx into the result (anything it throws
 * but a `FeedError` is retried, e.g. a body cut off); a retryable status waits as `Retry-After`
 * says or backs off; any other status is refused at once.
 */
export async function fetchWithRetries<T>(
  url: string,
  init: RequestInit,
  read: (response: Response) => Promise<T>,
  policy: RetryPolicy,
  options: FeedOptions = {},
): Promise<T> {
  const get = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = options.maxAttempts ?? policy.maxAttempts;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  let why = '';
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let advised: number | undefined;
    try {
      const response = await get(url, init);
      if (response.ok) return await read(response);
      await response.body?.cancel();
      if (!policy.retryable(response.status)) {
        throw policy.refused?.(url, response.status) ?? new FeedError(`${url} answered ${response.status}`);
      }
      advised = retryAfterMs(response.headers.get('retry-after'));
      why = `${response.status}`;
    } catch (error) {
      if (error instanceof FeedError) throw error;
      why = (error as Error).message;
    }
    if (attempt === maxAttempts) break;
    options.onRetry?.(url, attempt, why);
    await sleep(Math.min(maxWaitMs, advised ?? policy.baseDelayMs * 2 ** (attempt - 1)));
  }
  throw new FeedError(`${url}: gave up after ${maxAttempts} attempts: ${why}`);
}
