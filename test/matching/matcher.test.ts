import { beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryMessage } from '../../shared/delivery/queue/delivery-queue.js';
import { derivedId } from '../../shared/kernel/ids.js';
import { type MatcherDeps, MatcherError, matchPolicyChange } from '../../shared/matching/matcher.js';
import { defaultCatalogue } from '../../shared/model/catalogue.js';
import type { Alert, EventType } from '../../shared/model/delivery.js';
import type { PolicyChangeInput } from '../../shared/model/policy-change.js';
import type { Subscription } from '../../shared/model/subscription.js';
import { deliveryId } from '../../shared/store/delivery-store.js';
import { policyChangeInputFixture, subscriptionFixture, T0 } from '../store/fixtures.js';
import { alertItems, createTestTable, type TestTable } from '../support/dynamodb.js';
import { RecordingNotifier } from '../support/recording.js';

interface Harness {
  table: TestTable;
  deps: MatcherDeps;
  sent: DeliveryMessage[];
  notifier: RecordingNotifier;
}

async function harness(): Promise<Harness> {
  // Stores read as of T0, the harness's clock, so the fixtures' alerts are not expired.
  const table = await createTestTable({ clock: () => T0 });
  const sent: DeliveryMessage[] = [];
  const notifier = new RecordingNotifier();
  const deps: MatcherDeps = {
    changes: table.changes,
    subscriptions: table.subscriptions,
    deliveries: table.deliveries,
    queue: {
      enqueue: async (messages) => {
        sent.push(...messages);
      },
    },
    notifier,
    catalogue: defaultCatalogue,
    clock: () => T0,
  };
  return { table, deps, sent, notifier };
}

