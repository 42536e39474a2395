import { startLocalRuntime } from '../local/local-runtime.js';
import { forEachLimited } from '../shared/kernel/concurrency.js';
import type { Delivery } from '../shared/model/delivery.js';
import type { Subscription } from '../shared/model/subscription.js';
import { perUnit, totals } from './capacity-counts.js';
import { benchChange, benchSubscription, bulkLoad, onChannel } from './subscription-data.js';
import {
  type BenchResult,
  createBenchTable,
  localServiceEnv,
  type Row,
  receiverFailingRetriedOnce,
  round,
} from './support.js';
import { WireMeter } from './wire-meter.js';

/** One change matching this many subscriptions, each on an endpoint of its own. */
const FAN_OUT = 200;
/** The subscriptions belong to this many subscribers. */
const SUBSCRIBERS = 20;
const ADMIN = 'bench-admin-key-0123456789abcdef';

/** One case of what an alert costs: its channel, and what happens to it. */
export interface Scenario {
  name: string;
  channel: 'webhook' | 'sms' | 'email';
  /** The receiver fails each alert's first attempt. */
  retried?: boolean;
  /** Once delivered, every delivery is replayed; only the replay is counted. */
  replayed?: boolean;
}

/** The cases both cost benchmarks measure. */
export const SCENARIOS: Scenario[] = [
  { name: 'webhook', channel: 'webhook' },
  { name: 'sms', channel: 'sms' },
  { name: 'email', channel: 'email' },
  { name: 'webhook, retried once', channel: 'webhook', retried: true },
  { name: 'webhook replay', channel: 'webhook', replayed: true },
];

/**
 * The same measurement before this work (the code as it was on 2026-12-06), per delivered alert:
 * calls and capacity units at the wire. The webhook's is the figure first measured with such a
 * proxy on `npm start` (this bench measured 5.18 calls and 9.27 units on the same code).
 */
export const WIRE_BEFORE: Record<string, { calls: number; units: number }> = {
  webhook: { calls: 5.33, units: 9.31 },
  sms: { calls: 5.17, units: 9.26 },
  email: { calls: 4.15, units: 8.25 },
  'webhook, retried once': { calls: 9.17, units: 16.3 },
  'webhook replay': { calls: 8.03, units: 10 },
};

/** Subscription `n` of a scenario: a new one (no delivery yet), on its own endpoint. */
function scenarioSubscription(n: number, scenario: Scenario, receiverUrl: string): Subscription {
  const path = scenario.retried ? 'retried' : 'hooks';
  const base = benchSubscription(
    n,
    { materials: ['gallium'] },
    { webhookUrl: `${receiverUrl}/${path}/${n}` },
  );
  const subscriberId = `sbr_bench${String(n % SUBSCRIBERS).padStart(6, '0')}`;
  return onChannel({ ...base, subscriberId }, scenario.channel);
}

/**
 * What one delivered alert costs at the wire on the whole running service: `startLocalRuntime`
 * (what `npm start` runs: API, matcher, in-process queue, dispatcher, stats, scheduler) with its
 * DynamoDB endpoint pointed at a metering proxy in front of DynamoDB Local. One policy change is
 * posted to the API and matches 200 new subscriptions; every DynamoDB call the service makes from
 * the POST until the last delivery is recorded is counted, with the capacity DynamoDB Local
 * reports for it, and divided by the alerts delivered.
 */
