import { ValidationError } from '../kernel/errors.js';
import { subscriptionPartitions } from '../matching/match-filters.js';
import { MAX_INDEX_PARTITIONS } from '../model/filter-clauses.js';
import type { SubscriptionFilters } from '../model/subscription.js';

/** DynamoDB's limit on one transaction, less the subscription item and its audit record. */
const TRANSACTION_INDEX_ITEMS = 98;

/**
 * Refuses filters whose index entries would not fit the subscription's transaction: at most
 * `MAX_INDEX_PARTITIONS` for all clauses together, and, when they replace `previous`, the entries
 * removed and written together within one transaction. A 422 on `filters`, before anything is written.
 */
export function checkIndexSize(filters: SubscriptionFilters, previous?: SubscriptionFilters): void {
  const next = subscriptionPartitions(filters);
  if (next.length > MAX_INDEX_PARTITIONS) {
    throw new ValidationError('the filters are too wide to index', [
      {
        field: 'filters',
        message: `the clauses need ${next.length} index entries (one per material, destination up to 10, watched-name block or HS chapter); at most ${MAX_INDEX_PARTITIONS} in all`,
      },
    ]);
  }
  if (!previous) return;
  const kept = new Set(next);
  const removed = subscriptionPartitions(previous).filter((partition) => !kept.has(partition));
  if (removed.length + next.length > TRANSACTION_INDEX_ITEMS) {
    throw new ValidationError('the new filters share too little with the old ones to swap in one step', [
      {
        field: 'filters',
        message: `replacing them moves ${removed.length + next.length} index entries; at most ${TRANSACTION_INDEX_ITEMS} at once: change them in two steps`,
      },
    ]);
  }
}
