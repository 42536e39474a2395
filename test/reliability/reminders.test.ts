import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { LoggingNotifier } from '../../shared/delivery/notify/notifier.js';
import type { DeliveryMessage } from '../../shared/delivery/queue/delivery-queue.js';
import type { MatcherDeps } from '../../shared/matching/matcher.js';
import { defaultCatalogue } from '../../shared/model/catalogue.js';
import type { Subscription } from '../../shared/model/subscription.js';
import { sendDueReminders } from '../../shared/operations/reminders.js';
import { ALERT_CREATION_WINDOW_MS, type DeliveryStore } from '../../shared/store/delivery-store.js';
import { policyChangeInputFixture, subscriptionFixture } from '../store/fixtures.js';
import { dyingAfterAlertPuts } from '../support/dying-store.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';

const DAY = 86_400_000;
const T0 = new Date('2026-11-01T09:00:00Z');

describe('effective-soon and expiring-soon reminders across a simulated clock', () => {
  let table: TestTable;
  let clock = T0;
  const queued: DeliveryMessage[] = [];
  let deps: MatcherDeps;

  function subscription(id: string, materials: string[]): Subscription {
    const at = T0.toISOString();
    return {
      id,
      subscriberId: 'sbr_reminders',
      name: id,
      filters: { materials },
      sms: ['+4915112345678'],
      status: 'active',
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
  }

  async function ingest(fields: {
    sourceRef?: string;
    revision?: number;
    effectiveAt?: string;
    expiresAt?: string;
  }) {
    const { change } = await table.changes.ingest(
      {
        source: 'reminder-test',
        sourceRef: fields.sourceRef ?? randomUUID(),
        revision: fields.revision ?? 1,
        title: 'Suspension of rare-earth export controls',
        issuingRegion: 'CN',
        affectedRegions: ['*'],
        materials: ['holmium'],
        changeType: 'suspension',
        severity: 'high',
        ...(fields.effectiveAt ? { effectiveAt: fields.effectiveAt } : {}),
        ...(fields.expiresAt ? { expiresAt: fields.expiresAt } : {}),
      },
      clock,
    );
    return change;
  }

  /** Reminder deliveries per subscription and type, read back from the store. */
  async function reminders(subscriptionId: string) {
    const { items } = await table.deliveries.listBySubscription(subscriptionId);
    return items
      .filter((d) => d.type === 'policy_change.effective_soon' || d.type === 'policy_change.expiring_soon')
      .map((d) => `${d.policyChangeId}:${d.revision}:${d.type}`)
      .sort();
  }

  const run = (at: Date) => {
    clock = at;
    return sendDueReminders(deps, { now: at, leadDays: 7 });
  };

  beforeAll(async () => {
    table = await createTestTable();
    deps = {
      changes: table.changes,
      subscriptions: table.subscriptions,
      deliveries: table.deliveries,
      queue: { enqueue: async (messages) => void queued.push(...messages) },
      notifier: new LoggingNotifier(() => {}),
      catalogue: defaultCatalogue,
      clock: () => clock,
    };
    await table.subscriptions.create(subscription('sub_rare_earths', ['rare-earths']));
    await table.subscriptions.create(subscription('sub_holmium', ['holmium']));
    await table.subscriptions.create(subscription('sub_gallium', ['gallium']));
  });

  it('announces what is within the lead time, once, and never what is further out or past', async () => {
    const change = await ingest({
      effectiveAt: new Date(T0.getTime() + 3 * DAY).toISOString(),
      expiresAt: new Date(T0.getTime() + 10 * DAY).toISOString(),
    });

    await run(T0);
    expect(await reminders('sub_holmium')).toEqual([`${change.id}:1:policy_change.effective_soon`]);
    expect(await reminders('sub_rare_earths')).toEqual([`${change.id}:1:policy_change.effective_soon`]);
    expect(await reminders('sub_gallium')).toEqual([]);

    // The same run again an hour later, and two at once: nothing new.
    await run(new Date(T0.getTime() + 3_600_000));
    await Promise.all([run(new Date(T0.getTime() + 7_200_000)), run(new Date(T0.getTime() + 7_200_000))]);
    expect(await reminders('sub_holmium')).toEqual([`${change.id}:1:policy_change.effective_soon`]);

    // Four days on: in force already (no second effective-soon), expiring in six days.
    await run(new Date(T0.getTime() + 4 * DAY));
    expect(await reminders('sub_holmium')).toEqual([
      `${change.id}:1:policy_change.effective_soon`,
      `${change.id}:1:policy_change.expiring_soon`,
    ]);

    // After expiry, nothing more.
    await run(new Date(T0.getTime() + 11 * DAY));
    expect(await reminders('sub_holmium')).toHaveLength(2);
  });

  it('a late run still sends what is still ahead, and a run after the date sends nothing', async () => {
    clock = T0;
    const soon = await ingest({ expiresAt: new Date(T0.getTime() + 2 * DAY).toISOString() });
    const missed = await ingest({ expiresAt: new Date(T0.getTime() + 1 * DAY).toISOString() });

    // The scheduler was down until 36 hours after T0.
    await run(new Date(T0.getTime() + 1.5 * DAY));
    const sent = await reminders('sub_rare_earths');
    expect(sent).toContain(`${soon.id}:1:policy_change.expiring_soon`);
    expect(sent).not.toContain(`${missed.id}:1:policy_change.expiring_soon`);
  });

  it('follows the latest revision: a corrected date is announced, the superseded one is not', async () => {
    clock = T0;
    const sourceRef = randomUUID();
    const first = await ingest({ sourceRef, expiresAt: new Date(T0.getTime() + 5 * DAY).toISOString() });
    const corrected = await ingest({
      sourceRef,
      revision: 2,
      expiresAt: new Date(T0.getTime() + 6 * DAY).toISOString(),
    });
    expect(corrected.id).toBe(first.id);

    await run(T0);
    const sent = (await reminders('sub_holmium')).filter((r) => r.startsWith(first.id));
    expect(sent).toEqual([`${first.id}:2:policy_change.expiring_soon`]);
  });
});

describe('a reminder run that died between its alerts and their deliveries', () => {
  it('is left unmarked while the alerts are young, and finished once past the creation window', async () => {
    let now = T0;
    const table = await createTestTable({ clock: () => now });
    const subscriptionId = 'sub_reminder_crash';
    await table.subscriptions.create(
      subscriptionFixture({ id: subscriptionId, filters: { materials: ['holmium'] } }),
    );
    await table.changes.ingest(
      policyChangeInputFixture({
        materials: ['holmium'],
        effectiveAt: new Date(T0.getTime() + 3 * DAY).toISOString(),
      }),
      T0,
    );
    const queued: DeliveryMessage[] = [];
    const deps = (deliveries: DeliveryStore): MatcherDeps => ({
      changes: table.changes,
      subscriptions: table.subscriptions,
      deliveries,
      queue: { enqueue: async (messages) => void queued.push(...messages) },
      notifier: new LoggingNotifier(() => {}),
      catalogue: defaultCatalogue,
      clock: () => now,
    });
    // The run dies after the alerts' puts and before their deliveries' batch write lands.
    const dying = dyingAfterAlertPuts(table);
    const effectiveSoon = async () =>
      (await table.deliveries.listBySubscription(subscriptionId)).items.filter(
        (d) => d.type === 'policy_change.effective_soon',
      );

    await expect(sendDueReminders(deps(dying), { now, leadDays: 7 })).rejects.toThrow('the run died');

    // A minute later the writer might still be going: nothing is written, the reminder stays due.
    now = new Date(T0.getTime() + 60_000);
    const early = await sendDueReminders(deps(table.deliveries), { now, leadDays: 7 });
    expect(early.sent.map((s) => s.alertsDeferred)).toEqual([1]);
    expect(await effectiveSoon()).toEqual([]);

    // Past the window the delivery is written and queued, and the reminder is done.
    now = new Date(T0.getTime() + ALERT_CREATION_WINDOW_MS + 60_000);
    const late = await sendDueReminders(deps(table.deliveries), { now, leadDays: 7 });
    expect(late.sent.map((s) => [s.alertsDeferred, s.deliveriesEnqueued])).toEqual([[undefined, 1]]);
    expect((await effectiveSoon()).map((d) => d.status)).toEqual(['pending']);
    expect(queued.map((m) => m.deliveryId)).toEqual((await effectiveSoon()).map((d) => d.id));
    expect((await sendDueReminders(deps(table.deliveries), { now, leadDays: 7 })).sent).toEqual([]);
  });
});
