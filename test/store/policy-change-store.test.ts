import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../shared/kernel/errors.js';
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
      // The defaults a change leaves out are written out: origins and item types.
      originRegions: ['CN'],
      itemTypes: ['goods'],
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
    expect(error).toMatchObject({ kind: 'conflict', type: 'revision-content-mismatch' });
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
    expect(error).toMatchObject({ kind: 'conflict', type: 'stale-revision' });
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

describe('PolicyChangeStore: revisions awaiting matching', () => {
  // Each test ingests at its own early time, so the shared pending partition holds only its revisions there.
  it('lists a revision from its ingestion until markMatched, oldest first, per revision', async () => {
    const at = new Date('2020-01-01T10:00:00.000Z');
    const first = await store.ingest(policyChangeInputFixture(), at);
    const other = await store.ingest(policyChangeInputFixture(), new Date(at.getTime() + 1000));
    const second = await store.ingest(
      {
        ...policyChangeInputFixture({ sourceRef: first.change.sourceRef }),
        revision: 2,
        severity: 'critical',
      },
      new Date(at.getTime() + 2000),
    );
    expect(second.change.id).toBe(first.change.id);
    const pending = (before: number) => store.pendingMatching(new Date(at.getTime() + before).toISOString());

    expect(await pending(-1)).toEqual([]);
    expect(await pending(0)).toEqual([{ policyChangeId: first.change.id, revision: 1 }]);
    expect(await pending(5000)).toEqual([
      { policyChangeId: first.change.id, revision: 1 },
      { policyChangeId: other.change.id, revision: 1 },
      { policyChangeId: first.change.id, revision: 2 },
    ]);
    expect(await store.pendingMatching(new Date(at.getTime() + 5000).toISOString(), 2)).toHaveLength(2);

    await store.markMatched(first.change.id, 1, 3, T0);
    expect(await pending(5000)).toEqual([
      { policyChangeId: other.change.id, revision: 1 },
      { policyChangeId: first.change.id, revision: 2 },
    ]);
    await store.markMatched(other.change.id, 1, 0, T0);
    await store.markMatched(first.change.id, 2, 1, T0);
    expect(await pending(5000)).toEqual([]);
  });

  it('a duplicate ingest does not put a matched revision back on the list', async () => {
    const at = new Date('2020-02-01T10:00:00.000Z');
    const input = policyChangeInputFixture();
    const created = await store.ingest(input, at);
    await store.markMatched(created.change.id, 1, 0, at);

    expect((await store.ingest(input, new Date(at.getTime() + 1000))).kind).toBe('duplicate');

    expect(await store.pendingMatching(new Date(at.getTime() + 5000).toISOString())).toEqual([]);
  });
});

describe('PolicyChangeStore: reminder items', () => {
  it.each([
    ['UTC midnight', '2027-04-04T00:00:00.000Z', '2027-04-04'],
    ['midnight in Beijing is the day before in UTC', '2027-04-04T00:00:00+08:00', '2027-04-03'],
    ['late evening in Washington is the next day in UTC', '2027-04-04T21:30:00-05:00', '2027-04-05'],
    ['the last millisecond of a UTC day', '2027-04-04T23:59:59.999Z', '2027-04-04'],
  ])('files the effective date under its UTC day (%s)', async (_label, effectiveAt, day) => {
    const { change } = await store.ingest(policyChangeInputFixture({ effectiveAt }), T0);

    const mine = (await store.remindersOn(day)).filter((r) => r.policyChangeId === change.id);

    expect(mine).toEqual([
      { kind: 'effective', policyChangeId: change.id, revision: 1, at: new Date(effectiveAt).toISOString() },
    ]);
    for (const neighbour of [-1, 1]) {
      const other = new Date(Date.parse(`${day}T12:00:00.000Z`) + neighbour * 86_400_000)
        .toISOString()
        .slice(0, 10);
      expect((await store.remindersOn(other)).filter((r) => r.policyChangeId === change.id)).toEqual([]);
    }
  });

  it('writes one item per date: effective and expiring, each on its own day; none without dates', async () => {
    const { change } = await store.ingest(
      policyChangeInputFixture({
        effectiveAt: '2027-11-10T00:00:00+08:00',
        expiresAt: '2028-11-10T00:00:00+08:00',
      }),
      T0,
    );
    const { change: undated } = await store.ingest(
      policyChangeInputFixture({ effectiveAt: undefined, expiresAt: undefined }),
      T0,
    );

    expect((await store.remindersOn('2027-11-09')).filter((r) => r.policyChangeId === change.id)).toEqual([
      { kind: 'effective', policyChangeId: change.id, revision: 1, at: '2027-11-09T16:00:00.000Z' },
    ]);
    expect((await store.remindersOn('2028-11-09')).filter((r) => r.policyChangeId === change.id)).toEqual([
      { kind: 'expiring', policyChangeId: change.id, revision: 1, at: '2028-11-09T16:00:00.000Z' },
    ]);
    for (const day of ['2027-11-09', '2028-11-09']) {
      expect((await store.remindersOn(day)).map((r) => r.policyChangeId)).not.toContain(undated.id);
    }
  });

  it('a higher revision gets reminder items of its own, beside the earlier revision’s', async () => {
    const input = policyChangeInputFixture({ expiresAt: '2027-06-01T12:00:00.000Z' });
    const { change } = await store.ingest(input, T0);
    await store.ingest({ ...input, revision: 2, expiresAt: '2027-06-01T18:00:00.000Z' }, T0);

    const mine = (await store.remindersOn('2027-06-01')).filter((r) => r.policyChangeId === change.id);
    expect(mine.map((r) => [r.revision, r.at])).toEqual([
      [1, '2027-06-01T12:00:00.000Z'],
      [2, '2027-06-01T18:00:00.000Z'],
    ]);
  });

  it('markReminded records the first time only, and only for that reminder', async () => {
    const { change } = await store.ingest(
      policyChangeInputFixture({
        effectiveAt: '2027-08-01T08:00:00.000Z',
        expiresAt: '2027-08-01T20:00:00.000Z',
      }),
      T0,
    );
    const mine = async () =>
      (await store.remindersOn('2027-08-01')).filter((r) => r.policyChangeId === change.id);
    const [effective] = (await mine()).filter((r) => r.kind === 'effective');
    if (!effective) throw new Error('no effective reminder');

    await store.markReminded(effective, T0);
    await store.markReminded(effective, new Date(T0.getTime() + 60_000));

    expect(await mine()).toEqual([
      {
        kind: 'effective',
        policyChangeId: change.id,
        revision: 1,
        at: effective.at,
        remindedAt: T0.toISOString(),
      },
      { kind: 'expiring', policyChangeId: change.id, revision: 1, at: '2027-08-01T20:00:00.000Z' },
    ]);
  });

  it('markReminded refuses a reminder that is not stored instead of creating it', async () => {
    const ghost = {
      kind: 'effective' as const,
      policyChangeId: 'pc_ghost',
      revision: 1,
      at: '2027-09-01T00:00:00.000Z',
    };
    await expect(store.markReminded(ghost, T0)).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    expect(await store.remindersOn('2027-09-01')).toEqual([]);
  });
});
