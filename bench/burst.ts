import { fork } from 'node:child_process';
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { DynamoDbLocalMemory } from '../local/dynamodb-local.js';
import { startLocalRuntime } from '../local/local-runtime.js';
import { forEachLimited } from '../shared/kernel/concurrency.js';
import { benchChange, benchSubscription, bulkLoad } from './subscription-data.js';
import {
  type BenchResult,
  createBenchTable,
  localServiceEnv,
  median,
  plainPost as post,
  round,
  timed,
} from './support.js';

const SUBSCRIPTIONS = Number(process.env.BENCH_BURST_SUBSCRIPTIONS ?? 2_000);
const CHANGES = Number(process.env.BENCH_BURST_CHANGES ?? 10);
const ADMIN = 'bench-admin-key-0123456789abcdef';
const RAW_POSTS = 2_000;
const RAW_CONCURRENCY = 64;

interface ReceiverCounts {
  /** Requests that carried a webhook-id. */
  requests: number;
  webhookIds: number;
  /** Some webhook-ids that arrived more than once. */
  repeated: string[];
}

/** The receiver in its own process (bench/receiver-process.ts). */
async function forkReceiver(): Promise<{ url: string; counts(): Promise<ReceiverCounts>; close(): void }> {
  const child = fork(fileURLToPath(new URL('receiver-process.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`burst: the receiver exited (${code})`)));
  });
  return {
    url,
    counts: () =>
      new Promise((resolve) => {
        child.once('message', (message) => resolve(message as ReceiverCounts));
        child.send('count');
      }),
    close: () => child.disconnect(),
  };
}

/**
 * A burst through the whole local service: 10 policy changes posted at once, each matching the
 * same 2,000 subscriptions (each its own endpoint on one healthy receiver, in a process of its own),
 * so 20,000 deliveries through lanes, pacing and the dispatcher pool; against the same receiver's
 * raw POST rate. The scheduler's sweep runs every second meanwhile: it must queue none of the
 * backlog again. Every request the receiver got must be an attempt on record; an attempt that timed
 * out on a machine this loaded is retried (at least once), and the repeats are reported.
 */
export async function burst(
  endpoint: string,
  log: (line: string) => void,
  engineMemory?: () => DynamoDbLocalMemory,
): Promise<BenchResult> {
  const receiver = await forkReceiver();
  const bench = await createBenchTable(endpoint, 'bench-burst');
  const agent = new http.Agent({ keepAlive: true });
  const runtime = await startLocalRuntime({
    env: {
      ...localServiceEnv(endpoint, bench.tableName, ADMIN),
      SCHEDULER_INTERVAL: '1s',
      RECOVERY_GRACE: '1s',
    },
  });
  const stats = async () =>
    (await (
      await fetch(`${runtime.url}/v1/admin/stats`, { headers: { authorization: `Bearer ${ADMIN}` } })
    ).json()) as {
      dispatch: { concurrency: number; active: number; sweeps: { runs: number; requeued: number } };
    };
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
    /** Raw keep-alive POSTs per second to the same receiver: the baseline, taken before and after. */
    const rawPosts = async () => {
      const { ms: rawMs } = await timed(() =>
        forEachLimited(
          Array.from({ length: RAW_POSTS }, (_, n) => n),
          RAW_CONCURRENCY,
          async () => {
            await post(agent, rawUrl, body);
          },
        ),
      );
      return RAW_POSTS / (rawMs / 1000);
    };
    // The first run warms the receiver and the client up (it is a third of the rate of later ones).
    await rawPosts();
    const rawRates = [await rawPosts()];

    const expected = SUBSCRIPTIONS * CHANGES;
    // DynamoDB Local's resident memory and this process's event-loop delay, through the burst.
    let peakResident = 0;
    const lag = monitorEventLoopDelay({ resolution: 20 });
    lag.enable();
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
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        peakResident = Math.max(peakResident, engineMemory?.().residentBytes ?? 0);
        const counts = await receiver.counts();
        if (counts.webhookIds >= expected) break;
        if (performance.now() - lastReport >= 10_000) {
          lastReport = performance.now();
          const { dispatch } = await stats();
          log(
            `  ${counts.webhookIds} of ${expected} received (${counts.requests} requests); event-loop delay p99 ${Math.round(lag.percentile(99) / 1e6)} ms; ${dispatch.active} attempts active; sweeps ${JSON.stringify(dispatch.sweeps)}`,
          );
          lag.reset();
        }
      }
    });
    lag.disable();
    const rate = expected / (ms / 1000);
    // Attempts that timed out are retried: wait for every one to be recorded.
    await runtime.settled();
    // The machine is shared: one sample of the baseline swings threefold with the load, so it is
    // taken again once the burst is over, twice, and the median is the baseline.
    rawRates.push(await rawPosts(), await rawPosts());
    const rawRate = median(rawRates);
    const counts = await receiver.counts();
    const { dispatch } = await stats();
    let attempts = 0;
    let delivered = 0;
    await forEachLimited(subscriptions, 16, async (subscription) => {
      for (const delivery of await bench.deliveries.listSince(subscription.id, '0')) {
        attempts += delivery.attempts.length;
        if (delivery.status === 'delivered') delivered += 1;
      }
    });
    log(
      `  ${expected} deliveries in ${round(ms / 1000)} s; ${counts.requests} requests, ${attempts} attempts recorded, ${delivered} delivered; sweeps ${JSON.stringify(dispatch.sweeps)}`,
    );
    if (counts.repeated.length > 0)
      log(`  sent more than once (after a timed-out attempt): ${counts.repeated.slice(0, 5).join(', ')}`);
    if (counts.webhookIds !== expected || delivered !== expected || counts.requests !== attempts) {
      throw new Error(
        `burst: ${counts.webhookIds} webhook-ids and ${delivered} delivered of ${expected}; ${counts.requests} requests against ${attempts} attempts recorded`,
      );
    }
    return {
      rows: [
        {
          metric: `Burst: ${CHANGES} changes x ${SUBSCRIPTIONS} subscriptions through the local service (match, lanes, pace, dispatch, record)`,
          value: rate,
          baseline: rawRate,
          unit: 'deliveries/s',
          baselineLabel: `raw keep-alive POSTs to the same receiver at concurrency ${RAW_CONCURRENCY} (warm; median of once before and twice after)`,
          ratio: rate / rawRate,
          goal: 'ratio ≥ 0.15',
          met: rate / rawRate >= 0.15,
        },
        {
          metric: 'Burst: requests the receiver got against attempts on record',
          value: counts.requests,
          baseline: attempts,
          unit: 'requests',
          baselineLabel: 'attempts recorded in the deliveries',
          ratio: counts.requests / attempts,
          goal: 'ratio = 1',
          met: counts.requests === attempts,
        },
        {
          metric: 'Burst: requests beyond one per delivery (retries after attempts that timed out)',
          value: counts.requests - expected,
          baseline: expected,
          unit: 'requests',
          baselineLabel: 'deliveries in the burst',
          ratio: (counts.requests - expected) / expected,
        },
        ...(engineMemory && peakResident > 0
          ? [
              {
                metric: "Burst: DynamoDB Local's peak resident memory (JVM, sampled every 250 ms)",
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
          value: dispatch.sweeps.requeued,
          baseline: expected,
          unit: 'deliveries',
          baselineLabel: 'deliveries in the burst (a backlog is not stuck work)',
          ratio: dispatch.sweeps.requeued / expected,
          goal: 'ratio = 0',
          met: dispatch.sweeps.requeued === 0,
        },
      ],
      details: {
        deliveries: expected,
        seconds: round(ms / 1000),
        deliveriesPerSecond: round(rate),
        rawPostsPerSecond: round(rawRate),
        rawPostsPerSecondSamples: rawRates.map(round),
        requests: counts.requests,
        attemptsRecorded: attempts,
        dispatchConcurrency: dispatch.concurrency,
        sweeps: dispatch.sweeps,
        ...(peakResident > 0 ? { dynamodbLocalPeakResidentMiB: round(peakResident / 2 ** 20) } : {}),
      },
    };
  } finally {
    await runtime.stop();
    agent.destroy();
    receiver.close();
    await bench.destroy();
  }
}
