import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../shared/kernel/duration.js';

describe('parseDuration', () => {
  it.each([
    ['0ms', 0],
    ['500ms', 500],
    ['15s', 15_000],
    ['2m', 120_000],
    ['2h', 7_200_000],
    ['5d', 432_000_000],
  ])('%j is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5', '1.5s', 's', '5x', '-5s', '+5s', ' 5s', '5s ', '5 s', '1e3ms', '5S', 'five seconds'])(
    'refuses %j by default',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );

  it('reads a number alone as milliseconds only when told to', () => {
    expect(parseDuration('250', { bareMilliseconds: true })).toBe(250);
    expect(parseDuration('250')).toBeUndefined();
    expect(parseDuration('2.5', { bareMilliseconds: true })).toBeUndefined();
  });

  it('reads fractions, rounded to the millisecond, only when told to', () => {
    expect(parseDuration('1.5s', { fractions: true })).toBe(1_500);
    expect(parseDuration('0.0004s', { fractions: true })).toBe(0);
    expect(parseDuration('0.0006s', { fractions: true })).toBe(1);
    expect(parseDuration('1.s', { fractions: true })).toBeUndefined();
    expect(parseDuration('.5s', { fractions: true })).toBeUndefined();
  });

  it('takes only the units it is given', () => {
    const units = ['ms', 's', 'm', 'h'] as const;
    expect(parseDuration('10h', { units })).toBe(36_000_000);
    expect(parseDuration('1d', { units })).toBeUndefined();
    expect(parseDuration('1d')).toBe(86_400_000);
  });
});
