import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../kernel/errors.js';
import type { Actor } from '../model/audit-record.js';
import type { ReviewStatus } from '../model/policy-change.js';
import type { TransactItem } from './audit-store.js';
import { keys } from './keys.js';
import { queryPage } from './paging.js';
import { type TableContext, withoutKeys } from './table.js';

/** An imported change waiting for (or decided by) an administrator. */
export interface ReviewItem {
  /** `rv_…`; the policy change gets its own `pc_…` id when approved. */
  id: string;
  source: string;
  sourceRef: string;
  revision: number;
  reviewStatus: ReviewStatus;
  /** The change as proposed, in the API's input shape (materials as catalogue ids); once approved, as approved. */
  change: Record<string, unknown>;
  /** The fields the reviewer corrected when approving (the proposal is in the audit trail). */
  edited?: string[];
  confidence?: number;
  evidence?: string[];
  queuedAt: string;
  queuedBy: Actor;
  decidedAt?: string;
  decidedBy?: Actor;
  reason?: string;
  /** The published change, once approved. */
  policyChangeId?: string;
}

/**
 * The review queue: one item per queued revision (listed by status on gsi1, oldest first) and a
 * reference per source + sourceRef + revision, so importing the same candidate again finds it.
 * Queued changes are not policy-change revisions: nothing matches, reminds or lists them until an
 * administrator approves one, which ingests it as any other change.
 */
export class ReviewStore {
  constructor(private readonly table: TableContext) {}

  /** Queues an item unless this revision is already queued (or was decided); answers which. */
  async queue(item: ReviewItem, audit?: TransactItem): Promise<{ created: boolean; item: ReviewItem }> {
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table.tableName,
                Item: {
                  ...keys.reviewRef(item.source, item.sourceRef, item.revision),
                  entity: 'reviewRef',
                  id: item.id,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            { Put: { TableName: this.table.tableName, Item: this.itemRecord(item) } },
            ...(audit ? [audit] : []),
          ],
        }),
      );
      return { created: true, item };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const existing = await this.find(item.source, item.sourceRef, item.revision);
      if (!existing) throw error;
      return { created: false, item: existing };
    }
  }

  async find(source: string, sourceRef: string, revision: number): Promise<ReviewItem | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: keys.reviewRef(source, sourceRef, revision),
        ConsistentRead: true,
      }),
    );
    return typeof Item?.id === 'string' ? this.get(Item.id) : undefined;
  }

  async get(id: string): Promise<ReviewItem | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: keys.review(id), ConsistentRead: true }),
    );
    // Items are written only by this module.
    return Item ? (withoutKeys(Item) as unknown as ReviewItem) : undefined;
  }

  /** A page of items in one status, oldest first (the queue's order). */
  async list(
    status: ReviewStatus,
    limit: number,
    cursor?: string,
  ): Promise<{ items: ReviewItem[]; nextCursor?: string }> {
    const partition = keys.reviewsByStatus(status);
    const page = await queryPage(
      this.table,
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': partition },
      },
      {
        limit,
        cursor,
        cursorKeys: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
        partition: { name: 'gsi1pk', value: partition },
      },
    );
    // gsi1 projects whole items: no second read.
    return { ...page, items: page.items.map((item) => withoutKeys(item) as unknown as ReviewItem) };
  }

  /**
   * Records a decision on a pending item, with its audit record in the same transaction. A second
   * decision on the same item is refused (409 `review-decided`).
   */
  async decide(
    id: string,
    decision: Pick<ReviewItem, 'reviewStatus' | 'decidedAt' | 'decidedBy'> &
      Partial<Pick<ReviewItem, 'reason' | 'policyChangeId' | 'change' | 'edited'>>,
    audit?: TransactItem,
  ): Promise<ReviewItem> {
    const current = await this.get(id);
    if (!current) throw new ConflictError('review-not-found', `review item ${id} does not exist`);
    const next: ReviewItem = { ...current, ...decision };
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table.tableName,
                Item: this.itemRecord(next),
                ConditionExpression: 'reviewStatus = :pending',
                ExpressionAttributeValues: { ':pending': 'pending' },
              },
            },
            ...(audit ? [audit] : []),
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException || error instanceof ConditionalCheckFailedException) {
        const now = await this.get(id);
        throw new ConflictError(
          'review-decided',
          `review item ${id} was already ${now?.reviewStatus ?? 'decided'}`,
        );
      }
      throw error;
    }
    return next;
  }

  private itemRecord(item: ReviewItem): Record<string, unknown> {
    return {
      ...keys.review(item.id),
      gsi1pk: keys.reviewsByStatus(item.reviewStatus),
      gsi1sk: `${item.queuedAt}#${item.id}`,
      entity: 'review',
      ...item,
    };
  }
}
