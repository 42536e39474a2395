import { describe, expect, it } from 'vitest';
import {
  indexPartitions,
  type MatchableChange,
  prepareChange,
  subscriptionPartitions,
} from '../../shared/matching/match-filters.js';
import type { Filters } from '../../shared/model/subscription.js';
import { catalogue, matchableChange as change, match } from './matchable-change.js';

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
