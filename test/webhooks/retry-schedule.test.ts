import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_SCHEDULE,
  longestRetrySpanMs,
  parseRetryAfter,
  parseRetrySchedule,
  RetryScheduleError,
  retryDelay,
} from '../../shared/delivery/retry/retry-schedule.js';

const HOUR = 3_600_000;
const noJitter = () => 0.5;

describe('parseRetrySchedule', () => {
  it.each([
    ['100ms,200ms,5s,5m,2h', [100, 200, 5_000, 300_000, 7_200_000]],
    [' 1s , 2s ', [1_000, 2_000]],
    ['0ms', [0]],
    ['1.5s', [1_500]],
    ['1.25s', [1_250]],
    ['10h', [36_000_000]],
    ['5s,5m,30m,2h,5h,10h,10h', DEFAULT_RETRY_SCHEDULE],
  ])('%j -> %j', (text, expected) => {
    expect(parseRetrySchedule(text)).toEqual(expected);
  });

  it.each([undefined, '', '   '])('%j gives the default schedule', (text) => {
    expect(parseRetrySchedule(text)).toBe(DEFAULT_RETRY_SCHEDULE);
  });

  it.each([
    ['5', '5'],
    ['5x', '5x'],
    ['1s,,2s', ''],
    ['1s,', ''],
    ['-5s', '-5s'],
    ['1s,2 s', '2 s'],
    ['1d', '1d'],
    ['1e3ms', '1e3ms'],
    ['five seconds', 'five seconds'],
    ['5sec', '5sec'],
  ])('refuses %j naming the bad item %j', (text, item) => {
    let thrown: unknown;
    try {
      parseRetrySchedule(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RetryScheduleError);
    expect(thrown).toMatchObject({ text: item, message: expect.stringContaining(`"${item}"`) });
  });

  it('names its error RetryScheduleError, as logs show it', () => {
    expect(() => parseRetrySchedule('5x')).toThrow(expect.objectContaining({ name: 'RetryScheduleError' }));
  });
});

describe('retryDelay', () => {
  it('without jitter follows the default schedule', () => {
    const delays = DEFAULT_RETRY_SCHEDULE.map((_, i) =>
      retryDelay({ schedule: DEFAULT_RETRY_SCHEDULE, attemptsMade: i + 1, random: noJitter }),
    );
    expect(delays).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
  });

  it('gives 8 attempts in all with the default schedule, then undefined', () => {
    let attemptsMade = 1; // the immediate first attempt
    while (retryDelay({ schedule: DEFAULT_RETRY_SCHEDULE, attemptsMade }) !== undefined) attemptsMade++;
    expect(attemptsMade).toBe(8);
    expect(retryDelay({ schedule: DEFAULT_RETRY_SCHEDULE, attemptsMade: 9 })).toBeUndefined();
  });

  it('before the first attempt the delay is 0', () => {
    expect(retryDelay({ schedule: DEFAULT_RETRY_SCHEDULE, attemptsMade: 0 })).toBe(0);
  });

  it.each([-1, 1.5, Number.NaN])('refuses attemptsMade %s', (attemptsMade) => {
    expect(() => retryDelay({ schedule: DEFAULT_RETRY_SCHEDULE, attemptsMade })).toThrow(RangeError);
  });

  it.each([
    [0, 4_500],
    [0.25, 4_750],
    [0.5, 5_000],
    [0.999999, 5_500],
  ])('jitter with random() = %s gives %i ms for a 5 s step', (r, expected) => {
    expect(retryDelay({ schedule: [5_000], attemptsMade: 1, random: () => r })).toBe(expected);
  });

  it('stays within +/-10% with Math.random', () => {
    const delays = Array.from(
      { length: 500 },
      () => retryDelay({ schedule: [1_000], attemptsMade: 1 }) ?? -1,
    );
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(900);
    expect(Math.max(...delays)).toBeLessThanOrEqual(1_100);
    expect(new Set(delays).size).toBeGreaterThan(10);
  });

  it.each([
    ['shorter than the step: the step wins', 5_000, 1_000, 5_000],
    ['longer than the step: Retry-After wins', 5_000, 60_000, 60_000],
    ['above 12 h: clamped to 12 h', 5_000, 48 * HOUR, 12 * HOUR],
    ['above 12 h with a longer step: clamped to the step', 20 * HOUR, 48 * HOUR, 20 * HOUR],
    ['zero', 5_000, 0, 5_000],
    ['not finite: ignored', 5_000, Number.POSITIVE_INFINITY, 5_000],
  ])('Retry-After %s', (_name, step, retryAfterMs, expected) => {
    expect(retryDelay({ schedule: [step], attemptsMade: 1, random: noJitter, retryAfterMs })).toBe(expected);
  });

  it('Retry-After is never shortened by jitter', () => {
    expect(retryDelay({ schedule: [5_000], attemptsMade: 1, random: () => 0, retryAfterMs: 5_000 })).toBe(
      5_000,
    );
  });

  it.each([
    [5_000, 30_000, 30_000],
    [300_000, 30_000, 300_000],
  ])('floor: step %i with floor %i gives %i', (step, floorMs, expected) => {
    expect(retryDelay({ schedule: [step], attemptsMade: 1, random: noJitter, floorMs })).toBe(expected);
  });

  it.each([Number.POSITIVE_INFINITY, Number.NaN])('a floor of %s is ignored', (floorMs) => {
    expect(retryDelay({ schedule: [5_000], attemptsMade: 1, random: noJitter, floorMs })).toBe(5_000);
  });

  it('floor does not revive an exhausted schedule', () => {
    expect(retryDelay({ schedule: [5_000], attemptsMade: 2, floorMs: 30_000, retryAfterMs: 1_000 })).toBe(
      undefined,
    );
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2025-03-01T12:00:00Z');

  it.each([
    ['7', 7_000],
    [' 120 ', 120_000],
    ['0', 0],
    ['Sat, 01 Mar 2025 12:00:30 GMT', 30_000],
    ['Saturday, 01-Mar-25 12:01:00 GMT', 60_000],
    ['Sat Mar  1 12:00:10 2025', 10_000],
    ['Sat, 01 Mar 2025 12:00:00 GMT', 0],
  ])('%j -> %i ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  it.each([
    null,
    undefined,
    '',
    '-5',
    '1.5',
    '7s',
    'soon',
    'Sat',
    'Sat, 01 Mar 2025 11:59:00 GMT',
    'Sat, 99 Foo 2025 12:00:00 GMT',
    // Dates Date.parse would read, but not HTTP-dates: the day name must come first.
    '2025-03-01T12:00:30Z',
    'on Sat, 01 Mar 2025 12:00:30 GMT',
  ])('%j -> undefined', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe('longestRetrySpanMs: how long the queue must keep a delivery', () => {
  it.each<[string, number[], number]>([
    ['no retries: nothing', [], 0],
    ['short steps: each may be stretched to 12 h by a Retry-After', [5_000, 300_000], 24 * HOUR],
    ['a step beyond 12 h: at its jittered maximum', [20 * HOUR], 22 * HOUR],
    ['both kinds add up', [5_000, 20 * HOUR], 12 * HOUR + 22 * HOUR],
  ])('%s', (_name, schedule, span) => {
    expect(longestRetrySpanMs(schedule)).toBeCloseTo(span, 6);
  });
});
