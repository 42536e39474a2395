import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conditionFromString } from '../../shared/model/conditions.js';
import {
  ADMIN,
  type ApiHarness,
  createHarness,
  expectProblem,
  newSubscriber,
  policyChangeBody,
  problemFields,
  subscriptionBody,
} from './support.js';

let h: ApiHarness;

beforeAll(async () => {
  h = await createHarness();
});

afterAll(() => {
  h.table.client.destroy();
});

describe('typed conditions on a change', () => {
  /** [case, conditions, direction, the field the 422 names], written before the run. */
  const BAD: [string, unknown[], string, string][] = [
    [
      'end-use with a value outside its vocabulary',
      [{ type: 'end-use', values: ['space'] }],
      'tightening',
      'conditions.0.values.0',
    ],
    ['end-use without values', [{ type: 'end-use' }], 'tightening', 'conditions.0.values'],
    [
      'end-user with a value outside its vocabulary',
      [{ type: 'end-user', values: ['military'] }],
      'tightening',
      'conditions.0.values.0',
    ],
    [
      'verified-end-user with a parameter it has not',
      [{ type: 'verified-end-user', percent: 5 }],
      'relaxation',
      'conditions.0.percent',
    ],
    [
      'licence of an unknown kind',
      [{ type: 'licence', values: ['open'] }],
      'tightening',
      'conditions.0.values.0',
    ],
    [
      'licence-policy of an unknown kind',
      [{ type: 'licence-policy', values: ['denied'] }],
      'tightening',
      'conditions.0.values.0',
    ],
    ['de-minimis without percent', [{ type: 'de-minimis' }], 'tightening', 'conditions.0.percent'],
    [
      'de-minimis over 100 percent',
      [{ type: 'de-minimis', percent: 120 }],
      'tightening',
      'conditions.0.percent',
    ],
    [
      'foreign-direct-product with values',
      [{ type: 'foreign-direct-product', values: ['civilian'] }],
      'tightening',
      'conditions.0.values',
    ],
    ['affiliates without percent', [{ type: 'affiliates' }], 'tightening', 'conditions.0.percent'],
    [
      'parameter without operator',
      [{ type: 'parameter', parameter: 'purity', value: 99 }],
      'tightening',
      'conditions.0.operator',
    ],
    [
      'parameter without value',
      [{ type: 'parameter', parameter: 'purity', operator: '>=' }],
      'tightening',
      'conditions.0.value',
    ],
    ['quota without unit', [{ type: 'quota', quantity: 96600 }], 'tightening', 'conditions.0.unit'],
    ['quota without quantity', [{ type: 'quota', unit: 't' }], 'tightening', 'conditions.0.quantity'],
    [
      'quota without period',
      [{ type: 'quota', quantity: 5, unit: 't' }],
      'tightening',
      'conditions.0.period',
    ],
    [
      'quota with a period of another form',
      [{ type: 'quota', quantity: 1, unit: 't', period: 'Q4 2025' }],
      'tightening',
      'conditions.0.period',
    ],
    ['export-tax without percent', [{ type: 'export-tax' }], 'tightening', 'conditions.0.percent'],
    [
      'minimum-price with an unknown currency',
      [{ type: 'minimum-price', value: 10, currency: 'XYZ', unit: 't' }],
      'tightening',
      'conditions.0.currency',
    ],
    ['other without text', [{ type: 'other' }], 'tightening', 'conditions.0.text'],
    ['an unknown type', [{ type: 'end-of-life' }], 'tightening', 'conditions.0.type'],
    [
      'an unknown effect',
      [{ type: 'end-use', values: ['civilian'], effect: 'forbids' }],
      'tightening',
      'conditions.0.effect',
    ],
    [
      'requires on a tightening',
      [{ type: 'verified-end-user', effect: 'requires' }],
      'tightening',
      'conditions.0.effect',
    ],
    [
      'the second of two, named by its index',
      ['verified-end-user', { type: 'de-minimis' }],
      'relaxation',
      'conditions.1.percent',
    ],
  ];

  it.each(BAD)('%s: 422 naming the field, nothing written', async (_name, conditions, direction, field) => {
    const before = await h.itemCount();
    const res = await h.http.post('/v1/policy-changes', policyChangeBody({ conditions, direction }), ADMIN);
    expectProblem(res, 422);
    expect(problemFields(res)).toContain(field);
    expect(await h.itemCount()).toBe(before);
  });

  it('refuses more than 50 conditions', async () => {
    const conditions = Array.from({ length: 51 }, (_, i) => ({ type: 'other', text: `duty ${i}` }));
    const res = await h.http.post('/v1/policy-changes', policyChangeBody({ conditions }), ADMIN);
    expectProblem(res, 422);
    expect(problemFields(res)).toContain('conditions');
  });

  it('v2 strings are still accepted, and stored and returned as typed objects', async () => {
    const res = await h.http.post(
      '/v1/policy-changes',
      policyChangeBody({
        conditions: [
          'no-military-end-user',
          'de-minimis-0-1-percent',
          'presumption-of-denial',
          'reporting-duty',
        ],
      }),
      ADMIN,
    );
    expect(res.status, res.text).toBe(202);
    const stored = await h.http.get(`/v1/policy-changes/${res.json.id}`, ADMIN);
    expect(stored.json.conditions).toEqual([
      { type: 'end-user', effect: 'restricts', values: ['military-end-user'] },
      { type: 'de-minimis', effect: 'restricts', percent: 0.1 },
      { type: 'licence-policy', effect: 'restricts', values: ['presumption-of-denial'] },
      { type: 'other', effect: 'restricts', text: 'reporting-duty' },
    ]);
  });

  it('objects and strings mix; an omitted effect gets its default, per type and direction', async () => {
    const res = await h.http.post(
      '/v1/policy-changes',
      policyChangeBody({
        changeType: 'general-licence',
        direction: 'relaxation',
        conditions: [
          { type: 'verified-end-user' },
          { type: 'end-use', values: ['civilian'] },
          'no-military-end-use',
          {
            type: 'quota',
            quantity: 96600,
            unit: 't',
            period: '2026',
            holders: [{ name: 'Gécamines', quantity: 10000 }],
          },
        ],
      }),
      ADMIN,
    );
    expect(res.status, res.text).toBe(202);
    const stored = await h.http.get(`/v1/policy-changes/${res.json.id}`, ADMIN);
    expect(stored.json.conditions).toEqual([
      { type: 'verified-end-user', effect: 'requires' },
      { type: 'end-use', effect: 'restricts', values: ['civilian'] },
      { type: 'end-use', effect: 'exempts', values: ['military'] },
      {
        type: 'quota',
        effect: 'restricts',
        quantity: 96600,
        unit: 't',
        period: '2026',
        holders: [{ name: 'Gécamines', quantity: 10000 }],
      },
    ]);
  });

  it('a requires on a neutral change is accepted (a programme grants a permission)', async () => {
    const res = await h.http.post(
      '/v1/policy-changes',
      policyChangeBody({
        changeType: 'verified-end-user',
        direction: 'neutral',
        conditions: [{ type: 'verified-end-user', effect: 'requires' }],
      }),
      ADMIN,
    );
    expect(res.status, res.text).toBe(202);
  });

  it('a re-send with the v2 string of a stored object is the same revision (200)', async () => {
    const body = policyChangeBody({ conditions: ['presumption-of-denial'] });
    const first = await h.http.post('/v1/policy-changes', body, ADMIN);
    const again = await h.http.post(
      '/v1/policy-changes',
      { ...body, conditions: [{ type: 'licence-policy', values: ['presumption-of-denial'] }] },
      ADMIN,
    );
    expect([first.status, again.status]).toEqual([202, 200]);
    expect(again.json.id).toBe(first.json.id);
  });
});

