import countryNames from 'i18n-iso-countries/index.js';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { defaultCatalogue } from '../../shared/model/catalogue.js';

const catalogue = defaultCatalogue();

// Regions of the shipped catalogue: ISO 3166-1 countries and the groups of them.
describe('regions', () => {
  it.each([
    ['EU', 27],
    ['G7', 7],
    ['FIVE-EYES', 5],
    ['QUAD', 4],
  ])('expands %s to its %i member countries', (group, size) => {
    expect(catalogue.expandRegions([group])).toHaveProperty('size', size);
  });

  it('expands the EU to member states only', () => {
    const eu = catalogue.expandRegions(['eu']);
    for (const member of ['DE', 'FR', 'GR', 'HR', 'IE']) expect(eu).toContain(member);
    expect(eu).not.toContain('GB');
  });

  it('merges groups and countries case-insensitively without duplicates', () => {
    expect(catalogue.expandRegions(['g7', 'cn', 'De'])).toEqual(
      new Set(['CA', 'DE', 'FR', 'GB', 'IT', 'JP', 'US', 'CN']),
    );
  });

  it.each([[['*']], [['DE', '*']], [['eu', 'US', '*']]])('passes * through from %j', (codes) => {
    expect(catalogue.expandRegions(codes)).toBe('*');
  });

  it('lists unknown regions as written, but not lower-case countries or groups', () => {
    expect(catalogue.unknownRegions(['de', 'XX', 'eu', 'ZZZ', '*', 'five-eyes', 'XX'])).toEqual([
      'XX',
      'ZZZ',
    ]);
  });

  it.each([
    ['DE', true],
    ['de', true],
    ['eu', true],
    ['Five-Eyes', true],
    ['*', true],
    ['TW', true],
    ['XK', false],
    ['XX', false],
    ['DEU', false],
    ['', false],
  ])('isRegion(%j) is %s', (code, expected) => {
    expect(catalogue.isRegion(code)).toBe(expected);
  });

  it.each([
    ['de', 'DE'],
    ['five-eyes', 'FIVE-EYES'],
    ['*', '*'],
  ])('normalises %s to %s', (code, expected) => {
    expect(catalogue.normaliseRegion(code)).toBe(expected);
  });

  it('lists every ISO 3166-1 country, sorted by code, with English names', () => {
    const countries = catalogue.countries();
    const codes = countries.map((country) => country.code);
    expect(countries.length).toBeGreaterThanOrEqual(249);
    expect(codes).toEqual(expect.arrayContaining(['US', 'DE', 'CN', 'TW', 'HK']));
    expect(codes).toEqual([...codes].sort());
    expect(countries.find((country) => country.code === 'DE')?.name).toBe('Germany');
  });

  it("reads the same codes and names from the English file as i18n-iso-countries' own functions give", () => {
    countryNames.registerLocale(english);
    const expected = Object.keys(countryNames.getAlpha2Codes())
      .filter((code) => code !== 'XK')
      .sort()
      .map((code) => ({ code, name: countryNames.getName(code, 'en') }));
    expect(catalogue.countries()).toEqual(expected);
  });

  it('only puts countries in region groups', () => {
    const countryCodes = new Set(catalogue.countries().map((country) => country.code));
    const strays = catalogue
      .regionGroups()
      .flatMap((group) => group.members.filter((m) => !countryCodes.has(m)));
    expect(strays).toEqual([]);
  });
});
