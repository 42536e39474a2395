import { beforeAll, describe, expect, it } from 'vitest';
import type { RelatedChange } from '../../shared/model/policy-change.js';
import type { PolicyChangeStore } from '../../shared/store/policy-change-store.js';
import { createTestTable } from '../support/dynamodb.js';
import { policyChangeInputFixture, T0 } from './fixtures.js';

let store: PolicyChangeStore;

beforeAll(async () => {
  store = (await createTestTable()).changes;
});

/** A change naming `targetRef` (source `mofcom`), stored before the target exists. */
async function naming(targetRef: string, relation: RelatedChange['relation'] = 'amends') {
  const input = policyChangeInputFixture({
    relatedChanges: [
      { relation, source: 'mofcom', sourceRef: targetRef },
      { relation: 'amends', source: 'mofcom', sourceRef: `${targetRef}-never` },
    ],
  });
  const { change } = await store.ingest(input, T0);
  return { input, change };
}

const idsOn = (relations: RelatedChange[] | undefined) => relations?.map((r) => r.policyChangeId ?? null);

describe('relation ids written when the target arrives', () => {
  it('writes the id once into the head and the latest revision, however many writers run at once', async () => {
    const targetRef = `target-${Date.now()}`;
    const { change } = await naming(targetRef);
    const target = (await store.ingest(policyChangeInputFixture({ sourceRef: targetRef }), T0)).change;
    expect(idsOn((await store.getHead(change.id))?.change.relatedChanges)).toEqual([null, null]);

    await Promise.all([
      store.linkWaitingRelations(target),
      store.linkWaitingRelations(target),
      store.linkRelationTargets(change),
    ]);

    expect(idsOn((await store.getHead(change.id))?.change.relatedChanges)).toEqual([target.id, null]);
    expect(idsOn((await store.getRevision(change.id, 1))?.relatedChanges)).toEqual([target.id, null]);
    expect((await store.revisions(change.id)).map((r) => r.revision)).toEqual([1]);
    // The stored revision keeps its bookkeeping: still waiting for its matcher.
    expect((await store.getRevision(change.id, 1))?.matching.status).toBe('pending');
  });

  it('answers the relations with the ids known now, and leaves a target that has not arrived alone', async () => {
    const targetRef = `known-${Date.now()}`;
    const { change } = await naming(targetRef, 'suspends');
    const target = (await store.ingest(policyChangeInputFixture({ sourceRef: targetRef }), T0)).change;
    expect(await store.linkRelationTargets(change)).toEqual([
      { relation: 'suspends', policyChangeId: target.id, source: 'mofcom', sourceRef: targetRef },
      { relation: 'amends', source: 'mofcom', sourceRef: `${targetRef}-never` },
    ]);
  });

  it('fills in a long list of relations, more than one write takes', async () => {
    const refs = Array.from({ length: 23 }, (_, i) => `many-${i}-${Date.now()}`);
    const input = policyChangeInputFixture({
      relatedChanges: refs.map((sourceRef) => ({ relation: 'amends' as const, source: 'mofcom', sourceRef })),
    });
    const { change } = await store.ingest(input, T0);
    const targets: string[] = [];
    for (const sourceRef of refs)
      targets.push((await store.ingest(policyChangeInputFixture({ sourceRef }), T0)).change.id);

    await store.linkRelationTargets(change);

    expect(idsOn((await store.getHead(change.id))?.change.relatedChanges)).toEqual(targets);
    expect(idsOn((await store.getRevision(change.id, 1))?.relatedChanges)).toEqual(targets);
  });

  it('the same revision sent again after its target arrived is a duplicate; other content still conflicts', async () => {
    const targetRef = `resent-${Date.now()}`;
    const { input, change } = await naming(targetRef);
    const target = (await store.ingest(policyChangeInputFixture({ sourceRef: targetRef }), T0)).change;
    await store.linkWaitingRelations(target);
    // As ingestion resolves it now: the target's id found beside its source + sourceRef.
    const resolved = {
      ...input,
      relatedChanges: input.relatedChanges?.map((r) =>
        r.sourceRef === targetRef ? { ...r, policyChangeId: target.id } : r,
      ),
    };
    expect(await store.ingest(resolved, T0)).toMatchObject({ kind: 'duplicate', change: { id: change.id } });
    expect(await store.ingest(input, T0)).toMatchObject({ kind: 'duplicate' });
    await expect(store.ingest({ ...resolved, severity: 'low' }, T0)).rejects.toMatchObject({
      type: 'revision-content-mismatch',
    });
  });
});
