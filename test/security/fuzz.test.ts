import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../shared/api/app.js';
import {
  ADMIN,
  type ApiHarness,
  createHarness,
  newIngestKey,
  newSubscriber,
  policyChangeBody,
  subscriptionBody,
} from '../api/support.js';
import {
  expectProblemDocument,
  hostileValues,
  ingestAndMatch,
  type QueryParameter,
  tableFingerprint,
  valuePairs,
} from './support.js';

/** Inputs per run: about 20-30 s on two cores against DynamoDB Local, a table digest after each. */
const RUNS = 800;

let h: ApiHarness;
let routes: { method: string; path: string }[];
const keys: Record<string, string> = {};
const ids: string[] = [];
/** Real cursors from the lists, for the forgeries to start from. */
const cursors: string[] = [];

beforeAll(async () => {
  h = await createHarness();
  const alice = await newSubscriber(h.http, 'Alice Fuzz');
  const bob = await newSubscriber(h.http, 'Bob Fuzz');
  keys.admin = ADMIN;
  keys.alice = alice.key;
  keys.bob = bob.key;
  keys.ingest = await newIngestKey(h.http);
  const subscription = await h.http.post('/v1/subscriptions', subscriptionBody(), alice.key);
  const spare = await h.http.post('/v1/me/api-keys', { name: 'spare' }, alice.key);
  const changeId = await ingestAndMatch(h, { materials: ['dysprosium'] });
  const delivery = await h.http.get(`/v1/subscriptions/${subscription.json.id}/deliveries`, alice.key);
  ids.push(
    subscription.json.id,
    delivery.json.items[0].id,
    spare.json.keyId,
    changeId,
    alice.id,
    'gallium',
    'EU',
    'FIVE-EYES',
    'rare-earths',
  );
  for (let i = 0; i < 2; i++) await ingestAndMatch(h, { materials: ['dysprosium'] });
  for (const [path, key] of [
    [`/v1/subscriptions/${subscription.json.id}/deliveries?limit=1`, alice.key],
    ['/v1/api-keys?limit=1', ADMIN],
    ['/v1/admin/audit?limit=1', ADMIN],
  ] as const) {
    const page = await h.http.get(path, key);
    if (page.json?.nextCursor) cursors.push(page.json.nextCursor);
  }
  const doc = (await h.http.get('/openapi.json')).json as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path })),
  );
});

/** A body each route would accept, for the mutations to start from. */
function validBody(method: string, path: string): unknown {
  const bodies: Record<string, unknown> = {
    'POST /v1/subscribers': { name: 'Fuzzed GmbH' },
    'POST /v1/api-keys': { scope: 'ingest', name: 'fuzz' },
    'POST /v1/subscriptions': subscriptionBody(),
    'PATCH /v1/subscriptions/{id}': { name: 'renamed', filters: { materials: ['gallium'] } },
    'POST /v1/subscriptions/{id}/recover': { since: '2020-01-01T00:00:00Z' },
    'POST /v1/policy-changes': policyChangeBody(),
    'POST /v1/me/api-keys': { name: 'rotation' },
    'PATCH /v1/admin/subscriptions/{id}': { filters: { materials: ['cobalt'] }, status: 'paused' },
    'PUT /v1/materials/{id}': {
      name: 'Fuzzium',
      kind: 'material',
      parent: 'minor-metals',
      hsCodes: ['811299'],
    },
    'PUT /v1/regions/groups/{id}': { name: 'Fuzz group', members: ['DE', 'fr'] },
    'POST /v1/subscriptions/{id}/sms/confirm': { phoneNumber: '+4915112345678', code: '123456' },
    'POST /v1/subscriptions/{id}/sms/resend': { phoneNumber: '+4915112345678' },
  };
  return bodies[`${method} ${path}`];
}

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
});
const weirdText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', ' ', '..', '../..', '%00', '%2e%2e', '__proto__', 'constructor', 'null', '*', 'NaN'),
  fc.constantFrom('a'.repeat(300), '9'.repeat(30), '-1', '1e309', '0x10', '€', '😀', 'sub_', 'key_'),
);

/** Values of any JSON type, including the awkward ones. */
const anyJson = fc.oneof(
  { depthSize: 'small' },
  fc.jsonValue(),
  weirdText,
  fc.constantFrom(
    null,
    true,
    0,
    -1,
    1.5,
    2 ** 53,
    [],
    {},
    [[[[[]]]]],
    JSON.parse('{"__proto__":{"admin":true}}'),
  ),
  fc.array(fc.constantFrom('gallium', '*', 'DE', 'x'), { minLength: 20, maxLength: 400 }),
);

