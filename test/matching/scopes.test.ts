import { describe, expect, it } from 'vitest';
import { fieldIssues } from '../../shared/kernel/errors.js';
import { matchSubscription } from '../../shared/matching/match-clauses.js';
import {
  indexPartitions,
  type MatchableChange,
  matchFilters,
  PARTY_SCOPE_PARTITION,
  prepareChange,
  subscriptionPartitions,
} from '../../shared/matching/match-filters.js';
import { defaultCatalogue } from '../../shared/model/catalogue.js';
import { changeScope, filterClauses } from '../../shared/model/filter-clauses.js';
import {
  type Filters,
  type SubscriptionFilters,
  SubscriptionFiltersSchema,
} from '../../shared/model/subscription.js';
import { matchableChange } from './matchable-change.js';

const catalogue = defaultCatalogue();

/** A lane rule: licences for dysprosium, every destination. */
const LANE = matchableChange();
/** An all-items rule: every dual-use item to US military end users. */
const ALL_ITEMS = matchableChange({ materials: ['*'], affectedRegions: ['US'], changeType: 'export-ban' });
/** A party rule on every item (an Entity List addition) naming one company. */
const PARTY_ALL_ITEMS = matchableChange({
  materials: ['*'],
  affectedRegions: ['*'],
  changeType: 'end-user-list-addition',
  entities: [{ name: 'Shenzhen Huaxin Optics Co., Ltd.', country: 'CN' }],
});
/** A party rule naming no material (an export-control list addition). */
const PARTY_NO_MATERIALS = matchableChange({
  materials: [],
  affectedRegions: ['US'],
  changeType: 'end-user-list-addition',
  entities: [{ name: 'Lockheed Martin Corporation', country: 'US' }],
});
/** A party rule on one material. */
const PARTY_GALLIUM = matchableChange({
  materials: ['gallium'],
  changeType: 'end-user-list-addition',
  entities: [{ name: 'Acme Semiconductors Inc.' }],
});

const CHANGES = { LANE, ALL_ITEMS, PARTY_ALL_ITEMS, PARTY_NO_MATERIALS, PARTY_GALLIUM } as const;
type ChangeName = keyof typeof CHANGES;

/** Whether the change matches, and (when it does) that the index reaches the subscription. */
function reaches(filters: SubscriptionFilters, change: MatchableChange): boolean {
  const prepared = prepareChange(change, catalogue);
  const matched = matchSubscription(prepared, filters, catalogue) !== undefined;
  if (matched) {
    const read = new Set(indexPartitions(prepared, catalogue));
    expect(
      subscriptionPartitions(filters).some((partition) => read.has(partition)),
      'a matching subscription is written where the change reads',
    ).toBe(true);
  }
  return matched;
}

describe('changeScope: the three kinds of change', () => {
  it.each<[string, MatchableChange, string]>([
    ['names materials, no entities: a lane rule', LANE, 'lanes'],
    ['names HS codes and materials: a lane rule', matchableChange({ hsCodes: ['2805'] }), 'lanes'],
    ['materials *, no entities: an all-items rule', ALL_ITEMS, 'all-items'],
    ['materials * with entities: a party rule', PARTY_ALL_ITEMS, 'parties'],
    ['entities without materials: a party rule', PARTY_NO_MATERIALS, 'parties'],
    ['a material with entities: a party rule', PARTY_GALLIUM, 'parties'],
    ['an empty entity list is no party', matchableChange({ entities: [] }), 'lanes'],
  ])('%s', (_name, change, scope) => {
    expect(changeScope(change)).toBe(scope);
  });
});

