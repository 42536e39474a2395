/**
 * Fetching from the ministry's site as a browser would: a browser's User-Agent and the list as
 * Referer (the site answers 403 or 412 to requests without them, and to bursts), backing off on
 * 403, 412, 429, 5xx and network errors.
 */
import { FeedError } from '../federal-register/federal-register-feed.js';
import { retryAfterMs } from '../import/api-sink.js';

/** The ministry's site; tests and mirrors point `MOFCOM_URL` elsewhere. */
export const MOFCOM_URL = 'https://www.mofcom.gov.cn';
/** The announcement list ("政策发布"), newest first. */
export const LIST_PATH = '/zwgk/zcfb/';

/** Page 1 is the list itself, page n is `index_n.html` beside it. */
export function listPageUrl(baseUrl: string, page: number): string {
  return new URL(page === 1 ? LIST_PATH : `${LIST_PATH}index_${page}.html`, baseUrl).toString();
}

export interface SiteOptions {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  maxAttempts?: number;
  maxWaitMs?: number;
  onRetry?: (url: string, attempt: number, why: string) => void;
}

const BROWSER_HEADERS = {
  'user-agent':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  accept: 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8',
  'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
};

/** Statuses the site uses to turn away a client it thinks too fast: wait and try again. */
const BACK_OFF = new Set([403, 412, 429]);

/** The page is not there (404): past the last page of the list, or an article taken down. */
export class SitePageMissingError extends FeedError {
  readonly missing = true;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The bytes of one page of the site (the caller decodes them: the site serves UTF-8 and GBK).
 * Throws a `FeedError` naming the page after its attempts, or at once on another 4xx.
 */
export async function fetchSitePage(
  url: string,
  baseUrl: string,
  options: SiteOptions = {},
): Promise<Uint8Array> {
  const get = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = options.maxAttempts ?? 5;
  const maxWaitMs = options.maxWaitMs ?? 120_000;
  const referer = new URL(LIST_PATH, baseUrl).toString();
  let why = '';
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let advised: number | undefined;
    try {
      const response = await get(url, { headers: { ...BROWSER_HEADERS, referer } });
      if (response.ok) return new Uint8Array(await response.arrayBuffer());
      await response.body?.cancel();
      if (response.status === 404) throw new SitePageMissingError(`${url} answered 404`);
      if (!BACK_OFF.has(response.status) && response.status < 500)
        throw new FeedError(`${url} answered ${response.status}`);
      advised = retryAfterMs(response.headers.get('retry-after'));
      why = `${response.status}`;
    } catch (error) {
      if (error instanceof FeedError) throw error;
      why = error instanceof Error ? error.message : String(error);
    }
    if (attempt === maxAttempts) break;
    options.onRetry?.(url, attempt, why);
    await sleep(Math.min(maxWaitMs, advised ?? 2000 * 2 ** (attempt - 1)));
  }
  throw new FeedError(`${url}: gave up after ${maxAttempts} attempts: ${why}`);
}
