/**
 * `npm run bench`: measures the service on this machine, each figure against a baseline from the
 * same run, prints the table and writes bench/results/latest.json and latest.md. Not part of
 * `npm test`: nothing here asserts a time.
 */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { DynamoDbLocal } from '../local/dynamodb-local.js';
import { allRows, type Machine, markdownTable, type Results, writeResults } from './report.js';
import { type BenchResult, within } from './support.js';

/** The whole run must finish well inside 10 minutes on 2 cores; past this it stops itself. */
const RUN_LIMIT_MS = 9.5 * 60_000;
const RESULTS_DIR = fileURLToPath(new URL('results/', import.meta.url));

// Lambda runs Node.js 22; the SDK's notice about Node 20 says nothing about these figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const started = performance.now();
const elapsed = () => ((performance.now() - started) / 1000).toFixed(0).padStart(3);
const log = (line: string) => process.stderr.write(`[${elapsed()} s] ${line}\n`);

let engine: DynamoDbLocal | undefined;
const stopEngine = async () => {
  const running = engine;
  engine = undefined;
  await running?.stop();
};
const watchdog = setTimeout(() => {
  log(`stopping: the run passed ${RUN_LIMIT_MS / 60_000} minutes`);
  void stopEngine().finally(() => process.exit(2));
}, RUN_LIMIT_MS);
watchdog.unref();
process.once('SIGINT', () => void stopEngine().finally(() => process.exit(130)));

const machine: Machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}, availableParallelism ${availableParallelism()}`,
  loadAverageAtStart: loadavg(),
  loadAverageAtEnd: [],
};
/** `BENCH_ONLY=storeCost,fanOut` runs only those and prints them, leaving the results files alone. */
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
const results: Results = { date: new Date().toISOString(), totalSeconds: 0, machine, benchmarks: {} };

/** Runs one benchmark within `limitMs`; a failure is recorded and the run goes on. */
async function bench(name: string, limitMs: number, work: () => Promise<BenchResult>): Promise<void> {
  if (only && !only.includes(name)) return;
  log(`${name}…`);
  const t0 = performance.now();
  try {
    const result = await within(name, limitMs, work());
    results.benchmarks[name] = { ...result, seconds: (performance.now() - t0) / 1000 };
  } catch (error) {
    log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    results.benchmarks[name] = { error: String(error), seconds: (performance.now() - t0) / 1000 };
  }
}

try {
  // Modules load here, after the environment is set.
  const { matcherCore } = await import('./matcher-core.js');
  const { coldStart, bundleNotes } = await import('./cold-start.js');
  const { matchingScale } = await import('./matching-scale.js');
  const { watchlistScale } = await import('./watchlist-scale.js');
  const { modelScale } = await import('./model-scale.js');
  const { clauseScale } = await import('./clause-scale.js');
  const { fanOut } = await import('./fan-out.js');
  const { apiThroughput } = await import('./api-throughput.js');
  const { burst } = await import('./burst.js');
  const { storeCost } = await import('./store-cost.js');
  const { wireCost } = await import('./wire-cost.js');
  const { taggerBench } = await import('./tagger-accuracy.js');
  const { entityMatchingBench } = await import('./entity-accuracy.js');
  const { mofcomBench } = await import('./mofcom-accuracy.js');
  const { subscriptionPreview } = await import('./subscription-preview.js');
  const { startDynamoDbLocal } = await import('../local/dynamodb-local.js');

  // CPU-only benchmarks first, before DynamoDB Local's JVM competes for the cores.
  await bench('matcherCore', 60_000, () => matcherCore(log));
  await bench('coldStart', 120_000, () => coldStart(log));
  await bench('taggerAccuracy', 60_000, () => taggerBench(log));
  await bench('entityMatching', 60_000, () => entityMatchingBench(log));
  await bench('mofcomReader', 60_000, () => mofcomBench(log));
  // The heap local mode gives DynamoDB Local by default, so bursts are measured as `npm start` runs them.
  const { defaultDynamoDbLocalHeap } = await import('../shared/wiring/config.js');
  engine = await startDynamoDbLocal({ heap: defaultDynamoDbLocalHeap() });
  const endpoint = engine.endpoint;
  log(`DynamoDB Local on ${endpoint}`);
  await bench('matchingScale', 240_000, () => matchingScale(endpoint, log));
  await bench('watchlistScale', 120_000, () => watchlistScale(endpoint, log));
  await bench('modelScale', 300_000, () => modelScale(endpoint, log));
  await bench('clauseScale', 240_000, () => clauseScale(endpoint, log));
  await bench('subscriptionPreview', 120_000, () => subscriptionPreview(endpoint, log));
  await bench('storeCost', 400_000, () => storeCost(endpoint, log));
  await bench('wireCost', 300_000, () => wireCost(endpoint, log));
  await bench('fanOut', 300_000, () => fanOut(endpoint, log));
  await bench('apiThroughput', 90_000, () => apiThroughput(endpoint, log));
  const running = engine;
  await bench('burst', 600_000, () => burst(endpoint, log, () => running.memory()));
  await stopEngine();

  machine.loadAverageAtEnd = loadavg();
  results.totalSeconds = (performance.now() - started) / 1000;
  const cold = results.benchmarks.coldStart;
  if (only) {
    process.stdout.write(`${JSON.stringify(results.benchmarks, null, 2)}\n`);
  } else writeResults(RESULTS_DIR, results, cold && 'details' in cold ? bundleNotes(cold.details) : '');
  process.stdout.write(`\n${markdownTable(allRows(results))}\n\n`);
  log(`done in ${results.totalSeconds.toFixed(0)} s; results in bench/results/latest.json and latest.md`);
  if (Object.values(results.benchmarks).some((b) => 'error' in b)) process.exitCode = 1;
} finally {
  await stopEngine();
  clearTimeout(watchdog);
  // A benchmark that timed out may still hold sockets or timers: never leave the process hanging.
  setTimeout(() => {
    log('exiting with handles still open');
    process.exit(process.exitCode ?? 0);
  }, 5_000).unref();
}
