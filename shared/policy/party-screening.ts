import { matchWatchlist } from '../matching/entities.js';
import type { MatchableChange } from '../matching/match-filters.js';
import { prepareChange } from '../matching/match-filters.js';
import type { Catalogue } from '../model/catalogue.js';
import type { PolicyChange, Status } from '../model/policy-change.js';

/** Parties one regime query may screen: as many as one watchlist may hold. */
export const MAX_SCREENED_PARTIES = 25;

/** One screened party and the party rules that list it. */
export interface PartyScreening {
  party: string;
  matches: { policyChangeId: string; listed: string; score: number; status: Status }[];
}

/**
 * Screens named parties against the listed names and aliases of the given party rules, with the
 * same entity matching as a watchlist (legal forms ignored, look-alikes refused). Every party is
 * answered, with no matches when no rule lists it.
 *
 * @example
 * screenParties(regime.partyRules, ['Lockheed Martin'], catalogue)
 * // [{ party: 'Lockheed Martin', matches: [{ policyChangeId: 'pc_…', listed: 'Lockheed Martin Corporation', score: 1, status: 'in-force' }] }]
 */
export function screenParties(
  rules: readonly { policyChange: MatchableChange & Pick<PolicyChange, 'id'>; status: Status }[],
  parties: readonly string[],
  catalogue: Catalogue,
): PartyScreening[] {
  const names = [...new Set(parties)];
  const screening = new Map<string, PartyScreening['matches']>(names.map((name) => [name, []]));
  const watchlist = names.map((name) => ({ name }));
  for (const rule of rules) {
    const listing = prepareChange(rule.policyChange, catalogue).entities;
    for (const match of matchWatchlist(listing, watchlist)) {
      screening.get(match.watched)?.push({
        policyChangeId: rule.policyChange.id,
        listed: match.listed,
        score: match.score,
        status: rule.status,
      });
    }
  }
  return names.map((party) => ({ party, matches: screening.get(party) ?? [] }));
}
