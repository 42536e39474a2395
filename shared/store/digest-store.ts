/**
 * Digests in the table: which subscriptions have one (the sparse `DIGESTS` index), how far each
 * subscription's digests reach (`DIGEST#<id>` / `CURSOR`), the alerts gathered for it since, and
 * the digest itself, written in one transaction with the cursor's advance so that a period is
 * covered by exactly one digest whatever runs overlap or crash.
 */
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Alert, Channel, Delivery } from '../model/delivery.js';
import { alertItem, deliveryItem } from './delivery-creation.js';
import { openKeys, queuedUntil } from './delivery-open-work.js';
import { BODY_MARGIN_MS, type DeliveryTable, newDelivery, toDelivery } from './delivery-records.js';
import { keys } from './keys.js';
import { queryAll } from './paging.js';
import { expiresAt } from './retention.js';
import { conditionHeld, writeFailure } from './write-failure.js';

/** A digest to write: its alert, the channels it goes out on, and the span of gathered alerts it covers. */
export interface DigestToWrite {
  alert: Alert;
  channels: readonly Channel[];
  /** The cursor it was built from (exclusive); absent for a subscription's first digest. */
  from?: string;
  /** The end of its period (inclusive): the cursor once it is written. */
  until: string;
}

export class DigestStore {
  constructor(private readonly store: DeliveryTable) {}

  /** Ids of the subscriptions that have a digest. */
  async subscriptionIds(): Promise<string[]> {
    const items = await queryAll(this.store.table, {
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.digestSubscriptions() },
    });
    return items.map((item) => String(item.gsi2sk));
  }

  /** The end of the last period covered; undefined before the first digest. */
  async coveredUntil(subscriptionId: string): Promise<string | undefined> {
    const { Item } = await this.store.table.doc.send(
      new GetCommand({
        TableName: this.store.table.tableName,
        Key: keys.digestCursor(subscriptionId),
        ConsistentRead: true,
      }),
    );
    return typeof Item?.coveredUntil === 'string' ? Item.coveredUntil : undefined;
  }

  /**
   * The subscription's `digest` deliveries created after `from` (or ever) up to `until`
   * inclusive, oldest first; dead ones (gathered while it was paused) are left out.
   */
  async gathered(subscriptionId: string, from: string | undefined, until: string): Promise<Delivery[]> {
    const items = await queryAll(this.store.table, {
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :until',
      FilterExpression: 'channel = :digest AND #status <> :dead',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':pk': keys.deliveriesOf(subscriptionId),
        // `~` sorts after every delivery id: the lower bound excludes `from`, the upper includes `until`.
        ':from': from ? `${from}#~` : '0',
        ':until': `${until}#~`,
        ':digest': 'digest',
        ':dead': 'dead',
      },
      ConsistentRead: true,
    });
    return items.map(toDelivery);
  }

  /** Moves the cursor from `from` to `until` (a period with nothing gathered); false when another run did. */
  advance(subscriptionId: string, from: string | undefined, until: string): Promise<boolean> {
    return conditionHeld(
      this.store.table.doc.send(new PutCommand(this.cursorPut(subscriptionId, from, until).Put)),
    );
  }

  /**
   * Writes the digest's alert, its deliveries and the cursor's advance in one transaction. Answers
   * the deliveries to send, or undefined when the cursor had moved (another run sent this period).
   */
  async write(digest: DigestToWrite): Promise<Delivery[] | undefined> {
    const { alert, channels } = digest;
    const deliveries = channels.map((channel) => newDelivery(alert, channel));
    const alertTtl = expiresAt(alert.createdAt, this.store.retentionMs + BODY_MARGIN_MS);
    const { tableName } = this.store.table;
    try {
      await this.store.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: alertItem(alert, channels, alertTtl),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...deliveries.map((delivery) => ({
              Put: {
                TableName: tableName,
                // Found by the recovery sweep should the queue never get the message.
                Item: {
                  ...deliveryItem(this.store, delivery, alertTtl, { guarded: true }),
                  ...openKeys(delivery.id, queuedUntil(delivery.createdAt)),
                },
              },
            })),
            this.cursorPut(alert.subscriptionId, digest.from, digest.until),
          ],
        }),
      );
      return deliveries;
    } catch (error) {
      if (writeFailure(error).kind === 'condition-failed') return undefined;
      throw error;
    }
  }

  private cursorPut(subscriptionId: string, from: string | undefined, until: string) {
    return {
      Put: {
        TableName: this.store.table.tableName,
        Item: { ...keys.digestCursor(subscriptionId), entity: 'digestCursor', coveredUntil: until },
        ConditionExpression: from ? 'coveredUntil = :from' : 'attribute_not_exists(pk)',
        ...(from ? { ExpressionAttributeValues: { ':from': from } } : {}),
      },
    };
  }
}
