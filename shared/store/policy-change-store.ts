import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import {
  computeLifecycle,
  type LifecycleGraph,
  type LifecycleNode,
  type LifecycleResult,
  type TimelinePeriod,
} from '../model/lifecycle.js';
import {
  type ChangeDefaults,
  type PolicyChange,
  type PolicyChangeInput,
  type PolicyChangeView,
  type RelatedChange,
  type Relation,
  type Status,
  type StatusPeriod,
  withChangeDefaults,
} from '../model/policy-change.js';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor, queryAll } from './paging.js';
import { type TableContext, withoutKeys } from './table.js';

/**
 * A change ready to store: validated against the catalogue, defaults written out, relations
 * resolved to the target's source + sourceRef (and id, when it is already stored).
 */
export type NormalisedChange = Omit<PolicyChangeInput, 'relatedChanges'> &
  Partial<ChangeDefaults> & {
    relatedChanges?: RelatedChange[];
  };

/**
 * A change's current state: its latest revision and its lifecycle. One item per change, listed
 * newest first under `CHANGES` (history queries) and, while a transition is ahead, under
 * `LIFECYCLE#DUE` (the scheduler).
 */
export interface ChangeHead {
  id: string;
  source: string;
  sourceRef: string;
  latestRevision: number;
  change: PolicyChange;
  status: Status;
  statusHistory: StatusPeriod[];
  timeline: TimelinePeriod[];
  nextTransitionAt?: string;
  lifecycleVersion: number;
}

/** A relation naming a change, as stored under the target's source + sourceRef. */
export interface InboundEdge {
  relation: Relation;
  fromId: string;
}

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
        if (existing.contentHash !== hash) {
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
   * Writes a new lifecycle if nobody else did since `head` was read (409-free: a lost race means
   * the other writer computed the same from the same table). Returns whether it was written.
   */
  async updateLifecycle(head: ChangeHead, lifecycle: LifecycleResult): Promise<boolean> {
    const due = lifecycle.nextTransitionAt;
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.changeHead(head.id),
          UpdateExpression: `SET #status = :status, statusHistory = :history, timeline = :timeline, lifecycleVersion = :next${
            due
              ? ', nextTransitionAt = :due, gsi2pk = :duePk, gsi2sk = :dueSk'
              : ' REMOVE nextTransitionAt, gsi2pk, gsi2sk'
          }`,
          ConditionExpression: 'lifecycleVersion = :version',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': lifecycle.status,
            ':history': lifecycle.statusHistory,
            ':timeline': lifecycle.timeline,
            ':version': head.lifecycleVersion,
            ':next': head.lifecycleVersion + 1,
            ...(due ? { ':due': due, ':duePk': keys.lifecycleDue(), ':dueSk': `${due}#${head.id}` } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Changes whose next transition is at or before `now`, for the scheduler. */
  async lifecyclesDue(now: Date, limit = 100): Promise<string[]> {
    const { Items } = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :now',
        ExpressionAttributeValues: { ':pk': keys.lifecycleDue(), ':now': `${now.toISOString()}#~` },
        Limit: limit,
      }),
    );
    return (Items ?? []).flatMap((item) => {
      const id = /^CHANGE#(.+)$/.exec(String(item.pk))?.[1];
      return id ? [id] : [];
    });
  }

  /**
   * A page of change heads, newest first (by publication, else ingestion), between `since` and
   * `until`; `accept` filters in memory. Reads at most `maxRead` heads per call, so a selective
   * filter answers with a short page and a cursor rather than reading the whole history.
   */
  async history(options: {
    limit: number;
    cursor?: string;
    since?: string;
    until?: string;
    accept: (head: ChangeHead) => boolean;
    maxRead?: number;
  }): Promise<{ items: ChangeHead[]; nextCursor?: string }> {
    const partition = keys.changeHistory();
    let start = options.cursor
      ? decodeCursor(options.cursor, ['pk', 'sk', 'gsi1pk', 'gsi1sk'], { name: 'gsi1pk', value: partition })
      : undefined;
    const items: ChangeHead[] = [];
    let read = 0;
    const maxRead = options.maxRead ?? 1000;
    const range =
      options.since && options.until
        ? {
            expression: ' AND gsi1sk BETWEEN :since AND :until',
            values: { ':since': options.since, ':until': `${options.until}~` },
          }
        : options.since
          ? { expression: ' AND gsi1sk >= :since', values: { ':since': options.since } }
          : options.until
            ? { expression: ' AND gsi1sk <= :until', values: { ':until': `${options.until}~` } }
            : { expression: '', values: {} };
    do {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: `gsi1pk = :pk${range.expression}`,
          ExpressionAttributeValues: { ':pk': partition, ...range.values },
          ScanIndexForward: false,
          Limit: Math.min(100, maxRead - read),
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        read += 1;
        const head = toHead(item);
        if (options.accept(head)) items.push(head);
        if (items.length === options.limit) {
          // Continue after this item, whatever the rest of the page held.
          return {
            items,
            nextCursor: encodeCursor({
              pk: String(item.pk),
              sk: String(item.sk),
              gsi1pk: partition,
              gsi1sk: String(item.gsi1sk),
            }),
          };
        }
      }
      start = page.LastEvaluatedKey as Record<string, string> | undefined;
    } while (start && read < maxRead);
    return { items, ...(start ? { nextCursor: encodeCursor(start) } : {}) };
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

