import { beforeAll, describe, expect, it } from 'vitest';
import { type MatcherDeps, matchPolicyChange } from '../../shared/matching/matcher.js';
import { defaultCatalogue } from '../../shared/model/catalogue.js';
import type { WebhookBody } from '../../shared/model/delivery.js';
import { RecordingNotifier } from '../support/recording.js';
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

/** Sixty distinct ISO 3166-1 alpha-2 codes. */
const COUNTRIES = (
  'US DE FR IT ES NL BE PL SE AT JP KR IN BR MX VN CN TW TH MY ID PH AU NZ CA GB IE PT GR FI ' +
  'DK NO CH CZ SK HU RO BG HR SI EE LV LT LU MT CY IS TR IL AE SA QA EG ZA NG KE MA AR CL PE'
).split(' ');

let h: ApiHarness;
let deps: MatcherDeps;
let subscriber: { id: string; key: string };

beforeAll(async () => {
  h = await createHarness();
  deps = {
    changes: h.table.changes,
    subscriptions: h.table.subscriptions,
    deliveries: h.table.deliveries,
    queue: { enqueue: async () => {} },
    notifier: new RecordingNotifier(),
    catalogue: () => defaultCatalogue(),
    clock: () => new Date(),
  };
  subscriber = await newSubscriber(h.http, 'Cathode maker');
});

async function subscribe(filters: unknown): Promise<string> {
  const res = await h.http.post('/v1/subscriptions', subscriptionBody({ filters }), subscriber.key);
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

/** The alerts of one subscription about one change, read back through its deliveries. */
async function alertsOf(subscriptionId: string, policyChangeId: string): Promise<WebhookBody[]> {
  const page = await h.table.deliveries.listBySubscription(subscriptionId, { limit: 100 });
  const bodies: WebhookBody[] = [];
  for (const alertId of new Set(page.items.map((d) => d.alertId))) {
    const alert = await h.table.deliveries.getAlert(alertId);
    if (alert?.policyChangeId === policyChangeId) bodies.push(JSON.parse(alert.payload) as WebhookBody);
  }
  return bodies;
}

async function post(overrides: Record<string, unknown>): Promise<string> {
  const res = await h.http.post('/v1/policy-changes', policyChangeBody(overrides), ADMIN);
  expect(res.status, res.text).toBe(202);
  await matchPolicyChange(deps, { policyChangeId: res.json.id, revision: 1 });
  return res.json.id as string;
}

describe('several clauses in one subscription, over DynamoDB Local', () => {
  it('sends one alert when two clauses match, naming both in data.match.clauses', async () => {
    const id = await subscribe([
      { materials: ['cobalt'], originRegions: ['CD'] },
      { materials: ['lithium'], originRegions: ['CL'] },
      { materials: ['battery-materials'], issuingRegions: ['CD'] },
    ]);
    const change = await post({
      issuingRegion: 'CD',
      materials: ['cobalt'],
      hsCodes: ['810520'],
      changeType: 'export-ban',
      conditions: [],
    });
    const alerts = await alertsOf(id, change);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.data.match).toMatchObject({
      clauses: [0, 2],
      materials: [
        { change: 'cobalt', filter: 'cobalt' },
        { change: 'cobalt', filter: 'battery-materials' },
      ],
      originRegions: ['CD'],
      issuingRegion: 'CD',
    });
  });

  it('matches through one clause only, and stays silent when none matches', async () => {
    const id = await subscribe([
      { materials: ['cobalt'], originRegions: ['CD'] },
      { materials: ['lithium'], originRegions: ['CL'] },
    ]);
    const lithium = await post({ issuingRegion: 'CL', materials: ['lithium'], hsCodes: ['283691'] });
    expect((await alertsOf(id, lithium))[0]?.data.match.clauses).toEqual([1]);
    const nickel = await post({ issuingRegion: 'ID', materials: ['nickel'], hsCodes: ['260400'] });
    expect(await alertsOf(id, nickel)).toEqual([]);
  });

  it('keeps a list of clauses as written, and replaces it with a single object on PATCH', async () => {
    const id = await subscribe([{ materials: ['Lithium'] }, { materials: ['gallium'], scopes: ['lanes'] }]);
    const read = await h.http.get(`/v1/subscriptions/${id}`, subscriber.key);
    expect(read.json.filters).toEqual([
      { materials: ['lithium'] },
      { materials: ['gallium'], scopes: ['lanes'] },
    ]);
    const patched = await h.http.patch(
      `/v1/subscriptions/${id}`,
      { filters: { materials: ['cobalt'] } },
      subscriber.key,
    );
    expect(patched.status, patched.text).toBe(200);
    expect(patched.json.filters).toEqual({ materials: ['cobalt'] });
  });

  it.each<[string, unknown, string[]]>([
    ['eleven clauses', Array.from({ length: 11 }, () => ({ materials: ['gallium'] })), ['filters']],
    ['an empty list', [], ['filters']],
    [
      'a bad clause at index 3',
      [{ materials: ['gallium'] }, { materials: ['cobalt'] }, { materials: ['lithium'] }, { materials: [] }],
      ['filters.3.materials'],
    ],
    [
      'an unknown material in clause 1',
      [{ materials: ['gallium'] }, { materials: ['unobtainium'] }],
      ['filters.1.materials'],
    ],
    [
      'an unknown region in clause 2',
      [{ materials: ['a'] }, { materials: ['b'] }, { materials: ['gallium'], originRegions: ['XX'] }],
      ['filters.2.originRegions'],
    ],
    ['an unknown scope', { materials: ['gallium'], scopes: ['rivers'] }, ['filters.scopes.0']],
    [
      'more materials than one filter may hold, summed over the clauses',
      [
        {
          materials: [
            'gallium',
            'germanium',
            'cobalt',
            'lithium',
            'nickel',
            'graphite',
            'antimony',
            'tungsten',
            'indium',
          ],
        },
        {
          materials: [
            'rare-earths',
            'dysprosium',
            'terbium',
            'neodymium',
            'praseodymium',
            'samarium',
            'gadolinium',
            'yttrium',
            'scandium',
          ],
        },
        {
          materials: [
            'lanthanum',
            'cerium',
            'europium',
            'holmium',
            'erbium',
            'thulium',
            'ytterbium',
            'lutetium',
          ],
        },
      ],
      ['filters'],
    ],
    [
      // Six clauses of ten destinations each: 60 DEST# entries and one MATERIAL# entry.
      'clauses that need more than 50 index entries together',
      Array.from({ length: 6 }, (_, clause) => ({
        materials: ['gallium'],
        affectedRegions: COUNTRIES.slice(clause * 10, clause * 10 + 10),
      })),
      ['filters'],
    ],
  ])('refuses %s with a 422 naming the field, writing nothing', async (_name, filters, fields) => {
    const before = await h.itemCount();
    const res = await h.http.post('/v1/subscriptions', subscriptionBody({ filters }), subscriber.key);
    expectProblem(res, 422);
    for (const field of fields) expect(problemFields(res)).toContain(field);
    expect(await h.itemCount()).toBe(before);
  });

  it('refuses a bad clause list on PATCH with a 422, leaving the subscription as it was', async () => {
    const id = await subscribe({ materials: ['gallium'] });
    const before = await h.http.get(`/v1/subscriptions/${id}`, subscriber.key);
    const res = await h.http.patch(
      `/v1/subscriptions/${id}`,
      {
        filters: [
          { materials: ['gallium'] },
          { materials: ['gallium'] },
          { materials: ['gallium'] },
          { hsCodes: ['1'] },
        ],
      },
      subscriber.key,
    );
    expectProblem(res, 422);
    expect(problemFields(res)).toContain('filters.3.hsCodes.0');
    const after = await h.http.get(`/v1/subscriptions/${id}`, subscriber.key);
    expect(after.json).toEqual(before.json);
  });
});

