import { beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  type ApiHarness,
  createHarness,
  newIngestKey,
  newSubscriber,
  subscriptionBody,
} from '../api/support.js';
import { expectProblemDocument, ingestAndMatch, tableFingerprint } from './support.js';

interface Tenant {
  id: string;
  key: string;
  keyId: string;
  subscriptionId: string;
  deliveryId: string;
}

let h: ApiHarness;
let alice: Tenant;
let bob: Tenant;
let ingest: string;

async function tenant(name: string, url: string): Promise<Omit<Tenant, 'deliveryId'>> {
  const { id, key } = await newSubscriber(h.http, name);
  const keyId = (await h.http.get('/v1/me/api-keys', key)).json.items[0].keyId as string;
  const created = await h.http.post(
    '/v1/subscriptions',
    subscriptionBody({ name: `${name} secret project`, webhook: { url } }),
    key,
  );
  expect(created.status).toBe(201);
  return { id, key, keyId, subscriptionId: created.json.id };
}

beforeAll(async () => {
  h = await createHarness();
  const a = await tenant('Alice Magnets', 'https://alice.example.com/hooks');
  const b = await tenant('Bob Batteries', 'https://bob.example.com/hooks');
  await ingestAndMatch(h, { materials: ['dysprosium'] });
  const deliveryOf = async (t: typeof a) =>
    (await h.http.get(`/v1/subscriptions/${t.subscriptionId}/deliveries`, t.key)).json.items[0].id as string;
  alice = { ...a, deliveryId: await deliveryOf(a) };
  bob = { ...b, deliveryId: await deliveryOf(b) };
  ingest = await newIngestKey(h.http);
});

type Expectation = 'not-found' | 'forbidden' | 'public';

/**
 * Every route that takes an id, with one of Alice's ids and a body that would be valid: Bob's key
 * (or an ingest key) must learn nothing and change nothing. Routes for administrators answer 403
 * to a subscriber; the rest answer 404, exactly as for an id that does not exist.
 */
const ID_ROUTES: Record<string, { id: () => string; body?: () => unknown; expect: Expectation }> = {
  'GET /v1/subscriptions/{id}': { id: () => alice.subscriptionId, expect: 'not-found' },
  'PATCH /v1/subscriptions/{id}': {
    id: () => alice.subscriptionId,
    body: () => ({ name: 'Hijacked', webhook: { url: 'https://bob.example.com/stolen' } }),
    expect: 'not-found',
  },
  'DELETE /v1/subscriptions/{id}': { id: () => alice.subscriptionId, expect: 'not-found' },
  'GET /v1/subscriptions/{id}/deliveries': { id: () => alice.subscriptionId, expect: 'not-found' },
  'POST /v1/subscriptions/{id}/recover': {
    id: () => alice.subscriptionId,
    body: () => ({ since: '2020-01-01T00:00:00Z' }),
    expect: 'not-found',
  },
  'POST /v1/subscriptions/{id}/test': { id: () => alice.subscriptionId, expect: 'not-found' },
  'GET /v1/subscriptions/{id}/digest': { id: () => alice.subscriptionId, expect: 'not-found' },
  'POST /v1/subscriptions/{id}/chat-test': {
    id: () => alice.subscriptionId,
    body: () => ({ channel: 'slack' }),
    expect: 'not-found',
  },
  'POST /v1/subscriptions/{id}/rotate-secret': { id: () => alice.subscriptionId, expect: 'not-found' },
  'POST /v1/subscriptions/{id}/webhook/enable': { id: () => alice.subscriptionId, expect: 'not-found' },
  'POST /v1/subscriptions/{id}/webhook/disable': { id: () => alice.subscriptionId, expect: 'not-found' },
  'GET /v1/subscriptions/{id}/webhook/health': { id: () => alice.subscriptionId, expect: 'not-found' },
  'POST /v1/subscriptions/{id}/sms/confirm': {
    id: () => alice.subscriptionId,
    body: () => ({ phoneNumber: '+4915112345678', code: '123456' }),
    expect: 'not-found',
  },
  'POST /v1/subscriptions/{id}/sms/resend': {
    id: () => alice.subscriptionId,
    body: () => ({ phoneNumber: '+4915112345678' }),
    expect: 'not-found',
  },
  'GET /v1/deliveries/{id}': { id: () => alice.deliveryId, expect: 'not-found' },
  'POST /v1/deliveries/{id}/retry': { id: () => alice.deliveryId, expect: 'not-found' },
  'DELETE /v1/me/api-keys/{keyId}': { id: () => alice.keyId, expect: 'not-found' },
  'DELETE /v1/api-keys/{keyId}': { id: () => alice.keyId, expect: 'forbidden' },
  'GET /v1/admin/subscriptions/{id}': { id: () => alice.subscriptionId, expect: 'forbidden' },
  'PATCH /v1/admin/subscriptions/{id}': {
    id: () => alice.subscriptionId,
    body: () => ({ status: 'paused' }),
    expect: 'forbidden',
  },
  'POST /v1/admin/subscriptions/{id}/pause': { id: () => alice.subscriptionId, expect: 'forbidden' },
  'POST /v1/admin/subscriptions/{id}/resume': { id: () => alice.subscriptionId, expect: 'forbidden' },
  'PATCH /v1/admin/subscribers/{id}': {
    id: () => alice.id,
    body: () => ({ name: 'Hijacked' }),
    expect: 'forbidden',
  },
  'DELETE /v1/admin/subscribers/{id}': { id: () => alice.id, expect: 'forbidden' },
  'GET /v1/admin/subscribers/{id}': { id: () => alice.id, expect: 'forbidden' },
  'PUT /v1/materials/{id}': {
    id: () => 'gallium',
    body: () => ({ name: 'Gallium', kind: 'element', parent: 'lithium' }),
    expect: 'forbidden',
  },
  'DELETE /v1/materials/{id}': { id: () => 'gallium', expect: 'forbidden' },
  'PUT /v1/regions/groups/{id}': {
    id: () => 'EU',
    body: () => ({ name: 'EU', members: ['DE'] }),
    expect: 'forbidden',
  },
  'GET /v1/admin/review/{id}': { id: () => 'rv_any', expect: 'forbidden' },
  'POST /v1/admin/review/{id}/approve': { id: () => 'rv_any', body: () => ({}), expect: 'forbidden' },
  'GET /v1/admin/review/{id}/reach': { id: () => 'rv_any', expect: 'forbidden' },
  'POST /v1/admin/review/{id}/reject': {
    id: () => 'rv_any',
    body: () => ({ reason: 'no' }),
    expect: 'forbidden',
  },
  // Policy changes are public facts, not a tenant's data: every key may read them (docs/decisions.md).
  'GET /v1/policy-changes/{id}': { id: () => 'pc_any', expect: 'public' },
  'GET /v1/policy-changes/{id}/revisions': { id: () => 'pc_any', expect: 'public' },
  // A calendar's token is its only credential: whoever holds the URL reads it, with any key or none.
  'GET /v1/calendars/{token}': { id: () => 'cal_unknown.ics', expect: 'public' },
};

