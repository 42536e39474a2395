import { newId } from '../kernel/ids.js';
import { redactSnapshot } from '../kernel/redaction.js';

/** Who did it: the API key (its id, never the key) or the service itself. */
export interface Actor {
  keyId: string;
  scope: 'admin' | 'ingest' | 'subscriber' | 'system';
  subscriberId?: string;
}

/** The service acting on its own (a webhook disabled after 410 Gone, a scheduled job). */
export const SYSTEM_ACTOR: Actor = { keyId: 'system', scope: 'system' };

export const AUDIT_ACTIONS = [
  'subscriber.created',
  'subscriber.renamed',
  'subscriber.profile-changed',
  'subscriber.deleted',
  'subscriber.calendar-issued',
  'subscriber.calendar-revoked',
  'api-key.created',
  'api-key.revoked',
  'subscription.created',
  'subscription.updated',
  'subscription.paused',
  'subscription.resumed',
  'subscription.deleted',
  'subscription.secret-rotated',
  'subscription.webhook-enabled',
  'subscription.webhook-disabled',
  'material.created',
  'material.updated',
  'material.moved',
  'material.deleted',
  'region-group.created',
  'region-group.updated',
  'policy-change.ingested',
  'policy-change.queued',
  'policy-change.approved',
  'policy-change.rejected',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGET_TYPES = [
  'subscriber',
  'api-key',
  'subscription',
  'material',
  'region-group',
  'policy-change',
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

export interface AuditTarget {
  type: AuditTargetType;
  id: string;
}

/** What a caller records: who did what to which target. */
export interface AuditEntry {
  actor: Actor;
  action: AuditAction;
  target: AuditTarget;
  /** The subscriber the target belongs to, when it belongs to one. */
  subscriberId?: string;
  before?: unknown;
  after?: unknown;
  requestId?: string;
}

/** One entry of the audit trail. Written once, never updated or deleted. */
export interface AuditRecord extends AuditEntry {
  id: string;
  at: string;
}

/** `type:id`, the form targets are filtered on (`subscription:sub_…`, `material:dysprosium`). */
export function targetKey(target: AuditTarget): string {
  return `${target.type}:${target.id}`;
}

/**
 * A new audit record, with `before`/`after` passed through `redactSnapshot`: whatever a caller
 * hands in, no signing secret, API key, key hash or URL query value reaches the trail.
 *
 * @example
 * newAuditRecord({ actor, action: 'subscription.paused', target: { type: 'subscription', id } }, now)
 */
export function newAuditRecord(entry: AuditEntry, now: Date): AuditRecord {
  return {
    id: newId('aud', now),
    at: now.toISOString(),
    actor: { ...entry.actor },
    action: entry.action,
    target: { ...entry.target },
    ...(entry.subscriberId ? { subscriberId: entry.subscriberId } : {}),
    ...(entry.before !== undefined ? { before: redactSnapshot(entry.before) } : {}),
    ...(entry.after !== undefined ? { after: redactSnapshot(entry.after) } : {}),
    ...(entry.requestId ? { requestId: entry.requestId } : {}),
  };
}
