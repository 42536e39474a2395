import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/kernel/errors.js';
import { newId } from '../../shared/kernel/ids.js';
import { buildAlert } from '../../shared/matching/build-alert.js';
import type { Alert, DeliveryAttempt } from '../../shared/model/delivery.js';
import {
  ALERT_CREATION_WINDOW_MS,
  type DeliveryStore,
  deliveryId,
  openShard,
  parseDeliveryId,
  QUEUED_LEASE_MS,
  refOf,
} from '../../shared/store/delivery-store.js';
import { keys, OPEN_SHARDS } from '../../shared/store/keys.js';
import { documentClient } from '../../shared/store/table.js';
import { createTestTable } from '../support/dynamodb.js';
import { policyChangeFixture, T0 } from './fixtures.js';

// One table for the file; every test builds alerts for its own subscription id.
let store: DeliveryStore;

beforeAll(async () => {
  // The fixtures are dated 2024 and 2025: the store reads as of a day before all of them, so none
  // has expired (the retention tests below use their own clock).
  store = (await createTestTable({ clock: () => new Date('2023-12-31T00:00:00.000Z') })).deliveries;
});

function alertFixture(options: { subscriptionId?: string; revision?: number; now?: Date } = {}): Alert {
  return buildAlert({
    change: policyChangeFixture({ revision: options.revision ?? 1 }),
    subscriptionId: options.subscriptionId ?? newId('sub'),
    subscriberId: 'sbr_acme',
    type: 'policy_change.published',
    match: { materials: [{ change: 'dysprosium', filter: 'rare-earths' }] },
    now: options.now ?? T0,
  });
}

function attempt(seconds: number, statusCode?: number, error?: string): DeliveryAttempt {
  return {
    at: new Date(T0.getTime() + seconds * 1000).toISOString(),
    durationMs: 42,
    ...(statusCode !== undefined ? { statusCode } : {}),
    ...(error ? { error } : {}),
  };
}

const idsOf = (deliveries: { id: string }[]) => deliveries.map((d) => d.id).sort();

describe('DeliveryStore.createAlert', () => {
  it('writes the alert and one pending delivery per channel', async () => {
    const alert = alertFixture();
    const result = await store.createAlert(alert, ['webhook', 'sms']);

    expect(result.created).toBe(true);
    expect(idsOf(result.toSend)).toEqual(
      [deliveryId(alert.alertId, 'sms'), deliveryId(alert.alertId, 'webhook')].sort(),
    );
    expect(await store.getAlert(alert.alertId)).toEqual({ ...alert, channels: ['webhook', 'sms'] });
    const stored = await store.deliveriesOfAlert(alert.alertId);
    expect(stored).toHaveLength(2);
    for (const delivery of stored) {
      expect(delivery).toMatchObject({
        alertId: alert.alertId,
        webhookId: alert.webhookId,
        policyChangeId: alert.policyChangeId,
        revision: 1,
        subscriptionId: alert.subscriptionId,
        status: 'pending',
        attempts: [],
      });
    }
    expect(await store.getDelivery(deliveryId(alert.alertId, 'webhook'))).toEqual(
      result.toSend.find((d) => d.channel === 'webhook'),
    );
  });

  it('writes nothing new the second time and returns the still-pending unattempted deliveries', async () => {
    const alert = alertFixture();
    const first = await store.createAlert(alert, ['webhook', 'sms']);
    // A rerun rebuilds the alert later; the stored one must stay as first written.
    const rebuilt = { ...alert, createdAt: new Date(T0.getTime() + 60_000).toISOString() };
    const second = await store.createAlert(rebuilt, ['webhook', 'sms']);

    expect(second.created).toBe(false);
    expect(idsOf(second.toSend)).toEqual(idsOf(first.toSend));
    expect((await store.getAlert(alert.alertId))?.createdAt).toBe(alert.createdAt);
    expect(await store.deliveriesOfAlert(alert.alertId)).toHaveLength(2);

    const webhook = first.toSend.find((d) => d.channel === 'webhook');
    const sms = first.toSend.find((d) => d.channel === 'sms');
    if (!webhook || !sms) throw new Error('both deliveries were created');
    await store.recordAttempt(webhook, attempt(1, 500), { status: 'pending', nextAttemptAt: attempt(6).at });
    expect(idsOf((await store.createAlert(alert, ['webhook', 'sms'])).toSend)).toEqual([sms.id]);

    await store.recordAttempt(sms, attempt(2, 200), { status: 'delivered' });
    expect(await store.createAlert(alert, ['webhook', 'sms'])).toEqual({ created: false, toSend: [] });
  });

  it('does not hand back deliveries that were marked dead before any attempt', async () => {
    const alert = alertFixture();
    const { toSend } = await store.createAlert(alert, ['email']);
    const [email] = toSend;
    if (!email) throw new Error('the email delivery was created');
    await store.markDead(email, 'email removed from the subscription');
    expect((await store.createAlert(alert, ['email'])).toSend).toEqual([]);
  });
});

