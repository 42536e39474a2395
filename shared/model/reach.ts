/**
 * The subscription's reach beyond webhooks, SMS and e-mail: chat channels (Slack, Microsoft Teams)
 * and the digest schedule. Pure schemas and rules; sending lives in `shared/delivery/chat/` and
 * the digest run in `shared/delivery/digest/`.
 */
import * as z from 'zod';
import { WEEKDAYS } from './vocabulary.js';

/**
 * The hosts chat messages may go to when `CHAT_WEBHOOK_HOSTS` is not set: Slack's incoming
 * webhooks, and the hosts of Teams workflows (Power Automate, Logic Apps) and connectors. A
 * leading `*.` allows any subdomain.
 */
export const DEFAULT_CHAT_WEBHOOK_HOSTS: readonly string[] = [
  'hooks.slack.com',
  '*.webhook.office.com',
  '*.logic.azure.com',
  '*.environment.api.powerplatform.com',
];

/** The chat products a subscription may post to. */
export const CHAT_CHANNELS = ['slack', 'teams'] as const;
export type ChatChannel = (typeof CHAT_CHANNELS)[number];

/** A Slack incoming webhook or a Teams workflow/connector URL; its host is checked on save. */
export const ChatWebhookSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2000),
});
export type ChatWebhook = z.infer<typeof ChatWebhookSchema>;

/**
 * True when `host` is on the list: an exact name, or under a `*.` pattern's domain (the bare
 * domain itself is not). Case and a trailing dot do not matter.
 *
 * @example
 * chatHostAllowed('prod-12.westeurope.logic.azure.com', ['*.logic.azure.com']) // true
 */
export function chatHostAllowed(host: string, allowed: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.+$/, '');
  return allowed.some((entry) => {
    const pattern = entry.trim().toLowerCase().replace(/\.+$/, '');
    if (pattern.startsWith('*.')) return name.endsWith(pattern.slice(1)) && name.length > pattern.length - 1;
    return pattern !== '' && name === pattern;
  });
}

export { WEEKDAYS };
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * A digest schedule: the webhook and e-mail channels get one message per period, sent at `hour`
 * (0-23) in `timeZone` (IANA), every day or on `weekday`.
 */
/**
 * A time zone the runtime's Intl knows, as luxon's `IANAZone.isValidZone` checks it, without
 * putting luxon in every bundle that reads a subscription.
 */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const DigestSchema = z
  .strictObject({
    frequency: z.enum(['daily', 'weekly'], { error: 'frequency is daily or weekly' }),
    hour: z.number().int().min(0).max(23),
    weekday: z.enum(WEEKDAYS, { error: 'weekday is monday, tuesday, … or sunday' }).optional(),
    timeZone: z.string().max(64).refine(isTimeZone, 'an IANA time zone, e.g. Europe/Berlin'),
  })
  .superRefine((digest, context) => {
    if (digest.frequency === 'weekly' && digest.weekday === undefined)
      context.addIssue({ code: 'custom', message: 'a weekly digest names its weekday', path: ['weekday'] });
    if (digest.frequency === 'daily' && digest.weekday !== undefined)
      context.addIssue({ code: 'custom', message: 'a daily digest has no weekday', path: ['weekday'] });
  });
export type Digest = z.infer<typeof DigestSchema>;
