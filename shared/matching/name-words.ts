/**
 * The words of an entity name that do not say who the entity is: legal forms and connectors
 * (dropped), abbreviations (written out), and the words that stay but cannot identify a party on
 * their own: generic words, place names and the kind of body a name describes. The lists are data
 * (`name-words.json`); `docs/decisions.md` ("Entity matching screeners accept") gives their sources.
 */
import * as z from 'zod';
import lists from './name-words.json' with { type: 'json' };

/** Word lists by group (the group names are for readers); each is read as one set. */
const Groups = z.record(z.string(), z.array(z.string()));
const WordLists = z.object({
  legalForms: Groups,
  legalFormPhrases: z.array(z.string()),
  connectors: z.array(z.string()),
  abbreviations: z.record(z.string(), z.string()),
  genericWords: Groups,
  places: Groups,
  placePhrases: z.array(z.string()),
  bodyKinds: Groups,
  centres: z.array(z.string()),
});
const WORDS = WordLists.parse(lists);
const setOf = (groups: Record<string, string[]>) => new Set(Object.values(groups).flat());

/**
 * Legal forms, one word each after punctuation is removed ("Co., Ltd." is `co ltd`), in English and
 * the forms Chinese, Russian and Iranian names carry in Latin letters.
 */
const LEGAL_FORMS = setOf(WORDS.legalForms);

/** Legal forms of several words ("joint stock", "aktsionernoe obshchestvo"), longest first. */
const LEGAL_FORM_PHRASES = new Map<string, string[][]>();
for (const phrase of WORDS.legalFormPhrases
  .map((text) => text.split(' '))
  .sort((a, b) => b.length - a.length)) {
  const first = phrase[0] ?? '';
  LEGAL_FORM_PHRASES.set(first, [...(LEGAL_FORM_PHRASES.get(first) ?? []), phrase]);
}

/** Words that join the others ("of", "and", the Arabic article of Persian names): they tell nothing apart. */
const CONNECTORS = new Set(WORDS.connectors);

/** Abbreviations screening lists and watchlists use, written out so both spellings compare alike. */
const ABBREVIATIONS = new Map(
  Object.entries(WORDS.abbreviations).map(([short, long]) => [short, long.split(' ')]),
);

const ORDINAL = /^(\d+)(?:st|nd|rd|th)$/;

/**
 * The words that identify an entity: legal forms and connectors dropped, abbreviations written out,
 * ordinals written as numbers (`13th` is `13`, "No. 13" is `13`). A name made only of such words
 * ("The Company") is kept as written.
 */
export function identifyingWords(words: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const phrase = LEGAL_FORM_PHRASES.get(word)?.find((parts) => startsAt(words, i, parts));
    if (phrase) i += phrase.length - 1;
    else if (LEGAL_FORMS.has(word) || CONNECTORS.has(word)) continue;
    else if (word === 'no' && isDigit(words[i + 1])) continue;
    else {
      const written = ABBREVIATIONS.get(word);
      if (written) kept.push(...written);
      else kept.push(isDigit(word) ? word.replace(ORDINAL, '$1') : word);
    }
  }
  return kept.length > 0 ? kept : [...words];
}

function startsAt(words: readonly string[], start: number, parts: readonly string[]): boolean {
  for (let k = 0; k < parts.length; k++) if (words[start + k] !== parts[k]) return false;
  return true;
}

function isDigit(word: string | undefined): boolean {
  const code = word?.charCodeAt(0) ?? 0;
  return code >= 48 && code <= 57;
}

/**
 * Words that describe what a company does or how it is organised, in English and in the Pinyin,
 * Russian and Persian words for them: shared by two names, they do not make the two one party.
 */
const GENERIC_WORDS = setOf(WORDS.genericWords);

/**
 * Countries, provinces and major cities of China, Russia, Iran and the United States, and the
 * adjectives names take from them, in Latin letters (Pinyin without tones; both common
 * transliterations where they differ).
 */
const PLACES = setOf(WORDS.places);

/** Places of two words; either may also be written as one (`hongkong`, `xian` from "Xi'an"). */
const PLACE_PHRASES = new Set(WORDS.placePhrases);

/**
 * Words naming a kind of body, by the kind they name: English, their plurals, and the words of
 * Pinyin, Russian and Persian names for them. A "research centre" is a kind of its own, told by
 * `center`/`centre` in a name that also says `research`.
 */
const BODY_KINDS: ReadonlyMap<string, string> = new Map(
  Object.entries(WORDS.bodyKinds).flatMap(([kind, words]) => words.map((word) => [word, kind] as const)),
);

const CENTRES = new Set(WORDS.centres);

/** What a word of a name tells about the party: who it is, or only what, where or which kind of body. */
export type WordRole = 'distinctive' | 'generic' | 'place' | 'body';

/**
 * The role of each word of a normalised name. Places are recognised as listed, as two words that
 * make a listed place together (`hong kong`), or as two words written apart that make one (`xi an`).
 *
 * @example
 * wordRoles(['jiangxi', 'copper', 'research', 'institute']) // ['place', 'distinctive', 'generic', 'body']
 */
export function wordRoles(words: readonly string[]): WordRole[] {
  const roles = words.map((word): WordRole => {
    if (BODY_KINDS.has(word)) return 'body';
    if (PLACES.has(word)) return 'place';
    return GENERIC_WORDS.has(word) ? 'generic' : 'distinctive';
  });
  for (let i = 0; i + 1 < words.length; i++) {
    const [first, second] = [words[i] ?? '', words[i + 1] ?? ''];
    if (PLACE_PHRASES.has(`${first} ${second}`) || PLACES.has(`${first}${second}`)) {
      roles[i] = 'place';
      roles[i + 1] = 'place';
    }
  }
  if (words.includes('research'))
    words.forEach((word, i) => {
      if (CENTRES.has(word)) roles[i] = 'body';
    });
  return roles;
}

/** The kinds of body a name names (`institute`, `university`, `research-centre`, …). */
export function bodyKinds(words: readonly string[], roles: readonly WordRole[]): Set<string> {
  const kinds = new Set<string>();
  words.forEach((word, i) => {
    if (roles[i] !== 'body') return;
    kinds.add(CENTRES.has(word) ? 'research-centre' : (BODY_KINDS.get(word) ?? word));
  });
  return kinds;
}

/**
 * Whether the word at `i` only says what or where (a generic word or a place), as `wordRoles` reads
 * it, without reading the other words' roles.
 */
export function isOptionalWord(words: readonly string[], i: number): boolean {
  const word = words[i] ?? '';
  if (BODY_KINDS.has(word) || (CENTRES.has(word) && words.includes('research'))) return false;
  if (PLACES.has(word) || GENERIC_WORDS.has(word)) return true;
  const before = words[i - 1];
  const after = words[i + 1];
  const place = (first: string, second: string) =>
    PLACE_PHRASES.has(`${first} ${second}`) || PLACES.has(`${first}${second}`);
  return (before !== undefined && place(before, word)) || (after !== undefined && place(word, after));
}

/** Whether a word, in its name, only says what or where: generic words and places may be left out. */
export function isOptionalRole(role: WordRole | undefined): boolean {
  return role === 'generic' || role === 'place';
}
