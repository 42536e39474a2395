import { describe, expect, it } from 'vitest';
import { entityAccuracy, labelledPairs, pairMatches } from '../../bench/entity-accuracy.js';

/**
 * The hand-labelled pairs of `test/fixtures/entity-names/labelled-pairs.json`: a subscription
 * watching the first name hears of a change listing the second (through the index blocks it reads,
 * then the matcher) exactly when a screener would take them for one party, except the true pairs
 * marked as known misses, each with its reason.
 */
const pairs = labelledPairs();
const lookalikes = pairs.filter((pair) => !pair.same);
const truePairs = pairs.filter((pair) => pair.same && !pair.knownMiss);
const knownMisses = pairs.filter((pair) => pair.same && pair.knownMiss);
const country = (code?: string) => (code ? ` [${code}]` : '');
const title = (pair: (typeof pairs)[number]) =>
  `${pair.watched}${country(pair.watchedCountry)} / ${pair.listed}${country(pair.listedCountry)} (${pair.note})`;

describe('the labelled set of entity names', () => {
  it('holds at least 150 pairs: 80 true variants and 60 look-alikes, of Chinese, Russian, Iranian and US names', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(150);
    expect(pairs.filter((pair) => pair.same).length).toBeGreaterThanOrEqual(80);
    expect(lookalikes.length).toBeGreaterThanOrEqual(60);
  });

  it.each(lookalikes.map((pair) => [title(pair), pair] as const))(
    'a look-alike does not match: %s',
    (_, pair) => {
      expect(pairMatches(pair)).toBe(false);
    },
  );

  it.each(truePairs.map((pair) => [title(pair), pair] as const))('a true variant matches: %s', (_, pair) => {
    expect(pairMatches(pair)).toBe(true);
  });

  it('precision is 1 and recall at least 0.95; the pairs missed are exactly the known misses', () => {
    const accuracy = entityAccuracy(pairs);
    expect(accuracy.falseMatches).toEqual([]);
    expect(accuracy.precision).toBe(1);
    expect(accuracy.recall).toBeGreaterThanOrEqual(0.95);
    expect(accuracy.misses).toEqual(
      knownMisses.map((pair) => `${pair.watched} / ${pair.listed}: ${pair.note}`),
    );
  });
});
