import { derivedId } from '../kernel/ids.js';
import {
  type Alert,
  type EventDetails,
  type EventType,
  type MatchExplanation,
  type RelatedChangeSummary,
  type WebhookBody,
  webhookIdOf,
} from '../model/delivery.js';
import { type Lifecycle, type PolicyChange, publicPolicyChange } from '../model/policy-change.js';
import { type Applicability, applicabilityLine } from './applicability.js';

/**
 * The alert for one (change revision, subscription, event type), and for a status change, one per
 * transition (`key`). Its id is derived from those, so building it twice gives the same alert and
 * the store keeps only the first.
 */
export function buildAlert(input: {
  change: PolicyChange & Partial<Lifecycle>;
  subscriptionId: string;
  subscriberId: string;
  type: EventType;
  match: MatchExplanation;
  /** Whether the change applies to the subscription's profile; absent on test events. */
  applicability?: Applicability;
  now: Date;
  details?: EventDetails;
  /** Tells apart several alerts of one type about one revision (status transitions). */
  key?: string;
}): Alert {
  const { change, subscriptionId, type, match } = input;
  const alertId = derivedId(
    'alrt',
    change.id,
    change.revision,
    subscriptionId,
    type,
    ...(input.key !== undefined ? [input.key] : []),
  );
  const createdAt = input.now.toISOString();
  const body: WebhookBody = {
    type,
    timestamp: createdAt,
    data: {
      alertId,
      subscriptionId,
      match,
      ...(input.applicability ? { applicability: input.applicability } : {}),
      policyChange: publicPolicyChange(change),
      ...input.details,
    },
  };
  return {
    alertId,
    webhookId: webhookIdOf(alertId),
    policyChangeId: change.id,
    revision: change.revision,
    subscriptionId,
    subscriberId: input.subscriberId,
    type,
    createdAt,
    match,
    ...(input.applicability ? { applicability: input.applicability } : {}),
    payload: JSON.stringify(body),
    text: alertText(change, type, input.details, input.applicability),
  };
}

/** Each event in a word or two, as texts and chat messages title it. */
export const EVENT_LABELS: Record<EventType, string> = {
  'policy_change.published': 'New',
  'policy_change.updated': 'Updated',
  'policy_change.effective_soon': 'Takes effect soon',
  'policy_change.expiring_soon': 'Expires soon',
  'policy_change.status_changed': 'Status changed',
  'subscription.test': 'Test',
  'alerts.digest': 'Digest',
};

/** Text for SMS (short, one segment where possible) and e-mail (subject and plain body). */
export function alertText(
  change: PolicyChange,
  type: EventType,
  details?: EventDetails,
  applicability?: Applicability,
): Alert['text'] {
  const label = details?.statusChange
    ? `${capitalise(details.statusChange.to)} (was ${details.statusChange.from})`
    : EVENT_LABELS[type];
  const materials = change.materials.join(', ');
  const subject = `[${change.severity.toUpperCase()}] ${label}: ${change.issuingRegion} ${change.changeType} on ${materials}`;
  const verdict = applicability ? applicabilityLine(applicability) : undefined;
  // The verdict goes first in an SMS, where a long title is cut.
  const short = truncate(
    `${applicability ? `${applicabilityLine(applicability, true)}. ` : ''}${label} ${change.severity} ${change.issuingRegion} ${change.changeType}: ${change.title}`,
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
    ...(verdict ? [verdict] : []),
    ...(change.conditions?.length ? [`Conditions: ${change.conditions.map(conditionLabel).join('; ')}`] : []),
    ...(change.effectiveAt ? [`Effective: ${change.effectiveAt}`] : []),
    ...(change.expiresAt ? [`Expires: ${change.expiresAt}`] : []),
    ...(details?.statusChange?.causedBy
      ? [
          `Status: ${details.statusChange.to} since ${details.statusChange.at}, by ${details.statusChange.causedBy.title}`,
        ]
      : []),
    ...(details?.resumes?.length
      ? [`Resumes when this ends: ${details.resumes.map((r) => r.title).join('; ')}`]
      : []),
    ...(details?.changes?.length ? [`Changed: ${details.changes.map((c) => c.field).join(', ')}`] : []),
    ...(details?.relatedChanges?.length
      ? [`Related: ${details.relatedChanges.map(relatedText).join('; ')}`]
      : []),
    ...(change.summary ? ['', change.summary] : []),
    ...(change.url ? ['', change.url] : []),
    '',
    `Source: ${change.source} ${change.sourceRef}, revision ${change.revision}`,
  ];
  return { subject: truncate(subject, 100), short, long: lines.join('\n') };
}

/** A condition in a few words: its effect, type and parameters. */
function conditionLabel(condition: NonNullable<PolicyChange['conditions']>[number]): string {
  const { type, effect, ...parameters } = condition;
  const values = Object.values(parameters)
    .map((value) =>
      Array.isArray(value)
        ? value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ')
        : String(value),
    )
    .join(' ');
  return `${effect} ${type}${values ? ` ${values}` : ''}`;
}

/** A target as the e-mail names it: its title and status, or its reference while it is not stored. */
function relatedText(related: RelatedChangeSummary): string {
  return related.title && related.status
    ? `${related.relation} ${related.title} (now ${related.status})`
    : `${related.relation} ${related.source} ${related.sourceRef} (not received yet)`;
}

/** One GSM-7 SMS segment; the ASCII ellipsis keeps a Latin-script text in that alphabet. */
const SMS_SEGMENT = 160;

function truncate(text: string, max: number, ellipsis = '…'): string {
  return text.length <= max ? text : `${text.slice(0, max - ellipsis.length)}${ellipsis}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
