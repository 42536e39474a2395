import { PutCommand, QueryCommand, type TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  AUDIT_ACTIONS,
  AUDIT_TARGET_TYPES,
  type AuditRecord,
  type AuditTarget,
  targetKey,
} from '../model/audit-record.js';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor } from './paging.js';
import { DEFAULT_RETENTION, expiresAt, liveCondition } from './retention.js';
import type { TableContext } from './table.js';

/** One item of a TransactWriteCommand. */
export type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/**
 * Audit records live in one partition sorted by time (`AUDIT`, `<at>#<id>`), so the newest-first
 * listing and time ranges are key conditions; each record also sits in a per-target gsi1
 * partition, so one subscription's or one material's history is a direct read. Admin and
 * subscription changes are a few per second at most, far below one partition's write capacity.
 */
const AUDIT_PARTITION = keys.auditPartition();
const targetPartition = (target: AuditTarget) => keys.auditTargetPartition(targetKey(target));

export interface AuditQuery {
  /** The actor's key id (`key_…`, `bootstrap-admin`, `system`). */
  actor?: string;
  target?: AuditTarget;
  /** An action (`subscription.updated`) or a family of them (`subscription.*`). */
  action?: string;
  from?: Date;
  to?: Date;
  limit?: number;
  cursor?: string;
}

const ActorSchema = z.object({
  keyId: z.string(),
  scope: z.enum(['admin', 'ingest', 'subscriber', 'system']),
  subscriberId: z.string().optional(),
});

const AuditItemSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: ActorSchema,
  action: z.enum(AUDIT_ACTIONS),
  target: z.object({ type: z.enum(AUDIT_TARGET_TYPES), id: z.string() }),
  subscriberId: z.string().optional(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  requestId: z.string().optional(),
});

/** Pages stop after reading this many DynamoDB pages, so a narrow filter cannot make one call slow. */
const MAX_QUERIES_PER_PAGE = 10;

/**
 * The append-only audit trail: records are written with `attribute_not_exists` and nothing in the
 * service updates or deletes them.
 *
 * @example
 * await deps.subscriptions.create(subscription, audit.putItem(record)); // in the same transaction
 * const page = await audit.list({ target: { type: 'subscription', id }, limit: 20 });
 */
export class AuditStore {
  private readonly retentionMs: number;
  private readonly clock: () => Date;

  constructor(
    private readonly table: TableContext,
    /** How long a record is kept (AUDIT_RETENTION); it carries its own `ttl` from the start. */
    options: { retentionMs?: number; clock?: () => Date } = {},
  ) {
    this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION.auditMs;
    this.clock = options.clock ?? (() => new Date());
  }

  private item(record: AuditRecord) {
    return {
      ...keys.audit(record.at, record.id),
      gsi1pk: targetPartition(record.target),
      gsi1sk: `${record.at}#${record.id}`,
      entity: 'audit',
      actorKeyId: record.actor.keyId,
      ...record,
      ttl: expiresAt(record.at, this.retentionMs),
    };
  }

  /** The Put for `record`, to go into the transaction that makes the change it describes. */
  putItem(record: AuditRecord): TransactItem {
    return {
      Put: {
        TableName: this.table.tableName,
        Item: this.item(record),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  /** Writes a record on its own, for changes that are not a transaction of ours. */
  async append(record: AuditRecord): Promise<void> {
    await this.table.doc.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: this.item(record),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /** A page of records, newest first, matching every filter given. */
  async list(query: AuditQuery = {}): Promise<{ items: AuditRecord[]; nextCursor?: string }> {
    const limit = query.limit ?? 50;
    const byTarget = query.target !== undefined;
    const [pkName, skName] = byTarget ? ['gsi1pk', 'gsi1sk'] : ['pk', 'sk'];
    const partition = query.target ? targetPartition(query.target) : AUDIT_PARTITION;

    const names: Record<string, string> = {
      '#pk': pkName,
      ...(query.from || query.to ? { '#sk': skName } : {}),
    };
    const values: Record<string, unknown> = { ':pk': partition };
    let keyCondition = '#pk = :pk';
    // Sort keys are `<ISO time>#<id>`: '#' sorts before every id character, '~' after.
    if (query.from && query.to) {
      keyCondition += ' AND #sk BETWEEN :from AND :to';
      values[':from'] = query.from.toISOString();
      values[':to'] = `${query.to.toISOString()}#~`;
    } else if (query.from) {
      keyCondition += ' AND #sk >= :from';
      values[':from'] = query.from.toISOString();
    } else if (query.to) {
      keyCondition += ' AND #sk <= :to';
      values[':to'] = `${query.to.toISOString()}#~`;
    }
    // Records past their ttl are gone, whether or not DynamoDB has deleted them yet.
    const live = liveCondition(this.clock());
    const filters: string[] = [live.expression];
    Object.assign(names, live.names);
    Object.assign(values, live.values);
    if (query.actor !== undefined) {
      filters.push('#actor = :actor');
      names['#actor'] = 'actorKeyId';
      values[':actor'] = query.actor;
    }
    if (query.action !== undefined) {
      names['#action'] = 'action';
      if (query.action.endsWith('.*')) {
        filters.push('begins_with(#action, :action)');
        values[':action'] = query.action.slice(0, -1);
      } else {
        filters.push('#action = :action');
        values[':action'] = query.action;
      }
    }

    let start = query.cursor
      ? decodeCursor(query.cursor, byTarget ? ['pk', 'sk', 'gsi1pk', 'gsi1sk'] : ['pk', 'sk'], {
          name: pkName,
          value: partition,
        })
      : undefined;
    const items: AuditRecord[] = [];
    for (let queries = 0; queries < MAX_QUERIES_PER_PAGE && items.length < limit; queries++) {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.tableName,
          ...(byTarget ? { IndexName: 'gsi1' } : {}),
          KeyConditionExpression: keyCondition,
          ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
          // Never more than still fits: the cursor is then exactly where this page stopped.
          Limit: limit - items.length,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        const parsed = AuditItemSchema.safeParse(item);
        if (parsed.success) items.push(parsed.data);
      }
      start = page.LastEvaluatedKey as Record<string, string> | undefined;
      if (!start) break;
    }
    return { items, ...(start ? { nextCursor: encodeCursor(start) } : {}) };
  }
}
