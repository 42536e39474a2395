import http from 'node:http';
import { forEachLimited } from '../shared/concurrency.js';
import type { DynamoDbLocalMemory } from '../shared/local/dynamodb-local.js';
import { startLocalRuntime } from '../shared/local/local-runtime.js';
import { startReceiver } from '../shared/local/webhook-receiver.js';
import { benchChange, benchSubscription, bulkLoad } from './subscription-data.js';
import { BENCH_ACCESS_KEY_ID, type BenchResult, createBenchTable, round, timed } from './support.js';

const SUBSCRIPTIONS = Number(process.env.BENCH_BURST_SUBSCRIPTIONS ?? 2_000);
const CHANGES = Number(process.env.BENCH_BURST_CHANGES ?? 10);
const ADMIN = 'bench-admin-key-0123456789abcdef';
const RAW_POSTS = 2_000;
const RAW_CONCURRENCY = 64;

/** A plain keep-alive POST, as a client with nothing to sign or record would make it. */
function post(agent: http.Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * A burst through the whole local service: 10 policy changes posted at once, each matching the
 * same 2,000 subscriptions (each its own endpoint on one healthy receiver), so 20,000 deliveries
 * through lanes, pacing and the dispatcher pool; against the same receiver's raw POST rate. The
 * scheduler's sweep runs every second meanwhile: it must queue none of the backlog again.
 */
export async function burst(
  endpoint: string,
  log: (line: string) => void,
  engineMemory?: () => DynamoDbLocalMemory,
): Promise<BenchResult> {
  const seen = new Map<string, number[]>();
  const receiver = await startReceiver((request) => {
    const id = request.headers['webhook-id'];
    if (typeof id === 'string') seen.set(id, [...(seen.get(id) ?? []), Date.now()]);
    return 200;
  });
  const bench = await createBenchTable(endpoint, 'bench-burst');
  const agent = new http.Agent({ keepAlive: true });
  const runtime = await startLocalRuntime({
    env: {
      PORT: '0',
      DYNAMODB_ENDPOINT: endpoint,
      AWS_ACCESS_KEY_ID: BENCH_ACCESS_KEY_ID,
      TABLE_NAME: bench.tableName,
      ADMIN_API_KEY: ADMIN,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      RATE_LIMIT: 'off',
      SCHEDULER_INTERVAL: '1s',
      RECOVERY_GRACE: '1s',
    },
  });
  try {
    const subscriptions = Array.from({ length: SUBSCRIPTIONS }, (_, n) => {
      const subscription = benchSubscription(
        n,
        { materials: ['dysprosium'] },
        { webhookUrl: `${receiver.url}/hooks/${n}` },
      );
      if (subscription.webhook) subscription.webhook.lastSuccessAt = subscription.createdAt;
      return subscription;
    });
    await bulkLoad(bench.table, subscriptions, 16);
    log(`  ${SUBSCRIPTIONS} subscriptions loaded`);

    const body = JSON.stringify({ ...benchChange('raw'), padding: 'x'.repeat(1200) });
    const rawUrl = new URL('/raw', receiver.url);
    const { ms: rawMs } = await timed(() =>
      forEachLimited(
        Array.from({ length: RAW_POSTS }, (_, n) => n),
        RAW_CONCURRENCY,
        async () => {
          await post(agent, rawUrl, body);
        },
      ),
    );
    const rawRate = RAW_POSTS / (rawMs / 1000);
    const before = receiver.received.length;

    const expected = SUBSCRIPTIONS * CHANGES;
    // DynamoDB Local's resident memory, sampled through the burst: does its heap hold the backlog?
    let peakResident = 0;
    const { ms } = await timed(async () => {
      await Promise.all(
        Array.from({ length: CHANGES }, async (_, n) => {
          const response = await fetch(`${runtime.url}/v1/policy-changes`, {
            method: 'POST',
            headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
            body: JSON.stringify(benchChange(`burst-${n}`)),
          });
          if (response.status !== 202) throw new Error(`burst: change ${n} answered ${response.status}`);
        }),
      );
      let lastReport = performance.now();
      while (receiver.received.length - before < expected) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        peakResident = Math.max(peakResident, engineMemory?.().residentBytes ?? 0);
        if (performance.now() - lastReport >= 10_000) {
          lastReport = performance.now();
          const progress = (await (
            await fetch(`${runtime.url}/v1/admin/stats`, { headers: { authorization: `Bearer ${ADMIN}` } })
          ).json()) as { dispatch: unknown };
          log(
            `  ${receiver.received.length - before} of ${expected} received; ${JSON.stringify(progress.dispatch)}`,
          );
        }
      }
    });
    const rate = expected / (ms / 1000);
    await runtime.settled();
    const ids = new Set(receiver.received.slice(before).map((r) => String(r.headers['webhook-id'])));
    const stats = (await (
      await fetch(`${runtime.url}/v1/admin/stats`, { headers: { authorization: `Bearer ${ADMIN}` } })
    ).json()) as { dispatch: { concurrency: number; sweeps: { runs: number; requeued: number } } };
    const received = receiver.received.length - before;
    if (ids.size !== expected || received !== expected) {
      const twice = [...seen].filter(([, times]) => times.length > 1).slice(0, 5);
      log(
        `  sent more than once: ${JSON.stringify(twice.map(([id, times]) => [id, times.map((t) => new Date(t).toISOString())]))}`,
      );
      throw new Error(`burst: ${received} requests, ${ids.size} webhook-ids for ${expected} deliveries`);
    }
    log(`  ${expected} deliveries in ${round(ms / 1000)} s; sweeps ${JSON.stringify(stats.dispatch.sweeps)}`);
    return {
      rows: [
        {
          metric: `Burst: ${CHANGES} changes x ${SUBSCRIPTIONS} subscriptions through the local service (match, lanes, pace, dispatch, record)`,
          value: rate,
          baseline: rawRate,
          unit: 'deliveries/s',
          baselineLabel: `raw keep-alive POSTs to the same receiver at concurrency ${RAW_CONCURRENCY}`,
          ratio: rate / rawRate,
        },
        ...(engineMemory && peakResident > 0
          ? [
              {
                metric: "Burst: DynamoDB Local's peak resident memory (JVM, sampled every 100 ms)",
                value: peakResident / 2 ** 20,
                baseline: engineMemory().heapMaxBytes / 2 ** 20,
                unit: 'MiB',
                baselineLabel: 'its maximum heap (-Xmx, the local-mode default for this machine)',
                ratio: peakResident / engineMemory().heapMaxBytes,
              },
            ]
          : []),
        {
          metric: 'Burst: deliveries the recovery sweep queued again during the burst (every second)',
          value: stats.dispatch.sweeps.requeued,
          baseline: expected,
          unit: 'deliveries',
          baselineLabel: 'deliveries in the burst (a backlog is not stuck work)',
          ratio: stats.dispatch.sweeps.requeued / expected,
          goal: 'ratio = 0',
          met: stats.dispatch.sweeps.requeued === 0,
        },
      ],
      details: {
        deliveries: expected,
        seconds: round(ms / 1000),
        deliveriesPerSecond: round(rate),
        rawPostsPerSecond: round(rawRate),
        dispatchConcurrency: stats.dispatch.concurrency,
        sweeps: stats.dispatch.sweeps,
        uniqueWebhookIds: ids.size,
        ...(peakResident > 0 ? { dynamodbLocalPeakResidentMiB: round(peakResident / 2 ** 20) } : {}),
      },
    };
  } finally {
    await runtime.stop();
    agent.destroy();
    await receiver.close();
    await bench.destroy();
  }
}
