/**
 * Subscriptions a subscriber may hold unless MAX_SUBSCRIPTIONS_PER_SUBSCRIBER says otherwise. The
 * cap is exact: the store counts on the subscriber item in the create's own transaction.
 */
export const DEFAULT_MAX_SUBSCRIPTIONS = 100;
