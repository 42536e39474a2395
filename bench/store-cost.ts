import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { dispatchDelivery } from '../shared/delivery/dispatcher.js';
import { EndpointStore } from '../shared/delivery/endpoint/endpoint-store.js';
import { LoggingNotifier, type Notifier } from '../shared/delivery/notify/notifier.js';
import type { DeliveryMessage, DeliveryQueue } from '../shared/delivery/queue/delivery-queue.js';
import { prefetchSubscriptions } from '../shared/delivery/queue/sqs-message.js';
import { retryDelivery } from '../shared/delivery/replay.js';
import { matchPolicyChange } from '../shared/matching/matcher.js';
import type { Subscription } from '../shared/model/subscription.js';
import { loadConfig } from '../shared/wiring/config.js';
import { defaultSender, dispatcherDeps, matcherDeps, type Services } from '../shared/wiring/services.js';
import { itemBytes, mapCounts, type OperationCount, perUnit, totals } from './capacity-counts.js';
import { benchChange, benchSubscription, bulkLoad, onChannel } from './subscription-data.js';
import {
  type BenchResult,
  benchServices,
  createBenchTable,
  type Row,
  receiverFailingRetriedOnce,
  round,
} from './support.js';
import { SCENARIOS, type Scenario, wireRows } from './wire-cost.js';
import { WireMeter } from './wire-meter.js';

/** Subscriptions per scenario: one policy change fanned out to each of them. */
const FAN_OUT = 200;

/**
 * AWS list prices, us-east-1, on-demand, as published in 2026 (per unit, USD). SMS is priced per
 * destination country; the US price with its carrier fee is the example.
 */
export const PRICES = {
  dynamodbWriteUnit: 0.625 / 1e6,
  dynamodbReadUnit: 0.125 / 1e6,
  dynamodbGbMonth: 0.25,
  sqsRequest: 0.4 / 1e6,
  lambdaRequest: 0.2 / 1e6,
  lambdaArmGbSecond: 0.0000133334,
  snsPublishRequest: 0.5 / 1e6,
  snsEmail: 2 / 1e5,
  smsUs: 0.00883,
} as const;

type Counts = Record<string, Record<string, OperationCount>>;

/**
 * The same cases before this work (the code as it was on 2026-12-06), at the wire, per delivered
 * alert; the stores wired as on Lambda.
 */
const STORE_BEFORE: Record<string, { calls: number; units: number }> = {
  webhook: { calls: 3.23, units: 4.72 },
  sms: { calls: 4.23, units: 6.72 },
  email: { calls: 3.23, units: 5.72 },
  'webhook, retried once': { calls: 7.33, units: 13.2 },
  'webhook replay': { calls: 8.1, units: 10.5 },
  'webhook, endpoint lane on the table': { calls: 7.23, units: 8.72 },
};

/** A queue that keeps what was enqueued and counts SQS requests (SendMessageBatch takes 10). */
function countingQueue() {
  const state = { messages: [] as DeliveryMessage[], requests: 0, bytes: 0 };
  const queue: DeliveryQueue = {
    enqueue: async (batch) => {
      state.messages.push(...batch);
      for (let i = 0; i < batch.length; i += 10) state.requests += 1;
      state.bytes += batch.reduce((sum, m) => sum + Buffer.byteLength(JSON.stringify(m)), 0);
    },
  };
  return { queue, state };
}

/** A notifier that counts what SNS would be asked to do. */
function countingNotifier() {
  const counts = { sms: 0, email: 0, operatorRequests: 0 };
  const inner = new LoggingNotifier(() => {});
  const notifier: Notifier = {
    sendSms: async (n, m) => {
      counts.sms += 1;
      await inner.sendSms(n, m);
    },
    sendEmail: async (m) => {
      counts.email += 1;
      await inner.sendEmail(m);
    },
    publishOperatorAlerts: async (alerts) => {
      counts.operatorRequests += Math.ceil(alerts.length / 10);
    },
    publishOperatorEvent: async () => {
      counts.operatorRequests += 1;
    },
    ensureEmailTopic: async (id) => `arn:aws:sns:us-east-1:123456789012:material-alerts-sub-${id}`,
    deleteEmailTopic: async () => {},
  };
  return { notifier, counts };
}

