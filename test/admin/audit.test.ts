import { ConditionalCheckFailedException, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { maskQueryValues, redactSecrets } from '../../shared/kernel/redaction.js';
import { newAuditRecord } from '../../shared/model/audit-record.js';
import {
  ADMIN,
  type ApiHarness,
  createHarness,
  expectProblem,
  newIngestKey,
  newSubscriber,
  policyChangeBody,
  subscriptionBody,
} from '../api/support.js';

let h: ApiHarness;
/** Every key and secret this file's requests were shown: none may reach the audit trail. */
const secretsSeen: string[] = [];
let owner: { id: string; key: string };
let subscriptionId: string;
let adminKey: { keyId: string; apiKey: string };

interface Entry {
  id: string;
  at: string;
  actor: { keyId: string; scope: string; subscriberId?: string };
  action: string;
  target: { type: string; id: string };
  subscriberId?: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  requestId?: string;
}

async function audit(query = ''): Promise<Entry[]> {
  const res = await h.http.get(`/v1/admin/audit${query}`, ADMIN);
  expect(res.status, res.text).toBe(200);
  return res.json.items;
}

/** The newest entry for a target and action. */
async function latest(target: string, action: string): Promise<Entry> {
  const [entry] = await audit(`?target=${target}&action=${action}&limit=1`);
  if (!entry) throw new Error(`no ${action} on ${target} in the audit trail`);
  return entry;
}

beforeAll(async () => {
  h = await createHarness();
  owner = await newSubscriber(h.http, 'Audited GmbH');
  secretsSeen.push(owner.key);
  const created = await h.http.post('/v1/subscriptions', subscriptionBody(), owner.key);
  subscriptionId = created.json.id;
  secretsSeen.push(created.json.webhook.secret);
  const admin = await h.http.post('/v1/api-keys', { scope: 'admin', name: 'Ops: Ana' }, ADMIN);
  adminKey = { keyId: admin.json.keyId, apiKey: admin.json.apiKey };
  secretsSeen.push(adminKey.apiKey);
});

describe('every admin action is on record', () => {
  it('subscriber created: who, when, and the subscriber with its first key id (never the key)', async () => {
    const entry = await latest(`subscriber:${owner.id}`, 'subscriber.created');
    expect(entry).toMatchObject({
      actor: { keyId: 'bootstrap-admin', scope: 'admin' },
      target: { type: 'subscriber', id: owner.id },
      subscriberId: owner.id,
      after: { id: owner.id, name: 'Audited GmbH', firstKey: { keyId: expect.stringMatching(/^key_/) } },
      requestId: expect.any(String),
    });
    expect(Date.now() - Date.parse(entry.at)).toBeLessThan(60_000);
  });

  it('API key created and revoked', async () => {
    const ingest = await h.http.post('/v1/api-keys', { scope: 'ingest' }, adminKey.apiKey);
    secretsSeen.push(ingest.json.apiKey);
    expect(await latest(`api-key:${ingest.json.keyId}`, 'api-key.created')).toMatchObject({
      actor: { keyId: adminKey.keyId, scope: 'admin' },
      after: { keyId: ingest.json.keyId, scope: 'ingest' },
    });
    await h.http.delete(`/v1/api-keys/${ingest.json.keyId}`, adminKey.apiKey);
    const revoked = await latest(ingest.json.keyId, 'api-key.revoked');
    expect(revoked.before).not.toHaveProperty('revokedAt');
    expect(revoked.after).toMatchObject({ revokedAt: expect.any(String) });
  });

  it('subscription filters changed, paused and resumed by an admin', async () => {
    await h.http.patch(
      `/v1/admin/subscriptions/${subscriptionId}`,
      { filters: { materials: ['gallium'] } },
      adminKey.apiKey,
    );
    const updated = await latest(subscriptionId, 'subscription.updated');
    expect(updated).toMatchObject({
      actor: { keyId: adminKey.keyId },
      subscriberId: owner.id,
      before: { filters: { materials: ['rare-earths'] } },
      after: { filters: { materials: ['gallium'] } },
    });
    await h.http.post(`/v1/admin/subscriptions/${subscriptionId}/pause`, undefined, adminKey.apiKey);
    await h.http.post(`/v1/admin/subscriptions/${subscriptionId}/resume`, undefined, adminKey.apiKey);
    expect((await latest(subscriptionId, 'subscription.paused')).after).toMatchObject({ status: 'paused' });
    expect((await latest(subscriptionId, 'subscription.resumed')).after).toMatchObject({ status: 'active' });
  });

  it('catalogue edits: material created, moved, updated, deleted; region group created and updated', async () => {
    const put = (path: string, body: unknown) => h.http.send('PUT', path, body, { key: adminKey.apiKey });
    await put('/v1/materials/audit-ore', { name: 'Audit ore', kind: 'material' });
    await put('/v1/materials/audit-ore', { name: 'Audit ore', kind: 'material', parent: 'minor-metals' });
    await put('/v1/materials/audit-ore', {
      name: 'Audit ore (renamed)',
      kind: 'material',
      parent: 'minor-metals',
    });
    await h.http.delete('/v1/materials/audit-ore', adminKey.apiKey);
    await put('/v1/regions/groups/AUDIT-GROUP', { name: 'Audit', members: ['DE'] });
    await put('/v1/regions/groups/AUDIT-GROUP', { name: 'Audit', members: ['DE', 'FR'] });

    const history = await audit('?target=material:audit-ore');
    expect(history.map((e) => e.action)).toEqual([
      'material.deleted',
      'material.updated',
      'material.moved',
      'material.created',
    ]);
    expect(history[2]?.before).toMatchObject({ parents: [] });
    expect(history[2]?.after).toMatchObject({ parents: ['minor-metals'] });
    const groups = await audit('?target=region-group:AUDIT-GROUP');
    expect(groups.map((e) => e.action)).toEqual(['region-group.updated', 'region-group.created']);
    expect(groups[0]).toMatchObject({ before: { members: ['DE'] }, after: { members: ['DE', 'FR'] } });
  });

  it('policy changes ingested, with the feed key as actor', async () => {
    const ingest = await newIngestKey(h.http);
    secretsSeen.push(ingest);
    const res = await h.http.post('/v1/policy-changes', policyChangeBody(), ingest);
    expect(await latest(res.json.id, 'policy-change.ingested')).toMatchObject({
      actor: { scope: 'ingest' },
      after: { id: res.json.id, revision: 1, source: 'mofcom' },
    });
  });
});

describe("a subscriber's own changes are on record too", () => {
  it('create, update, pause, delete, with the subscriber key id as actor and no secret', async () => {
    const keyId = (await h.http.get('/v1/me/api-keys', owner.key)).json.items[0].keyId;
    const created = await h.http.post('/v1/subscriptions', subscriptionBody({ name: 'Own' }), owner.key);
    secretsSeen.push(created.json.webhook.secret);
    const id = created.json.id;
    await h.http.patch(`/v1/subscriptions/${id}`, { name: 'Own, renamed' }, owner.key);
    await h.http.patch(`/v1/subscriptions/${id}`, { status: 'paused' }, owner.key);
    await h.http.delete(`/v1/subscriptions/${id}`, owner.key);

    const history = await audit(`?target=subscription:${id}`);
    expect(history.map((e) => e.action)).toEqual([
      'subscription.deleted',
      'subscription.paused',
      'subscription.updated',
      'subscription.created',
    ]);
    for (const entry of history) {
      expect(entry.actor).toEqual({ keyId, scope: 'subscriber', subscriberId: owner.id });
    }
    expect(history[3]?.after?.webhook).toEqual({ url: expect.any(String), status: 'enabled', rateLimit: 10 });
    expect(history[0]?.before).toMatchObject({ id, name: 'Own, renamed' });
    // These four and the subscription created before this file's tests.
    expect(await audit(`?actor=${keyId}&action=subscription.*&limit=100`)).toHaveLength(5);
  });

  it('secret rotation is recorded without either secret', async () => {
    const rotated = await h.http.post(
      `/v1/subscriptions/${subscriptionId}/rotate-secret`,
      undefined,
      owner.key,
    );
    expect(rotated.status, rotated.text).toBe(200);
    secretsSeen.push(rotated.json.secret);
    const entry = await latest(subscriptionId, 'subscription.secret-rotated');
    expect(entry.actor).toMatchObject({ scope: 'subscriber', subscriberId: owner.id });
    expect(JSON.stringify(entry)).not.toContain('whsec_');
  });

  it('a change that fails (a lost race) leaves no record: the record is in its transaction', async () => {
    const created = await h.http.post('/v1/subscriptions', subscriptionBody({ name: 'Raced' }), owner.key);
    secretsSeen.push(created.json.webhook.secret);
    const renames = await Promise.all(
      ['A', 'B', 'C', 'D'].map((n) =>
        h.http.patch(`/v1/subscriptions/${created.json.id}`, { name: n }, owner.key),
      ),
    );
    const won = renames.filter((r) => r.status === 200).length;
    expect(won).toBeGreaterThanOrEqual(1);
    expect(renames.filter((r) => r.status === 409)).toHaveLength(4 - won);
    expect(await audit(`?target=${created.json.id}&action=subscription.updated`)).toHaveLength(won);
  });
});

describe('GET /v1/admin/audit', () => {
  it('lists newest first and pages with a cursor without gaps or repeats', async () => {
    const all = await audit('?limit=100');
    expect(all.length).toBeGreaterThan(10);
    const times = all.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    const paged: Entry[] = [];
    let cursor: string | undefined;
    do {
      const res = await h.http.get(`/v1/admin/audit?limit=4${cursor ? `&cursor=${cursor}` : ''}`, ADMIN);
      paged.push(...res.json.items);
      cursor = res.json.nextCursor;
    } while (cursor);
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
  });

  it('filters by actor, action family and time range', async () => {
    const mine = await audit(`?actor=${adminKey.keyId}&limit=100`);
    expect(mine.length).toBeGreaterThan(5);
    expect(mine.every((e) => e.actor.keyId === adminKey.keyId)).toBe(true);
    const materials = await audit('?action=material.*&limit=100');
    expect(new Set(materials.map((e) => e.action))).toEqual(
      new Set(['material.created', 'material.moved', 'material.updated', 'material.deleted']),
    );
    const all = await audit('?limit=100');
    const middle = all.slice(3, 8);
    const window = await audit(`?from=${middle.at(-1)?.at}&to=${middle[0]?.at}&limit=100`);
    expect(window.map((e) => e.id)).toEqual(expect.arrayContaining(middle.map((e) => e.id)));
    expect(window.every((e) => e.at >= (middle.at(-1)?.at ?? '') && e.at <= (middle[0]?.at ?? ''))).toBe(
      true,
    );
  });

  it.each([
    ['a target of unknown type', '?target=planet:mars'],
    ['a bare id without a known prefix', '?target=dysprosium'],
    ['a malformed action', '?action=DROP TABLE'],
    ['a time that is not ISO 8601', '?from=yesterday'],
    ['an empty range', '?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z'],
    [
      'a forged cursor',
      `?cursor=${Buffer.from('{"pk":"SUBSCRIBER#x","sk":"SUBSCRIBER"}').toString('base64url')}`,
    ],
  ])('refuses %s with 422', async (_label, query) => {
    expectProblem(await h.http.get(`/v1/admin/audit${query}`, ADMIN), 422, 'validation-error');
  });

  it('names both ends of a range that ends before it starts, comparing instants across offsets', async () => {
    // 10:00 at +01:00 is 09:00Z: before 09:30Z, though it reads later.
    const inOrder = await h.http.get(
      '/v1/admin/audit?from=2026-01-01T10:00:00%2B01:00&to=2026-01-01T09:30:00Z',
      ADMIN,
    );
    expect(inOrder.status).toBe(200);
    const res = await h.http.get(
      '/v1/admin/audit?from=2026-01-01T10:00:00Z&to=2026-01-01T10:30:00%2B01:00',
      ADMIN,
    );
    expectProblem(res, 422, 'validation-error');
    expect(res.json.errors.map((e: { field: string }) => e.field)).toEqual(['query.from', 'query.to']);
  });

  it('is append-only: no route changes or removes records', async () => {
    const [entry] = await audit('?limit=1');
    const before = await audit('?limit=100');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const path of ['/v1/admin/audit', `/v1/admin/audit/${entry?.id}`]) {
        const res = await h.http.send(method, path, { action: 'x' }, { key: ADMIN });
        expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
    }
    expect(await audit('?limit=100')).toEqual(before);
  });

  it('refuses to write a record twice (attribute_not_exists)', async () => {
    const record = newAuditRecord(
      {
        actor: { keyId: 'system', scope: 'system' },
        action: 'material.updated',
        target: { type: 'material', id: 'x' },
      },
      new Date(),
    );
    await h.table.audit.append(record);
    await expect(h.table.audit.append({ ...record, after: { forged: true } })).rejects.toBeInstanceOf(
      ConditionalCheckFailedException,
    );
  });
});