type Mutation = { kind: 'delete' | 'set' | 'add' | 'wrap'; pick: number; value: unknown; key: string };

/** Applies one mutation somewhere inside a deep copy of `body`. */
function mutate(body: unknown, mutation: Mutation): unknown {
  if (mutation.kind === 'wrap') return [body];
  const copy = structuredClone(body);
  const holders: Record<string, unknown>[] = [];
  const walk = (value: unknown) => {
    if (value && typeof value === 'object') {
      holders.push(value as Record<string, unknown>);
      for (const child of Object.values(value)) walk(child);
    }
  };
  walk(copy);
  const holder = holders[mutation.pick % Math.max(1, holders.length)];
  if (!holder) return mutation.value;
  const fields = Object.keys(holder);
  const field = fields[mutation.pick % Math.max(1, fields.length)] ?? mutation.key;
  if (mutation.kind === 'delete') delete holder[field];
  else {
    // defineProperty, so that a key such as __proto__ becomes a real field of the JSON sent.
    Object.defineProperty(holder, mutation.kind === 'set' ? field : mutation.key, {
      value: mutation.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'set', 'set', 'add', 'wrap'),
  pick: fc.nat(),
  value: anyJson,
  key: fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'id', 'subscriberId', 'scope', 'extra'),
    fc.string(),
  ),
});

const bodyArb = (method: string, path: string) => {
  const base = validBody(method, path);
  return fc.oneof(
    { arbitrary: fc.constant({ raw: undefined, json: base }), weight: 3 },
    {
      arbitrary: fc
        .array(mutationArb, { minLength: 1, maxLength: 3 })
        .map((ms) => ({ raw: undefined, json: ms.reduce(mutate, base ?? {}) })),
      weight: 8,
    },
    { arbitrary: anyJson.map((json) => ({ raw: undefined, json })), weight: 2 },
    {
      arbitrary: fc
        .oneof(fc.string(), fc.constantFrom('{', '{"a":', '[1,2', 'null', '\u0000', '{"name":"x"}}'))
        .map((raw) => ({ raw, json: undefined })),
      weight: 2,
    },
    { arbitrary: fc.constant({ raw: undefined, json: undefined }), weight: 1 },
    {
      arbitrary: fc.constant({ raw: `{"name":"${'x'.repeat(MAX_BODY_BYTES)}"}`, json: undefined }),
      weight: 1,
    },
  );
};

const contentTypeArb = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 8 },
  fc.constantFrom(
    'application/json; charset=utf-8',
    'application/json; charset=utf-16',
    'APPLICATION/JSON',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/problem+json',
  ),
  printable,
  fc.constant(undefined),
);

/** The key a route is meant for, so that most inputs get past authorisation to validation and handlers. */
function rightKey(method: string, path: string): string {
  if (/^\/v1\/(admin|api-keys|subscribers|materials|regions)/.test(path)) return 'admin';
  if (method === 'POST' && path === '/v1/policy-changes') return 'ingest';
  return 'alice';
}

const authorizationArb = (method: string, path: string) =>
  fc.oneof(
    { arbitrary: fc.constant(`Bearer ${keys[rightKey(method, path)]}`), weight: 12 },
    {
      arbitrary: fc.constantFrom('admin', 'alice', 'bob', 'ingest').map((name) => `Bearer ${keys[name]}`),
      weight: 4,
    },
    fc.constantFrom(
      undefined,
      '',
      'Bearer',
      'Bearer ma_sub_forged',
      `Basic ${Buffer.from('a:b').toString('base64')}`,
    ),
    fc.constantFrom('admin', 'alice').map((name) => `Bearer ${keys[name]}x`),
    printable.map((text) => `Bearer ${text}`),
  );

