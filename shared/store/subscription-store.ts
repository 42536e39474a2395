import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { forEachLimited } from '../kernel/concurrency.js';
import { ConflictError, NotFoundError } from '../kernel/errors.js';
import type { Channel } from '../model/delivery.js';
import type { Profile } from '../model/profile.js';
import {
  effectiveProfile,
  endpointKey,
  type Subscription,
  type SubscriptionFilters,
  type WebhookCircuit,
} from '../model/subscription.js';
import type { TransactItem } from './audit-store.js';
import { endpointHash, keys } from './keys.js';
import { queryAll } from './paging.js';
import {
  countChange,
  counterConditionFailed,
  SubscriptionLimitError,
  withCounter,
} from './subscription-counter.js';
import { type TableContext, withoutKeys } from './table.js';
import { withRetry } from './throttle-retry.js';
import { writeFailure } from './write-failure.js';

export { SubscriptionLimitError } from './subscription-counter.js';

/** Index partitions read at once by `candidates`: enough to hide latency, few enough not to throttle. */
const PARTITIONS_AT_ONCE = 16;

/** The inverted-index entry: everything the matcher needs, so matching reads nothing else. */
export interface IndexedSubscription {
  subscriptionId: string;
  subscriberId: string;
  filters: SubscriptionFilters;
  status: Subscription['status'];
  channels: Channel[];
  /** The subscription's version: the dispatcher may use a cached copy at least this new. */
  version?: number;
  /**
   * Its webhook's endpoint, hashed as the endpoint item's key is (`endpointHash`): the message
   * group its deliveries go to the queue under. Absent without a webhook (and on entries written
   * before it was kept: their deliveries are grouped by subscription).
   */
  endpoint?: string;
  /** The profile applicability is judged on (its own, else the subscriber's default): no read per candidate. */
  profile?: Profile;
  /** Its alerts are kept for the subscriber's event feed. */
  feed?: true;
}

/** The channels a subscription has configured, in a fixed order. */
export function channelsOf(subscription: Subscription): Channel[] {
  const channels: Channel[] = [];
  // With a digest, the webhook's and e-mail's alerts are gathered for it instead of sent one by one.
  const digested = subscription.digest !== undefined && (subscription.webhook || subscription.email?.length);
  if (subscription.webhook && !digested) channels.push('webhook');
  if (subscription.sms?.length) channels.push('sms');
  if (subscription.email?.length && !digested) channels.push('email');
  if (digested) channels.push('digest');
  if (subscription.slack) channels.push('slack');
  if (subscription.teams) channels.push('teams');
  return channels;
}

/** What the matcher's index keeps of a subscription, under each of its partitions. */
export function subscriptionIndexEntry(subscription: Subscription): IndexedSubscription {
  const webhook = subscription.webhook;
  const profile = effectiveProfile(subscription);
  return {
    subscriptionId: subscription.id,
    subscriberId: subscription.subscriberId,
    filters: subscription.filters,
    status: subscription.status,
    channels: channelsOf(subscription),
    version: subscription.version,
    ...(webhook ? { endpoint: endpointHash(endpointKey(webhook.url)) } : {}),
    ...(profile ? { profile } : {}),
    ...(subscription.feed ? { feed: true as const } : {}),
  };
}

function toSubscription(item: Record<string, unknown>): Subscription {
  // Items are written only by this module, from a validated Subscription.
  return withoutKeys(item) as unknown as Subscription;
}

/**
 * Subscriptions and the inverted index the matcher reads: one small item per subscription and
 * filter material (`*` included), kept in step with the subscription in the same transaction.
 */
export class SubscriptionStore {
  /**
   * @param partitionsOf the index partitions a subscription's filters are listed under: the
   *   matching wing's `subscriptionPartitions`, passed in so the store knows keys, not matching.
   */
  constructor(
    private readonly table: TableContext,
    private readonly partitionsOf: (filters: SubscriptionFilters) => string[],
  ) {}

