import { type DurationSyntax, parseDuration } from '../../kernel/duration.js';

/**
 * Delays in ms before each retry. The first attempt is immediate, so this gives 8 attempts in all:
 * now, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.
 */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = Object.freeze([
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
]);

// Retries ride on the SQS visibility timeout, which cannot exceed 12 hours.
const MAX_RETRY_AFTER_MS = 12 * 60 * 60 * 1000;
const JITTER = 0.1;
/** A retry delay: fractions allowed (`1.5s`), a unit required, days not (SQS caps a delay at 12 h). */
const RETRY_DELAY: DurationSyntax = { fractions: true, units: ['ms', 's', 'm', 'h'] };
const DELTA_SECONDS = /^\d+$/;
// IMF-fixdate, RFC 850 and asctime all start with a day name; checking it keeps Date.parse's
// lenient guesses (it reads "-5" or "12" as dates) out of the way.
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /;

/** A retry schedule that could not be parsed; `text` is the offending item. */
export class RetryScheduleError extends Error {
  readonly text: string;

  constructor(text: string, message: string) {
    super(message);
    this.name = 'RetryScheduleError';
    this.text = text;
  }
}

/**
 * Parses `RETRY_SCHEDULE`, e.g. `100ms,200ms,5s,5m,2h`, into ms delays; undefined or blank gives the
 * default schedule.
 */
export function parseRetrySchedule(text: string | undefined): readonly number[] {
  if (text === undefined || text.trim() === '') return DEFAULT_RETRY_SCHEDULE;
  return Object.freeze(
    text.split(',').map((raw) => {
      const item = raw.trim();
      const delay = parseDuration(item, RETRY_DELAY);
      if (delay === undefined) {
        throw new RetryScheduleError(
          item,
          `bad retry delay "${item}" in "${text}": expected a number with ms, s, m or h, e.g. 5s`,
        );
      }
      return delay;
    }),
  );
}

/**
 * The delay in ms before the next attempt, after `attemptsMade` attempts (so 1 after the first try),
 * or undefined when the schedule is exhausted.
 *
 * The schedule entry gets +/-10% jitter so retries of a fan-out do not arrive together. A server's
 * Retry-After is honoured (the delay is never shorter) but capped at max(entry, 12 h). `floorMs`
 * raises the result, e.g. after a timeout or a 429.
 */
export function retryDelay(input: {
  schedule: readonly number[];
  attemptsMade: number;
  random?: () => number;
  retryAfterMs?: number;
  floorMs?: number;
}): number | undefined {
  const { schedule, attemptsMade } = input;
  if (!Number.isInteger(attemptsMade) || attemptsMade < 0) {
    throw new RangeError(`attemptsMade must be a whole number, got ${attemptsMade}`);
  }
  if (attemptsMade === 0) return 0; // the first attempt is immediate
  const base = schedule[attemptsMade - 1];
  if (base === undefined) return undefined;

  const random = input.random ?? Math.random;
  let delay = base * (1 + (random() * 2 - 1) * JITTER);
  if (input.retryAfterMs !== undefined && Number.isFinite(input.retryAfterMs)) {
    delay = Math.max(delay, Math.min(input.retryAfterMs, Math.max(base, MAX_RETRY_AFTER_MS)));
  }
  if (input.floorMs !== undefined && Number.isFinite(input.floorMs)) delay = Math.max(delay, input.floorMs);
  return Math.max(0, Math.round(delay));
}

/**
 * A Retry-After header (delta seconds or HTTP-date) as ms from `now`; undefined when absent,
 * malformed or in the past.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (DELTA_SECONDS.test(text)) {
    const ms = Number(text) * 1000;
    return Number.isFinite(ms) ? ms : undefined;
  }
  if (!HTTP_DATE.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  const ms = at - now.getTime();
  return ms >= 0 ? ms : undefined;
}

/**
 * The longest a delivery can spend waiting between its first and last attempt on `schedule`:
 * every wait at its jittered maximum, or stretched by a Retry-After to the 12-hour cap. The
 * delivery queue must keep a message at least this long (SQS counts retention from the first
 * send), or a slow receiver's last retries would be lost with the message.
 */
export function longestRetrySpanMs(schedule: readonly number[]): number {
  return schedule.reduce((sum, entry) => sum + Math.max(entry * (1 + JITTER), MAX_RETRY_AFTER_MS), 0);
}
