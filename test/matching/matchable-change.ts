import type { MatchableChange } from '../../shared/matching/match-filters.js';

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
