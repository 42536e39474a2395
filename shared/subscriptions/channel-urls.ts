/**
 * The URLs a subscription posts to, checked when they are saved: the webhook's (public address,
 * https in production) and the chat channels' (the same, and a host on `CHAT_WEBHOOK_HOSTS`), and
 * the digest that needs a channel to gather into.
 */
import { checkWebhookUrl, WebhookUrlError, type WebhookUrlPolicy } from '../delivery/webhooks/url-policy.js';
import { ValidationError } from '../kernel/errors.js';
import { CHAT_CHANNELS, chatHostAllowed, DEFAULT_CHAT_WEBHOOK_HOSTS } from '../model/reach.js';
import type { Subscription, SubscriptionInput, SubscriptionPatch } from '../model/subscription.js';

/** A URL the policy allows, canonicalised; otherwise a 422 naming `field`. */
export function checkChannelUrl(url: string, policy: WebhookUrlPolicy, field: string): string {
  try {
    return checkWebhookUrl(url, policy).toString();
  } catch (error) {
    if (error instanceof WebhookUrlError) {
      throw new ValidationError(`the ${field.split('.')[0]} URL is not allowed`, [
        { field, message: `${error.reason}: ${error.message}` },
      ]);
    }
    throw error;
  }
}

/** A Slack or Teams URL: a webhook URL whose host is on the chat host list. */
function checkChatUrl(url: string, policy: WebhookUrlPolicy, channel: 'slack' | 'teams'): string {
  const field = `${channel}.url`;
  const checked = checkChannelUrl(url, policy, field);
  const hosts = policy.chatHosts ?? DEFAULT_CHAT_WEBHOOK_HOSTS;
  const host = new URL(checked).hostname;
  if (!chatHostAllowed(host, hosts)) {
    throw new ValidationError(`the ${channel} URL is not allowed`, [
      {
        field,
        message: `host-not-allowed: ${host} is not a ${channel} webhook host (allowed: ${hosts.join(', ')})`,
      },
    ]);
  }
  return checked;
}

/** The chat channels and digest of a new subscription, checked. */
export function reachOfInput(
  input: Pick<SubscriptionInput, 'slack' | 'teams' | 'digest'>,
  policy: WebhookUrlPolicy,
): Pick<Subscription, 'slack' | 'teams' | 'digest'> {
  const reach: Pick<Subscription, 'slack' | 'teams' | 'digest'> = {};
  for (const channel of CHAT_CHANNELS) {
    const given = input[channel];
    if (given) reach[channel] = { url: checkChatUrl(given.url, policy, channel) };
  }
  if (input.digest) reach.digest = input.digest;
  return reach;
}

/** Applies a PATCH's chat channels and digest to `next`; `null` removes one. */
export function applyReachPatch(
  next: Subscription,
  patch: Pick<SubscriptionPatch, 'slack' | 'teams' | 'digest'>,
  policy: WebhookUrlPolicy,
): void {
  for (const channel of CHAT_CHANNELS) {
    const given = patch[channel];
    if (given === null) delete next[channel];
    else if (given !== undefined) next[channel] = { url: checkChatUrl(given.url, policy, channel) };
  }
  if (patch.digest === null) delete next.digest;
  else if (patch.digest !== undefined) next.digest = patch.digest;
}

/** A digest gathers the webhook's and e-mail's alerts: without either it would send nothing, ever. */
export function checkDigestHasChannel(
  subscription: Pick<Subscription, 'digest' | 'webhook' | 'email'>,
): void {
  if (subscription.digest && !subscription.webhook && !subscription.email?.length) {
    throw new ValidationError('a digest needs a webhook or e-mail channel', [
      {
        field: 'digest',
        message: 'a digest gathers the webhook and e-mail alerts: add one of them, or remove the digest',
      },
    ]);
  }
}
