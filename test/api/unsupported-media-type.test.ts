import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type ApiHarness, createHarness, expectProblem, subscriptionBody } from './support.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await createHarness();
});

describe('a body that is not declared as JSON', () => {
  it('is a 415 naming the header to send', async () => {
    const res = await h.http.send('POST', '/v1/subscribers', undefined, {
      key: ADMIN,
      raw: JSON.stringify(subscriptionBody()),
      headers: { 'content-type': 'text/plain' },
    });
    expectProblem(res, 415, 'unsupported-media-type');
    expect(res.json.detail).toContain('content-type: application/json');
  });
});