describe('v2 strings the repository uses', () => {
  /** [string, direction, object], written before the run. */
  const STRINGS: [string, 'tightening' | 'relaxation' | 'neutral', object][] = [
    ['verified-end-user', 'relaxation', { type: 'verified-end-user', effect: 'requires' }],
    ['verified-end-user', 'neutral', { type: 'verified-end-user', effect: 'requires' }],
    ['verified-end-user', 'tightening', { type: 'verified-end-user', effect: 'exempts' }],
    ['no-military-end-use', 'tightening', { type: 'end-use', effect: 'restricts', values: ['military'] }],
    ['no-military-end-use', 'relaxation', { type: 'end-use', effect: 'exempts', values: ['military'] }],
    [
      'no-military-end-user',
      'tightening',
      { type: 'end-user', effect: 'restricts', values: ['military-end-user'] },
    ],
    [
      'end-user-certificate',
      'tightening',
      { type: 'licence', effect: 'restricts', values: ['individual'], text: 'end-user certificate required' },
    ],
    [
      'presumption-of-denial',
      'tightening',
      { type: 'licence-policy', effect: 'restricts', values: ['presumption-of-denial'] },
    ],
    [
      'enhanced-end-user-review',
      'tightening',
      {
        type: 'licence-policy',
        effect: 'restricts',
        values: ['case-by-case'],
        text: 'enhanced end-user review',
      },
    ],
    [
      'case-by-case-review',
      'tightening',
      { type: 'licence-policy', effect: 'restricts', values: ['case-by-case'] },
    ],
    ['de-minimis-0-1-percent', 'tightening', { type: 'de-minimis', effect: 'restricts', percent: 0.1 }],
    ['foreign-direct-product', 'tightening', { type: 'foreign-direct-product', effect: 'restricts' }],
    [
      'control-list-affiliates-50-percent',
      'tightening',
      { type: 'affiliates', effect: 'restricts', percent: 50 },
    ],
    [
      'technology-export-licence',
      'tightening',
      { type: 'licence', effect: 'restricts', values: ['individual'], text: 'technology export licence' },
    ],
    [
      'overseas-assistance-licence',
      'tightening',
      { type: 'licence', effect: 'restricts', values: ['individual'], text: 'overseas assistance licence' },
    ],
    ['anything-else', 'tightening', { type: 'other', effect: 'restricts', text: 'anything-else' }],
  ];
  it.each(STRINGS)('%s on a %s', (word, direction, expected) => {
    expect(conditionFromString(word, direction)).toEqual(expected);
  });
});

