import * as z from 'zod';
import { SCOPES } from './vocabulary.js';

export { SCOPES };

/**
 * Subscription filters as clauses, and the scope of a change (lane rule, all-items rule, party
 * rule). Pure: the subscription schema and every reader of `filters` build on these.
 */

export const ScopeSchema = z.enum(SCOPES);
export type Scope = z.infer<typeof ScopeSchema>;

/** What a clause hears about when it names no `scopes`: lane and all-items rules, no party rules. */
export const DEFAULT_SCOPES: readonly Scope[] = ['lanes', 'all-items'];

/** The scopes a clause hears about. */
export function clauseScopes(clause: { scopes?: readonly Scope[] | undefined }): readonly Scope[] {
  return clause.scopes ?? DEFAULT_SCOPES;
}

/**
 * The kind of a change: a change that names entities is a party rule whatever its materials.
 *
 * @example changeScope({ materials: ['*'], entities: [{ name: 'Acme' }] }) // 'parties'
 */
export function changeScope(change: { materials: readonly string[]; entities?: readonly unknown[] }): Scope {
  if (change.entities?.length) return 'parties';
  return change.materials.includes('*') ? 'all-items' : 'lanes';
}

/** A subscription's filters hold 1 to 10 clauses when written as a list. */
export const MAX_CLAUSES = 10;

/**
 * Index items a subscription may need, all clauses together: the most a single v2 filter already
 * needs (50 HS chapters), so that creating or replacing a subscription stays one transaction
 * (DynamoDB takes 100 items: the subscription, its old and new index items, counter and audit).
 */
export const MAX_INDEX_PARTITIONS = 50;

/**
 * The clauses of a subscription's filters: a single filter object is one clause.
 *
 * @example filterClauses({ materials: ['gallium'] }) // [{ materials: ['gallium'] }]
 */
export function filterClauses<T extends object>(filters: T | readonly T[]): readonly T[] {
  return Array.isArray(filters) ? filters : [filters as T];
}

/** The sizes of a clause that count toward the subscription's limits, summed over its clauses. */
interface CountedClause {
  materials?: readonly unknown[] | undefined;
  hsCodes?: readonly unknown[] | undefined;
  entities?: readonly unknown[] | undefined;
  issuingRegions?: readonly unknown[] | undefined;
  originRegions?: readonly unknown[] | undefined;
  affectedRegions?: readonly unknown[] | undefined;
}

/**
 * Where a list of clauses exceeds a per-subscription limit summed over its clauses (each clause's
 * materials, HS codes, watched entities and regions count toward the subscription's limit, so ten
 * clauses weigh no more than one): one issue per exceeded field, on the list itself.
 */
export function clauseTotalIssues(
  clauses: readonly CountedClause[],
  limits: { materials: number; hsCodes: number; entities: number; regions: number },
): { field: string; message: string }[] {
  const sum = (field: keyof CountedClause) =>
    clauses.reduce((total, clause) => total + (clause[field]?.length ?? 0), 0);
  const checks: [keyof CountedClause, number][] = [
    ['materials', limits.materials],
    ['hsCodes', limits.hsCodes],
    ['entities', limits.entities],
    ['issuingRegions', limits.regions],
    ['originRegions', limits.regions],
    ['affectedRegions', limits.regions],
  ];
  return checks.flatMap(([field, max]) => {
    const total = sum(field);
    return total > max
      ? [{ field, message: `the clauses name ${total} ${field} together; at most ${max} in all` }]
      : [];
  });
}
