/**
 * Opening a delivery again for a replay, within the replay budget the delivery's own state keeps.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TooManyRequestsError } from '../kernel/errors.js';
import type { Delivery } from '../model/delivery.js';
import { openKeys, queuedUntil } from './delivery-open-work.js';
import { extendAlert } from './delivery-outcomes.js';
import { getState } from './delivery-reads.js';
import { BODY_MARGIN_MS, type DeliveryTable, refOf, toDelivery } from './delivery-records.js';
import { keys } from './keys.js';
import { expiresAt, liveCondition } from './retention.js';

/** Raised when a delivery was replayed as often as its budget allows; says when to come back. */
export class ReplayLimitError extends TooManyRequestsError {
  constructor(limit: number, retryAfterSeconds: number) {
    super(
      'replay-limit',
      `this delivery was already sent again ${limit} times within the hour; retry in ${retryAfterSeconds} s`,
      retryAfterSeconds,
    );
    this.name = 'ReplayLimitError';
  }
}

/** When a replay is due, and how many replays a window allows. */
export interface ReopenOptions {
  dueAt?: Date;
  budget?: { limit: number; windowMs: number };
}

/**
 * Opens a delivery again for a replay: pending, due at `options.dueAt` (now by default), with a
 * fresh retry budget and a fresh retention period (the alert's body with it). Its attempts so far
 * are kept; its webhook-id does not change.
 *
 * With `options.budget`, at most `budget.limit` replays per `budget.windowMs` (a sliding window,
 * the replay times kept on the delivery's state item): the update is conditional on the replay
 * count read, so concurrent replays cannot exceed it either; beyond it, `ReplayLimitError` says
 * when the next one is allowed. A paced due time is stored as `nextAttemptAt`, which the claim
 * honours. Undefined when the delivery is gone or expired.
 */
export async function reopen(
  store: DeliveryTable,
  delivery: Delivery,
  now: Date,
  options: ReopenOptions,
): Promise<Delivery | undefined> {
  const ttl = expiresAt(now, store.retentionMs);
  const live = liveCondition(now);
  let current: Delivery | undefined = delivery;
  for (let attempt = 1; current; attempt++) {
    const windowStart = now.getTime() - (options.budget?.windowMs ?? 0);
    const recent = (current.replays ?? []).filter((at) => Date.parse(at) > windowStart);
    if (options.budget && recent.length >= options.budget.limit) {
      // The replay that frees a slot is the one `limit` places before the next.
      const freeing = recent[recent.length - options.budget.limit] ?? now.toISOString();
      throw new ReplayLimitError(
        options.budget.limit,
        Math.max(1, Math.ceil((Date.parse(freeing) + options.budget.windowMs - now.getTime()) / 1000)),
      );
    }
    const due = (options.dueAt && options.dueAt > now ? options.dueAt : now).toISOString();
    const paced = due > now.toISOString();
    const count = current.replayCount ?? 0;
    try {
      const { Attributes } = await store.table.doc.send(
        new UpdateCommand({
          TableName: store.table.tableName,
          Key: keys.delivery(refOf(current)),
          UpdateExpression: `SET #status = :pending, attemptOffset = :offset, updatedAt = :now, gsi2pk = :open, gsi2sk = :due, #ttl = :ttl, replays = :replays, replayCount = :count${
            paced ? ', nextAttemptAt = :dueAt' : ''
          } REMOVE deadReason, leaseUntil${paced ? '' : ', nextAttemptAt'}`,
          ConditionExpression: `attribute_exists(pk) AND ${live.expression} AND ${
            count === 0 ? 'attribute_not_exists(replayCount)' : 'replayCount = :read'
          }`,
          ExpressionAttributeNames: { '#status': 'status', ...live.names },
          ExpressionAttributeValues: {
            ':pending': 'pending',
            ':offset': current.attempts.length,
            ':now': now.toISOString(),
            ':open': openKeys(current.id, due).gsi2pk,
            // Handed to the queue now; the sweep doubts that only after the queued lease.
            ':due': openKeys(current.id, queuedUntil(due)).gsi2sk,
            ':ttl': ttl,
            // The last hundred are enough for any budget a deployment may set.
            ':replays': [...recent, now.toISOString()].slice(-100),
            ':count': count + 1,
            ...(count === 0 ? {} : { ':read': count }),
            ...(paced ? { ':dueAt': due } : {}),
            ...live.values,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      if (!Attributes) return undefined;
      await extendAlert(store, current.alertId, refOf(current), ttl + BODY_MARGIN_MS / 1000);
      return toDelivery(Attributes);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) || attempt >= 10) throw error;
      // Replayed, expired or gone meanwhile: count again from what is stored now.
      current = await getState(store, refOf(current));
    }
  }
  return undefined;
}