const paramArb = fc.oneof(
  {
    arbitrary: fc.constantFrom(...Array.from({ length: 9 }, (_, i) => i)).map((i) => ids[i] ?? ''),
    weight: 6,
  },
  { arbitrary: weirdText.map((text) => encodeURIComponent(text)), weight: 3 },
  fc.constantFrom('..%2f..%2fadmin', '%2e%2e', 'a%00b', '%ZZ', ' ', ''),
);

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Cursors a caller could make up: real ones tampered with, and keys of every shape, sealed or not. */
const forgedCursorArb = fc.oneof(
  fc.nat().map((i) => cursors[i % Math.max(1, cursors.length)] ?? ''),
  fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 63 })).map(([i, at, bits]) => {
    const cursor = cursors[i % Math.max(1, cursors.length)] ?? 'x.y';
    const position = at % cursor.length;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    return `${cursor.slice(0, position)}${alphabet[bits]}${cursor.slice(position + 1)}`;
  }),
  fc
    .tuple(
      fc.dictionary(
        fc.constantFrom('pk', 'sk', 'gsi1pk', 'gsi1sk', 'x'),
        fc.oneof(fc.constant(''), weirdText, fc.jsonValue()),
      ),
      fc.nat(),
      fc.boolean(),
    )
    .map(([key, i, sealed]) => {
      const seal = (cursors[i % Math.max(1, cursors.length)] ?? '.').split('.')[1] ?? '';
      return sealed ? `${b64(key)}.${seal}` : b64(key);
    }),
);

const queryArb = fc.dictionary(
  fc.constantFrom(
    'limit',
    'cursor',
    'subscriberId',
    'material',
    'actor',
    'target',
    'action',
    'from',
    'to',
    'x',
  ),
  fc.oneof(
    weirdText,
    fc.integer().map(String),
    fc.constantFrom('2026-01-01T00:00:00Z', 'subscription:sub_x', '0', '101'),
    { arbitrary: forgedCursorArb, weight: 2 },
  ),
  { maxKeys: 4 },
);

const requestArb = fc.nat().chain((index) => {
  const route = routes[index % routes.length] ?? { method: 'GET', path: '/health' };
  return fc.record({
    route: fc.constant(route),
    method: fc.oneof(
      { arbitrary: fc.constant(route.method), weight: 9 },
      fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
    ),
    param: paramArb,
    pathMutation: fc.oneof(
      { arbitrary: fc.constant('none'), weight: 9 },
      fc.constantFrom('trailing-slash', 'double-slash', 'suffix', 'upper'),
    ),
    query: queryArb,
    body: bodyArb(route.method, route.path),
    authorization: authorizationArb(route.method, route.path),
    contentType: contentTypeArb,
    requestId: fc.option(printable, { nil: undefined }),
    extraHeader: fc.option(
      fc.tuple(fc.constantFrom('x-forwarded-for', 'x-api-key', 'accept', 'origin'), printable),
      {
        nil: undefined,
      },
    ),
  });
});

type Generated = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

function toRequest(input: Generated) {
  let path = input.route.path.replace(/\{[^}]+\}/g, input.param);
  if (input.pathMutation === 'trailing-slash') path += '/';
  if (input.pathMutation === 'double-slash') path = path.replace('/v1/', '/v1//');
  if (input.pathMutation === 'suffix') path += '/extra';
  if (input.pathMutation === 'upper') path = path.toUpperCase();
  const query = new URLSearchParams(input.query).toString();
  const headers: Record<string, string> = {};
  if (input.authorization !== undefined) headers.authorization = input.authorization.trim();
  if (input.contentType !== undefined) headers['content-type'] = input.contentType.trim();
  if (input.requestId !== undefined) headers['x-request-id'] = input.requestId.trim();
  if (input.extraHeader) headers[input.extraHeader[0]] = input.extraHeader[1].trim();
  const raw = input.body.raw ?? (input.body.json === undefined ? undefined : JSON.stringify(input.body.json));
  const withBody = raw !== undefined && input.method !== 'GET' && input.method !== 'OPTIONS';
  return {
    method: input.method,
    path: query ? `${path}?${query}` : path,
    headers,
    raw: withBody ? raw : undefined,
  };
}