describe('DeliveryStore.createAlert after a crash between the alert and its deliveries', () => {
  // The alert exists, its delivery does not: the creator's run died, or is still writing.
  async function orphanedAlert(now: { value: Date }) {
    const table = await createTestTable({ clock: () => now.value });
    const alert = alertFixture({ now: T0 });
    const [delivery] = (await table.deliveries.createAlert(alert, ['webhook'])).toSend;
    if (!delivery) throw new Error('the delivery was created');
    await documentClient(table.client).send(
      new DeleteCommand({ TableName: table.tableName, Key: keys.delivery(refOf(delivery)) }),
    );
    return { store: table.deliveries, alert, delivery };
  }

  it('leaves a young alert to its creator, whose write would overwrite a delivery sent meanwhile', async () => {
    const now = { value: new Date(T0.getTime() + ALERT_CREATION_WINDOW_MS - 1000) };
    const { store, alert } = await orphanedAlert(now);

    expect(await store.createAlert(alert, ['webhook'])).toEqual({
      created: false,
      toSend: [],
      deferred: true,
    });
    expect(await store.deliveriesOfAlert(alert.alertId)).toEqual([]);
  });

  it('fills in the missing delivery once past the creator, written once however many runs resume', async () => {
    const now = { value: new Date(T0.getTime() + ALERT_CREATION_WINDOW_MS) };
    const { store, alert, delivery } = await orphanedAlert(now);

    const runs = await Promise.all([1, 2, 3].map(() => store.createAlert(alert, ['webhook'])));
    // Each run may hand it to the queue (the dispatcher's claim sends it once); one wrote it.
    expect(new Set(runs.flatMap((run) => run.toSend.map((d) => d.id)))).toEqual(new Set([delivery.id]));
    const written = await store.deliveriesOfAlert(alert.alertId);
    expect(written).toHaveLength(1);
    const [stored] = written;
    if (!stored) throw new Error('the delivery was filled in');
    await store.recordAttempt(stored, attempt(1, 200), { status: 'delivered' });

    // A later run finds it delivered, and neither sends nor rewrites it.
    expect(await store.createAlert(alert, ['webhook'])).toEqual({ created: false, toSend: [] });
    expect((await store.getDelivery(delivery.id))?.status).toBe('delivered');
  });
});

