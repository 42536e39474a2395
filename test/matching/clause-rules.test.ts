import { describe, expect, it } from 'vitest';
import { matchSubscription } from '../../shared/matching/match-clauses.js';
import { prepareChange } from '../../shared/matching/match-filters.js';
import { clauseTotalIssues } from '../../shared/model/filter-clauses.js';
import type { Filters } from '../../shared/model/subscription.js';
import { catalogue, matchableChange } from './matchable-change.js';

/**
 * A list of clauses: the explanation is the union of what each matching clause matched, each
 * pair, code, region and entity once, first clause first; and the limits count over all clauses.
 */

const matchList = (change: ReturnType<typeof matchableChange>, clauses: Filters[]) =>
  matchSubscription(prepareChange(change, catalogue), clauses, catalogue);

/** A CN lithium rule from Chile and Argentina to Germany and France, tariff line 2836 91. */
const LITHIUM = matchableChange({
  materials: ['lithium'],
  hsCodes: ['283691'],
  originRegions: ['CL', 'AR'],
  affectedRegions: ['DE', 'FR'],
});

describe('merging the explanations of the clauses that matched', () => {
  it('names a material pair once when two clauses matched it', () => {
    expect(matchList(LITHIUM, [{ materials: ['lithium'] }, { materials: ['lithium'] }])).toStrictEqual({
      match: { materials: [{ change: 'lithium', filter: 'lithium' }], clauses: [0, 1] },
      clauses: [0, 1],
    });
  });

  it('carries no field that no clause matched on', () => {
    const result = matchList(LITHIUM, [{ materials: ['lithium'] }, { materials: ['battery-materials'] }]);
    expect(result?.clauses).toEqual([0, 1]);
    expect(Object.keys(result?.match ?? {}).sort()).toEqual(['clauses', 'materials']);
  });

  it('takes the issuer from whichever clause matched on it', () => {
    const result = matchList(LITHIUM, [{ materials: ['lithium'] }, { issuingRegions: ['CN'] }]);
    expect(result?.match.issuingRegion).toBe('CN');
    const first = matchList(LITHIUM, [{ issuingRegions: ['CN'] }, { materials: ['lithium'] }]);
    expect(first?.match.issuingRegion).toBe('CN');
  });

  it('keeps the origins and destinations of one clause when the other names none', () => {
    const result = matchList(LITHIUM, [
      { materials: ['lithium'], originRegions: ['CL'], affectedRegions: ['DE'] },
      { materials: ['lithium'] },
    ]);
    expect(result?.match).toStrictEqual({
      materials: [{ change: 'lithium', filter: 'lithium' }],
      originRegions: ['CL'],
      affectedRegions: ['DE'],
      clauses: [0, 1],
    });
  });

  it('unites origins, destinations and codes of both clauses, each once, first clause first', () => {
    const result = matchList(LITHIUM, [
      { materials: ['lithium'], originRegions: ['CL'], affectedRegions: ['DE'] },
      { hsCodes: ['2836'], originRegions: ['AR', 'CL'], affectedRegions: ['FR'] },
    ]);
    expect(result?.match).toStrictEqual({
      materials: [{ change: 'lithium', filter: 'lithium' }],
      hsCodes: ['283691'],
      originRegions: ['CL', 'AR'],
      affectedRegions: ['DE', 'FR'],
      clauses: [0, 1],
    });
  });

  it('keeps the codes of the second clause when the first names none', () => {
    const result = matchList(LITHIUM, [{ materials: ['lithium'] }, { hsCodes: ['28'] }]);
    expect(result?.match.hsCodes).toEqual(['283691']);
  });
});

describe('merging the entities of party rules', () => {
  /** A party rule on gallium naming two companies. */
  const PARTY = matchableChange({
    materials: ['gallium'],
    changeType: 'end-user-list-addition',
    entities: [{ name: 'Acme Semiconductors Inc.' }, { name: 'Lockheed Martin Corporation' }],
  });
  const acme = { watched: 'Acme Semiconductors Inc.', listed: 'Acme Semiconductors Inc.', score: 1 };
  const lockheed = {
    watched: 'Lockheed Martin Corporation',
    listed: 'Lockheed Martin Corporation',
    score: 1,
  };

  it('names each watched entity once, first clause first', () => {
    const result = matchList(PARTY, [
      { entities: [{ name: 'Acme Semiconductors Inc.' }] },
      { entities: [{ name: 'Lockheed Martin Corporation' }, { name: 'Acme Semiconductors Inc.' }] },
    ]);
    expect(result?.match).toStrictEqual({ materials: [], entities: [acme, lockheed], clauses: [0, 1] });
  });

  it('keeps the entities of one clause when the other watches none', () => {
    const second = matchList(PARTY, [
      { materials: ['gallium'], scopes: ['parties'] },
      { entities: [{ name: 'Lockheed Martin Corporation' }] },
    ]);
    expect(second?.match.entities).toEqual([lockheed]);
    const first = matchList(PARTY, [
      { entities: [{ name: 'Acme Semiconductors Inc.' }] },
      { materials: ['gallium'], scopes: ['parties'] },
    ]);
    expect(first?.match.entities).toEqual([acme]);
  });
});

describe('the limits of a subscription, summed over its clauses', () => {
  const limits = { materials: 3, hsCodes: 2, entities: 2, regions: 4 };
  const three = ['a', 'b', 'c'];

  it('lets every field reach its limit', () => {
    expect(
      clauseTotalIssues(
        [
          {
            materials: ['a', 'b'],
            hsCodes: ['28'],
            entities: [{}],
            issuingRegions: three,
            originRegions: three,
          },
          {
            materials: ['c'],
            hsCodes: ['29'],
            entities: [{}],
            issuingRegions: ['d'],
            affectedRegions: three,
          },
        ],
        limits,
      ),
    ).toEqual([]);
  });

  it.each([
    ['materials', [{ materials: three }, { materials: ['d'] }], 4, 3],
    ['hsCodes', [{ hsCodes: ['28', '29'] }, { hsCodes: ['81'] }], 3, 2],
    ['entities', [{ entities: [{}] }, { entities: [{}, {}] }], 3, 2],
    ['issuingRegions', [{ issuingRegions: three }, { issuingRegions: ['d', 'e'] }], 5, 4],
    ['originRegions', [{ originRegions: three }, { originRegions: ['d', 'e'] }], 5, 4],
    ['affectedRegions', [{ affectedRegions: three }, { affectedRegions: ['d', 'e'] }], 5, 4],
  ])('names %s when the clauses together exceed it', (field, clauses, total, max) => {
    const issues = clauseTotalIssues(clauses, limits);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.field).toBe(field);
    expect(issues[0]?.message).toContain(`${total} ${field}`);
    expect(issues[0]?.message).toContain(`at most ${max}`);
  });
});
