import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../errors.js';
import { newId } from '../ids.js';
import type { PolicyChange, PolicyChangeInput } from '../model/policy-change.js';
import { keys, queryAll, type TableContext, withoutKeys } from './table.js';

export type IngestOutcome =
  | { kind: 'created'; change: PolicyChange; previousRevision?: number }
  | { kind: 'duplicate'; change: PolicyChange };

/** A stored revision plus what the matcher needs to know about its history. */
export type StoredRevision = PolicyChange & { contentHash: string; previousRevision?: number };

/** A stable digest of the normalised input: the same revision sent twice must carry the same content. */
function contentHash(input: PolicyChangeInput): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

/** JSON with object keys sorted at every depth, so equal content always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function toRevision(item: Record<string, unknown>): StoredRevision {
  // Items are written only by this module, from a validated PolicyChangeInput.
  return withoutKeys(item) as unknown as StoredRevision;
}

/**
 * Policy changes, one item per revision under a stable id, plus a reference item per
 * source + sourceRef that makes ingestion idempotent.
 */
export class PolicyChangeStore {
  constructor(private readonly table: TableContext) {}

  /**
   * Stores a revision unless it is already there. The same revision again is a duplicate (and must
   * carry the same content); a revision at or below the latest that is not stored is stale.
   */
  async ingest(input: PolicyChangeInput, now = new Date()): Promise<IngestOutcome> {
    const hash = contentHash(input);
    for (let attempt = 0; attempt < 5; attempt++) {
      const ref = await this.getRef(input.source, input.sourceRef);
      if (ref && ref.latestRevision >= input.revision) {
        const existing = await this.getRevision(ref.id, input.revision);
        if (!existing) {
          throw new ConflictError(
            'stale-revision',
            `revision ${input.revision} is older than the stored revision ${ref.latestRevision} of ${input.source} ${input.sourceRef}`,
          );
        }
        if (existing.contentHash !== hash) {
          throw new ConflictError(
            'revision-content-mismatch',
            `revision ${input.revision} of ${input.source} ${input.sourceRef} was already ingested with different content; send a higher revision`,
          );
        }
        return { kind: 'duplicate', change: stripHash(existing) };
      }
      const id = ref?.id ?? newId('pc', now);
      const change: StoredRevision = {
        ...input,
        id,
        revision: input.revision,
        ingestedAt: now.toISOString(),
        matching: { status: 'pending', matchedSubscriptions: 0 },
        contentHash: hash,
        ...(ref ? { previousRevision: ref.latestRevision } : {}),
      };
      try {
        await this.table.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.table.tableName,
                  Item: {
                    ...keys.changeRef(input.source, input.sourceRef),
                    entity: 'changeRef',
                    id,
                    latestRevision: input.revision,
                  },
                  ConditionExpression: ref ? 'latestRevision = :seen' : 'attribute_not_exists(pk)',
                  ...(ref ? { ExpressionAttributeValues: { ':seen': ref.latestRevision } } : {}),
                },
              },
              {
                Put: {
                  TableName: this.table.tableName,
                  Item: {
                    ...keys.changeRevision(id, input.revision),
                    // Until matching completes, the revision is findable by the recovery sweep.
                    gsi2pk: keys.pendingMatching(),
                    gsi2sk: `${change.ingestedAt}#${id}`,
                    entity: 'changeRevision',
                    ...change,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              ...reminderItems(change).map((Item) => ({ Put: { TableName: this.table.tableName, Item } })),
            ],
          }),
        );
        return {
          kind: 'created',
          change: stripHash(change),
          ...(ref ? { previousRevision: ref.latestRevision } : {}),
        };
      } catch (error) {
        // Another writer got there first: read again and decide with what it wrote.
        if (!(error instanceof TransactionCanceledException)) throw error;
      }
    }
    throw new ConflictError(
      'concurrent-ingest',
      `${input.source} ${input.sourceRef} is being ingested concurrently`,
    );
  }

  private async getRef(source: string, sourceRef: string) {
    const { Item } = await this.table.doc.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: keys.changeRef(source, sourceRef),
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    return { id: String(Item.id), latestRevision: Number(Item.latestRevision) };
  }

  async getRevision(id: string, revision: number): Promise<StoredRevision | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: keys.changeRevision(id, revision),
        ConsistentRead: true,
      }),
    );
    return Item ? toRevision(Item) : undefined;
  }

  /** The latest stored revision of a change. */
  async getLatest(id: string): Promise<PolicyChange | undefined> {
    const { Items } = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rev)',
        ExpressionAttributeValues: { ':pk': keys.changePartition(id), ':rev': 'REV#' },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = Items?.[0];
    return item ? stripHash(toRevision(item)) : undefined;
  }

  /** Revisions whose matching has not completed and that were ingested before `before` (ISO). */
  async pendingMatching(
    before: string,
    limit = 100,
  ): Promise<{ policyChangeId: string; revision: number }[]> {
    const { Items } = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :before',
        ExpressionAttributeValues: { ':pk': keys.pendingMatching(), ':before': `${before}#~` },
        Limit: limit,
      }),
    );
    return (Items ?? []).flatMap((item) => {
      const id = /^CHANGE#(.+)$/.exec(String(item.pk))?.[1];
      const revision = Number(/^REV#(\d+)$/.exec(String(item.sk))?.[1]);
      return id && revision > 0 ? [{ policyChangeId: id, revision }] : [];
    });
  }

  /** The reminders of one UTC day (`YYYY-MM-DD`). */
  async remindersOn(day: string): Promise<DueReminder[]> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.dueOn(day) },
    });
    return items.flatMap((item) => {
      const kind = item.kind === 'effective' || item.kind === 'expiring' ? item.kind : undefined;
      if (!kind) return [];
      return [
        {
          kind,
          policyChangeId: String(item.policyChangeId),
          revision: Number(item.revision),
          at: String(item.at),
          ...(typeof item.remindedAt === 'string' ? { remindedAt: item.remindedAt } : {}),
        },
      ];
    });
  }

  /** Records that a reminder's alerts were all written, so later runs skip it. */
  async markReminded(reminder: DueReminder, now: Date): Promise<void> {
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: {
          pk: keys.dueOn(utcDay(reminder.at)),
          sk: `${reminder.kind}#${reminder.policyChangeId}#${String(reminder.revision).padStart(10, '0')}`,
        },
        UpdateExpression: 'SET remindedAt = if_not_exists(remindedAt, :now)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':now': now.toISOString() },
      }),
    );
  }

  /**
   * Notes that a matcher has started on the revision: the recovery sweep leaves it alone for its
   * grace period from now, instead of starting a second run beside a slow first one.
   */
  async touchMatching(id: string, revision: number, now: Date): Promise<void> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.changeRevision(id, revision),
          UpdateExpression: 'SET gsi2sk = :due',
          ConditionExpression: 'attribute_exists(gsi2pk)',
          ExpressionAttributeValues: { ':due': `${now.toISOString()}#${id}` },
        }),
      );
    } catch (error) {
      // Matching already completed: nothing to hold back.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async markMatched(
    id: string,
    revision: number,
    matchedSubscriptions: number,
    now = new Date(),
  ): Promise<void> {
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: keys.changeRevision(id, revision),
        UpdateExpression: 'SET matching = :matching REMOVE gsi2pk, gsi2sk',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: {
          ':matching': { status: 'completed', matchedSubscriptions, completedAt: now.toISOString() },
        },
      }),
    );
  }
}

export type ReminderKind = 'effective' | 'expiring';

/** A change revision that takes effect or expires on a given day. */
export interface DueReminder {
  kind: ReminderKind;
  policyChangeId: string;
  revision: number;
  at: string;
  remindedAt?: string;
}

/** The UTC day of an instant, as the reminder partitions name it. */
export function utcDay(instant: string | Date): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/** One item per date the change carries, in the partition of that day. */
function reminderItems(change: PolicyChange): Record<string, unknown>[] {
  const dates: [ReminderKind, string | undefined][] = [
    ['effective', change.effectiveAt],
    ['expiring', change.expiresAt],
  ];
  return dates.flatMap(([kind, at]) =>
    at
      ? [
          {
            pk: keys.dueOn(utcDay(at)),
            sk: `${kind}#${change.id}#${String(change.revision).padStart(10, '0')}`,
            entity: 'reminder',
            kind,
            policyChangeId: change.id,
            revision: change.revision,
            at: new Date(at).toISOString(),
          },
        ]
      : [],
  );
}

function stripHash(revision: StoredRevision): PolicyChange {
  const { contentHash: _hash, previousRevision: _previous, ...change } = revision;
  return change;
}
