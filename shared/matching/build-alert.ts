import { derivedId } from '../ids.js';
import type { Alert, EventType, MatchExplanation, WebhookBody } from '../model/delivery.js';
import { type PolicyChange, publicPolicyChange } from '../model/policy-change.js';

/**
 * The alert for one (change revision, subscription, event type). Its id is derived from those
 * three, so building it twice gives the same alert and the store keeps only the first.
 */
export function buildAlert(input: {
  change: PolicyChange;
  subscriptionId: string;
  subscriberId: string;
  type: EventType;
  match: MatchExplanation;
  now: Date;
}): Alert {
  const { change, subscriptionId, type, match } = input;
  const alertId = derivedId('alrt', change.id, change.revision, subscriptionId, type);
  const createdAt = input.now.toISOString();
  const body: WebhookBody = {
    type,
    timestamp: createdAt,
    data: { alertId, subscriptionId, match, policyChange: publicPolicyChange(change) },
  };
  return {
    alertId,
    webhookId: `msg_${alertId.slice('alrt_'.length)}`,
    policyChangeId: change.id,
    revision: change.revision,
    subscriptionId,
    subscriberId: input.subscriberId,
    type,
    createdAt,
    match,
    payload: JSON.stringify(body),
    text: alertText(change, type),
  };
}

const EVENT_LABELS: Record<EventType, string> = {
  'policy_change.published': 'New',
  'policy_change.updated': 'Updated',
  'policy_change.effective_soon': 'Takes effect soon',
  'policy_change.expiring_soon': 'Expires soon',
  'subscription.test': 'Test',
};

/** Text for SMS (short, one segment where possible) and e-mail (subject and plain body). */
export function alertText(change: PolicyChange, type: EventType): Alert['text'] {
  const label = EVENT_LABELS[type];
  const materials = change.materials.join(', ');
  const subject = `[${change.severity.toUpperCase()}] ${label}: ${change.issuingRegion} ${change.changeType} on ${materials}`;
  const short = truncate(
    `${label} ${change.severity} ${change.issuingRegion} ${change.changeType}: ${change.title}`,
    SMS_SEGMENT,
    '...',
  );
  const lines = [
    change.title,
    '',
    `Issued by: ${change.issuingRegion}`,
    `Applies to: ${change.affectedRegions.join(', ')}`,
    `Materials: ${materials}`,
    `Type: ${change.changeType}${change.direction ? ` (${change.direction})` : ''}`,
    `Severity: ${change.severity}`,
    ...(change.conditions?.length ? [`Conditions: ${change.conditions.join(', ')}`] : []),
    ...(change.effectiveAt ? [`Effective: ${change.effectiveAt}`] : []),
    ...(change.expiresAt ? [`Expires: ${change.expiresAt}`] : []),
    ...(change.summary ? ['', change.summary] : []),
    ...(change.url ? ['', change.url] : []),
    '',
    `Source: ${change.source} ${change.sourceRef}, revision ${change.revision}`,
  ];
  return { subject: truncate(subject, 100), short, long: lines.join('\n') };
}

/** One GSM-7 SMS segment; the ASCII ellipsis keeps a Latin-script text in that alphabet. */
const SMS_SEGMENT = 160;

function truncate(text: string, max: number, ellipsis = '…'): string {
  return text.length <= max ? text : `${text.slice(0, max - ellipsis.length)}${ellipsis}`;
}