describe('the subscriber profile', () => {
  /** [case, profile, the field the 422 names], written before the run. */
  const BAD: [string, unknown, string][] = [
    ['an end use outside the vocabulary', { endUses: ['space'] }, 'profile.endUses.0'],
    ['an end use twice', { endUses: ['civilian', 'civilian'] }, 'profile.endUses'],
    ['verifiedEndUser not a list', { verifiedEndUser: 'CN' }, 'profile.verifiedEndUser'],
    ['verifiedEndUser naming an unknown region', { verifiedEndUser: ['XQ'] }, 'profile.verifiedEndUser'],
    ['reExports not a boolean', { reExports: 'yes' }, 'profile.reExports'],
    [
      'a licence of an unknown type',
      { licences: [{ issuer: 'CN', type: 'open' }] },
      'profile.licences.0.type',
    ],
    ['a licence without issuer', { licences: [{ type: 'general' }] }, 'profile.licences.0.issuer'],
    [
      'a licence from an unknown region',
      { licences: [{ issuer: 'XQ', type: 'general' }] },
      'profile.licences',
    ],
    ['an unknown field', { sector: 'magnets' }, 'profile.sector'],
  ];

  it.each(BAD)(
    'POST /v1/subscriptions with %s: 422 naming the field, nothing written',
    async (_name, profile, field) => {
      const { key } = await newSubscriber(h.http);
      const before = await h.itemCount();
      const res = await h.http.post('/v1/subscriptions', subscriptionBody({ profile }), key);
      expectProblem(res, 422);
      expect(problemFields(res)).toContain(field);
      expect(await h.itemCount()).toBe(before);
    },
  );

  it.each(BAD)('PATCH /v1/me/subscriber with %s: 422, nothing written', async (_name, profile, field) => {
    const { key } = await newSubscriber(h.http);
    const before = await h.itemCount();
    const res = await h.http.patch('/v1/me/subscriber', { defaultProfile: profile }, key);
    expectProblem(res, 422);
    expect(problemFields(res)).toContain(field.replace(/^profile/, 'defaultProfile'));
    expect(await h.itemCount()).toBe(before);
  });

  it('a subscription keeps its profile, PATCH replaces it and null removes it', async () => {
    const { key } = await newSubscriber(h.http);
    const created = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ profile: { endUses: ['civilian'], verifiedEndUser: ['cn'], reExports: true } }),
      key,
    );
    expect(created.status, created.text).toBe(201);
    expect(created.json.profile).toEqual({ endUses: ['civilian'], verifiedEndUser: ['CN'], reExports: true });
    const id = created.json.id as string;
    const [indexed] = await h.table.subscriptions.indexed([id]);
    expect(indexed?.profile).toEqual({ endUses: ['civilian'], verifiedEndUser: ['CN'], reExports: true });

    const patched = await h.http.patch(
      `/v1/subscriptions/${id}`,
      { profile: { endUses: ['military'] } },
      key,
    );
    expect(patched.json.profile).toEqual({ endUses: ['military'] });
    const removed = await h.http.patch(`/v1/subscriptions/${id}`, { profile: null }, key);
    expect(removed.status).toBe(200);
    expect(removed.json.profile).toBeUndefined();
    const [after] = await h.table.subscriptions.indexed([id]);
    expect(after?.profile).toBeUndefined();
  });

  it("a subscriber's default reaches the index items of its subscriptions without a profile of their own", async () => {
    const subscriber = await newSubscriber(h.http);
    const own = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ profile: { endUses: ['military'] } }),
      subscriber.key,
    );
    const plain = await h.http.post('/v1/subscriptions', subscriptionBody(), subscriber.key);
    const set = await h.http.patch(
      '/v1/me/subscriber',
      { defaultProfile: { endUses: ['civilian'] } },
      subscriber.key,
    );
    expect(set.status, set.text).toBe(200);
    expect(set.json).toMatchObject({ id: subscriber.id, defaultProfile: { endUses: ['civilian'] } });

    // Read from the index partitions, as the matcher reads them.
    const { candidates } = await h.table.subscriptions.candidates(['MATERIAL#rare-earths']);
    const profiles = Object.fromEntries(candidates.map((c) => [c.subscriptionId, c.profile]));
    expect(profiles[own.json.id]).toEqual({ endUses: ['military'] });
    expect(profiles[plain.json.id]).toEqual({ endUses: ['civilian'] });

    // A subscription created afterwards inherits it too; the view shows only its own profile.
    const later = await h.http.post('/v1/subscriptions', subscriptionBody(), subscriber.key);
    expect(later.json.profile).toBeUndefined();
    expect((await h.table.subscriptions.indexed([later.json.id]))[0]?.profile).toEqual({
      endUses: ['civilian'],
    });

    // An administrator may set any subscriber's default; null removes it everywhere it was copied.
    const cleared = await h.http.patch(
      `/v1/admin/subscribers/${subscriber.id}`,
      { defaultProfile: null },
      ADMIN,
    );
    expect(cleared.status, cleared.text).toBe(200);
    expect(cleared.json.defaultProfile).toBeUndefined();
    const again = await h.table.subscriptions.indexed([plain.json.id, later.json.id, own.json.id]);
    expect(again.map((c) => c.profile ?? null).sort()).toEqual(
      [{ endUses: ['military'] }, null, null].sort(),
    );
  });

  it('an admin key has no subscriber of its own to set', async () => {
    const res = await h.http.patch('/v1/me/subscriber', { defaultProfile: { endUses: ['civilian'] } }, ADMIN);
    expectProblem(res, 403);
  });

  it('filters.applicability takes relevant, applies or all, and nothing else', async () => {
    const { key } = await newSubscriber(h.http);
    const ok = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ filters: { materials: ['gallium'], applicability: 'all' } }),
      key,
    );
    expect(ok.status).toBe(201);
    expect(ok.json.filters.applicability).toBe('all');
    const bad = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ filters: { materials: ['gallium'], applicability: 'some' } }),
      key,
    );
    expectProblem(bad, 422);
    expect(problemFields(bad)).toContain('filters.applicability');
  });
});
