/**
 * Writes `shared/model/latin-lookalikes.json`: every character outside ASCII that Unicode's
 * confusables (UTS #39, as packaged by unhomoglyph) read as plain ASCII, grouped by what it reads
 * as. Names are compared in Latin letters, so only these entries change a comparison; shipping
 * them alone (and only characters a name can still hold once unfolded) keeps each function's bundle small. `npm run lookalikes` regenerates the file after
 * an upgrade of the library; a test checks the file is what the library gives.
 */
import { writeFileSync } from 'node:fs';
import prototypes from 'unhomoglyph/data.json' with { type: 'json' };

const TARGET = new URL('../shared/model/latin-lookalikes.json', import.meta.url);

/** Letters before other characters: `l` stands for `l`, `I`, `1` and `|` alike. */
function letterRank(character: string): number {
  return /[A-Za-z]/.test(character) ? 0 : 1;
}

/**
 * The ASCII reading of each single non-ASCII character the confusables map to ASCII, as
 * `{ reading: "characters…" }` in code-point order.
 */
export function latinLookalikes(table: Record<string, string> = prototypes): Record<string, string> {
  const prototype = new Map(Object.entries(table));
  const asciiByPrototype = new Map<string, string[]>();
  for (let code = 0x20; code < 0x7f; code++) {
    const character = String.fromCharCode(code);
    const key = prototype.get(character) ?? character;
    asciiByPrototype.set(key, [...(asciiByPrototype.get(key) ?? []), character]);
  }
  for (const characters of asciiByPrototype.values())
    characters.sort((a, b) => letterRank(a) - letterRank(b));

  const groups = new Map<string, string[]>();
  const characters = [...prototype.keys()]
    .filter((key) => [...key].length === 1 && /\P{ASCII}/u.test(key))
    // A name is unfolded (NFKD) and stripped of marks before its letters are read: only the
    // characters that survive that are ever looked up.
    .filter((key) => key.normalize('NFKD') === key && !/[\p{M}\p{Cf}]/u.test(key))
    .sort((a, b) => (a.codePointAt(0) ?? 0) - (b.codePointAt(0) ?? 0));
  for (const character of characters) {
    const key = prototype.get(character) as string;
    const ascii = asciiByPrototype.get(key);
    // A capital stays a capital: Cyrillic `І` reads as `I`, not `l`.
    const capital = character !== character.toLowerCase();
    const reading = ascii
      ? (ascii.find((candidate) => (capital ? /[A-Z]/.test(candidate) : /[a-z]/.test(candidate))) ?? ascii[0])
      : key;
    if (reading === undefined || !/^[\x20-\x7e]+$/.test(reading)) continue;
    groups.set(reading, [...(groups.get(reading) ?? []), character]);
  }
  return Object.fromEntries(
    [...groups]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([reading, list]) => [reading, list.join('')]),
  );
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  writeFileSync(TARGET, `${JSON.stringify(latinLookalikes(), null, 2)}\n`);
  console.log(`wrote ${TARGET.pathname}`);
}