describe('ordered pairs of query parameters', () => {
  it("every pair of each operation's query parameters, given hostile values, answers below 500", async () => {
    const doc = (await h.http.get('/openapi.json')).json as {
      paths: Record<string, Record<string, { parameters?: (QueryParameter & { in: string })[] }>>;
    };
    const requests: { method: string; path: string; key: string }[] = [];
    let pairs = 0;
    for (const [template, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const params = (operation.parameters ?? []).filter((p) => p.in === 'query');
        const path = template.replace(/\{[^}]+\}/g, ids[0] ?? 'x');
        const key = keys[rightKey(method.toUpperCase(), template)] ?? '';
        for (const first of params) {
          for (const second of params) {
            if (first === second) continue;
            const [a, b] = [hostileValues(first), hostileValues(second)];
            for (const [i, j] of valuePairs(pairs++, first, second)) {
              const query = new URLSearchParams([
                [first.name, a[i] ?? ''],
                [second.name, b[j] ?? ''],
              ]);
              requests.push({ method: method.toUpperCase(), path: `${path}?${query}`, key });
            }
          }
        }
      }
    }
    const failures: string[] = [];
    // A few at a time: DynamoDB Local answers concurrent reads.
    for (let start = 0; start < requests.length; start += 16) {
      await Promise.all(
        requests.slice(start, start + 16).map(async ({ method, path, key }) => {
          const res = await h.http.send(method, path, undefined, { key });
          if (res.status >= 500)
            failures.push(`${method} ${path} -> ${res.status} ${res.text.slice(0, 200)}`);
          else if (res.status >= 400) expectProblemDocument(res, `${method} ${path}`);
        }),
      );
    }
    expect(failures).toEqual([]);
    // The pairs are read from the description: the history's range is among them, reversed.
    expect(pairs).toBeGreaterThan(150);
    expect(requests.map((r) => r.path)).toContain('/v1/policy-changes?since=2030-01-01&until=2020-01-01');
  });
});

describe('property: no input, however malformed, gets a 5xx or changes the store when refused', () => {
  it(`${RUNS} generated requests across every route`, { timeout: 120_000 }, async () => {
    let generated = 0;
    const statuses = new Map<number, number>();
    let baseline = await tableFingerprint(h);
    await fc.assert(
      fc.asyncProperty(requestArb, async (input) => {
        generated++;
        const request = toRequest(input);
        const res = await h.http.send(request.method, request.path, undefined, {
          headers: request.headers,
          ...(request.raw !== undefined ? { raw: request.raw } : {}),
        });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const context = `${request.method} ${request.path.slice(0, 200)} -> ${res.status} ${res.text.slice(0, 300)}`;
        expect(res.status, context).toBeLessThan(500);
        const after = await tableFingerprint(h);
        if (res.status >= 400) {
          expectProblemDocument(res, context);
          expect(after, `a refused request changed the table: ${context}`).toEqual(baseline);
        }
        baseline = after;
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(generated).toBe(RUNS);
    // Enough of the inputs get past authentication and validation to reach the handlers.
    const ok = [...statuses].filter(([s]) => s < 300).reduce((sum, [, n]) => sum + n, 0);
    expect(ok).toBeGreaterThan(RUNS / 20);
    console.info(`fuzz: ${generated} requests; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  });
});

describe('replay floods', () => {
  it('a flood of retries and recovers answers 202, 409 or 429, never a 5xx, and replays stay within the budget', async () => {
    // A subscriber of its own: the fuzzing before may have deleted or revoked Alice's things.
    const carol = await newSubscriber(h.http, 'Carol Flood');
    const subscription = await h.http.post('/v1/subscriptions', subscriptionBody(), carol.key);
    await ingestAndMatch(h, { materials: ['dysprosium'] });
    const listed = await h.http.get(`/v1/subscriptions/${subscription.json.id}/deliveries`, carol.key);
    const deliveryId: string = listed.json.items[0].id;
    const subscriptionId: string = subscription.json.id;
    h.queue.clear();
    const flood = Array.from({ length: 60 }, (_, i) =>
      i % 3 === 0
        ? h.http.post(
            `/v1/subscriptions/${subscriptionId}/recover`,
            { since: '2020-01-01T00:00:00Z' },
            carol.key,
          )
        : h.http.post(`/v1/deliveries/${deliveryId}/retry`, undefined, i % 2 ? carol.key : keys.admin),
    );
    const results = await Promise.all(flood);
    for (const res of results) {
      expect([202, 409, 429], res.text).toContain(res.status);
      if (res.status !== 202) expectProblemDocument(res, res.text);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // REPLAY_LIMIT (3) per delivery and hour, whatever the mix and the fuzzing before.
    const sent = h.queue.deliveryIds.filter((id) => id === deliveryId);
    expect(sent.length).toBeLessThanOrEqual(3);
    const stored = await h.table.deliveries.getDelivery(deliveryId);
    const lastHour = (stored?.replays ?? []).filter((at) => Date.parse(at) > Date.now() - 3_600_000);
    expect(lastHour.length).toBeLessThanOrEqual(3);
  });
});