describe('lane rules and party rules, over DynamoDB Local', () => {
  const entityListAddition = (overrides: Record<string, unknown> = {}) => ({
    issuingRegion: 'US',
    affectedRegions: ['CN'],
    materials: ['*'],
    hsCodes: undefined,
    itemTypes: ['goods', 'technology', 'software'],
    changeType: 'end-user-list-addition',
    severity: 'high',
    conditions: [],
    entities: [{ name: 'Hunan Rare Earth Metals Refining Co., Ltd.', country: 'CN', list: 'us-entity-list' }],
    ...overrides,
  });

  it('a party rule on every item never reaches a lithium fund that watches * alone', async () => {
    const fund = await subscribe({ materials: ['*'] });
    const lithium = await subscribe({ materials: ['lithium'] });
    const change = await post(entityListAddition());
    expect(await alertsOf(fund, change)).toEqual([]);
    expect(await alertsOf(lithium, change)).toEqual([]);
  });

  it('a watchlist still hears the party rule that lists its counterparty', async () => {
    const watcher = await subscribe({
      entities: [{ name: 'Hunan Rare Earth Metals Refining', country: 'CN' }],
    });
    const change = await post(entityListAddition());
    const [alert] = await alertsOf(watcher, change);
    expect(alert?.data.match.entities).toEqual([
      {
        watched: 'Hunan Rare Earth Metals Refining',
        listed: 'Hunan Rare Earth Metals Refining Co., Ltd.',
        score: 1,
      },
    ]);
  });

  it('a subscription that lists parties hears party rules, its other filters still applying', async () => {
    const screener = await subscribe({ materials: ['*'], scopes: ['parties', 'lanes', 'all-items'] });
    const onlyParties = await subscribe({ scopes: ['parties'] });
    const elsewhere = await subscribe({ materials: ['*'], affectedRegions: ['RU'], scopes: ['parties'] });
    const change = await post(entityListAddition());
    expect(await alertsOf(screener, change)).toHaveLength(1);
    expect(await alertsOf(onlyParties, change)).toHaveLength(1);
    expect(await alertsOf(elsewhere, change)).toEqual([]);
    const lane = await post({ materials: ['gallium'], hsCodes: ['811292'] });
    expect(await alertsOf(onlyParties, lane)).toEqual([]);
    expect(await alertsOf(screener, lane)).toHaveLength(1);
  });

  it('scopes that leave out all-items or lanes leave those changes out', async () => {
    const lanesOnly = await subscribe({ materials: ['gallium'], scopes: ['lanes'] });
    const allItemsOnly = await subscribe({ materials: ['gallium'], scopes: ['all-items'] });
    const allItems = await post({
      materials: ['*'],
      hsCodes: undefined,
      affectedRegions: ['US'],
      changeType: 'export-ban',
    });
    const lane = await post({ materials: ['gallium'], hsCodes: ['811292'] });
    expect(await alertsOf(lanesOnly, allItems)).toEqual([]);
    expect(await alertsOf(lanesOnly, lane)).toHaveLength(1);
    expect(await alertsOf(allItemsOnly, allItems)).toHaveLength(1);
    expect(await alertsOf(allItemsOnly, lane)).toEqual([]);
  });
});
