/**
 * What a digest says: the alerts gathered in its period, grouped by change, each change with its
 * newest state (the payload of its latest alert) and the events it had, newest activity first; as
 * the `alerts.digest` webhook body and as e-mail text.
 */
import { DateTime } from 'luxon';
import * as z from 'zod';
import { derivedId } from '../../kernel/ids.js';
import { applicabilityLine } from '../../matching/applicability.js';
import { EVENT_LABELS } from '../../matching/build-alert.js';
import { type Alert, webhookIdOf } from '../../model/delivery.js';
import { ApplicabilitySchema } from '../../model/profile.js';
import type { Digest } from '../../model/reach.js';

/** One gathered alert: its id, event, time and the payload it would have sent. */
export interface GatheredAlert {
  alertId: string;
  type: string;
  createdAt: string;
  payload: string;
}

const GatheredPayloadSchema = z.object({
  type: z.string(),
  timestamp: z.string(),
  data: z
    .object({
      policyChange: z.looseObject({ id: z.string(), title: z.string() }),
      applicability: ApplicabilitySchema.optional(),
      statusChange: z.object({ from: z.string(), to: z.string() }).optional(),
    })
    .loose(),
});

/** One change in a digest: its newest state and every event about it in the period, oldest first. */
export interface DigestItem {
  policyChangeId: string;
  /** The latest alert's `data` about the change: `policyChange`, `applicability`, `match`, ... */
  latest: Record<string, unknown>;
  events: { alertId: string; type: string; timestamp: string; statusChange?: { from: string; to: string } }[];
}

/** The gathered alerts grouped by change, the change with the most recent event first. */
export function digestItems(gathered: readonly GatheredAlert[]): DigestItem[] {
  const byChange = new Map<string, DigestItem & { at: string }>();
  const ordered = [...gathered].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const alert of ordered) {
    const parsed = GatheredPayloadSchema.safeParse(safeJson(alert.payload));
    if (!parsed.success) continue;
    const { data } = parsed.data;
    const id = data.policyChange.id;
    const item = byChange.get(id) ?? { policyChangeId: id, latest: data, events: [], at: alert.createdAt };
    item.latest = data;
    item.at = alert.createdAt;
    item.events.push({
      alertId: alert.alertId,
      type: alert.type,
      timestamp: alert.createdAt,
      ...(data.statusChange ? { statusChange: data.statusChange } : {}),
    });
    byChange.set(id, item);
  }
  return [...byChange.values()].sort((a, b) => b.at.localeCompare(a.at)).map(({ at: _at, ...item }) => item);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The digest's alert id: one per subscription and cursor, so a period is never sent as two digests. */
export function digestAlertId(subscriptionId: string, from: string | undefined): string {
  return derivedId('alrt', 'alerts.digest', subscriptionId, from ?? 'first');
}

/**
 * The `alerts.digest` alert for one period of one subscription.
 *
 * @example
 * const alert = buildDigestAlert({ subscription, until, items: digestItems(gathered), now });
 */
export function buildDigestAlert(input: {
  subscription: { id: string; subscriberId: string; digest: Digest };
  from?: string | undefined;
  until: string;
  items: readonly DigestItem[];
  now: Date;
}): Alert {
  const { subscription, items } = input;
  const alertId = digestAlertId(subscription.id, input.from);
  const createdAt = input.now.toISOString();
  const period = {
    ...(input.from ? { from: input.from } : {}),
    until: input.until,
    frequency: subscription.digest.frequency,
    timeZone: subscription.digest.timeZone,
  };
  const body = {
    type: 'alerts.digest',
    timestamp: createdAt,
    data: {
      alertId,
      subscriptionId: subscription.id,
      period,
      items: items.map((item) => ({ ...item.latest, events: item.events })),
    },
  };
  return {
    alertId,
    webhookId: webhookIdOf(alertId),
    // A digest is about many changes: it is its own subject.
    policyChangeId: derivedId('dgst', subscription.id, input.from ?? 'first'),
    revision: 1,
    subscriptionId: subscription.id,
    subscriberId: subscription.subscriberId,
    type: 'alerts.digest',
    createdAt,
    match: { materials: [] },
    payload: JSON.stringify(body),
    text: digestText(subscription.digest, input.until, items),
  };
}

/** The digest as e-mail: a subject, and one paragraph per change. */
function digestText(digest: Digest, until: string, items: readonly DigestItem[]): Alert['text'] {
  const events = items.reduce((count, item) => count + item.events.length, 0);
  const day = DateTime.fromISO(until, { zone: digest.timeZone }).toFormat('yyyy-MM-dd HH:mm');
  const changes = `${items.length} change${items.length === 1 ? '' : 's'}`;
  const subject = `Material Alerts ${digest.frequency} digest: ${changes} (${events} alert${events === 1 ? '' : 's'})`;
  const paragraphs = items.map((item, index) => {
    const change = item.latest.policyChange as {
      title: string;
      materials?: string[];
      url?: string;
      status?: string;
    };
    const happened = item.events
      .map((event) => {
        const label = (EVENT_LABELS as Record<string, string>)[event.type] ?? event.type;
        return event.statusChange ? `${label} (${event.statusChange.to})` : label;
      })
      .join(', then ');
    const verdict = ApplicabilitySchema.safeParse(item.latest.applicability);
    return [
      `${index + 1}. ${change.title}`,
      `   ${happened}${verdict.success ? ` · ${applicabilityLine(verdict.data)}` : ''}`,
      ...(change.materials?.length ? [`   Materials: ${change.materials.join(', ')}`] : []),
      ...(change.status ? [`   Status: ${change.status}`] : []),
      ...(change.url ? [`   ${change.url}`] : []),
    ].join('\n');
  });
  const long = [`Up to ${day} (${digest.timeZone}): ${changes}.`, '', ...paragraphs].join('\n\n');
  return { subject, short: `${subject}.`, long };
}
