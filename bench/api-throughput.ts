import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import autocannon, { type Result } from 'autocannon';
import { Hono } from 'hono';
import { startLocalRuntime } from '../local/local-runtime.js';
import { benchChange } from './subscription-data.js';
import {
  BENCH_ACCESS_KEY_ID,
  type BenchResult,
  createBenchTable,
  type Row,
  round,
  within,
} from './support.js';

const ADMIN_KEY = 'ma_adm_bench_admin_key_0123456789';
const CONNECTIONS = 10;
const SECONDS = 5;
const BARE_SECONDS = 3;
const SUBSCRIPTIONS = 5;

type Load = { url: string; method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string };

/** One bounded autocannon run (1 s warm-up, then `seconds` at CONNECTIONS) from a worker thread. */
async function measure(load: Load, seconds: number, idReplacement = false): Promise<Result> {
  const result = await within(
    `autocannon ${load.method ?? 'GET'} ${load.url}`,
    (seconds + 1) * 1000 + 30_000,
    autocannon({
      ...load,
      idReplacement,
      connections: CONNECTIONS,
      duration: seconds,
      timeout: 10,
      workers: 1,
      warmup: { connections: CONNECTIONS, duration: 1 },
    }),
  );
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) {
    throw new Error(
      `api: ${load.method ?? 'GET'} ${load.url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx`,
    );
  }
  return result;
}

async function call(url: string, key: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok)
    throw new Error(`api setup: POST ${url} answered ${response.status} ${JSON.stringify(json)}`);
  return json;
}

const summary = (result: Result) => ({
  requestsPerSecond: round(result.requests.average),
  requests: result.requests.total,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
});

/**
 * The real app as `npm start` serves it (createApp on @hono/node-server, DynamoDB Local), under
 * autocannon, against a bare Hono route on the same server library in the same process. The rate
 * limiter is off (it would answer 429 by design) and the scheduler's interval is an hour.
 */
export async function apiThroughput(endpoint: string, log: (line: string) => void): Promise<BenchResult> {
  // The service's table without its stream (see createBenchTable); local mode does not read it.
  const table = await createBenchTable(endpoint, 'bench-api');
  const runtime = await startLocalRuntime({
    env: {
      PORT: '0',
      DYNAMODB_ENDPOINT: endpoint,
      AWS_ACCESS_KEY_ID: BENCH_ACCESS_KEY_ID,
      TABLE_NAME: 'bench-api',
      ADMIN_API_KEY: ADMIN_KEY,
      LOG_LEVEL: 'silent',
      RATE_LIMIT: 'off',
      SCHEDULER_INTERVAL: '1h',
      WEBHOOK_ALLOW_PRIVATE: 'true',
    },
  });
  const bare = new Hono().get('/', (c) => c.json({ ok: true }));
  const bareServer = serve({ fetch: bare.fetch, port: 0, hostname: '127.0.0.1' });
  try {
    await new Promise<void>((resolve) => bareServer.once('listening', () => resolve()));
    const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/`;

    const subscriber = await call(`${runtime.url}/v1/subscribers`, ADMIN_KEY, { name: 'Bench GmbH' });
    const subscriberKey = String(subscriber.apiKey);
    const ids: string[] = [];
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const created = await call(`${runtime.url}/v1/subscriptions`, subscriberKey, {
        name: `Gallium ${i}`,
        filters: { materials: ['gallium'], affectedRegions: ['US'] },
        webhook: { url: 'http://127.0.0.1:9/hooks' },
      });
      ids.push(String(created.id));
    }
    log(`  subscriber and ${SUBSCRIPTIONS} subscriptions created`);

    // Each route is measured between two runs of the bare route; their mean is its baseline, so
    // a neighbour's load on this shared machine shifts both alike.
    const bareRuns = [await measure({ url: bareUrl }, BARE_SECONDS)];
    const between = async (load: Load, idReplacement = false) => {
      const result = await measure(load, SECONDS, idReplacement);
      // Local mode matches each stored change (on its matching thread): let that finish before the next run.
      await within('api: in-process matching', 60_000, runtime.settled());
      bareRuns.push(await measure({ url: bareUrl }, BARE_SECONDS));
      const [before, after] = bareRuns.slice(-2) as [Result, Result];
      return {
        result,
        bareRps: (before.requests.average + after.requests.average) / 2,
        // autocannon's latencies have 1 ms resolution; a bare p99 of 0 would make the ratio infinite.
        bareP99: Math.max(1, (before.latency.p99 + after.latency.p99) / 2),
      };
    };
    const post = await between(
      {
        url: `${runtime.url}/v1/policy-changes`,
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...benchChange('api-[<id>]'), materials: ['tungsten'] }),
      },
      true,
    );
    const get = await between({
      url: `${runtime.url}/v1/subscriptions/${ids[0]}`,
      headers: { authorization: `Bearer ${subscriberKey}` },
    });
    const health = await between({ url: `${runtime.url}/health` });

    type Measured = Awaited<ReturnType<typeof between>>;
    const rows = (label: string, { result, bareRps, bareP99 }: Measured): Row[] => [
      {
        metric: `API: ${label}, requests/s (${CONNECTIONS} connections, ${SECONDS} s)`,
        value: result.requests.average,
        baseline: bareRps,
        unit: 'req/s',
        baselineLabel: 'bare Hono route',
        ratio: result.requests.average / bareRps,
      },
      {
        metric: `API: ${label}, p99 latency`,
        value: result.latency.p99,
        baseline: bareP99,
        unit: 'ms',
        baselineLabel: 'bare Hono route',
        ratio: result.latency.p99 / bareP99,
      },
    ];
    return {
      rows: [
        ...rows('POST /v1/policy-changes (unique sourceRef)', post),
        ...rows('GET /v1/subscriptions/{id}', get),
        {
          metric: 'API context: GET /health on the real app (its middleware, no store), requests/s',
          value: health.result.requests.average,
          baseline: health.bareRps,
          unit: 'req/s',
          baselineLabel: 'bare Hono route',
          ratio: health.result.requests.average / health.bareRps,
        },
      ],
      details: {
        connections: CONNECTIONS,
        seconds: SECONDS,
        subscriptions: SUBSCRIPTIONS,
        bareRuns: bareRuns.map(summary),
        postPolicyChanges: summary(post.result),
        getSubscription: summary(get.result),
        health: summary(health.result),
        notes:
          'local-mode wiring (startLocalRuntime): each stored change is also matched, on the matching thread (no subscription matches it); RATE_LIMIT=off',
      },
    };
  } finally {
    await new Promise<void>((resolve) => bareServer.close(() => resolve()));
    await runtime.stop();
    await table.destroy();
  }
}
