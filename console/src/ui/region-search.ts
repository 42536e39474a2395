/** A region as the search sees it: a country or a group, by code and name. */
export interface SearchableRegion {
  code: string;
  name: string;
  /** Other names (`China` for the People's Republic of China). */
  aliases?: readonly string[];
}

/**
 * How well a region answers a query, lower first: its exact code, its exact name, a name that
 * starts with the query, a word of the name that does, then the query anywhere in the name;
 * undefined when it does not match at all.
 */
export function regionRank(region: SearchableRegion, query: string): number | undefined {
  const q = query.trim().toLowerCase();
  if (!q) return undefined;
  const code = region.code.toLowerCase();
  const names = [region.name, ...(region.aliases ?? [])].map((name) => name.toLowerCase());
  if (code === q) return 0;
  if (names.includes(q)) return 1;
  if (names.some((name) => name.startsWith(q))) return 2;
  if (names.some((name) => name.split(/[\s,()-]+/).some((word) => word.startsWith(q)))) return 3;
  if (names.some((name) => name.includes(q)) || code.includes(q)) return 4;
  return undefined;
}

/**
 * The regions that match a query, best first, then the shorter name (the closer match: `united
 * states` finds the United States of America before the United States Minor Outlying Islands).
 *
 * @example searchRegions(countries, 'us')[0] // { code: 'US', name: 'United States' }
 */
export function searchRegions<T extends SearchableRegion>(regions: readonly T[], query: string): T[] {
  return regions
    .flatMap((region) => {
      const rank = regionRank(region, query);
      return rank === undefined ? [] : [{ region, rank }];
    })
    .sort(
      (a, b) =>
        a.rank - b.rank ||
        a.region.name.length - b.region.name.length ||
        a.region.name.localeCompare(b.region.name),
    )
    .map(({ region }) => region);
}
