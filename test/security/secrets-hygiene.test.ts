import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../shared/api/app.js';
import { generateApiKey, hashApiKey, type SubscriberStore } from '../../shared/store/subscriber-store.js';
import {
  ADMIN,
  type ApiHarness,
  api,
  createHarness,
  expectProblem,
  newSubscriber,
  subscriptionBody,
} from '../api/support.js';
import { RecordingNotifier, RecordingQueue } from '../support/recording.js';

const SECRET_TEXT = /whsec_|ma_(adm|ing|sub)_|[0-9a-f]{64}|Bearer /;

let h: ApiHarness;
const lines: Record<string, unknown>[] = [];
const shown: string[] = [];

beforeAll(async () => {
  h = await createHarness({ log: (entry) => lines.push(entry) });
  const owner = await newSubscriber(h.http, 'Hygienic GmbH');
  shown.push(owner.key);
  const created = await h.http.post('/v1/subscriptions', subscriptionBody(), owner.key);
  shown.push(created.json.webhook.secret);
  const key = await h.http.post('/v1/api-keys', { scope: 'ingest' }, ADMIN);
  shown.push(key.json.apiKey);
  // Secrets where they do not belong: in a rejected body, and pasted into a path.
  await h.http.post('/v1/subscriptions', { name: created.json.webhook.secret, junk: owner.key }, owner.key);
  await h.http.get(`/v1/subscriptions/${owner.key}`, owner.key);
  await h.http.get(`/v1/subscriptions?token=${owner.key}`, owner.key);
  await h.http.get('/v1/subscriptions', `${owner.key}-wrong`);
});

describe('request logs', () => {
  it('one structured line per request: request id, method, path, status, duration, key id', () => {
    const requests = lines.filter((line) => line.message === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(7);
    for (const line of requests) {
      expect(line).toEqual({
        level: expect.stringMatching(/^(info|warn)$/),
        message: 'request',
        requestId: expect.any(String),
        method: expect.stringMatching(/^(GET|POST)$/),
        path: expect.stringMatching(/^\/v1\//),
        status: expect.any(Number),
        durationMs: expect.any(Number),
        ...(line.status === 401 ? {} : { keyId: expect.stringMatching(/^(key_|bootstrap-admin)/) }),
      });
    }
    expect(requests.find((line) => line.status === 401)).not.toHaveProperty('keyId');
  });

  it('never hold a key, a secret, a hash, the Authorization header, the query or the body', () => {
    const raw = JSON.stringify(lines);
    expect(raw).not.toMatch(SECRET_TEXT);
    for (const secret of shown) expect(raw).not.toContain(secret);
    expect(raw).not.toMatch(/authorization|token=|junk/i);
    expect(lines.some((line) => line.path === '/v1/subscriptions/[redacted]')).toBe(true);
  });

  it('echo a sensible x-request-id and replace one that is not', async () => {
    const good = await h.http.get('/health', undefined, { headers: { 'x-request-id': 'trace-42.abc' } });
    expect(good.headers.get('x-request-id')).toBe('trace-42.abc');
    for (const bad of ['has spaces in it', '<script>', 'x'.repeat(101), '"quoted"']) {
      const res = await h.http.get('/health', undefined, { headers: { 'x-request-id': bad } });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('errors', () => {
  it('an unexpected failure is a generic 500 problem; its log line is redacted', async () => {
    const logged: Record<string, unknown>[] = [];
    const failing = Object.create(h.table.subscribers) as SubscriberStore;
    failing.findApiKey = async (key: string) => {
      throw new Error(`lookup failed for ${key} (hash ${hashApiKey(key)}, secret whsec_leaky)`);
    };
    const app = createApp({
      ...h.table,
      subscribers: failing,
      catalogue: h.table.catalogues.current,
      adminKeyHash: async () => undefined,
      webhookPolicy: { allowPrivate: false, requireHttps: true },
      clock: () => new Date(),
      log: (entry) => logged.push(entry),
      queue: new RecordingQueue(),
      notifier: new RecordingNotifier(),
    });
    // A well-formed key (its checksum holds), so that it gets as far as the store.
    const res = await api(app).get('/v1/subscriptions', generateApiKey('subscriber'));
    expectProblem(res, 500, 'internal-error');
    expect(res.text).not.toMatch(/lookup failed|whsec_|ma_sub_/);
    const raw = JSON.stringify(logged);
    expect(raw).toContain('lookup failed for [redacted]');
    expect(raw).not.toMatch(SECRET_TEXT);
  });
});
