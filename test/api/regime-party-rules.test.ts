import { beforeAll, describe, expect, it } from 'vitest';
import { type MatcherDeps, matchPolicyChange } from '../../shared/matching/matcher.js';
import { defaultCatalogue } from '../../shared/model/catalogue.js';
import { refreshRelated } from '../../shared/policy/refresh.js';
import { RecordingNotifier } from '../support/recording.js';
import {
  ADMIN,
  type ApiHarness,
  createHarness,
  expectProblem,
  newSubscriber,
  policyChangeBody,
  problemFields,
} from './support.js';

let h: ApiHarness;
const ids: Record<string, string> = {};

/** Posts a change in force since 2025-01-01; returns its id. */
async function post(name: string, overrides: Record<string, unknown>): Promise<void> {
  const res = await h.http.post(
    '/v1/policy-changes',
    policyChangeBody({
      publishedAt: '2025-01-01T00:00:00Z',
      effectiveAt: '2025-01-01T00:00:00Z',
      conditions: [],
      ...overrides,
    }),
    ADMIN,
  );
  expect(res.status, res.text).toBe(202);
  ids[name] = res.json.id as string;
}

beforeAll(async () => {
  h = await createHarness({ clock: () => new Date('2026-01-01T00:00:00Z') });
  // A lane rule on lithium from Zimbabwe, an all-items rule to China, a US Entity List addition on
  // every item, a party rule naming no material, and a party rule on gallium only.
  await post('zimbabwe', {
    issuingRegion: 'ZW',
    affectedRegions: ['*'],
    materials: ['lithium'],
    hsCodes: ['253090'],
    changeType: 'export-ban',
  });
  await post('allItems', {
    issuingRegion: 'US',
    affectedRegions: ['CN'],
    originRegions: ['*'],
    materials: ['*'],
    hsCodes: undefined,
    changeType: 'licence-requirement',
  });
  await post('entityList', {
    issuingRegion: 'US',
    affectedRegions: ['CN'],
    originRegions: ['*'],
    materials: ['*'],
    hsCodes: undefined,
    changeType: 'end-user-list-addition',
    entities: [
      { name: 'Hunan Rare Earth Metals Refining Co., Ltd.', country: 'CN', list: 'us-entity-list' },
      { name: 'Shenzhen Huaxin Optics Technology Co., Ltd.', aliases: ['Huaxin Optics'], country: 'CN' },
    ],
  });
  await post('noMaterials', {
    issuingRegion: 'CN',
    affectedRegions: ['US'],
    originRegions: ['*'],
    materials: [],
    hsCodes: undefined,
    changeType: 'end-user-list-addition',
    entities: [{ name: 'Lockheed Martin Corporation', country: 'US' }],
  });
  await post('galliumParties', {
    issuingRegion: 'CN',
    affectedRegions: ['*'],
    materials: ['gallium'],
    hsCodes: undefined,
    changeType: 'end-user-list-addition',
    entities: [{ name: 'Acme Semiconductors Inc.', country: 'US' }],
  });
});

/** A party's screening: each listed name found, with the rule that lists it, in force. */
const screened = (party: string, found: [policyChangeId: string | undefined, listed: string][]) => ({
  party,
  matches: found.map(([policyChangeId, listed]) => ({
    policyChangeId,
    listed,
    score: 1,
    status: 'in-force',
  })),
});

const idsOf = (items: { policyChange: { id: string } }[]) => items.map((item) => item.policyChange.id).sort();

