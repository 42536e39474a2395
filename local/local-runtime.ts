import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { processFigures } from '../shared/api/routes/admin-stats.js';
import { dispatchDelivery } from '../shared/delivery/dispatcher.js';
import { MemoryEndpointControl } from '../shared/delivery/endpoint/endpoint-control.js';
import { LoggingNotifier, type Notifier } from '../shared/delivery/notify/notifier.js';
import { InProcessQueue } from '../shared/delivery/queue/in-process-queue.js';
import type { WebhookSender } from '../shared/delivery/webhooks/http-sender.js';
import { type Log, redactingLog } from '../shared/kernel/redaction.js';
import { matchPolicyChange } from '../shared/matching/matcher.js';
import { schedulerRun } from '../shared/operations/scheduler-run.js';
import { storedCounters } from '../shared/store/stats-store.js';
import { hashApiKey } from '../shared/store/subscriber-store.js';
import { createApiApp } from '../shared/wiring/api-app.js';
import { type Config, loadConfig } from '../shared/wiring/config.js';
import {
  createStores,
  defaultSender,
  dispatcherDeps,
  matcherDeps,
  type Services,
  type Stores,
} from '../shared/wiring/services.js';
import { withConsole } from './console-site.js';
import { startLocalImports } from './federal-register-imports.js';
import { type LocalDatabase, startLocalDatabase } from './local-database.js';
import { startLocalDigests } from './local-digests.js';
import { LocalScheduler } from './local-scheduler.js';
import { MatchingThread } from './matching-thread.js';
import { ensurePortFree, listenOnLoopback } from './port.js';

/** The admin key local mode uses when ADMIN_API_KEY is not set. Local mode listens on loopback only. */
export const LOCAL_ADMIN_API_KEY = 'ma_adm_local_development_key';

export interface LocalRuntime {
  url: string;
  port: number;
  adminApiKey: string;
  /** Where the table is served (DynamoDB Local's endpoint). */
  dynamodbEndpoint: string;
  config: Config;
  services: Services;
  queue: InProcessQueue;
  /** Resolves when every match started so far has finished and the queue is empty. */
  settled(): Promise<void>;
  /**
   * Stops gracefully: no new work is taken, attempts in flight finish (each within the webhook
   * timeout) and are recorded, then DynamoDB Local stops. Says how many attempts it waited for.
   */
  stop(): Promise<{ finished: number; unfinished: number }>;
  /** Attempts under way now (in flight or waiting for their endpoint's rate limit). */
  inFlight(): number;
}

export interface LocalRuntimeOptions {
  env?: NodeJS.ProcessEnv;
  log?: Log;
  /** Replace the SNS channels (tests); local mode logs them by default. */
  notifier?: Notifier;
  sender?: WebhookSender;
  clock?: () => Date;
}

/** One JSON line per entry, as the Lambda functions log. */
export function jsonLineLogger(level: Config['logLevel']): Log {
  const order = ['debug', 'info', 'warn', 'error', 'silent'];
  const threshold = order.indexOf(level);
  return (entry) => {
    const entryLevel = typeof entry.level === 'string' ? entry.level : 'info';
    if (order.indexOf(entryLevel) < threshold) return;
    process.stdout.write(
      `${JSON.stringify({ timestamp: new Date().toISOString(), level: entryLevel, ...entry })}\n`,
    );
  };
}

/** Local mode's services over the table, and the parts of them the runtime drives. */
interface LocalServices {
  services: Services;
  stores: Stores;
  queue: InProcessQueue;
  endpoints: MemoryEndpointControl;
  /** Adds the metrics recorded so far to the stored totals (also done each second). */
  flushMetrics: () => Promise<void>;
  metricsTimer: NodeJS.Timeout;
  /** Where the matcher's fan-outs run, off the API's event loop. */
  matchingThread: MatchingThread;
}

/**
 * The in-process queue and endpoint control, the stores, the metrics kept as totals in the table,
 * and the matching thread.
 */
