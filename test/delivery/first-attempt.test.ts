import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../local/webhook-receiver.js';
import { type DispatcherDeps, dispatchDelivery } from '../../shared/delivery/dispatcher.js';
import { type DeliveryMessage, deliveryMessage } from '../../shared/delivery/queue/delivery-queue.js';
import { createHttpSender } from '../../shared/delivery/webhooks/http-sender.js';
import { generateWebhookSecret } from '../../shared/delivery/webhooks/signing.js';
import { newId } from '../../shared/kernel/ids.js';
import { buildAlert } from '../../shared/matching/build-alert.js';
import type { DeliveryStore } from '../../shared/store/delivery-store.js';
import { policyChangeFixture, subscriptionFixture } from '../store/fixtures.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';
import { RecordingNotifier } from '../support/recording.js';

/**
 * A new delivery's first message, handed out by its queue for the first time, is its lease: the
 * attempt takes no claim, and its outcome is written only if the delivery still has no attempt.
 * A duplicate of the message that loses that race is on record as an extra attempt. Every other
 * message (a retry, a replay, one handed out again, the sweep's) takes the claim as before.
 */
let table: TestTable;
let answers: number[];
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  table = await createTestTable();
  receiver = await startReceiver(() => answers.shift() ?? 200);
});

afterAll(async () => {
  await receiver.close();
  table.client.destroy();
});

/** The table's delivery store, counting the claims taken. */
function countingClaims(store: DeliveryStore) {
  const counted = Object.create(store) as DeliveryStore;
  const calls = { take: 0 };
  counted.take = (...args) => {
    calls.take += 1;
    return store.take(...args);
  };
  return { store: counted, calls };
}

function deps(deliveries: DeliveryStore): DispatcherDeps {
  return {
    deliveries,
    subscriptions: table.subscriptions,
    notifier: new RecordingNotifier(),
    sender: createHttpSender({ policy: { allowPrivate: true, requireHttps: false } }),
    retry: { schedule: [60_000], floorMs: 0, random: () => 0.5 },
    timeoutMs: 2_000,
    disableAfterMs: 5 * 86_400_000,
    clock: () => new Date(),
  };
}

/** A new webhook delivery as the matcher leaves it: stored, and its message written. */
async function newWebhookDelivery(): Promise<{ message: DeliveryMessage; path: string }> {
  const now = new Date();
  const path = `/first/${newId('hook')}`;
  const subscription = subscriptionFixture({
    id: newId('sub'),
    subscriberId: newId('sbr'),
    filters: { materials: ['dysprosium'] },
    webhook: {
      url: `${receiver.url}${path}`,
      secrets: [{ secret: generateWebhookSecret(), createdAt: now.toISOString() }],
      status: 'enabled',
    },
  });
  await table.subscriptions.create(subscription);
  const alert = buildAlert({
    change: policyChangeFixture(),
    subscriptionId: subscription.id,
    subscriberId: subscription.subscriberId,
    type: 'policy_change.published',
    match: { materials: [{ change: 'dysprosium', filter: 'dysprosium' }] },
    now,
  });
  const [delivery] = (await table.deliveries.createAlert(alert, ['webhook'])).toSend;
  if (!delivery) throw new Error('the delivery was created');
  return { message: deliveryMessage(delivery, alert, subscription.version), path };
}

const hitsOn = (path: string) => receiver.received.filter((request) => request.path === path);
const stateOf = async (id: string) => table.deliveries.getDelivery(id);

