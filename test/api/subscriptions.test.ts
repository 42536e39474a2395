import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiHarness,
  createHarness,
  expectProblem,
  newSubscriber,
  problemFields,
  subscriptionBody,
} from './support.js';

let h: ApiHarness;
let owner: { id: string; key: string };
beforeAll(async () => {
  h = await createHarness();
  owner = await newSubscriber(h.http, 'Contract Tests GmbH');
});

async function create(body: Record<string, unknown>, key = owner.key) {
  const res = await h.http.post('/v1/subscriptions', body, key);
  expect(res.status, res.text).toBe(201);
  return res;
}

async function listCount(key = owner.key): Promise<number> {
  const res = await h.http.get('/v1/subscriptions', key);
  expect(res.status).toBe(200);
  return res.json.items.length;
}

async function indexedIds(material: string): Promise<string[]> {
  const { candidates } = await h.table.subscriptions.candidates([`MATERIAL#${material}`]);
  return candidates.map((c) => c.subscriptionId);
}

describe('POST /v1/subscriptions', () => {
  it('answers 201 with the id and the webhook secret, shown this once', async () => {
    const res = await create(subscriptionBody());
    expect(res.json.id).toMatch(/^sub_/);
    expect(res.json.webhook).toMatchObject({
      url: 'https://hooks.example.com/material-alerts',
      status: 'enabled',
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+=*$/),
    });
    const secretBytes = Buffer.from(res.json.webhook.secret.slice('whsec_'.length), 'base64');
    expect(secretBytes.length).toBeGreaterThanOrEqual(24);
    expect(secretBytes.length).toBeLessThanOrEqual(64);

    const got = await h.http.get(`/v1/subscriptions/${res.json.id}`, owner.key);
    expect(got.status).toBe(200);
    expect(got.text).not.toContain('whsec_');
    expect(got.text).not.toContain(res.json.webhook.secret);
    expect(got.json.webhook).toEqual({
      url: 'https://hooks.example.com/material-alerts',
      status: 'enabled',
      rateLimit: 10,
    });

    const list = await h.http.get('/v1/subscriptions', owner.key);
    expect(list.text).not.toContain('whsec_');
    expect(list.json.items.map((s: { id: string }) => s.id)).toContain(res.json.id);
  });

  it('gives every subscription its own secret', async () => {
    const a = await create(subscriptionBody());
    const b = await create(subscriptionBody());
    expect(a.json.webhook.secret).not.toBe(b.json.webhook.secret);
  });

  it('normalises region codes to canonical case and deduplicates', async () => {
    const res = await create(
      subscriptionBody({
        filters: {
          materials: ['gallium', 'gallium', 'germanium'],
          issuingRegions: ['cn', 'CN'],
          affectedRegions: ['us', 'eu', 'five-eyes'],
        },
      }),
    );
    expect(res.json.filters).toMatchObject({
      materials: ['gallium', 'germanium'],
      issuingRegions: ['CN'],
      affectedRegions: ['US', 'EU', 'FIVE-EYES'],
    });
    const got = await h.http.get(`/v1/subscriptions/${res.json.id}`, owner.key);
    expect(got.json.filters.affectedRegions).toEqual(['US', 'EU', 'FIVE-EYES']);
  });

  it('accepts sms-only and email-only subscriptions without a secret; email is lower-cased', async () => {
    const sms = await create(subscriptionBody({ webhook: undefined, sms: ['+4915112345678'] }));
    expect(sms.json.webhook).toBeUndefined();
    expect(sms.text).not.toContain('whsec_');
    expect(sms.json.sms).toEqual(['+4915112345678']);
    const email = await create(subscriptionBody({ webhook: undefined, email: ['Compliance@Example.COM'] }));
    expect(email.json.email).toEqual(['compliance@example.com']);
  });

  it('writes one index entry per filter material, including *', async () => {
    const res = await create(subscriptionBody({ filters: { materials: ['*'] } }));
    expect(await indexedIds('*')).toContain(res.json.id);
  });

  it('refuses a subscription without any channel, naming the field', async () => {
    const before = await listCount();
    const items = await h.itemCount();
    const res = await h.http.post('/v1/subscriptions', subscriptionBody({ webhook: undefined }), owner.key);
    expectProblem(res, 422, 'validation-error');
    expect(problemFields(res)).toContain('webhook');
    expect(res.json.errors.find((e: { field: string }) => e.field === 'webhook').message).toMatch(/channel/);
    expect(await listCount()).toBe(before);
    expect(await h.itemCount()).toBe(items);
  });

  it.each([
    ['loopback over http', 'http://127.0.0.1/x'],
    ['plain http while https is required', 'http://example.com'],
    ['loopback over https', 'https://127.0.0.1/x'],
    ['loopback in decimal', 'https://2130706433/x'],
    ['loopback in hex', 'https://0x7f.0.0.1/x'],
    ['IPv6 loopback', 'https://[::1]/x'],
    ['IPv4-mapped IPv6 loopback', 'https://[::ffff:127.0.0.1]/x'],
    ['cloud metadata', 'https://169.254.169.254/latest/meta-data'],
    ['private network', 'https://10.0.0.5/hook'],
    ['CGNAT', 'https://100.64.0.1/hook'],
    ['localhost', 'https://localhost/hook'],
    ['localhost with trailing dot', 'https://localhost./hook'],
    ['credentials in the URL', 'https://user:secret@example.com/hook'],
    ['a non-web low port', 'https://example.com:25/hook'],
  ])('refuses a webhook URL (%s) with 422 on webhook.url and writes nothing', async (_label, url) => {
    const before = await listCount();
    const items = await h.itemCount();
    const res = await h.http.post('/v1/subscriptions', subscriptionBody({ webhook: { url } }), owner.key);
    expectProblem(res, 422, 'validation-error');
    expect(problemFields(res)).toContain('webhook.url');
    expect(res.text).not.toContain('whsec_');
    expect(await listCount()).toBe(before);
    expect(await h.itemCount()).toBe(items);
  });

  it.each([
    ['ftp scheme', 'ftp://example.com/hook'],
    ['not a URL', 'hooks.example.com'],
  ])('refuses a webhook URL that is no http(s) URL (%s) with 422 on webhook.url', async (_label, url) => {
    const items = await h.itemCount();
    const res = await h.http.post('/v1/subscriptions', subscriptionBody({ webhook: { url } }), owner.key);
    expectProblem(res, 422, 'validation-error');
    expect(problemFields(res)).toContain('webhook.url');
    expect(await h.itemCount()).toBe(items);
  });
});