interface StoreScenario extends Scenario {
  /**
   * The endpoint's pace and circuit kept on the table, as the Lambda dispatcher keeps them (an
   * `ENDPOINT#` item per endpoint), each subscription its own endpoint: `quiet` with the stack's
   * pool of 50 containers, so an endpoint far below its limits is sent to without its item;
   * `turns` without, so every attempt takes its turn on the item (a busy endpoint's cost).
   * Without it, the figures are the store's alone.
   */
  lanes?: 'quiet' | 'turns';
}

const STORE_SCENARIOS: StoreScenario[] = [
  ...SCENARIOS,
  { name: 'webhook, endpoint lane on the table', channel: 'webhook', lanes: 'quiet' },
  { name: 'webhook, endpoint lane on the table, a turn per attempt', channel: 'webhook', lanes: 'turns' },
];

/** Runs queued messages through the dispatcher until none is left, retries included. */
async function drain(
  deps: ReturnType<typeof dispatcherDeps>,
  state: { messages: DeliveryMessage[] },
  concurrency = 16,
): Promise<{ retries: number }> {
  let retries = 0;
  // As SQS counts receives: a message shown again is not handed out for the first time.
  const received = new WeakSet<DeliveryMessage>();
  while (state.messages.length > 0) {
    const all = state.messages.splice(0, state.messages.length);
    // As Lambda hands SQS messages over: batches of 10, whose subscriptions are read together.
    const batches: DeliveryMessage[][] = [];
    for (let i = 0; i < all.length; i += 10) batches.push(all.slice(i, i + 10));
    let waitMs = 0;
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.ceil(concurrency / 10) }, async () => {
        while (next < batches.length) {
          const batch = batches[next++] as DeliveryMessage[];
          await prefetchSubscriptions(
            deps,
            batch.map((message) => JSON.stringify(message)),
          );
          await Promise.all(
            batch.map(async (message) => {
              const firstReceive = !received.has(message);
              received.add(message);
              const result = await dispatchDelivery(deps, message, { firstReceive });
              if (result.kind === 'retry') {
                retries += 1;
                waitMs = Math.max(waitMs, result.delayMs);
                state.messages.push(message);
              }
            }),
          );
        }
      }),
    );
    if (state.messages.length > 0) await new Promise((resolve) => setTimeout(resolve, waitMs + 5));
  }
  return { retries };
}

