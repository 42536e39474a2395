import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../shared/api/app.js';
import {
  ADMIN,
  type ApiHarness,
  type ApiResponse,
  createHarness,
  expectProblem,
  newIngestKey,
  newSubscriber,
  policyChangeBody,
  problemFields,
  problemValues,
  type RequestOptions,
  subscriptionBody,
} from './support.js';

let h: ApiHarness;
let subscriber: { id: string; key: string };
let ingest: string;
let subscriptionId: string;

beforeAll(async () => {
  h = await createHarness();
  subscriber = await newSubscriber(h.http, 'Bad Input Inc');
  ingest = await newIngestKey(h.http);
  const created = await h.http.post('/v1/subscriptions', subscriptionBody(), subscriber.key);
  expect(created.status).toBe(201);
  subscriptionId = created.json.id;
});

// Every rejected write must leave the table exactly as it was and start no matching.
let itemsBefore: number;
let storedBefore: number;
let subscriptionBefore: unknown;
beforeEach(async () => {
  itemsBefore = await h.itemCount();
  storedBefore = h.stored.length;
  subscriptionBefore = (await h.http.get(`/v1/subscriptions/${subscriptionId}`, subscriber.key)).json;
});
afterEach(async () => {
  expect(await h.itemCount()).toBe(itemsBefore);
  expect(h.stored.length).toBe(storedBefore);
  const list = await h.http.get('/v1/subscriptions', subscriber.key);
  expect(list.json.items).toEqual([subscriptionBefore]);
});

type Target = 'subscription' | 'policy change' | 'patch' | 'subscriber';
const endpoints: Record<Target, { method: string; path: () => string; key: () => string }> = {
  subscription: { method: 'POST', path: () => '/v1/subscriptions', key: () => subscriber.key },
  'policy change': { method: 'POST', path: () => '/v1/policy-changes', key: () => ingest },
  patch: { method: 'PATCH', path: () => `/v1/subscriptions/${subscriptionId}`, key: () => subscriber.key },
  subscriber: { method: 'POST', path: () => '/v1/subscribers', key: () => ADMIN },
};
const targets = Object.keys(endpoints) as Target[];

function send(target: Target, body: unknown, options: RequestOptions = {}): Promise<ApiResponse> {
  const endpoint = endpoints[target];
  return h.http.send(endpoint.method, endpoint.path(), body, { key: endpoint.key(), ...options });
}

