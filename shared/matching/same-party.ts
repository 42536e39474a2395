import { codePoints, jaroTarget, jaroWinkler } from './jaro-winkler.js';
import { bodyKinds, isOptionalRole, type WordRole, wordRoles } from './name-words.js';

/** How alike two words must be to be one word spelled two ways (Jaro-Winkler, as for whole names). */
const SAME_WORD = 0.9;

/** Most words one name may write together where the other writes one ("Ural Vagon Zavod"). */
const JOINED_WORDS = 3;

/**
 * Edits (a letter added, dropped, changed, or two swapped) a spelling of a word may differ by, by
 * the length of the shorter: none up to 4 letters, one at 5 ("Hemat", "Hemmat"), two up to 8
 * ("Shahid", "Shaheed"), three beyond ("Rosoboroneksport"). Jaro-Winkler alone counts a shared
 * start of four letters for much: "Melli" and "Mellat", "Rostec" and "Rostelecom" reach 0.9.
 */
function editsAllowed(shorter: number): number {
  if (shorter <= 4) return 0;
  if (shorter === 5) return 1;
  return shorter <= 8 ? 2 : 3;
}

/** Whether two words are one word spelled two ways. A word with digits ("13", "L3") must be equal. */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (/\d/.test(a) || /\d/.test(b)) return false;
  const limit = editsAllowed(Math.min(a.length, b.length));
  if (limit === 0 || Math.abs(a.length - b.length) > limit) return false;
  return jaroWinkler(codePoints(a), jaroTarget(b)) >= SAME_WORD && editDistance(a, b, limit) <= limit;
}

/**
 * Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent swaps), or
 * `limit + 1` once it must exceed `limit`. Words are short, so a full table is cheap.
 */
function editDistance(a: string, b: string, limit: number): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      current.push(value);
      smallest = Math.min(smallest, value);
    }
    if (smallest > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Which words of `name` the other name also has: the same word or a spelling of it, several of
 * `other`'s words written as one ("Rosoboron Export"), or several of its own written as one of
 * `other`'s ("Zhong Ke" and "Zhongke").
 */
function wordsFound(name: readonly string[], other: readonly string[]): boolean[] {
  const found = name.map((word) => other.some((candidate) => sameWord(word, candidate)));
  const runs = (words: readonly string[]) =>
    words.flatMap((_, start) =>
      Array.from({ length: JOINED_WORDS - 1 }, (_, k) => ({ start, end: start + k + 2 })).filter(
        (run) => run.end <= words.length,
      ),
    );
  const otherRuns = runs(other).map((run) => other.slice(run.start, run.end).join(''));
  name.forEach((word, i) => {
    if (!found[i] && otherRuns.some((joined) => sameWord(word, joined))) found[i] = true;
  });
  for (const run of runs(name)) {
    const joined = name.slice(run.start, run.end).join('');
    if (other.some((candidate) => sameWord(joined, candidate)))
      for (let i = run.start; i < run.end; i++) found[i] = true;
  }
  return found;
}

function sameKinds(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((kind) => b.has(kind));
}

interface ReadName {
  words: readonly string[];
  roles: readonly WordRole[];
  found: readonly boolean[];
}

const missing = (name: ReadName) => name.roles.filter((_, i) => !name.found[i]);
const distinctive = (name: ReadName) => name.roles.flatMap((role, i) => (role === 'distinctive' ? [i] : []));

/**
 * Whether a watched and a listed name (normalised words) that reached the similarity threshold
 * name one party, as a screener reads them:
 * - a kind of body (institute, university, laboratory, …) named by only one of them makes two
 *   parties; so do generic words added to a body's name ("Tsinghua University Holdings");
 * - every word of one must be found in the other, the longer one adding any words to the watched
 *   name, or only generic words and places to the listed one ("Hangzhou Hikvision" and
 *   "Hikvision");
 * - at least one distinctive word must agree: generic words and places in common are not enough;
 *   a name made only of them is one party only with a name spelled the same, in the same order.
 *
 * @example
 * sameParty(['jiangxi', 'copper'], ['jiangxi', 'copper', 'research', 'institute']) // false
 */
export function sameParty(watchedWords: readonly string[], listedWords: readonly string[]): boolean {
  const read = (words: readonly string[], other: readonly string[]): ReadName => ({
    words,
    roles: wordRoles(words),
    found: wordsFound(words, other),
  });
  const watched = read(watchedWords, listedWords);
  const listed = read(listedWords, watchedWords);
  const kinds = bodyKinds(watched.words, watched.roles);
  if (!sameKinds(kinds, bodyKinds(listed.words, listed.roles))) return false;
  const inside = missing(watched).length === 0;
  const around = !inside && missing(listed).length === 0 && missing(watched).every(isOptionalRole);
  if (!inside && !around) return false;
  const added = missing(inside ? listed : watched);
  if (kinds.size > 0 && added.includes('generic')) return false;
  const watchedDistinctive = distinctive(watched);
  const listedDistinctive = distinctive(listed);
  if (watchedDistinctive.length === 0 || listedDistinctive.length === 0)
    return sameWord(watchedWords.join(''), listedWords.join(''));
  return watchedDistinctive.some((i) => watched.found[i]) && listedDistinctive.some((i) => listed.found[i]);
}