  private put(
    subscription: Subscription,
    condition: { expression: string; values?: Record<string, unknown> },
  ) {
    return {
      Put: {
        TableName: this.table.tableName,
        Item: {
          ...keys.subscription(subscription.id),
          gsi1pk: keys.subscriptionsOf(subscription.subscriberId),
          gsi1sk: subscription.id,
          // Sparse: the digest run lists the subscriptions that have a digest.
          ...(subscription.digest ? { gsi2pk: keys.digestSubscriptions(), gsi2sk: subscription.id } : {}),
          entity: 'subscription',
          ...subscription,
        },
        ConditionExpression: condition.expression,
        ...(condition.values ? { ExpressionAttributeValues: condition.values } : {}),
      },
    } satisfies TransactItem;
  }

  private indexPuts(subscription: Subscription): TransactItem[] {
    const entry = subscriptionIndexEntry(subscription);
    return this.partitionsOf(subscription.filters).map((partition) => ({
      Put: {
        TableName: this.table.tableName,
        Item: { ...keys.indexEntry(partition, subscription.id), entity: 'subscriptionIndex', ...entry },
      },
    }));
  }

  private indexDeletes(subscriptionId: string, partitions: readonly string[]): TransactItem[] {
    return [...new Set(partitions)].map((partition) => ({
      Delete: { TableName: this.table.tableName, Key: keys.indexEntry(partition, subscriptionId) },
    }));
  }

