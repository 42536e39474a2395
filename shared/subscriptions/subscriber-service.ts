import type { Notifier } from '../delivery/notify/notifier.js';
import { NotFoundError } from '../kernel/errors.js';
import type { Log } from '../kernel/redaction.js';
import { type AuditContext, auditItem, subscriptionAudit } from '../operations/subscription-audit.js';
import type { DeliveryStore } from '../store/delivery-store.js';
import type { ApiKeyRecord, ApiKeyScope, SubscriberStore } from '../store/subscriber-store.js';
import type { SubscriptionDirectory } from '../store/subscription-directory.js';
import type { SubscriptionStore } from '../store/subscription-store.js';
import { deleteSubscription } from './subscription-service.js';

/** Why a subscriber's unfinished deliveries died when it was deleted. */
export const SUBSCRIBER_DELETED_REASON = 'subscriber deleted';

export interface SubscriberServiceDeps {
  subscribers: SubscriberStore;
  subscriptions: SubscriptionStore;
  /** The subscriber's subscriptions, found by subscriber. */
  directory: SubscriptionDirectory;
  deliveries: DeliveryStore;
  /** Owns the subscriptions' e-mail topics, deleted with them. */
  notifier: Notifier;
  clock: () => Date;
  log: Log;
}

/** The audit item of a new API key, in the key's own transaction. */
export function keyCreatedAudit(context: AuditContext) {
  return (created: ApiKeyRecord) =>
    auditItem(context, {
      action: 'api-key.created',
      target: { type: 'api-key', id: created.keyId },
      ...(created.subscriberId ? { subscriberId: created.subscriberId } : {}),
      after: created,
    });
}

/**
 * Creates an API key of any scope, audited; a subscriber key names a subscriber that exists. The
 * key is returned once.
 */
export async function createApiKey(
  deps: Pick<SubscriberServiceDeps, 'subscribers' | 'clock'>,
  input: { scope: ApiKeyScope; subscriberId?: string | undefined; name?: string | undefined },
  context: AuditContext,
): Promise<{ key: string; record: ApiKeyRecord }> {
  if (input.subscriberId && !(await deps.subscribers.getSubscriber(input.subscriberId))) {
    throw new NotFoundError(`subscriber ${input.subscriberId}`);
  }
  return deps.subscribers.createApiKey(input.scope, input.subscriberId, deps.clock(), {
    ...(input.name ? { name: input.name } : {}),
    audit: keyCreatedAudit(context),
  });
}

/**
 * Deletes a subscriber with everything it owns: its subscriptions (and their e-mail topics), then
 * its API keys and itself, each audited. Its unfinished (`pending` or `failed`) deliveries are
 * marked dead first, so nothing more is sent. Says what was removed.
 */
export async function deleteSubscriber(
  deps: SubscriberServiceDeps,
  id: string,
  context: AuditContext,
): Promise<{ subscriptionsDeleted: number; keysDeleted: number; deliveriesMarkedDead: number }> {
  // Refuse an unknown id before touching anything.
  if (!(await deps.subscribers.getSubscriber(id))) throw new NotFoundError(`subscriber ${id}`);
  const now = deps.clock();
  let subscriptionsDeleted = 0;
  let deliveriesMarkedDead = 0;
  for (;;) {
    // Always the first page: each subscription is deleted before the next page is read.
    const page = await deps.directory.bySubscriber(id, { limit: 50 });
    if (page.items.length === 0) break;
    for (const subscription of page.items) {
      let cursor: string | undefined;
      do {
        const deliveries = await deps.deliveries.listBySubscription(subscription.id, {
          limit: 100,
          ...(cursor ? { cursor } : {}),
        });
        for (const delivery of deliveries.items) {
          if (delivery.status === 'pending' || delivery.status === 'failed') {
            await deps.deliveries.markDead(delivery, SUBSCRIBER_DELETED_REASON, now);
            deliveriesMarkedDead += 1;
          }
        }
        cursor = deliveries.nextCursor;
      } while (cursor);
      await deleteSubscription(deps, subscription.id, id, subscriptionAudit(context, 'subscription.deleted'));
      subscriptionsDeleted += 1;
    }
  }
  const { keysDeleted } = await deps.subscribers.deleteSubscriber(id, (before) =>
    auditItem(context, {
      action: 'subscriber.deleted',
      target: { type: 'subscriber', id },
      subscriberId: id,
      before,
    }),
  );
  deps.log({
    level: 'info',
    message: 'subscriber deleted',
    subscriberId: id,
    subscriptionsDeleted,
    keysDeleted,
    deliveriesMarkedDead,
  });
  return { subscriptionsDeleted, keysDeleted, deliveriesMarkedDead };
}
