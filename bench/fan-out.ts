import http from 'node:http';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { Webhook } from 'standardwebhooks';
import { startReceiver } from '../local/webhook-receiver.js';
import { dispatchDelivery } from '../shared/delivery/dispatcher.js';
import type { DeliveryMessage } from '../shared/delivery/queue/delivery-queue.js';
import { InProcessQueue } from '../shared/delivery/queue/in-process-queue.js';
import { forEachLimited } from '../shared/kernel/concurrency.js';
import { matchPolicyChange } from '../shared/matching/matcher.js';
import { loadConfig } from '../shared/wiring/config.js';
import { defaultSender, dispatcherDeps, matcherDeps } from '../shared/wiring/services.js';
import { BENCH_WEBHOOK_SECRET, benchChange, benchSubscription, bulkLoad } from './subscription-data.js';
import {
  type BenchResult,
  type BenchTable,
  benchServices,
  collectingQueue,
  createBenchTable,
  median,
  plainPost as post,
  round,
  timed,
} from './support.js';

const ALERTS = 2_000;
const WARMUP = 200;
const CONCURRENCY = 32;

/** Creates one alert per matching subscription for a change on `materials`; returns their queue messages. */
async function alertsFor(
  bench: BenchTable,
  sourceRef: string,
  materials: string[],
): Promise<DeliveryMessage[]> {
  const { change } = await bench.changes.ingest({ ...benchChange(sourceRef), materials });
  const queue = collectingQueue();
  await matchPolicyChange(matcherDeps(benchServices(bench, { queue })), {
    policyChangeId: change.id,
    revision: change.revision,
  });
  return queue.messages;
}

/**
 * One change fanned out from ingest to the last delivery: the matcher enqueues on an in-process
 * queue that dispatches at `CONCURRENCY` while the matcher is still writing. Deliveries per second.
 */
async function endToEnd(bench: BenchTable, config: ReturnType<typeof loadConfig>, materials: string[]) {
  const queue = new InProcessQueue({ concurrency: CONCURRENCY });
  const services = benchServices(bench, { queue, sender: defaultSender(config) });
  const deps = dispatcherDeps(services, config);
  let delivered = 0;
  queue.start(async (message, context) => {
    const result = await dispatchDelivery(deps, message, context);
    if (result.kind === 'done' && !result.deadReason) delivered += 1;
    return result;
  });
  const { ms } = await timed(async () => {
    const { change } = await bench.changes.ingest({ ...benchChange('fan-out-end-to-end'), materials });
    await matchPolicyChange(matcherDeps(services), { policyChangeId: change.id, revision: change.revision });
    await queue.idle();
  });
  queue.stop();
  if (delivered !== ALERTS) throw new Error(`fan-out end to end: ${delivered} of ${ALERTS} delivered`);
  return ALERTS / (ms / 1000);
}

/** DynamoDB Local's own rate for single-item PutItems of a delivery-sized item at `CONCURRENCY`. */
async function putItemRate(bench: BenchTable): Promise<number> {
  const items = Array.from({ length: ALERTS }, (_, n) => n);
  const filler = 'x'.repeat(300);
  const { ms } = await timed(() =>
    forEachLimited(items, CONCURRENCY, async (n) => {
      await bench.table.doc.send(
        new PutCommand({ TableName: bench.tableName, Item: { pk: `PUTRATE#${n}`, sk: 'PUTRATE', filler } }),
      );
    }),
  );
  return ALERTS / (ms / 1000);
}

/** Runs `work` over `items` at CONCURRENCY; returns deliveries (items) per second. */
async function rate<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<number> {
  const { ms } = await timed(() => forEachLimited(items, CONCURRENCY, work));
  return items.length / (ms / 1000);
}

/**
 * 2,000 alerts through `dispatchDelivery` (sign, POST with the production sender, record the
 * attempt in DynamoDB Local) against plain keep-alive POSTs of the same bodies to the same receiver
 * at the same concurrency, run before, between and after the dispatcher runs (median).
 */