/** The dates a lifecycle is computed from. */
export function lifecycleNode(
  change: Pick<PolicyChange, 'id' | 'title' | 'publishedAt' | 'effectiveAt' | 'expiresAt' | 'ingestedAt'>,
): LifecycleNode {
  return {
    id: change.id,
    title: change.title,
    ingestedAt: change.ingestedAt,
    ...(change.publishedAt ? { publishedAt: change.publishedAt } : {}),
    ...(change.effectiveAt ? { effectiveAt: change.effectiveAt } : {}),
    ...(change.expiresAt ? { expiresAt: change.expiresAt } : {}),
  };
}

/** The key under which the history lists a change: when it was published, else ingested. */
function historySortKey(change: PolicyChange): string {
  const at = change.publishedAt ? new Date(Date.parse(change.publishedAt)).toISOString() : change.ingestedAt;
  return `${at}#${change.id}`;
}

function headItem(
  change: PolicyChange,
  lifecycle: LifecycleResult,
  previousVersion: number,
): Record<string, unknown> {
  const { matching: _matching, ...latest } = change;
  const due = lifecycle.nextTransitionAt;
  return {
    ...keys.changeHead(change.id),
    gsi1pk: keys.changeHistory(),
    gsi1sk: historySortKey(change),
    ...(due ? { gsi2pk: keys.lifecycleDue(), gsi2sk: `${due}#${change.id}`, nextTransitionAt: due } : {}),
    entity: 'changeHead',
    id: change.id,
    source: change.source,
    sourceRef: change.sourceRef,
    latestRevision: change.revision,
    change: latest,
    status: lifecycle.status,
    statusHistory: lifecycle.statusHistory,
    timeline: lifecycle.timeline,
    lifecycleVersion: previousVersion + 1,
  };
}

function toHead(item: Record<string, unknown>): ChangeHead {
  // Heads are written only by this module.
  return withoutKeys(item) as unknown as ChangeHead;
}

/** The relation items to write and remove when a change's relations go from `before` to `after`. */
function relationEdits(
  fromId: string,
  before: readonly RelatedChange[],
  after: readonly RelatedChange[],
): (
  | { put: Record<string, unknown>; delete?: undefined }
  | { put?: undefined; delete: Record<string, string> }
)[] {
  const keyOf = (r: { relation: string; source?: string; sourceRef?: string }) => ({
    pk: keys.relationsTo(r.source ?? '', r.sourceRef ?? ''),
    sk: `${r.relation}#${fromId}`,
  });
  const wanted = new Map(after.map((r) => [JSON.stringify(keyOf(r)), r]));
  const edits: ReturnType<typeof relationEdits> = [];
  for (const r of before) {
    const key = keyOf(r);
    if (r.source && r.sourceRef && !wanted.has(JSON.stringify(key))) edits.push({ delete: key });
  }
  for (const r of after) {
    if (!r.source || !r.sourceRef) continue;
    edits.push({ put: { ...keyOf(r), entity: 'relation', relation: r.relation, fromId } });
  }
  return edits;
}
