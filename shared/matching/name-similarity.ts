import { canReach, codePoints, type JaroTarget, jaroTarget, jaroWinkler } from './jaro-winkler.js';

/** The similarity at which a watched name and a listed name are taken to be the same entity. */
export const ENTITY_MATCH_THRESHOLD = 0.9;

/**
 * How many characters of a normalised name are compared: the first 128, cut before a word that
 * would cross the limit. Jaro-Winkler costs the product of the two lengths, and a watched or listed
 * name may be 300 characters; what tells entities apart is at the front of a name (a longer one is
 * a name followed by a description), and a cut name still matches itself.
 */
export const COMPARED_CHARACTERS = 128;

/** A name's first `COMPARED_CHARACTERS` code points, without a word cut in two (unless it is the only one). */
export function comparedPart(normalised: string): string {
  if (normalised.length <= COMPARED_CHARACTERS) return normalised;
  // Code units are code points unless a surrogate pair is present.
  const characters = SURROGATE.test(normalised) ? Array.from(normalised) : normalised;
  if (characters.length <= COMPARED_CHARACTERS) return normalised;
  let kept = characters.slice(0, COMPARED_CHARACTERS);
  if (characters[COMPARED_CHARACTERS] !== ' ') {
    const lastSpace = kept.lastIndexOf(' ');
    if (lastSpace > 0) kept = kept.slice(0, lastSpace);
  }
  return (typeof kept === 'string' ? kept : kept.join('')).trimEnd();
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** One spelling of a watched name, split and decoded once for every comparison it takes part in. */
export interface Spelling {
  text: string;
  points: Int32Array;
  words: readonly string[];
}

/** One spelling of a listed name, prepared to be compared against. */
export interface ListedSpelling extends Spelling {
  target: JaroTarget;
  wordSet: ReadonlySet<string>;
}

export function watchedSpelling(text: string): Spelling {
  return { text, points: codePoints(text), words: text.split(' ') };
}

export function listedSpelling(text: string): ListedSpelling {
  const words = text.split(' ');
  const target = jaroTarget(text);
  return { text, points: target.points, words, target, wordSet: new Set(words) };
}

/** A listed word within the threshold of a watched word, with its score. */
interface NearWord {
  text: string;
  score: number;
}

/** Watched words whose near listed words one set of listed words remembers. */
const REMEMBERED_WORDS = 50_000;

/**
 * The listed words of a change, each decoded once, and for each watched word looked up, the listed
 * words that reach the threshold: a watched word is compared with each listed word once per change,
 * not once per listed name it appears in.
 */
export class ListedWords {
  readonly #words: { text: string; target: JaroTarget }[];
  readonly #near = new Map<string, readonly NearWord[]>();

  constructor(words: Iterable<string>) {
    this.#words = [...new Set(words)].map((text) => ({ text, target: jaroTarget(text) }));
  }

  /** The listed words other than `word` itself that score at least the threshold against it. */
  near(word: string): readonly NearWord[] {
    const known = this.#near.get(word);
    if (known) return known;
    const points = codePoints(word);
    const near: NearWord[] = [];
    for (const candidate of this.#words) {
      if (candidate.text === word || !canReach(points, candidate.target, ENTITY_MATCH_THRESHOLD)) continue;
      const score = jaroWinkler(points, candidate.target);
      if (score >= ENTITY_MATCH_THRESHOLD) near.push({ text: candidate.text, score });
    }
    if (this.#near.size < REMEMBERED_WORDS) this.#near.set(word, near);
    return near;
  }
}

/**
 * Two spellings' similarity: Jaro-Winkler on the whole names, or, when every word of the watched
 * name is found among the listed name's words, how well they match (so `huawei` finds `huawei
 * technologies`). `listedWords` holds every word of `listed` (and may hold more). Whole names whose
 * lengths cannot reach `wanted` are not compared: a score of `wanted` or more is exact, a lower one
 * may be reported lower still.
 */
export function spellingSimilarity(
  watched: Spelling,
  listed: ListedSpelling,
  listedWords: ListedWords,
  wanted: number,
): number {
  if (watched.text.length === 0 || listed.text.length === 0) return 0;
  if (watched.text === listed.text) return 1;
  const whole = canReach(watched.points, listed.target, wanted)
    ? jaroWinkler(watched.points, listed.target)
    : 0;
  let total = 0;
  for (const word of watched.words) {
    let best = listed.wordSet.has(word) ? 1 : 0;
    // Below the threshold the best word's score does not count, so only near words are looked at.
    if (best === 0) {
      for (const near of listedWords.near(word))
        if (near.score > best && listed.wordSet.has(near.text)) best = near.score;
    }
    if (best < ENTITY_MATCH_THRESHOLD) return whole;
    total += best;
  }
  return Math.max(whole, total / watched.words.length);
}

/**
 * How alike two normalised names are, from 0 to 1: Jaro-Winkler on the whole names, or, when
 * every word of the watched name is found among the listed name's words, how well they match
 * (so `huawei` finds `huawei technologies`).
 *
 * @example
 * entitySimilarity('huawei', 'huawei technologies') // 1
 */
export function entitySimilarity(watched: string, listed: string): number {
  const compared = listedSpelling(listed);
  return spellingSimilarity(watchedSpelling(watched), compared, new ListedWords(compared.words), 0);
}
