import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { LoggingNotifier } from '../../shared/delivery/notify/notifier.js';
import { InProcessQueue } from '../../shared/delivery/queue/in-process-queue.js';
import { newId } from '../../shared/kernel/ids.js';
import { matchPolicyChange } from '../../shared/matching/matcher.js';
import { defaultCatalogue } from '../../shared/model/catalogue.js';
import { recoverStuckWork } from '../../shared/operations/recovery.js';
import { ALERT_CREATION_WINDOW_MS, refOf } from '../../shared/store/delivery-store.js';
import { keys } from '../../shared/store/keys.js';
import { documentClient } from '../../shared/store/table.js';
import { policyChangeInputFixture, subscriptionFixture } from '../store/fixtures.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';

const galliumChange = () => policyChangeInputFixture({ materials: ['gallium'] });

const deliveriesOf = async (table: TestTable, subscriptionId: string) =>
  (await table.deliveries.listBySubscription(subscriptionId)).items;

/**
 * Local mode's sweep runs beside its own matcher: a revision that the process is still matching
 * (a large fan-out can take longer than the grace) is not stuck, and a second run beside the first
 * is how an alert came to be sent twice.
 */
describe('recovery beside a matcher run still going', () => {
  it('leaves the revision this process is matching alone, and rematches it once that run is gone', async () => {
    const table = await createTestTable();
    // Never started: it only holds what the matcher queues.
    const queue = new InProcessQueue();
    const matcher = {
      changes: table.changes,
      subscriptions: table.subscriptions,
      deliveries: table.deliveries,
      queue,
      notifier: new LoggingNotifier(() => {}),
      catalogue: defaultCatalogue,
      clock: () => new Date(),
    };
    const { change } = await table.changes.ingest(galliumChange());
    const deps = { matcher, deliveries: table.deliveries, queue, clock: () => new Date() };
    const matchingNow = new Set([`${change.id}#1`]);
    const isMatching = (id: string, revision: number) => matchingNow.has(`${id}#${revision}`);

    expect(await recoverStuckWork({ ...deps, isMatching }, { graceMs: 0 })).toMatchObject({ rematched: 0 });
    expect(await table.changes.pendingMatching(new Date().toISOString())).toEqual([
      { policyChangeId: change.id, revision: 1 },
    ]);

    matchingNow.clear();
    expect(await recoverStuckWork({ ...deps, isMatching }, { graceMs: 0 })).toMatchObject({ rematched: 1 });
    expect(await table.changes.pendingMatching(new Date().toISOString())).toEqual([]);
  });

  it('a rerun beside a creator still writing leaves the revision pending, and a later run finishes it', async () => {
    const now = { value: new Date() };
    const clock = () => now.value;
    const table = await createTestTable({ clock });
    const subscription = subscriptionFixture({ id: newId('sub'), filters: { materials: ['gallium'] } });
    await table.subscriptions.create(subscription);
    // Consuming, so that a run's new deliveries have their first attempt (here: nothing to send).
    const queue = new InProcessQueue();
    queue.start(async () => ({ kind: 'done' }));
    const matcher = {
      changes: table.changes,
      subscriptions: table.subscriptions,
      deliveries: table.deliveries,
      queue,
      notifier: new LoggingNotifier(() => {}),
      catalogue: defaultCatalogue,
      clock,
    };
    const { change } = await table.changes.ingest(galliumChange());
    const revision = { policyChangeId: change.id, revision: 1 };
    // The first run wrote the alert; its delivery is not written yet (or the run died there).
    expect(await matchPolicyChange(matcher, revision)).toMatchObject({ alertsCreated: 1 });
    const [delivery] = await deliveriesOf(table, subscription.id);
    if (!delivery) throw new Error('the first run wrote a delivery');
    // As the first run would have left things midway: its revision still pending, no delivery yet.
    const doc = documentClient(table.client);
    await doc.send(new DeleteCommand({ TableName: table.tableName, Key: keys.delivery(refOf(delivery)) }));
    await doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.changeRevision(change.id, 1),
        UpdateExpression: 'SET gsi2pk = :pk, gsi2sk = :sk REMOVE matching',
        ExpressionAttributeValues: {
          ':pk': keys.pendingMatching(),
          ':sk': `${now.value.toISOString()}#${change.id}`,
        },
      }),
    );
    const pending = async () => (await table.changes.pendingMatching('9999-12-31T00:00:00.000Z')).length;
    expect(await pending()).toBe(1);

    expect(await matchPolicyChange(matcher, revision)).toMatchObject({ alertsCreated: 0, alertsDeferred: 1 });
    expect(await deliveriesOf(table, subscription.id)).toEqual([]);
    expect(await pending()).toBe(1);

    now.value = new Date(now.value.getTime() + ALERT_CREATION_WINDOW_MS);
    const finished = await matchPolicyChange(matcher, revision);
    expect(finished).toMatchObject({ alertsCreated: 0, deliveriesEnqueued: 1 });
    expect(finished.alertsDeferred).toBeUndefined();
    expect((await deliveriesOf(table, subscription.id)).map((d) => d.id)).toEqual([delivery.id]);
    expect(await pending()).toBe(0);
  });
});
