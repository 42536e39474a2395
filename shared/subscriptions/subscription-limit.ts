import { ConflictError } from '../errors.js';
import type { SubscriptionDirectory } from '../store/subscription-directory.js';

/** Subscriptions a subscriber may hold unless MAX_SUBSCRIPTIONS_PER_SUBSCRIBER says otherwise. */
export const DEFAULT_MAX_SUBSCRIPTIONS = 100;

/**
 * Refuses a new subscription (409 `subscription-limit`) once the subscriber holds `max`. The count
 * is a gsi1 query, so two creates racing at the very limit may both pass: the cap bounds abuse and
 * cost, it is not a billing meter, and one over is harmless.
 */
export async function ensureRoomForSubscription(
  directory: SubscriptionDirectory,
  subscriberId: string,
  max = DEFAULT_MAX_SUBSCRIPTIONS,
): Promise<void> {
  const count = await directory.countBySubscriber(subscriberId);
  if (count >= max) {
    throw new ConflictError(
      'subscription-limit',
      `this subscriber already has ${count} subscriptions, the most allowed (${max}); delete one or widen an existing one's filters`,
    );
  }
}
