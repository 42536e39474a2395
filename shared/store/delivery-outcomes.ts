/**
 * What became of a delivery: an attempt and its resulting status, or death without an attempt.
 * Each outcome keeps the delivery (and, when needed, its alert's body) for the retention period.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  boundedAttempt,
  type Delivery,
  type DeliveryAttempt,
  type DeliveryStatus,
} from '../model/delivery.js';
import { openKeys } from './delivery-open-work.js';
import {
  ALERT_TTL,
  BODY_MARGIN_MS,
  type DeliveryRef,
  type DeliveryTable,
  refOf,
  toDelivery,
  updateIfHeld,
} from './delivery-records.js';
import { keys, TABLE_DESIGN } from './keys.js';
import { expiresAt } from './retention.js';

/** The status an attempt leaves, when the next is due, and why a dead delivery died. */
export interface AttemptResult {
  status: DeliveryStatus;
  nextAttemptAt?: string;
  deadReason?: string;
}

/**
 * Appends an attempt and sets the resulting status in one atomic update. A delivery that is
 * already `delivered` stays so: a late failure from a duplicate send must not undo a success.
 * The delivery is kept for the retention period from this attempt, or from its next one.
 */
export async function recordAttempt(
  store: DeliveryTable,
  delivery: Pick<Delivery, 'id' | 'subscriptionId' | 'createdAt'>,
  attempt: DeliveryAttempt,
  outcome: AttemptResult,
): Promise<Delivery | undefined> {
  try {
    return await writeOutcome(store, delivery, attempt, outcome, undefined);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** What recording a counted attempt came to. */
export type CountedAttempt =
  | { kind: 'recorded'; delivery: Delivery }
  /** Another attempt was recorded first: this one is kept as an extra attempt. */
  | { kind: 'extra' }
  /** The delivery is gone (expired or never stored): nothing to record on. */
  | { kind: 'gone' };

/**
 * `recordAttempt` for the attempt numbered `expectedAttempts + 1`: the write holds only while the
 * delivery has exactly `expectedAttempts` attempts. An attempt that loses that race (a duplicate
 * message, a lease that ran out) is never dropped: it is appended as an extra attempt, and a
 * success among extras marks the delivery delivered, since the receiver has it. The status,
 * next attempt and retry budget otherwise stay the winner's.
 */
export async function recordCountedAttempt(
  store: DeliveryTable,
  delivery: Pick<Delivery, 'id' | 'subscriptionId' | 'createdAt'>,
  attempt: DeliveryAttempt,
  outcome: AttemptResult,
  expectedAttempts: number,
): Promise<CountedAttempt> {
  try {
    const recorded = await writeOutcome(store, delivery, attempt, outcome, expectedAttempts);
    return recorded ? { kind: 'recorded', delivery: recorded } : { kind: 'gone' };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  const delivered = outcome.status === 'delivered';
  const kept = await updateIfHeld(store, keys.delivery(refOf(delivery)), {
    UpdateExpression: `SET attempts = list_append(if_not_exists(attempts, :empty), :attempt), updatedAt = :now${
      delivered
        ? ', #status = :delivered, #ttl = :ttl REMOVE nextAttemptAt, deadReason, heldBy, gsi2pk, gsi2sk'
        : ''
    }`,
    ConditionExpression: 'attribute_exists(pk)',
    ...(delivered
      ? { ExpressionAttributeNames: { '#status': 'status', '#ttl': TABLE_DESIGN.ttlAttribute } }
      : {}),
    ExpressionAttributeValues: {
      ':attempt': [boundedAttempt(attempt)],
      ':empty': [],
      ':now': attempt.at,
      ...(delivered ? { ':delivered': 'delivered', ':ttl': expiresAt(attempt.at, store.retentionMs) } : {}),
    },
  });
  return kept ? { kind: 'extra' } : { kind: 'gone' };
}

/**
 * The outcome's one conditional update (see `recordAttempt`), counted when `expectedAttempts` is
 * given; throws `ConditionalCheckFailedException` when its condition does not hold.
 */
async function writeOutcome(
  store: DeliveryTable,
  delivery: Pick<Delivery, 'id' | 'subscriptionId' | 'createdAt'>,
  attempt: DeliveryAttempt,
  outcome: AttemptResult,
  expectedAttempts: number | undefined,
): Promise<Delivery | undefined> {
  const ttl = expiresAt(outcome.nextAttemptAt ?? attempt.at, store.retentionMs);
  const sets = [
    'attempts = list_append(if_not_exists(attempts, :empty), :attempt)',
    '#status = :status',
    'updatedAt = :now',
    '#ttl = :ttl',
  ];
  const removes: string[] = ['leaseUntil', 'heldBy'];
  const values: Record<string, unknown> = {
    ':attempt': [boundedAttempt(attempt)],
    ':empty': [],
    ':status': outcome.status,
    ':now': attempt.at,
    ':delivered': 'delivered',
    ':ttl': ttl,
  };
  if (outcome.nextAttemptAt) {
    sets.push('nextAttemptAt = :next', 'gsi2pk = :open', 'gsi2sk = :due');
    values[':next'] = outcome.nextAttemptAt;
    values[':open'] = openKeys(delivery.id, outcome.nextAttemptAt).gsi2pk;
    values[':due'] = openKeys(delivery.id, outcome.nextAttemptAt).gsi2sk;
  } else removes.push('nextAttemptAt');
  if (outcome.status === 'delivered') removes.push('gsi2pk', 'gsi2sk');
  if (outcome.status === 'dead') {
    // Out of the open-work index, into the dead-letter view.
    sets.push('gsi2pk = :deadPk', 'gsi2sk = :deadSk');
    values[':deadPk'] = keys.deadDeliveries();
    values[':deadSk'] = `${attempt.at}#${delivery.id}`;
  }
  if (outcome.deadReason) {
    sets.push('deadReason = :reason');
    values[':reason'] = outcome.deadReason;
  } else removes.push('deadReason');
  if (expectedAttempts !== undefined) values[':expected'] = expectedAttempts;
  const { Attributes } = await store.table.doc.send(
    new UpdateCommand({
      TableName: store.table.tableName,
      Key: keys.delivery(refOf(delivery)),
      UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`,
      ConditionExpression: `attribute_exists(pk) AND #status <> :delivered${
        expectedAttempts !== undefined ? ' AND size(attempts) = :expected' : ''
      }`,
      ExpressionAttributeNames: { '#status': 'status', '#ttl': TABLE_DESIGN.ttlAttribute },
      ExpressionAttributeValues: values,
      ReturnValues: 'ALL_NEW',
    }),
  );
  if (!Attributes) return undefined;
  // Retries far in the future must not outlive the alert's body.
  const alertTtl = Attributes[ALERT_TTL];
  if (typeof alertTtl === 'number' && alertTtl < ttl + BODY_MARGIN_MS / 2000) {
    await extendAlert(store, String(Attributes.alertId), refOf(delivery), ttl + BODY_MARGIN_MS / 1000);
  }
  return toDelivery(Attributes);
}

/** Moves the alert body's expiry to `ttl` (and notes it on the delivery). */
export async function extendAlert(
  store: DeliveryTable,
  alertId: string,
  ref: DeliveryRef,
  ttl: number,
): Promise<void> {
  await updateIfHeld(store, keys.alert(alertId), {
    UpdateExpression: 'SET #ttl = :ttl',
    ConditionExpression: 'attribute_exists(pk) AND #ttl < :ttl',
    ExpressionAttributeNames: { '#ttl': TABLE_DESIGN.ttlAttribute },
    ExpressionAttributeValues: { ':ttl': ttl },
  });
  await updateIfHeld(store, keys.delivery(ref), {
    UpdateExpression: `SET ${ALERT_TTL} = :ttl`,
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':ttl': ttl },
  });
}

/** Marks a delivery dead without an attempt (its channel is gone or disabled). */
export async function markDead(
  store: DeliveryTable,
  delivery: Pick<Delivery, 'id' | 'subscriptionId' | 'createdAt'>,
  reason: string,
  now: Date,
): Promise<void> {
  await updateIfHeld(store, keys.delivery(refOf(delivery)), {
    UpdateExpression:
      'SET #status = :dead, deadReason = :reason, updatedAt = :now, #ttl = :ttl, gsi2pk = :deadPk, gsi2sk = :deadSk REMOVE nextAttemptAt, leaseUntil',
    ConditionExpression: 'attribute_exists(pk) AND #status <> :delivered',
    ExpressionAttributeNames: { '#status': 'status', '#ttl': TABLE_DESIGN.ttlAttribute },
    ExpressionAttributeValues: {
      ':dead': 'dead',
      ':reason': reason,
      ':now': now.toISOString(),
      ':delivered': 'delivered',
      ':ttl': expiresAt(now, store.retentionMs),
      ':deadPk': keys.deadDeliveries(),
      ':deadSk': `${now.toISOString()}#${delivery.id}`,
    },
  });
}
