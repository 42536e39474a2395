import { type MatchableChange, matchFilters, prepareChange } from '../../shared/matching/match-filters.js';
import { defaultCatalogue } from '../../shared/model/catalogue.js';
import type { Filters } from '../../shared/model/subscription.js';

/** The shipped catalogue, which the matching tests match through. */
export const catalogue = defaultCatalogue();

/** Matches one filter object against a change through the shipped catalogue. */
export function match(filters: Filters, changed: MatchableChange) {
  return matchFilters(prepareChange(changed, catalogue), filters, catalogue);
}

/** A CN licence rule on dysprosium for every destination; override what a case is about. */
export function matchableChange(overrides: Partial<MatchableChange> = {}): MatchableChange {
  return {
    materials: ['dysprosium'],
    issuingRegion: 'CN',
    affectedRegions: ['*'],
    changeType: 'licence-requirement',
    severity: 'high',
    ...overrides,
  };
}
