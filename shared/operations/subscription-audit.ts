import { type Actor, type AuditAction, type AuditEntry, newAuditRecord } from '../model/audit-record.js';
import { publicSubscription, type Subscription } from '../model/subscription.js';
import type { AuditStore, TransactItem } from '../store/audit-store.js';

export interface SubscriptionChange {
  before?: Subscription;
  after?: Subscription;
}

/**
 * Builds the audit item of a subscription change once the change is known, for the store to write
 * in the change's own transaction: `deps.subscriptions.replace(previous, next, audit?.({ before, after }))`.
 */
export type SubscriptionAudit = (change: SubscriptionChange) => TransactItem;

/** Who is changing subscriptions, and where to record it. */
export interface AuditContext {
  audit: AuditStore;
  actor: Actor;
  clock: () => Date;
  requestId?: string;
}

/**
 * The audit item of one change by this actor, for the change's own transaction.
 *
 * @example
 * await subscribers.renameSubscriber(id, name, (before, after) =>
 *   auditItem(context, { action: 'subscriber.renamed', target: { type: 'subscriber', id }, before, after }));
 */
export function auditItem(
  context: AuditContext,
  entry: Omit<AuditEntry, 'actor' | 'requestId'>,
): TransactItem {
  return context.audit.putItem(
    newAuditRecord(
      { ...entry, actor: context.actor, ...(context.requestId ? { requestId: context.requestId } : {}) },
      context.clock(),
    ),
  );
}

/**
 * The audit of subscription changes by one actor. Snapshots are the public view (no signing
 * secrets, no internal topic ARNs), then redacted again by `newAuditRecord`.
 *
 * @example
 * await updateSubscription(deps, previous, patch, subscriptionAudit(context, 'subscription.updated'));
 */
export function subscriptionAudit(
  context: AuditContext,
  action: AuditAction | ((change: SubscriptionChange) => AuditAction),
): SubscriptionAudit {
  return (change) => {
    const subscription = change.after ?? change.before;
    if (!subscription) throw new Error('a subscription change needs a before or an after');
    const record = newAuditRecord(
      {
        actor: context.actor,
        action: typeof action === 'function' ? action(change) : action,
        target: { type: 'subscription', id: subscription.id },
        subscriberId: subscription.subscriberId,
        ...(change.before ? { before: publicSubscription(change.before) } : {}),
        ...(change.after ? { after: publicSubscription(change.after) } : {}),
        ...(context.requestId ? { requestId: context.requestId } : {}),
      },
      context.clock(),
    );
    return context.audit.putItem(record);
  };
}

/** `paused` or `resumed` when a change did nothing but switch the status, else `updated`. */
export function subscriptionUpdateAction({ before, after }: SubscriptionChange): AuditAction {
  if (before && after && before.status !== after.status) {
    const { status: _a, version: _b, updatedAt: _c, ...restBefore } = before;
    const { status: _d, version: _e, updatedAt: _f, ...restAfter } = after;
    if (JSON.stringify(restBefore) === JSON.stringify(restAfter)) {
      return after.status === 'paused' ? 'subscription.paused' : 'subscription.resumed';
    }
  }
  return 'subscription.updated';
}