describe('scopes: which clause hears about which kind of change', () => {
  // Expected cells written before the run: [clause, change, reaches].
  it.each<[string, Filters, ChangeName, boolean]>([
    ['default scopes hear lane rules', { materials: ['dysprosium'] }, 'LANE', true],
    ['default scopes hear all-items rules', { materials: ['dysprosium'] }, 'ALL_ITEMS', true],
    ['materials * alone hears all-items rules', { materials: ['*'] }, 'ALL_ITEMS', true],
    [
      'materials * alone no longer hears a party rule on every item',
      { materials: ['*'] },
      'PARTY_ALL_ITEMS',
      false,
    ],
    [
      'materials * alone no longer hears a party rule naming no material',
      { materials: ['*'] },
      'PARTY_NO_MATERIALS',
      false,
    ],
    [
      'a material clause does not hear a party rule on its material',
      { materials: ['gallium'] },
      'PARTY_GALLIUM',
      false,
    ],
    [
      'a material clause does not hear a party rule on every item',
      { materials: ['dysprosium'] },
      'PARTY_ALL_ITEMS',
      false,
    ],
    ['lanes only: no all-items rule', { materials: ['dysprosium'], scopes: ['lanes'] }, 'ALL_ITEMS', false],
    ['lanes only: lane rules still', { materials: ['dysprosium'], scopes: ['lanes'] }, 'LANE', true],
    ['all-items only: no lane rule', { materials: ['dysprosium'], scopes: ['all-items'] }, 'LANE', false],
    ['all-items only: all-items rules', { materials: ['*'], scopes: ['all-items'] }, 'ALL_ITEMS', true],
    ['parties only: no lane rule', { materials: ['*'], scopes: ['parties'] }, 'LANE', false],
    ['parties only: no all-items rule', { materials: ['*'], scopes: ['parties'] }, 'ALL_ITEMS', false],
    [
      'parties with materials *: a party rule on every item',
      { materials: ['*'], scopes: ['parties'] },
      'PARTY_ALL_ITEMS',
      true,
    ],
    [
      'parties with materials *: a party rule naming no material',
      { materials: ['*'], scopes: ['parties'] },
      'PARTY_NO_MATERIALS',
      true,
    ],
    [
      'parties with a material: a party rule on it',
      { materials: ['gallium'], scopes: ['parties'] },
      'PARTY_GALLIUM',
      true,
    ],
    [
      'parties: other filters still apply (material)',
      { materials: ['lithium'], scopes: ['parties'] },
      'PARTY_GALLIUM',
      false,
    ],
    [
      'parties: other filters still apply (destination)',
      { materials: ['*'], affectedRegions: ['DE'], scopes: ['parties'] },
      'PARTY_NO_MATERIALS',
      false,
    ],
    [
      'parties: other filters still apply (severity)',
      { materials: ['*'], minSeverity: 'critical', scopes: ['parties'] },
      'PARTY_ALL_ITEMS',
      false,
    ],
    ['parties alone, no materials: every party rule', { scopes: ['parties'] }, 'PARTY_NO_MATERIALS', true],
    [
      'parties alone, no materials: a party rule on every item',
      { scopes: ['parties'] },
      'PARTY_ALL_ITEMS',
      true,
    ],
    ['parties alone, no materials: no lane rule', { scopes: ['parties'] }, 'LANE', false],
    ['parties alone, no materials: no all-items rule', { scopes: ['parties'] }, 'ALL_ITEMS', false],
    [
      'a watchlist hears the party rule naming its entity',
      { entities: [{ name: 'Lockheed Martin' }] },
      'PARTY_NO_MATERIALS',
      true,
    ],
    [
      'a watchlist with lanes-only scopes still hears its entity',
      { entities: [{ name: 'Lockheed Martin' }], scopes: ['lanes'] },
      'PARTY_NO_MATERIALS',
      true,
    ],
    [
      'a watchlist with materials hears its entity on its material',
      { materials: ['gallium'], entities: [{ name: 'Acme Semiconductors' }] },
      'PARTY_GALLIUM',
      true,
    ],
    [
      'a watchlist does not hear a party rule naming others',
      { entities: [{ name: 'Lockheed Martin' }] },
      'PARTY_ALL_ITEMS',
      false,
    ],
    ['a watchlist does not hear a lane rule', { entities: [{ name: 'Lockheed Martin' }] }, 'LANE', false],
  ])('%s', (_name, clause, change, expected) => {
    expect(reaches(SubscriptionFiltersSchema.parse(clause), CHANGES[change])).toBe(expected);
  });

  it('explains a party rule reached through parties as the material pairs that matched', () => {
    const prepared = prepareChange(PARTY_GALLIUM, catalogue);
    expect(matchFilters(prepared, { materials: ['gallium'], scopes: ['parties'] }, catalogue)).toEqual({
      materials: [{ change: 'gallium', filter: 'gallium' }],
    });
  });

  it('writes a clause that takes only party rules under SCOPE#parties, which only party rules read', () => {
    expect(subscriptionPartitions({ scopes: ['parties'] })).toEqual([PARTY_SCOPE_PARTITION]);
    expect(indexPartitions(prepareChange(PARTY_GALLIUM, catalogue), catalogue)).toContain(
      PARTY_SCOPE_PARTITION,
    );
    expect(indexPartitions(prepareChange(LANE, catalogue), catalogue)).not.toContain(PARTY_SCOPE_PARTITION);
    expect(indexPartitions(prepareChange(ALL_ITEMS, catalogue), catalogue)).not.toContain(
      PARTY_SCOPE_PARTITION,
    );
  });
});

