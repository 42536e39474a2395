/**
 * Entity names as a reader sees them. A listed or watched name may carry characters that show
 * nothing (a zero-width space, a soft hyphen) or letters of another script that look like Latin
 * ones (Cyrillic `а` in "Huаwei", Greek `Η`); compared as written, such a name escapes a watchlist.
 * Imports nothing of the project: the schemas refuse names that show no letter or digit, and the
 * matcher compares and indexes names in this form.
 */
import prototypes from 'unhomoglyph/data.json' with { type: 'json' };
import * as z from 'zod';

/**
 * UTS #39 prototypes (Unicode's confusables.txt) by character: `а` (Cyrillic) → `a`, `Η` (Greek) →
 * `H`, `І` (Cyrillic) → `l`.
 */
const PROTOTYPE: ReadonlyMap<string, string> = new Map(Object.entries(prototypes));

/**
 * Format characters (general category Cf: zero-width space and joiners, soft hyphen, bidirectional
 * controls, byte-order mark) and the other default-ignorable code points (Hangul fillers,
 * variation selectors): nothing a reader sees.
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
const MARKS = /\p{M}/gu;
const OUTSIDE_ASCII = /\P{ASCII}/gu;

/**
 * ASCII characters by their prototype, letters first: `l` is the prototype of `l`, `I`, `1` and
 * `|`. A character outside ASCII is written as the ASCII character that shares its prototype.
 */
const ASCII_BY_PROTOTYPE: ReadonlyMap<string, readonly string[]> = (() => {
  const byPrototype = new Map<string, string[]>();
  for (let code = 0x20; code < 0x7f; code++) {
    const character = String.fromCharCode(code);
    const prototype = PROTOTYPE.get(character) ?? character;
    byPrototype.set(prototype, [...(byPrototype.get(prototype) ?? []), character]);
  }
  for (const characters of byPrototype.values()) characters.sort((a, b) => letterRank(a) - letterRank(b));
  return byPrototype;
})();

function letterRank(character: string): number {
  return /[A-Za-z]/.test(character) ? 0 : 1;
}

/** The look-alike a character outside ASCII is read as; a capital stays a capital (`І` → `I`). */
function lookalike(character: string): string {
  const prototype = PROTOTYPE.get(character);
  if (prototype === undefined) return character;
  const ascii = ASCII_BY_PROTOTYPE.get(prototype);
  if (!ascii) return prototype;
  const capital = character !== character.toLowerCase();
  const sameCase = ascii.find((candidate) => (capital ? /[A-Z]/.test(candidate) : /[a-z]/.test(candidate)));
  return sameCase ?? ascii[0] ?? prototype;
}

/**
 * A name with compatibility forms unfolded (NFKD), accents, format characters and other invisible
 * characters removed, and each character outside ASCII replaced by its Latin look-alike (UTS #39
 * confusables). ASCII is left as it is, so a name written in plain ASCII reads as before.
 *
 * @example
 * nameAsSeen('Hu\u0430wei\u200b'); // 'Huawei'
 */
export function nameAsSeen(name: string): string {
  return name
    .normalize('NFKD')
    .replace(INVISIBLE, '')
    .replace(MARKS, '')
    .replace(OUTSIDE_ASCII, lookalike)
    .replace(MARKS, '');
}

/** Whether a name shows a letter or digit once read as seen: `!!` or two zero-width spaces do not. */
export function showsLetterOrDigit(name: string): boolean {
  return /[\p{L}\p{N}]/u.test(nameAsSeen(name));
}

/**
 * A watched or listed entity name: trimmed, `minLength` to 300 characters, and showing a letter or
 * digit, since a name that reads as nothing can never match.
 */
export function entityNameSchema(minLength: number) {
  return z
    .string()
    .trim()
    .min(minLength)
    .max(300)
    .refine(
      showsLetterOrDigit,
      'must contain a letter or digit (punctuation and invisible characters do not count)',
    );
}
