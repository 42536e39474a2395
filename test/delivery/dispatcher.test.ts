import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DispatcherDeps, dispatchDelivery } from '../../shared/delivery/dispatcher.js';
import { MemoryEndpointControl } from '../../shared/delivery/endpoint/endpoint-control.js';
import { deliveryMessage } from '../../shared/delivery/queue/delivery-queue.js';
import { createHttpSender } from '../../shared/delivery/webhooks/http-sender.js';
import { generateWebhookSecret } from '../../shared/delivery/webhooks/signing.js';
import { newId } from '../../shared/kernel/ids.js';
import type { MetricsRecorder } from '../../shared/kernel/metrics.js';
import { buildAlert } from '../../shared/matching/build-alert.js';
import type { Alert, Channel, EventType } from '../../shared/model/delivery.js';
import type { PolicyChange } from '../../shared/model/policy-change.js';
import type { Subscription, WebhookSecret } from '../../shared/model/subscription.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';
import { RecordingNotifier } from '../support/recording.js';

// ---------------------------------------------------------------------------------------------
// Real receivers on 127.0.0.1
// ---------------------------------------------------------------------------------------------

interface Hit {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface Receiver {
  url: string;
  hits: Hit[];
}

const servers: Server[] = [];
const sockets = new Set<Socket>();

/** A real HTTP receiver that records each request once its whole body is read, then lets `respond` answer. */
async function receiver(respond: RequestListener): Promise<Receiver> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      hits.push({ headers: req.headers, body: Buffer.concat(chunks) });
      respond(req, res);
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/material-alerts`, hits };
}

const answer =
  (statusCode: number, body = ''): RequestListener =>
  (_req, res) => {
    res.writeHead(statusCode, { 'content-type': 'text/plain' });
    res.end(body);
  };

/** Reads the request and never answers. */
const hang: RequestListener = () => undefined;

/** The three Standard Webhooks headers as a verifying library wants them. */
function signedHeaders(hit: Hit | undefined): Record<string, string> {
  const pick = (name: string) => {
    const value = hit?.headers[name];
    if (typeof value !== 'string') throw new Error(`header ${name} missing`);
    return value;
  };
  return {
    'webhook-id': pick('webhook-id'),
    'webhook-timestamp': pick('webhook-timestamp'),
    'webhook-signature': pick('webhook-signature'),
  };
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

let table: TestTable;

beforeAll(async () => {
  table = await createTestTable();
});

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

afterAll(() => {
  table.client.destroy();
});

/** A clock that starts at the real time (receivers check the signature's timestamp) and moves on demand. */
function testClock() {
  let now = Date.now();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

function recordingNotifier(): RecordingNotifier {
  return new RecordingNotifier();
}

function failingNotifier(): RecordingNotifier {
  const notifier = new RecordingNotifier();
  const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' });
  notifier.fail = { sendSms: throttled, sendEmail: throttled, publishOperatorAlerts: throttled };
  return notifier;
}

const DAY_MS = 86_400_000;

function makeDeps(overrides: Partial<DispatcherDeps> = {}): DispatcherDeps & { clock: () => Date } {
  return {
    deliveries: table.deliveries,
    subscriptions: table.subscriptions,
    retry: { schedule: [50, 100], floorMs: 0, random: () => 0.5 },
    timeoutMs: 500,
    sender: createHttpSender({ policy: { allowPrivate: true, requireHttps: false } }),
    notifier: recordingNotifier(),
    disableAfterMs: 5 * DAY_MS,
    clock: () => new Date(),
    ...overrides,
  };
}

function makeChange(now = new Date()): PolicyChange {
  return {
    id: newId('pc', now),
    revision: 1,
    source: 'mofcom',
    sourceRef: `announcement-${newId('ref')}`,
    title: 'Export controls on gallium and germanium items — licence required ✓',
    summary: 'Exporters need a dual-use licence for gallium and germanium metals and compounds.',
    url: 'https://www.mofcom.gov.cn/article/zwgk/gkzcfb/202307/20230703419666.shtml',
    issuingRegion: 'CN',
    originRegions: ['CN'],
    affectedRegions: ['*'],
    materials: ['gallium', 'germanium'],
    itemTypes: ['goods'],
    hsCodes: ['811292'],
    changeType: 'licence-requirement',
    direction: 'tightening',
    severity: 'high',
    conditions: [{ type: 'end-use', effect: 'restricts', values: ['military'] }],
    publishedAt: '2023-07-03T00:00:00.000Z',
    effectiveAt: '2023-08-01T00:00:00.000Z',
    ingestedAt: now.toISOString(),
    matching: { status: 'pending', matchedSubscriptions: 0 },
  };
}

function secret(extra: Partial<WebhookSecret> = {}): WebhookSecret {
  return { secret: generateWebhookSecret(), createdAt: new Date().toISOString(), ...extra };
}

/** A stored subscription; its SMS numbers have confirmed their codes unless `unconfirmed` says otherwise. */
async function createSubscription(
  channels: Pick<Subscription, 'webhook' | 'sms' | 'email' | 'emailTopicArn'>,
  options: { unconfirmed?: string[] } = {},
): Promise<Subscription> {
  const now = new Date().toISOString();
  const subscription: Subscription = {
    id: newId('sub'),
    subscriberId: newId('sbr'),
    name: 'Magnet plant sourcing',
    filters: { materials: ['gallium'] },
    ...channels,
    ...(channels.sms
      ? {
          smsConfirmations: Object.fromEntries(
            channels.sms.map((number) => [
              number,
              options.unconfirmed?.includes(number)
                ? { status: 'pending' as const }
                : { status: 'confirmed' as const, confirmedAt: now },
            ]),
          ),
        }
      : {}),
    status: 'active',
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await table.subscriptions.create(subscription);
  return subscription;
}

async function webhookSubscription(url: string, secrets: WebhookSecret[] = [secret()]) {
  return createSubscription({ webhook: { url, secrets, status: 'enabled' } });
}

/** An alert for the subscription with its deliveries stored, as the matcher writes them. */
async function createAlert(
  subscription: Subscription,
  channels: Channel[] = ['webhook'],
  type: EventType = 'policy_change.published',
): Promise<{ alert: Alert; deliveryIds: string[] }> {
  const alert = buildAlert({
    change: makeChange(),
    subscriptionId: subscription.id,
    subscriberId: subscription.subscriberId,
    type,
    match: { materials: [{ change: 'gallium', filter: 'gallium' }] },
    now: new Date(),
  });
  const { created, toSend } = await table.deliveries.createAlert(alert, channels);
  expect(created).toBe(true);
  return { alert, deliveryIds: toSend.map((delivery) => delivery.id) };
}

async function webhookDelivery(subscription: Subscription) {
  const { alert, deliveryIds } = await createAlert(subscription);
  const [deliveryId] = deliveryIds;
  if (!deliveryId) throw new Error('no delivery created');
  return { alert, deliveryId };
}

async function stored(deliveryId: string) {
  const delivery = await table.deliveries.getDelivery(deliveryId);
  if (!delivery) throw new Error(`delivery ${deliveryId} not stored`);
  return delivery;
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

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