/** The billed storage of every alert, delivery and recipients item, with their index entries. */
async function storedBytes(bench: Awaited<ReturnType<typeof createBenchTable>>) {
  const perEntity: Record<string, { items: number; bytes: number; indexBytes: number }> = {};
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await bench.table.doc.send(
      new ScanCommand({ TableName: bench.tableName, ExclusiveStartKey }),
    );
    for (const item of page.Items ?? []) {
      const entity = String(item.entity ?? 'other');
      if (!/alert|delivery|recipients/i.test(entity)) continue;
      const stats = perEntity[entity] ?? { items: 0, bytes: 0, indexBytes: 0 };
      perEntity[entity] = stats;
      stats.items += 1;
      // DynamoDB bills 100 bytes of overhead per item, in the table and in each index holding it.
      stats.bytes += itemBytes(item) + 100;
      if (typeof item.gsi1pk === 'string') stats.indexBytes += itemBytes(item) + 100;
      if (typeof item.gsi2pk === 'string') {
        stats.indexBytes +=
          itemBytes({ pk: item.pk, sk: item.sk, gsi2pk: item.gsi2pk, gsi2sk: item.gsi2sk }) + 100;
      }
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return perEntity;
}

/**
 * What one delivered alert costs the store, per channel and case: DynamoDB calls and the capacity
 * DynamoDB Local reports for them (index writes included), for ingest, matching and dispatch,
 * divided by the alerts delivered. Then the AWS bill per million alerts from those counts, and
 * the bytes each delivered alert keeps in the table.
 */
export async function storeCost(endpoint: string, log: (line: string) => void): Promise<BenchResult> {
  // Under /retried, each alert's first attempt fails.
  const receiver = await receiverFailingRetriedOnce();
  const config = loadConfig(
    { WEBHOOK_ALLOW_PRIVATE: 'true', LOG_LEVEL: 'silent', RETRY_SCHEDULE: '20ms,20ms' },
    { local: true },
  );
  const details: Record<string, unknown> = {};
  const rows: Row[] = [];
  // Every call of the bench's client goes through the metering proxy: counted at the wire.
  const meter = await WireMeter.start(endpoint);
  try {
    for (const scenario of STORE_SCENARIOS) {
      const bench = await createBenchTable(meter.url, `bench-cost-${scenario.name.replace(/\W+/g, '-')}`);
      try {
        const hookUrl = new URL(scenario.retried ? '/retried' : '/hooks', receiver.url).toString();
        const subscriptions: Subscription[] = Array.from({ length: FAN_OUT }, (_, n) => {
          const base = benchSubscription(
            n,
            { materials: ['gallium'] },
            { webhookUrl: scenario.lanes ? `${hookUrl}/${n}` : hookUrl },
          );
          // Receivers that have succeeded before (the steady state).
          if (base.webhook) base.webhook.lastSuccessAt = base.createdAt;
          return onChannel(base, scenario.channel);
        });
        await bulkLoad(bench.table, subscriptions, 8);
        const { queue, state } = countingQueue();
        const { notifier, counts: sns } = countingNotifier();
        const services: Services = {
          ...benchServices(bench, { queue, sender: defaultSender(config) }),
          notifier,
          ...(scenario.lanes
            ? {
                endpoints: new EndpointStore(
                  bench.table,
                  config.endpointRules,
                  scenario.lanes === 'quiet' ? { fleetConcurrency: 50 } : {},
                ),
              }
            : {}),
        };
        meter.take();

        meter.phase = 'ingest';
        const { change } = await bench.changes.ingest({
          ...benchChange(`cost-${scenario.name}`),
          materials: ['gallium'],
        });
        meter.phase = 'match';
        await matchPolicyChange(matcherDeps(services), {
          policyChangeId: change.id,
          revision: change.revision,
        });
        const dispatch = dispatcherDeps(services, config);
        meter.phase = 'dispatch';
        const { retries } = await drain(dispatch, state);
        const sqs = { sendRequests: state.requests, messages: FAN_OUT + retries };
        if (scenario.replayed) {
          // Only the replay is measured: the first delivery is the webhook scenario.
          meter.take();
          const ids = await listDeliveryIds(bench, subscriptions);
          const replayQueue = countingQueue();
          const replayDeps = {
            deliveries: bench.deliveries,
            recoveryLocks: bench.recoveryLocks,
            queue: replayQueue.queue,
            clock: () => new Date(),
          };
          meter.phase = 'replay (API)';
          for (const id of ids) await retryDelivery(replayDeps, id, undefined);
          meter.phase = 'dispatch';
          await drain(dispatch, replayQueue.state);
          sqs.sendRequests = replayQueue.state.requests;
          sqs.messages = ids.length;
        }
        const counts: Counts = meter.take();
        const delivered = await countDelivered(bench, subscriptions);
        if (delivered !== FAN_OUT) throw new Error(`${scenario.name}: ${delivered} of ${FAN_OUT} delivered`);
        const per = perUnit(counts, FAN_OUT);
        const sum = totals(per);
        const storage = scenario.name === 'webhook' ? await storedBytes(bench) : undefined;
        const bill = billPerMillion(sum, {
          sqsRequests: (sqs.sendRequests + Math.ceil(sqs.messages / 10) * 2) / FAN_OUT,
          lambdaInvocations: Math.ceil(sqs.messages / 10) / FAN_OUT + 1 / FAN_OUT,
          snsPublishRequests: sns.operatorRequests / FAN_OUT + sns.sms / FAN_OUT,
          sms: sns.sms / FAN_OUT,
          email: sns.email / FAN_OUT,
          calls: sum.calls,
        });
        details[scenario.name] = {
          perDeliveredAlert: roundCounts(per),
          total: { calls: round(sum.calls), capacityUnits: round(sum.readUnits + sum.writeUnits) },
          sqs,
          sns,
          billPerMillionAlerts: bill,
          ...(storage ? { storage } : {}),
        };
        log(
          `  ${scenario.name}: ${sum.calls.toFixed(2)} calls, ${(sum.readUnits + sum.writeUnits).toFixed(2)} capacity units per delivered alert`,
        );
        rows.push(
          ...wireRows(
            `as on Lambda, ${scenario.name}`,
            { calls: sum.calls, units: sum.readUnits + sum.writeUnits },
            STORE_BEFORE[scenario.name],
            scenario.lanes || scenario.name === 'webhook' ? { calls: 4, units: 6 } : undefined,
          ),
        );
        if (storage) {
          const bytes = Object.values(storage).reduce((s, e) => s + e.bytes + e.indexBytes, 0) / FAN_OUT;
          details.storage = storageModel(bytes);
          rows.push({
            metric: 'Bytes stored per delivered webhook alert (items + index entries)',
            value: bytes,
            baseline: Buffer.byteLength(lastPayload(receiver.received)),
            unit: 'B',
            baselineLabel: 'the signed body itself',
            ratio: bytes / Math.max(1, Buffer.byteLength(lastPayload(receiver.received))),
          });
        }
      } finally {
        await bench.destroy();
      }
    }
    return { rows, details };
  } finally {
    await receiver.close();
    await meter.close();
  }
}

function lastPayload(received: { body: string }[]): string {
  return received.at(-1)?.body ?? '';
}

async function listDeliveryIds(
  bench: Awaited<ReturnType<typeof createBenchTable>>,
  subscriptions: Subscription[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const subscription of subscriptions) {
    const { items } = await bench.deliveries.listBySubscription(subscription.id);
    ids.push(...items.map((d) => d.id));
  }
  return ids;
}

async function countDelivered(
  bench: Awaited<ReturnType<typeof createBenchTable>>,
  subscriptions: Subscription[],
): Promise<number> {
  let delivered = 0;
  for (const subscription of subscriptions) {
    const { items } = await bench.deliveries.listBySubscription(subscription.id);
    delivered += items.filter((d) => d.status === 'delivered').length;
  }
  return delivered;
}

function roundCounts(counts: Counts): Counts {
  return mapCounts(counts, round);
}

/**
 * The AWS bill per million delivered alerts, from the counts measured per alert. Lambda time is
 * modelled, not measured: 512 MB on ARM, 6 ms per DynamoDB call and 100 ms per webhook POST or
 * SNS publish, batches of 10 run concurrently, so a batch takes about one alert's time.
 */
function billPerMillion(
  store: OperationCount,
  other: {
    sqsRequests: number;
    lambdaInvocations: number;
    snsPublishRequests: number;
    sms: number;
    email: number;
    calls: number;
  },
) {
  const million = 1e6;
  const dynamodb =
    million * (store.writeUnits * PRICES.dynamodbWriteUnit + store.readUnits * PRICES.dynamodbReadUnit);
  const sqs = million * other.sqsRequests * PRICES.sqsRequest;
  const secondsPerAlert = (other.calls * 0.006 + 0.1) / 10;
  const lambda =
    million *
    (other.lambdaInvocations * PRICES.lambdaRequest + secondsPerAlert * 0.5 * PRICES.lambdaArmGbSecond);
  const sns =
    million *
    (other.snsPublishRequests * PRICES.snsPublishRequest +
      other.email * PRICES.snsEmail +
      other.sms * PRICES.smsUs);
  return {
    dynamodb: round(dynamodb),
    sqs: round(sqs),
    lambda: round(lambda),
    sns: round(sns),
    total: round(dynamodb + sqs + lambda + sns),
  };
}

/** Steady-state table size: alerts a day × days kept × bytes per alert. */
function storageModel(bytesPerAlert: number) {
  const alertsPerDay = 100_000;
  const retentionDays = 90;
  const gib = (alertsPerDay * retentionDays * bytesPerAlert) / 2 ** 30;
  return {
    bytesPerDeliveredAlert: round(bytesPerAlert),
    example: `${alertsPerDay.toLocaleString('en-US')} alerts a day kept ${retentionDays} days`,
    steadyStateGiB: round(gib),
    storagePerMonthUsd: round(gib * (2 ** 30 / 1e9) * PRICES.dynamodbGbMonth),
  };
}
