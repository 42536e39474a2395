import type { Catalogue } from '../model/catalogue.js';
import { type PolicyChangeInput, withChangeDefaults } from '../model/policy-change.js';
import type { SubscriptionStore } from '../store/subscription-store.js';
import { matchCandidates } from './match-clauses.js';
import { indexPartitions, prepareChange } from './match-filters.js';
import { judgeMatches } from './verdicts.js';

/** How far a change would go if it were published now. */
export interface Reach {
  /** Active subscriptions whose filters match it. */
  matched: number;
  /** Of those, how many would be sent an alert (the applicability setting admits the verdict). */
  alerts: number;
  /** The kind of change: a lane rule, an all-items rule (`materials: ["*"]`) or a party rule. */
  scope: 'lanes' | 'all-items' | 'parties';
  /** Index items read to find the candidates (what the estimate cost). */
  itemsRead: number;
}

/**
 * The subscriptions a change not yet published would reach, found as the matcher finds them (the
 * index partitions the change can reach, then each candidate's filters and verdict), so a reviewer
 * sees before approving how far a wildcard or a broad lane goes. Nothing is written.
 *
 * @example
 * await reachOf({ subscriptions }, { materials: ['*'], affectedRegions: ['US'], … }, catalogue)
 * // { matched: 412, alerts: 388, scope: 'all-items', itemsRead: 530 }
 */
export async function reachOf(
  deps: { subscriptions: Pick<SubscriptionStore, 'candidates'> },
  input: Omit<PolicyChangeInput, 'relatedChanges'>,
  catalogue: Catalogue,
): Promise<Reach> {
  const change = withChangeDefaults(input);
  const prepared = prepareChange(change, catalogue);
  const { candidates, itemsRead } = await deps.subscriptions.candidates(indexPartitions(prepared, catalogue));
  const active = candidates.filter((candidate) => candidate.status === 'active');
  const matches = matchCandidates(prepared, active, catalogue);
  const { kept } = judgeMatches(change, matches);
  return { matched: matches.length, alerts: kept.length, scope: prepared.scope, itemsRead };
}
