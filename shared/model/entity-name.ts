/**
 * Entity names as a reader sees them. A listed or watched name may carry characters that show
 * nothing (a zero-width space, a soft hyphen) or letters of another script that look like Latin
 * ones (Cyrillic `а` in "Huаwei", Greek `Η`); compared as written, such a name escapes a watchlist.
 * Imports nothing of the project: the schemas refuse names that show no letter or digit, and the
 * matcher compares and indexes names in this form.
 */
import * as z from 'zod';
import readings from './latin-lookalikes.json' with { type: 'json' };

/**
 * Each character outside ASCII that reads as plain ASCII, by UTS #39 confusables (`а` Cyrillic →
 * `a`, `Η` Greek → `H`, `І` Cyrillic → `I`: a capital stays a capital). Generated from the
 * library's table by `scripts/latin-lookalikes.ts`; only the entries that read as ASCII are kept.
 */
const LOOKALIKE: ReadonlyMap<string, string> = new Map(
  Object.entries(readings as Record<string, string>).flatMap(([reading, characters]) =>
    Array.from(characters, (character) => [character, reading] as const),
  ),
);

/**
 * Format characters (general category Cf: zero-width space and joiners, soft hyphen, bidirectional
 * controls, byte-order mark) and the other default-ignorable code points (Hangul fillers,
 * variation selectors): nothing a reader sees.
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
const MARKS = /\p{M}/gu;
const OUTSIDE_ASCII = /\P{ASCII}/gu;

/** The Latin look-alike a character outside ASCII is read as, or the character itself. */
function lookalike(character: string): string {
  return LOOKALIKE.get(character) ?? character;
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
