import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/local-runtime.js';
import { ADMIN, apiClient, startTestRuntime } from '../reliability/support.js';

/** Phrases of the validation library's own messages, which callers should never see. */
const LIBRARY_WORDING =
  /Invalid input|Invalid option|Invalid string|Invalid element|expected (a |an )?\w+, received|Too (small|big)|>=|<=|Unrecognized key|Required/;

describe('validation messages are the project’s own, over real sockets', () => {
  let runtime: LocalRuntime;
  let call: ReturnType<typeof apiClient>;
  let subscriberKey: string;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    call = apiClient(runtime.url);
    subscriberKey = (await call('POST', '/v1/subscribers', ADMIN, { name: 'Wording' })).json.apiKey;
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  const cases: [string, string, string, unknown, Record<string, string>][] = [
    ['subscriber without a name', 'POST', '/v1/subscribers', {}, { name: 'is required' }],
    ['subscriber name of the wrong type', 'POST', '/v1/subscribers', { name: 42 }, { name: 'must be text' }],
    [
      'empty subscriber name',
      'POST',
      '/v1/subscribers',
      { name: '' },
      { name: 'must be at least 1 character long' },
    ],
    [
      'subscription with a bad webhook URL and too many materials',
      'POST',
      '/v1/subscriptions',
      {
        name: 'x',
        filters: { materials: Array.from({ length: 101 }, (_, i) => `m${i}`), minSeverity: 'huge' },
        webhook: { url: 'not a url' },
      },
      {
        'filters.minSeverity': 'must be one of: low, medium, high, critical',
        'webhook.url': 'must be a URL such as https://example.com/hook',
      },
    ],
    [
      'policy change with wrong types',
      'POST',
      '/v1/policy-changes',
      {
        source: 's',
        sourceRef: 'r',
        title: 't',
        issuingRegion: 'CN',
        affectedRegions: [],
        materials: ['gallium'],
        changeType: 'licence-requirement',
        severity: 'high',
        revision: 1.5,
        effectiveFrom: 'tomorrow',
      },
      { affectedRegions: 'must have at least 1 item', revision: 'must be a whole number' },
    ],
    [
      'a page limit out of range',
      'GET',
      '/v1/admin/subscribers?limit=0',
      undefined,
      { 'query.limit': 'must be at least 1' },
    ],
    [
      'a page limit that is not a number',
      'GET',
      '/v1/admin/audit?limit=many',
      undefined,
      { 'query.limit': 'must be a number' },
    ],
  ];

  for (const [what, method, path, body, expected] of cases) {
    it(what, async () => {
      const key = path.startsWith('/v1/subscriptions') ? subscriberKey : ADMIN;
      const response = await call(method, path, key, body);
      expect(response.status).toBe(422);
      const errors: { field: string; message: string }[] = response.json.errors;
      expect(errors.length).toBeGreaterThan(0);
      for (const error of errors) expect(error.message).not.toMatch(LIBRARY_WORDING);
      const byField = Object.fromEntries(errors.map((error) => [error.field, error.message]));
      expect(byField).toMatchObject(expected);
    });
  }
});
