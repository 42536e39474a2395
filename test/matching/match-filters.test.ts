import { describe, expect, it } from 'vitest';
import type { MatchableChange } from '../../shared/matching/match-filters.js';
import type { Filters } from '../../shared/model/subscription.js';
import { matchableChange as change, match } from './matchable-change.js';

type Case = [name: string, filters: Filters, change: MatchableChange, matches: boolean];

describe('matchFilters: materials', () => {
  it.each<Case>([
    ['equal materials match', { materials: ['dysprosium'] }, change(), true],
    ['different materials do not', { materials: ['gallium'] }, change(), false],
    [
      'a filter on an ancestor hears a descendant (rare-earths hears dysprosium)',
      { materials: ['rare-earths'] },
      change(),
      true,
    ],
    ['a filter on the direct parent hears the element', { materials: ['heavy-rare-earths'] }, change(), true],
    [
      'an ancestor in another branch does not (battery-materials vs dysprosium)',
      { materials: ['battery-materials'] },
      change(),
      false,
    ],
    [
      'a filter on a descendant hears a rule on its ancestor (dysprosium hears rare-earths)',
      { materials: ['dysprosium'] },
      change({ materials: ['rare-earths'] }),
      true,
    ],
    [
      'heavy-rare-earths hears a rule on rare-earths',
      { materials: ['heavy-rare-earths'] },
      change({ materials: ['rare-earths'] }),
      true,
    ],
    [
      'a filter below another group does not hear it (dysprosium vs light-rare-earths)',
      { materials: ['dysprosium'] },
      change({ materials: ['light-rare-earths'] }),
      false,
    ],
    [
      'sibling elements do not match (dysprosium vs terbium)',
      { materials: ['dysprosium'] },
      change({ materials: ['terbium'] }),
      false,
    ],
    [
      'sibling groups do not match (light vs heavy rare earths)',
      { materials: ['light-rare-earths'] },
      change({ materials: ['heavy-rare-earths'] }),
      false,
    ],
    [
      'an element does not hear a sibling group (neodymium vs heavy-rare-earths)',
      { materials: ['neodymium'] },
      change({ materials: ['heavy-rare-earths'] }),
      false,
    ],
    ['* matches a rare earth', { materials: ['*'] }, change(), true],
    ['* matches a product', { materials: ['*'] }, change({ materials: ['lithium-ion-batteries'] }), true],
    [
      'any overlap of several materials matches',
      { materials: ['gallium', 'dysprosium'] },
      change({ materials: ['germanium', 'dysprosium'] }),
      true,
    ],
    [
      'several materials with no overlap do not match',
      { materials: ['gallium', 'lithium'] },
      change({ materials: ['germanium', 'dysprosium'] }),
      false,
    ],
  ])('%s', (_name, filters, changed, matches) => {
    expect(match(filters, changed) !== undefined).toBe(matches);
  });

  it('explains a descendant match as (change material, filter material) pairs', () => {
    expect(match({ materials: ['rare-earths'] }, change())?.materials).toEqual([
      { change: 'dysprosium', filter: 'rare-earths' },
    ]);
  });

  it('explains an ancestor match with the change material the rule names', () => {
    expect(match({ materials: ['dysprosium'] }, change({ materials: ['rare-earths'] }))?.materials).toEqual([
      { change: 'rare-earths', filter: 'dysprosium' },
    ]);
  });

  it('explains * as matching every change material', () => {
    expect(match({ materials: ['*'] }, change({ materials: ['gallium', 'germanium'] }))?.materials).toEqual([
      { change: 'gallium', filter: '*' },
      { change: 'germanium', filter: '*' },
    ]);
  });

  it('explains a multi-material match with only the overlapping pairs', () => {
    const explanation = match(
      { materials: ['gallium', 'heavy-rare-earths'] },
      change({ materials: ['germanium', 'dysprosium', 'rare-earths'] }),
    );
    expect(explanation?.materials).toHaveLength(2);
    expect(explanation?.materials).toEqual(
      expect.arrayContaining([
        { change: 'dysprosium', filter: 'heavy-rare-earths' },
        { change: 'rare-earths', filter: 'heavy-rare-earths' },
      ]),
    );
  });
});

