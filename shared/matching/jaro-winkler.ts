/**
 * Jaro-Winkler similarity over code points, as `@skyra/jaro-winkler` computes it (match window half
 * the longer length, each code point matched to the first free equal one within it, transpositions
 * halved and rounded down, a prefix of up to four equal code points, counted as five once all four
 * agree), but bit-parallel: the second string's positions are kept as bit sets per code point, so a
 * code point finds its match in a few word operations instead of a scan of the window. The matcher
 * compares hundreds of thousands of name pairs per change; `test/matching/jaro-winkler.test.ts`
 * holds these scores to the library's.
 */

/** The string compared against, decoded once: its code points and, per code point, its positions. */
export interface JaroTarget {
  points: Int32Array;
  /** 32-bit words per bit set of positions. */
  words: number;
  /** Bit sets of positions of the code points below 128, `words` each, one after another. */
  ascii: Uint32Array;
  other: Map<number, Uint32Array>;
}

export function jaroTarget(text: string): JaroTarget {
  const points = codePoints(text);
  const words = (points.length + 31) >>> 5;
  const ascii = new Uint32Array(128 * words);
  const other = new Map<number, Uint32Array>();
  points.forEach((code, position) => {
    const bit = 1 << (position & 31);
    const word = position >>> 5;
    if (code < 128) {
      ascii[code * words + word] = (ascii[code * words + word] ?? 0) | bit;
      return;
    }
    const positions = other.get(code) ?? new Uint32Array(words);
    positions[word] = (positions[word] ?? 0) | bit;
    other.set(code, positions);
  });
  return { points, words, ascii, other };
}

let matchedInTarget = new Uint32Array(8);
let matchedCodes = new Int32Array(256);

/** The prefix bonus's length: equal leading code points, up to four; four equal count as five. */
function prefixLength(a: ArrayLike<number>, b: ArrayLike<number>): number {
  for (let p = 0; p < 4; p++) if (a[p] !== b[p]) return p;
  return 5;
}

/**
 * Whether two strings of these lengths and this prefix could reach `score`: the best they could do
 * is every code point of the shorter one matched, none transposed. A pair that cannot need not be
 * compared.
 *
 * @example
 * canReach(codePoints('huawei'), jaroTarget('huawei technologies of beijing'), 0.9) // false
 */
export function canReach(a: Int32Array, b: JaroTarget, score: number): boolean {
  if (score <= 0) return true;
  const matches = Math.min(a.length, b.points.length);
  if (matches === 0) return false;
  const jaro = (matches / a.length + matches / b.points.length + 1) / 3;
  return jaro + prefixLength(a, b.points) * 0.1 * (1 - jaro) >= score;
}

/**
 * Jaro-Winkler similarity of `a` (code points) against a prepared target, from 0 to 1.
 *
 * @example
 * jaroWinkler(codePoints('huawei'), jaroTarget('huawie')) // 0.973…
 */
export function jaroWinkler(a: Int32Array, b: JaroTarget): number {
  const lengthA = a.length;
  const lengthB = b.points.length;
  if (lengthA === 0 || lengthB === 0) return 0;
  const words = b.words;
  if (matchedInTarget.length < words) matchedInTarget = new Uint32Array(words * 2);
  if (matchedCodes.length < lengthA) matchedCodes = new Int32Array(lengthA * 2);
  const matched = matchedInTarget;
  matched.fill(0, 0, words);
  const window = Math.floor(Math.max(lengthA, lengthB) / 2);
  let matches = 0;
  const ascii = b.ascii;
  for (let i = 0; i < lengthA; i++) {
    const code = a[i] ?? -1;
    let positions: Uint32Array | undefined = ascii;
    let base = code * words;
    if (code >= 128) {
      positions = b.other.get(code);
      base = 0;
    }
    const from = i > window ? i - window : 0;
    const last = Math.min(i + window, lengthB - 1);
    if (!positions || from > last) continue;
    const firstWord = from >>> 5;
    const lastWord = last >>> 5;
    for (let word = firstWord; word <= lastWord; word++) {
      let free = (positions[base + word] ?? 0) & ~(matched[word] ?? 0);
      if (word === firstWord) free &= -1 << (from & 31);
      if (word === lastWord && (last & 31) !== 31) free &= (1 << ((last & 31) + 1)) - 1;
      if (free !== 0) {
        matched[word] = (matched[word] ?? 0) | (free & -free);
        matchedCodes[matches++] = code;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  // The k-th matched code point of `a` against the k-th matched position of `b`, both in order.
  let halfTranspositions = 0;
  let k = 0;
  for (let word = 0; word < words; word++) {
    let bits = matched[word] ?? 0;
    while (bits !== 0) {
      const lowest = bits & -bits;
      if (matchedCodes[k++] !== b.points[(word << 5) + 31 - Math.clz32(lowest)]) halfTranspositions++;
      bits ^= lowest;
    }
  }
  const transpositions = Math.floor(halfTranspositions / 2);
  const jaro = (matches / lengthA + matches / lengthB + (matches - transpositions) / matches) / 3;
  return jaro + prefixLength(a, b.points) * 0.1 * (1 - jaro);
}

/** A string's code points, the unit Jaro-Winkler counts in (a lone surrogate counts as one). */
export function codePoints(text: string): Int32Array {
  const points = new Int32Array(text.length);
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const next = code >= 0xd800 && code <= 0xdbff ? text.charCodeAt(i + 1) : Number.NaN;
    if (next >= 0xdc00 && next <= 0xdfff) {
      points[count++] = ((code - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
      i++;
    } else points[count++] = code;
  }
  return count === text.length ? points : points.slice(0, count);
}
