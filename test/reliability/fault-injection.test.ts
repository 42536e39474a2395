import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/local-runtime.js';
import { ADMIN, apiClient, galliumChange, startTestRuntime } from './support.js';

/** Four attempts in all: immediately, then 50, 100 and 150 ms later. */
const SCHEDULE = '50ms,100ms,150ms';
const ATTEMPTS = 4;

type Behaviour = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

/** Receivers that misbehave in the ways real endpoints do, one per path. */
const behaviours: Record<string, Behaviour> = {
  '/always-500': (_req, res) => res.writeHead(500).end('boom'),
  '/503-retry-after-once': (_req, res, hit) =>
    hit === 1 ? res.writeHead(503, { 'retry-after': '1' }).end('busy') : res.writeHead(200).end('ok'),
  '/gone': (_req, res) => res.writeHead(410).end('gone'),
  '/redirect': (_req, res) => res.writeHead(301, { location: '/redirect-target' }).end(),
  '/redirect-target': (_req, res) => res.writeHead(200).end('should never be reached'),
  '/hang': () => {
    // Never answers: the dispatcher's timeout must end each attempt.
  },
  '/reset': (req) => req.socket.destroy(),
  '/third-time-lucky': (_req, res, hit) =>
    hit < 3 ? res.writeHead(500).end('not yet') : res.writeHead(204).end(),
};

describe('fault injection: every delivery ends delivered or dead, with the right reason and attempts', () => {
  let runtime: LocalRuntime;
  let server: Server;
  let receiverUrl: string;
  const hits = new Map<string, number[]>();
  const webhookIds = new Map<string, Set<string>>();
  const subscriptions = new Map<string, string>();
  let subscriberKey: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '';
      const times = hits.get(path) ?? [];
      times.push(Date.now());
      hits.set(path, times);
      const ids = webhookIds.get(path) ?? new Set<string>();
      ids.add(String(req.headers['webhook-id']));
      webhookIds.set(path, ids);
      req.resume();
      req.on('end', () => behaviours[path]?.(req, res, times.length));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    runtime = await startTestRuntime({ RETRY_SCHEDULE: SCHEDULE, WEBHOOK_TIMEOUT: '300ms' });
    const call = apiClient(runtime.url);
    subscriberKey = (await call('POST', '/v1/subscribers', ADMIN, { name: 'Fault injection' })).json.apiKey;
    for (const path of Object.keys(behaviours).filter((p) => p !== '/redirect-target')) {
      const created = await call('POST', '/v1/subscriptions', subscriberKey, {
        name: path,
        filters: { materials: ['gallium'] },
        webhook: { url: `${receiverUrl}${path}` },
      });
      subscriptions.set(path, created.json.id);
    }
    expect((await call('POST', '/v1/policy-changes', ADMIN, galliumChange())).status).toBe(202);
    await runtime.settled();
  }, 60_000);

  afterAll(async () => {
    await runtime?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function deliveryOf(path: string) {
    const page = await apiClient(runtime.url)(
      'GET',
      `/v1/subscriptions/${subscriptions.get(path)}/deliveries`,
      subscriberKey,
    );
    expect(page.json.items).toHaveLength(1);
    return page.json.items[0];
  }

  it.each([
    ['/always-500', 'dead', ATTEMPTS, /HTTP 500; gave up after 4 attempts/],
    ['/gone', 'dead', 1, /410 Gone/],
    ['/redirect', 'dead', ATTEMPTS, /HTTP 301; gave up after 4 attempts/],
    ['/hang', 'dead', ATTEMPTS, /no response within 300 ms; gave up after 4 attempts/],
    ['/reset', 'dead', ATTEMPTS, /socket hang up|ECONNRESET|connection/i],
    ['/503-retry-after-once', 'delivered', 2, undefined],
    ['/third-time-lucky', 'delivered', 3, undefined],
  ])('%s ends %s after %i attempt(s)', async (path, status, attempts, reason) => {
    const delivery = await deliveryOf(path);
    expect(delivery.status).toBe(status);
    expect(delivery.attempts).toHaveLength(attempts);
    if (reason) expect(delivery.deadReason).toMatch(reason);
    else expect(delivery.deadReason).toBeUndefined();
    // The receiver's dedupe key never changes between attempts.
    expect(webhookIds.get(path)).toEqual(new Set([delivery.webhookId]));
  });

  it('records what each attempt saw', async () => {
    const failing = await deliveryOf('/always-500');
    expect(failing.attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 500, 500]);
    expect(failing.attempts[0].excerpt).toBe('boom');
    const hanging = await deliveryOf('/hang');
    for (const attempt of hanging.attempts) {
      expect(attempt.statusCode).toBeUndefined();
      expect(attempt.durationMs).toBeGreaterThanOrEqual(250);
    }
  });

  it('never follows a redirect', () => {
    expect(hits.get('/redirect')).toHaveLength(ATTEMPTS);
    expect(hits.get('/redirect-target')).toBeUndefined();
  });

  it('honours Retry-After on 503 over the much shorter schedule', () => {
    const [first = 0, second = 0] = hits.get('/503-retry-after-once') ?? [];
    expect(second - first).toBeGreaterThanOrEqual(950);
  });

  it('disables the webhook that answered 410 Gone, and only that one', async () => {
    const call = apiClient(runtime.url);
    const gone = await call('GET', `/v1/subscriptions/${subscriptions.get('/gone')}`, subscriberKey);
    expect(gone.json.webhook).toMatchObject({
      status: 'disabled',
      disabledReason: expect.stringMatching(/410/),
    });
    const other = await call('GET', `/v1/subscriptions/${subscriptions.get('/always-500')}`, subscriberKey);
    expect(other.json.webhook.status).toBe('enabled');
    expect(other.json.webhook.failingSince).toEqual(expect.any(String));
    // The service's own change is on record, by the system, with the state before and after.
    const audit = await call('GET', '/v1/admin/audit?action=subscription.webhook-disabled', ADMIN);
    expect(audit.json.items).toHaveLength(1);
    expect(audit.json.items[0]).toMatchObject({
      actor: { keyId: 'system' },
      target: { type: 'subscription', id: subscriptions.get('/gone') },
      before: { webhook: { status: 'enabled' } },
      after: { webhook: { status: 'disabled' } },
    });
  });

  it('replays a dead delivery with the same webhook-id once the receiver is fixed', async () => {
    behaviours['/always-500'] = (_req, res) => res.writeHead(200).end('fixed');
    const call = apiClient(runtime.url);
    const dead = await deliveryOf('/always-500');
    const retried = await call('POST', `/v1/deliveries/${dead.id}/retry`, subscriberKey);
    expect(retried.status).toBe(202);
    await runtime.settled();
    const after = await deliveryOf('/always-500');
    expect(after).toMatchObject({ status: 'delivered', webhookId: dead.webhookId });
    expect(after.attempts).toHaveLength(ATTEMPTS + 1);
    expect(webhookIds.get('/always-500')).toEqual(new Set([dead.webhookId]));
  });
});
