import { BatchResponseSchema } from '../../ingest-batch.js';
import type { PolicyChangeSink } from './import-run.js';

/** The API refused the import as a whole (bad key, unreachable after retries); says why. */
export class ImportApiError extends Error {
  override readonly name = 'ImportApiError';
}

export interface HttpSinkOptions {
  /** `MA_API_URL`, e.g. `http://127.0.0.1:3000` or the deployed API's URL. */
  baseUrl: string;
  /** `MA_API_KEY`: an admin or ingest key. */
  apiKey: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Attempts per request on 429, 503, other 5xx and network errors. */
  maxAttempts?: number;
  /**
   * Attempts before the import gives up on a service it has never reached (nothing listening, a
   * wrong `MA_API_URL`): a few seconds, not the minutes a service that answered once is given.
   */
  firstContactAttempts?: number;
  /** The longest wait honoured from `Retry-After`. */
  maxWaitMs?: number;
  onWait?: (ms: number, why: string) => void;
}

/** Waits from a `Retry-After` header (seconds or an HTTP date), if there is one. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends batches to `POST /v1/policy-changes/batch`. 429 and 503 wait as `Retry-After` says (at
 * most `maxWaitMs`), other 5xx and network errors back off exponentially; a batch is safe to resend
 * because ingestion is idempotent. A 4xx other than 429 stops the import with the API's own detail.
 */
export function httpSink(options: HttpSinkOptions): PolicyChangeSink {
  const send = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const maxAttempts = options.maxAttempts ?? 8;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const firstContactAttempts = options.firstContactAttempts ?? 3;
  let reached = false;
  const url = new URL('/v1/policy-changes/batch', options.baseUrl).toString();
  return {
    async ingest(bodies) {
      let lastProblem = '';
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        let response: Response;
        try {
          response = await send(url, {
            method: 'POST',
            headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({ items: bodies }),
          });
        } catch (error) {
          lastProblem = `cannot reach ${options.baseUrl}: ${networkReason(error)}`;
          if (!reached && attempt >= firstContactAttempts) {
            throw new ImportApiError(
              `${lastProblem}. Is the service running (npm start)? MA_API_URL names where it listens.`,
            );
          }
          await wait(Math.min(maxWaitMs, 500 * 2 ** (attempt - 1)), lastProblem);
          continue;
        }
        reached = true;
        if (response.ok) {
          const parsed = BatchResponseSchema.safeParse(await response.json().catch(() => undefined));
          if (!parsed.success)
            throw new ImportApiError(`${url} answered ${response.status} with an unexpected body`);
          return parsed.data.results;
        }
        const text = await response.text().catch(() => '');
        lastProblem = `${response.status} ${problemDetail(text)}`;
        if (response.status === 429 || response.status >= 500) {
          const advised = retryAfterMs(response.headers.get('retry-after'));
          await wait(Math.min(maxWaitMs, advised ?? 500 * 2 ** (attempt - 1)), lastProblem);
          continue;
        }
        throw new ImportApiError(`the API refused the batch: ${lastProblem}`);
      }
      throw new ImportApiError(
        `the API did not accept the batch after ${maxAttempts} attempts: ${lastProblem}`,
      );
    },
  };

  async function wait(ms: number, why: string) {
    options.onWait?.(ms, why);
    await sleep(ms);
  }
}

function problemDetail(text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object' && 'detail' in body && typeof body.detail === 'string')
      return body.detail;
  } catch {
    // not problem+json: fall through to the raw text
  }
  return text.slice(0, 200);
}

/** Why a request never got an answer, with the system's code (ECONNREFUSED) when there is one. */
function networkReason(error: unknown): string {
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${message} (${code})` : message;
}
