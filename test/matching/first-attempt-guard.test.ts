import { describe, expect, it } from 'vitest';
import type { DeliveryMessage, DeliveryQueue } from '../../shared/delivery/queue/delivery-queue.js';
import { newId } from '../../shared/kernel/ids.js';
import { matchPolicyChange } from '../../shared/matching/matcher.js';
import { defaultCatalogue } from '../../shared/model/catalogue.js';
import { policyChangeInputFixture, subscriptionFixture } from '../store/fixtures.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';
import { RecordingNotifier } from '../support/recording.js';

/**
 * Where the queue dies with its process (local mode), a revision's new deliveries are not put on
 * the open-work index: the revision stays pending until each has had its first attempt, and a
 * rerun of the revision (the sweep's, after a restart) sends what was never attempted.
 */

/** A queue that keeps its messages and answers each watch when told to. */
function watchingQueue() {
  const sent: DeliveryMessage[] = [];
  const watches: { ids: readonly string[]; settle: (attempted: boolean) => void }[] = [];
  const queue: DeliveryQueue = {
    enqueue: async (messages) => {
      sent.push(...messages);
    },
    watchAttempts: (ids) => new Promise((settle) => watches.push({ ids, settle })),
  };
  return { queue, sent, watches };
}

async function revisionMatching(subscriptions: number) {
  const table = await createTestTable();
  for (let n = 0; n < subscriptions; n++) {
    await table.subscriptions.create(
      subscriptionFixture({ id: newId('sub'), filters: { materials: ['gallium'] } }),
    );
  }
  const { change } = await table.changes.ingest(policyChangeInputFixture({ materials: ['gallium'] }));
  return { table, revision: { policyChangeId: change.id, revision: change.revision } };
}

const depsOf = (table: TestTable, queue: DeliveryQueue) => ({
  changes: table.changes,
  subscriptions: table.subscriptions,
  deliveries: table.deliveries,
  queue,
  notifier: new RecordingNotifier(),
  catalogue: defaultCatalogue,
  clock: () => new Date(),
});

const stillPending = async (table: TestTable) =>
  (await table.changes.pendingMatching('9999-12-31T00:00:00.000Z')).length;
const indexed = async (table: TestTable) =>
  (await table.deliveries.dueDeliveries('9999-12-31T00:00:00.000Z')).length;

/** How long to wait for the queue and the matcher: long enough for a loaded machine. */
const POLL = { timeout: 20_000 };

describe('a revision guarded by its first attempts', () => {
  it('writes no open-work entry for the new deliveries, and is marked matched once each was attempted', async () => {
    const { table, revision } = await revisionMatching(12);
    const { queue, sent, watches } = watchingQueue();

    const run = matchPolicyChange(depsOf(table, queue), revision);
    await expect.poll(() => sent.length, POLL).toBe(12);
    // Every message is watched, in the queue's batches of ten.
    await expect.poll(() => watches.flatMap((w) => w.ids).length, POLL).toBe(12);
    expect(await indexed(table)).toBe(0);
    expect(await stillPending(table)).toBe(1);

    for (const watch of watches) watch.settle(true);
    expect(await run).toMatchObject({ alertsCreated: 12, deliveriesEnqueued: 12 });
    expect(await stillPending(table)).toBe(0);
  });

  it('a queue that stops first leaves the revision pending; the rerun sends what was never attempted', async () => {
    const { table, revision } = await revisionMatching(3);
    const first = watchingQueue();
    const run = matchPolicyChange(depsOf(table, first.queue), revision);
    await expect.poll(() => first.watches.length, POLL).toBe(1);
    first.watches[0]?.settle(false);
    expect(await run).toMatchObject({ alertsCreated: 3, queueStopped: true });
    expect(await stillPending(table)).toBe(1);

    // After the restart: the same ids, each handed to the new queue as a first message.
    const second = watchingQueue();
    const rerun = matchPolicyChange(depsOf(table, second.queue), revision);
    await expect.poll(() => second.watches.length, POLL).toBe(1);
    second.watches[0]?.settle(true);
    expect(await rerun).toMatchObject({ alertsCreated: 0, deliveriesEnqueued: 3 });
    expect(second.sent.map((m) => m.deliveryId).sort()).toEqual(first.sent.map((m) => m.deliveryId).sort());
    expect(second.sent.every((m) => m.firstAttempt === true)).toBe(true);
    expect(await stillPending(table)).toBe(0);
  });

  it('without a watching queue, new deliveries are on the open-work index at once (local reminders, tests)', async () => {
    const { table, revision } = await revisionMatching(2);
    const sent: DeliveryMessage[] = [];
    await matchPolicyChange(
      depsOf(table, {
        enqueue: async (messages) => {
          sent.push(...messages);
        },
      }),
      revision,
    );
    expect(sent).toHaveLength(2);
    expect(await indexed(table)).toBe(2);
    expect(await stillPending(table)).toBe(0);
  });
});
