import { describe, expect, it } from 'vitest';
import {
  ANY_DESTINATION,
  DESTINATION_INDEX_LIMIT,
  indexPartitions,
  type MatchableChange,
  prepareChange,
  subscriptionPartitions,
} from '../../shared/matching/match-filters.js';
import { defaultCatalogue } from '../../shared/model/catalogue.js';
import type { Filters } from '../../shared/model/subscription.js';
import { matchableChange } from './matchable-change.js';

const catalogue = defaultCatalogue();

/** The partitions a CN licence rule on dysprosium to Japan reads, with what a case is about. */
const read = (overrides: Partial<MatchableChange>) =>
  indexPartitions(
    prepareChange(matchableChange({ affectedRegions: ['JP'], ...overrides }), catalogue),
    catalogue,
  );

const TEN = ['US', 'DE', 'FR', 'IT', 'ES', 'NL', 'BE', 'PL', 'SE', 'AT'];

describe('subscriptionPartitions: where a subscription is written in the index', () => {
  it.each<[string, Filters, string[]]>([
    [
      'materials without destinations: each material, and any destination',
      { materials: ['gallium', 'dysprosium'] },
      ['MATERIAL#gallium', 'MATERIAL#dysprosium', `DEST#${ANY_DESTINATION}`],
    ],
    [
      'materials with destinations: each destination, upper case',
      { materials: ['gallium'], affectedRegions: ['us', 'EU'] },
      ['MATERIAL#gallium', 'DEST#US', 'DEST#EU'],
    ],
    [
      `exactly ${DESTINATION_INDEX_LIMIT} destinations are still written one by one`,
      { materials: ['gallium'], affectedRegions: TEN },
      ['MATERIAL#gallium', ...TEN.map((code) => `DEST#${code}`)],
    ],
    [
      `more than ${DESTINATION_INDEX_LIMIT} destinations: any destination`,
      { materials: ['gallium'], affectedRegions: [...TEN, 'JP'] },
      ['MATERIAL#gallium', 'DEST#ANY'],
    ],
    [
      'destination *: any destination',
      { materials: ['gallium'], affectedRegions: ['*'] },
      ['MATERIAL#gallium', 'DEST#ANY'],
    ],
    [
      'materials *: no destination partition at all',
      { materials: ['*'], affectedRegions: ['US'] },
      ['MATERIAL#*'],
    ],
    [
      'a * among other materials: no destination partition either',
      { materials: ['gallium', '*'], affectedRegions: ['US'] },
      ['MATERIAL#gallium', 'MATERIAL#*'],
    ],
    [
      'a watchlist without materials: the block of each watched name, once',
      { entities: [{ name: 'The Huawei Technologies Co.' }, { name: 'Huawei Digital' }, { name: 'Skydio' }] },
      ['ENTITY#huaw', 'ENTITY#skyd'],
    ],
    [
      'HS codes only: the chapter of each prefix, once',
      { hsCodes: ['8505.11', '85.06', '2846'] },
      ['HS#85', 'HS#28'],
    ],
    ['no materials, watchlist or HS codes: nothing to index', { directions: ['tightening'] }, []],
  ])('%s', (_name, filters, partitions) => {
    expect(subscriptionPartitions(filters)).toEqual(partitions);
  });
});

describe('indexPartitions: what a change reads', () => {
  it('a change naming materials reads its materials’ relatives, entity blocks and HS chapters, and no destination', () => {
    expect(read({ entities: [{ name: 'Huawei Tech', aliases: ['Huawei'] }] })).toEqual([
      'MATERIAL#*',
      'MATERIAL#dysprosium',
      'MATERIAL#heavy-rare-earths',
      'MATERIAL#rare-earths',
      'ENTITY#huaw',
      'ENTITY#tech',
      // A change naming entities is a party rule: it reads the clauses that take party rules alone.
      'SCOPE#parties',
      'HS#28',
    ]);
  });

  it('a change on every item reads its destinations, *, any, and the groups that hold them', () => {
    expect(read({ materials: ['*'], affectedRegions: ['JP'] })).toEqual([
      'MATERIAL#*',
      'DEST#JP',
      'DEST#*',
      'DEST#ANY',
      'DEST#G7',
      'DEST#QUAD',
    ]);
  });

  it('a change on every item to every destination reads every country and every group', () => {
    const partitions = read({ materials: ['*'], affectedRegions: ['*'] });
    const countries = catalogue.countries().map((country) => `DEST#${country.code}`);
    const groups = catalogue.regionGroups().map((group) => `DEST#${group.id}`);
    expect(partitions.sort()).toEqual(['MATERIAL#*', 'DEST#*', 'DEST#ANY', ...countries, ...groups].sort());
  });
});
