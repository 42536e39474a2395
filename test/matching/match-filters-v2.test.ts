import { describe, expect, it } from 'vitest';
import type { MatchableChange } from '../../shared/matching/match-filters.js';
import type { Filters } from '../../shared/model/subscription.js';
import { matchableChange as change, match } from './matchable-change.js';

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
