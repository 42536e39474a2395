/**
 * The policy-change store's records: the change as stored (revisions, the head with its lifecycle,
 * the relations naming it), how items are built from a change and read back, and the content hash
 * that tells a duplicate revision from a conflicting one.
 */
import { createHash } from 'node:crypto';
import type { LifecycleNode, LifecycleResult, TimelinePeriod } from '../model/lifecycle.js';
import type {
  ChangeDefaults,
  PolicyChange,
  PolicyChangeInput,
  RelatedChange,
  Relation,
  Status,
  StatusPeriod,
} from '../model/policy-change.js';
import { keys } from './keys.js';
import { withoutKeys } from './table.js';

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

/** What the service writes on a stored revision itself: never part of what the caller sent. */
const FILLED_IN = new Set(['id', 'ingestedAt', 'matching', 'contentHash', 'previousRevision']);

/**
 * A stable digest of a revision's content as the caller sent it (normalised): the same revision
 * sent twice must carry the same content. What the service fills in is left out (the bookkeeping
 * fields, and a relation's target id, found at ingestion or written when the target arrives), so a
 * stored revision digests the same as the input it was made from, whatever arrived since.
 */
export function contentHash(change: object): string {
  const sent = Object.fromEntries(Object.entries(change).filter(([field]) => !FILLED_IN.has(field)));
  if (Array.isArray(sent.relatedChanges)) {
    sent.relatedChanges = (sent.relatedChanges as RelatedChange[]).map(
      ({ policyChangeId: _id, ...named }) => named,
    );
  }
  return createHash('sha256').update(canonicalJson(sent)).digest('hex');
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

export function toRevision(item: Record<string, unknown>): StoredRevision {
  // Items are written only by the policy-change store, from a validated PolicyChangeInput.
  return withoutKeys(item) as unknown as StoredRevision;
}

export function stripHash(revision: StoredRevision): PolicyChange {
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

export function headItem(
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

export function toHead(item: Record<string, unknown>): ChangeHead {
  // Heads are written only by the policy-change store.
  return withoutKeys(item) as unknown as ChangeHead;
}

/** The relation items to write and remove when a change's relations go from `before` to `after`. */
export function relationEdits(
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