describe('matchFilters: hsCodes', () => {
  it.each<Case>([
    [
      'a prefix matches a longer change code (8505 matches 850511)',
      { materials: ['*'], hsCodes: ['8505'] },
      change({ hsCodes: ['850511'] }),
      true,
    ],
    [
      'a prefix that starts no change code does not match (8507 vs 850511)',
      { materials: ['*'], hsCodes: ['8507'] },
      change({ hsCodes: ['850511'] }),
      false,
    ],
    [
      'dots in the filter are ignored (2846.90 matches 284690)',
      { materials: ['*'], hsCodes: ['2846.90'] },
      change({ hsCodes: ['284690'] }),
      true,
    ],
    [
      'dots in the change are ignored (2846 matches 2846.90)',
      { materials: ['*'], hsCodes: ['2846'] },
      change({ hsCodes: ['2846.90'] }),
      true,
    ],
    [
      'dots do not make a different code match (2846.10 vs 2846.90)',
      { materials: ['*'], hsCodes: ['2846.10'] },
      change({ hsCodes: ['2846.90'] }),
      false,
    ],
    [
      'any filter prefix may match any change code',
      { materials: ['*'], hsCodes: ['2805', '8505'] },
      change({ hsCodes: ['720299', '850511'] }),
      true,
    ],
    [
      'a change that names HS codes is judged by them, not by its materials\u2019 catalogue codes',
      { materials: ['*'], hsCodes: ['2846'] },
      change({ hsCodes: ['850511'] }),
      false,
    ],
  ])('%s', (_name, filters, changed, matches) => {
    expect(match(filters, changed) !== undefined).toBe(matches);
  });

  it('explains the change codes that matched, without dots', () => {
    expect(
      match({ materials: ['*'], hsCodes: ['2846'] }, change({ hsCodes: ['2846.90', '8505.11', '2846.10'] }))
        ?.hsCodes,
    ).toEqual(['284690', '284610']);
  });

  describe('decided behaviour: a change without HS codes is covered by the catalogue codes of its materials and their descendants', () => {
    it.each<Case>([
      [
        'dysprosium stands in with 280530/284690, so 2846 matches',
        { materials: ['*'], hsCodes: ['2846'] },
        change({ materials: ['dysprosium'] }),
        true,
      ],
      [
        'dysprosium has no magnet code, so 8505 does not match',
        { materials: ['*'], hsCodes: ['8505'] },
        change({ materials: ['dysprosium'] }),
        false,
      ],
      [
        'rare-earths stands in with its own 284610',
        { materials: ['*'], hsCodes: ['284610'] },
        change({ materials: ['rare-earths'] }),
        true,
      ],
      [
        'heavy-rare-earths has no codes itself; its elements\u2019 284690 stands in',
        { materials: ['*'], hsCodes: ['284690'] },
        change({ materials: ['heavy-rare-earths'] }),
        true,
      ],
      [
        'heavy-rare-earths does not get cerium\u2019s 284610 (a light rare earth)',
        { materials: ['*'], hsCodes: ['284610'] },
        change({ materials: ['heavy-rare-earths'] }),
        false,
      ],
      [
        'an empty HS code list counts as none',
        { materials: ['*'], hsCodes: ['2846'] },
        change({ materials: ['dysprosium'], hsCodes: [] }),
        true,
      ],
      [
        'a material without catalogue codes matches no HS filter',
        { materials: ['*'], hsCodes: ['85'] },
        change({ materials: ['rare-earth-processing-equipment'] }),
        false,
      ],
    ])('%s', (_name, filters, changed, matches) => {
      expect(match(filters, changed) !== undefined).toBe(matches);
    });

    it('explains which catalogue codes matched', () => {
      expect(
        match({ materials: ['*'], hsCodes: ['2846'] }, change({ materials: ['dysprosium'] }))?.hsCodes,
      ).toEqual(['284690']);
    });
  });
});

