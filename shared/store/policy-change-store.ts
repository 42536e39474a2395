/**
 * The policy-change store: one class over the modules beside it that keep the changes:
 *
 *   policy-change-records.ts    the stored shapes (revision, head, relation), built and read back
 *   policy-change-history.ts    the history listing, newest first, paged and filtered
 *   policy-change-lifecycle.ts  a head's lifecycle written, and the lifecycles due
 *   policy-change-matching.ts   the matcher's progress on a revision, for the recovery sweep
 *   policy-change-reminders.ts  the items of the dates a change carries, by UTC day
 *
 * Here: ingestion (idempotent per source + sourceRef and revision), reads of a change, and its
 * lifecycle computed from the stored relations.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import {
  computeLifecycle,
  type LifecycleGraph,
  type LifecycleNode,
  type LifecycleResult,
} from '../model/lifecycle.js';
import {
  type PolicyChange,
  type PolicyChangeView,
  type RelatedChange,
  type Relation,
  withChangeDefaults,
} from '../model/policy-change.js';
import { keys } from './keys.js';
import { queryAll } from './paging.js';
import { type HistoryQuery, history } from './policy-change-history.js';
import { lifecyclesDue, updateLifecycle } from './policy-change-lifecycle.js';
import { markMatched, matchingOf, pendingMatching, touchMatching } from './policy-change-matching.js';
import {
  type ChangeHead,
  contentHash,
  headItem,
  type InboundEdge,
  type IngestOutcome,
  lifecycleNode,
  type NormalisedChange,
  relationEdits,
  type StoredRevision,
  stripHash,
  toHead,
  toRevision,
} from './policy-change-records.js';
import { linkRelationTargets, linkWaitingRelations } from './policy-change-relation-ids.js';
import { type DueReminder, markReminded, reminderItems, remindersOn } from './policy-change-reminders.js';
import type { TableContext } from './table.js';

export type { HistoryQuery } from './policy-change-history.js';
export {
  type ChangeHead,
  type InboundEdge,
  type IngestOutcome,
  lifecycleNode,
  type NormalisedChange,
  type StoredRevision,
} from './policy-change-records.js';
export { type DueReminder, type ReminderKind, utcDay } from './policy-change-reminders.js';

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
  async ingest(given: NormalisedChange, now = new Date()): Promise<IngestOutcome> {
    const input = withChangeDefaults(given);
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
        // Digested again from what is stored: the stored relations gain ids as targets arrive.
        if (contentHash(existing) !== hash) {
          throw new ConflictError(
            'revision-content-mismatch',
            `revision ${input.revision} of ${input.source} ${input.sourceRef} was already ingested with different content; send a higher revision`,
          );
        }
        return { kind: 'duplicate', change: stripHash(existing) };
      }
      const id = ref?.id ?? newId('pc', now);
      const previous = ref ? await this.getRevision(ref.id, ref.latestRevision) : undefined;
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
              {
                Put: {
                  TableName: this.table.tableName,
                  Item: headItem(
                    stripHash(change),
                    await this.lifecycleOf(lifecycleNode(change), input.source, input.sourceRef, now),
                    (await this.getHead(id))?.lifecycleVersion ?? 0,
                  ),
                },
              },
              ...relationEdits(id, previous?.relatedChanges ?? [], input.relatedChanges ?? []).map((edit) =>
                edit.put
                  ? { Put: { TableName: this.table.tableName, Item: edit.put } }
                  : { Delete: { TableName: this.table.tableName, Key: edit.delete } },
              ),
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

  /** Every stored revision of a change, oldest first. */
  async revisions(id: string): Promise<PolicyChange[]> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rev)',
      ExpressionAttributeValues: { ':pk': keys.changePartition(id), ':rev': 'REV#' },
      ConsistentRead: true,
    });
    return items.map((item) => stripHash(toRevision(item)));
  }

  /** The id of the change stored under a source + sourceRef, if any. */
  async idOf(source: string, sourceRef: string): Promise<string | undefined> {
    return (await this.getRef(source, sourceRef))?.id;
  }

  /** A change's head: its latest revision and its lifecycle. */
  async getHead(id: string): Promise<ChangeHead | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: keys.changeHead(id), ConsistentRead: true }),
    );
    return Item ? toHead(Item) : undefined;
  }

  /** The latest revision with its lifecycle, as callers read a change. */
  async view(id: string): Promise<PolicyChangeView | undefined> {
    const [head, latest] = await Promise.all([this.getHead(id), this.getLatest(id)]);
    if (!head || !latest) return undefined;
    return { ...latest, status: head.status, statusHistory: head.statusHistory };
  }

  /**
   * Fills in the ids of this change's relations whose targets are stored now; answers its relations
   * with the ids known now (see `linkRelationTargets`).
   */
  linkRelationTargets(
    change: Pick<PolicyChange, 'id' | 'source' | 'sourceRef' | 'relatedChanges'>,
  ): Promise<RelatedChange[] | undefined> {
    return linkRelationTargets(this.table, this, change);
  }

  /** Fills in this change's id in the stored relations waiting for it (see `linkWaitingRelations`). */
  linkWaitingRelations(change: Pick<PolicyChange, 'id' | 'source' | 'sourceRef'>): Promise<void> {
    return linkWaitingRelations(this.table, this, change);
  }

  /** Relations that name the change stored (or still to arrive) under this source + sourceRef. */
  async relationsTo(source: string, sourceRef: string): Promise<InboundEdge[]> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.relationsTo(source, sourceRef) },
      ConsistentRead: true,
    });
    return items.flatMap((item) =>
      typeof item.relation === 'string' && typeof item.fromId === 'string'
        ? [{ relation: item.relation as Relation, fromId: item.fromId }]
        : [],
    );
  }

  /**
   * The lifecycle of a change as the stored relations make it now: the changes that act on it,
   * and, for a suspension among them, what extends, resumes, revokes or supersedes that suspension.
   */
  async lifecycleOf(
    change: LifecycleNode,
    source: string,
    sourceRef: string,
    now: Date,
  ): Promise<LifecycleResult> {
    return computeLifecycle(await this.lifecycleGraph(change, source, sourceRef, 0), now);
  }

  private async lifecycleGraph(
    change: LifecycleNode,
    source: string,
    sourceRef: string,
    depth: number,
  ): Promise<LifecycleGraph> {
    if (depth >= 2) return { change, inbound: [] };
    const edges = (await this.relationsTo(source, sourceRef)).filter((edge) => edge.fromId !== change.id);
    const inbound = await Promise.all(
      edges.map(async (edge) => {
        const head = await this.getHead(edge.fromId);
        if (!head) return undefined;
        return {
          relation: edge.relation,
          from: await this.lifecycleGraph(lifecycleNode(head.change), head.source, head.sourceRef, depth + 1),
        };
      }),
    );
    return { change, inbound: inbound.filter((entry) => entry !== undefined) };
  }

  /**
   * Writes a new lifecycle if nobody else did since `head` was read; returns whether it was
   * written (see `updateLifecycle`).
   */
  updateLifecycle(head: ChangeHead, lifecycle: LifecycleResult): Promise<boolean> {
    return updateLifecycle(this.table, head, lifecycle);
  }

  /** Changes whose next transition is at or before `now`, for the scheduler. */
  lifecyclesDue(now: Date, limit = 100): Promise<string[]> {
    return lifecyclesDue(this.table, now, limit);
  }

  /** A page of change heads, newest first, filtered in memory by `accept` (see `history`). */
  history(options: HistoryQuery): Promise<{ items: ChangeHead[]; nextCursor?: string; read: number }> {
    return history(this.table, options);
  }

  /** Revisions whose matching has not completed and that were ingested before `before` (ISO). */
  pendingMatching(before: string, limit = 100): Promise<{ policyChangeId: string; revision: number }[]> {
    return pendingMatching(this.table, before, limit);
  }

  /** The reminders of one UTC day (`YYYY-MM-DD`). */
  remindersOn(day: string): Promise<DueReminder[]> {
    return remindersOn(this.table, day);
  }

  /** Records that a reminder's alerts were all written, so later runs skip it. */
  markReminded(reminder: DueReminder, now: Date): Promise<void> {
    return markReminded(this.table, reminder, now);
  }

  /** Notes that a matcher has started on the revision, so the sweep leaves it alone for a while. */
  touchMatching(id: string, revision: number, now: Date): Promise<void> {
    return touchMatching(this.table, id, revision, now);
  }

  /** Marks the revision's matching completed, taking it out of the sweep's index. */
  markMatched(
    id: string,
    revision: number,
    matchedSubscriptions: number,
    now = new Date(),
    alerts?: number,
  ): Promise<void> {
    return markMatched(this.table, id, revision, matchedSubscriptions, now, alerts);
  }

  /** The matcher's progress on each of these revisions, by change id (one batch read per hundred). */
  matchingOf(
    revisions: readonly { id: string; revision: number }[],
  ): Promise<Map<string, PolicyChange['matching']>> {
    return matchingOf(this.table, revisions);
  }
}
