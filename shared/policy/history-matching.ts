import type { PolicyChange } from '../model/policy-change.js';
import type { PolicyChangeStore } from '../store/policy-change-store.js';
import type { HistoryItem } from './history.js';

/** The matcher's progress as callers read it: the stored record with `matched` beside its count. */
export type MatchingView = PolicyChange['matching'] & { matched: number };

export function matchingView(matching: PolicyChange['matching']): MatchingView {
  return { ...matching, matched: matching.matchedSubscriptions };
}

/**
 * History items with the matcher's progress on their latest revision (`matching`): one batch read
 * for the page, so operators see which changes are still being matched and how many they reached.
 */
export async function withMatching(
  store: Pick<PolicyChangeStore, 'matchingOf'>,
  items: readonly HistoryItem[],
): Promise<(HistoryItem & { matching?: MatchingView })[]> {
  const matching = await store.matchingOf(items.map((item) => ({ id: item.id, revision: item.revision })));
  return items.map((item) => {
    const found = matching.get(item.id);
    return found ? { ...item, matching: matchingView(found) } : item;
  });
}