describe('matchFilters: regions', () => {
  it.each<Case>([
    [
      'a filter group covers a member destination (EU matches DE)',
      { materials: ['*'], affectedRegions: ['EU'] },
      change({ affectedRegions: ['DE'] }),
      true,
    ],
    [
      'a filter group does not cover a non-member (EU vs US)',
      { materials: ['*'], affectedRegions: ['EU'] },
      change({ affectedRegions: ['US'] }),
      false,
    ],
    [
      'a change group covers a filter country (G7 matches FR)',
      { materials: ['*'], affectedRegions: ['FR'] },
      change({ affectedRegions: ['G7'] }),
      true,
    ],
    [
      'a change group does not cover a non-member (G7 vs CN)',
      { materials: ['*'], affectedRegions: ['CN'] },
      change({ affectedRegions: ['G7'] }),
      false,
    ],
    [
      'FIVE-EYES matches NZ',
      { materials: ['*'], affectedRegions: ['FIVE-EYES'] },
      change({ affectedRegions: ['NZ'] }),
      true,
    ],
    [
      'NZ matches FIVE-EYES',
      { materials: ['*'], affectedRegions: ['NZ'] },
      change({ affectedRegions: ['FIVE-EYES'] }),
      true,
    ],
    [
      'FIVE-EYES does not match JP',
      { materials: ['*'], affectedRegions: ['FIVE-EYES'] },
      change({ affectedRegions: ['JP'] }),
      false,
    ],
    [
      'two groups overlap through a common member (QUAD and G7 share JP, US)',
      { materials: ['*'], affectedRegions: ['QUAD'] },
      change({ affectedRegions: ['G7'] }),
      true,
    ],
    [
      '* in the filter overlaps any destination',
      { materials: ['*'], affectedRegions: ['*'] },
      change({ affectedRegions: ['KP'] }),
      true,
    ],
    [
      '* in the change overlaps any filter',
      { materials: ['*'], affectedRegions: ['JP'] },
      change({ affectedRegions: ['*'] }),
      true,
    ],
    [
      'disjoint country sets do not match',
      { materials: ['*'], affectedRegions: ['US', 'JP'] },
      change({ affectedRegions: ['DE', 'FR'] }),
      false,
    ],
    [
      'disjoint groups do not match (EU vs QUAD)',
      { materials: ['*'], affectedRegions: ['EU'] },
      change({ affectedRegions: ['QUAD'] }),
      false,
    ],
    [
      'the issuing region must be in issuingRegions (CN filter, CN-issued)',
      { materials: ['*'], issuingRegions: ['CN'] },
      change({ issuingRegion: 'CN' }),
      true,
    ],
    [
      'a US-issued change does not match a CN issuingRegions filter',
      { materials: ['*'], issuingRegions: ['CN'] },
      change({ issuingRegion: 'US' }),
      false,
    ],
    [
      'issuingRegions groups expand (G7 hears a JP rule)',
      { materials: ['*'], issuingRegions: ['G7'] },
      change({ issuingRegion: 'JP' }),
      true,
    ],
    [
      'issuingRegions groups expand (G7 does not hear a CN rule)',
      { materials: ['*'], issuingRegions: ['G7'] },
      change({ issuingRegion: 'CN' }),
      false,
    ],
    [
      'a group-issued rule matches a member country (EU rule, DE filter)',
      { materials: ['*'], issuingRegions: ['DE'] },
      change({ issuingRegion: 'EU' }),
      true,
    ],
    [
      'issuingRegions * hears every issuer',
      { materials: ['*'], issuingRegions: ['*'] },
      change({ issuingRegion: 'US' }),
      true,
    ],
  ])('%s', (_name, filters, changed, matches) => {
    expect(match(filters, changed) !== undefined).toBe(matches);
  });

  it('explains the common countries after expanding groups', () => {
    const explanation = match(
      { materials: ['*'], affectedRegions: ['EU', 'JP'] },
      change({ affectedRegions: ['G7'] }),
    );
    expect(explanation?.affectedRegions?.slice().sort()).toEqual(['DE', 'FR', 'IT', 'JP']);
  });

  it.each([
    ['filter *, change DE', ['*'], ['DE'], ['DE']],
    ['change *, filter DE', ['DE'], ['*'], ['DE']],
    ['filter *, change FIVE-EYES', ['*'], ['FIVE-EYES'], ['AU', 'CA', 'GB', 'NZ', 'US']],
    ['both *', ['*'], ['*'], ['*']],
  ])(
    'explains a * overlap (%s) with the countries of the concrete side',
    (_name, filterRegions, changeRegions, expected) => {
      const explanation = match(
        { materials: ['*'], affectedRegions: filterRegions },
        change({ affectedRegions: changeRegions }),
      );
      expect(explanation?.affectedRegions?.slice().sort()).toEqual(expected);
    },
  );

  it('explains an issuing match with the change\u2019s issuing region', () => {
    expect(
      match({ materials: ['*'], issuingRegions: ['G7'] }, change({ issuingRegion: 'US' }))?.issuingRegion,
    ).toBe('US');
  });
});

