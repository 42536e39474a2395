import { beforeAll, describe, expect, it } from 'vitest';
import { CatalogueProvider } from '../../shared/policy/catalogue-provider.js';
import { CatalogueStore } from '../../shared/store/catalogue-store.js';
import { documentClient } from '../../shared/store/table.js';
import {
  ADMIN,
  type ApiHarness,
  createHarness,
  expectProblem,
  newIngestKey,
  newSubscriber,
  problemFields,
  problemValues,
  subscriptionBody,
} from '../api/support.js';
import { ingestAndMatch } from '../security/support.js';

let h: ApiHarness;
let ingest: string;
let owner: { id: string; key: string };

beforeAll(async () => {
  h = await createHarness();
  ingest = await newIngestKey(h.http);
  owner = await newSubscriber(h.http, 'Catalogue Users GmbH');
});

/** Ingests a change and runs the matcher on it as the stream would; returns the matched subscriptions. */
async function matchedBy(change: Record<string, unknown>): Promise<string[]> {
  const changeId = await ingestAndMatch(h, change);
  const matched: string[] = [];
  for (const id of subscriptionIds) {
    const page = await h.table.deliveries.listBySubscription(id, { limit: 100 });
    if (page.items.some((d) => d.policyChangeId === changeId)) matched.push(id);
  }
  return matched;
}

/** Every subscription this file made, for `matchedBy` to look through. */
const subscriptionIds: string[] = [];

async function subscribe(filters: Record<string, unknown>): Promise<string> {
  const res = await h.http.post('/v1/subscriptions', subscriptionBody({ filters }), owner.key);
  expect(res.status, res.text).toBe(201);
  subscriptionIds.push(res.json.id);
  return res.json.id;
}

const material = async (id: string) =>
  ((await h.http.get('/v1/materials')).json.items as { id: string }[]).find((m) => m.id === id);

