import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { DispatcherDeps } from '../../shared/delivery/dispatcher.js';
import { createHttpSender } from '../../shared/delivery/webhooks/http-sender.js';
import { generateWebhookSecret } from '../../shared/delivery/webhooks/signing.js';
import { newId } from '../../shared/kernel/ids.js';
import { buildAlert } from '../../shared/matching/build-alert.js';
import type { Alert, Channel, EventType } from '../../shared/model/delivery.js';
import type { PolicyChange } from '../../shared/model/policy-change.js';
import type { Subscription, WebhookSecret } from '../../shared/model/subscription.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';
import { RecordingNotifier } from '../support/recording.js';

/**
 * What the dispatcher tests share: real webhook receivers on 127.0.0.1, a table on DynamoDB Local,
 * and the subscriptions, alerts and deliveries stored in it.
 */

// ---------------------------------------------------------------------------------------------
// Real receivers on 127.0.0.1
// ---------------------------------------------------------------------------------------------

export interface Hit {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Receiver {
  url: string;
  hits: Hit[];
}

export const servers: Server[] = [];
export const sockets = new Set<Socket>();

/** A real HTTP receiver that records each request once its whole body is read, then lets `respond` answer. */
export async function receiver(respond: RequestListener): Promise<Receiver> {
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

export const answer =
  (statusCode: number, body = ''): RequestListener =>
  (_req, res) => {
    res.writeHead(statusCode, { 'content-type': 'text/plain' });
    res.end(body);
  };

/** Reads the request and never answers. */
export const hang: RequestListener = () => undefined;

/** The three Standard Webhooks headers as a verifying library wants them. */
export function signedHeaders(hit: Hit | undefined): Record<string, string> {
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

// Live binding: set by the beforeAll that useDispatcherHarness registers.
export let table: TestTable;

/** One table for the file; after each test its receivers are closed, their sockets destroyed. */
export function useDispatcherHarness(): void {
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
}

/** A clock that starts at the real time (receivers check the signature's timestamp) and moves on demand. */
export function testClock() {
  let now = Date.now();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

export function recordingNotifier(): RecordingNotifier {
  return new RecordingNotifier();
}

export function failingNotifier(): RecordingNotifier {
  const notifier = new RecordingNotifier();
  const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' });
  notifier.fail = { sendSms: throttled, sendEmail: throttled, publishOperatorAlerts: throttled };
  return notifier;
}

export const DAY_MS = 86_400_000;

export function makeDeps(overrides: Partial<DispatcherDeps> = {}): DispatcherDeps & { clock: () => Date } {
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

export function makeChange(now = new Date()): PolicyChange {
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

export function secret(extra: Partial<WebhookSecret> = {}): WebhookSecret {
  return { secret: generateWebhookSecret(), createdAt: new Date().toISOString(), ...extra };
}

/** A stored subscription; its SMS numbers have confirmed their codes unless `unconfirmed` says otherwise. */
export async function createSubscription(
  channels: Pick<Subscription, 'webhook' | 'sms' | 'email' | 'emailTopicArn' | 'slack' | 'teams'>,
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

export async function webhookSubscription(url: string, secrets: WebhookSecret[] = [secret()]) {
  return createSubscription({ webhook: { url, secrets, status: 'enabled' } });
}

/** An alert for the subscription with its deliveries stored, as the matcher writes them. */
export async function createAlert(
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

export async function webhookDelivery(subscription: Subscription) {
  const { alert, deliveryIds } = await createAlert(subscription);
  const [deliveryId] = deliveryIds;
  if (!deliveryId) throw new Error('no delivery created');
  return { alert, deliveryId };
}

export async function stored(deliveryId: string) {
  const delivery = await table.deliveries.getDelivery(deliveryId);
  if (!delivery) throw new Error(`delivery ${deliveryId} not stored`);
  return delivery;
}