describe('matchFilters: change types and severity', () => {
  it.each<Case>([
    [
      'changeTypes containing the type match',
      { materials: ['*'], changeTypes: ['export-ban', 'licence-requirement'] },
      change({ changeType: 'licence-requirement' }),
      true,
    ],
    [
      'changeTypes not containing the type do not',
      { materials: ['*'], changeTypes: ['export-quota', 'export-tax'] },
      change({ changeType: 'licence-requirement' }),
      false,
    ],
    [
      'minSeverity high accepts critical',
      { materials: ['*'], minSeverity: 'high' },
      change({ severity: 'critical' }),
      true,
    ],
    [
      'minSeverity high accepts high',
      { materials: ['*'], minSeverity: 'high' },
      change({ severity: 'high' }),
      true,
    ],
    [
      'minSeverity high refuses medium',
      { materials: ['*'], minSeverity: 'high' },
      change({ severity: 'medium' }),
      false,
    ],
    [
      'minSeverity high refuses low',
      { materials: ['*'], minSeverity: 'high' },
      change({ severity: 'low' }),
      false,
    ],
    [
      'minSeverity low accepts low',
      { materials: ['*'], minSeverity: 'low' },
      change({ severity: 'low' }),
      true,
    ],
    [
      'minSeverity critical refuses high',
      { materials: ['*'], minSeverity: 'critical' },
      change({ severity: 'high' }),
      false,
    ],
  ])('%s', (_name, filters, changed, matches) => {
    expect(match(filters, changed) !== undefined).toBe(matches);
  });
});

describe('matchFilters: combining filters', () => {
  it('treats absent filters as "any": only materials are checked and explained', () => {
    const explanation = match(
      { materials: ['rare-earths'] },
      change({
        issuingRegion: 'US',
        affectedRegions: ['KP'],
        changeType: 'other',
        severity: 'low',
        hsCodes: ['999999'],
      }),
    );
    expect(explanation).toEqual({ materials: [{ change: 'dysprosium', filter: 'rare-earths' }] });
  });

  const matching = change({
    materials: ['dysprosium'],
    hsCodes: ['2846.90'],
    issuingRegion: 'CN',
    affectedRegions: ['US', 'DE'],
    changeType: 'export-ban',
    severity: 'high',
  });
  const allFilters: Filters = {
    materials: ['heavy-rare-earths'],
    hsCodes: ['2846'],
    issuingRegions: ['CN'],
    affectedRegions: ['EU'],
    changeTypes: ['export-ban'],
    minSeverity: 'high',
  };

  it('matches when every present filter matches, and explains each', () => {
    expect(match(allFilters, matching)).toEqual({
      materials: [{ change: 'dysprosium', filter: 'heavy-rare-earths' }],
      hsCodes: ['284690'],
      issuingRegion: 'CN',
      affectedRegions: ['DE'],
    });
  });

  it.each<[keyof Filters, Filters[keyof Filters]]>([
    ['materials', ['light-rare-earths']],
    ['hsCodes', ['8505']],
    ['issuingRegions', ['US']],
    ['affectedRegions', ['JP']],
    ['changeTypes', ['export-quota']],
    ['minSeverity', 'critical'],
  ])('refuses when only %s fails and every other filter matches', (key, failing) => {
    expect(match(allFilters, matching)).toBeDefined();
    expect(match({ ...allFilters, [key]: failing }, matching)).toBeUndefined();
  });
});