function alertCounts(alerts: Alert[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const alert of alerts) {
    const key = [alert.policyChangeId, alert.revision, alert.subscriptionId, alert.type].join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

const alertIdOf = (policyChangeId: string, revision: number, subscriptionId: string, type: EventType) =>
  derivedId('alrt', policyChangeId, revision, subscriptionId, type);

describe('matchPolicyChange on DynamoDB Local', () => {
  let h: Harness;
  let input: PolicyChangeInput;
  let changeId: string;
  let firstRunMessages: DeliveryMessage[];

  // A CN export ban on dysprosium for the US and the EU, severity high.
  const change: Partial<PolicyChangeInput> = {
    materials: ['dysprosium'],
    issuingRegion: 'CN',
    affectedRegions: ['US', 'EU'],
    changeType: 'export-ban',
    severity: 'high',
  };

  const { webhook: _webhook, ...withoutWebhook } = subscriptionFixture();
  const subs = {
    rareEarths: subscriptionFixture({ name: 'all rare earths', filters: { materials: ['rare-earths'] } }),
    dysprosiumDe: subscriptionFixture({
      name: 'dysprosium to Germany, webhook and sms',
      filters: { materials: ['dysprosium'], affectedRegions: ['DE'] },
      sms: ['+4915112345678'],
    }),
    banAnything: {
      ...withoutWebhook,
      id: 'sub_ban_anything',
      name: 'any material, export bans, by e-mail',
      filters: { materials: ['*'], changeTypes: ['export-ban'] },
      email: ['compliance@example.com'],
    } satisfies Subscription,
    criticalOnly: subscriptionFixture({
      name: 'anything critical',
      filters: { materials: ['*'], minSeverity: 'critical' },
    }),
    usIssued: subscriptionFixture({
      name: 'US rules on heavy rare earths',
      filters: { materials: ['heavy-rare-earths'], issuingRegions: ['US'] },
    }),
    paused: subscriptionFixture({
      name: 'paused dysprosium',
      filters: { materials: ['dysprosium'] },
      status: 'paused',
    }),
    gallium: subscriptionFixture({ name: 'gallium only', filters: { materials: ['gallium'] } }),
  };

  beforeAll(async () => {
    h = await harness();
    for (const subscription of Object.values(subs)) await h.table.subscriptions.create(subscription);
    input = policyChangeInputFixture(change);
    const outcome = await h.table.changes.ingest(input, T0);
    changeId = outcome.change.id;
  });

  it('alerts exactly the matching active subscriptions on the first revision, as published', async () => {
    const report = await matchPolicyChange(h.deps, { policyChangeId: changeId, revision: 1 });

    expect(report).toEqual({
      policyChangeId: changeId,
      revision: 1,
      type: 'policy_change.published',
      // dysprosium, heavy-rare-earths, rare-earths and * partitions: every subscription but gallium.
      candidates: 6,
      itemsRead: 6,
      matched: 3,
      alertsCreated: 3,
      deliveriesEnqueued: 4,
      alerts: 3,
    });

    const alerts = await alertItems(h.table);
    expect(alerts.map((a) => a.subscriptionId).sort()).toEqual(
      [subs.rareEarths.id, subs.dysprosiumDe.id, subs.banAnything.id].sort(),
    );
    expect(alerts.every((a) => a.type === 'policy_change.published' && a.revision === 1)).toBe(true);

    const dysprosiumDe = alerts.find((a) => a.subscriptionId === subs.dysprosiumDe.id);
    expect(dysprosiumDe?.match).toEqual({
      materials: [{ change: 'dysprosium', filter: 'dysprosium' }],
      affectedRegions: ['DE'],
    });
    expect(JSON.parse(dysprosiumDe?.payload ?? '{}')).toMatchObject({
      type: 'policy_change.published',
      data: { subscriptionId: subs.dysprosiumDe.id, policyChange: { id: changeId, revision: 1 } },
    });

    const expectedDeliveries = [
      deliveryId(alertIdOf(changeId, 1, subs.rareEarths.id, 'policy_change.published'), 'webhook'),
      deliveryId(alertIdOf(changeId, 1, subs.dysprosiumDe.id, 'policy_change.published'), 'webhook'),
      deliveryId(alertIdOf(changeId, 1, subs.dysprosiumDe.id, 'policy_change.published'), 'sms'),
      deliveryId(alertIdOf(changeId, 1, subs.banAnything.id, 'policy_change.published'), 'email'),
    ];
    expect(h.sent.map((m) => m.deliveryId).sort()).toEqual(expectedDeliveries.sort());
    firstRunMessages = [...h.sent];

    expect(h.notifier.operatorAlerts.map((n) => n.attributes.subscriptionId).sort()).toEqual(
      [subs.rareEarths.id, subs.dysprosiumDe.id, subs.banAnything.id].sort(),
    );
    expect(h.notifier.operatorAlerts[0]?.attributes).toMatchObject({
      materials: ['dysprosium'],
      severity: 'high',
      changeType: 'export-ban',
      issuingRegion: 'CN',
    });
  });

  it('gives the paused and the non-matching subscriptions no alert and no delivery', async () => {
    for (const subscription of [subs.paused, subs.gallium, subs.criticalOnly, subs.usIssued]) {
      expect(await h.table.deliveries.listBySubscription(subscription.id)).toEqual({ items: [] });
      expect(
        await h.table.deliveries.getAlert(alertIdOf(changeId, 1, subscription.id, 'policy_change.published')),
      ).toBeUndefined();
    }
  });

  it('marks the revision completed with the number of matched subscriptions', async () => {
    expect((await h.table.changes.getRevision(changeId, 1))?.matching).toEqual({
      status: 'completed',
      matchedSubscriptions: 3,
      alerts: 3,
      completedAt: T0.toISOString(),
    });
  });

  it('creates nothing on a rerun of the same revision and re-enqueues the same pending, unattempted deliveries', async () => {
    const before = await alertItems(h.table);
    h.sent.length = 0;
    const operatorAlertsBefore = h.notifier.operatorAlerts.length;

    const report = await matchPolicyChange(h.deps, { policyChangeId: changeId, revision: 1 });

    expect(report).toMatchObject({ matched: 3, alertsCreated: 0, deliveriesEnqueued: 4 });
    expect(await alertItems(h.table)).toHaveLength(before.length);
    // Crash recovery by design: deliveries nobody attempted yet are handed to the queue again, same ids.
    expect(h.sent.map((m) => m.deliveryId).sort()).toEqual(firstRunMessages.map((m) => m.deliveryId).sort());
    // The operator feed is at least once: alerts whose deliveries go out again are published again.
    expect(h.notifier.operatorAlerts).toHaveLength(operatorAlertsBefore + 3);
  });

  it('does not re-enqueue deliveries that were attempted', async () => {
    const alertId = alertIdOf(changeId, 1, subs.dysprosiumDe.id, 'policy_change.published');
    const webhook = await h.table.deliveries.getDelivery(deliveryId(alertId, 'webhook'));
    if (!webhook) throw new Error('the webhook delivery exists');
    await h.table.deliveries.recordAttempt(
      webhook,
      { at: T0.toISOString(), statusCode: 200, durationMs: 12 },
      { status: 'delivered' },
    );
    h.sent.length = 0;

    const report = await matchPolicyChange(h.deps, { policyChangeId: changeId, revision: 1 });

    expect(report).toMatchObject({ alertsCreated: 0, deliveriesEnqueued: 3 });
    expect(h.sent.map((m) => m.deliveryId)).not.toContain(webhook.id);
    expect(h.sent).toHaveLength(3);
  });

  it('sends policy_change.updated alerts with new ids for a higher revision', async () => {
    // Revision 2 raises the severity: the critical-only subscription now matches too.
    const outcome = await h.table.changes.ingest({ ...input, revision: 2, severity: 'critical' }, T0);
    expect(outcome).toMatchObject({ kind: 'created', previousRevision: 1 });
    expect(outcome.change.id).toBe(changeId);
    h.sent.length = 0;

    const report = await matchPolicyChange(h.deps, { policyChangeId: changeId, revision: 2 });

    expect(report).toMatchObject({
      type: 'policy_change.updated',
      matched: 4,
      alertsCreated: 4,
      deliveriesEnqueued: 5,
    });
    const revision2 = (await alertItems(h.table)).filter((a) => a.revision === 2);
    expect(revision2.map((a) => a.subscriptionId).sort()).toEqual(
      [subs.rareEarths.id, subs.dysprosiumDe.id, subs.banAnything.id, subs.criticalOnly.id].sort(),
    );
    expect(revision2.every((a) => a.type === 'policy_change.updated')).toBe(true);
    const firstIds = new Set(firstRunMessages.map((m) => m.deliveryId));
    expect(h.sent.some((m) => firstIds.has(m.deliveryId))).toBe(false);
    expect(
      revision2.every(
        (a) => a.alertId !== alertIdOf(changeId, 1, a.subscriptionId, 'policy_change.published'),
      ),
    ).toBe(true);
    const body = JSON.parse(revision2[0]?.payload ?? '{}') as { data: { policyChange: object } };
    expect(body).toMatchObject({
      type: 'policy_change.updated',
      data: { policyChange: { id: changeId, revision: 2, severity: 'critical' } },
    });
    // Store bookkeeping stays out of what receivers see.
    for (const internal of ['matching', 'contentHash', 'previousRevision']) {
      expect(body.data.policyChange).not.toHaveProperty(internal);
    }
    expect((await h.table.changes.getRevision(changeId, 2))?.matching).toMatchObject({
      status: 'completed',
      matchedSubscriptions: 4,
    });
  });

  it('keeps exactly one alert item per (change, revision, subscription, type)', async () => {
    await matchPolicyChange(h.deps, { policyChangeId: changeId, revision: 2 });
    await matchPolicyChange(h.deps, { policyChangeId: changeId, revision: 1 });

    const alerts = await alertItems(h.table);
    expect(alerts).toHaveLength(7);
    const counts = alertCounts(alerts);
    expect(counts.size).toBe(7);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
  });

  it('runs the two matchers of one revision concurrently without duplicating alerts', async () => {
    const other = await harness();
    for (const subscription of [subs.rareEarths, subs.dysprosiumDe])
      await other.table.subscriptions.create(subscription);
    const { change: stored } = await other.table.changes.ingest(policyChangeInputFixture(change), T0);

    const reports = await Promise.all([
      matchPolicyChange(other.deps, { policyChangeId: stored.id, revision: 1 }),
      matchPolicyChange(other.deps, { policyChangeId: stored.id, revision: 1 }),
    ]);

    expect(reports.reduce((sum, r) => sum + r.alertsCreated, 0)).toBe(2);
    const alerts = await alertItems(other.table);
    expect(alerts).toHaveLength(2);
    // Each run publishes the alerts whose deliveries it enqueued: at least once per alert.
    const published = new Set(other.notifier.operatorAlerts.map((n) => n.alert.alertId));
    expect(published).toEqual(new Set(alerts.map((a) => a.alertId)));
  });

  it('throws a MatcherError for a revision that is not stored', async () => {
    await expect(
      matchPolicyChange(h.deps, { policyChangeId: changeId, revision: 99 }),
    ).rejects.toBeInstanceOf(MatcherError);
  });
});

describe('matchPolicyChange: batching and reminder runs', () => {
  let h: Harness;
  let changeId: string;
  const fanOut = 23;

  beforeAll(async () => {
    h = await harness();
    for (let i = 0; i < fanOut; i++) {
      await h.table.subscriptions.create(
        subscriptionFixture({ name: `tungsten watcher ${i}`, filters: { materials: ['tungsten'] } }),
      );
    }
    const outcome = await h.table.changes.ingest(
      policyChangeInputFixture({ materials: ['tungsten'], changeType: 'export-ban' }),
      T0,
    );
    changeId = outcome.change.id;
  });

  it('hands deliveries to the queue and alerts to the operator topic in batches of at most 10', async () => {
    const batches: number[] = [];
    const deps: MatcherDeps = {
      ...h.deps,
      queue: {
        enqueue: async (messages) => {
          batches.push(messages.length);
          h.sent.push(...messages);
        },
      },
    };

    const report = await matchPolicyChange(deps, { policyChangeId: changeId, revision: 1 });

    expect(report).toMatchObject({ matched: fanOut, alertsCreated: fanOut, deliveriesEnqueued: fanOut });
    // Full batches while writing, the remainder at the end.
    expect(batches).toEqual([10, 10, 3]);
    expect(new Set(h.sent.map((m) => m.deliveryId)).size).toBe(fanOut);
    expect(h.notifier.operatorBatches.map((batch) => batch.length)).toEqual([10, 10, 3]);
    expect(new Set(h.notifier.operatorAlerts.map((n) => n.alert.alertId)).size).toBe(fanOut);
    expect((await h.table.changes.getRevision(changeId, 1))?.matching.status).toBe('completed');
  });

  it.each([['policy_change.effective_soon'], ['policy_change.expiring_soon']] as const)(
    'a %s run writes alerts of that type, once, and leaves the matching status alone',
    async (type) => {
      const other = await harness();
      const subscription = subscriptionFixture({ filters: { materials: ['tungsten'] } });
      await other.table.subscriptions.create(subscription);
      const { change } = await other.table.changes.ingest(
        policyChangeInputFixture({ materials: ['tungsten'], expiresAt: '2026-04-04T00:00:00.000Z' }),
        T0,
      );

      const report = await matchPolicyChange(other.deps, { policyChangeId: change.id, revision: 1, type });
      const again = await matchPolicyChange(other.deps, { policyChangeId: change.id, revision: 1, type });

      expect(report).toMatchObject({ type, matched: 1, alertsCreated: 1, deliveriesEnqueued: 1 });
      expect(again).toMatchObject({ type, alertsCreated: 0 });
      const alerts = await alertItems(other.table);
      expect(alerts.map((a) => [a.alertId, a.type])).toEqual([
        [alertIdOf(change.id, 1, subscription.id, type), type],
      ]);
      expect(JSON.parse(alerts[0]?.payload ?? '{}')).toMatchObject({ type });
      // Reminders do not complete matching: the revision's own published run still has to happen.
      expect((await other.table.changes.getRevision(change.id, 1))?.matching.status).toBe('pending');
      expect(await other.table.changes.pendingMatching(new Date(T0.getTime() + 1000).toISOString())).toEqual([
        { policyChangeId: change.id, revision: 1 },
      ]);
    },
  );
});
