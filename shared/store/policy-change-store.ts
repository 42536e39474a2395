import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../errors.js';
import { newId } from '../ids.js';
import type { PolicyChange, PolicyChangeInput } from '../model/policy-change.js';
import { keys, type TableContext, withoutKeys } from './table.js';

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
                  Item: { ...keys.changeRevision(id, input.revision), entity: 'changeRevision', ...change },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
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
        UpdateExpression: 'SET matching = :matching',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: {
          ':matching': { status: 'completed', matchedSubscriptions, completedAt: now.toISOString() },
        },
      }),
    );
  }
}

function stripHash(revision: StoredRevision): PolicyChange {
  const { contentHash: _hash, previousRevision: _previous, ...change } = revision;
  return change;
}
