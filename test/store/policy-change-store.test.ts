import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../shared/errors.js';
import type { PolicyChangeStore } from '../../shared/store/policy-change-store.js';
import { createTestTable } from '../support/dynamodb.js';
import { policyChangeInputFixture, T0 } from './fixtures.js';

// One table for the file; every test ingests its own sourceRef.
let store: PolicyChangeStore;

beforeAll(async () => {
  store = (await createTestTable()).changes;
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('PolicyChangeStore.ingest', () => {
  it('creates the first revision with a new id and pending matching', async () => {
    const input = policyChangeInputFixture();
    const outcome = await store.ingest(input, T0);

    expect(outcome.kind).toBe('created');
    expect(outcome).not.toHaveProperty('previousRevision');
    expect(outcome.change).toEqual({
      ...input,
      id: expect.stringMatching(/^pc_/),
      revision: 1,
      ingestedAt: T0.toISOString(),
      matching: { status: 'pending', matchedSubscriptions: 0 },
    });
    const stored = await store.getRevision(outcome.change.id, 1);
    expect(stored).toMatchObject({ ...outcome.change, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(stored).not.toHaveProperty('previousRevision');
  });

  it('answers the same revision with the same content as a duplicate with the same id', async () => {
    const input = policyChangeInputFixture();
    const created = await store.ingest(input, T0);
    const again = await store.ingest({ ...input }, new Date(T0.getTime() + 60_000));

    expect(again.kind).toBe('duplicate');
    expect(again.change).toEqual(created.change);
  });

  it('treats the same content with keys in another order as the same revision', async () => {
    const input = policyChangeInputFixture();
    await store.ingest(input, T0);
    const reordered = Object.fromEntries(Object.entries(input).reverse()) as typeof input;
    expect((await store.ingest(reordered, T0)).kind).toBe('duplicate');
  });

  it('refuses the same revision with different content (409 revision-content-mismatch)', async () => {
    const input = policyChangeInputFixture();
    const created = await store.ingest(input, T0);
    const error = await rejection(store.ingest({ ...input, title: 'A different title' }, T0));

    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 409, type: 'revision-content-mismatch' });
    expect((await store.getRevision(created.change.id, 1))?.title).toBe(input.title);
  });

  it('stores a higher revision under the same id with previousRevision set', async () => {
    const input = policyChangeInputFixture();
    const first = await store.ingest(input, T0);
    const second = await store.ingest({ ...input, revision: 2, severity: 'critical' }, T0);

    expect(second).toMatchObject({ kind: 'created', previousRevision: 1 });
    expect(second.change.id).toBe(first.change.id);
    expect(second.change.revision).toBe(2);
    expect(second.change).not.toHaveProperty('previousRevision');
    expect(await store.getRevision(first.change.id, 2)).toMatchObject({
      previousRevision: 1,
      severity: 'critical',
    });
    expect(await store.getRevision(first.change.id, 1)).toMatchObject({ severity: 'high' });
  });

  it('sets previousRevision to the latest stored revision when revisions are skipped', async () => {
    const input = policyChangeInputFixture();
    await store.ingest(input, T0);
    const fifth = await store.ingest({ ...input, revision: 5 }, T0);
    expect(fifth).toMatchObject({ kind: 'created', previousRevision: 1 });
  });

  it('refuses an unstored revision below the latest (409 stale-revision) but still answers stored ones', async () => {
    const input = policyChangeInputFixture();
    const first = await store.ingest(input, T0);
    await store.ingest({ ...input, revision: 3 }, T0);

    const error = await rejection(store.ingest({ ...input, revision: 2 }, T0));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ status: 409, type: 'stale-revision' });
    expect(await store.getRevision(first.change.id, 2)).toBeUndefined();

    expect((await store.ingest(input, T0)).kind).toBe('duplicate');
  });

  it('keeps sources apart: the same sourceRef from another source is a new change', async () => {
    const input = policyChangeInputFixture();
    const first = await store.ingest(input, T0);
    const other = await store.ingest({ ...input, source: 'federal-register' }, T0);
    expect(other.kind).toBe('created');
    expect(other.change.id).not.toBe(first.change.id);
  });

  it('creates exactly one change when five identical ingests race', async () => {
    const input = policyChangeInputFixture();
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => store.ingest({ ...input }, T0)));

    expect(outcomes.filter((o) => o.kind === 'created')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'duplicate')).toHaveLength(4);
    expect(new Set(outcomes.map((o) => o.change.id)).size).toBe(1);
    const id = outcomes[0]?.change.id ?? '';
    expect((await store.getLatest(id))?.revision).toBe(1);
  });

  it('creates exactly one higher revision when five identical updates race', async () => {
    const input = policyChangeInputFixture();
    const first = await store.ingest(input, T0);
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => store.ingest({ ...input, revision: 2 }, T0)),
    );
    expect(outcomes.filter((o) => o.kind === 'created')).toHaveLength(1);
    expect(outcomes.every((o) => o.change.id === first.change.id)).toBe(true);
  });
});

describe('PolicyChangeStore reads', () => {
  it('getLatest returns the highest revision, comparing numbers not strings (10 after 9)', async () => {
    const input = policyChangeInputFixture();
    const first = await store.ingest(input, T0);
    await store.ingest({ ...input, revision: 9 }, T0);
    await store.ingest({ ...input, revision: 10, title: 'Tenth revision' }, T0);

    const latest = await store.getLatest(first.change.id);
    expect(latest).toMatchObject({ id: first.change.id, revision: 10, title: 'Tenth revision' });
    expect(latest).not.toHaveProperty('contentHash');
    expect(latest).not.toHaveProperty('previousRevision');
  });

  it('getLatest and getRevision answer undefined for unknown changes and revisions', async () => {
    expect(await store.getLatest('pc_unknown')).toBeUndefined();
    const created = await store.ingest(policyChangeInputFixture(), T0);
    expect(await store.getRevision(created.change.id, 2)).toBeUndefined();
  });

  it('markMatched completes the revision with its count and time, and only that revision', async () => {
    const input = policyChangeInputFixture();
    const first = await store.ingest(input, T0);
    await store.ingest({ ...input, revision: 2 }, T0);
    const done = new Date(T0.getTime() + 5_000);
    await store.markMatched(first.change.id, 2, 7, done);

    expect((await store.getRevision(first.change.id, 2))?.matching).toEqual({
      status: 'completed',
      matchedSubscriptions: 7,
      completedAt: done.toISOString(),
    });
    expect((await store.getRevision(first.change.id, 1))?.matching.status).toBe('pending');
  });

  it('markMatched refuses a revision that is not stored instead of creating it', async () => {
    await expect(store.markMatched('pc_unknown', 1, 0)).rejects.toThrow();
    expect(await store.getRevision('pc_unknown', 1)).toBeUndefined();
  });
});
