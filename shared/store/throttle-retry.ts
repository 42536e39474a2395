/**
 * How the store waits and tries again when the table throttles a write or another writer wins it:
 * the table's own backoff, not the delivery retry policy (that is `shared/delivery/retry/`).
 */
import { writeFailure } from './write-failure.js';

export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts?: number;
  /** The first wait; each further one doubles, with full jitter between half and 1.5 times. */
  baseMs?: number;
  /** Which errors are worth another try; by default throttling and write conflicts. */
  retryable?: (error: unknown) => boolean;
  sleep?: (ms: number) => Promise<void>;
}

/** Waits `ms` milliseconds. */
export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The wait before try `attempt + 1` after throttling or a conflict: `baseMs` doubled per try
 * (at most `maxDoublings` times), with full jitter between half and 1.5 times, so writers that
 * collided do not collide again.
 */
export function backoffMs(attempt: number, baseMs: number, maxDoublings = Number.POSITIVE_INFINITY): number {
  return baseMs * 2 ** Math.min(attempt - 1, maxDoublings) * (0.5 + Math.random());
}

/**
 * The wait before reading an item again after losing a versioned write to another writer: short,
 * since the winner is done, and longer with each conflict in a row, so contenders spread out.
 */
export function contentionPauseMs(conflicts: number): number {
  return 5 + Math.random() * 20 * (conflicts + 1);
}

/**
 * Runs `work` again after throttling or a conflicting writer, backing off exponentially. The SDK
 * retries a throttled single-item call itself but not a cancelled transaction, and not the
 * unprocessed part of a batch: those come through here. Any other error is thrown at once; the
 * last retryable one is thrown when the attempts run out.
 *
 * @example
 * await withRetry(() => doc.send(new TransactWriteCommand(input)));
 */
export async function withRetry<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 6;
  const baseMs = options.baseMs ?? 25;
  const retryable = options.retryable ?? ((error: unknown) => writeFailure(error).kind === 'retryable');
  const sleep = options.sleep ?? pause;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !retryable(error)) throw error;
      await sleep(backoffMs(attempt, baseMs));
    }
  }
}
