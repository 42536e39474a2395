import { describe, expect, it } from 'vitest';
import { regionRank, searchRegions } from '../../console/src/ui/region-search.js';
import { defaultCatalogue } from '../../shared/model/catalogue.js';

/** The countries as `GET /v1/regions` lists them, with their other names. */
const catalogue = defaultCatalogue();
const countries = catalogue.countries().map((c) => ({ ...c, aliases: catalogue.countryAliases(c.code) }));
const codes = (query: string) => searchRegions(countries, query).map((c) => c.code);

describe('region search in the console', () => {
  it.each([
    ['US', 'US'],
    ['us', 'US'],
    ['united states', 'US'],
    ['UM', 'UM'],
    ['china', 'CN'],
    ['DE', 'DE'],
    ['germ', 'DE'],
    ['korea', 'KR'],
    ['north korea', 'KP'],
    ['uk', 'GB'],
    ['usa', 'US'],
  ])('%s lists %s first', (query, first) => {
    expect(codes(query)[0]).toBe(first);
  });

  it('ranks the United States above the United States Minor Outlying Islands, and above Australia for US', () => {
    const byName = codes('United States');
    expect(byName.slice(0, 2)).toEqual(['US', 'UM']);
    const byCode = codes('US');
    expect(byCode).toContain('AU');
    expect(byCode.indexOf('US')).toBeLessThan(byCode.indexOf('AU'));
  });

  it('ranks an exact code, an exact name, a name prefix, a word prefix, then anywhere in the name', () => {
    const region = { code: 'GB', name: 'United Kingdom' };
    expect([
      regionRank(region, 'gb'),
      regionRank(region, 'united kingdom'),
      regionRank(region, 'unit'),
      regionRank(region, 'king'),
      regionRank(region, 'ngdo'),
      regionRank(region, 'xyz'),
      regionRank(region, '  '),
    ]).toEqual([0, 1, 2, 3, 4, undefined, undefined]);
  });
});