export async function wireCost(endpoint: string, log: (line: string) => void): Promise<BenchResult> {
  const meter = await WireMeter.start(endpoint);
  // Under /retried, each alert's first attempt fails.
  const receiver = await receiverFailingRetriedOnce();
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  try {
    for (const scenario of SCENARIOS) {
      const bench = await createBenchTable(endpoint, `bench-wire-${scenario.name.replace(/\W+/g, '-')}`);
      const subscriptions = Array.from({ length: FAN_OUT }, (_, n) =>
        scenarioSubscription(n, scenario, receiver.url),
      );
      await bulkLoad(bench.table, subscriptions, 8);
      const runtime = await startLocalRuntime({
        env: { ...localServiceEnv(meter.url, bench.tableName, ADMIN), RETRY_SCHEDULE: '100ms,100ms' },
      });
      try {
        // The start's own sweep is not part of a delivery.
        await runtime.settled();
        meter.take();
        const response = await fetch(`${runtime.url}/v1/policy-changes`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ ...benchChange(`wire-${scenario.name}`), materials: ['gallium'] }),
        });
        if (response.status !== 202) throw new Error(`wire cost: the change answered ${response.status}`);
        await runtime.settled();
        if (scenario.replayed) {
          meter.take();
          const ids = (await deliveriesOf(bench, subscriptions)).map((delivery) => delivery.id);
          await forEachLimited(ids, 8, async (id) => {
            const replay = await fetch(`${runtime.url}/v1/deliveries/${id}/retry`, {
              method: 'POST',
              headers: { authorization: `Bearer ${ADMIN}` },
            });
            if (replay.status !== 202 && replay.status !== 200)
              throw new Error(`wire cost: the replay of ${id} answered ${replay.status}`);
          });
          await runtime.settled();
        }
        const counts = meter.take();
        const deliveries = await deliveriesOf(bench, subscriptions);
        const delivered = deliveries.filter((delivery) => delivery.status === 'delivered').length;
        if (delivered !== FAN_OUT)
          throw new Error(`wire cost, ${scenario.name}: ${delivered} of ${FAN_OUT} delivered`);
        const per = perUnit(counts, FAN_OUT);
        const sum = totals(per);
        const units = sum.readUnits + sum.writeUnits;
        log(
          `  whole service, ${scenario.name}: ${sum.calls.toFixed(2)} calls, ${units.toFixed(2)} capacity units per delivered alert`,
        );
        details[scenario.name] = {
          perDeliveredAlert: Object.fromEntries(
            Object.entries(per.other ?? {}).map(([operation, c]) => [
              operation,
              Object.fromEntries(Object.entries(c).map(([k, v]) => [k, round(v)])),
            ]),
          ),
          total: { calls: round(sum.calls), capacityUnits: round(units), failedCalls: round(sum.failed) },
          attemptsPerDelivery: round(deliveries.reduce((n, d) => n + d.attempts.length, 0) / FAN_OUT),
        };
        rows.push(
          ...wireRows(
            `whole local service, ${scenario.name}`,
            { calls: sum.calls, units },
            WIRE_BEFORE[scenario.name],
            scenario.name === 'webhook' ? { calls: 3.5, units: 5 } : undefined,
          ),
        );
      } finally {
        await runtime.stop();
        await bench.destroy();
      }
    }
    return { rows, details };
  } finally {
    await receiver.close();
    await meter.close();
  }
}

/**
 * The two rows of one case: calls and capacity units per delivered alert at the wire, beside the
 * figures measured the same way before this work, with the goal when there is one.
 */
export function wireRows(
  label: string,
  measured: { calls: number; units: number },
  before: { calls: number; units: number } | undefined,
  goal?: { calls: number; units: number },
): Row[] {
  const rows = [
    { key: 'calls', what: 'DynamoDB calls', unit: 'calls', goalUnit: 'calls' },
    { key: 'units', what: 'capacity units', unit: 'CU', goalUnit: 'CU' },
  ] as const;
  return rows.map(({ key, what, unit, goalUnit }) => {
    const baseline = before?.[key] ?? measured[key];
    return {
      metric: `At the wire (${label}): ${what} per delivered alert`,
      value: measured[key],
      baseline,
      unit,
      baselineLabel: before ? 'before this work' : 'no earlier figure',
      ratio: measured[key] / baseline,
      ...(goal ? { goal: `≤ ${goal[key]} ${goalUnit}`, met: measured[key] <= goal[key] } : {}),
    };
  });
}

async function deliveriesOf(
  bench: Awaited<ReturnType<typeof createBenchTable>>,
  subscriptions: readonly Subscription[],
): Promise<Delivery[]> {
  const found: Delivery[] = [];
  await forEachLimited(subscriptions, 8, async (subscription) => {
    found.push(...(await bench.deliveries.listSince(subscription.id, '0')));
  });
  return found;
}
