import { describe, expect, it } from 'vitest';
import {
  indexPartitions,
  type MatchableChange,
  matchFilters,
  prepareChange,
  subscriptionPartitions,
} from '../../shared/matching/match-filters.js';
import { defaultCatalogue } from '../../shared/model/catalogue.js';
import type { Filters } from '../../shared/model/subscription.js';
import { matchableChange as change } from './matchable-change.js';

const catalogue = defaultCatalogue();

function match(filters: Filters, changed: MatchableChange) {
  return matchFilters(prepareChange(changed, catalogue), filters, catalogue);
}

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

describe('indexPartitions', () => {
  /** The material partitions a change reads, without their `MATERIAL#` prefix. */
  const partitions = (materials: string[]) =>
    indexPartitions(prepareChange(change({ materials }), catalogue), catalogue).flatMap((p) =>
      p.startsWith('MATERIAL#') ? [p.slice('MATERIAL#'.length)] : [],
    );
  const HEAVY = ['terbium', 'dysprosium', 'holmium', 'erbium', 'thulium', 'ytterbium', 'lutetium', 'yttrium'];

  it('lists an element, its ancestors and * (nothing unrelated)', () => {
    expect(partitions(['dysprosium']).sort()).toEqual([
      '*',
      'dysprosium',
      'heavy-rare-earths',
      'rare-earths',
    ]);
  });

  it('lists a group, its ancestors, every descendant and *', () => {
    expect(partitions(['heavy-rare-earths']).sort()).toEqual(
      ['*', 'heavy-rare-earths', 'rare-earths', ...HEAVY].sort(),
    );
  });

  it('lists every rare earth for a rule on rare-earths, and no other material', () => {
    const listed = partitions(['rare-earths']);
    expect(listed.sort()).toEqual(['*', 'rare-earths', ...catalogue.descendants('rare-earths')].sort());
    expect(listed).toEqual(expect.arrayContaining(['light-rare-earths', 'cerium', 'scandium', 'dysprosium']));
    expect(listed).not.toContain('gallium');
    expect(listed).not.toContain('battery-materials');
  });

  it('does not list siblings or other branches for a dysprosium change', () => {
    const listed = partitions(['dysprosium']);
    for (const unrelated of [
      'gallium',
      'terbium',
      'light-rare-earths',
      'minor-metals',
      'rare-earth-magnets',
    ]) {
      expect(listed).not.toContain(unrelated);
    }
  });

  it('lists each partition once for a change naming related materials', () => {
    const listed = partitions(['dysprosium', 'heavy-rare-earths', 'gallium']);
    expect(new Set(listed).size).toBe(listed.length);
    // Gallium's compounds and the doped wafers made from them sit below gallium in the catalogue.
    const GALLIUM = ['gallium', 'gallium-compounds', 'doped-semiconductor-wafers', 'minor-metals'];
    expect(listed.sort()).toEqual(['*', 'heavy-rare-earths', 'rare-earths', ...HEAVY, ...GALLIUM].sort());
  });
});

describe('index partitions beyond materials: every subscription is reachable from every change that can match it', () => {
  const read = (overrides: Partial<MatchableChange>) =>
    new Set(indexPartitions(prepareChange(change(overrides), catalogue), catalogue));

  it.each<[string, Filters, Partial<MatchableChange>, boolean]>([
    [
      'a dysprosium subscription, from a change on every item to the US',
      { materials: ['dysprosium'], affectedRegions: ['US'] },
      { materials: ['*'], affectedRegions: ['US'] },
      true,
    ],
    [
      'an EU-destination subscription, from a change on every item to Germany',
      { materials: ['gallium'], affectedRegions: ['EU'] },
      { materials: ['*'], affectedRegions: ['DE'] },
      true,
    ],
    [
      'a subscription with no destination, from a change on every item',
      { materials: ['gallium'] },
      { materials: ['*'], affectedRegions: ['JP'] },
      true,
    ],
    [
      'a subscription with eleven destinations (indexed as any), from a change on every item',
      {
        materials: ['gallium'],
        affectedRegions: ['US', 'DE', 'FR', 'IT', 'ES', 'NL', 'BE', 'PL', 'SE', 'AT', 'JP'],
      },
      { materials: ['*'], affectedRegions: ['KR'] },
      true,
    ],
    [
      'a Japan-destination subscription is not read for a change on every item to the US',
      { materials: ['gallium'], affectedRegions: ['JP'] },
      { materials: ['*'], affectedRegions: ['US'] },
      false,
    ],
    [
      'a watchlist, from a change listing the entity under another first word',
      { entities: [{ name: 'Huawei Technologies Co., Ltd.' }] },
      { materials: [], entities: [{ name: 'Beijing Huawei Digital', aliases: ['Huawei Technologies'] }] },
      true,
    ],
    [
      'a watchlist is not read for a change naming other entities',
      { entities: [{ name: 'Huawei' }] },
      { materials: [], entities: [{ name: 'Lockheed Martin' }] },
      false,
    ],
    [
      'an HS-only subscription, from a change whose codes share its chapter',
      { hsCodes: ['8505.11'] },
      { materials: ['rare-earth-magnets'], hsCodes: ['85051100'] },
      true,
    ],
    [
      'an HS-only subscription, from a change inheriting catalogue codes',
      { hsCodes: ['2846'] },
      { materials: ['dysprosium'] },
      true,
    ],
    [
      'an HS-only subscription is not read for a technology-only change',
      { hsCodes: ['2846'] },
      { materials: ['dysprosium'], itemTypes: ['technology'] },
      false,
    ],
  ])('%s', (_name, filters, changed, reachable) => {
    const partitions = read(changed);
    const found = subscriptionPartitions(filters).some((p) => partitions.has(p));
    expect(found).toBe(reachable);
    // Reachability is never looser than matching: what the index hides could never match.
    if (!found) expect(match(filters, change(changed))).toBeUndefined();
  });
});