describe('bodies that are not JSON objects', () => {
  it.each(targets)('%s: malformed JSON is a 400 problem', async (target) => {
    const res = await send(target, undefined, {
      raw: '{"name": "x",',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(res, 400, 'bad-request');
    expect(res.json.detail).toMatch(/JSON/);
  });

  it.each(targets)('%s: text/plain is a 415 problem', async (target) => {
    const res = await send(target, undefined, {
      raw: JSON.stringify(subscriptionBody()),
      headers: { 'content-type': 'text/plain' },
    });
    expectProblem(res, 415, 'unsupported-media-type');
  });

  it.each(targets)('%s: a form body is a 415 problem', async (target) => {
    const res = await send(target, undefined, {
      raw: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectProblem(res, 415, 'unsupported-media-type');
  });

  it.each(targets)('%s: an empty body declared as JSON is a 400 problem', async (target) => {
    const res = await send(target, undefined, { raw: '', headers: { 'content-type': 'application/json' } });
    expectProblem(res, 400, 'bad-request');
  });

  it.each(targets)('%s: no body at all is a 4xx problem', async (target) => {
    const res = await send(target, undefined);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expectProblem(res, res.status);
  });

  it.each(
    targets.flatMap((target) =>
      (
        [
          ['an array', [subscriptionBody()]],
          ['a string', 'hello'],
          ['a number', 42],
          ['null', null],
        ] as const
      ).map(([label, body]) => [target, label, body] as const),
    ),
  )('%s: %s instead of an object is a 422 problem', async (target, _label, body) => {
    const res = await send(target, body);
    expectProblem(res, 422, 'validation-error');
    expect(res.json.errors.length).toBeGreaterThan(0);
  });

  it.each(targets)(`%s: a body over ${MAX_BODY_BYTES} bytes is a 413 problem`, async (target) => {
    const res = await send(target, { name: 'x', padding: 'x'.repeat(MAX_BODY_BYTES) });
    expectProblem(res, 413, 'payload-too-large');
  });

  it('a body over the limit with a Content-Length header is a 413 problem too', async () => {
    const raw = JSON.stringify(policyChangeBody({ summary: 'x'.repeat(MAX_BODY_BYTES + 10) }));
    const res = await send('policy change', undefined, {
      raw,
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(raw)) },
    });
    expectProblem(res, 413, 'payload-too-large');
  });

  it('a body just under the limit is not refused for its size', async () => {
    // Valid JSON of ~250 KiB whose only fault is an over-long summary: a 422, not a 413.
    const body = policyChangeBody({ summary: 'x'.repeat(MAX_BODY_BYTES - 2000) });
    const res = await send('policy change', body);
    expectProblem(res, 422, 'validation-error');
    expect(problemFields(res)).toContain('summary');
  });

  it('deeply nested JSON is a 4xx, not a 500', async () => {
    const raw = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const res = await send('policy change', undefined, {
      raw,
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(res, 422, 'validation-error');
  });
});

describe('unknown fields', () => {
  it.each([
    ['subscription', { ...subscriptionBody(), colour: 'red' }, ['colour']],
    ['subscription', { ...subscriptionBody(), colour: 'red', owner: 'x' }, ['colour', 'owner']],
    [
      'subscription',
      subscriptionBody({ filters: { materials: ['gallium'], regions: ['DE'] } }),
      ['filters.regions'],
    ],
    [
      'subscription',
      subscriptionBody({ webhook: { url: 'https://a.example.com/x', secret: 'whsec_mine' } }),
      ['webhook.secret'],
    ],
    ['policy change', { ...policyChangeBody(), id: 'pc_mine' }, ['id']],
    ['policy change', { ...policyChangeBody(), matching: { status: 'completed' } }, ['matching']],
    ['patch', { status: 'paused', version: 7 }, ['version']],
    ['subscriber', { name: 'x', admin: true }, ['admin']],
  ] as const)('%s: %j is a 422 listing %j', async (target, body, fields) => {
    const res = await send(target, body);
    expectProblem(res, 422, 'validation-error');
    for (const field of fields) expect(problemFields(res)).toContain(field);
  });
});

describe('catalogue references', () => {
  it('unknown material ids in a subscription are listed one by one', async () => {
    const res = await send(
      'subscription',
      subscriptionBody({ filters: { materials: ['unobtainium', 'gallium', 'kryptonite', 'unobtainium'] } }),
    );
    expectProblem(res, 422, 'validation-error');
    expect(problemValues(res, 'filters.materials')).toEqual(['unobtainium', 'kryptonite']);
  });

  it('unknown material ids in a policy change are listed one by one', async () => {
    const res = await send('policy change', policyChangeBody({ materials: ['unobtainium', 'dysprosium'] }));
    expectProblem(res, 422, 'validation-error');
    expect(problemValues(res, 'materials')).toEqual(['unobtainium']);
  });

  it('material names that name nothing in the catalogue are listed (names and synonyms are accepted)', async () => {
    const res = await send(
      'subscription',
      subscriptionBody({ filters: { materials: ['Dysprosium', 'Unobtainium'] } }),
    );
    expectProblem(res, 422, 'validation-error');
    expect(problemValues(res, 'filters.materials')).toEqual(['Unobtainium']);
  });

  it('unknown region codes in subscription filters are listed under their field', async () => {
    const res = await send(
      'subscription',
      subscriptionBody({
        filters: { materials: ['gallium'], issuingRegions: ['XX'], affectedRegions: ['DE', 'ZZZ', 'eu'] },
      }),
    );
    expectProblem(res, 422, 'validation-error');
    expect(problemValues(res, 'filters.issuingRegions')).toEqual(['XX']);
    expect(problemValues(res, 'filters.affectedRegions')).toEqual(['ZZZ']);
  });

  it('unknown region codes in a policy change are listed under their field', async () => {
    const res = await send(
      'policy change',
      policyChangeBody({ issuingRegion: 'ZZZ', affectedRegions: ['XX', 'US', 'XK'] }),
    );
    expectProblem(res, 422, 'validation-error');
    expect(problemValues(res, 'issuingRegion')).toEqual(['ZZZ']);
    expect(problemValues(res, 'affectedRegions')).toEqual(['XX', 'XK']);
  });

  it('catalogue problems in a PATCH leave the subscription as it was', async () => {
    const res = await send('patch', { filters: { materials: ['gallium'], affectedRegions: ['QQ'] } });
    expectProblem(res, 422, 'validation-error');
    expect(problemValues(res, 'filters.affectedRegions')).toEqual(['QQ']);
  });

  it("'*' as a policy change's issuing region is a 422 naming issuingRegion", async () => {
    const res = await send('policy change', policyChangeBody({ issuingRegion: '*' }));
    expectProblem(res, 422, 'validation-error');
    expect(problemFields(res)).toContain('issuingRegion');
  });

  it("'*' beside other materials on a policy change is a 422 naming materials (it means every item)", async () => {
    const res = await send('policy change', policyChangeBody({ materials: ['*', 'gallium'] }));
    expectProblem(res, 422, 'validation-error');
    expect(problemFields(res).some((f) => f.startsWith('materials'))).toBe(true);
  });
});

describe('field values', () => {
  it.each([
    ['changeType', { changeType: 'embargo' }, 'changeType'],
    ['severity', { severity: 'extreme' }, 'severity'],
    ['direction', { direction: 'sideways' }, 'direction'],
    ['revision 0', { revision: 0 }, 'revision'],
    ['a negative revision', { revision: -1 }, 'revision'],
    ['a fractional revision', { revision: 1.5 }, 'revision'],
    ['a huge revision', { revision: 1e20 }, 'revision'],
    ['a revision as a string', { revision: '2' }, 'revision'],
    ['an empty title', { title: '   ' }, 'title'],
    ['no materials', { materials: [] }, 'materials'],
    ['no affected regions', { affectedRegions: [] }, 'affectedRegions'],
    ['a bad HS code', { hsCodes: ['28A6'] }, 'hsCodes.0'],
    ['a date-time without offset', { effectiveAt: '2025-04-04T00:00:00' }, 'effectiveAt'],
    ['a day that does not exist', { effectiveAt: '2025-02-30' }, 'effectiveAt'],
    ['expiresAt before effectiveAt', { effectiveAt: '2025-04-04', expiresAt: '2025-04-01' }, 'expiresAt'],
    ['an 11-digit HS code', { hsCodes: ['28053012345'] }, 'hsCodes.0'],
    ['a javascript: url', { url: 'javascript:alert(1)' }, 'url'],
    ['a missing source', { source: undefined }, 'source'],
    ['a listed name that shows nothing', { entities: [{ name: '!!' }] }, 'entities.0.name'],
    ['a listed name of two zero-width spaces', { entities: [{ name: '\u200b\u200b' }] }, 'entities.0.name'],
    [
      'an alias of a soft hyphen and a dash',
      { entities: [{ name: 'Huawei', aliases: ['Huawei Tech', '\u00ad-'] }] },
      'entities.0.aliases.1',
    ],
  ])('policy change with %s is a 422 naming the field', async (_label, override, field) => {
    const res = await send('policy change', policyChangeBody(override));
    expectProblem(res, 422, 'validation-error');
    expect(problemFields(res)).toContain(field);
  });

  it('a number too large for a double (1e400) is a 422, not a 500', async () => {
    const raw = JSON.stringify(policyChangeBody()).replace('"revision":1', '"revision":1e400');
    expect(raw).toContain('1e400');
    const res = await send('policy change', undefined, {
      raw,
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(res, 422, 'validation-error');
    expect(problemFields(res)).toContain('revision');
  });

  it.each([
    ['sms without plus', { sms: ['4915112345678'] }, 'sms.0'],
    ['sms starting with 0', { sms: ['+04915112345678'] }, 'sms.0'],
    ['sms too short', { sms: ['+1234'] }, 'sms.0'],
    ['sms with spaces', { sms: ['+49 151 12345678'] }, 'sms.0'],
    ['an empty sms list', { sms: [] }, 'sms'],
    ['an invalid email', { email: ['not-an-email'] }, 'email.0'],
    ['an email without domain', { email: ['someone@'] }, 'email.0'],
    [
      'too many sms numbers',
      {
        sms: [
          '+4915112345671',
          '+4915112345672',
          '+4915112345673',
          '+4915112345674',
          '+4915112345675',
          '+4915112345676',
        ],
      },
      'sms',
    ],
    [
      'a bad minSeverity',
      { filters: { materials: ['gallium'], minSeverity: 'severe' } },
      'filters.minSeverity',
    ],
    [
      'a bad changeType filter',
      { filters: { materials: ['gallium'], changeTypes: ['embargo'] } },
      'filters.changeTypes.0',
    ],
    ['no materials filter', { filters: { affectedRegions: ['DE'] } }, 'filters.materials'],
    ['an empty name', { name: '' }, 'name'],
    ['a webhook without url', { webhook: {} }, 'webhook.url'],
    [
      'a watched name that shows nothing',
      { filters: { entities: [{ name: '!!' }] } },
      'filters.entities.0.name',
    ],
    [
      'a watched name of two zero-width spaces',
      { filters: { entities: [{ name: 'ZTE' }, { name: '\u200b\u200b' }] } },
      'filters.entities.1.name',
    ],
  ])('subscription with %s is a 422 naming the field', async (_label, override, field) => {
    const res = await send('subscription', subscriptionBody(override));
    expectProblem(res, 422, 'validation-error');
    expect(problemFields(res)).toContain(field);
  });

  it.each([
    ['an invalid sms', { sms: ['12345'] }, 'sms.0'],
    ['an invalid email', { email: ['nope'] }, 'email.0'],
    ['a null name', { name: null }, 'name'],
    ['null filters', { filters: null }, 'filters'],
    ['a bad status', { status: 'deleted' }, 'status'],
    ['nothing to change', {}, '(body)'],
    [
      'a watched name that shows nothing',
      { filters: { entities: [{ name: '\u200b?!' }] } },
      'filters.entities.0.name',
    ],
  ])('PATCH with %s is a 422 naming the field', async (_label, patch, field) => {
    const res = await send('patch', patch);
    expectProblem(res, 422, 'validation-error');
    expect(problemFields(res)).toContain(field);
  });

  it('a path id longer than 100 characters is a 422', async () => {
    const res = await h.http.patch(`/v1/subscriptions/${'s'.repeat(101)}`, { name: 'x' }, subscriber.key);
    expectProblem(res, 422, 'validation-error');
  });
});

describe('problem documents', () => {
  it('carry instance and the request id', async () => {
    const res = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ webhook: undefined }),
      subscriber.key,
      {
        headers: { 'x-request-id': 'trace-42' },
      },
    );
    expectProblem(res, 422, 'validation-error');
    expect(res.json.instance).toBe('/v1/subscriptions');
    expect(res.json.requestId).toBe('trace-42');
    expect(res.headers.get('x-request-id')).toBe('trace-42');
  });

  it('never echo a 500 for a wrong method on a known path', async () => {
    const res = await h.http.send('PUT', '/v1/subscriptions', subscriptionBody(), { key: subscriber.key });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
