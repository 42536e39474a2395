/**
 * The POST a chat delivery makes: the subscription's Slack or Teams URL and the alert rendered in
 * that product's format. Unsigned (the products do not verify signatures: the URL is the secret),
 * and sent through the same HTTP client as webhooks, so the address checks, timeout, retries,
 * rate limit and delivery log are the webhook's.
 */
import type { Channel } from '../../model/delivery.js';
import type { Subscription } from '../../model/subscription.js';
import { chatSummary } from './chat-summary.js';
import { slackMessage } from './slack-message.js';
import { teamsMessage } from './teams-card.js';

/** What a chat attempt sends, or why it cannot send anything. */
export type ChatRequest =
  | { url: string; headers: Record<string, string>; body: string }
  | { refused: string };

/**
 * The request for a `slack` or `teams` delivery; undefined for the other channels.
 *
 * @example
 * const request = chatRequest('slack', subscription, alert.payload, config.consoleUrl);
 */
export function chatRequest(
  channel: Channel,
  subscription: Pick<Subscription, 'slack' | 'teams'>,
  payload: string,
  consoleUrl?: string,
): ChatRequest | undefined {
  if (channel !== 'slack' && channel !== 'teams') return undefined;
  const target = subscription[channel];
  if (!target) return { refused: `${channel} removed from the subscription` };
  const summary = chatSummary(payload, consoleUrl);
  if (!summary) return { refused: `this event cannot be shown in ${channel}` };
  const message = channel === 'slack' ? slackMessage(summary) : teamsMessage(summary);
  return {
    url: target.url,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
  };
}