describe('GET /v1/regime: lane rules in items, party rules apart', () => {
  it('lists lithium from Zimbabwe to China: the lane and all-items rules in items, the Entity List addition apart', async () => {
    const res = await h.http.get('/v1/regime?material=lithium&origin=ZW&destination=CN', ADMIN);
    expect(res.status, res.text).toBe(200);
    expect(idsOf(res.json.items)).toEqual([ids.zimbabwe, ids.allItems].sort());
    expect(idsOf(res.json.partyRules)).toEqual([ids.entityList]);
    expect(res.json.partyRules[0].status).toBe('in-force');
    expect(res.json.screening).toBeUndefined();
  });

  it('lists a party rule naming no material on every lane its regions cover, and one on gallium only on gallium', async () => {
    const lithium = await h.http.get('/v1/regime?material=lithium&origin=CN&destination=US', ADMIN);
    expect(idsOf(lithium.json.partyRules)).toEqual([ids.noMaterials]);
    expect(lithium.json.items).toEqual([]);
    const gallium = await h.http.get('/v1/regime?material=gallium&origin=CN&destination=US', ADMIN);
    expect(idsOf(gallium.json.partyRules)).toEqual([ids.noMaterials, ids.galliumParties].sort());
    const germany = await h.http.get('/v1/regime?material=lithium&origin=CN&destination=DE', ADMIN);
    expect(germany.json.partyRules).toEqual([]);
  });

  it('screens named parties against the party rules on the lane (party= repeatable)', async () => {
    const res = await h.http.get(
      `/v1/regime?material=gallium&origin=CN&destination=US&party=${encodeURIComponent('Lockheed Martin')}&party=${encodeURIComponent('ACME SEMICONDUCTORS')}&party=Boeing`,
      ADMIN,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.json.screening).toEqual([
      screened('Lockheed Martin', [[ids.noMaterials, 'Lockheed Martin Corporation']]),
      screened('ACME SEMICONDUCTORS', [[ids.galliumParties, 'Acme Semiconductors Inc.']]),
      screened('Boeing', []),
    ]);
  });

  it('screens one party by an alias, reporting the listed entity, any key', async () => {
    const subscriber = await newSubscriber(h.http, 'Trader screening customers');
    const res = await h.http.get(
      '/v1/regime?material=lithium&origin=ZW&destination=CN&party=Huaxin%20Optics',
      subscriber.key,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.json.screening).toEqual([
      screened('Huaxin Optics', [[ids.entityList, 'Shenzhen Huaxin Optics Technology Co., Ltd.']]),
    ]);
  });

  it('refuses more than 25 parties, and a party that is no name, with a 422 naming party', async () => {
    const many = Array.from({ length: 26 }, (_, i) => `party=Company%20${i}`).join('&');
    const tooMany = await h.http.get(`/v1/regime?material=lithium&${many}`, ADMIN);
    expectProblem(tooMany, 422);
    expect(problemFields(tooMany).some((field) => field.startsWith('query.party') || field === 'party')).toBe(
      true,
    );
    const blank = await h.http.get('/v1/regime?material=lithium&party=%20%2E', ADMIN);
    expectProblem(blank, 422);
    expect(problemFields(blank).some((field) => field.includes('party'))).toBe(true);
  });

  it('keeps a suspended party rule in partyRules with its status, never in suspended', async () => {
    const deps: MatcherDeps = {
      changes: h.table.changes,
      subscriptions: h.table.subscriptions,
      deliveries: h.table.deliveries,
      queue: { enqueue: async () => {} },
      notifier: new RecordingNotifier(),
      catalogue: () => defaultCatalogue(),
      clock: () => new Date('2026-01-01T00:00:00Z'),
      onRelationsChanged: refreshRelated(() => deps),
    };
    const res = await h.http.post(
      '/v1/policy-changes',
      policyChangeBody({
        issuingRegion: 'CN',
        affectedRegions: ['*'],
        materials: ['gallium'],
        hsCodes: undefined,
        changeType: 'suspension',
        conditions: [],
        publishedAt: '2026-01-01T00:00:00Z',
        effectiveAt: '2026-06-01T00:00:00Z',
        expiresAt: '2027-06-01T00:00:00Z',
        relatedChanges: [{ relation: 'suspends', policyChangeId: ids.galliumParties }],
      }),
      ADMIN,
    );
    expect(res.status, res.text).toBe(202);
    await matchPolicyChange(deps, { policyChangeId: res.json.id, revision: 1 });
    const regime = await h.http.get(
      '/v1/regime?material=gallium&origin=CN&destination=US&at=2026-07-01&party=Acme%20Semiconductors',
      ADMIN,
    );
    expect(regime.status, regime.text).toBe(200);
    const rule = regime.json.partyRules.find(
      (item: { policyChange: { id: string } }) => item.policyChange.id === ids.galliumParties,
    );
    expect(rule?.status).toBe('suspended');
    expect(idsOf(regime.json.suspended)).toEqual([]);
    expect(idsOf(regime.json.items)).toEqual([res.json.id]);
    expect(regime.json.screening[0].matches).toEqual([
      {
        policyChangeId: ids.galliumParties,
        listed: 'Acme Semiconductors Inc.',
        score: 1,
        status: 'suspended',
      },
    ]);
  });
});
