import { BatchGetCommand, type BatchGetCommandOutput, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Subscription } from '../model/subscription.js';
import { keys } from './keys.js';
import { type Page, queryPage } from './paging.js';
import { type TableContext, withoutKeys } from './table.js';

/**
 * Read-only views of subscriptions across subscribers, for administrators: by subscriber (gsi1)
 * and by filter material (the matcher's inverted index, one `MATERIAL#<id>` partition). Every
 * read is a Query or a BatchGet on known keys; nothing scans.
 *
 * @example
 * const page = await directory.byMaterial('dysprosium', { limit: 50 });
 */
export class SubscriptionDirectory {
  constructor(private readonly table: TableContext) {}

  /** A page of one subscriber's subscriptions, in id (creation) order. */
  async bySubscriber(
    subscriberId: string,
    options: { limit?: number; cursor?: string } = {},
  ): Promise<Page<Subscription>> {
    const partition = keys.subscriptionsOf(subscriberId);
    const page = await queryPage(
      this.table,
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': partition },
      },
      {
        limit: options.limit ?? 50,
        cursor: options.cursor,
        cursorKeys: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
        partition: { name: 'gsi1pk', value: partition },
      },
    );
    return { ...page, items: page.items.map(toSubscription) };
  }

  /**
   * A page of the subscriptions whose filters name `material` itself (`*` for the wildcard ones),
   * read from the inverted index and then fetched whole, in index order.
   */
  async byMaterial(
    material: string,
    options: { limit?: number; cursor?: string } = {},
  ): Promise<Page<Subscription>> {
    const partition = keys.materialPartition(material);
    const page = await queryPage(
      this.table,
      {
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': partition },
        ProjectionExpression: 'subscriptionId',
      },
      {
        limit: options.limit ?? 50,
        cursor: options.cursor,
        cursorKeys: ['pk', 'sk'],
        partition: { name: 'pk', value: partition },
      },
    );
    const ids = page.items.flatMap((item) =>
      typeof item.subscriptionId === 'string' ? [item.subscriptionId] : [],
    );
    return { ...page, items: await this.getMany(ids) };
  }

  /** How many subscriptions a subscriber has (a count on gsi1, no items returned). */
  async countBySubscriber(subscriberId: string): Promise<number> {
    return this.count({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.subscriptionsOf(subscriberId) },
    });
  }

  /** How many subscriptions name `material` in their filters (the size of its index partition). */
  async countByMaterial(material: string): Promise<number> {
    return this.count({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.materialPartition(material) },
      ConsistentRead: true,
    });
  }

  private async count(query: {
    IndexName?: string;
    KeyConditionExpression: string;
    ExpressionAttributeValues: Record<string, string>;
    ConsistentRead?: boolean;
  }): Promise<number> {
    let total = 0;
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.table.doc.send(
        new QueryCommand({ TableName: this.table.tableName, ...query, Select: 'COUNT', ExclusiveStartKey }),
      );
      total += page.Count ?? 0;
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return total;
  }

  /** Subscriptions by id, in the order asked, skipping ids that no longer exist. */
  private async getMany(ids: readonly string[]): Promise<Subscription[]> {
    const found = new Map<string, Subscription>();
    for (let i = 0; i < ids.length; i += 100) {
      let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined =
        {
          [this.table.tableName]: {
            Keys: ids.slice(i, i + 100).map((id) => keys.subscription(id)),
            ConsistentRead: true,
          },
        };
      for (let round = 0; request && round < 10; round++) {
        const result: BatchGetCommandOutput = await this.table.doc.send(
          new BatchGetCommand({ RequestItems: request }),
        );
        for (const item of result.Responses?.[this.table.tableName] ?? []) {
          const subscription = toSubscription(item);
          found.set(subscription.id, subscription);
        }
        const unprocessed = result.UnprocessedKeys?.[this.table.tableName];
        request = unprocessed?.Keys?.length
          ? { [this.table.tableName]: { Keys: unprocessed.Keys, ConsistentRead: true } }
          : undefined;
      }
    }
    return ids.flatMap((id) => found.get(id) ?? []);
  }
}

function toSubscription(item: Record<string, unknown>): Subscription {
  // Items are written only by SubscriptionStore, from a validated Subscription.
  return withoutKeys(item) as unknown as Subscription;
}
