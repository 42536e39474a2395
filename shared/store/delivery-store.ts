import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { TooManyRequestsError } from '../kernel/errors.js';
import {
  type Alert,
  boundedAttempt,
  type Channel,
  type Delivery,
  type DeliveryAttempt,
  type DeliveryHold,
  type DeliveryStatus,
} from '../model/delivery.js';
import { keys, OPEN_SHARDS, TABLE_DESIGN } from './keys.js';
import { type Page, queryAll, queryPage } from './paging.js';
import { DEFAULT_RETENTION, expiresAt, isExpired, liveCondition } from './retention.js';
import { type TableContext, withoutKeys } from './table.js';
import { withRetry } from './throttle-retry.js';
import { conditionHeld } from './write-failure.js';

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

/** Delivery ids carry their alert id, so a delivery is found from its alert. */
export function deliveryId(alertId: string, channel: Channel): string {
  return `dlv_${alertId.replace(/^alrt_/, '')}_${channel}`;
}

/** The inverse of `deliveryId`; undefined for anything that is not a delivery id. */
export function parseDeliveryId(id: string): { alertId: string; channel: Channel } | undefined {
  const match = /^dlv_([0-9a-f]{32})_(webhook|sms|email)$/.exec(id);
  if (!match?.[1] || !match[2]) return undefined;
  return { alertId: `alrt_${match[1]}`, channel: match[2] as Channel };
}

/** Where a delivery's state lives: enough to read or update it with one call. */
export interface DeliveryRef {
  deliveryId: string;
  subscriptionId: string;
  createdAt: string;
}

export function refOf(delivery: Pick<Delivery, 'id' | 'subscriptionId' | 'createdAt'>): DeliveryRef {
  return { deliveryId: delivery.id, subscriptionId: delivery.subscriptionId, createdAt: delivery.createdAt };
}