describe('PUT /v1/materials/{id}', () => {
  it('adds a material that GET /v1/materials shows at once and filters may name at once', async () => {
    const res = await h.http.send(
      'PUT',
      '/v1/materials/ndfeb-scrap',
      { name: 'NdFeB magnet scrap', parent: 'rare-earth-magnets', kind: 'material', hsCodes: ['850590'] },
      { key: ADMIN },
    );
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      id: 'ndfeb-scrap',
      parents: ['rare-earth-magnets'],
      parent: 'rare-earth-magnets',
      synonyms: [],
    });
    expect(await material('ndfeb-scrap')).toMatchObject({
      ancestors: expect.arrayContaining(['rare-earth-magnets']),
    });
    await subscribe({ materials: ['ndfeb-scrap'] });
  });

  it('moves a material: from the next change on, the new group’s subscribers hear about it', async () => {
    const heavy = await subscribe({ materials: ['heavy-rare-earths'] });
    // Scandium sits directly under rare-earths, in neither the light nor the heavy group.
    expect((await material('scandium')) as unknown).toMatchObject({
      parent: 'rare-earths',
      parents: ['rare-earths'],
    });
    expect(await matchedBy({ materials: ['scandium'] })).not.toContain(heavy);

    // A v1 client sends back what GET returned (now with `parents`) with only `parent` changed.
    const current = (await material('scandium')) as Record<string, unknown>;
    const { ancestors: _a, id: _id, ...node } = current;
    const moved = await h.http.send(
      'PUT',
      '/v1/materials/scandium',
      { ...node, parent: 'heavy-rare-earths' },
      { key: ADMIN },
    );
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json).toMatchObject({ parents: ['heavy-rare-earths'], parent: 'heavy-rare-earths' });
    expect(moved.json.ancestors).toEqual(['heavy-rare-earths', 'rare-earths']);

    expect(await matchedBy({ materials: ['scandium'] })).toContain(heavy);
  });

  it('answers 200 and writes nothing when the node is unchanged', async () => {
    const { ancestors: _a, id: _id, ...node } = (await material('lanthanum')) as Record<string, unknown>;
    const before = await h.itemCount();
    const res = await h.http.send('PUT', '/v1/materials/lanthanum', node, { key: ADMIN });
    expect(res.status).toBe(200);
    expect(await h.itemCount()).toBe(before);
  });

  it.each([
    ['an unknown parent', { name: 'X', parent: 'unobtainium', kind: 'material' }, 'parent'],
    ['itself as parent', { name: 'Rare earths', parent: 'rare-earths', kind: 'group' }, 'parent'],
    [
      'a descendant as parent (a cycle)',
      { name: 'Rare earths', parent: 'dysprosium', kind: 'group' },
      'parent',
    ],
    ['a bad kind', { name: 'X', kind: 'mineral' }, 'kind'],
    ['an HS code of 2 digits', { name: 'X', kind: 'material', hsCodes: ['85'] }, 'hsCodes.0'],
    ['an HS code of 11 digits', { name: 'X', kind: 'material', hsCodes: ['85051100001'] }, 'hsCodes.0'],
    [
      'an unknown second parent',
      { name: 'X', parents: ['products', 'unobtainium'], kind: 'material' },
      'parents',
    ],
    [
      'a descendant as second parent (a cycle)',
      { name: 'Rare earths', parents: ['products', 'rare-earth-magnets'], kind: 'group' },
      'parents',
    ],
    [
      'parent and parents that contradict each other',
      { name: 'X', parent: 'products', parents: ['rare-earths'], kind: 'material' },
      'parent',
    ],
    [
      'a synonym another material already uses',
      { name: 'X', kind: 'material', synonyms: ['Ａluminum'] },
      'synonyms',
    ],
    ['a name another material already uses', { name: 'Dysprosium', kind: 'material' }, 'name'],
    [
      'a synonym spelled like another material’s symbol',
      { name: 'X', kind: 'material', synonyms: ['dy'] },
      '(body)',
    ],
    ['an unknown field', { name: 'X', kind: 'material', colour: 'red' }, 'colour'],
  ])('refuses %s with 422 naming the field, and changes nothing', async (_label, body, field) => {
    const id = body.name === 'Rare earths' ? 'rare-earths' : 'new-thing';
    const before = await h.itemCount();
    const res = await h.http.send('PUT', `/v1/materials/${id}`, body, { key: ADMIN });
    expectProblem(res, 422, 'validation-error');
    expect(problemFields(res)).toContain(field);
    expect(await h.itemCount()).toBe(before);
    expect((await material('rare-earths')) as unknown).not.toHaveProperty('parent');
    expect(await material('new-thing')).toBeUndefined();
  });

  it('takes several parents: ancestors run through each, and both parents’ subscribers hear about it', async () => {
    const magnets = await subscribe({ materials: ['rare-earth-magnets'] });
    const gallium = await subscribe({ materials: ['gallium'] });
    const res = await h.http.send(
      'PUT',
      '/v1/materials/gan-on-sic-magnet-sensors',
      {
        name: 'GaN magnet sensors',
        parents: ['rare-earth-magnets', 'gallium-compounds'],
        kind: 'product',
        hsCodes: ['9031.80'],
        synonyms: ['GaN Hall sensors'],
      },
      { key: ADMIN },
    );
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      parents: ['rare-earth-magnets', 'gallium-compounds'],
      parent: 'rare-earth-magnets',
      hsCodes: ['903180'],
      ancestors: [
        'rare-earth-magnets',
        'gallium-compounds',
        'products',
        'rare-earths',
        'gallium',
        'semiconductor-materials',
        'minor-metals',
      ],
    });
    const matched = await matchedBy({ materials: ['gan-on-sic-magnet-sensors'] });
    expect(matched).toEqual(expect.arrayContaining([magnets, gallium]));
    expect((await h.table.catalogues.current()).resolveMaterial('gan hall sensors')).toBe(
      'gan-on-sic-magnet-sensors',
    );

    // Dropping a parent moves the node out of that branch from the next change on.
    const { ancestors: _a, id: _id, parent: _p, ...node } = res.json as Record<string, unknown>;
    const moved = await h.http.send(
      'PUT',
      '/v1/materials/gan-on-sic-magnet-sensors',
      { ...node, parents: ['gallium-compounds'] },
      { key: ADMIN },
    );
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json.ancestors).toEqual([
      'gallium-compounds',
      'gallium',
      'semiconductor-materials',
      'minor-metals',
    ]);
    const after = await matchedBy({ materials: ['gan-on-sic-magnet-sensors'] });
    expect(after).toContain(gallium);
    expect(after).not.toContain(magnets);
  });

  it('reads a v1 parent alone as parents: [parent]', async () => {
    const res = await h.http.send(
      'PUT',
      '/v1/materials/v1-style-ore',
      { name: 'V1-style ore', parent: 'minor-metals', kind: 'material' },
      { key: ADMIN },
    );
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ parents: ['minor-metals'], parent: 'minor-metals' });
    expect(await material('v1-style-ore')).toMatchObject({
      parents: ['minor-metals'],
      parent: 'minor-metals',
    });
  });

  it('refuses a malformed id in the path', async () => {
    const res = await h.http.send(
      'PUT',
      '/v1/materials/Not_An_Id',
      { name: 'X', kind: 'material' },
      { key: ADMIN },
    );
    expectProblem(res, 422, 'validation-error');
  });

  it('keeps every edit when several admins edit different materials at once', async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `parallel-${i}`);
    const results = await Promise.all(
      ids.map((id) =>
        h.http.send('PUT', `/v1/materials/${id}`, { name: id, kind: 'material' }, { key: ADMIN }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 201));
    for (const id of ids) expect(await material(id), id).toBeDefined();
  });
});

