import { describe, expect, it } from 'vitest';
import { type MatchableChange, matchFilters, prepareChange } from '../../shared/matching/match-filters.js';
import { defaultCatalogue } from '../../shared/model/catalogue.js';
import type { Filters } from '../../shared/model/subscription.js';
import { matchableChange as change } from './matchable-change.js';

const catalogue = defaultCatalogue();
const match = (filters: Filters, overrides: Partial<MatchableChange>) =>
  matchFilters(prepareChange(change(overrides), catalogue), filters, catalogue);

// The catalogue's codes for dysprosium (ores and compounds).
const DYSPROSIUM_CODES = ['280530', '284690'];

describe('prepareChange: the HS codes a change covers', () => {
  it.each<[string, Partial<MatchableChange>, string[]]>([
    ['its own codes, without dots or spaces', { hsCodes: ['8505.11', '2846 90'] }, ['850511', '284690']],
    ['goods inherit the catalogue codes of their materials', { itemTypes: ['goods'] }, DYSPROSIUM_CODES],
    ['equipment inherits them too', { itemTypes: ['equipment'] }, DYSPROSIUM_CODES],
    ['goods beside technology still inherit them', { itemTypes: ['technology', 'goods'] }, DYSPROSIUM_CODES],
    ['technology alone inherits none', { itemTypes: ['technology'] }, []],
    ['services and software inherit none', { itemTypes: ['services', 'software'] }, []],
    ['a change on every item inherits none', { materials: ['*'] }, []],
    [
      'a material inherits the codes of its descendants too, each once',
      { materials: ['gallium', 'gallium-compounds'] },
      // gallium, then gallium compounds, then the doped wafers made from them
      ['811292', '811299', '282590', '285000', '285390', '381800'],
    ],
    ['a material the catalogue no longer has brings no code', { materials: ['unobtainium'] }, []],
  ])('%s', (_name, overrides, codes) => {
    expect(prepareChange(change(overrides), catalogue).hsCodes).toEqual(codes);
  });
});

describe('matchFilters: explanations and item types', () => {
  it.each<[string, Filters, Partial<MatchableChange>, unknown]>([
    [
      'a change on every item explains each filter material against *',
      { materials: ['dysprosium', 'gallium'] },
      { materials: ['*'] },
      {
        materials: [
          { change: '*', filter: 'dysprosium' },
          { change: '*', filter: 'gallium' },
        ],
      },
    ],
    [
      'a change naming only entities matches the filter * that takes party rules as * against *',
      { materials: ['*'], scopes: ['parties'] },
      { materials: [], entities: [{ name: 'Acme' }] },
      { materials: [{ change: '*', filter: '*' }] },
    ],
    [
      'a material named twice is explained once',
      { materials: ['heavy-rare-earths'] },
      { materials: ['dysprosium', 'dysprosium'] },
      { materials: [{ change: 'dysprosium', filter: 'heavy-rare-earths' }] },
    ],
    [
      'an item-type filter matches when any of its types is the change’s',
      { itemTypes: ['services', 'technology'] },
      { itemTypes: ['technology'] },
      { materials: [] },
    ],
    [
      'an item-type filter refuses a change of none of its types',
      { itemTypes: ['services'] },
      { itemTypes: ['goods'] },
      undefined,
    ],
    ['a watchlist refuses a change that names no entity', { entities: [{ name: 'Acme' }] }, {}, undefined],
  ])('%s', (_name, filters, overrides, explanation) => {
    expect(match(filters, overrides)).toEqual(explanation);
  });
});