describe('a first attempt without a claim', () => {
  it("a new delivery's first message, on its first receive, is sent and recorded with no claim", async () => {
    answers = [];
    const { message, path } = await newWebhookDelivery();
    expect(message.firstAttempt).toBe(true);
    const { store, calls } = countingClaims(table.deliveries);

    expect(await dispatchDelivery(deps(store), message, { firstReceive: true })).toEqual({ kind: 'done' });

    expect(calls.take).toBe(0);
    expect(hitsOn(path)).toHaveLength(1);
    expect(await stateOf(message.deliveryId)).toMatchObject({
      status: 'delivered',
      attempts: [{ statusCode: 200 }],
    });
  });

  it('two copies of the message at once: both requests are on record, the one that lost as an extra attempt', async () => {
    answers = [];
    const { message, path } = await newWebhookDelivery();
    const { store, calls } = countingClaims(table.deliveries);

    const results = await Promise.all([
      dispatchDelivery(deps(store), { ...message }, { firstReceive: true }),
      dispatchDelivery(deps(store), { ...message }, { firstReceive: true }),
    ]);

    expect(results).toEqual([{ kind: 'done' }, { kind: 'done' }]);
    expect(calls.take).toBe(0);
    expect(hitsOn(path)).toHaveLength(2);
    const delivery = await stateOf(message.deliveryId);
    expect(delivery?.status).toBe('delivered');
    expect(delivery?.attempts).toHaveLength(2);
    expect(delivery).not.toHaveProperty('nextAttemptAt');
  });

  it('a copy that failed after the first was delivered is kept as an extra attempt; the delivery stays delivered', async () => {
    answers = [200, 500];
    const { message, path } = await newWebhookDelivery();

    expect(await dispatchDelivery(deps(table.deliveries), { ...message }, { firstReceive: true })).toEqual({
      kind: 'done',
    });
    // The late copy's request fails, and finds an attempt already recorded: it does not retry.
    expect(await dispatchDelivery(deps(table.deliveries), { ...message }, { firstReceive: true })).toEqual({
      kind: 'done',
    });

    expect(hitsOn(path)).toHaveLength(2);
    const delivery = await stateOf(message.deliveryId);
    expect(delivery?.status).toBe('delivered');
    expect(delivery?.attempts.map((attempt) => attempt.statusCode)).toEqual([200, 500]);
    expect(delivery).not.toHaveProperty('nextAttemptAt');
  });

  it('a copy that succeeded after the first had failed delivers the delivery: the receiver has it', async () => {
    answers = [500, 200];
    const { message } = await newWebhookDelivery();

    expect(await dispatchDelivery(deps(table.deliveries), { ...message }, { firstReceive: true })).toEqual({
      kind: 'retry',
      delayMs: 60_000,
    });
    expect((await stateOf(message.deliveryId))?.status).toBe('failed');
    expect(await dispatchDelivery(deps(table.deliveries), { ...message }, { firstReceive: true })).toEqual({
      kind: 'done',
    });

    const delivery = await stateOf(message.deliveryId);
    expect(delivery?.status).toBe('delivered');
    expect(delivery?.attempts.map((attempt) => attempt.statusCode)).toEqual([500, 200]);
    expect(delivery).not.toHaveProperty('nextAttemptAt');
    // Off the open-work index: the sweep finds nothing left to do.
    const due = await table.deliveries.dueDeliveries(new Date(Date.now() + 86_400_000).toISOString());
    expect(due.map((entry) => entry.deliveryId)).not.toContain(message.deliveryId);
  });

  it('a message handed out again (a retry, or one whose first receive timed out) takes the claim', async () => {
    answers = [];
    const { message, path } = await newWebhookDelivery();
    const { store, calls } = countingClaims(table.deliveries);
    // Another dispatcher holds the delivery: the claim makes this one wait, sending nothing.
    const held = await table.deliveries.getDelivery(message.deliveryId);
    if (!held) throw new Error('the delivery is stored');
    expect(await table.deliveries.claim(held, new Date(), 60_000)).toBe(true);

    const result = await dispatchDelivery(deps(store), message, { firstReceive: false });

    expect(calls.take).toBe(1);
    expect(result).toMatchObject({ kind: 'retry' });
    expect(hitsOn(path)).toHaveLength(0);
  });

  it('a replay keeps the claim: its message is not a first one, whatever the queue says', async () => {
    answers = [];
    const { message } = await newWebhookDelivery();
    await dispatchDelivery(deps(table.deliveries), message, { firstReceive: true });
    const delivered = await table.deliveries.getDelivery(message.deliveryId);
    if (!delivered) throw new Error('the delivery is stored');
    const reopened = await table.deliveries.reopen(delivered, new Date());
    if (!reopened) throw new Error('the delivery was reopened');
    const replay = deliveryMessage(reopened, { payload: message.payload ?? '' });
    const { store, calls } = countingClaims(table.deliveries);

    expect(replay.firstAttempt).toBeUndefined();
    expect(await dispatchDelivery(deps(store), replay, { firstReceive: true })).toEqual({ kind: 'done' });
    expect(calls.take).toBe(1);
    expect((await stateOf(message.deliveryId))?.attempts).toHaveLength(2);
  });

  it('without word from the queue that the message is new to it, even a first message takes the claim', async () => {
    answers = [];
    const { message } = await newWebhookDelivery();
    const { store, calls } = countingClaims(table.deliveries);

    expect(await dispatchDelivery(deps(store), message)).toEqual({ kind: 'done' });
    expect(calls.take).toBe(1);
  });
});
