/**
 * Relation ids filled in after the fact. A relation may name its target by source + sourceRef
 * before the target is stored; once it is, the target's id is written into the stored relation,
 * on the naming change's head and on its latest revision (what `GET /v1/policy-changes/{id}`
 * shows). Bookkeeping, not news: no new revision, nothing alerted. Each write is conditional on
 * the relation still naming that target without an id, so retries and concurrent arrivals write
 * each id once and never into a relation that changed meanwhile.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RelatedChange } from '../model/policy-change.js';
import { keys } from './keys.js';
import type { TableContext } from './table.js';

/** What filling in ids reads: the stored heads, revisions, references and relation index. */
export interface RelationIdReads {
  getHead(
    id: string,
  ): Promise<{ latestRevision: number; change: { relatedChanges?: RelatedChange[] } } | undefined>;
  getRevision(id: string, revision: number): Promise<{ relatedChanges?: RelatedChange[] } | undefined>;
  idOf(source: string, sourceRef: string): Promise<string | undefined>;
  relationsTo(source: string, sourceRef: string): Promise<{ fromId: string }[]>;
}

/** The id a relation should carry, or undefined to leave it as it is. */
type Resolve = (relation: RelatedChange) => string | undefined;

/** How many times a write that lost a race is read again and retried. */
const ATTEMPTS = 3;

/** Relations written per update, so its expressions stay well inside DynamoDB's 4 KB each. */
const EDITS_PER_WRITE = 10;

/** A stored change, as far as its relations are concerned. */
type Linked = { id: string; source: string; sourceRef: string; relatedChanges?: RelatedChange[] };

/**
 * Fills in the ids of a stored change's relations to the targets stored now; answers its relations
 * with the ids known now. Run after ingestion and again by the change's matcher, so a change that
 * arrives while its target is being stored is linked by whichever runs after both are.
 */
export async function linkRelationTargets(
  table: TableContext,
  reads: RelationIdReads,
  change: Linked,
): Promise<RelatedChange[] | undefined> {
  const found = new Map<string, string>();
  for (const r of change.relatedChanges ?? []) {
    if (r.policyChangeId || !r.source || !r.sourceRef) continue;
    const id = await reads.idOf(r.source, r.sourceRef);
    if (id && id !== change.id) found.set(targetKey(r), id);
  }
  const resolve: Resolve = (r) => found.get(targetKey(r));
  if (found.size > 0) await fillIds(table, reads, change.id, resolve);
  return change.relatedChanges?.map((r) => {
    const id = r.policyChangeId ? undefined : resolve(r);
    return id ? { ...r, policyChangeId: id } : r;
  });
}

/**
 * Fills in this change's id in the stored relations that name it by source + sourceRef and were
 * waiting for it (found through the relation index). Run after ingestion, and again on a re-send.
 */
export async function linkWaitingRelations(
  table: TableContext,
  reads: RelationIdReads,
  change: Linked,
): Promise<void> {
  const naming = new Set(
    (await reads.relationsTo(change.source, change.sourceRef)).map((edge) => edge.fromId),
  );
  naming.delete(change.id);
  const names = (r: RelatedChange) => r.source === change.source && r.sourceRef === change.sourceRef;
  for (const fromId of naming) await fillIds(table, reads, fromId, (r) => (names(r) ? change.id : undefined));
}

function targetKey(r: RelatedChange): string {
  return JSON.stringify([r.source, r.sourceRef]);
}

/** Writes the resolved ids into a change's head and into the revision that head shows. */
async function fillIds(
  table: TableContext,
  reads: RelationIdReads,
  id: string,
  resolve: Resolve,
): Promise<void> {
  let revision: number | undefined;
  await fillItem(table, keys.changeHead(id), ['change', 'relatedChanges'], resolve, async () => {
    const head = await reads.getHead(id);
    revision = head?.latestRevision;
    return head?.change.relatedChanges;
  });
  if (revision === undefined) return;
  const latest = revision;
  await fillItem(
    table,
    keys.changeRevision(id, latest),
    ['relatedChanges'],
    resolve,
    async () => (await reads.getRevision(id, latest))?.relatedChanges,
  );
}

/**
 * Sets `policyChangeId` on each relation of one item that `resolve` resolves and that has none,
 * on condition that the relation at that position still names the same target without an id; a
 * lost race reads the item again. Ten relations per write, reading again between writes, until
 * none is left (each write fills at least one, so this ends).
 */
async function fillItem(
  table: TableContext,
  key: Record<string, string>,
  path: string[],
  resolve: Resolve,
  read: () => Promise<RelatedChange[] | undefined>,
): Promise<void> {
  let lost = 0;
  while (lost < ATTEMPTS) {
    const relations = (await read()) ?? [];
    const waiting = relations.flatMap((relation, index) => {
      const target = relation.policyChangeId ? undefined : resolve(relation);
      return target && relation.source && relation.sourceRef ? [{ index, target, relation }] : [];
    });
    if (waiting.length === 0) return;
    const edits = waiting.slice(0, EDITS_PER_WRITE);
    const names: Record<string, string> = { '#pid': 'policyChangeId', '#src': 'source', '#ref': 'sourceRef' };
    path.forEach((part, i) => {
      names[`#p${i}`] = part;
    });
    const base = path.map((_, i) => `#p${i}`).join('.');
    const values: Record<string, string> = {};
    const sets: string[] = [];
    const conditions: string[] = [];
    for (const [n, edit] of edits.entries()) {
      const at = `${base}[${edit.index}]`;
      values[`:id${n}`] = edit.target;
      values[`:src${n}`] = edit.relation.source ?? '';
      values[`:ref${n}`] = edit.relation.sourceRef ?? '';
      sets.push(`${at}.#pid = :id${n}`);
      conditions.push(`attribute_not_exists(${at}.#pid) AND ${at}.#src = :src${n} AND ${at}.#ref = :ref${n}`);
    }
    try {
      await table.doc.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: key,
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      if (edits.length === waiting.length) return;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      lost += 1;
    }
  }
}
