import type { Catalogue } from '../model/catalogue.js';
import type { MatchExplanation } from '../model/delivery.js';
import { filterClauses } from '../model/filter-clauses.js';
import type { Filters, SubscriptionFilters } from '../model/subscription.js';
import { matchFilters, type PreparedChange } from './match-filters.js';

/** A subscription's match: the explanation sent as `data.match`, and the clauses that matched. */
export interface SubscriptionMatch {
  match: MatchExplanation;
  /** Indices of the matching clauses (`[0]` for filters written as one object). */
  clauses: number[];
}

/**
 * Decides whether a change matches a subscription's filters: one clause, or a list of which any
 * may match. `admit` may refuse a clause that matched (a per-clause setting judged elsewhere).
 * Filters written as a list carry `clauses` in the explanation; the explanation is the union of
 * what each matching clause matched, first clause first.
 *
 * @example
 * matchSubscription(prepared, [{ materials: ['cobalt'], originRegions: ['CD'] }, { materials: ['lithium'] }], catalogue)
 * // { match: { materials: [{ change: 'lithium', filter: 'lithium' }], clauses: [1] }, clauses: [1] }
 */
export function matchSubscription(
  prepared: PreparedChange,
  filters: SubscriptionFilters,
  catalogue: Catalogue,
  admit?: (clause: Filters, index: number) => boolean,
): SubscriptionMatch | undefined {
  const clauses: number[] = [];
  const explanations: MatchExplanation[] = [];
  filterClauses(filters).forEach((clause, index) => {
    const explanation = matchFilters(prepared, clause, catalogue);
    if (!explanation || (admit && !admit(clause, index))) return;
    clauses.push(index);
    explanations.push(explanation);
  });
  const [first, ...others] = explanations;
  if (!first) return undefined;
  if (!Array.isArray(filters)) return { match: first, clauses };
  return { match: { ...others.reduce(mergeExplanations, first), clauses }, clauses };
}

/**
 * Every candidate whose filters the change matches, with its explanation and the clauses that
 * matched: the matcher's step, shared by what previews or counts a fan-out without sending.
 */
export function matchCandidates<C extends { filters: SubscriptionFilters }>(
  prepared: PreparedChange,
  candidates: readonly C[],
  catalogue: Catalogue,
): ({ candidate: C } & SubscriptionMatch)[] {
  return candidates.flatMap((candidate) => {
    const matched = matchSubscription(prepared, candidate.filters, catalogue);
    return matched ? [{ candidate, ...matched }] : [];
  });
}

/** Two clauses' explanations as one: every pair, code, region and entity either matched, once. */
function mergeExplanations(a: MatchExplanation, b: MatchExplanation): MatchExplanation {
  const merged: MatchExplanation = {
    materials: unique([...a.materials, ...b.materials], (m) => `${m.change}\u0000${m.filter}`),
  };
  const hsCodes = union(a.hsCodes, b.hsCodes);
  if (hsCodes) merged.hsCodes = hsCodes;
  const issuingRegion = a.issuingRegion ?? b.issuingRegion;
  if (issuingRegion) merged.issuingRegion = issuingRegion;
  const originRegions = union(a.originRegions, b.originRegions);
  if (originRegions) merged.originRegions = originRegions;
  const affectedRegions = union(a.affectedRegions, b.affectedRegions);
  if (affectedRegions) merged.affectedRegions = affectedRegions;
  if (a.entities || b.entities) {
    merged.entities = unique(
      [...(a.entities ?? []), ...(b.entities ?? [])],
      (e) => `${e.watched}\u0000${e.listed}`,
    );
  }
  return merged;
}

function union(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] | undefined {
  return a || b ? [...new Set([...(a ?? []), ...(b ?? [])])] : undefined;
}

function unique<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