describe('PATCH /v1/subscriptions/{id}', () => {
  it('replaces the filters and moves the index entries with them', async () => {
    const created = await create(subscriptionBody({ filters: { materials: ['lithium'] } }));
    const id = created.json.id as string;
    expect(await indexedIds('lithium')).toContain(id);

    const res = await h.http.patch(
      `/v1/subscriptions/${id}`,
      { filters: { materials: ['cobalt'], affectedRegions: ['jp'], changeTypes: ['export-ban'] } },
      owner.key,
    );
    expect(res.status).toBe(200);
    expect(res.json.filters).toEqual({
      materials: ['cobalt'],
      affectedRegions: ['JP'],
      changeTypes: ['export-ban'],
    });
    expect(res.json.version).toBe(2);
    expect(res.text).not.toContain('whsec_');

    const got = await h.http.get(`/v1/subscriptions/${id}`, owner.key);
    expect(got.json.filters).toEqual(res.json.filters);
    expect(await indexedIds('lithium')).not.toContain(id);
    expect(await indexedIds('cobalt')).toContain(id);
  });

  it('pauses and resumes', async () => {
    const id = (await create(subscriptionBody())).json.id as string;
    const paused = await h.http.patch(`/v1/subscriptions/${id}`, { status: 'paused' }, owner.key);
    expect(paused.status).toBe(200);
    expect(paused.json.status).toBe('paused');
    expect((await h.http.get(`/v1/subscriptions/${id}`, owner.key)).json.status).toBe('paused');
    const active = await h.http.patch(`/v1/subscriptions/${id}`, { status: 'active' }, owner.key);
    expect(active.json.status).toBe('active');
  });

  it('refuses status disabled (only the service disables)', async () => {
    const id = (await create(subscriptionBody())).json.id as string;
    const res = await h.http.patch(`/v1/subscriptions/${id}`, { status: 'disabled' }, owner.key);
    expectProblem(res, 422, 'validation-error');
    expect(problemFields(res)).toContain('status');
    expect((await h.http.get(`/v1/subscriptions/${id}`, owner.key)).json.status).toBe('active');
  });

  it('refuses removing the webhook when it is the only channel, and changes nothing', async () => {
    const id = (await create(subscriptionBody())).json.id as string;
    const before = await h.http.get(`/v1/subscriptions/${id}`, owner.key);
    const res = await h.http.patch(`/v1/subscriptions/${id}`, { webhook: null }, owner.key);
    expectProblem(res, 422, 'validation-error');
    expect(problemFields(res)).toContain('webhook');
    const after = await h.http.get(`/v1/subscriptions/${id}`, owner.key);
    expect(after.json).toEqual(before.json);
    expect((await h.table.subscriptions.get(id))?.webhook?.secrets).toHaveLength(1);
  });

  it('removes the webhook when another channel remains', async () => {
    const id = (await create(subscriptionBody({ sms: ['+819012345678'] }))).json.id as string;
    const res = await h.http.patch(`/v1/subscriptions/${id}`, { webhook: null }, owner.key);
    expect(res.status).toBe(200);
    expect(res.json.webhook).toBeUndefined();
    expect(res.json.sms).toEqual(['+819012345678']);
    expect((await h.table.subscriptions.get(id))?.webhook).toBeUndefined();
  });

  it('adding a webhook to an sms-only subscription returns a fresh secret once', async () => {
    const id = (await create(subscriptionBody({ webhook: undefined, sms: ['+4915112345678'] }))).json
      .id as string;
    const res = await h.http.patch(
      `/v1/subscriptions/${id}`,
      { webhook: { url: 'https://receiver.example.org/hook' } },
      owner.key,
    );
    expect(res.status).toBe(200);
    expect(res.json.webhook).toMatchObject({
      url: 'https://receiver.example.org/hook',
      status: 'enabled',
      secret: expect.stringMatching(/^whsec_/),
    });
    const stored = await h.table.subscriptions.get(id);
    expect(stored?.webhook?.secrets.map((s) => s.secret)).toEqual([res.json.webhook.secret]);

    const got = await h.http.get(`/v1/subscriptions/${id}`, owner.key);
    expect(got.text).not.toContain('whsec_');
    expect(got.json.webhook).toEqual({
      url: 'https://receiver.example.org/hook',
      status: 'enabled',
      rateLimit: 10,
    });

    // Changing the URL afterwards keeps the secret and does not show it again.
    const moved = await h.http.patch(
      `/v1/subscriptions/${id}`,
      { webhook: { url: 'https://receiver.example.org/v2' } },
      owner.key,
    );
    expect(moved.status).toBe(200);
    expect(moved.text).not.toContain('whsec_');
    expect((await h.table.subscriptions.get(id))?.webhook?.secrets.map((s) => s.secret)).toEqual([
      res.json.webhook.secret,
    ]);
  });

  it.each([['http://127.0.0.1/x'], ['http://example.com']])(
    'refuses a new webhook URL %s and keeps the old one',
    async (url) => {
      const id = (await create(subscriptionBody())).json.id as string;
      const res = await h.http.patch(`/v1/subscriptions/${id}`, { webhook: { url } }, owner.key);
      expectProblem(res, 422, 'validation-error');
      expect(problemFields(res)).toContain('webhook.url');
      const got = await h.http.get(`/v1/subscriptions/${id}`, owner.key);
      expect(got.json.webhook.url).toBe('https://hooks.example.com/material-alerts');
      expect(got.json.version).toBe(1);
    },
  );

  it('refuses unknown materials in new filters and keeps the old filters', async () => {
    const id = (await create(subscriptionBody())).json.id as string;
    const res = await h.http.patch(
      `/v1/subscriptions/${id}`,
      { filters: { materials: ['unobtainium'] } },
      owner.key,
    );
    expectProblem(res, 422, 'validation-error');
    expect(res.json.errors).toContainEqual(
      expect.objectContaining({ field: 'filters.materials', values: ['unobtainium'] }),
    );
    expect((await h.http.get(`/v1/subscriptions/${id}`, owner.key)).json.filters.materials).toEqual([
      'rare-earths',
    ]);
  });
});

describe('DELETE /v1/subscriptions/{id}', () => {
  it('removes the subscription and its index entries', async () => {
    const id = (await create(subscriptionBody({ filters: { materials: ['antimony', 'tungsten'] } }))).json
      .id as string;
    expect(await indexedIds('antimony')).toContain(id);
    const res = await h.http.delete(`/v1/subscriptions/${id}`, owner.key);
    expect(res.status).toBe(204);
    expect(await indexedIds('antimony')).not.toContain(id);
    expect(await indexedIds('tungsten')).not.toContain(id);
    expectProblem(await h.http.get(`/v1/subscriptions/${id}`, owner.key), 404, 'not-found');
    expectProblem(await h.http.patch(`/v1/subscriptions/${id}`, { name: 'x' }, owner.key), 404, 'not-found');
    expectProblem(await h.http.get(`/v1/subscriptions/${id}/deliveries`, owner.key), 404, 'not-found');
  });
});