const cases = () =>
  Object.entries(ID_ROUTES).map(([route, spec]) => {
    const [method = '', template = ''] = route.split(' ');
    return { route, method, path: template.replace(/\{[^}]+\}/, encodeURIComponent(spec.id())), spec };
  });

describe('tenant isolation on every route that takes an id', () => {
  it('covers every such route of the OpenAPI document', async () => {
    const doc = (await h.http.get('/openapi.json')).json as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, operations]) =>
      path.includes('{') ? Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`) : [],
    );
    expect(routes.sort()).toEqual(Object.keys(ID_ROUTES).sort());
  });

  it.each(Object.keys(ID_ROUTES))(
    "%s with Alice's id and Bob's key: 404 (or 403 for admin routes), no data, nothing changed",
    async (route) => {
      const target = cases().find((c) => c.route === route);
      if (!target) throw new Error(route);
      const before = await tableFingerprint(h);
      const queued = h.queue.calls.length;
      const topics = h.notifier.topicsEnsured.length + h.notifier.topicsDeleted.length;

      for (const key of [bob.key, ingest]) {
        const res = await h.http.send(target.method, target.path, target.spec.body?.(), { key });
        if (target.spec.expect === 'public') {
          expect([200, 404]).toContain(res.status);
          continue;
        }
        // Ingest keys may use no id route except reading policy changes.
        const expected = key === ingest ? 'forbidden' : target.spec.expect;
        expectProblemDocument(res, `${route} with ${key === ingest ? 'an ingest' : "Bob's"} key`);
        expect(res.status).toBe(expected === 'not-found' ? 404 : 403);
        expect(res.text).not.toMatch(/Alice|alice\.example\.com|secret project/);
      }

      expect(await tableFingerprint(h)).toEqual(before);
      expect(h.queue.calls.length).toBe(queued);
      expect(h.notifier.topicsEnsured.length + h.notifier.topicsDeleted.length).toBe(topics);
    },
  );

  it("answers another tenant's id exactly as an id that does not exist", async () => {
    const missing: Record<string, string> = {
      [alice.subscriptionId]: 'sub_0000000000000000000000000000',
      [alice.deliveryId]: alice.deliveryId.replace(/[0-9a-f]{32}/, '0'.repeat(32)),
      [alice.keyId]: 'key_0000000000000000000000000000',
    };
    for (const target of cases().filter((c) => c.spec.expect === 'not-found')) {
      const real = target.spec.id();
      const fake = missing[real];
      if (!fake) throw new Error(`no missing id for ${target.route}`);
      const theirs = await h.http.send(target.method, target.path, target.spec.body?.(), { key: bob.key });
      const none = await h.http.send(
        target.method,
        target.path.replace(encodeURIComponent(real), fake),
        target.spec.body?.(),
        { key: bob.key },
      );
      const shape = (res: typeof theirs, id: string) => ({
        status: res.status,
        type: res.json.type,
        title: res.json.title,
        detail: String(res.json.detail).replace(id, '<id>'),
      });
      expect(shape(theirs, real), target.route).toEqual(shape(none, fake));
    }
  });

  it('Alice can still use every one of her ids (the 404s above are about ownership, not the ids)', async () => {
    expect((await h.http.get(`/v1/subscriptions/${alice.subscriptionId}`, alice.key)).status).toBe(200);
    expect((await h.http.get(`/v1/deliveries/${alice.deliveryId}`, alice.key)).status).toBe(200);
    expect((await h.http.get(`/v1/admin/subscriptions/${alice.subscriptionId}`, ADMIN)).status).toBe(200);
  });

  it("lists never mix tenants: Bob's lists hold none of Alice's ids", async () => {
    const texts = await Promise.all(
      ['/v1/subscriptions', '/v1/me/api-keys', `/v1/subscriptions/${bob.subscriptionId}/deliveries`].map(
        async (path) => (await h.http.get(path, bob.key)).text,
      ),
    );
    for (const text of texts) {
      for (const id of [alice.id, alice.subscriptionId, alice.deliveryId, alice.keyId]) {
        expect(text).not.toContain(id);
      }
    }
  });
});