export function newDelivery(
  alert: Pick<
    Alert,
    | 'alertId'
    | 'webhookId'
    | 'policyChangeId'
    | 'revision'
    | 'subscriptionId'
    | 'subscriberId'
    | 'type'
    | 'createdAt'
  >,
  channel: Channel,
): Delivery {
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
 * that: the open-work index sees a new (with an in-process queue; SQS holds first attempts, so
 * there a new delivery is indexed only on its first failure) or replayed delivery as due only
 * after this, so a backlog waiting its turn (behind lanes and rate limits) is never queued twice.
 * A dispatcher that takes it sets its own lease; one that defers it to an open circuit sets the
 * hold's end.
 */
export const QUEUED_LEASE_MS = 15 * 60_000;

const queuedUntil = (at: string) => new Date(Date.parse(at) + QUEUED_LEASE_MS).toISOString();

/** The alert as stored: its body, and the text only when an SMS or e-mail channel needs it. */
export type StoredAlert = Omit<Alert, 'text'> & { text?: Alert['text']; channels: Channel[] };

/** Which open-work partition a delivery sits in: spread by its (random-looking) alert hash. */
export function openShard(id: string): number {
  return Number.parseInt(id.charAt(4), 16) % OPEN_SHARDS;
}

/** The sparse-index attributes that keep an unfinished delivery findable by the recovery sweep. */
function openKeys(id: string, dueAt: string) {
  return { gsi2pk: keys.openDeliveries(openShard(id)), gsi2sk: `${dueAt}#${id}` };
}

/** What taking a delivery for an attempt came to. */
export type ClaimResult =
  | { kind: 'claimed'; delivery: Delivery }
  /** Delivered, dead, expired or never stored: nothing to do. */
  | { kind: 'finished' }
  /** Another dispatcher holds it, or its next attempt is not due yet: come back after `ms`. */
  | { kind: 'wait'; ms: number };

/**
 * The alert body outlives its deliveries' state by this much, so that retries (which push the
 * deliveries' expiry forward) never find the body gone. Replays move the body's expiry explicitly.
 */
const BODY_MARGIN_MS = 7 * 86_400_000;

/** The alert body's expiry, noted on each delivery so a retry knows when to move it. */
const ALERT_TTL = 'alertTtl';

/**
 * How long an alert belongs to the run that created it: longer than any matcher run (the matcher
 * and scheduler functions stop at 5 minutes). A run that finds the alert younger than this leaves
 * its missing deliveries to their creator, whose unconditional batch write of them would otherwise
 * overwrite a delivery this run had already sent, and send it again.
 */
export const ALERT_CREATION_WINDOW_MS = 6 * 60_000;

function toDelivery(item: Record<string, unknown>): Delivery {
  // Items are written only by this module.
  const { [ALERT_TTL]: _alertTtl, ...rest } = withoutKeys(item);
  return rest as unknown as Delivery;
}

/**
 * The body as stored: deflated when that makes it smaller, since DynamoDB bills a write per KB
 * and a policy change's JSON deflates to about half. The bytes sent are always the original ones.
 */
function packPayload(payload: string): { payload: string } | { payloadDeflated: Uint8Array } {
  const deflated = deflateRawSync(Buffer.from(payload, 'utf8'));
  return deflated.length < Buffer.byteLength(payload) ? { payloadDeflated: deflated } : { payload };
}

function toAlert(item: Record<string, unknown>): StoredAlert {
  // Items are written only by this module; the match and webhook-id are not stored twice.
  const { payloadDeflated, ...rest } = withoutKeys(item);
  const stored = {
    ...rest,
    ...(payloadDeflated instanceof Uint8Array
      ? { payload: inflateRawSync(payloadDeflated).toString('utf8') }
      : {}),
  } as unknown as Omit<StoredAlert, 'match' | 'webhookId'>;
  const body = JSON.parse(stored.payload) as { data?: { match?: Alert['match'] } };
  return {
    ...stored,
    webhookId: `msg_${stored.alertId.slice('alrt_'.length)}`,
    match: body.data?.match ?? { materials: [] },
  };
}

/** What `createAlert` did with one alert. */
export interface CreatedAlert {
  created: boolean;
  /** Deliveries to enqueue: all when created, else those written but never attempted. */
  toSend: Delivery[];
  /**
   * The alert exists without some of its deliveries and is young enough that its creator may
   * still be writing them: left to it. The revision is not finished; a later run fills them in.
   */
  deferred?: true;
}

/**
 * Alerts and their deliveries, kept in two shapes because DynamoDB bills a write on the larger of
 * the old and new item: the alert's immutable body (the signed payload) is written once, and each
 * delivery's small mutable state (status, attempts, lease) lives in its subscription's partition,
 * where listing is a query on the table and no index copies it on every update.
 *
 * The alert's conditional put is what makes creation idempotent: a second matcher run finds the
 * alert and only fills in what a crash left unwritten.
 */
export class DeliveryStore {
  private readonly retentionMs: number;
  /** What reads take as now when deciding whether an item has expired. */
  private readonly clock: () => Date;
  private readonly durableQueue: boolean;
  private readonly creationWindowMs: number;

  /**
   * With `durableQueue` (SQS: a message stays until it is handled, then goes to the dead-letter
   * queue), a new delivery enters the open-work index only when an attempt fails or it is
   * reopened: the queue holds its first attempt. An in-process queue dies with its process, so
   * without it every new delivery is indexed at once for the sweep to find after a restart.
   */
  constructor(
    private readonly table: TableContext,
    options: {
      retentionMs?: number;
      clock?: () => Date;
      durableQueue?: boolean;
      /**
       * `ALERT_CREATION_WINDOW_MS` by default; 0 where one process owns the table and never runs
       * two matchers on one revision (local mode), so a restart fills in at once what a crash left.
       */
      creationWindowMs?: number;
    } = {},
  ) {
    this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION.deliveryMs;
    this.creationWindowMs = options.creationWindowMs ?? ALERT_CREATION_WINDOW_MS;
    this.clock = options.clock ?? (() => new Date());
    this.durableQueue = options.durableQueue ?? false;
  }

  /**
   * Writes the alert and one delivery per channel unless the alert exists. Returns the deliveries
   * that still need sending: all of them when created, the untouched ones when it already existed
   * (a matcher that crashed before enqueueing left them behind).
   */
  async createAlert(alert: Alert, channels: readonly Channel[]): Promise<CreatedAlert> {
    const [result] = await this.createAlerts([{ alert, channels }]);
    if (!result) throw new Error('createAlerts answered nothing');
    return result;
  }

  /**
   * `createAlert` for many alerts at once: one conditional put per alert body, then the new
   * deliveries' state and one recipients record per policy change in batches of 25. Results are in
   * the order of `alerts`.
   */
  async createAlerts(
    alerts: readonly { alert: Alert; channels: readonly Channel[] }[],
  ): Promise<CreatedAlert[]> {
    const results = await Promise.all(
      alerts.map(async ({ alert, channels }) => {
        const deliveries = channels.map((channel) => newDelivery(alert, channel));
        const alertTtl = expiresAt(alert.createdAt, this.retentionMs + BODY_MARGIN_MS);
        try {
          await this.table.doc.send(
            new PutCommand({
              TableName: this.table.tableName,
              Item: this.alertItem(alert, channels, alertTtl),
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
          return { created: true, deferred: false, toSend: deliveries, written: deliveries, alertTtl };
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
          return { created: false, written: [], alertTtl: 0, ...(await this.resume(alert.alertId)) };
        }
      }),
    );
    const items = [
      ...this.recipientItems(alerts.map(({ alert }) => alert)),
      ...results.flatMap((result) =>
        result.written.map((delivery) => this.deliveryItem(delivery, result.alertTtl)),
      ),
    ];
    await this.batchPut(items);
    return results.map(({ created, toSend, deferred }) => ({
      created,
      toSend,
      ...(deferred ? { deferred } : {}),
    }));
  }

  /**
   * An alert that exists already: which deliveries a crash left unwritten or unsent. A missing
   * delivery is written here only once the alert is past its creator's run, and then with a
   * condition, so neither a live creator nor another resuming run is overwritten.
   */
  private async resume(alertId: string): Promise<{ toSend: Delivery[]; deferred: boolean }> {
    const stored = await this.getStoredAlertItem(alertId);
    if (!stored) return { toSend: [], deferred: false };
    const alert = toAlert(stored);
    const alertTtl = typeof stored.ttl === 'number' ? stored.ttl : 0;
    const creatorDone = Date.parse(alert.createdAt) + this.creationWindowMs <= this.clock().getTime();
    const toSend: Delivery[] = [];
    let deferred = false;
    for (const channel of alert.channels) {
      const fresh = newDelivery(alert, channel);
      const existing = await this.getState(refOf(fresh));
      if (existing) {
        if (existing.status === 'pending' && existing.attempts.length === 0) toSend.push(existing);
      } else if (!creatorDone) {
        deferred = true;
      } else if (await this.putIfAbsent(this.deliveryItem(fresh, alertTtl))) {
        toSend.push(fresh);
      }
    }
    return { toSend, deferred };
  }

  /** Puts the item unless its key exists; says whether it did. */
  private putIfAbsent(item: Record<string, unknown>): Promise<boolean> {
    return conditionHeld(
      this.table.doc.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  /**
   * Who had an alert about a change, for later updates and status changes: one small item per
   * change and batch (keyed by the batch's first alert, so a rerun rewrites the same item) rather
   * than an index entry on every alert, which would bill a write unit per alert. Written with the
   * deliveries, after the alerts' puts, so it never names a subscription that has no alert; it
   * lives as long as the alerts it lists.
   */
  private recipientItems(alerts: readonly Alert[]) {
    const byChange = new Map<string, Alert[]>();
    for (const alert of alerts) {
      if (!alert.type.startsWith('policy_change.')) continue;
      const group = byChange.get(alert.policyChangeId) ?? [];
      group.push(alert);
      byChange.set(alert.policyChangeId, group);
    }
    return [...byChange].flatMap(([policyChangeId, group]) => {
      const [first] = group;
      if (!first) return [];
      const latest = group.reduce((a, b) => (b.createdAt > a.createdAt ? b : a), first);
      return [
        {
          ...keys.recipients(policyChangeId, first.alertId),
          entity: 'recipients',
          subscriptionIds: [...new Set(group.map((alert) => alert.subscriptionId))],
          ttl: expiresAt(latest.createdAt, this.retentionMs + BODY_MARGIN_MS),
        },
      ];
    });
  }

  private alertItem(alert: Alert, channels: readonly Channel[], ttl: number) {
    const { match: _match, webhookId: _webhookId, text, payload, ...rest } = alert;
    const needsText = channels.includes('sms') || channels.includes('email');
    return {
      ...keys.alert(alert.alertId),
      entity: 'alert',
      ...rest,
      ...packPayload(payload),
      ...(needsText ? { text } : {}),
      channels: [...channels],
      ttl,
    };
  }

  private deliveryItem(delivery: Delivery, alertTtl: number) {
    return {
      ...keys.delivery(refOf(delivery)),
      // Locally the queue dies with its process, so the sweep must find new deliveries; it doubts
      // the queue only after the queued lease. SQS holds first attempts itself.
      ...(this.durableQueue ? {} : openKeys(delivery.id, queuedUntil(delivery.createdAt))),
      entity: 'delivery',
      ...delivery,
      ttl: expiresAt(delivery.createdAt, this.retentionMs),
      [ALERT_TTL]: alertTtl,
    };
  }

  /** Puts items 25 a request; what DynamoDB leaves unprocessed (throttling) is sent again. */
  private async batchPut(items: Record<string, unknown>[]): Promise<void> {
    for (let start = 0; start < items.length; start += 25) {
      let pending = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
      await withRetry(
        async () => {
          const { UnprocessedItems } = await this.table.doc.send(
            new BatchWriteCommand({ RequestItems: { [this.table.tableName]: pending } }),
          );
          pending = (UnprocessedItems?.[this.table.tableName] ?? []) as typeof pending;
          if (pending.length > 0) throw new UnprocessedItemsError(pending.length);
        },
        { attempts: 8, retryable: (error) => error instanceof UnprocessedItemsError },
      );
    }
  }

  private async getStoredAlertItem(alertId: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: keys.alert(alertId), ConsistentRead: true }),
    );
    return Item && !isExpired(Item, this.clock()) ? Item : undefined;
  }

  /** The subscriptions that had any (unexpired) alert about a change, each once. */
  async recipientsOf(policyChangeId: string): Promise<string[]> {
    const live = liveCondition(this.clock());
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: live.expression,
      ProjectionExpression: 'subscriptionIds',
      ExpressionAttributeNames: live.names,
      ExpressionAttributeValues: { ':pk': keys.recipientsOf(policyChangeId), ...live.values },
      ConsistentRead: true,
    });
    return [
      ...new Set(
        items.flatMap((item) =>
          Array.isArray(item.subscriptionIds) ? item.subscriptionIds.map((id) => String(id)) : [],
        ),
      ),
    ];
  }

  async getAlert(alertId: string): Promise<StoredAlert | undefined> {
    const item = await this.getStoredAlertItem(alertId);
    return item ? toAlert(item) : undefined;
  }

  /** The delivery's state by its reference; undefined when missing or expired. */
  async getState(ref: DeliveryRef): Promise<Delivery | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: keys.delivery(ref), ConsistentRead: true }),
    );
    return Item && !isExpired(Item, this.clock()) ? toDelivery(Item) : undefined;
  }

  /** A delivery by id: its alert says where its state is. */
  async getDelivery(id: string): Promise<Delivery | undefined> {
    const ref = await this.refById(id);
    return ref ? this.getState(ref) : undefined;
  }

  /** The reference of a delivery known only by id (one read of its alert). */
  async refById(id: string): Promise<DeliveryRef | undefined> {
    const parsed = parseDeliveryId(id);
    if (!parsed) return undefined;
    const alert = await this.getAlert(parsed.alertId);
    if (!alert?.channels.includes(parsed.channel)) return undefined;
    return { deliveryId: id, subscriptionId: alert.subscriptionId, createdAt: alert.createdAt };
  }

  async deliveriesOfAlert(alertId: string): Promise<Delivery[]> {
    const alert = await this.getAlert(alertId);
    if (!alert) return [];
    const found = await Promise.all(
      alert.channels.map((channel) =>
        this.getState({
          deliveryId: deliveryId(alertId, channel),
          subscriptionId: alert.subscriptionId,
          createdAt: alert.createdAt,
        }),
      ),
    );
    return found.flatMap((delivery) => (delivery ? [delivery] : []));
  }

  /** A page of a subscription's deliveries, newest first; expired ones are not shown. */
  async listBySubscription(
    subscriptionId: string,
    options: { limit?: number; cursor?: string } = {},
  ): Promise<Page<Delivery>> {
    const partition = keys.deliveriesOf(subscriptionId);
    const live = liveCondition(this.clock());
    const page = await queryPage(
      this.table,
      {
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: live.expression,
        ExpressionAttributeNames: live.names,
        ExpressionAttributeValues: { ':pk': partition, ...live.values },
        ScanIndexForward: false,
        ConsistentRead: true,
      },
      {
        limit: options.limit ?? 100,
        cursor: options.cursor,
        cursorKeys: ['pk', 'sk'],
        partition: { name: 'pk', value: partition },
      },
    );
    return { ...page, items: page.items.map(toDelivery) };
  }

  /** A subscription's live deliveries created at or after `since` (ISO time), oldest first. */
  async listSince(subscriptionId: string, since: string): Promise<Delivery[]> {
    const live = liveCondition(this.clock());
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'pk = :pk AND sk >= :since',
      FilterExpression: live.expression,
      ExpressionAttributeNames: live.names,
      ExpressionAttributeValues: {
        ':pk': keys.deliveriesOf(subscriptionId),
        ':since': since,
        ...live.values,
      },
    });
    return items.map(toDelivery);
  }

  /**
   * A page of dead deliveries across all subscribers, most recently dead first (the admin's
   * dead-letter view). Expired ones and those replayed since the index was read are left out.
   */
  async listDead(options: { limit?: number; cursor?: string } = {}): Promise<Page<Delivery>> {
    const partition = keys.deadDeliveries();
    const page = await queryPage(
      this.table,
      {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': partition },
        ScanIndexForward: false,
      },
      {
        limit: options.limit ?? 100,
        cursor: options.cursor,
        cursorKeys: ['pk', 'sk', 'gsi2pk', 'gsi2sk'],
        partition: { name: 'gsi2pk', value: partition },
      },
    );
    // The index holds keys only: the states are read by key, in the index's order.
    const keysWanted = page.items.map((item) => ({ pk: String(item.pk), sk: String(item.sk) }));
    const found = new Map<string, Record<string, unknown>>();
    for (let start = 0; start < keysWanted.length; start += 100) {
      let wanted = keysWanted.slice(start, start + 100);
      await withRetry(
        async () => {
          const result = await this.table.doc.send(
            new BatchGetCommand({
              RequestItems: { [this.table.tableName]: { Keys: wanted, ConsistentRead: true } },
            }),
          );
          for (const item of result.Responses?.[this.table.tableName] ?? []) {
            found.set(`${item.pk}|${item.sk}`, item);
          }
          wanted = (result.UnprocessedKeys?.[this.table.tableName]?.Keys ?? []) as typeof wanted;
          if (wanted.length > 0) throw new UnprocessedItemsError(wanted.length);
        },
        { attempts: 8, retryable: (error) => error instanceof UnprocessedItemsError },
      );
    }
    const now = this.clock();
    const items = keysWanted.flatMap((key) => {
      const item = found.get(`${key.pk}|${key.sk}`);
      if (!item || isExpired(item, now)) return [];
      const delivery = toDelivery(item);
      return delivery.status === 'dead' ? [delivery] : [];
    });
    return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  /**
   * Appends an attempt and sets the resulting status in one atomic update. A delivery that is
   * already `delivered` stays so: a late failure from a duplicate send must not undo a success.
   * The delivery is kept for the retention period from this attempt, or from its next one.
   */
  async recordAttempt(
    delivery: Pick<Delivery, 'id' | 'subscriptionId' | 'createdAt'>,
    attempt: DeliveryAttempt,
    outcome: { status: DeliveryStatus; nextAttemptAt?: string; deadReason?: string },
  ): Promise<Delivery | undefined> {
    const ttl = expiresAt(outcome.nextAttemptAt ?? attempt.at, this.retentionMs);
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
    try {
      const { Attributes } = await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.delivery(refOf(delivery)),
          UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`,
          ConditionExpression: 'attribute_exists(pk) AND #status <> :delivered',
          ExpressionAttributeNames: { '#status': 'status', '#ttl': TABLE_DESIGN.ttlAttribute },
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      if (!Attributes) return undefined;
      // Retries far in the future must not outlive the alert's body.
      const alertTtl = Attributes[ALERT_TTL];
      if (typeof alertTtl === 'number' && alertTtl < ttl + BODY_MARGIN_MS / 2000) {
        await this.extendAlert(String(Attributes.alertId), refOf(delivery), ttl + BODY_MARGIN_MS / 1000);
      }
      return toDelivery(Attributes);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  /** Moves the alert body's expiry to `ttl` (and notes it on the delivery). */
  private async extendAlert(alertId: string, ref: DeliveryRef, ttl: number): Promise<void> {
    await conditionHeld(
      this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.alert(alertId),
          UpdateExpression: 'SET #ttl = :ttl',
          ConditionExpression: 'attribute_exists(pk) AND #ttl < :ttl',
          ExpressionAttributeNames: { '#ttl': TABLE_DESIGN.ttlAttribute },
          ExpressionAttributeValues: { ':ttl': ttl },
        }),
      ),
    );
    await conditionHeld(
      this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.delivery(ref),
          UpdateExpression: `SET ${ALERT_TTL} = :ttl`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':ttl': ttl },
        }),
      ),
    );
  }

  /**
   * Gives back a claim taken for an attempt that did not happen (the endpoint could not take it):
   * the delivery stays as it was, free for the next message at once. Only the holder's own lease
   * is removed.
   */
  async release(
    delivery: Pick<Delivery, 'id' | 'subscriptionId' | 'createdAt' | 'leaseUntil'>,
  ): Promise<void> {
    if (!delivery.leaseUntil) return;
    await conditionHeld(
      this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.delivery(refOf(delivery)),
          UpdateExpression: 'REMOVE leaseUntil',
          ConditionExpression: 'attribute_exists(pk) AND leaseUntil = :mine',
          ExpressionAttributeValues: { ':mine': delivery.leaseUntil },
        }),
      ),
    );
  }

  /**
   * Notes that the delivery waits, unattempted, for its endpoint's circuit, and gives back the
   * claim in the same write; the open-work index sees it as due only when the hold ends, so the
   * sweep leaves it alone meanwhile.
   */
  async hold(
    delivery: Pick<Delivery, 'id' | 'subscriptionId' | 'createdAt' | 'leaseUntil'>,
    heldBy: DeliveryHold,
  ): Promise<void> {
    await conditionHeld(
      this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.delivery(refOf(delivery)),
          UpdateExpression: 'SET heldBy = :held, gsi2pk = :open, gsi2sk = :due REMOVE leaseUntil',
          ConditionExpression: `attribute_exists(pk) AND #status IN (:pending, :failed)${
            delivery.leaseUntil ? ' AND leaseUntil = :mine' : ''
          }`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':held': heldBy,
            ':open': openKeys(delivery.id, heldBy.until).gsi2pk,
            ':due': openKeys(delivery.id, heldBy.until).gsi2sk,
            ':pending': 'pending',
            ':failed': 'failed',
            ...(delivery.leaseUntil ? { ':mine': delivery.leaseUntil } : {}),
          },
        }),
      ),
    );
  }

  /** Marks a delivery dead without an attempt (its channel is gone or disabled). */
  async markDead(
    delivery: Pick<Delivery, 'id' | 'subscriptionId' | 'createdAt'>,
    reason: string,
    now = new Date(),
  ): Promise<void> {
    await conditionHeld(
      this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.delivery(refOf(delivery)),
          UpdateExpression:
            'SET #status = :dead, deadReason = :reason, updatedAt = :now, #ttl = :ttl, gsi2pk = :deadPk, gsi2sk = :deadSk REMOVE nextAttemptAt, leaseUntil',
          ConditionExpression: 'attribute_exists(pk) AND #status <> :delivered',
          ExpressionAttributeNames: { '#status': 'status', '#ttl': TABLE_DESIGN.ttlAttribute },
          ExpressionAttributeValues: {
            ':dead': 'dead',
            ':reason': reason,
            ':now': now.toISOString(),
            ':delivered': 'delivered',
            ':ttl': expiresAt(now, this.retentionMs),
            ':deadPk': keys.deadDeliveries(),
            ':deadSk': `${now.toISOString()}#${delivery.id}`,
          },
        }),
      ),
    );
  }

  /**
   * Takes the delivery for one attempt, in one write that also answers with its current state:
   * no other dispatcher may attempt it until the lease ends, so duplicate queue messages do not
   * become duplicate sends. When it cannot be taken, the state DynamoDB hands back with the failed
   * condition says why, without another read.
   */
  async take(ref: DeliveryRef, now: Date, leaseMs: number, expectedAttempts?: number): Promise<ClaimResult> {
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const live = liveCondition(now);
    try {
      const { Attributes } = await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.delivery(ref),
          // The lease moves the expiry too: nothing in flight expires.
          UpdateExpression: 'SET leaseUntil = :until, #ttl = :ttl',
          ConditionExpression: [
            'attribute_exists(pk)',
            '#status IN (:pending, :failed)',
            '(attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
            // A failed delivery waits for its next attempt: a stale or early message sends nothing.
            '(attribute_not_exists(nextAttemptAt) OR nextAttemptAt <= :now)',
            live.expression,
            ...(expectedAttempts !== undefined ? ['size(attempts) = :attempts'] : []),
          ].join(' AND '),
          ExpressionAttributeNames: { '#status': 'status', ...live.names },
          ExpressionAttributeValues: {
            ':until': until,
            ':ttl': expiresAt(until, this.retentionMs),
            ':now': now.toISOString(),
            ':pending': 'pending',
            ':failed': 'failed',
            ...live.values,
            ...(expectedAttempts !== undefined ? { ':attempts': expectedAttempts } : {}),
          },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return Attributes ? { kind: 'claimed', delivery: toDelivery(Attributes) } : { kind: 'finished' };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const old = error.Item ? unmarshall(error.Item) : undefined;
      if (!old || isExpired(old, now)) return { kind: 'finished' };
      const current = toDelivery(old);
      if (current.status === 'delivered' || current.status === 'dead') return { kind: 'finished' };
      const leaseLeft = current.leaseUntil ? Date.parse(current.leaseUntil) - now.getTime() : 0;
      // Never less than a second for a busy lease, so it is not polled in a tight loop.
      if (leaseLeft > 0) return { kind: 'wait', ms: Math.max(1000, leaseLeft) };
      const early = current.nextAttemptAt ? Date.parse(current.nextAttemptAt) - now.getTime() : 0;
      if (early > 0) return { kind: 'wait', ms: early };
      // Neither leased nor early: the caller's copy was stale (attempts moved on); look again soon.
      return { kind: 'wait', ms: 1000 };
    }
  }

  /**
   * `take` for a copy read earlier: true only if the delivery still has exactly the attempts of
   * `delivery` (a copy read before another dispatcher recorded an attempt would number its own
   * attempt wrongly).
   */
  async claim(delivery: Delivery, now: Date, leaseMs: number): Promise<boolean> {
    const result = await this.take(refOf(delivery), now, leaseMs, delivery.attempts.length);
    return result.kind === 'claimed';
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
  async reopen(
    delivery: Delivery,
    now: Date,
    options: { dueAt?: Date; budget?: { limit: number; windowMs: number } } = {},
  ): Promise<Delivery | undefined> {
    const ttl = expiresAt(now, this.retentionMs);
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
        const { Attributes } = await this.table.doc.send(
          new UpdateCommand({
            TableName: this.table.tableName,
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
        await this.extendAlert(current.alertId, refOf(current), ttl + BODY_MARGIN_MS / 1000);
        return toDelivery(Attributes);
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) || attempt >= 10) throw error;
        // Replayed, expired or gone meanwhile: count again from what is stored now.
        current = await this.getState(refOf(current));
      }
    }
    return undefined;
  }

  /**
   * Unfinished deliveries due at or before `dueBefore` (ISO time), from the sparse open-work
   * index: what the recovery sweep hands to the queue again.
   */
  async dueDeliveries(dueBefore: string, limit = 1000): Promise<(DeliveryRef & { dueAt: string })[]> {
    const found: (DeliveryRef & { dueAt: string })[] = [];
    for (let shard = 0; shard < OPEN_SHARDS && found.length < limit; shard++) {
      const items = await queryAll(this.table, {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :due',
        ExpressionAttributeValues: { ':pk': keys.openDeliveries(shard), ':due': `${dueBefore}#~` },
      });
      for (const item of items) {
        if (found.length >= limit) break;
        const ref = refFromKey(String(item.pk), String(item.sk));
        const [dueAt = ''] = String(item.gsi2sk).split('#');
        if (ref) found.push({ ...ref, dueAt });
      }
    }
    return found;
  }
}

/** The delivery reference encoded in a state item's key. */
function refFromKey(pk: string, sk: string): DeliveryRef | undefined {
  const subscription = /^SUBSCRIPTION#(.+)#DELIVERIES$/.exec(pk)?.[1];
  const hash = sk.lastIndexOf('#');
  const createdAt = sk.slice(0, hash);
  const id = sk.slice(hash + 1);
  if (!subscription || !parseDeliveryId(id)) return undefined;
  return { deliveryId: id, subscriptionId: subscription, createdAt };
}

class UnprocessedItemsError extends Error {
  constructor(count: number) {
    super(`${count} items left unprocessed`);
    this.name = 'UnprocessedItemsError';
  }
}
