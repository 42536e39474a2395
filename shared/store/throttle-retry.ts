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

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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
  const sleep = options.sleep ?? wait;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !retryable(error)) throw error;
      await sleep(baseMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
    }
  }
}