  /**
   * Writes a new subscription and its index entries; `audit` (a record of the change) joins the
   * transaction. With `cap`, the subscriber's `subscriptionCount` is raised in the same transaction
   * on condition that it is below `cap.max`, so concurrent creates cannot pass the cap: beyond it,
   * `SubscriptionLimitError`.
   */
  async create(subscription: Subscription, audit?: TransactItem, cap?: { max: number }): Promise<void> {
    const write = () =>
      this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            ...(cap ? [countChange(this.table, subscription.subscriberId, +1, cap.max)] : []),
            this.put(subscription, { expression: 'attribute_not_exists(pk)' }),
            ...this.indexPuts(subscription),
            ...(audit ? [audit] : []),
          ],
        }),
      );
    if (!cap) {
      // Throttling and conflicts cancel a transaction without the SDK retrying it: retry here.
      await withRetry(write);
      return;
    }
    await withCounter(this.table, subscription.subscriberId, write, (error) => {
      if (counterConditionFailed(error)) throw new SubscriptionLimitError(cap.max);
    });
  }

  /**
   * Subscriptions by id in one BatchGetItem per 100 (missing ones skipped). Eventually consistent
   * unless `consistent`: callers that must see the latest write check the version they expect.
   */
  async getMany(ids: readonly string[], options: { consistent?: boolean } = {}): Promise<Subscription[]> {
    const found: Subscription[] = [];
    for (let start = 0; start < ids.length; start += 100) {
      let request: Record<string, unknown>[] = [...new Set(ids.slice(start, start + 100))].map((id) =>
        keys.subscription(id),
      );
      await withRetry(
        async () => {
          const result = await this.table.doc.send(
            new BatchGetCommand({
              RequestItems: {
                [this.table.tableName]: { Keys: request, ConsistentRead: options.consistent ?? false },
              },
            }),
          );
          for (const item of result.Responses?.[this.table.tableName] ?? []) found.push(toSubscription(item));
          request = result.UnprocessedKeys?.[this.table.tableName]?.Keys ?? [];
          if (request.length > 0) throw new Error('unprocessed keys');
        },
        { attempts: 8, retryable: (error) => error instanceof Error && error.message === 'unprocessed keys' },
      );
    }
    return found;
  }

  async get(id: string, options: { consistent?: boolean } = {}): Promise<Subscription | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: keys.subscription(id),
        ConsistentRead: options.consistent ?? true,
      }),
    );
    return Item ? toSubscription(Item) : undefined;
  }

  /** A subscription only if it belongs to `subscriberId`: other tenants' ids are simply not found. */
  async getOwned(id: string, subscriberId: string | undefined): Promise<Subscription> {
    const subscription = await this.get(id);
    // No subscriber id: an administrator's look-up, which any subscription satisfies.
    if (!subscription || (subscriberId !== undefined && subscription.subscriberId !== subscriberId))
      throw new NotFoundError(`subscription ${id}`);
    return subscription;
  }

  async listBySubscriber(subscriberId: string): Promise<Subscription[]> {
    const items = await queryAll(this.table, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.subscriptionsOf(subscriberId) },
    });
    return items.map(toSubscription);
  }

  /**
   * Replaces a subscription written at `previous.version`, moving its index entries with it.
   * A concurrent writer makes this fail with 409 rather than lose either change.
   */
  async replace(previous: Subscription, next: Subscription, audit?: TransactItem): Promise<void> {
    const kept = new Set(this.partitionsOf(next.filters));
    const removed = this.partitionsOf(previous.filters).filter((partition) => !kept.has(partition));
    const transaction = new TransactWriteCommand({
      TransactItems: [
        this.put(next, {
          expression: 'attribute_exists(pk) AND version = :version',
          values: { ':version': previous.version },
        }),
        ...this.indexDeletes(previous.id, removed),
        ...this.indexPuts(next),
        ...(audit ? [audit] : []),
      ],
    });
    try {
      await withRetry(() => this.table.doc.send(transaction));
    } catch (error) {
      // Only the subscription's own version check is a conflict; throttling that outlasted the
      // retries is an outage, not the caller's stale copy.
      const failure = writeFailure(error);
      if (failure.kind === 'condition-failed' && failure.item === 0) {
        throw new ConflictError(
          'concurrent-update',
          `subscription ${previous.id} was changed meanwhile; read it again`,
        );
      }
      throw error;
    }
  }

  /** Turns a subscription's webhook off (410 Gone, or no success for too long), keeping the rest. */
  async disableWebhook(id: string, reason: string, now = new Date(), audit?: TransactItem): Promise<void> {
    const update = {
      TableName: this.table.tableName,
      Key: keys.subscription(id),
      UpdateExpression:
        'SET webhook.#status = :disabled, webhook.disabledReason = :reason, updatedAt = :now, version = version + :one',
      ConditionExpression: 'attribute_exists(webhook)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':disabled': 'disabled',
        ':reason': reason,
        ':now': now.toISOString(),
        ':one': 1,
      },
    };
    try {
      // With an audit record, both are written or neither; throttling is waited out, not dropped.
      await withRetry(async () => {
        if (audit)
          await this.table.doc.send(new TransactWriteCommand({ TransactItems: [{ Update: update }, audit] }));
        else await this.table.doc.send(new UpdateCommand(update));
      });
    } catch (error) {
      // The subscription or its webhook is gone: nothing left to disable.
      const failure = writeFailure(error);
      if (!(failure.kind === 'condition-failed' && failure.item === 0)) throw error;
    }
  }

  /**
   * Deletes a subscription read at `subscription.version` with its index entries. Conditional on the
   * version: a stale copy names the wrong materials and would leave index entries behind that keep
   * matching, so a concurrent writer makes this fail with 409 instead.
   */
  async delete(
    subscription: Subscription,
    audit?: TransactItem,
    options: { counted?: boolean } = {},
  ): Promise<void> {
    const write = () =>
      this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            ...(options.counted ? [countChange(this.table, subscription.subscriberId, -1)] : []),
            {
              Delete: {
                TableName: this.table.tableName,
                Key: keys.subscription(subscription.id),
                ConditionExpression: 'attribute_exists(pk) AND version = :version',
                ExpressionAttributeValues: { ':version': subscription.version },
              },
            },
            ...this.indexDeletes(subscription.id, this.partitionsOf(subscription.filters)),
            ...(audit ? [audit] : []),
          ],
        }),
      );
    // The subscription's own condition: a 409. Throttling that outlasts the retries is an outage.
    const subscriptionItem = options.counted ? 1 : 0;
    const conflict = (error: unknown) => {
      const failure = writeFailure(error);
      if (failure.kind === 'condition-failed' && failure.item === subscriptionItem) {
        throw new ConflictError(
          'concurrent-update',
          `subscription ${subscription.id} was changed or deleted meanwhile; read it again`,
        );
      }
    };
    if (options.counted) {
      await withCounter(this.table, subscription.subscriberId, write, conflict);
      return;
    }
    try {
      await withRetry(write);
    } catch (error) {
      conflict(error);
      throw error;
    }
  }

  /** Notes the success that ends a run of failures on the webhook (or clears its circuit). */
  async recordWebhookSuccess(id: string, now: Date): Promise<void> {
    await this.updateWebhookHealth(
      id,
      'SET webhook.lastSuccessAt = :now REMOVE webhook.failingSince, webhook.circuit',
      now,
    );
  }

  /** Shows (or, with undefined, clears) the endpoint's open circuit on the subscription's webhook. */
  async markCircuit(id: string, circuit: WebhookCircuit | undefined): Promise<void> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.subscription(id),
          UpdateExpression: circuit ? 'SET webhook.circuit = :circuit' : 'REMOVE webhook.circuit',
          ConditionExpression: 'attribute_exists(webhook)',
          ...(circuit ? { ExpressionAttributeValues: { ':circuit': circuit } } : {}),
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Notes a failure on the webhook, keeping the start of the current run of failures. */
  async recordWebhookFailure(id: string, now: Date): Promise<void> {
    await this.updateWebhookHealth(
      id,
      'SET webhook.failingSince = if_not_exists(webhook.failingSince, :now)',
      now,
    );
  }

  private async updateWebhookHealth(id: string, expression: string, now: Date): Promise<void> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.subscription(id),
          UpdateExpression: expression,
          ConditionExpression: 'attribute_exists(webhook)',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      );
    } catch (error) {
      // The subscription or its webhook went away meanwhile: there is nothing to keep track of.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /**
   * Every index entry under the given partitions (`MATERIAL#dysprosium`, `DEST#US`, `ENTITY#huaw`,
   * `HS#28`), deduplicated by subscription. Reads only those partitions, `PARTITIONS_AT_ONCE` at a
   * time: cost follows the candidates, not the table. `queries` counts the Query requests sent (a
   * partition over 1 MB takes more than one).
   */
  async candidates(
    partitions: Iterable<string>,
  ): Promise<{ candidates: IndexedSubscription[]; itemsRead: number; queries: number }> {
    const byId = new Map<string, IndexedSubscription>();
    let itemsRead = 0;
    let queries = 0;
    await forEachLimited([...new Set(partitions)], PARTITIONS_AT_ONCE, async (partition) => {
      const items = await queryAll(
        this.table,
        {
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': partition },
          ProjectionExpression:
            'subscriptionId, subscriberId, filters, #status, channels, version, endpoint, profile, feed',
          ExpressionAttributeNames: { '#status': 'status' },
        },
        () => {
          queries += 1;
        },
      );
      itemsRead += items.length;
      // Index items are written only by this module, from a validated subscription.
      for (const item of items) byId.set(String(item.subscriptionId), item as unknown as IndexedSubscription);
    });
    return { candidates: [...byId.values()], itemsRead, queries };
  }

  /** The index entries of these subscriptions, read from the subscriptions themselves (missing ones skipped). */
  async indexed(ids: readonly string[]): Promise<IndexedSubscription[]> {
    const found: IndexedSubscription[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
        [this.table.tableName]: { Keys: ids.slice(i, i + 100).map((id) => keys.subscription(id)) },
      };
      for (let round = 0; request && round < 10; round++) {
        const result: BatchGetCommandOutput = await this.table.doc.send(
          new BatchGetCommand({ RequestItems: request }),
        );
        for (const item of result.Responses?.[this.table.tableName] ?? [])
          found.push(subscriptionIndexEntry(toSubscription(item)));
        const unprocessed = result.UnprocessedKeys?.[this.table.tableName]?.Keys;
        request = unprocessed?.length ? { [this.table.tableName]: { Keys: unprocessed } } : undefined;
      }
    }
    return found;
  }
}