export async function fanOut(endpoint: string, log: (line: string) => void): Promise<BenchResult> {
  const receiver = await startReceiver();
  const bench = await createBenchTable(endpoint, 'bench-fan-out');
  const agent = new http.Agent({ keepAlive: true });
  try {
    const config = loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'true', LOG_LEVEL: 'silent' }, { local: true });
    const hookUrl = new URL('/hooks', receiver.url);
    // Receivers that have succeeded before (the steady state): no health write per delivery.
    const subscriptions = Array.from({ length: ALERTS }, (_, n) => {
      const subscription = benchSubscription(
        n,
        { materials: n < WARMUP ? ['rare-earths', 'gallium'] : ['rare-earths'] },
        { webhookUrl: hookUrl.toString() },
      );
      if (subscription.webhook) subscription.webhook.lastSuccessAt = subscription.createdAt;
      return subscription;
    });
    await bulkLoad(bench.table, subscriptions, 16);
    const warmup = await alertsFor(bench, 'fan-out-warm-up', ['gallium']);
    const measured = await alertsFor(bench, 'fan-out', ['dysprosium']);
    const storeOnly = await alertsFor(bench, 'fan-out-store-only', ['terbium']);
    if (measured.length !== ALERTS || storeOnly.length !== ALERTS || warmup.length !== WARMUP) {
      throw new Error(`fan-out: ${measured.length}/${storeOnly.length}/${warmup.length} deliveries created`);
    }
    log(`  ${ALERTS * 2 + WARMUP} alerts written`);

    // The exact bytes the dispatcher sends, for the plain POSTs.
    const payloads = measured.map((message) => {
      if (!message.payload) throw new Error(`fan-out: message for ${message.deliveryId} carries no body`);
      return message.payload;
    });

    let failedPosts = 0;
    const plain = (body: string) =>
      post(agent, hookUrl, body).then((status) => {
        if (status !== 200) failedPosts += 1;
      });
    const dispatch =
      (deps: ReturnType<typeof dispatcherDeps>, counts: Map<string, number>) =>
      async (message: DeliveryMessage) => {
        // Each message handed out once, as a queue hands out a new delivery's message.
        const result = await dispatchDelivery(deps, message, { firstReceive: true });
        counts.set(result.kind, (counts.get(result.kind) ?? 0) + 1);
      };
    const production = dispatcherDeps(benchServices(bench, { sender: defaultSender(config) }), config);
    const noSend = dispatcherDeps(benchServices(bench), config);
    const outcomes = new Map<string, number>();

    await rate(payloads, plain);
    await rate(warmup, dispatch(production, new Map()));
    const receivedBefore = receiver.received.length;
    const plainRates = [await rate(payloads, plain)];
    const receivedByDispatcher = receiver.received.length;
    const dispatcherRate = await rate(measured, dispatch(production, outcomes));
    const receivedAfter = receiver.received.length;
    plainRates.push(await rate(payloads, plain));
    const storeOnlyRate = await rate(storeOnly, dispatch(noSend, new Map()));
    plainRates.push(await rate(payloads, plain));
    // Plain POSTs before, between and after the dispatcher runs: the median is the baseline.
    const baseline = median(plainRates);

    // Every measured delivery must have arrived, signed, and be recorded as delivered.
    // The check doubles as a measure of the store's ceiling: one GetItem per delivery.
    const statuses = new Map<string, number>();
    const getItemRate = await rate(measured, async (message) => {
      const status = (await bench.deliveries.getDelivery(message.deliveryId))?.status ?? 'missing';
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
    const sample = receiver.received[receivedByDispatcher];
    if (!sample) throw new Error('fan-out: the receiver got nothing from the dispatcher');
    new Webhook(BENCH_WEBHOOK_SECRET).verify(sample.body, sample.headers as Record<string, string>);
    const delivered = statuses.get('delivered') ?? 0;
    if (delivered !== ALERTS || receivedAfter - receivedByDispatcher !== ALERTS || failedPosts > 0) {
      throw new Error(
        `fan-out: ${delivered} delivered, ${receivedAfter - receivedByDispatcher} received, ${failedPosts} failed plain POSTs`,
      );
    }
    if (receivedByDispatcher - receivedBefore !== ALERTS) throw new Error('fan-out: baseline POSTs lost');

    // From ingest to the last delivery, against DynamoDB Local's own single-item write rate.
    const putRate = await putItemRate(bench);
    const endToEndRate = await endToEnd(bench, config, ['holmium']);
    log(`  end to end ${endToEndRate.toFixed(0)}/s; PutItem ${putRate.toFixed(0)}/s`);

    return {
      rows: [
        {
          metric: `Fan-out from ingest to the last delivery, ${ALERTS} alerts (dispatch at concurrency ${CONCURRENCY})`,
          value: endToEndRate,
          baseline: putRate,
          unit: 'deliveries/s',
          baselineLabel: `DynamoDB Local single-item PutItems at concurrency ${CONCURRENCY}`,
          ratio: endToEndRate / putRate,
          goal: 'ratio ≥ 0.33',
          met: endToEndRate / putRate >= 0.33,
        },
        {
          metric: `Fan-out from ingest to the last delivery, ${ALERTS} alerts, against plain POSTs`,
          value: endToEndRate,
          baseline,
          unit: 'deliveries/s',
          baselineLabel: 'plain keep-alive POSTs of the same bodies',
          ratio: endToEndRate / baseline,
          goal: 'ratio ≥ 0.5 (stretch)',
          met: endToEndRate / baseline >= 0.5,
        },
        {
          metric: `Fan-out: dispatchDelivery, ${ALERTS} alerts at concurrency ${CONCURRENCY}`,
          value: dispatcherRate,
          baseline,
          unit: 'deliveries/s',
          baselineLabel: 'plain keep-alive POSTs of the same bodies',
          ratio: dispatcherRate / baseline,
          goal: 'ratio ≥ 0.5',
          met: dispatcherRate / baseline >= 0.5,
        },
        {
          metric: `Fan-out: dispatchDelivery with a no-op sender (store work only), ${ALERTS} alerts`,
          value: storeOnlyRate,
          baseline,
          unit: 'deliveries/s',
          baselineLabel: 'plain keep-alive POSTs of the same bodies',
          ratio: storeOnlyRate / baseline,
        },
        {
          metric: `Fan-out context: one DynamoDB Local GetItem per delivery, at concurrency ${CONCURRENCY}`,
          value: getItemRate,
          baseline,
          unit: '/s',
          baselineLabel: 'plain keep-alive POSTs of the same bodies',
          ratio: getItemRate / baseline,
        },
      ],
      details: {
        alerts: ALERTS,
        concurrency: CONCURRENCY,
        bodyBytes: Buffer.byteLength(payloads[0] ?? ''),
        deliveriesPerSecond: {
          dispatcher: round(dispatcherRate),
          dispatcherStoreOnly: round(storeOnlyRate),
          plainPosts: plainRates.map(round),
          dynamoDbLocalGetItems: round(getItemRate),
          dynamoDbLocalPutItems: round(putRate),
          endToEnd: round(endToEndRate),
        },
        dispatchResults: Object.fromEntries(outcomes),
        deliveryStatuses: Object.fromEntries(statuses),
        signatureVerified: true,
        perDelivery:
          'a first attempt takes no claim (the queue message is its lease); subscription from the cache or one read; HMAC-SHA256 sign of the body the message carries; POST; UpdateItem attempt, conditional on the attempt number',
      },
    };
  } finally {
    agent.destroy();
    await receiver.close();
    await bench.destroy();
  }
}
