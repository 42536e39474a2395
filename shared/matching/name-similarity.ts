import { canReach, codePoints, type JaroTarget, jaroTarget, jaroWinkler } from './jaro-winkler.js';
import { isOptionalWord } from './name-words.js';

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

/** A spelling's words as sets, made once when first needed. */
interface SpellingWords {
  wordSet: ReadonlySet<string>;
  /** Two or three neighbouring words written together (`zhong ke` gives `zhongke`). */
  joins: ReadonlySet<string>;
}

/** What one word of a spelling says beyond itself, worked out when first asked. */
interface WordAt {
  /** Whether it is a generic word or a place, which a listed name may leave out. */
  optional: boolean;
  /** It written together with the next word, and with the next two. */
  two?: string;
  three?: string;
}

/** One spelling of a watched name, split and decoded once for every comparison it takes part in. */
export interface Spelling {
  text: string;
  points: Int32Array;
  words: readonly string[];
  /**
   * Made when first needed: most watched names meet no listed name close enough. Present from the
   * start (undefined, empty), so every spelling keeps one shape in the comparison's hot path.
   */
  read: SpellingWords | undefined;
  at: (WordAt | undefined)[];
}

/** One spelling of a listed name, prepared to be compared against. */
export interface ListedSpelling extends Spelling {
  target: JaroTarget;
  read: SpellingWords;
}

function readWords(spelling: Spelling): SpellingWords {
  if (spelling.read) return spelling.read;
  const words = spelling.words;
  const pairs = words.slice(1).map((next, i) => `${words[i]}${next}`);
  const triples = words.slice(2).map((last, i) => `${pairs[i]}${last}`);
  spelling.read = { wordSet: new Set(words), joins: new Set([...pairs, ...triples]) };
  return spelling.read;
}

function wordAt(spelling: Spelling, i: number): WordAt {
  const known = spelling.at[i];
  if (known) return known;
  const words = spelling.words;
  const two = i + 1 < words.length ? `${words[i]}${words[i + 1]}` : undefined;
  const three = two !== undefined && i + 2 < words.length ? `${two}${words[i + 2]}` : undefined;
  const at: WordAt = {
    optional: isOptionalWord(words, i),
    ...(two ? { two } : {}),
    ...(three ? { three } : {}),
  };
  spelling.at[i] = at;
  return at;
}

export function watchedSpelling(text: string): Spelling {
  return { text, points: codePoints(text), words: text.split(' '), read: undefined, at: [] };
}

export function listedSpelling(text: string): ListedSpelling {
  const target = jaroTarget(text);
  const words = text.split(' ');
  const read = readWords({ text, points: target.points, words, read: undefined, at: [] });
  return { text, points: target.points, words, read, at: [], target };
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
 * technologies`); or, when the watched words not found are only generic words and places and every
 * listed word is found among the watched ones, how well the listed words match (so `hangzhou
 * hikvision` finds `hikvision`). A word is found as itself, as a spelling within the threshold, or
 * as neighbouring words written together on the other side (`l3 harris`, `l3harris`).
 * `listedWords` holds every word of `listed` (and may hold more). Whole names whose lengths cannot
 * reach `wanted` are not compared: a score of `wanted` or more is exact, a lower one may be
 * reported lower still.
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
  let left = false;
  const words = watched.words;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const best = wordScore(word, listed, listedWords);
    if (best >= ENTITY_MATCH_THRESHOLD) total += best;
    else {
      const at = wordAt(watched, i);
      const joined = joinedLength(at, listed.read.wordSet);
      if (joined > 0) {
        total += joined;
        i += joined - 1;
      } else if (at.optional) left = true;
      else return whole;
    }
  }
  if (!left) return Math.max(whole, total / words.length);
  return Math.max(whole, listedInside(watched, listed, listedWords));
}

/** A watched word's best score among the listed name's words, or 0 below the threshold. */
function wordScore(word: string, listed: ListedSpelling, listedWords: ListedWords): number {
  if (listed.read.wordSet.has(word) || listed.read.joins.has(word)) return 1;
  // Below the threshold the best word's score does not count, so only near words are looked at.
  let best = 0;
  for (const near of listedWords.near(word))
    if (near.score > best && listed.read.wordSet.has(near.text)) best = near.score;
  return best;
}

/** How many watched words from this one on, two or three, make one listed word written together; 0 if none. */
function joinedLength(at: WordAt, listed: ReadonlySet<string>): number {
  if (at.three !== undefined && listed.has(at.three)) return 3;
  return at.two !== undefined && listed.has(at.two) ? 2 : 0;
}

/** How well every listed word is found among the watched ones, or 0 when one is not. */
function listedInside(watched: Spelling, listed: Spelling, listedWords: ListedWords): number {
  const own = readWords(watched);
  let total = 0;
  for (const word of listed.words) {
    let best = own.wordSet.has(word) || own.joins.has(word) ? 1 : 0;
    if (best === 0)
      for (const watchedWord of watched.words)
        for (const near of listedWords.near(watchedWord))
          if (near.text === word && near.score > best) best = near.score;
    if (best < ENTITY_MATCH_THRESHOLD) return 0;
    total += best;
  }
  return total / listed.words.length;
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
