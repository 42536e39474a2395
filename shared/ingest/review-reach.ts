import { fieldIssues, ValidationError } from '../kernel/errors.js';
import { type Reach, reachOf } from '../matching/change-reach.js';
import type { Catalogue } from '../model/catalogue.js';
import { PolicyChangeInputSchema } from '../model/policy-change.js';
import type { ReviewStore } from '../store/review-store.js';
import type { SubscriptionStore } from '../store/subscription-store.js';
import { normalisePolicyChange } from './ingest.js';
import { pendingItem } from './review-queue.js';

export interface ReviewReachDeps {
  reviews: ReviewStore;
  subscriptions: Pick<SubscriptionStore, 'candidates'>;
  catalogue: () => Catalogue | Promise<Catalogue>;
}

/**
 * How many subscriptions a pending change would reach if approved as proposed: a reviewer checks a
 * wildcard (`materials: ["*"]`) or a broad lane before it alerts everyone on it.
 */
export async function reviewReach(deps: ReviewReachDeps, id: string): Promise<Reach> {
  const item = await pendingItem(deps.reviews, id);
  const catalogue = await deps.catalogue();
  // Queued items were validated when queued; a proposal the catalogue no longer accepts is a 422.
  const proposed = PolicyChangeInputSchema.safeParse(item.change);
  if (!proposed.success) {
    throw new ValidationError(
      'the proposed change no longer validates',
      fieldIssues(proposed.error, 'change'),
    );
  }
  const { relatedChanges: _relations, ...change } = normalisePolicyChange(proposed.data, catalogue);
  return reachOf(deps, change, catalogue);
}
