import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { dispatchDelivery } from '../../shared/delivery/dispatcher.js';
import { MemoryEndpointControl } from '../../shared/delivery/endpoint/endpoint-control.js';
import { publicDelivery } from '../../shared/model/delivery.js';
import {
  answer,
  createAlert,
  hang,
  makeDeps,
  receiver,
  secret,
  servers,
  signedHeaders,
  stored,
  table,
  testClock,
  useDispatcherHarness,
  webhookDelivery,
  webhookSubscription,
} from './dispatcher-harness.js';

// Webhook delivery end to end: signing, retries, dead letters; SMS and e-mail: dispatcher-sms-email.test.ts.
useDispatcherHarness();

describe('dispatchDelivery: webhooks to real receivers, state in DynamoDB Local', () => {
  it('POSTs the alert payload byte-identical, signed so a Standard Webhooks library verifies it', async () => {
    const target = await receiver(answer(200, 'thanks'));
    const webhookSecret = secret();
    const subscription = await webhookSubscription(target.url, [webhookSecret]);
    const { alert, deliveryId } = await webhookDelivery(subscription);
    const clock = testClock();

    const result = await dispatchDelivery(makeDeps({ clock: clock.now }), deliveryId);

    expect(result).toEqual({ kind: 'done' });
    expect(target.hits).toHaveLength(1);
    const [hit] = target.hits;
    expect(hit?.body.equals(Buffer.from(alert.payload, 'utf8'))).toBe(true);
    expect(hit?.headers['content-type']).toBe('application/json');
    expect(hit?.headers['webhook-id']).toBe(alert.webhookId);
    expect(hit?.headers['webhook-timestamp']).toBe(String(Math.floor(clock.now().getTime() / 1000)));
    expect(hit?.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const verified = new Webhook(webhookSecret.secret).verify(
      hit?.body.toString('utf8') ?? '',
      signedHeaders(hit),
    );
    expect(verified).toEqual(JSON.parse(alert.payload));

    const delivery = await stored(deliveryId);
    expect(delivery.status).toBe('delivered');
    expect(delivery.nextAttemptAt).toBeUndefined();
    expect(delivery.deadReason).toBeUndefined();
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.attempts[0]).toEqual({
      at: clock.now().toISOString(),
      statusCode: 200,
      durationMs: expect.any(Number),
      excerpt: 'thanks',
      responseHeaders: expect.objectContaining({ 'content-type': 'text/plain' }),
      signature: hit?.headers['webhook-signature'],
    });
    // The log rebuilds the request sent, header for header, with the alert's bytes as its body.
    const [shown] = publicDelivery(delivery, alert.payload).attempts;
    expect(shown?.request).toEqual({
      headers: {
        'content-type': hit?.headers['content-type'],
        'webhook-id': hit?.headers['webhook-id'],
        'webhook-timestamp': hit?.headers['webhook-timestamp'],
        'webhook-signature': hit?.headers['webhook-signature'],
        'user-agent': hit?.headers['user-agent'],
      },
      body: hit?.body.toString('utf8'),
      bodyBytes: hit?.body.length,
    });
    expect(delivery.attempts[0]?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('sends nothing for a delivery that is already delivered (a redelivered queue message)', async () => {
    const target = await receiver(answer(204));
    const { deliveryId } = await webhookDelivery(await webhookSubscription(target.url));
    const deps = makeDeps();

    expect(await dispatchDelivery(deps, deliveryId)).toEqual({ kind: 'done' });
    expect(await dispatchDelivery(deps, deliveryId)).toEqual({ kind: 'done' });

    expect(target.hits).toHaveLength(1);
    expect((await stored(deliveryId)).attempts).toHaveLength(1);
  });

  it('retries a 500 on the schedule with a stable webhook-id, then dead-letters after the last attempt', async () => {
    const target = await receiver(answer(500, 'upstream broke'));
    const { alert, deliveryId } = await webhookDelivery(await webhookSubscription(target.url));
    const clock = testClock();
    const deps = makeDeps({ clock: clock.now });

    const first = await dispatchDelivery(deps, deliveryId);
    expect(first).toEqual({ kind: 'retry', delayMs: 50 });
    let delivery = await stored(deliveryId);
    expect(delivery.status).toBe('failed');
    expect(delivery.nextAttemptAt).toBe(new Date(clock.now().getTime() + 50).toISOString());
    expect(delivery.attempts).toEqual([
      {
        at: clock.now().toISOString(),
        statusCode: 500,
        durationMs: expect.any(Number),
        excerpt: 'upstream broke',
        responseHeaders: expect.objectContaining({ 'content-type': 'text/plain' }),
        signature: expect.stringMatching(/^v1,/),
      },
    ]);

    clock.advance(50);
    expect(await dispatchDelivery(deps, deliveryId)).toEqual({ kind: 'retry', delayMs: 100 });
    expect((await stored(deliveryId)).status).toBe('failed');

    clock.advance(100);
    expect(await dispatchDelivery(deps, deliveryId)).toEqual({
      kind: 'done',
      deadReason: 'receiver answered HTTP 500; gave up after 3 attempts',
    });

    delivery = await stored(deliveryId);
    expect(delivery.status).toBe('dead');
    expect(delivery.deadReason).toBe('receiver answered HTTP 500; gave up after 3 attempts');
    expect(delivery.nextAttemptAt).toBeUndefined();
    expect(delivery.attempts).toHaveLength(3);
    expect(delivery.attempts.map((a) => a.statusCode)).toEqual([500, 500, 500]);
    // Each attempt keeps the signature it sent (a new timestamp, so a new signature each time).
    expect(delivery.attempts.map((a) => a.signature)).toEqual(
      target.hits.map((hit) => hit.headers['webhook-signature']),
    );
    expect(target.hits).toHaveLength(3);
    expect(new Set(target.hits.map((hit) => hit.headers['webhook-id']))).toEqual(new Set([alert.webhookId]));
    for (const hit of target.hits) expect(hit.body.toString('utf8')).toBe(alert.payload);

    // Dead is final: another message for it sends nothing.
    clock.advance(1_000);
    expect(await dispatchDelivery(deps, deliveryId)).toEqual({ kind: 'done' });
    expect(target.hits).toHaveLength(3);
  });

  it('a message that arrives before nextAttemptAt waits out the rest without a request', async () => {
    const target = await receiver(answer(500));
    const { deliveryId } = await webhookDelivery(await webhookSubscription(target.url));
    const clock = testClock();
    const deps = makeDeps({ clock: clock.now });

    expect(await dispatchDelivery(deps, deliveryId)).toEqual({ kind: 'retry', delayMs: 50 });
    expect(await dispatchDelivery(deps, deliveryId)).toEqual({ kind: 'retry', delayMs: 50 });
    clock.advance(20);
    expect(await dispatchDelivery(deps, deliveryId)).toEqual({ kind: 'retry', delayMs: 30 });

    expect(target.hits).toHaveLength(1);
    const delivery = await stored(deliveryId);
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.status).toBe('failed');

    clock.advance(30);
    expect(await dispatchDelivery(deps, deliveryId)).toEqual({ kind: 'retry', delayMs: 100 });
    expect(target.hits).toHaveLength(2);
  });

  it('a message that arrives before nextAttemptAt spends no turn under the endpoint rate limit', async () => {
    const target = await receiver(answer(500));
    const { deliveryId } = await webhookDelivery(await webhookSubscription(target.url));
    const clock = testClock();
    const deps = makeDeps({
      clock: clock.now,
      endpoints: new MemoryEndpointControl(),
      // One a second: every turn taken in vain would push the real attempt back by a second.
      defaultRateLimit: 1,
      sleep: async (ms) => clock.advance(ms),
    });

    expect(await dispatchDelivery(deps, deliveryId)).toEqual({ kind: 'retry', delayMs: 50 });
    for (let early = 0; early < 3; early++) {
      expect(await dispatchDelivery(deps, deliveryId)).toEqual({ kind: 'retry', delayMs: 50 });
    }
    clock.advance(50);
    await dispatchDelivery(deps, deliveryId);

    expect(target.hits).toHaveLength(2);
    const [, second] = (await stored(deliveryId)).attempts;
    // The second attempt waited only for the turn after the first (one second later), not four.
    expect(second?.rateLimitWaitMs).toBe(950);
  });

  it('recovers on a later attempt: failed then delivered, both attempts kept', async () => {
    let calls = 0;
    const target = await receiver((req, res) => {
      calls += 1;
      answer(calls === 1 ? 503 : 200)(req, res);
    });
    const { deliveryId } = await webhookDelivery(await webhookSubscription(target.url));
    const clock = testClock();
    const deps = makeDeps({ clock: clock.now });

    expect(await dispatchDelivery(deps, deliveryId)).toEqual({ kind: 'retry', delayMs: 50 });
    clock.advance(50);
    expect(await dispatchDelivery(deps, deliveryId)).toEqual({ kind: 'done' });

    const delivery = await stored(deliveryId);
    expect(delivery.status).toBe('delivered');
    expect(delivery.nextAttemptAt).toBeUndefined();
    expect(delivery.attempts.map((a) => a.statusCode)).toEqual([503, 200]);
  });

  it('410 Gone dead-letters the delivery and disables the webhook; later deliveries send nothing', async () => {
    const target = await receiver(answer(410));
    const subscription = await webhookSubscription(target.url);
    const { deliveryId } = await webhookDelivery(subscription);
    const deps = makeDeps();

    expect(await dispatchDelivery(deps, deliveryId)).toEqual({
      kind: 'done',
      deadReason: 'receiver answered 410 Gone; webhook disabled',
    });

    const delivery = await stored(deliveryId);
    expect(delivery.status).toBe('dead');
    expect(delivery.deadReason).toBe('receiver answered 410 Gone; webhook disabled');
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.attempts[0]?.statusCode).toBe(410);
    const after = await table.subscriptions.get(subscription.id);
    expect(after?.webhook?.status).toBe('disabled');
    expect(after?.webhook?.disabledReason).toBe('receiver answered 410 Gone; webhook disabled');
    expect(after?.version).toBe(subscription.version + 1);
    expect(after?.status).toBe('active');

    const { deliveryIds } = await createAlert(subscription, ['webhook'], 'policy_change.updated');
    const [nextId] = deliveryIds;
    expect(nextId).toBeDefined();
    expect(await dispatchDelivery(deps, nextId ?? '')).toEqual({
      kind: 'done',
      deadReason: 'webhook disabled: receiver answered 410 Gone; webhook disabled',
    });
    const next = await stored(nextId ?? '');
    expect(next.status).toBe('dead');
    expect(next.deadReason).toMatch(/^webhook disabled/);
    expect(next.deadReason).toBe('webhook disabled: receiver answered 410 Gone; webhook disabled');
    expect(next.attempts).toEqual([]);
    expect(target.hits).toHaveLength(1);
  });

  it('signs with every live secret during a rotation: two signatures, each verifies', async () => {
    const target = await receiver(answer(200));
    const oldSecret = secret({ expiresAt: new Date(Date.now() + 24 * 3_600_000).toISOString() });
    const newSecret = secret();
    const { alert, deliveryId } = await webhookDelivery(
      await webhookSubscription(target.url, [oldSecret, newSecret]),
    );

    await dispatchDelivery(makeDeps(), deliveryId);

    const [hit] = target.hits;
    const signatures = String(hit?.headers['webhook-signature']).split(' ');
    expect(signatures).toHaveLength(2);
    for (const signature of signatures) expect(signature).toMatch(/^v1,/);
    expect(signatures[0]).not.toBe(signatures[1]);
    for (const { secret: key } of [oldSecret, newSecret]) {
      expect(new Webhook(key).verify(alert.payload, signedHeaders(hit))).toEqual(JSON.parse(alert.payload));
    }
  });

  it('does not sign with a secret whose grace period has ended', async () => {
    const target = await receiver(answer(200));
    const expired = secret({ expiresAt: new Date(Date.now() - 1_000).toISOString() });
    const current = secret();
    const { alert, deliveryId } = await webhookDelivery(
      await webhookSubscription(target.url, [expired, current]),
    );

    await dispatchDelivery(makeDeps(), deliveryId);

    const [hit] = target.hits;
    expect(String(hit?.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(new Webhook(current.secret).verify(alert.payload, signedHeaders(hit))).toEqual(
      JSON.parse(alert.payload),
    );
    expect(() => new Webhook(expired.secret).verify(alert.payload, signedHeaders(hit))).toThrow();
  });

  it('records a timeout against a hanging receiver as an attempt with an error, and retries', async () => {
    const target = await receiver(hang);
    const { deliveryId } = await webhookDelivery(await webhookSubscription(target.url));

    const started = performance.now();
    const result = await dispatchDelivery(makeDeps({ timeoutMs: 200 }), deliveryId);
    const elapsed = performance.now() - started;

    expect(result).toEqual({ kind: 'retry', delayMs: 50 });
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(2_000);
    expect(target.hits).toHaveLength(1);
    const delivery = await stored(deliveryId);
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toHaveLength(1);
    const [attempt] = delivery.attempts;
    expect(attempt?.statusCode).toBeUndefined();
    expect(attempt?.error).toBe('no response within 200 ms');
    expect(attempt?.durationMs).toBeGreaterThanOrEqual(190);
  });

  it('applies the floor after a timeout', async () => {
    const target = await receiver(hang);
    const { deliveryId } = await webhookDelivery(await webhookSubscription(target.url));

    const result = await dispatchDelivery(
      makeDeps({ timeoutMs: 100, retry: { schedule: [50, 100], floorMs: 5_000, random: () => 0.5 } }),
      deliveryId,
    );

    expect(result).toEqual({ kind: 'retry', delayMs: 5_000 });
  });

  it('records a refused connection as an error attempt and retries', async () => {
    const target = await receiver(answer(200));
    await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
    const { deliveryId } = await webhookDelivery(await webhookSubscription(target.url));

    expect(await dispatchDelivery(makeDeps(), deliveryId)).toEqual({ kind: 'retry', delayMs: 50 });
    const [attempt] = (await stored(deliveryId)).attempts;
    expect(attempt?.statusCode).toBeUndefined();
    expect(attempt?.error).toMatch(/ECONNREFUSED/);
  });

  it('dead-letters a delivery whose subscription was deleted, without a request', async () => {
    const target = await receiver(answer(200));
    const subscription = await webhookSubscription(target.url);
    const { deliveryId } = await webhookDelivery(subscription);
    await table.subscriptions.delete(subscription);

    expect(await dispatchDelivery(makeDeps(), deliveryId)).toEqual({
      kind: 'done',
      deadReason: 'subscription deleted',
    });

    const delivery = await stored(deliveryId);
    expect(delivery.status).toBe('dead');
    expect(delivery.deadReason).toBe('subscription deleted');
    expect(delivery.attempts).toEqual([]);
    expect(target.hits).toHaveLength(0);
  });

  it('treats an unknown or malformed delivery id as done', async () => {
    const deps = makeDeps();
    expect(await dispatchDelivery(deps, `dlv_${'0'.repeat(32)}_webhook`)).toEqual({ kind: 'done' });
    expect(await dispatchDelivery(deps, 'not-a-delivery')).toEqual({ kind: 'done' });
  });
});
