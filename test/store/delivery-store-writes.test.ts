import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  ALERT_CREATION_WINDOW_MS,
  deliveryId,
  QUEUED_LEASE_MS,
  refOf,
} from '../../shared/store/delivery-store.js';
import { keys } from '../../shared/store/keys.js';
import { documentClient } from '../../shared/store/table.js';
import { createTestTable } from '../support/dynamodb.js';
import {
  alertFixture,
  at,
  attempt,
  dueAmong,
  idsOf,
  store,
  useDeliveryStore,
} from './delivery-store-setup.js';
import { T0 } from './fixtures.js';

// Writing alerts and deliveries: creation, resuming after a crash, attempts, dead ends, claims, replays.
// What the store reads back: delivery-store-reads.test.ts.
useDeliveryStore();

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
