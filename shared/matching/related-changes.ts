import { forEachLimited } from '../kernel/concurrency.js';
import type { RelatedChangeSummary } from '../model/delivery.js';
import type { PolicyChange, RelatedChange } from '../model/policy-change.js';
import { lifecycleNode, type PolicyChangeStore } from '../store/policy-change-store.js';

/** Targets read at once: a change may name 50, each a few reads for its lifecycle. */
const READ_CONCURRENCY = 8;

/**
 * The changes a change acts on, as its alerts list them (`data.relatedChanges`), in the change's
 * order: each target with its title and its status now, computed from the stored relations (so it
 * is the status after this change even while the target's stored status waits for a scheduler
 * run). A target not stored yet is listed by source and sourceRef alone: an analyst learns what
 * else the change names. Read once per fan-out, never per subscription.
 *
 * @example
 * await relatedChanges(store, suspension, now)
 * // [{ relation: 'suspends', policyChangeId: 'pc_…', title: '…', status: 'suspended', source, sourceRef }]
 */
export async function relatedChanges(
  changes: PolicyChangeStore,
  change: Pick<PolicyChange, 'relatedChanges'>,
  now: Date,
): Promise<RelatedChangeSummary[]> {
  const relations = change.relatedChanges ?? [];
  const summaries: RelatedChangeSummary[] = [];
  await forEachLimited([...relations.keys()], READ_CONCURRENCY, async (index) => {
    const related = relations[index];
    if (related) summaries[index] = await summaryOf(changes, related, now);
  });
  return summaries;
}

async function summaryOf(
  changes: PolicyChangeStore,
  related: RelatedChange,
  now: Date,
): Promise<RelatedChangeSummary> {
  const id =
    related.policyChangeId ??
    (related.source && related.sourceRef ? await changes.idOf(related.source, related.sourceRef) : undefined);
  const head = id ? await changes.getHead(id) : undefined;
  if (!head) {
    return {
      relation: related.relation,
      ...(related.source ? { source: related.source } : {}),
      ...(related.sourceRef ? { sourceRef: related.sourceRef } : {}),
    };
  }
  const lifecycle = await changes.lifecycleOf(lifecycleNode(head.change), head.source, head.sourceRef, now);
  return {
    relation: related.relation,
    policyChangeId: head.id,
    title: head.change.title,
    status: lifecycle.status,
    source: head.source,
    sourceRef: head.sourceRef,
  };
}
