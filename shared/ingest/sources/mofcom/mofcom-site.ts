/**
 * Fetching from the ministry's site as a browser would: a browser's User-Agent and the list as
 * Referer (the site answers 403 or 412 to requests without them, and to bursts), backing off on
 * 403, 412, 429, 5xx and network errors.
 */
import { FeedError, type FeedOptions, fetchWithRetries } from '../federal-register/federal-register-feed.js';

/** The ministry's site; tests and mirrors point `MOFCOM_URL` elsewhere. */
export const MOFCOM_URL = 'https://www.mofcom.gov.cn';
/** The announcement list ("政策发布"), newest first. */
export const LIST_PATH = '/zwgk/zcfb/';

/** Page 1 is the list itself, page n is `index_n.html` beside it. */
export function listPageUrl(baseUrl: string, page: number): string {
  return new URL(page === 1 ? LIST_PATH : `${LIST_PATH}index_${page}.html`, baseUrl).toString();
}

/** How the site is fetched: the Federal Register feed's options (fetch, sleep, attempts, waits). */
export type SiteOptions = FeedOptions;

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

/**
 * The bytes of one page of the site (the caller decodes them: the site serves UTF-8 and GBK).
 * Throws a `FeedError` naming the page after its attempts, at once on another 4xx, and a
 * `SitePageMissingError` on 404.
 */
export async function fetchSitePage(
  url: string,
  baseUrl: string,
  options: SiteOptions = {},
): Promise<Uint8Array> {
  const referer = new URL(LIST_PATH, baseUrl).toString();
  return fetchWithRetries(
    url,
    { headers: { ...BROWSER_HEADERS, referer } },
    async (response) => new Uint8Array(await response.arrayBuffer()),
    {
      retryable: (status) => BACK_OFF.has(status) || status >= 500,
      baseDelayMs: 2000,
      maxAttempts: 5,
      refused: (page, status) =>
        status === 404
          ? new SitePageMissingError(`${page} answered 404`)
          : new FeedError(`${page} answered ${status}`),
    },
    { maxWaitMs: 120_000, ...options },
  );
}