describe('no secret in the audit trail', () => {
  it('no audit item holds a webhook secret, an API key or a key hash', async () => {
    const page = await h.table.client.send(new ScanCommand({ TableName: h.table.tableName }));
    const items = (page.Items ?? [])
      .map((item) => unmarshall(item))
      .filter((item) => item.entity === 'audit');
    expect(items.length).toBeGreaterThan(20);
    const raw = JSON.stringify(items);
    expect(raw).not.toContain('whsec_');
    expect(raw).not.toContain('ma_');
    expect(raw).not.toMatch(/[0-9a-f]{64}/);
    expect(raw).not.toMatch(/keyHash|"secrets?"/);
    expect(secretsSeen.length).toBeGreaterThan(5);
    for (const secret of secretsSeen) expect(raw).not.toContain(secret);
  });

  it('redactSecrets drops secret fields and masks secret-looking text anywhere', () => {
    expect(
      redactSecrets({
        webhook: { url: 'https://x.example.com/?k=whsec_abc', secrets: [{ secret: 'whsec_x' }] },
        note: `key ma_sub_AbC-123 and hash ${'a'.repeat(64)}`,
        apiKey: 'ma_adm_x',
        nested: [{ keyHash: 'f'.repeat(64), ok: 1 }],
      }),
    ).toEqual({
      webhook: { url: 'https://x.example.com/?k=[redacted]' },
      note: 'key [redacted] and hash [redacted]',
      nested: [{ ok: 1 }],
    });
  });

  it('keeps a webhook URL without its query values: scheme, host, path and keys stay', async () => {
    const tenant = await newSubscriber(h.http, 'Query Tokens Ltd');
    const url = 'https://hooks.example.com/in/alerts?token=tok_Secret123&team=ops&flag&empty=';
    const created = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ webhook: { url } }),
      tenant.key,
    );
    expect(created.status, created.text).toBe(201);
    const moved = 'https://hooks.example.com/v2?sig=abc%3D%3D#top';
    const patched = await h.http.patch(
      `/v1/subscriptions/${created.json.id}`,
      { webhook: { url: moved } },
      tenant.key,
    );
    expect(patched.status, patched.text).toBe(200);

    const [updated, first] = await audit(`?target=subscription:${created.json.id}`);
    expect(first?.after?.webhook).toMatchObject({
      url: 'https://hooks.example.com/in/alerts?token=[redacted]&team=[redacted]&[redacted]&empty=',
    });
    expect(updated?.before?.webhook).toEqual(first?.after?.webhook);
    expect(updated?.after?.webhook).toMatchObject({ url: 'https://hooks.example.com/v2?sig=[redacted]#top' });
    const raw = JSON.stringify(await audit(`?target=subscription:${created.json.id}`));
    expect(raw).not.toContain('tok_Secret123');
    expect(raw).not.toContain('abc%3D%3D');
  });

  it.each([
    ['https://a.example/p?x=1&y=2', 'https://a.example/p?x=[redacted]&y=[redacted]'],
    ['https://a.example/p?bare', 'https://a.example/p?[redacted]'],
    ['https://a.example/p?', 'https://a.example/p?'],
    ['https://a.example/p', 'https://a.example/p'],
    [
      'failed: POST https://a.example/p?k=v answered 500',
      'failed: POST https://a.example/p?k=[redacted] answered 500',
    ],
    ['"http://a.example/?k=v"', '"http://a.example/?k=[redacted]"'],
    ['not a url ?k=v', 'not a url ?k=v'],
  ])('maskQueryValues(%j)', (text, masked) => {
    expect(maskQueryValues(text)).toBe(masked);
  });
});
