import http from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DeleteTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { startReceiver } from '../local/webhook-receiver.js';
import { LoggingNotifier } from '../shared/delivery/notify/notifier.js';
import type { DeliveryMessage, DeliveryQueue } from '../shared/delivery/queue/delivery-queue.js';
import type { WebhookSender } from '../shared/delivery/webhooks/http-sender.js';
import { type MatchReport, matchPolicyChange } from '../shared/matching/matcher.js';
import { documentClient, ensureTable, type TableContext } from '../shared/store/table.js';
import { createStores, matcherDeps, type Services, type Stores } from '../shared/wiring/services.js';

/** One line of the results table; `value`/`baseline` are in `unit`, `ratio` is value / baseline. */
export interface Row {
  metric: string;
  value: number;
  baseline: number;
  unit: string;
  /** What the baseline is, in a few words. */
  baselineLabel: string;
  ratio: number;
  /** The goal in words, e.g. `ratio ≤ 1.3`, or undefined when there is none. */
  goal?: string;
  met?: boolean;
}

/** What one benchmark returns: rows for the table and everything else it measured, for the JSON file. */
export interface BenchResult {
  rows: Row[];
  details: Record<string, unknown>;
}

/** A row for a share measured against hand-made labels (precision, recall), its baseline perfect agreement. */
export function agreementRow(metric: string, value: number, goal: string, met: boolean): Row {
  return {
    metric,
    value,
    baseline: 1,
    unit: 'ratio',
    baselineLabel: 'perfect agreement with the labels',
    ratio: value,
    goal,
    met,
  };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/** Milliseconds taken by `work`, with its result. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

/** Rounds for display and JSON: 3 significant digits, never in exponent form. */
export function round(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return Number(value.toFixed(Math.min(digits, 6)));
}

/** A small seeded PRNG (mulberry32), so every run generates the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

let collect: (() => void) | undefined;

/** A full garbage collection (exposes `gc` on first use), so heap readings start from live data only. */
export function collectGarbage(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
  collect();
}

/** Rejects when `promise` takes longer than `ms`: every benchmark step is bounded in time. */
export async function within<T>(label: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, expiry]);
  } finally {
    clearTimeout(timer);
  }
}

/** A fresh table on the run's DynamoDB Local, with the service's stores over it. */
export interface BenchTable extends Stores {
  client: DynamoDBClient;
  table: TableContext;
  tableName: string;
  /** Deletes the table (DynamoDB Local frees its memory) and closes the client. */
  destroy(): Promise<void>;
}

/**
 * The service's table (`ensureTable`) with its stream turned off: DynamoDB Local looks the stream up
 * on every write at a cost that grows with the records it holds (bulk loads slow to a crawl), and
 * nothing measured here reads the stream; the matcher is called directly.
 */
/**
 * The access key of the bench's tables. DynamoDB Local keeps one database per access key, so a
 * local runtime started on a bench table is given it too (`AWS_ACCESS_KEY_ID`), or it sees none of
 * the bench's items.
 */
export const BENCH_ACCESS_KEY_ID = 'bench';

export async function createBenchTable(endpoint: string, tableName: string): Promise<BenchTable> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: BENCH_ACCESS_KEY_ID, secretAccessKey: 'bench' },
    // Requests that DynamoDB Local cannot keep up with are retried, not lost.
    maxAttempts: 8,
  });
  await ensureTable(client, tableName);
  await client.send(
    new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: false } }),
  );
  const table: TableContext = { doc: documentClient(client), tableName };
  return {
    client,
    table,
    tableName,
    // Wired as on Lambda, where the delivery queue is SQS.
    ...createStores(client, tableName, { durableQueue: true }),
    async destroy() {
      await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => {});
      client.destroy();
    },
  };
}

/**
 * The environment of a local service (`startLocalRuntime`) on a bench table: DynamoDB at
 * `endpoint` under the bench's access key, loopback receivers allowed, no API rate limit, silent.
 */
export function localServiceEnv(endpoint: string, tableName: string, adminApiKey: string): NodeJS.ProcessEnv {
  return {
    PORT: '0',
    DYNAMODB_ENDPOINT: endpoint,
    AWS_ACCESS_KEY_ID: BENCH_ACCESS_KEY_ID,
    TABLE_NAME: tableName,
    ADMIN_API_KEY: adminApiKey,
    WEBHOOK_ALLOW_PRIVATE: 'true',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    RATE_LIMIT: 'off',
  };
}

/** What the matcher and dispatcher run on, wired as in production over a bench table. */
export function benchServices(
  bench: BenchTable,
  parts: { queue?: DeliveryQueue; sender?: WebhookSender } = {},
): Services {
  return {
    ...bench,
    queue: parts.queue ?? collectingQueue(),
    // SNS is out of scope: local mode's notifier, logging nowhere.
    notifier: new LoggingNotifier(() => {}),
    sender: parts.sender ?? { send: async () => ({ statusCode: 200, durationMs: 0 }) },
    clock: () => new Date(),
  };
}

/** A queue that only keeps what was enqueued. */
export function collectingQueue(): DeliveryQueue & { messages: DeliveryMessage[] } {
  const messages: DeliveryMessage[] = [];
  return {
    messages,
    enqueue: async (batch) => {
      messages.push(...batch);
    },
  };
}

/** A plain keep-alive POST, as a sender with nothing to sign or record would make it: the baseline of the fan-out and burst. */
export function plainPost(agent: http.Agent, url: URL, body: string): Promise<number> {
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
    request.setTimeout(15_000, () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.end(body);
  });
}

/** A receiver on loopback that fails the first attempt of each alert sent under /retried, and takes every other request. */
export function receiverFailingRetriedOnce(): ReturnType<typeof startReceiver> {
  const seen = new Set<string>();
  return startReceiver((request) => {
    const id = String(request.headers['webhook-id']);
    if (!request.path.startsWith('/retried') || seen.has(id)) return 200;
    seen.add(id);
    return 500;
  });
}

/**
 * `matchPolicyChange` over a bench table with the production wiring (queue and SNS do nothing),
 * timed per call.
 */
export function timedMatcher(
  bench: BenchTable,
): (input: { policyChangeId: string; revision: number }) => Promise<{ ms: number; result: MatchReport }> {
  const deps = matcherDeps(benchServices(bench));
  return (input) => timed(() => matchPolicyChange(deps, input));
}