describe('DELETE /v1/materials/{id}', () => {
  it('refuses to remove a material subscriptions filter on, saying how many (409)', async () => {
    // Tellurium is a leaf (gallium now has its compounds below it, which would answer has-children).
    await subscribe({ materials: ['tellurium'] });
    await subscribe({ materials: ['tellurium', 'germanium'] });
    const before = await h.itemCount();
    const res = await h.http.delete('/v1/materials/tellurium', ADMIN);
    expectProblem(res, 409, 'material-in-use');
    expect(res.json.detail).toMatch(/^2 subscriptions filter on material tellurium/);
    expect(await h.itemCount()).toBe(before);
    expect(await material('tellurium')).toBeDefined();
  });

  it('refuses to remove a parent (409)', async () => {
    expectProblem(
      await h.http.delete('/v1/materials/light-rare-earths', ADMIN),
      409,
      'material-has-children',
    );
  });

  it('refuses to remove a node that is only the second parent of another (409)', async () => {
    await h.http.send(
      'PUT',
      '/v1/materials/second-parent',
      { name: 'Second parent', kind: 'group' },
      { key: ADMIN },
    );
    const child = await h.http.send(
      'PUT',
      '/v1/materials/two-parent-child',
      { name: 'Two-parent child', parents: ['products', 'second-parent'], kind: 'product' },
      { key: ADMIN },
    );
    expect(child.status, child.text).toBe(201);
    const before = await h.itemCount();
    const res = await h.http.delete('/v1/materials/second-parent', ADMIN);
    expectProblem(res, 409, 'material-has-children');
    expect(res.json.detail).toContain('two-parent-child');
    expect(await h.itemCount()).toBe(before);
  });

  it('removes an unused leaf: gone from the list, refused in filters', async () => {
    await h.http.send(
      'PUT',
      '/v1/materials/short-lived',
      { name: 'Short-lived', kind: 'material' },
      { key: ADMIN },
    );
    const res = await h.http.delete('/v1/materials/short-lived', ADMIN);
    expect(res.status, res.text).toBe(204);
    expect(await material('short-lived')).toBeUndefined();
    const refused = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ filters: { materials: ['short-lived'] } }),
      owner.key,
    );
    expectProblem(refused, 422);
    expect(problemValues(refused, 'filters.materials')).toEqual(['short-lived']);
  });

  it('answers 404 for a material that does not exist', async () => {
    expectProblem(await h.http.delete('/v1/materials/never-was', ADMIN), 404, 'not-found');
  });
});

