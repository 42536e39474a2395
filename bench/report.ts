import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult, Row } from './support.js';
import { round } from './support.js';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd: number[];
}

export interface Results {
  date: string;
  totalSeconds: number;
  machine: Machine;
  benchmarks: Record<string, (BenchResult & { seconds: number }) | { error: string; seconds: number }>;
}

/** How each figure is made, for the Markdown report. */
const METHOD = `## How each figure is measured

- **Matcher core**: \`prepareChange\` once, then \`matchFilters\` over 100,000 generated candidate filters (seeded,
  so every run sees the same), median of 15 passes after 5 warm-ups; baseline: a loop over the same array doing one
  \`Set.has\`. Heap: the largest growth of V8's used heap, sampled every 1,000 filters after a full GC, during a pass
  that keeps its matches as the matcher does; baseline: the heap the 100,000 filters occupy.
- **Tagger accuracy**: the importer's tagger over the real Federal Register page of 2024-01-02..17 (1,000
  documents) against \`test/fixtures/federal-register/labels.json\` (every relevant document and 123 others, labelled
  by reading them); precision over the whole page, recall over the labels; baseline: perfect agreement.
- **Entity matching**: the labelled watched/listed name pairs of \`test/fixtures/entity-names/labelled-pairs.json\`
  (true variants and look-alikes of Chinese, Russian, Iranian and US names, labelled by hand before the matcher
  was tightened); a pair matches when the listed name's index blocks include one of the watched name's and
  \`matchEntities\` finds it. Precision over the pairs matched, recall over the true pairs; baseline: perfect
  agreement.
- **Cold start**: each \`functions/*/index.ts\` bundled with the esbuild options of \`infra/function.ts\`; import time
  of the bundle in a fresh \`node\` process with the environment the stack sets; baseline: an empty handler bundled
  the same way.
- **Matching scale**: one DynamoDB Local table each for 1k, 10k and 50k subscriptions, bulk-written with the items
  \`SubscriptionStore.create\` writes (checked against it). The same 500 match the change (dysprosium and terbium,
  issued by CN); 100 more sit in its index partitions and fail another filter or are paused; the rest live in other
  material partitions. Read+evaluate is \`prepareChange\` + \`SubscriptionStore.candidates\` + \`matchFilters\`,
  median of 15 runs interleaved across the tables after 10 warm-ups. The full matcher is \`matchPolicyChange\` with the
  production wiring (alerts and deliveries written; queue and SNS do nothing), a fresh revision per run. Bench
  tables have their stream turned off: DynamoDB Local's stream emulation makes every write slower as records pile
  up, and nothing measured reads the stream.
- **Watchlist worst case**: 100 subscriptions of one subscriber, each watching 25 names of 300 characters that begin
  "Beijing" (made-up words after it, seeded), bulk-written to their own table; \`matchPolicyChange\` (production
  wiring) against a 100-entity change of Beijing entities with up to two aliases each, and, as the baseline, a change
  listing the first of them; median of 7 runs after 2 warm-ups, a fresh revision per run, the cases interleaved. Beside
  it, without a goal, 100 listed names of 300 characters (every pair compared whole), median of 3. Details give the
  index partitions each change reads and the Query requests they take.
- **Fan-out**: 2,000 alerts written by the matcher, then \`dispatchDelivery\` (production sender, HMAC signing, attempt
  recorded in DynamoDB Local; each message handed out once, so a first attempt takes no claim) at concurrency 32 to a loopback receiver; every delivery is checked as
  delivered and one signature verified with \`standardwebhooks\`. Baseline: plain keep-alive POSTs of the same bodies
  to the same receiver at the same concurrency, before, between and after the dispatcher runs (median).
- **What an alert costs, at the wire**: a metering proxy on loopback (bench/wire-meter.ts) in front of DynamoDB
  Local forwards every DynamoDB request, adding \`ReturnConsumedCapacity: INDEXES\` where the operation takes it, and
  counts calls per operation and the capacity each response reports (index writes included). *Whole local service*:
  \`startLocalRuntime\` with its DynamoDB endpoint on the proxy; one change posted to the API matches 200 new
  subscriptions (20 subscribers, each its own endpoint); every call from the POST until the last delivery is
  recorded counts. *As on Lambda*: the matcher and \`dispatchDelivery\` over stores wired as on Lambda (SQS holds
  first attempts), messages handed out as SQS does (batches of 10, a first receive told as such), the bench's
  client on the proxy. Both divide by the alerts delivered; earlier figures were measured the same way on the code
  before the change.
- **API**: \`startLocalRuntime\` (createApp on @hono/node-server, DynamoDB Local; rate limit off) under autocannon
  from a worker thread, 10 connections, 5 s after a 1 s warm-up; a unique \`sourceRef\` per POST (local mode also
  matches each stored change, on its matching thread). Baseline: a bare Hono route on the same server library in the same
  process, measured before and after each route (mean).`;

const format = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

function cell(value: number, unit: string): string {
  return `${format.format(value)} ${unit}`;
}

/** The results table in Markdown: metric, value, baseline, ratio, goal, met?. */
export function markdownTable(rows: readonly Row[]): string {
  const lines = [
    ['metric', 'value', 'baseline', 'ratio', 'goal', 'met?'],
    ['---', '---:', '---', '---:', '---', '---'],
    ...rows.map((row) => [
      row.metric,
      cell(row.value, row.unit),
      `${cell(row.baseline, row.unit)} (${row.baselineLabel})`,
      `${format.format(row.ratio)}×`,
      row.goal ?? '—',
      row.met === undefined ? '—' : row.met ? 'yes' : '**no**',
    ]),
  ];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export function allRows(results: Results): Row[] {
  return Object.values(results.benchmarks).flatMap((b) => ('rows' in b ? b.rows : []));
}

function markdown(results: Results, notes: string): string {
  const { machine } = results;
  const failed = Object.entries(results.benchmarks).filter(([, b]) => 'error' in b);
  return [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` on ${results.date.slice(0, 10)}: ${machine.cpu}, ${machine.cores} cores, ` +
      `Node.js ${machine.node}, ${results.totalSeconds.toFixed(0)} s in all. Load average ` +
      `${machine.loadAverageAtStart.map((n) => n.toFixed(1)).join(' / ')} at the start and ` +
      `${machine.loadAverageAtEnd.map((n) => n.toFixed(1)).join(' / ')} at the end (1 / 5 / 15 min).`,
    '',
    'Absolute times on a shared machine are noise, so every figure stands beside a baseline measured in the',
    'same run, and the ratio is what to compare between runs. Every figure is in `latest.json` with its raw samples.',
    '',
    markdownTable(allRows(results)),
    '',
    ...(failed.length > 0
      ? [
          'Failed in this run:',
          '',
          ...failed.map(([name, b]) => `- ${name}: ${'error' in b ? b.error : ''}`),
          '',
        ]
      : []),
    METHOD,
    '',
    notes,
    '',
  ].join('\n');
}

/** Rounds every number in the details for the JSON file (raw samples keep 3 significant digits). */
function rounded(value: unknown): unknown {
  if (typeof value === 'number') return round(value);
  if (Array.isArray(value)) return value.map(rounded);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
  return value;
}

/** Writes `latest.json` and `latest.md` under `dir`. */
export function writeResults(dir: string, results: Results, notes: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(rounded(results), null, 2)}\n`);
  writeFileSync(join(dir, 'latest.md'), markdown(results, notes));
}
