import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/kernel/errors.js';
import { newId } from '../../shared/kernel/ids.js';
import { buildAlert } from '../../shared/matching/build-alert.js';
import {
  type DeliveryStore,
  deliveryId,
  openShard,
  parseDeliveryId,
  QUEUED_LEASE_MS,
} from '../../shared/store/delivery-store.js';
import { OPEN_SHARDS } from '../../shared/store/keys.js';
import { documentClient } from '../../shared/store/table.js';
import { createTestTable } from '../support/dynamodb.js';
import { alertFixture, at, attempt, dueAmong, store, useDeliveryStore } from './delivery-store-setup.js';
import { policyChangeFixture, T0 } from './fixtures.js';

// Reading deliveries back: per subscription, the open-work index the sweep reads, an alert's recipients.
// Writes: delivery-store-writes.test.ts.
useDeliveryStore();

describe('DeliveryStore reads', () => {
  it('lists a subscription\u2019s deliveries newest first, paging with the cursor', async () => {
    const subscriptionId = newId('sub');
    const alerts = Array.from({ length: 5 }, (_, i) =>
      alertFixture({ subscriptionId, revision: i + 1, now: new Date(T0.getTime() + i * 60_000) }),
    );
    for (const alert of alerts) await store.createAlert(alert, ['webhook']);
    await store.createAlert(alertFixture({ now: new Date(T0.getTime() + 10 * 60_000) }), ['webhook']);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.listBySubscription(subscriptionId, {
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);

    const newestFirst = alerts.map((alert) => deliveryId(alert.alertId, 'webhook')).reverse();
    expect(seen).toEqual(newestFirst);
    expect(pages).toBe(3);
  });

  it('orders a subscription\u2019s deliveries by creation time across alerts with several channels', async () => {
    const subscriptionId = newId('sub');
    const older = alertFixture({ subscriptionId, revision: 1, now: T0 });
    const newer = alertFixture({ subscriptionId, revision: 2, now: new Date(T0.getTime() + 1000) });
    await store.createAlert(newer, ['webhook', 'sms']);
    await store.createAlert(older, ['webhook', 'sms']);

    const { items, nextCursor } = await store.listBySubscription(subscriptionId);
    expect(items.map((d) => d.alertId)).toEqual([newer.alertId, newer.alertId, older.alertId, older.alertId]);
    expect(nextCursor).toBeUndefined();
  });

  it('refuses a cursor from another subscription or a malformed one with a ValidationError', async () => {
    const subscriptionId = newId('sub');
    for (let i = 0; i < 2; i++) {
      await store.createAlert(alertFixture({ subscriptionId, revision: i + 1 }), ['webhook']);
    }
    const { nextCursor } = await store.listBySubscription(subscriptionId, { limit: 1 });
    if (!nextCursor) throw new Error('a second page exists');

    await expect(store.listBySubscription(newId('sub'), { cursor: nextCursor })).rejects.toBeInstanceOf(
      ValidationError,
    );
    for (const cursor of [
      'not-a-cursor',
      Buffer.from('{"pk":1}').toString('base64url'),
      Buffer.from('[]').toString('base64url'),
    ]) {
      await expect(store.listBySubscription(subscriptionId, { cursor })).rejects.toBeInstanceOf(
        ValidationError,
      );
    }
  });

  it('lists nothing for a subscription without deliveries', async () => {
    expect(await store.listBySubscription(newId('sub'))).toEqual({ items: [] });
  });

  it.each([
    ['an empty string', ''],
    ['a subscription id', 'sub_0m8abc123'],
    ['a short hash', 'dlv_abc123_webhook'],
    ['an unknown channel', `dlv_${'a'.repeat(32)}_fax`],
    ['upper-case hex', `dlv_${'A'.repeat(32)}_webhook`],
    ['trailing text', `dlv_${'a'.repeat(32)}_webhook_extra`],
    ['a key-injection attempt', `dlv_${'a'.repeat(32)}_webhook#DELIVERY`],
  ])('getDelivery answers undefined for a malformed id (%s)', async (_name, id) => {
    expect(parseDeliveryId(id)).toBeUndefined();
    expect(await store.getDelivery(id)).toBeUndefined();
  });

  it('getDelivery answers undefined for a well-formed id that is not stored', async () => {
    expect(await store.getDelivery(deliveryId(alertFixture().alertId, 'sms'))).toBeUndefined();
  });

  it('deliveryId and parseDeliveryId are inverses', () => {
    const alert = alertFixture();
    expect(parseDeliveryId(deliveryId(alert.alertId, 'email'))).toEqual({
      alertId: alert.alertId,
      channel: 'email',
    });
  });
});

describe('DeliveryStore open-work index (gsi2)', () => {
  // Times before T0, so the other tests' deliveries in this table are not yet due here.
  const T = new Date('2024-01-01T00:00:00.000Z');

  it("a created delivery is the queue's for QUEUED_LEASE_MS, then due for the sweep; one entry per channel", async () => {
    const alert = alertFixture({ now: T });
    const { toSend } = await store.createAlert(alert, ['webhook', 'sms', 'email']);
    const ids = toSend.map((d) => d.id);
    const leaseEnd = at(T, QUEUED_LEASE_MS);

    // Backlog waiting its turn in the queue is not stuck work.
    expect(await dueAmong(ids, T)).toEqual([]);
    expect(await dueAmong(ids, at(leaseEnd, -1))).toEqual([]);
    const due = await dueAmong(ids, leaseEnd);
    expect(due.map((d) => d.deliveryId).sort()).toEqual([...ids].sort());
    expect(due.every((d) => d.dueAt === leaseEnd.toISOString())).toBe(true);
  });

  it('a delivery held by an open circuit is due only when the hold ends, and shows the hold', async () => {
    const [delivery] = (await store.createAlert(alertFixture({ now: T }), ['webhook'])).toSend;
    if (!delivery) throw new Error('the delivery was created');
    const until = at(T, 60_000);

    await store.hold(delivery, {
      reason: 'circuit-open',
      since: T.toISOString(),
      until: until.toISOString(),
    });

    expect(await dueAmong([delivery.id], at(until, -1))).toEqual([]);
    expect(await dueAmong([delivery.id], until)).toEqual([
      { deliveryId: delivery.id, dueAt: until.toISOString() },
    ]);
    expect((await store.getDelivery(delivery.id))?.heldBy).toEqual({
      reason: 'circuit-open',
      since: T.toISOString(),
      until: until.toISOString(),
    });
    // The attempt that follows ends the hold.
    const recorded = await store.recordAttempt(delivery, attempt(0, 200), { status: 'delivered' });
    expect(recorded).not.toHaveProperty('heldBy');
  });

  it.each([
    ['delivered', { status: 'delivered' as const }],
    ['dead after an attempt', { status: 'dead' as const, deadReason: 'gave up after 8 attempts' }],
  ])('a %s delivery leaves the index', async (_label, outcome) => {
    const [delivery] = (await store.createAlert(alertFixture({ now: T }), ['webhook'])).toSend;
    if (!delivery) throw new Error('the delivery was created');

    await store.recordAttempt(delivery, attempt(0, 200), outcome);

    expect(await dueAmong([delivery.id], at(T, 366 * 86_400_000))).toEqual([]);
  });

  it('a delivery marked dead without an attempt leaves the index', async () => {
    const [delivery] = (await store.createAlert(alertFixture({ now: T }), ['sms'])).toSend;
    if (!delivery) throw new Error('the delivery was created');
    await store.markDead(delivery, 'sms removed from the subscription', T);
    expect(await dueAmong([delivery.id], at(T, 86_400_000))).toEqual([]);
  });

  it('a failed delivery is due again only once its nextAttemptAt has passed', async () => {
    const [delivery] = (await store.createAlert(alertFixture({ now: T }), ['webhook'])).toSend;
    if (!delivery) throw new Error('the delivery was created');
    const next = at(T, 5 * 60_000);

    await store.recordAttempt(
      delivery,
      { at: T.toISOString(), durationMs: 5, statusCode: 503 },
      {
        status: 'failed',
        nextAttemptAt: next.toISOString(),
      },
    );

    expect(await dueAmong([delivery.id], at(T, 60_000))).toEqual([]);
    expect(await dueAmong([delivery.id], at(next, -1))).toEqual([]);
    expect(await dueAmong([delivery.id], next)).toEqual([
      { deliveryId: delivery.id, dueAt: next.toISOString() },
    ]);
  });

  it('spreads deliveries over the shards and finds them in all of them; limit caps the answer', async () => {
    const subscriptionId = newId('sub');
    const ids: string[] = [];
    for (let revision = 1; revision <= 24; revision++) {
      const { toSend } = await store.createAlert(alertFixture({ subscriptionId, revision, now: T }), [
        'webhook',
      ]);
      ids.push(...toSend.map((d) => d.id));
    }

    expect(new Set(ids.map(openShard)).size).toBeGreaterThan(1);
    expect(ids.every((id) => openShard(id) >= 0 && openShard(id) < OPEN_SHARDS)).toBe(true);
    const leaseEnd = at(T, QUEUED_LEASE_MS);
    expect((await dueAmong(ids, leaseEnd)).map((d) => d.deliveryId).sort()).toEqual([...ids].sort());
    expect(await store.dueDeliveries(leaseEnd.toISOString(), 5)).toHaveLength(5);
  });
});

describe('DeliveryStore open-work index with a durable queue (SQS)', () => {
  const T = new Date('2024-02-01T00:00:00.000Z');
  let durable: DeliveryStore;

  beforeAll(async () => {
    durable = (
      await createTestTable({ clock: () => new Date('2023-12-31T00:00:00.000Z'), durableQueue: true })
    ).deliveries;
  });

  const dueIn = async (ids: readonly string[]) =>
    (await durable.dueDeliveries(at(T, 366 * 86_400_000).toISOString()))
      .map((d) => d.deliveryId)
      .filter((id) => ids.includes(id));

  it('a new delivery waits in the queue, not in the index; a failed one enters it, a delivered one never does', async () => {
    const { toSend } = await durable.createAlert(alertFixture({ now: T }), ['webhook', 'sms']);
    const [webhook, sms] = toSend;
    if (!webhook || !sms) throw new Error('both deliveries were created');
    expect(await dueIn([webhook.id, sms.id])).toEqual([]);

    await durable.recordAttempt(webhook, attempt(0, 503), {
      status: 'failed',
      nextAttemptAt: at(T, 60_000).toISOString(),
    });
    await durable.recordAttempt(sms, attempt(0), { status: 'delivered' });
    expect(await dueIn([webhook.id, sms.id])).toEqual([webhook.id]);

    await durable.recordAttempt(webhook, attempt(60, 200), { status: 'delivered' });
    expect(await dueIn([webhook.id, sms.id])).toEqual([]);
  });

  it('a reopened delivery enters the index, due when the replay is', async () => {
    const [delivery] = (await durable.createAlert(alertFixture({ now: T }), ['webhook'])).toSend;
    if (!delivery) throw new Error('the delivery was created');
    const delivered = await durable.recordAttempt(delivery, attempt(0, 200), { status: 'delivered' });
    if (!delivered) throw new Error('the attempt was recorded');
    const reopened = await durable.reopen(delivered, at(T, 1000));
    expect(reopened?.status).toBe('pending');
    expect(await dueIn([delivery.id])).toEqual([delivery.id]);
  });
});

describe('DeliveryStore.recipientsOf', () => {
  it('names every subscription with an alert about the change once, from one record per batch', async () => {
    const table = await createTestTable({ clock: () => new Date('2023-12-31T00:00:00.000Z') });
    const change = policyChangeFixture({ id: newId('pc') });
    const alertFor = (subscriptionId: string, revision = 1) =>
      buildAlert({
        change: { ...change, revision },
        subscriptionId,
        subscriberId: 'sbr_acme',
        type: revision === 1 ? 'policy_change.published' : 'policy_change.updated',
        match: { materials: [{ change: 'dysprosium', filter: 'rare-earths' }] },
        now: T0,
      });
    const first = Array.from({ length: 24 }, () => alertFor(newId('sub')));
    const second = [alertFor(newId('sub')), alertFor(first[0]?.subscriptionId ?? '', 2)];
    await table.deliveries.createAlerts(first.map((alert) => ({ alert, channels: ['webhook'] })));
    await table.deliveries.createAlerts(second.map((alert) => ({ alert, channels: ['webhook'] })));
    // A matcher rerun over the same batch writes nothing new.
    await table.deliveries.createAlerts(first.map((alert) => ({ alert, channels: ['webhook'] })));

    const expected = [...first, ...second].map((alert) => alert.subscriptionId);
    expect((await table.deliveries.recipientsOf(change.id)).sort()).toEqual([...new Set(expected)].sort());
    expect(await table.deliveries.recipientsOf(newId('pc'))).toEqual([]);

    const items = await documentClient(table.client).send(
      new ScanCommand({ TableName: table.tableName, ConsistentRead: true }),
    );
    const records = (items.Items ?? []).filter((item) => item.entity === 'recipients');
    expect(records).toHaveLength(2);
    expect(records.every((item) => typeof item.ttl === 'number')).toBe(true);
    // The alert bodies carry no index keys: a recipient costs no write unit per alert.
    const alerts = (items.Items ?? []).filter((item) => item.entity === 'alert');
    expect(alerts).toHaveLength(26);
    expect(alerts.some((item) => 'gsi2pk' in item)).toBe(false);
  });
});

describe('DeliveryStore.listSince', () => {
  it('lists the subscription’s deliveries created at or after the time, oldest first', async () => {
    const subscriptionId = newId('sub');
    const alerts = [0, 1, 2].map((i) =>
      alertFixture({ subscriptionId, revision: i + 1, now: at(T0, i * 60_000) }),
    );
    for (const alert of [...alerts].reverse()) await store.createAlert(alert, ['webhook', 'sms']);
    await store.createAlert(alertFixture({ now: at(T0, 60_000) }), ['webhook']);

    const since = await store.listSince(subscriptionId, at(T0, 60_000).toISOString());

    expect(since.map((d) => d.alertId)).toEqual([
      alerts[1]?.alertId,
      alerts[1]?.alertId,
      alerts[2]?.alertId,
      alerts[2]?.alertId,
    ]);
    expect(since.every((d) => d.subscriptionId === subscriptionId)).toBe(true);
    expect(await store.listSince(subscriptionId, at(T0, 3 * 60_000).toISOString())).toEqual([]);
    expect(await store.listSince(subscriptionId, T0.toISOString())).toHaveLength(6);
  });
});
