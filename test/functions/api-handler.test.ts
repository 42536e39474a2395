// Loaded first on purpose, as in the deployed bundle where functions/api/index.ts is the root module:
// zod 4 copies prototype methods onto a schema when it is built, so shared/model schemas get
// `.openapi()` only if @hono/zod-openapi extended zod before they were built. test/support/dynamodb.ts
// loads shared/model (via the catalogue) before the handler is imported below.
import '@hono/zod-openapi';
import type { APIGatewayProxyEventV2, APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestTable } from '../support/dynamodb.js';
import { type LambdaAws, loadHandlerOnMoto } from './lambda-aws.js';
import { ADMIN_API_KEY, lambdaContext } from './lambda-env.js';

type ApiHandler = (
  event: APIGatewayProxyEventV2,
  context: ReturnType<typeof lambdaContext>,
) => Promise<unknown>;

let lambda: Awaited<ReturnType<typeof loadHandlerOnMoto<ApiHandler>>>;
let aws: LambdaAws;
let table: TestTable;
let handler: ApiHandler;

beforeAll(async () => {
  lambda = await loadHandlerOnMoto<ApiHandler>(() => import('../../functions/api/index.js'));
  ({ aws, table, handler } = lambda);
});
afterAll(() => lambda?.stop());

/** An API Gateway HTTP API (payload format 2.0) event, as Lambda receives it. */
function httpEvent(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown } = {},
): APIGatewayProxyEventV2 {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: {
      host: 'abc123.execute-api.us-east-1.amazonaws.com',
      'user-agent': 'vitest',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '01/Mar/2025:12:00:00 +0000',
      timeEpoch: Date.parse('2025-03-01T12:00:00Z'),
    },
    isBase64Encoded: false,
    ...(body !== undefined ? { body } : {}),
  };
}

async function invoke(event: APIGatewayProxyEventV2) {
  const result = (await handler(event, lambdaContext('api'))) as APIGatewayProxyResult;
  const contentType = String(result.headers?.['content-type'] ?? '');
  return {
    ...result,
    json: contentType.includes('json') ? (JSON.parse(result.body) as Record<string, unknown>) : undefined,
  };
}

const admin = { authorization: `Bearer ${ADMIN_API_KEY}` };

describe('api handler (API Gateway HTTP API v2 -> Hono -> DynamoDB Local)', () => {
  it('GET /health answers 200', async () => {
    const response = await invoke(httpEvent('GET', '/health'));
    expect(response.statusCode).toBe(200);
    expect(response.json).toEqual({ status: 'ok' });
  });

  it('POST /v1/subscribers with the ADMIN_API_KEY creates a subscriber in the table, key shown once', async () => {
    const response = await invoke(
      httpEvent('POST', '/v1/subscribers', { headers: admin, body: { name: 'Acme Magnets GmbH' } }),
    );

    expect(response.statusCode).toBe(201);
    expect(response.json).toMatchObject({
      id: expect.stringMatching(/^sbr_/),
      name: 'Acme Magnets GmbH',
      apiKey: expect.stringMatching(/^ma_sub_/),
    });
    const id = String(response.json?.id);
    expect(await table.subscribers.getSubscriber(id)).toMatchObject({ id, name: 'Acme Magnets GmbH' });
    expect((await table.subscribers.findApiKey(String(response.json?.apiKey)))?.subscriberId).toBe(id);
  });

  it('refuses the same request without a key (401) and with a wrong one (401), as problem+json', async () => {
    const none = await invoke(httpEvent('POST', '/v1/subscribers', { body: { name: 'X' } }));
    const wrong = await invoke(
      httpEvent('POST', '/v1/subscribers', {
        headers: { authorization: 'Bearer not-the-admin-key-at-all' },
        body: { name: 'X' },
      }),
    );
    for (const response of [none, wrong]) {
      expect(response.statusCode).toBe(401);
      expect(String(response.headers?.['content-type'])).toContain('application/problem+json');
    }
  });

  it('a subscriber creates a subscription; an ingested change is stored and nothing is sent from the API', async () => {
    const created = await invoke(
      httpEvent('POST', '/v1/subscribers', { headers: admin, body: { name: 'Battery Cells Ltd' } }),
    );
    const subscriberKey = String(created.json?.apiKey);

    const subscription = await invoke(
      httpEvent('POST', '/v1/subscriptions', {
        headers: { authorization: `Bearer ${subscriberKey}` },
        body: {
          name: 'Graphite anodes',
          filters: { materials: ['graphite'] },
          webhook: { url: 'http://127.0.0.1:9/hooks' },
        },
      }),
    );
    expect(subscription.statusCode).toBe(201);
    expect(subscription.json).toMatchObject({
      id: expect.stringMatching(/^sub_/),
      webhook: {
        url: 'http://127.0.0.1:9/hooks',
        status: 'enabled',
        secret: expect.stringMatching(/^whsec_/),
      },
    });

    const ingested = await invoke(
      httpEvent('POST', '/v1/policy-changes', {
        headers: admin,
        body: {
          source: 'mofcom',
          sourceRef: 'announcement-2023-39',
          title: 'Temporary export controls on graphite items',
          issuingRegion: 'CN',
          affectedRegions: ['*'],
          materials: ['graphite'],
          changeType: 'licence-requirement',
          severity: 'high',
        },
      }),
    );
    expect(ingested.statusCode).toBe(202);
    const stored = await table.changes.getLatest(String(ingested.json?.id));
    expect(stored).toMatchObject({ title: 'Temporary export controls on graphite items', revision: 1 });
    // On Lambda the table's stream starts the matcher; the API itself queues and publishes nothing.
    expect(stored?.matching.status).toBe('pending');
    expect(await aws.queued()).toEqual([]);
    expect(await aws.published()).toEqual([]);
  });

  it('an unknown route answers 404', async () => {
    const response = await invoke(httpEvent('GET', '/v1/nothing-here', { headers: admin }));
    expect(response.statusCode).toBe(404);
  });
});
