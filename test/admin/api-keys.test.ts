import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../shared/store/subscriber-store.js';
import { documentClient } from '../../shared/store/table.js';
import {
  ADMIN,
  type ApiHarness,
  createHarness,
  expectProblem,
  newSubscriber,
  subscriptionBody,
} from '../api/support.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await createHarness();
});

// 32 random bytes (43 base64url characters) and a 6-character checksum.
const keyShape = /^ma_(adm|ing|sub)_[A-Za-z0-9_-]{49}$/;

describe('API keys: created by admins, shown once, stored as hashes', () => {
  it('creates admin, ingest and subscriber keys; each works at once with its scope', async () => {
    const owner = await newSubscriber(h.http, 'Keys GmbH');
    for (const [body, probe, status] of [
      [{ scope: 'admin', name: 'Ops: Ana' }, '/v1/admin/audit', 200],
      [{ scope: 'ingest' }, '/v1/policy-changes/pc_missing', 404],
      [{ scope: 'subscriber', subscriberId: owner.id }, '/v1/subscriptions', 200],
    ] as const) {
      const res = await h.http.post('/v1/api-keys', body, ADMIN);
      expect(res.status, res.text).toBe(201);
      expect(res.json).toMatchObject({ keyId: expect.stringMatching(/^key_/), scope: body.scope });
      expect(res.json.apiKey).toMatch(keyShape);
      expect((await h.http.get(probe, res.json.apiKey)).status).toBe(status);
    }
  });

  it('stores the SHA-256 of the key and never the key itself', async () => {
    const res = await h.http.post('/v1/api-keys', { scope: 'ingest' }, ADMIN);
    const doc = documentClient(h.table.client);
    const byHash = await doc.send(
      new GetCommand({
        TableName: h.table.tableName,
        Key: { pk: `APIKEY#${hashApiKey(res.json.apiKey)}`, sk: 'APIKEY' },
      }),
    );
    expect(byHash.Item?.keyId).toBe(res.json.keyId);
    const ref = await doc.send(
      new GetCommand({
        TableName: h.table.tableName,
        Key: { pk: `APIKEYREF#${res.json.keyId}`, sk: 'APIKEYREF' },
      }),
    );
    expect(ref.Item?.keyHash).toBe(hashApiKey(res.json.apiKey));
    expect(JSON.stringify([byHash.Item, ref.Item])).not.toContain(res.json.apiKey);
  });

  it('lists keys without secrets or hashes, all of them or one subscriber’s', async () => {
    const owner = await newSubscriber(h.http, 'Listed AG');
    const second = await h.http.post(
      '/v1/api-keys',
      { scope: 'subscriber', subscriberId: owner.id, name: 'CI' },
      ADMIN,
    );
    const all = await h.http.get('/v1/api-keys?limit=100', ADMIN);
    expect(all.status).toBe(200);
    expect(all.json.items.length).toBeGreaterThanOrEqual(2);
    const mine = await h.http.get(`/v1/api-keys?subscriberId=${owner.id}`, ADMIN);
    expect(mine.json.items).toHaveLength(2);
    expect(mine.json.items).toContainEqual({
      keyId: second.json.keyId,
      scope: 'subscriber',
      subscriberId: owner.id,
      name: 'CI',
      status: 'active',
      createdAt: expect.any(String),
    });
    for (const text of [all.text, mine.text]) {
      expect(text).not.toMatch(/ma_(adm|ing|sub)_|[0-9a-f]{64}|keyHash/);
    }
  });

  it('pages the key list with a cursor and refuses a forged one', async () => {
    const first = await h.http.get('/v1/api-keys?limit=1', ADMIN);
    expect(first.json.items).toHaveLength(1);
    const next = await h.http.get(`/v1/api-keys?limit=1&cursor=${first.json.nextCursor}`, ADMIN);
    expect(next.json.items[0].keyId).not.toBe(first.json.items[0].keyId);
    const forged = Buffer.from(JSON.stringify({ pk: 'SUBSCRIPTION#x', sk: 'SUBSCRIPTION' })).toString(
      'base64url',
    );
    expectProblem(await h.http.get(`/v1/api-keys?cursor=${forged}`, ADMIN), 422, 'validation-error');
  });

  it('revokes a key: it answers 401 from the next request on, and a second DELETE changes nothing', async () => {
    const owner = await newSubscriber(h.http, 'Revoked Ltd');
    const keyId = (await h.http.get(`/v1/api-keys?subscriberId=${owner.id}`, ADMIN)).json.items[0].keyId;
    expect((await h.http.get('/v1/subscriptions', owner.key)).status).toBe(200);

    const revoked = await h.http.delete(`/v1/api-keys/${keyId}`, ADMIN);
    expect(revoked.status).toBe(200);
    expect(revoked.json).toMatchObject({ keyId, status: 'revoked', revokedAt: expect.any(String) });
    expectProblem(await h.http.get('/v1/subscriptions', owner.key), 401, 'unauthorized');

    const items = await h.itemCount();
    const again = await h.http.delete(`/v1/api-keys/${keyId}`, ADMIN);
    expect(again.json.revokedAt).toBe(revoked.json.revokedAt);
    expect(await h.itemCount()).toBe(items);
  });

  it('answers 404 for an unknown key id and 409 for the bootstrap key', async () => {
    expectProblem(await h.http.delete('/v1/api-keys/key_nope', ADMIN), 404, 'not-found');
    expectProblem(await h.http.delete('/v1/api-keys/bootstrap-admin', ADMIN), 409, 'bootstrap-key');
  });

  it('caps a subscriber at two active keys (409), and a revoked one frees a place', async () => {
    const owner = await newSubscriber(h.http, 'Capped SA');
    const body = { scope: 'subscriber', subscriberId: owner.id };
    const second = await h.http.post('/v1/api-keys', body, ADMIN);
    expect(second.status).toBe(201);
    const before = await h.itemCount();
    const third = await h.http.post('/v1/api-keys', body, ADMIN);
    expectProblem(third, 409, 'api-key-limit');
    expect(third.text).not.toMatch(/ma_sub_/);
    expect(await h.itemCount()).toBe(before);

    expect((await h.http.delete(`/v1/api-keys/${second.json.keyId}`, ADMIN)).status).toBe(200);
    expect((await h.http.post('/v1/api-keys', body, ADMIN)).status).toBe(201);
  });

  it('holds the cap under concurrent requests', async () => {
    const owner = await newSubscriber(h.http, 'Racing Oy');
    const body = { scope: 'subscriber', subscriberId: owner.id };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => h.http.post('/v1/api-keys', body, ADMIN)),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(4);
  });
});