function buildLocalServices(
  config: Config,
  database: LocalDatabase,
  options: LocalRuntimeOptions,
  log: Log,
): LocalServices {
  const { client } = database;
  const endpoints = new MemoryEndpointControl(config.endpointRules);
  const queue = new InProcessQueue({
    concurrency: config.dispatchConcurrency,
    laneConcurrency: config.endpointRules.laneLimit,
    errorRetryMs: 1000,
    onError: (error, message) =>
      log({
        level: 'error',
        message: 'dispatch failed; will retry',
        deliveryId: message.deliveryId,
        error: String(error),
      }),
  });
  const stores = createStores(client, config.tableName, {
    retention: config.retention,
    // This process owns the data folder, and its sweep leaves the revisions it is matching alone:
    // an alert without its deliveries after a restart is a crash's, to fill in at once.
    creationWindowMs: 0,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  // Local mode keeps the metrics as totals in the table (GET /v1/admin/stats), flushed each second.
  const metrics = storedCounters(stores.stats);
  const flushMetrics = () =>
    metrics
      .flush()
      .catch((error: unknown) =>
        log({ level: 'warn', message: 'metrics flush failed', error: String(error) }),
      );
  const metricsTimer = setInterval(() => void flushMetrics(), 1000);
  metricsTimer.unref();
  const notifier = options.notifier ?? new LoggingNotifier(log);
  const clock = options.clock ?? (() => new Date());
  const matchingThread = new MatchingThread(
    {
      endpoint: database.endpoint,
      credentials: database.credentials,
      tableName: config.tableName,
      retention: config.retention,
      queueWatchesAttempts: queue.watchAttempts !== undefined,
    },
    { queue, notifier, metrics, clock, log },
  );
  const services: Services = {
    ...stores,
    metrics,
    queue,
    notifier,
    sender: options.sender ?? defaultSender(config),
    clock,
    endpoints,
    runFanOut: matchingThread.fanOut,
  };
  return { services, stores, queue, endpoints, flushMetrics, metricsTimer, matchingThread };
}

/**
 * Lambda starts the matcher from the table's stream; here the runtime starts it, and its fan-out
 * runs on the matching thread. `matching` holds the runs under way, each with its revision
 * (`id#revision`): not stuck, however long they take.
 */
function inProcessMatcher(services: Services, log: Log) {
  const matching = new Map<Promise<unknown>, string>();
  const runMatcher = (policyChangeId: string, revision: number) => {
    const run = matchPolicyChange(matcherDeps(services), { policyChangeId, revision })
      .then((report) => log({ level: 'info', message: 'policy change matched', ...report }))
      .catch((error: unknown) =>
        log({ level: 'error', message: 'matching failed', policyChangeId, revision, error: String(error) }),
      )
      .finally(() => matching.delete(run));
    matching.set(run, `${policyChangeId}#${revision}`);
  };
  return { matching, runMatcher };
}

/** The dispatcher on the in-process queue, the same code the Lambda dispatcher runs per message. */
function startDispatching(queue: InProcessQueue, services: Services, config: Config, log: Log): void {
  // Chat messages link to this console unless CONSOLE_URL names another (a chosen port is known now).
  const consoleUrl =
    config.consoleUrl ?? (config.port ? `http://127.0.0.1:${config.port}/console/` : undefined);
  const dispatch = dispatcherDeps(services, { ...config, consoleUrl }, log);
  queue.start(async (message, context) => {
    const { deliveryId } = message;
    const result = await dispatchDelivery(dispatch, message, context);
    if (result.kind === 'done') {
      log({
        level: 'info',
        message: 'delivery finished',
        deliveryId,
        ...(result.deadReason ? { deadReason: result.deadReason } : {}),
      });
    }
    return result;
  });
}

/** The scheduler's run over this process's queue, leaving alone what the queue and matcher hold. */
function localScheduler(
  services: Services,
  queue: InProcessQueue,
  matching: ReadonlyMap<Promise<unknown>, string>,
  config: Config,
  log: Log,
): LocalScheduler {
  const run = schedulerRun(
    {
      matcher: matcherDeps(services),
      deliveries: services.deliveries,
      queue,
      clock: services.clock,
      log,
      isQueued: (deliveryId: string) => queue.holds(deliveryId),
      isMatching: (policyChangeId: string, revision: number) =>
        [...matching.values()].includes(`${policyChangeId}#${revision}`),
    },
    config,
  );
  return new LocalScheduler(run, { clock: services.clock, log, intervalMs: config.schedulerIntervalMs });
}

/** What a started runtime stops. */
interface Started {
  config: Config;
  database: LocalDatabase;
  local: LocalServices;
  matching: ReadonlyMap<Promise<unknown>, string>;
  scheduler: LocalScheduler;
  importTimer: NodeJS.Timeout | undefined;
  digestTimer?: NodeJS.Timeout;
}

/** The port was taken after all: stops what was started, before the error is reported. */
async function abandon({
  database,
  local,
  matching,
  scheduler,
  importTimer,
  digestTimer,
}: Started): Promise<void> {
  scheduler.halt();
  clearInterval(digestTimer);
  clearInterval(local.metricsTimer);
  if (importTimer) clearInterval(importTimer);
  local.queue.stop();
  await Promise.allSettled([...matching.keys(), scheduler.current]);
  await local.matchingThread.stop();
  database.client.destroy();
  await database.engine?.stop();
}

/** See `LocalRuntime.stop`. */
async function stopGracefully(
  { config, database, local, matching, scheduler, importTimer, digestTimer }: Started,
  server: Server,
): Promise<{ finished: number; unfinished: number }> {
  const { queue } = local;
  scheduler.halt();
  clearInterval(digestTimer);
  // Take no new work; what waits in lanes or for a retry stays pending in the table and is
  // picked up by the next start.
  if (importTimer) clearInterval(importTimer);
  queue.stop();
  const inFlight = queue.stats().active;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // Attempts under way end within the webhook timeout (plus a rate-limit wait) and are recorded.
  const { unfinished } = await queue.drain(config.webhookTimeoutMs + 10_000);
  await Promise.allSettled([...matching.keys(), scheduler.current]);
  await local.matchingThread.stop();
  server.closeAllConnections();
  await closed;
  clearInterval(local.metricsTimer);
  await local.flushMetrics();
  database.client.destroy();
  await database.engine?.stop();
  database.lock?.release();
  return { finished: inFlight - unfinished, unfinished };
}

/** The API and the local console on loopback, or everything stopped again if the port is taken. */
async function serve(app: Parameters<typeof withConsole>[0], started: Started) {
  const server = createAdaptorServer({ fetch: withConsole(app).fetch }) as Server;
  try {
    return { server, port: await listenOnLoopback(server, started.config.port) };
  } catch (error) {
    // Taken since the check at start.
    await abandon(started);
    throw error;
  }
}

/**
 * Runs the whole service in one process: DynamoDB Local (in memory, or on disk under DATA_DIR),
 * the API on PORT, and the matcher and dispatcher on the same code the Lambda functions run.
 *
 * @example
 * const runtime = await startLocalRuntime({ env: { ...process.env, PORT: '0' } });
 * await runtime.stop();
 */
export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const env = options.env ?? process.env;
  const config = loadConfig(env, { local: true });
  const adminApiKey = config.adminApiKey ?? LOCAL_ADMIN_API_KEY;
  // Every line of every part (API, matcher, dispatcher, notifier, scheduler) is redacted.
  const log = redactingLog(options.log ?? jsonLineLogger(config.logLevel), { secrets: [adminApiKey] });

  // A taken port is reported before anything starts, so nothing is left running.
  await ensurePortFree(config.port);
  const database = await startLocalDatabase(config, env);
  const { client, engine } = database;
  const local = buildLocalServices(config, database, options, log);
  const { services, stores, queue, endpoints, flushMetrics } = local;
  const { matching, runMatcher } = inProcessMatcher(services, log);
  const scheduler = localScheduler(services, queue, matching, config, log);

  const app = createApiApp(services, config, {
    adminKeyHash: async () => hashApiKey(adminApiKey),
    log,
    statsSections: {
      metrics: async () => {
        await flushMetrics();
        return stores.stats.read();
      },
      process: async () => ({ ...processFigures(), matchingThread: local.matchingThread.figures() }),
      ...(engine
        ? {
            dynamodbLocal: async () => {
              const memory = engine?.memory();
              return { heap: engine?.heap, ...memory };
            },
          }
        : {}),
      dispatch: async () => ({
        ...queue.stats(),
        openCircuits: endpoints.openCircuits(services.clock()),
        lastRecovery: scheduler.lastRecovery,
        sweeps: scheduler.sweeps,
      }),
    },
    // Lambda starts the matcher from the table's stream; here it starts as soon as the revision is stored.
    onPolicyChangeStored: (change) => runMatcher(change.id, change.revision),
  });

  startDispatching(queue, services, config, log);
  local.matchingThread.start();
  scheduler.start();
  // The hourly Federal Register import of the AWS stack, when IMPORT_INTERVAL is set (off by default).
  const importTimer = config.imports.intervalMs
    ? startLocalImports(config, services, client, log, (change) => runMatcher(change.id, change.revision))
    : undefined;
  const digestTimer = startLocalDigests(services, queue, log, config.schedulerIntervalMs);
  const started: Started = { config, database, local, matching, scheduler, importTimer, digestTimer };
  const { server, port } = await serve(app, started);
  return runtimeHandle(started, server, port, adminApiKey);
}

function runtimeHandle(started: Started, server: Server, port: number, adminApiKey: string): LocalRuntime {
  const { config, database, local, matching, scheduler } = started;
  const { services, queue } = local;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    adminApiKey,
    dynamodbEndpoint: database.endpoint,
    config,
    services,
    queue,
    async settled() {
      await scheduler.startupRun;
      while (matching.size > 0 || queue.size > 0) {
        await Promise.all([...matching.keys()]);
        await queue.idle();
      }
    },
    inFlight: () => queue.stats().active,
    stop: () => stopGracefully(started, server),
  };
}