describe('matchFilters: version-2 filters, each refusing on its own', () => {
  const listed = change({
    materials: ['gallium'],
    hsCodes: ['8112.92'],
    issuingRegion: 'CN',
    affectedRegions: ['US'],
    changeType: 'export-ban',
    severity: 'critical',
    itemTypes: ['goods', 'technology'],
    entities: [{ name: 'Skydio, Inc.', aliases: ['Skydio Drones'], country: 'US' }],
  });
  const everything: Filters = {
    materials: ['minor-metals'],
    hsCodes: ['81129210'],
    originRegions: ['CN'],
    affectedRegions: ['FIVE-EYES'],
    directions: ['tightening'],
    itemTypes: ['technology'],
    entities: [{ name: 'SKYDIO INC', country: 'US' }],
  };

  it('matches when every filter matches: HS prefix both ways, default origin and direction, entity after normalisation', () => {
    expect(match(everything, listed)).toEqual({
      materials: [{ change: 'gallium', filter: 'minor-metals' }],
      hsCodes: ['811292'],
      originRegions: ['CN'],
      affectedRegions: ['US'],
      entities: [{ watched: 'SKYDIO INC', listed: 'Skydio, Inc.', score: 1 }],
    });
  });

  it.each<[keyof Filters, Filters[keyof Filters]]>([
    ['originRegions', ['US']],
    ['directions', ['relaxation']],
    ['itemTypes', ['services']],
    ['entities', [{ name: 'Skydio Inc', country: 'CN' }]],
    ['entities', [{ name: 'Skyline Robotics' }]],
    ['hsCodes', ['8112.99']],
  ])('refuses when only %s fails', (key, failing) => {
    expect(match({ ...everything, [key]: failing }, listed)).toBeUndefined();
  });

  it.each<[string, Filters, Partial<MatchableChange>, boolean]>([
    [
      'a change on every item matches any materials filter',
      { materials: ['dysprosium'] },
      { materials: ['*'] },
      true,
    ],
    [
      'a change naming only entities does not match a materials filter',
      { materials: ['dysprosium'] },
      { materials: [], entities: [{ name: 'Acme' }] },
      false,
    ],
    [
      'a change naming only entities (a party rule) does not match the filter * alone',
      { materials: ['*'] },
      { materials: [], entities: [{ name: 'Acme' }] },
      false,
    ],
    [
      'a change naming only entities matches the filter * that takes party rules',
      { materials: ['*'], scopes: ['parties'] },
      { materials: [], entities: [{ name: 'Acme' }] },
      true,
    ],
    [
      'a change on every item without HS codes does not match an HS filter',
      { hsCodes: ['2846'] },
      { materials: ['*'] },
      false,
    ],
    [
      'a technology-only change inherits no HS codes',
      { hsCodes: ['2846'] },
      { materials: ['dysprosium'], itemTypes: ['technology'] },
      false,
    ],
    [
      'a goods change inherits its materials’ HS codes',
      { hsCodes: ['2846'] },
      { materials: ['dysprosium'] },
      true,
    ],
    [
      'an import tariff has origin * by default, so any origin filter matches',
      { materials: ['aluminium'], originRegions: ['CN'] },
      { materials: ['aluminium'], changeType: 'import-tariff', issuingRegion: 'US' },
      true,
    ],
    [
      'a suspension is a relaxation by default',
      { materials: ['dysprosium'], directions: ['relaxation'] },
      { changeType: 'suspension' },
      true,
    ],
  ])('%s', (_name, filters, changed, expected) => {
    expect(match(filters, change(changed)) !== undefined).toBe(expected);
  });
});
