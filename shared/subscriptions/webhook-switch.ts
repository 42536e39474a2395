/** Turning a subscription's webhook off by hand (turning it back on is `enableWebhook`). */
import { ValidationError } from '../kernel/errors.js';
import { publicSubscription, type Subscription } from '../model/subscription.js';
import type { SubscriptionAudit } from '../operations/subscription-audit.js';
import type { SubscriptionServiceDeps } from './subscription-service.js';

/** The reason a webhook disabled by its owner shows. */
export const DISABLED_BY_HAND = 'disabled by hand';

/**
 * Disables the webhook: new alerts to it end `dead` with the reason (other channels carry on),
 * and `recover` after enabling it sends them. Disabling a disabled webhook changes nothing.
 */
export async function disableWebhook(
  deps: Pick<SubscriptionServiceDeps, 'subscriptions' | 'clock'>,
  previous: Subscription,
  audit?: SubscriptionAudit,
) {
  if (!previous.webhook) {
    throw new ValidationError('this subscription has no webhook', [
      { field: 'webhook', message: 'nothing to disable' },
    ]);
  }
  if (previous.webhook.status === 'disabled') return publicSubscription(previous);
  const next: Subscription = {
    ...previous,
    webhook: { ...previous.webhook, status: 'disabled', disabledReason: DISABLED_BY_HAND },
    updatedAt: deps.clock().toISOString(),
    version: previous.version + 1,
  };
  await deps.subscriptions.replace(previous, next, audit?.({ before: previous, after: next }));
  return publicSubscription(next);
}
