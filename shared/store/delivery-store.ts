import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { TooManyRequestsError } from '../errors.js';
import {
  type Alert,
  boundedAttempt,
  type Channel,
  type Delivery,
  type DeliveryAttempt,
  type DeliveryHold,
  type DeliveryStatus,
} from '../model/delivery.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { keys, OPEN_SHARDS, queryAll, type TableContext, withoutKeys } from './table.js';

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

/** Delivery ids carry their alert id, so a delivery is read with one GetItem. */
export function deliveryId(alertId: string, channel: Channel): string {
  return `dlv_${alertId.replace(/^alrt_/, '')}_${channel}`;
}

/** The inverse of `deliveryId`; undefined for anything that is not a delivery id. */
export function parseDeliveryId(id: string): { alertId: string; channel: Channel } | undefined {
  const match = /^dlv_([0-9a-f]{32})_(webhook|sms|email)$/.exec(id);
  if (!match?.[1] || !match[2]) return undefined;
  return { alertId: `alrt_${match[1]}`, channel: match[2] as Channel };
}

export function newDelivery(alert: Alert, channel: Channel): Delivery {
  return {
    id: deliveryId(alert.alertId, channel),
    alertId: alert.alertId,
    webhookId: alert.webhookId,
    policyChangeId: alert.policyChangeId,
    revision: alert.revision,
    subscriptionId: alert.subscriptionId,
    subscriberId: alert.subscriberId,
    type: alert.type,
    channel,
    status: 'pending',
    attempts: [],
    createdAt: alert.createdAt,
    updatedAt: alert.createdAt,
  };
}

/**
 * How long a delivery just handed to the queue belongs to it before the recovery sweep doubts
 * that: the open-work index sees a new or replayed delivery as due only after this, so a
 * backlog waiting its turn (behind lanes and rate limits) is never queued twice. A dispatcher
 * that takes it sets its own lease; one that defers it to an open circuit sets the hold's end.
 */
export const QUEUED_LEASE_MS = 15 * 60_000;

const queuedUntil = (at: string) => new Date(Date.parse(at) + QUEUED_LEASE_MS).toISOString();

/** Which open-work partition a delivery sits in: spread by its (random-looking) alert hash. */
export function openShard(id: string): number {
  return Number.parseInt(id.charAt(4), 16) % OPEN_SHARDS;
}

/** The sparse-index attributes that keep an unfinished delivery findable by the recovery sweep. */
function openKeys(id: string, dueAt: string) {
  return { gsi2pk: keys.openDeliveries(openShard(id)), gsi2sk: `${dueAt}#${id}` };
}