describe('clause lists: any clause may match, one explanation', () => {
  const cobaltFromCongo: Filters = { materials: ['cobalt'], originRegions: ['CD'] };
  const lithiumFromChile: Filters = { materials: ['lithium'], originRegions: ['CL'] };
  const rareEarths: Filters = { materials: ['rare-earths'] };

  it('matches through the second clause and names it', () => {
    const change = matchableChange({ issuingRegion: 'CL', materials: ['lithium'], originRegions: ['CL'] });
    const result = matchSubscription(
      prepareChange(change, catalogue),
      [cobaltFromCongo, lithiumFromChile],
      catalogue,
    );
    expect(result).toEqual({
      match: { materials: [{ change: 'lithium', filter: 'lithium' }], originRegions: ['CL'], clauses: [1] },
      clauses: [1],
    });
  });

  it('merges every matching clause into one explanation, first clause first', () => {
    const change = matchableChange({ materials: ['dysprosium'], hsCodes: ['280530'] });
    const clauses: Filters[] = [
      lithiumFromChile,
      rareEarths,
      { materials: ['heavy-rare-earths'], hsCodes: ['2805'] },
    ];
    const result = matchSubscription(prepareChange(change, catalogue), clauses, catalogue);
    expect(result?.clauses).toEqual([1, 2]);
    expect(result?.match).toEqual({
      materials: [
        { change: 'dysprosium', filter: 'rare-earths' },
        { change: 'dysprosium', filter: 'heavy-rare-earths' },
      ],
      hsCodes: ['280530'],
      clauses: [1, 2],
    });
  });

  it('answers nothing when no clause matches', () => {
    const change = matchableChange({ materials: ['gallium'] });
    expect(
      matchSubscription(prepareChange(change, catalogue), [cobaltFromCongo, rareEarths], catalogue),
    ).toBeUndefined();
  });

  it('keeps the v2 explanation (no clauses) for filters written as one object', () => {
    const result = matchSubscription(prepareChange(LANE, catalogue), rareEarths, catalogue);
    expect(result).toEqual({
      match: { materials: [{ change: 'dysprosium', filter: 'rare-earths' }] },
      clauses: [0],
    });
  });

  it('lets a per-clause predicate refuse a clause that matched', () => {
    const clauses: Filters[] = [rareEarths, { materials: ['dysprosium'], minSeverity: 'low' }];
    const result = matchSubscription(
      prepareChange(LANE, catalogue),
      clauses,
      catalogue,
      (clause) => clause.minSeverity === undefined,
    );
    expect(result?.clauses).toEqual([0]);
    expect(
      matchSubscription(prepareChange(LANE, catalogue), clauses, catalogue, () => false),
    ).toBeUndefined();
  });

  it('indexes the union of the clauses’ partitions, each once', () => {
    expect(
      subscriptionPartitions([
        rareEarths,
        { materials: ['rare-earths', 'gallium'] },
        { scopes: ['parties'] },
      ]),
    ).toEqual(['MATERIAL#rare-earths', 'DEST#ANY', 'MATERIAL#gallium', PARTY_SCOPE_PARTITION]);
  });

  it('reads both shapes as clauses', () => {
    expect(filterClauses(rareEarths)).toEqual([rareEarths]);
    expect(filterClauses([rareEarths, lithiumFromChile])).toEqual([rareEarths, lithiumFromChile]);
  });
});

describe('SubscriptionFiltersSchema: the shapes and limits of clause lists', () => {
  const issues = (input: unknown) => {
    const error = SubscriptionFiltersSchema.safeParse(input).error;
    return error
      ? fieldIssues(error).map((issue) => ({ path: issue.field, message: issue.message }))
      : undefined;
  };

  it.each<[string, unknown, string]>([
    ['an empty list', [], '(body)'],
    ['eleven clauses', Array.from({ length: 11 }, () => ({ materials: ['gallium'] })), '(body)'],
    ['an unknown change type in a single clause', { materials: ['a'], changeTypes: ['x'] }, 'changeTypes.0'],
    [
      'a bad clause at index 3',
      [{ materials: ['a'] }, { materials: ['b'] }, { materials: ['c'] }, { materials: [] }],
      '3.materials',
    ],
    ['an unknown field in a clause', [{ materials: ['a'] }, { materials: ['b'], colour: 'red' }], '1.colour'],
    ['an unknown scope', { materials: ['a'], scopes: ['rivers'] }, 'scopes.0'],
    ['a scope named twice', { materials: ['a'], scopes: ['lanes', 'lanes'] }, 'scopes'],
    ['no materials with scopes other than parties alone', { scopes: ['parties', 'lanes'] }, 'materials'],
    [
      'materials over the limit summed over clauses',
      [
        { materials: Array.from({ length: 20 }, (_, i) => `m${i}`) },
        { materials: Array.from({ length: 6 }, (_, i) => `n${i}`) },
      ],
      '(body)',
    ],
  ])('refuses %s, naming the path', (_name, input, path) => {
    expect(issues(input)?.map((issue) => issue.path)).toContain(path);
  });

  it('accepts one to ten clauses and a single object', () => {
    expect(SubscriptionFiltersSchema.safeParse({ materials: ['gallium'] }).success).toBe(true);
    expect(SubscriptionFiltersSchema.safeParse([{ materials: ['gallium'] }]).success).toBe(true);
    expect(
      SubscriptionFiltersSchema.safeParse(Array.from({ length: 10 }, () => ({ materials: ['gallium'] })))
        .success,
    ).toBe(true);
  });
});
