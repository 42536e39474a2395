import { describe, expect, it } from 'vitest';
import { dispatchDelivery } from '../../shared/delivery/dispatcher.js';
import { deliveryMessage } from '../../shared/delivery/queue/delivery-queue.js';
import type { MetricsRecorder } from '../../shared/kernel/metrics.js';
import { buildAlert } from '../../shared/matching/build-alert.js';
import {
  answer,
  createAlert,
  createSubscription,
  failingNotifier,
  makeChange,
  makeDeps,
  receiver,
  recordingNotifier,
  secret,
  stored,
  table,
  testClock,
  useDispatcherHarness,
} from './dispatcher-harness.js';

// SMS and e-mail deliveries through the notifier; webhooks: dispatcher-webhooks.test.ts.
useDispatcherHarness();

describe('dispatchDelivery: SMS and e-mail through the notifier', () => {
  const numbers = ['+4915112345678', '+14155550123'];
  const addresses = ['compliance@example.com', 'buyer@example.org'];

  it('texts only the numbers that confirmed their code; with none confirmed the delivery ends dead', async () => {
    const [confirmed = '', pending = ''] = numbers;
    const subscription = await createSubscription({ sms: [confirmed, pending] }, { unconfirmed: [pending] });
    const { alert, deliveryIds } = await createAlert(subscription, ['sms']);
    const notifier = recordingNotifier();
    expect(await dispatchDelivery(makeDeps({ notifier }), deliveryIds[0] ?? '')).toEqual({ kind: 'done' });
    expect(notifier.sms).toEqual([{ phoneNumber: confirmed, message: alert.text.short }]);

    const none = await createSubscription({ sms: [pending] }, { unconfirmed: [pending] });
    const second = await createAlert(none, ['sms']);
    const silent = recordingNotifier();
    const result = await dispatchDelivery(makeDeps({ notifier: silent }), second.deliveryIds[0] ?? '');
    expect(result).toEqual({ kind: 'done', deadReason: expect.stringMatching(/no confirmed phone number/) });
    expect(silent.sms).toEqual([]);
  });

  it('sends the short text to every SMS number and marks the delivery delivered', async () => {
    const subscription = await createSubscription({ sms: numbers });
    const { alert, deliveryIds } = await createAlert(subscription, ['sms']);
    const notifier = recordingNotifier();
    const clock = testClock();

    expect(await dispatchDelivery(makeDeps({ notifier, clock: clock.now }), deliveryIds[0] ?? '')).toEqual({
      kind: 'done',
    });

    expect(notifier.sms).toEqual(numbers.map((phoneNumber) => ({ phoneNumber, message: alert.text.short })));
    expect(notifier.emails).toEqual([]);
    const delivery = await stored(deliveryIds[0] ?? '');
    expect(delivery.status).toBe('delivered');
    expect(delivery.attempts).toEqual([
      { at: clock.now().toISOString(), durationMs: expect.any(Number), served: numbers },
    ]);
  });

  it('a retry after a partial SMS failure sends only to the numbers not yet served', async () => {
    const subscription = await createSubscription({ sms: numbers });
    const { alert, deliveryIds } = await createAlert(subscription, ['sms']);
    const deliveryId = deliveryIds[0] ?? '';
    // The second number is throttled on the first attempt only.
    const notifier = recordingNotifier();
    const send = notifier.sendSms.bind(notifier);
    let refused = 0;
    notifier.sendSms = async (phoneNumber, message) => {
      if (phoneNumber === numbers[1] && refused++ === 0) throw new Error('Throttling: rate exceeded');
      await send(phoneNumber, message);
    };
    const clock = testClock();
    const deps = makeDeps({ notifier, clock: clock.now });

    expect(await dispatchDelivery(deps, deliveryId)).toMatchObject({ kind: 'retry' });
    clock.advance(60_000);
    expect(await dispatchDelivery(deps, deliveryId)).toEqual({ kind: 'done' });

    // Each number got the message exactly once.
    expect(notifier.sms).toEqual(numbers.map((phoneNumber) => ({ phoneNumber, message: alert.text.short })));
    const delivery = await stored(deliveryId);
    expect(delivery.status).toBe('delivered');
    expect(delivery.attempts.map((attempt) => attempt.served)).toEqual([[numbers[0]], [numbers[1]]]);
  });

  it('sends the e-mail subject and long text for the subscription', async () => {
    const subscription = await createSubscription({ email: addresses });
    const { alert, deliveryIds } = await createAlert(subscription, ['email']);
    const notifier = recordingNotifier();

    expect(await dispatchDelivery(makeDeps({ notifier }), deliveryIds[0] ?? '')).toEqual({ kind: 'done' });

    expect(notifier.emails).toEqual([
      { subscriptionId: subscription.id, addresses, subject: alert.text.subject, body: alert.text.long },
    ]);
    expect(notifier.sms).toEqual([]);
    expect((await stored(deliveryIds[0] ?? '')).status).toBe('delivered');
  });

  it("an SMS and an e-mail sent from the matcher's message report how long after ingestion they arrived", async () => {
    const subscription = await createSubscription({ sms: [numbers[0] ?? ''], email: addresses });
    const alert = buildAlert({
      change: makeChange(new Date(Date.now() - 60_000)),
      subscriptionId: subscription.id,
      subscriberId: subscription.subscriberId,
      type: 'policy_change.published',
      match: { materials: [{ change: 'gallium', filter: 'gallium' }] },
      now: new Date(),
    });
    const { toSend } = await table.deliveries.createAlert(alert, ['sms', 'email']);
    const recorded: { name: string; value: number; channel: string | undefined }[] = [];
    const metrics: MetricsRecorder = {
      record: (name, value, dimensions) => recorded.push({ name, value, channel: dimensions?.Channel }),
      flush: async () => {},
    };
    const deps = makeDeps({ metrics });
    for (const delivery of toSend) {
      // The text travels in the message; the signed payload does not.
      const message = deliveryMessage(delivery, alert, subscription.version);
      expect(message.payload).toBeUndefined();
      expect(await dispatchDelivery(deps, message)).toEqual({ kind: 'done' });
    }
    const latencies = recorded.filter((entry) => entry.name === 'IngestToDeliveryLatency');
    expect(latencies.map((entry) => entry.channel).sort()).toEqual(['email', 'sms']);
    for (const entry of latencies) expect(entry.value).toBeGreaterThanOrEqual(60_000);
  });

  it('a subscription with every channel gets one delivery per channel, each on its own path', async () => {
    const target = await receiver(answer(200));
    const subscription = await createSubscription({
      webhook: { url: target.url, secrets: [secret()], status: 'enabled' },
      sms: [numbers[0] ?? ''],
      email: [addresses[0] ?? ''],
    });
    const { deliveryIds } = await createAlert(subscription, ['webhook', 'sms', 'email']);
    const notifier = recordingNotifier();
    const deps = makeDeps({ notifier });

    expect(deliveryIds).toHaveLength(3);
    for (const id of deliveryIds) expect(await dispatchDelivery(deps, id)).toEqual({ kind: 'done' });

    expect(target.hits).toHaveLength(1);
    expect(notifier.sms).toHaveLength(1);
    expect(notifier.emails).toHaveLength(1);
    for (const id of deliveryIds) expect((await stored(id)).status).toBe('delivered');
  });

  it('a throwing notifier fails the attempt with its error and schedules a retry', async () => {
    const subscription = await createSubscription({ sms: numbers, email: addresses });
    const { deliveryIds } = await createAlert(subscription, ['sms', 'email']);
    const deps = makeDeps({ notifier: failingNotifier() });

    for (const id of deliveryIds) {
      expect(await dispatchDelivery(deps, id)).toEqual({ kind: 'retry', delayMs: 50 });
      const delivery = await stored(id);
      expect(delivery.status).toBe('failed');
      expect(delivery.nextAttemptAt).toEqual(expect.any(String));
      expect(delivery.attempts).toEqual([
        {
          at: expect.any(String),
          durationMs: expect.any(Number),
          error: 'ThrottledException: Rate exceeded',
        },
      ]);
    }
  });

  it('a notifier failing on every attempt dead-letters the delivery with the error', async () => {
    const subscription = await createSubscription({ sms: [numbers[0] ?? ''] });
    const { deliveryIds } = await createAlert(subscription, ['sms']);
    const id = deliveryIds[0] ?? '';
    const clock = testClock();
    const deps = makeDeps({ notifier: failingNotifier(), clock: clock.now });

    expect(await dispatchDelivery(deps, id)).toEqual({ kind: 'retry', delayMs: 50 });
    clock.advance(50);
    expect(await dispatchDelivery(deps, id)).toEqual({ kind: 'retry', delayMs: 100 });
    clock.advance(100);
    expect(await dispatchDelivery(deps, id)).toEqual({
      kind: 'done',
      deadReason: 'ThrottledException: Rate exceeded; gave up after 3 attempts',
    });

    const delivery = await stored(id);
    expect(delivery.status).toBe('dead');
    expect(delivery.deadReason).toBe('ThrottledException: Rate exceeded; gave up after 3 attempts');
    expect(delivery.attempts).toHaveLength(3);
  });

  it('dead-letters an SMS delivery once the subscription no longer has numbers', async () => {
    const subscription = await createSubscription({ sms: numbers, email: addresses });
    const { deliveryIds } = await createAlert(subscription, ['sms']);
    const { sms: _sms, ...withoutSms } = subscription;
    await table.subscriptions.replace(subscription, { ...withoutSms, version: subscription.version + 1 });
    const notifier = recordingNotifier();

    expect(await dispatchDelivery(makeDeps({ notifier }), deliveryIds[0] ?? '')).toEqual({
      kind: 'done',
      deadReason: 'sms removed from the subscription',
    });

    const delivery = await stored(deliveryIds[0] ?? '');
    expect(delivery.status).toBe('dead');
    expect(delivery.deadReason).toBe('sms removed from the subscription');
    expect(notifier.sms).toEqual([]);
  });
});