/** Transaction cancellations worth another try: throttling and conflicts with other writers. */
function isTransient(error: TransactionCanceledException): boolean {
  return (error.CancellationReasons ?? []).some(
    (reason) => reason.Code === 'ThrottlingError' || reason.Code === 'TransactionConflict',
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function toDelivery(item: Record<string, unknown>): Delivery {
  // Items are written only by this module.
  return withoutKeys(item) as unknown as Delivery;
}

/**
 * Alerts and their deliveries. An alert and its deliveries are written together, once: the
 * deterministic alert id and `attribute_not_exists` make a second matcher run a no-op.
 */
export class DeliveryStore {
  constructor(private readonly table: TableContext) {}

  /**
   * Writes the alert and one delivery per channel unless the alert exists. Returns the deliveries
   * that still need sending: all of them when created, the untouched ones when it already existed
   * (a matcher that crashed before enqueueing left them behind).
   */
  async createAlert(
    alert: Alert,
    channels: readonly Channel[],
  ): Promise<{ created: boolean; toSend: Delivery[] }> {
    const deliveries = channels.map((channel) => newDelivery(alert, channel));
    for (let attempt = 1; ; attempt++) {
      try {
        await this.writeAlert(alert, deliveries);
        return { created: true, toSend: deliveries };
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        if (error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
          const existing = await this.deliveriesOfAlert(alert.alertId);
          return {
            created: false,
            toSend: existing.filter((d) => d.status === 'pending' && d.attempts.length === 0),
          };
        }
        // The SDK does not retry a cancelled transaction; throttling and conflicts are worth it.
        if (!isTransient(error) || attempt >= 6) throw error;
        await sleep(25 * 2 ** attempt * (0.5 + Math.random()));
      }
    }
  }

  private async writeAlert(alert: Alert, deliveries: Delivery[]): Promise<void> {
    await this.table.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.table.tableName,
              Item: {
                ...keys.alert(alert.alertId),
                // Keys only on gsi2: who had an alert about a change, for updates and status changes.
                ...(alert.type.startsWith('policy_change.')
                  ? {
                      gsi2pk: keys.recipientsOf(alert.policyChangeId),
                      gsi2sk: `${alert.subscriptionId}#${alert.alertId}`,
                    }
                  : {}),
                entity: 'alert',
                ...alert,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...deliveries.map((delivery) => ({
            Put: {
              TableName: this.table.tableName,
              Item: {
                ...keys.delivery(alert.alertId, delivery.channel),
                gsi1pk: keys.deliveriesOf(alert.subscriptionId),
                gsi1sk: `${delivery.createdAt}#${delivery.id}`,
                ...openKeys(delivery.id, queuedUntil(delivery.createdAt)),
                entity: 'delivery',
                ...delivery,
              },
            },
          })),
        ],
      }),
    );
  }

  /** The subscriptions that had any alert about a change, each once (a keys-only index query). */
  async recipientsOf(policyChangeId: string): Promise<string[]> {
    const items = await queryAll(this.table, {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.recipientsOf(policyChangeId) },
    });
    return [...new Set(items.flatMap((item) => /^([^#]+)#/.exec(String(item.gsi2sk))?.[1] ?? []))];
  }

  async getAlert(alertId: string): Promise<Alert | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: keys.alert(alertId), ConsistentRead: true }),
    );
    return Item ? (withoutKeys(Item) as unknown as Alert) : undefined;
  }

  async getDelivery(id: string): Promise<Delivery | undefined> {
    const parsed = parseDeliveryId(id);
    if (!parsed) return undefined;
    const { Item } = await this.table.doc.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: keys.delivery(parsed.alertId, parsed.channel),
        ConsistentRead: true,
      }),
    );
    return Item ? toDelivery(Item) : undefined;
  }

  async deliveriesOfAlert(alertId: string): Promise<Delivery[]> {
    const { Items } = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :d)',
        ExpressionAttributeValues: { ':pk': keys.alert(alertId).pk, ':d': 'DELIVERY#' },
        ConsistentRead: true,
      }),
    );
    return (Items ?? []).map(toDelivery);
  }

  /** A page of a subscription's deliveries, newest first. */
  async listBySubscription(
    subscriptionId: string,
    options: { limit?: number; cursor?: string } = {},
  ): Promise<{ items: Delivery[]; nextCursor?: string }> {
    const start = options.cursor
      ? decodeCursor(options.cursor, ['pk', 'sk', 'gsi1pk', 'gsi1sk'], {
          name: 'gsi1pk',
          value: keys.deliveriesOf(subscriptionId),
        })
      : undefined;
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.deliveriesOf(subscriptionId) },
        ScanIndexForward: false,
        Limit: options.limit ?? 100,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    return {
      items: (page.Items ?? []).map(toDelivery),
      ...(page.LastEvaluatedKey ? { nextCursor: encodeCursor(page.LastEvaluatedKey) } : {}),
    };
  }

  /**
   * Appends an attempt and sets the resulting status in one atomic update. A delivery that is
   * already `delivered` stays so: a late failure from a duplicate send must not undo a success.
   */
  async recordAttempt(
    delivery: Delivery,
    attempt: DeliveryAttempt,
    outcome: { status: DeliveryStatus; nextAttemptAt?: string; deadReason?: string },
  ): Promise<Delivery | undefined> {
    const sets = [
      'attempts = list_append(if_not_exists(attempts, :empty), :attempt)',
      '#status = :status',
      'updatedAt = :now',
    ];
    const removes: string[] = ['leaseUntil', 'heldBy'];
    const values: Record<string, unknown> = {
      ':attempt': [boundedAttempt(attempt)],
      ':empty': [],
      ':status': outcome.status,
      ':now': attempt.at,
      ':delivered': 'delivered',
    };
    if (outcome.nextAttemptAt) {
      sets.push('nextAttemptAt = :next', 'gsi2sk = :due');
      values[':next'] = outcome.nextAttemptAt;
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
    try {
      const { Attributes } = await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.delivery(delivery.alertId, delivery.channel),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: 'attribute_exists(pk) AND #status <> :delivered',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? toDelivery(Attributes) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /**
   * Notes that the delivery waits, unattempted, for its endpoint's circuit; the open-work index
   * sees it as due only when the hold ends, so the sweep leaves it alone meanwhile.
   */
  async hold(delivery: Delivery, heldBy: DeliveryHold): Promise<void> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.delivery(delivery.alertId, delivery.channel),
          UpdateExpression: 'SET heldBy = :held, gsi2sk = :due',
          ConditionExpression: 'attribute_exists(pk) AND #status IN (:pending, :failed)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':held': heldBy,
            ':due': openKeys(delivery.id, heldBy.until).gsi2sk,
            ':pending': 'pending',
            ':failed': 'failed',
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Marks a delivery dead without an attempt (its channel is gone or disabled). */
  async markDead(delivery: Delivery, reason: string, now = new Date()): Promise<void> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.delivery(delivery.alertId, delivery.channel),
          UpdateExpression:
            'SET #status = :dead, deadReason = :reason, updatedAt = :now, gsi2pk = :deadPk, gsi2sk = :deadSk REMOVE nextAttemptAt, leaseUntil',
          ConditionExpression: 'attribute_exists(pk) AND #status <> :delivered',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':dead': 'dead',
            ':reason': reason,
            ':now': now.toISOString(),
            ':delivered': 'delivered',
            ':deadPk': keys.deadDeliveries(),
            ':deadSk': `${now.toISOString()}#${delivery.id}`,
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /**
   * Takes the delivery for one attempt: no other dispatcher may attempt it until the lease ends,
   * so duplicate queue messages do not become duplicate sends. False when it is finished or
   * someone else holds it.
   */
  async claim(delivery: Delivery, now: Date, leaseMs: number): Promise<boolean> {
    const until = new Date(now.getTime() + leaseMs).toISOString();
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.delivery(delivery.alertId, delivery.channel),
          // While leased, the sweep sees the delivery as due only when the lease has run out.
          UpdateExpression: 'SET leaseUntil = :until, gsi2sk = :due',
          // The attempt count must be the one the caller read: a copy read before another
          // dispatcher recorded an attempt would send again and number its attempt wrongly.
          ConditionExpression:
            'attribute_exists(pk) AND #status IN (:pending, :failed) AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now) AND size(attempts) = :attempts',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':attempts': delivery.attempts.length,
            ':until': until,
            ':due': openKeys(delivery.id, until).gsi2sk,
            ':now': now.toISOString(),
            ':pending': 'pending',
            ':failed': 'failed',
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * Opens a delivery again for a replay: pending, due at `options.dueAt` (now by default), with a
   * fresh retry budget. Its attempts so far are kept; its webhook-id does not change.
   *
   * With `options.budget`, at most `budget.limit` replays per `budget.windowMs` (a sliding window,
   * the replay times kept on the delivery): the update is conditional on the replay count read, so
   * concurrent replays cannot exceed it either; beyond it, `ReplayLimitError` says when the next
   * one is allowed. Undefined when the delivery does not exist.
   */
  async reopen(
    delivery: Delivery,
    now: Date,
    options: { dueAt?: Date; budget?: { limit: number; windowMs: number } } = {},
  ): Promise<Delivery | undefined> {
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
      const count = current.replayCount ?? 0;
      try {
        const { Attributes } = await this.table.doc.send(
          new UpdateCommand({
            TableName: this.table.tableName,
            Key: keys.delivery(current.alertId, current.channel),
            UpdateExpression: `SET #status = :pending, attemptOffset = :offset, updatedAt = :now, gsi2pk = :open, gsi2sk = :due, replays = :replays, replayCount = :count${
              due > now.toISOString() ? ', nextAttemptAt = :dueAt' : ''
            } REMOVE deadReason, leaseUntil${due > now.toISOString() ? '' : ', nextAttemptAt'}`,
            ConditionExpression: `attribute_exists(pk) AND ${count === 0 ? 'attribute_not_exists(replayCount)' : 'replayCount = :read'}`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':pending': 'pending',
              ':offset': current.attempts.length,
              ':now': now.toISOString(),
              ':open': openKeys(current.id, due).gsi2pk,
              // Handed to the queue now; the sweep doubts that only after the queued lease.
              ':due': openKeys(current.id, queuedUntil(due)).gsi2sk,
              // The last hundred are enough for any budget a deployment may set.
              ':replays': [...recent, now.toISOString()].slice(-100),
              ':count': count + 1,
              ...(count === 0 ? {} : { ':read': count }),
              ...(due > now.toISOString() ? { ':dueAt': due } : {}),
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes ? toDelivery(Attributes) : undefined;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) || attempt >= 10) throw error;
        // Replayed (or gone) meanwhile: count again from what is stored now.
        current = await this.getDelivery(current.id);
      }
    }
    return undefined;
  }

  /**
   * Unfinished deliveries due at or before `dueBefore` (ISO time), from the sparse open-work
   * index: what the recovery sweep hands to the queue again.
   */
  async dueDeliveries(dueBefore: string, limit = 1000): Promise<{ deliveryId: string; dueAt: string }[]> {
    const found: { deliveryId: string; dueAt: string }[] = [];
    for (let shard = 0; shard < OPEN_SHARDS && found.length < limit; shard++) {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await this.table.doc.send(
          new QueryCommand({
            TableName: this.table.tableName,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :due',
            ExpressionAttributeValues: { ':pk': keys.openDeliveries(shard), ':due': `${dueBefore}#~` },
            Limit: Math.min(500, limit - found.length),
            ExclusiveStartKey,
          }),
        );
        for (const item of page.Items ?? []) {
          const [dueAt = '', id = ''] = String(item.gsi2sk).split('#');
          if (parseDeliveryId(id)) found.push({ deliveryId: id, dueAt });
        }
        ExclusiveStartKey = found.length < limit ? page.LastEvaluatedKey : undefined;
      } while (ExclusiveStartKey);
    }
    return found;
  }

  /** A page of dead deliveries across all subscribers, most recently dead first. */
  async listDead(
    options: { limit?: number; cursor?: string } = {},
  ): Promise<{ items: Delivery[]; nextCursor?: string }> {
    const start = options.cursor
      ? decodeCursor(options.cursor, ['pk', 'sk', 'gsi2pk', 'gsi2sk'], {
          name: 'gsi2pk',
          value: keys.deadDeliveries(),
        })
      : undefined;
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.deadDeliveries() },
        ScanIndexForward: false,
        Limit: options.limit ?? 100,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    // The index holds keys only: the deliveries are read by key, in the index's order.
    const found = new Map<string, Delivery>();
    let wanted = (page.Items ?? []).map((item) => ({ pk: String(item.pk), sk: String(item.sk) }));
    for (let attempt = 0; wanted.length > 0 && attempt < 5; attempt++) {
      const result = await this.table.doc.send(
        new BatchGetCommand({
          RequestItems: { [this.table.tableName]: { Keys: wanted, ConsistentRead: true } },
        }),
      );
      for (const item of result.Responses?.[this.table.tableName] ?? []) {
        found.set(`${item.pk}|${item.sk}`, toDelivery(item));
      }
      wanted = (result.UnprocessedKeys?.[this.table.tableName]?.Keys ?? []) as { pk: string; sk: string }[];
    }
    const items = (page.Items ?? []).flatMap((item) => found.get(`${item.pk}|${item.sk}`) ?? []);
    return {
      // A delivery replayed since the index was read is no longer dead.
      items: items.filter((delivery) => delivery.status === 'dead'),
      ...(page.LastEvaluatedKey ? { nextCursor: encodeCursor(page.LastEvaluatedKey) } : {}),
    };
  }

  /** A subscription's deliveries created at or after `since` (ISO time), oldest first. */
  async listSince(subscriptionId: string, since: string): Promise<Delivery[]> {
    const items = await queryAll(this.table, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
      ExpressionAttributeValues: { ':pk': keys.deliveriesOf(subscriptionId), ':since': since },
    });
    return items.map(toDelivery);
  }
}