describe('PUT /v1/regions/groups/{id}', () => {
  it('creates a group usable in filters at once, and matching follows a change of its members', async () => {
    const created = await h.http.send(
      'PUT',
      '/v1/regions/groups/magnet-buyers',
      { name: 'Magnet buyers', members: ['de', 'JP'] },
      { key: ADMIN },
    );
    expect(created.status, created.text).toBe(201);
    expect(created.json).toEqual({ id: 'MAGNET-BUYERS', name: 'Magnet buyers', members: ['DE', 'JP'] });
    const regions = await h.http.get('/v1/regions');
    expect(regions.json.groups).toContainEqual(created.json);

    const buyers = await subscribe({ materials: ['dysprosium'], affectedRegions: ['MAGNET-BUYERS'] });
    expect(await matchedBy({ materials: ['dysprosium'], affectedRegions: ['VN'] })).not.toContain(buyers);

    const updated = await h.http.send(
      'PUT',
      '/v1/regions/groups/MAGNET-BUYERS',
      { name: 'Magnet buyers', members: ['DE', 'JP', 'VN'] },
      { key: ADMIN },
    );
    expect(updated.status).toBe(200);
    expect(await matchedBy({ materials: ['dysprosium'], affectedRegions: ['VN'] })).toContain(buyers);
  });

  it.each([
    ['a country code as group id', 'DE', { name: 'Germany?', members: ['DE'] }, 'id'],
    ['a member that is no country', 'ODD', { name: 'Odd', members: ['DE', 'XX'] }, 'members'],
    ['no members', 'EMPTY', { name: 'Empty', members: [] }, 'members'],
  ])('refuses %s with 422', async (_label, id, body, field) => {
    const res = await h.http.send('PUT', `/v1/regions/groups/${id}`, body, { key: ADMIN });
    expectProblem(res, 422, 'validation-error');
    expect(problemFields(res)).toContain(field);
  });
});

describe('who may edit the catalogue', () => {
  it.each([
    ['PUT', '/v1/materials/x-y'],
    ['DELETE', '/v1/materials/gallium'],
    ['PUT', '/v1/regions/groups/NEW'],
  ])('%s %s: 401 without a key, 403 with a subscriber or ingest key', async (method, path) => {
    const body = method === 'PUT' ? { name: 'X', kind: 'material', members: ['DE'] } : undefined;
    expectProblem(await h.http.send(method, path, body), 401, 'unauthorized');
    expectProblem(await h.http.send(method, path, body, { key: owner.key }), 403, 'forbidden');
    expectProblem(await h.http.send(method, path, body, { key: ingest }), 403, 'forbidden');
  });
});

describe('CatalogueProvider', () => {
  it('serves the shipped catalogue until an edit is stored, then the stored one', async () => {
    const fresh = await createHarness();
    const provider = fresh.table.catalogues;
    expect((await provider.current()).hasMaterial('dysprosium')).toBe(true);
    expect(await provider.store.load()).toBeUndefined();
    await fresh.http.send(
      'PUT',
      '/v1/materials/brand-new',
      { name: 'Brand new', kind: 'material' },
      { key: ADMIN },
    );
    expect((await provider.current()).hasMaterial('brand-new')).toBe(true);
    expect((await provider.store.load())?.version).toBe(1);
  });

  it('caches for its TTL: another process sees an edit once the TTL has passed', async () => {
    const fresh = await createHarness();
    let now = 0;
    const store = new CatalogueStore({
      doc: documentClient(fresh.table.client),
      tableName: fresh.table.tableName,
    });
    const elsewhere = new CatalogueProvider(store, { ttlMs: 5_000, now: () => now });
    expect((await elsewhere.current()).hasMaterial('cached-later')).toBe(false);

    await fresh.http.send(
      'PUT',
      '/v1/materials/cached-later',
      { name: 'Later', kind: 'material' },
      { key: ADMIN },
    );
    now = 4_000;
    expect((await elsewhere.current()).hasMaterial('cached-later')).toBe(false);
    now = 5_001;
    expect((await elsewhere.current()).hasMaterial('cached-later')).toBe(true);
    elsewhere.invalidate();
    expect((await elsewhere.current()).hasMaterial('cached-later')).toBe(true);
  });

  it('keeps serving the last catalogue when the table cannot be read', async () => {
    const errors: unknown[] = [];
    let fail = false;
    const store = new CatalogueStore({ doc: documentClient(h.table.client), tableName: h.table.tableName });
    const flaky = Object.assign(Object.create(store) as CatalogueStore, {
      load: () => (fail ? Promise.reject(new Error('throttled')) : store.load()),
    });
    const provider = new CatalogueProvider(flaky, { ttlMs: 0, onError: (e) => errors.push(e) });
    const first = await provider.current();
    fail = true;
    expect(await provider.current()).toBe(first);
    expect(errors).toHaveLength(1);
  });
});
