import type { MatchExplanation } from '../model/delivery.js';
import { filterClauses } from '../model/filter-clauses.js';
import type { PolicyChange } from '../model/policy-change.js';
import type { ApplicabilitySetting } from '../model/profile.js';
import type { SubscriptionFilters } from '../model/subscription.js';
import type { IndexedSubscription } from '../store/subscription-store.js';
import { type Applicability, admits, judgeApplicability } from './applicability.js';

/**
 * The applicability of a change to each subscription a fan-out reaches, judged from the profile
 * in its index item (no read per candidate) and once per distinct profile: fifty thousand
 * candidates share a handful of profiles.
 */
export function judgeMatches<
  M extends { candidate: IndexedSubscription; match: MatchExplanation; clauses?: readonly number[] },
>(
  change: Pick<PolicyChange, 'issuingRegion' | 'direction' | 'conditions'>,
  matches: readonly M[],
  /**
   * The `applicability` settings of the filter clauses that matched: the alert is sent when any
   * of them admits the verdict. By default, those of the clauses in `entry.clauses` (all of the
   * subscription's clauses when it names none).
   */
  settingsOf: (entry: M) => readonly (ApplicabilitySetting | undefined)[] = (entry) =>
    clauseSettings(entry.candidate.filters, entry.clauses),
): { kept: (M & { applicability: Applicability })[]; notApplicable: number } {
  const verdicts = new Map<string, Applicability>();
  const kept: (M & { applicability: Applicability })[] = [];
  let notApplicable = 0;
  for (const entry of matches) {
    const profile = entry.candidate.profile;
    const key = profile ? JSON.stringify(profile) : '';
    let applicability = verdicts.get(key);
    if (!applicability) {
      applicability = judgeApplicability(change, profile);
      verdicts.set(key, applicability);
    }
    // Those told because they heard of the change before hear of it again, whatever the verdict.
    const verdict = applicability.verdict;
    const sent =
      entry.match.earlierAlert === true ||
      settingsOf(entry).some((setting) => admits(setting, verdict, change.direction));
    if (sent) kept.push({ ...entry, applicability });
    else notApplicable += 1;
  }
  return { kept, notApplicable };
}

/** The `applicability` settings of a subscription's clauses: those listed in `indices`, or all. */
export function clauseSettings(
  filters: SubscriptionFilters,
  indices?: readonly number[],
): (ApplicabilitySetting | undefined)[] {
  const clauses = filterClauses(filters);
  return (indices ?? clauses.map((_, i) => i)).map((i) => clauses[i]?.applicability);
}
