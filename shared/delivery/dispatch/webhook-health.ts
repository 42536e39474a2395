/**
 * A webhook's health as its attempts show it, written only when it changes state: the first
 * failure of a run, the success that ends it, and disabling (410 Gone, or failures with no success
 * for too long), which is put on record and told to the subscriber.
 */
import { SYSTEM_ACTOR } from '../../model/audit-record.js';
import { confirmedSmsNumbers, type Subscription } from '../../model/subscription.js';
import { subscriptionAudit } from '../../operations/subscription-audit.js';
import type { AttemptOutcome } from '../retry/attempt-outcome.js';
import { reserveTexts } from './channel-attempt.js';
import type { DispatcherDeps } from './dispatch-deps.js';

/**
 * Keeps the webhook's health: a success ends a run of failures; 410 Gone, or failures with no
 * success for `disableAfterMs`, disable it and tell the subscriber on their other channels.
 */
export async function trackWebhookHealth(
  deps: DispatcherDeps,
  subscription: Subscription,
  outcome: AttemptOutcome,
  now: Date,
): Promise<void> {
  const webhook = subscription.webhook;
  if (!webhook) return;
  if (outcome.status === 'delivered') {
    // Only a change of state is written (the end of a run of failures), never a success as such:
    // a healthy endpoint costs its subscription no write per delivery.
    if (webhook.failingSince || webhook.circuit) {
      await deps.subscriptions.recordWebhookSuccess(subscription.id, now);
      deps.subscriptionCache?.forget(subscription.id);
    }
    return;
  }
  let reason = outcome.disableWebhook ? (outcome.deadReason ?? 'the receiver answered 410 Gone') : undefined;
  if (
    !reason &&
    webhook.failingSince &&
    now.getTime() - Date.parse(webhook.failingSince) >= deps.disableAfterMs
  ) {
    reason = `no successful delivery since ${webhook.failingSince}`;
  }
  if (!reason) {
    if (!webhook.failingSince) {
      await deps.subscriptions.recordWebhookFailure(subscription.id, now);
      deps.subscriptionCache?.forget(subscription.id);
    }
    return;
  }
  const record = deps.audit
    ? subscriptionAudit(
        { audit: deps.audit, actor: SYSTEM_ACTOR, clock: () => now },
        'subscription.webhook-disabled',
      )({
        before: subscription,
        after: { ...subscription, webhook: { ...webhook, status: 'disabled', disabledReason: reason } },
      })
    : undefined;
  await deps.subscriptions.disableWebhook(subscription.id, reason, now, record);
  deps.subscriptionCache?.forget(subscription.id);
  await notifyWebhookDisabled(deps, subscription, reason);
}

/** The `subscription.disabled` notice, on the subscription's SNS channels. */
async function notifyWebhookDisabled(deps: DispatcherDeps, subscription: Subscription, reason: string) {
  const text = `Material Alerts: the webhook of "${subscription.name}" was disabled (${reason}). Re-enable it with POST /v1/subscriptions/${subscription.id}/webhook/enable; failed deliveries can be recovered.`;
  try {
    const numbers = confirmedSmsNumbers(subscription);
    if (numbers.length > 0 && (await reserveTexts(deps, subscription.id, numbers.length, deps.clock())))
      for (const number of numbers) await deps.notifier.sendSms(number, text.slice(0, 300));
    if (subscription.email?.length) {
      await deps.notifier.sendEmail({
        subscriptionId: subscription.id,
        ...(subscription.emailTopicArn ? { topicArn: subscription.emailTopicArn } : {}),
        addresses: subscription.email,
        subject: `Webhook disabled: ${subscription.name}`.slice(0, 100),
        body: text,
      });
    }
  } catch (error) {
    // The disabled status is on the subscription for the subscriber to see; a lost notice is logged.
    deps.log?.({
      level: 'warn',
      message: 'subscription.disabled notice failed',
      subscriptionId: subscription.id,
      error: String(error),
    });
  }
}
