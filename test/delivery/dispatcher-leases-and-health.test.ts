import { describe, expect, it } from 'vitest';
import { dispatchDelivery } from '../../shared/delivery/dispatcher.js';
import { RecordingNotifier } from '../support/recording.js';
import {
  answer,
  createSubscription,
  DAY_MS,
  failingNotifier,
  makeDeps,
  receiver,
  recordingNotifier,
  secret,
  stored,
  table,
  testClock,
  useDispatcherHarness,
  webhookDelivery,
  webhookSubscription,
} from './dispatcher-harness.js';

// Leases between dispatchers, replays, and a webhook's health (failing, disabled, the subscriber told).
useDispatcherHarness();

describe('dispatchDelivery: leases, replays and webhook health', () => {
  it('a delivery leased by another dispatcher is not sent; the message waits out the lease, then takes over', async () => {
    const target = await receiver(answer(200));
    const { deliveryId } = await webhookDelivery(await webhookSubscription(target.url));
    const clock = testClock();
    const deps = makeDeps({ clock: clock.now });
    // Another dispatcher holds it for a minute (it died, or is still sending).
    expect(await table.deliveries.claim(await stored(deliveryId), clock.now(), 60_000)).toBe(true);

    expect(await dispatchDelivery(deps, deliveryId)).toEqual({ kind: 'retry', delayMs: 60_000 });
    clock.advance(59_500);
    // Never less than a second, so a busy lease is not polled in a tight loop.
    expect(await dispatchDelivery(deps, deliveryId)).toEqual({ kind: 'retry', delayMs: 1000 });
    expect(target.hits).toHaveLength(0);
    expect((await stored(deliveryId)).attempts).toEqual([]);

    clock.advance(500);
    expect(await dispatchDelivery(deps, deliveryId)).toEqual({ kind: 'done' });
    expect(target.hits).toHaveLength(1);
    const delivery = await stored(deliveryId);
    expect(delivery.status).toBe('delivered');
    expect(delivery).not.toHaveProperty('leaseUntil');
  });

  it('a copy read before another dispatcher finished its attempt cannot claim the delivery again', async () => {
    const target = await receiver(answer(500));
    const { deliveryId } = await webhookDelivery(await webhookSubscription(target.url));
    const clock = testClock();
    const deps = makeDeps({ clock: clock.now, retry: { schedule: [0, 0], floorMs: 0, random: () => 0.5 } });
    const stale = await stored(deliveryId);

    // The other message's dispatcher claims, sends and records while this one still holds its copy.
    expect(await dispatchDelivery(deps, deliveryId)).toEqual({ kind: 'retry', delayMs: 0 });

    expect(await table.deliveries.claim(stale, clock.now(), 60_000)).toBe(false);
    expect(target.hits).toHaveLength(1);
  });

  it('a replayed delivery restarts the retry schedule and keeps every earlier attempt', async () => {
    const target = await receiver(answer(500));
    const { alert, deliveryId } = await webhookDelivery(await webhookSubscription(target.url));
    const clock = testClock();
    const deps = makeDeps({ clock: clock.now });
    const steps: unknown[] = [];
    const run = async () => {
      for (const wait of [0, 50, 100]) {
        clock.advance(wait);
        steps.push(await dispatchDelivery(deps, deliveryId));
      }
    };
    await run();
    const dead = await stored(deliveryId);
    expect(dead.status).toBe('dead');

    const reopened = await table.deliveries.reopen(dead, clock.now());
    expect(reopened).toMatchObject({ status: 'pending', attemptOffset: 3 });
    await run();

    const reason = 'receiver answered HTTP 500; gave up after 3 attempts';
    const round = [
      { kind: 'retry', delayMs: 50 },
      { kind: 'retry', delayMs: 100 },
      { kind: 'done', deadReason: reason },
    ];
    expect(steps).toEqual([...round, ...round]);
    const delivery = await stored(deliveryId);
    expect(delivery).toMatchObject({ status: 'dead', deadReason: reason, attemptOffset: 3 });
    expect(delivery.attempts).toHaveLength(6);
    // Same webhook-id on every attempt, before and after the replay.
    expect(new Set(target.hits.map((hit) => hit.headers['webhook-id']))).toEqual(new Set([alert.webhookId]));
  });

  it('a success records lastSuccessAt and ends a run of failures', async () => {
    const target = await receiver(answer(200));
    const subscription = await webhookSubscription(target.url);
    const failedAt = new Date(Date.now() - 3_600_000);
    await table.subscriptions.recordWebhookFailure(subscription.id, failedAt);
    expect((await table.subscriptions.get(subscription.id))?.webhook?.failingSince).toBe(
      failedAt.toISOString(),
    );
    const { deliveryId } = await webhookDelivery(subscription);
    const clock = testClock();

    expect(await dispatchDelivery(makeDeps({ clock: clock.now }), deliveryId)).toEqual({ kind: 'done' });

    const webhook = (await table.subscriptions.get(subscription.id))?.webhook;
    expect(webhook?.lastSuccessAt).toBe(clock.now().toISOString());
    expect(webhook).not.toHaveProperty('failingSince');
    expect(webhook?.status).toBe('enabled');
  });

  it('failures set failingSince once, at the first one; later failures keep it', async () => {
    const target = await receiver(answer(503));
    const subscription = await webhookSubscription(target.url);
    const { deliveryId } = await webhookDelivery(subscription);
    const clock = testClock();
    const deps = makeDeps({ clock: clock.now });
    const firstFailure = clock.now().toISOString();

    expect(await dispatchDelivery(deps, deliveryId)).toEqual({ kind: 'retry', delayMs: 50 });
    expect((await table.subscriptions.get(subscription.id))?.webhook?.failingSince).toBe(firstFailure);
    clock.advance(50);
    expect(await dispatchDelivery(deps, deliveryId)).toEqual({ kind: 'retry', delayMs: 100 });

    const after = await table.subscriptions.get(subscription.id);
    expect(after?.webhook).toMatchObject({ status: 'enabled', failingSince: firstFailure });
    expect(after?.webhook).not.toHaveProperty('lastSuccessAt');
  });

  it('disables a webhook with no success for disableAfterMs and tells the subscriber by SMS and e-mail', async () => {
    const target = await receiver(answer(500));
    const topicArn = RecordingNotifier.topicArn('disabled-notice');
    const subscription = await createSubscription({
      webhook: { url: target.url, secrets: [secret()], status: 'enabled' },
      sms: ['+4915112345678', '+14155550123'],
      email: ['compliance@example.com'],
      emailTopicArn: topicArn,
    });
    const clock = testClock();
    const notifier = recordingNotifier();
    const deps = makeDeps({ clock: clock.now, notifier, disableAfterMs: DAY_MS });
    const first = await webhookDelivery(subscription);
    const firstFailure = clock.now().toISOString();

    expect(await dispatchDelivery(deps, first.deliveryId)).toEqual({ kind: 'retry', delayMs: 50 });
    clock.advance(50);
    expect(await dispatchDelivery(deps, first.deliveryId)).toEqual({ kind: 'retry', delayMs: 100 });
    expect((await table.subscriptions.get(subscription.id))?.webhook?.status).toBe('enabled');
    expect(notifier.sms).toEqual([]);

    // A day later another alert fails too: the webhook has had no success for disableAfterMs.
    clock.advance(DAY_MS);
    const second = await webhookDelivery(subscription);
    expect(await dispatchDelivery(deps, second.deliveryId)).toEqual({ kind: 'retry', delayMs: 50 });

    const reason = `no successful delivery since ${firstFailure}`;
    const after = await table.subscriptions.get(subscription.id);
    expect(after?.webhook).toMatchObject({ status: 'disabled', disabledReason: reason });
    expect(notifier.sms.map((m) => m.phoneNumber)).toEqual(subscription.sms);
    for (const { message } of notifier.sms) {
      expect(message).toContain(reason);
      expect(message).toContain(`/v1/subscriptions/${subscription.id}/webhook/enable`);
      expect(message.length).toBeLessThanOrEqual(300);
    }
    expect(notifier.emails).toEqual([
      {
        subscriptionId: subscription.id,
        topicArn,
        addresses: ['compliance@example.com'],
        subject: `Webhook disabled: ${subscription.name}`,
        body: expect.stringContaining(reason),
      },
    ]);

    // Nothing more is sent to it: the waiting retry is dead-lettered without a request.
    const hits = target.hits.length;
    clock.advance(50);
    expect(await dispatchDelivery(deps, second.deliveryId)).toEqual({
      kind: 'done',
      deadReason: `webhook disabled: ${reason}`,
    });
    expect(target.hits).toHaveLength(hits);
    expect(notifier.sms).toHaveLength(2);
  });

  it('with disableAfterMs 0 the second failing attempt disables the webhook', async () => {
    const target = await receiver(answer(500));
    const subscription = await createSubscription({
      webhook: { url: target.url, secrets: [secret()], status: 'enabled' },
      sms: ['+4915112345678'],
    });
    const { deliveryId } = await webhookDelivery(subscription);
    const clock = testClock();
    const notifier = recordingNotifier();
    const deps = makeDeps({ clock: clock.now, notifier, disableAfterMs: 0 });

    await dispatchDelivery(deps, deliveryId);
    expect((await table.subscriptions.get(subscription.id))?.webhook?.status).toBe('enabled');
    clock.advance(50);
    await dispatchDelivery(deps, deliveryId);

    expect((await table.subscriptions.get(subscription.id))?.webhook?.status).toBe('disabled');
    expect(notifier.sms).toHaveLength(1);
  });

  it('410 Gone tells the subscriber too, by e-mail through the subscription topic when it has one', async () => {
    const target = await receiver(answer(410));
    const subscription = await createSubscription({
      webhook: { url: target.url, secrets: [secret()], status: 'enabled' },
      email: ['buyer@example.org'],
    });
    const { deliveryId } = await webhookDelivery(subscription);
    const notifier = recordingNotifier();

    expect(await dispatchDelivery(makeDeps({ notifier }), deliveryId)).toEqual({
      kind: 'done',
      deadReason: 'receiver answered 410 Gone; webhook disabled',
    });

    expect(notifier.sms).toEqual([]);
    expect(notifier.emails).toHaveLength(1);
    // No topic stored yet (a subscription older than the topics): the notifier makes one on demand.
    expect(notifier.emails[0]).not.toHaveProperty('topicArn');
    expect(notifier.emails[0]?.body).toContain('410 Gone');
  });

  it('a notice that cannot be sent is logged; the webhook is disabled all the same', async () => {
    const target = await receiver(answer(410));
    const subscription = await createSubscription({
      webhook: { url: target.url, secrets: [secret()], status: 'enabled' },
      sms: ['+4915112345678'],
    });
    const { deliveryId } = await webhookDelivery(subscription);
    const logged: Record<string, unknown>[] = [];

    const result = await dispatchDelivery(
      makeDeps({ notifier: failingNotifier(), log: (entry) => logged.push(entry) }),
      deliveryId,
    );

    expect(result).toMatchObject({ kind: 'done', deadReason: expect.stringContaining('410') });
    expect((await table.subscriptions.get(subscription.id))?.webhook?.status).toBe('disabled');
    expect(logged).toEqual([
      expect.objectContaining({ level: 'error', message: 'delivery dead', deliveryId, reason: 'HTTP 410' }),
      expect.objectContaining({
        level: 'warn',
        message: 'subscription.disabled notice failed',
        subscriptionId: subscription.id,
      }),
    ]);
  });

  it('a webhook that never failed is not written on a success: health is written when it changes state', async () => {
    const target = await receiver(answer(200));
    const subscription = await webhookSubscription(target.url);
    const clock = testClock();
    const deps = makeDeps({ clock: clock.now });

    await dispatchDelivery(deps, (await webhookDelivery(subscription)).deliveryId);
    clock.advance(60_000);
    await dispatchDelivery(deps, (await webhookDelivery(subscription)).deliveryId);

    expect(target.hits).toHaveLength(2);
    // Successes of a healthy endpoint change nothing on its subscription: same version, no timestamp.
    const after = await table.subscriptions.get(subscription.id);
    expect(after?.version).toBe(subscription.version);
    expect(after?.webhook).toEqual(subscription.webhook);
  });
});