describe('DeliveryStore.recordAttempt', () => {
  it('appends attempts in order and sets status, next attempt and dead reason from the outcome', async () => {
    const alert = alertFixture();
    const [delivery] = (await store.createAlert(alert, ['webhook'])).toSend;
    if (!delivery) throw new Error('the delivery was created');

    const a1 = attempt(0, 503);
    const a2 = attempt(5, undefined, 'connect ECONNREFUSED');
    const a3 = attempt(305, 500);
    const after1 = await store.recordAttempt(delivery, a1, {
      status: 'pending',
      nextAttemptAt: attempt(5).at,
    });
    expect(after1).toMatchObject({ status: 'pending', attempts: [a1], nextAttemptAt: attempt(5).at });

    const after2 = await store.recordAttempt(delivery, a2, {
      status: 'failed',
      nextAttemptAt: attempt(305).at,
    });
    expect(after2).toMatchObject({
      status: 'failed',
      attempts: [a1, a2],
      nextAttemptAt: attempt(305).at,
      updatedAt: a2.at,
    });

    const after3 = await store.recordAttempt(delivery, a3, {
      status: 'dead',
      deadReason: 'retries exhausted',
    });
    expect(after3).toMatchObject({ status: 'dead', attempts: [a1, a2, a3], deadReason: 'retries exhausted' });
    expect(after3).not.toHaveProperty('nextAttemptAt');

    expect(await store.getDelivery(delivery.id)).toEqual(after3);
  });

  it('clears an old dead reason when a replayed attempt succeeds', async () => {
    const [delivery] = (await store.createAlert(alertFixture(), ['webhook'])).toSend;
    if (!delivery) throw new Error('the delivery was created');
    await store.recordAttempt(delivery, attempt(0, 500), { status: 'dead', deadReason: 'retries exhausted' });
    const replayed = await store.recordAttempt(delivery, attempt(900, 204), { status: 'delivered' });
    expect(replayed?.status).toBe('delivered');
    expect(replayed).not.toHaveProperty('deadReason');
  });

  it('never overwrites delivered with a later failure', async () => {
    const [delivery] = (await store.createAlert(alertFixture(), ['webhook'])).toSend;
    if (!delivery) throw new Error('the delivery was created');
    const success = attempt(0, 200);
    await store.recordAttempt(delivery, success, { status: 'delivered' });

    const late = await store.recordAttempt(delivery, attempt(1, 500), {
      status: 'pending',
      nextAttemptAt: attempt(6).at,
    });
    expect(late).toBeUndefined();
    const stored = await store.getDelivery(delivery.id);
    expect(stored).toMatchObject({ status: 'delivered', attempts: [success] });
    expect(stored).not.toHaveProperty('nextAttemptAt');
  });

  it('answers undefined for a delivery that is not stored, without creating it', async () => {
    const ghost = alertFixture();
    const [delivery] = (await store.createAlert(alertFixture(), ['webhook'])).toSend;
    if (!delivery) throw new Error('the delivery was created');
    const missing = { ...delivery, id: deliveryId(ghost.alertId, 'webhook'), alertId: ghost.alertId };
    expect(await store.recordAttempt(missing, attempt(0, 200), { status: 'delivered' })).toBeUndefined();
    expect(await store.getDelivery(missing.id)).toBeUndefined();
  });
});

describe('DeliveryStore.markDead', () => {
  it('marks a pending delivery dead with its reason and no next attempt', async () => {
    const [delivery] = (await store.createAlert(alertFixture(), ['webhook'])).toSend;
    if (!delivery) throw new Error('the delivery was created');
    await store.recordAttempt(delivery, attempt(0, 500), { status: 'pending', nextAttemptAt: attempt(5).at });
    const now = new Date(T0.getTime() + 10_000);
    await store.markDead(delivery, 'webhook disabled: endpoint answered 410 Gone', now);

    const stored = await store.getDelivery(delivery.id);
    expect(stored).toMatchObject({
      status: 'dead',
      deadReason: 'webhook disabled: endpoint answered 410 Gone',
      updatedAt: now.toISOString(),
    });
    expect(stored?.attempts).toHaveLength(1);
    expect(stored).not.toHaveProperty('nextAttemptAt');
  });

  it('leaves a delivered delivery delivered', async () => {
    const [delivery] = (await store.createAlert(alertFixture(), ['webhook'])).toSend;
    if (!delivery) throw new Error('the delivery was created');
    await store.recordAttempt(delivery, attempt(0, 200), { status: 'delivered' });
    await store.markDead(delivery, 'too late');
    expect(await store.getDelivery(delivery.id)).toMatchObject({ status: 'delivered' });
    expect(await store.getDelivery(delivery.id)).not.toHaveProperty('deadReason');
  });
});

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