describe('a subscriber rotating its own keys', () => {
  it('creates its second key, switches to it, and revokes the first', async () => {
    const owner = await newSubscriber(h.http, 'Rotating BV');
    const created = await h.http.post('/v1/me/api-keys', { name: 'rotation 2026-11' }, owner.key);
    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({
      scope: 'subscriber',
      subscriberId: owner.id,
      name: 'rotation 2026-11',
    });
    const fresh = created.json.apiKey as string;

    const listed = await h.http.get('/v1/me/api-keys', fresh);
    expect(listed.json.items.map((k: { status: string }) => k.status)).toEqual(['active', 'active']);
    const old = listed.json.items.find((k: { keyId: string }) => k.keyId !== created.json.keyId);

    // Either key may revoke the other; the old one stops working at once.
    expect((await h.http.delete(`/v1/me/api-keys/${old.keyId}`, fresh)).status).toBe(200);
    expectProblem(await h.http.get('/v1/subscriptions', owner.key), 401);
    expect((await h.http.get('/v1/subscriptions', fresh)).status).toBe(200);
  });

  it('may create a key without a body', async () => {
    const owner = await newSubscriber(h.http, 'No Body Inc');
    const res = await h.http.send('POST', '/v1/me/api-keys', undefined, { key: owner.key });
    expect(res.status, res.text).toBe(201);
  });

  it('cannot hold a third active key, nor revoke its last one', async () => {
    const owner = await newSubscriber(h.http, 'Careful KG');
    expect((await h.http.post('/v1/me/api-keys', {}, owner.key)).status).toBe(201);
    expectProblem(await h.http.post('/v1/me/api-keys', {}, owner.key), 409, 'api-key-limit');

    const keys = (await h.http.get('/v1/me/api-keys', owner.key)).json.items as { keyId: string }[];
    const [first, second] = keys;
    expect((await h.http.delete(`/v1/me/api-keys/${second?.keyId}`, owner.key)).status).toBe(200);
    const last = await h.http.delete(`/v1/me/api-keys/${first?.keyId}`, owner.key);
    expectProblem(last, 409, 'last-api-key');
    expect((await h.http.get('/v1/subscriptions', owner.key)).status).toBe(200);
  });

  it("sees and revokes only its own keys: another subscriber's key id is 404", async () => {
    const alice = await newSubscriber(h.http, 'Alice Keys');
    const bob = await newSubscriber(h.http, 'Bob Keys');
    const aliceKeyId = (await h.http.get('/v1/me/api-keys', alice.key)).json.items[0].keyId;
    expect(JSON.stringify((await h.http.get('/v1/me/api-keys', bob.key)).json)).not.toContain(aliceKeyId);
    expectProblem(await h.http.delete(`/v1/me/api-keys/${aliceKeyId}`, bob.key), 404, 'not-found');
    expect((await h.http.get('/v1/subscriptions', alice.key)).status).toBe(200);
  });

  it('is refused the admin key routes (403), and admins the subscriber ones (403)', async () => {
    const owner = await newSubscriber(h.http, 'Scoped Ltd');
    expectProblem(await h.http.get('/v1/api-keys', owner.key), 403, 'forbidden');
    expectProblem(await h.http.delete('/v1/api-keys/key_x', owner.key), 403, 'forbidden');
    expectProblem(await h.http.get('/v1/me/api-keys', ADMIN), 403, 'forbidden');
    const created = await h.http.post('/v1/subscriptions', subscriptionBody(), owner.key);
    expect(created.status).toBe(201);
  });
});
