import countryNames from 'i18n-iso-countries/index.js';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { COUNTRY_ADJECTIVES, COUNTRY_NAMES_EXTRA } from './tagging-rules.js';

countryNames.registerLocale(english);

/**
 * Country names (every English alias the package knows, plus the table's) and adjectives, longest
 * first. Built on first use: some 600 Unicode patterns would otherwise be compiled at every cold
 * start of a function that may import nothing new.
 */
let namePatterns: readonly { name: string; code: string; pattern: RegExp }[] | undefined;
const buildNames = (): readonly { name: string; code: string; pattern: RegExp }[] => {
  const entries = new Map<string, string>();
  for (const [code, names] of Object.entries(countryNames.getNames('en', { select: 'all' }))) {
    for (const name of names) {
      // Two-letter aliases ("US", "UK") and names with commas ("Korea, Republic of") read badly in prose.
      if (name.length > 3 && !name.includes(',')) entries.set(name, code);
    }
  }
  for (const [name, code] of Object.entries({ ...COUNTRY_NAMES_EXTRA, ...COUNTRY_ADJECTIVES })) {
    entries.set(name, code);
  }
  return [...entries]
    .sort(([a], [b]) => b.length - a.length)
    .map(([name, code]) => ({
      name,
      code,
      pattern: new RegExp(`(?<![\\p{L}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'gu'),
    }));
};

/** ISO codes of the countries a text names (by name or adjective, capitalised as in prose), in order of appearance. */
export function countriesIn(text: string): string[] {
  let rest = text;
  const found: { code: string; at: number }[] = [];
  namePatterns ??= buildNames();
  for (const { code, pattern } of namePatterns) {
    rest = rest.replace(pattern, (matched, at: number) => {
      found.push({ code, at });
      return ' '.repeat(matched.length);
    });
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((entry) => entry.code))];
}

/**
 * Origins of an import measure named the Federal Register way: "Tin Mill Products From Canada",
 * "Glass Wine Bottles From Chile, China, and Mexico; Institution of ...".
 */
export function originsFromTitle(title: string): string[] {
  const lists = [...title.matchAll(/\bFrom\s+([^;:]+)/g)].map((match) => match[1] ?? '');
  return [...new Set(lists.flatMap((list) => countriesIn(list)))];
}