/** The open-work index seen from `dueBefore`, narrowed to the given deliveries. */
async function dueAmong(ids: readonly string[], dueBefore: Date) {
  const wanted = new Set(ids);
  return (await store.dueDeliveries(dueBefore.toISOString()))
    .filter((d) => wanted.has(d.deliveryId))
    .map(({ deliveryId, dueAt }) => ({ deliveryId, dueAt }));
}

const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

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

describe('DeliveryStore.claim', () => {
  const T = new Date('2024-02-01T00:00:00.000Z');

  async function pendingDelivery() {
    const [delivery] = (await store.createAlert(alertFixture({ now: T }), ['webhook'])).toSend;
    if (!delivery) throw new Error('the delivery was created');
    return delivery;
  }

  it('is exclusive until the lease ends, then another dispatcher may take over', async () => {
    const delivery = await pendingDelivery();

    expect(await store.claim(delivery, T, 30_000)).toBe(true);
    expect(await store.getDelivery(delivery.id)).toMatchObject({ leaseUntil: at(T, 30_000).toISOString() });
    expect(await store.claim(delivery, T, 30_000)).toBe(false);
    expect(await store.claim(delivery, at(T, 29_999), 30_000)).toBe(false);
    // Taking the lease writes nothing to the open-work index (no index write per attempt): the
    // sweep still sees the delivery due when its queued lease ends, and a message it sends waits out
    // the dispatcher's lease.
    const queuedEnd = at(T, QUEUED_LEASE_MS);
    expect(await dueAmong([delivery.id], queuedEnd)).toEqual([
      { deliveryId: delivery.id, dueAt: queuedEnd.toISOString() },
    ]);
    expect(await store.take(refOf(delivery), at(T, 1000), 30_000)).toEqual({ kind: 'wait', ms: 29_000 });

    expect(await store.claim(delivery, at(T, 30_000), 30_000)).toBe(true);
    expect((await store.getDelivery(delivery.id))?.leaseUntil).toBe(at(T, 60_000).toISOString());
  });

  it('a claim the endpoint could not use is given back: release frees it, hold frees it and notes the hold', async () => {
    const delivery = await pendingDelivery();
    const taken = await store.take(refOf(delivery), T, 30_000);
    if (taken.kind !== 'claimed') throw new Error('the delivery was taken');
    // Another dispatcher's lease is not someone else's to give back.
    await store.release({ ...taken.delivery, leaseUntil: at(T, 1).toISOString() });
    expect(await store.take(refOf(delivery), at(T, 1000), 30_000)).toEqual({ kind: 'wait', ms: 29_000 });

    await store.release(taken.delivery);
    const again = await store.take(refOf(delivery), at(T, 1000), 30_000);
    expect(again.kind).toBe('claimed');
    if (again.kind !== 'claimed') return;

    const until = at(T, 60_000).toISOString();
    await store.hold(again.delivery, { reason: 'circuit-open', since: T.toISOString(), until });
    const held = await store.take(refOf(delivery), at(T, 2000), 30_000);
    expect(held.kind).toBe('claimed');
    if (held.kind === 'claimed') {
      expect(held.delivery.heldBy).toEqual({ reason: 'circuit-open', since: T.toISOString(), until });
      expect(held.delivery.attempts).toEqual([]);
    }
  });

  it('of two dispatchers claiming at once, exactly one wins', async () => {
    const delivery = await pendingDelivery();
    const results = await Promise.all(Array.from({ length: 5 }, () => store.claim(delivery, T, 30_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('recording the attempt ends the lease; the next claim needs the copy with that attempt', async () => {
    const delivery = await pendingDelivery();
    expect(await store.claim(delivery, T, 30_000)).toBe(true);
    const failed = await store.recordAttempt(
      delivery,
      { at: T.toISOString(), durationMs: 5, statusCode: 500 },
      {
        status: 'failed',
        nextAttemptAt: at(T, 5000).toISOString(),
      },
    );
    expect(failed).not.toHaveProperty('leaseUntil');
    if (!failed) throw new Error('the attempt was recorded');

    // A copy read before that attempt is stale: it would send again and number the attempt wrongly.
    expect(await store.claim(delivery, at(T, 5000), 30_000)).toBe(false);
    expect(await store.claim(failed, at(T, 5000), 30_000)).toBe(true);
  });

  it.each([
    ['delivered', { status: 'delivered' as const }],
    ['dead', { status: 'dead' as const, deadReason: 'gave up' }],
  ])('refuses a %s delivery', async (_label, outcome) => {
    const delivery = await pendingDelivery();
    const finished = await store.recordAttempt(delivery, { at: T.toISOString(), durationMs: 5 }, outcome);
    if (!finished) throw new Error('the attempt was recorded');
    expect(await store.claim(finished, at(T, 1000), 30_000)).toBe(false);
  });

  it('refuses a delivery that is not stored, without creating it', async () => {
    const delivery = await pendingDelivery();
    const ghost = alertFixture();
    const missing = { ...delivery, id: deliveryId(ghost.alertId, 'webhook'), alertId: ghost.alertId };
    expect(await store.claim(missing, T, 30_000)).toBe(false);
    expect(await store.getDelivery(missing.id)).toBeUndefined();
  });
});

describe('DeliveryStore.reopen', () => {
  const T = new Date('2024-03-01T00:00:00.000Z');

  it('makes a dead delivery pending and due now, keeping its attempts and counting them as the offset', async () => {
    const [delivery] = (await store.createAlert(alertFixture({ now: T }), ['webhook'])).toSend;
    if (!delivery) throw new Error('the delivery was created');
    await store.recordAttempt(delivery, attempt(0, 500), { status: 'failed', nextAttemptAt: attempt(5).at });
    const dead = await store.recordAttempt(delivery, attempt(5, 500), {
      status: 'dead',
      deadReason: 'gave up',
    });
    if (!dead) throw new Error('the attempt was recorded');
    const now = at(T, 3_600_000);

    const reopened = await store.reopen(dead, now);

    expect(reopened).toMatchObject({
      id: delivery.id,
      webhookId: delivery.webhookId,
      status: 'pending',
      attemptOffset: 2,
      updatedAt: now.toISOString(),
    });
    expect(reopened?.attempts).toEqual(dead.attempts);
    for (const gone of ['deadReason', 'nextAttemptAt', 'leaseUntil'])
      expect(reopened).not.toHaveProperty(gone);
    expect(await store.getDelivery(delivery.id)).toEqual(reopened);
    // Handed to the queue again: the sweep doubts it only after the queued lease.
    expect(await dueAmong([delivery.id], now)).toEqual([]);
    expect(await dueAmong([delivery.id], at(now, QUEUED_LEASE_MS))).toEqual([
      { deliveryId: delivery.id, dueAt: at(now, QUEUED_LEASE_MS).toISOString() },
    ]);
  });

  it('reopens a delivered one too (a replay on request) and releases a lease', async () => {
    const [delivery] = (await store.createAlert(alertFixture({ now: T }), ['webhook'])).toSend;
    if (!delivery) throw new Error('the delivery was created');
    const delivered = await store.recordAttempt(delivery, attempt(0, 200), { status: 'delivered' });
    if (!delivered) throw new Error('the attempt was recorded');

    const reopened = await store.reopen(delivered, at(T, 1000));
    expect(reopened).toMatchObject({ status: 'pending', attemptOffset: 1 });
    if (!reopened) throw new Error('reopened');
    expect(await store.claim(reopened, at(T, 1000), 30_000)).toBe(true);
  });

  it('answers undefined for a delivery that is not stored, without creating it', async () => {
    const [delivery] = (await store.createAlert(alertFixture({ now: T }), ['webhook'])).toSend;
    if (!delivery) throw new Error('the delivery was created');
    const ghost = alertFixture();
    const missing = { ...delivery, id: deliveryId(ghost.alertId, 'webhook'), alertId: ghost.alertId };
    expect(await store.reopen(missing, T)).toBeUndefined();
    expect(await store.getDelivery(missing.id)).toBeUndefined();
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
