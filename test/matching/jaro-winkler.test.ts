import { jaroWinkler as libraryJaroWinkler } from '@skyra/jaro-winkler';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/support.js';
import { canReach, codePoints, jaroTarget, jaroWinkler } from '../../shared/matching/jaro-winkler.js';

/** Strings over a small alphabet (so characters repeat and transpose), some with astral code points. */
function randomText(random: () => number, length: number, alphabet: string[]): string {
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
  return text;
}

const ALPHABETS = [
  ['a', 'b', 'c'],
  'abcdefghijklmnopqrstuvwxyz '.split(''),
  ['a', 'é', '稀', '土', '𝔸', '😀', ' '],
];

function pairs(count: number): [string, string][] {
  const random = seededRandom(7);
  const made: [string, string][] = [];
  for (let n = 0; n < count; n++) {
    const alphabet = ALPHABETS[n % ALPHABETS.length] ?? [];
    const a = randomText(random, Math.floor(random() * 140), alphabet);
    // Half are edits of the first: what names that nearly match look like.
    const b =
      n % 2 === 0
        ? randomText(random, Math.floor(random() * 140), alphabet)
        : [...a].map((c) => (random() < 0.15 ? randomText(random, 1, alphabet) : c)).join('');
    made.push([a, b]);
  }
  return made;
}

describe('Jaro-Winkler over code points', () => {
  it('scores every pair exactly as @skyra/jaro-winkler does, across lengths up to 140 and astral code points', () => {
    const differing = pairs(6000).filter(
      ([a, b]) => jaroWinkler(codePoints(a), jaroTarget(b)) !== libraryJaroWinkler(a, b),
    );
    expect(differing).toEqual([]);
  });

  it.each([
    ['huawei', 'huawie'],
    ['martha', 'marhta'],
    ['dixon', 'dicksonx'],
    ['zte', 'zte corporation'],
    ['a', 'a'],
    ['', 'abc'],
    ['abcd', 'abcd'],
    ['ab', 'abcdefgh'],
  ])('scores %s against %s as the library does', (a, b) => {
    expect(jaroWinkler(codePoints(a), jaroTarget(b))).toBe(libraryJaroWinkler(a, b));
  });

  it('never rules out a pair that reaches the score: the length bound is an upper bound', () => {
    for (const [a, b] of pairs(6000)) {
      const score = libraryJaroWinkler(a, b);
      for (const wanted of [0.8, 0.85, 0.9, 0.95]) {
        if (score >= wanted) expect(canReach(codePoints(a), jaroTarget(b), wanted)).toBe(true);
      }
    }
  });

  it('rules out pairs whose lengths are too far apart', () => {
    expect(canReach(codePoints('huawei'), jaroTarget('huawei technologies of beijing'), 0.9)).toBe(false);
    expect(canReach(codePoints('huawei'), jaroTarget('huawei techno'), 0.9)).toBe(true);
  });

  it('reads surrogate pairs as one code point and a lone surrogate as one', () => {
    expect([...codePoints('a😀b')]).toEqual([0x61, 0x1f600, 0x62]);
    expect([...codePoints('a\ud800b')]).toEqual([0x61, 0xd800, 0x62]);
  });
});
