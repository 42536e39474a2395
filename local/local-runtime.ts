import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createAdaptorServer } from '@hono/node-server';
import { processFigures } from '../shared/api/routes/admin-stats.js';
import { dispatchDelivery } from '../shared/delivery/dispatcher.js';
import { MemoryEndpointControl } from '../shared/delivery/endpoint/endpoint-control.js';
import { LoggingNotifier, type Notifier } from '../shared/delivery/notify/notifier.js';
import { InProcessQueue } from '../shared/delivery/queue/in-process-queue.js';
import type { WebhookSender } from '../shared/delivery/webhooks/http-sender.js';
import { redactingLog } from '../shared/kernel/redaction.js';
import { matchPolicyChange } from '../shared/matching/matcher.js';
import { recoverStuckWork } from '../shared/operations/recovery.js';
import { sendDueReminders } from '../shared/operations/reminders.js';
import { advanceLifecycles } from '../shared/policy/refresh.js';
import { storedCounters } from '../shared/store/stats-store.js';
import { hashApiKey } from '../shared/store/subscriber-store.js';
import { ensureTable } from '../shared/store/table.js';
import { createApiApp } from '../shared/wiring/api-app.js';
import { type Config, loadConfig } from '../shared/wiring/config.js';
import {
  createStores,
  defaultSender,
  dispatcherDeps,
  matcherDeps,
  type Services,
} from '../shared/wiring/services.js';
import { withConsole } from './console-site.js';
import { lockDataDir } from './data-dir-lock.js';
import { type DynamoDbLocal, startDynamoDbLocal } from './dynamodb-local.js';
import { startLocalImports } from './federal-register-imports.js';
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
  log?: (entry: Record<string, unknown>) => void;
  /** Replace the SNS channels (tests); local mode logs them by default. */
  notifier?: Notifier;
  sender?: WebhookSender;
  clock?: () => Date;
}

/** One JSON line per entry, as the Lambda functions log. */
export function jsonLineLogger(level: Config['logLevel']): (entry: Record<string, unknown>) => void {
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
  let engine: DynamoDbLocal | undefined;
  let endpoint = config.dynamodbEndpoint;
  let lock: Awaited<ReturnType<typeof lockDataDir>> | undefined;
  // A DynamoDB Local started elsewhere: its database is the one of the credentials given to us.
  let credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local', secretAccessKey: 'local' };
  if (!endpoint) {
    if (config.dataDir) {
      mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
      lock = await lockDataDir(config.dataDir);
    }
    try {
      engine = await startDynamoDbLocal({
        ...(config.dataDir ? { dataDir: config.dataDir } : {}),
        heap: config.dynamodbLocalHeap,
      });
    } catch (error) {
      lock?.release();
      throw error;
    }
    lock?.setEnginePid(engine.pid);
    endpoint = engine.endpoint;
    credentials = engine.credentials;
  }
  const client = new DynamoDBClient({
    endpoint,
    maxAttempts: 8,
    region: 'us-east-1',
    credentials,
    // Hundreds of attempts in flight each read and write the table: more connections than the
    // SDK's 50, and a burst's queue of table requests is expected, not worth a warning each second.
    requestHandler: {
      httpAgent: { keepAlive: true, maxSockets: 128 },
      socketAcquisitionWarningTimeout: 60_000,
    },
  });
  await ensureTable(client, config.tableName);

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
  const services: Services = {
    ...stores,
    metrics,
    queue,
    notifier: options.notifier ?? new LoggingNotifier(log),
    sender: options.sender ?? defaultSender(config),
    clock: options.clock ?? (() => new Date()),
    endpoints,
  };

  /** Matcher runs under way, each with its revision (`id#revision`): not stuck, however long they take. */
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

  const app = createApiApp(services, config, {
    adminKeyHash: async () => hashApiKey(adminApiKey),
    log,
    statsSections: {
      metrics: async () => {
        await flushMetrics();
        return stores.stats.read();
      },
      process: async () => processFigures(),
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
        lastRecovery,
        sweeps,
      }),
    },
    // Lambda starts the matcher from the table's stream; here it starts as soon as the revision is stored.
    onPolicyChangeStored: (change) => runMatcher(change.id, change.revision),
  });

  const dispatch = dispatcherDeps(services, config, log);
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

  // The scheduler's work, in-process: after a restart everything unfinished is picked up at once
  // (the in-memory queue died with the old process); then stuck work and reminders periodically.
  const recovery = {
    matcher: matcherDeps(services),
    deliveries: services.deliveries,
    queue,
    clock: services.clock,
    log,
    isQueued: (deliveryId: string) => queue.holds(deliveryId),
    isMatching: (policyChangeId: string, revision: number) =>
      [...matching.values()].includes(`${policyChangeId}#${revision}`),
  };
  const runScheduler = async (startup: boolean) => {
    try {
      const recovered = await recoverStuckWork(recovery, {
        graceMs: startup ? 0 : config.recoveryGraceMs,
        includeFuture: startup,
      });
      if (recovered.rematched + recovered.requeued > 0)
        log({ level: 'info', message: 'recovered work', ...recovered });
      lastRecovery = { at: services.clock().toISOString(), ...recovered };
      if (!startup) {
        sweeps.runs += 1;
        sweeps.requeued += recovered.requeued;
        sweeps.stillQueued += recovered.stillQueued;
      }
      const reminders = await sendDueReminders(recovery.matcher, {
        now: services.clock(),
        leadDays: config.reminderLeadDays,
      });
      if (reminders.sent.length > 0)
        log({ level: 'info', message: 'reminders sent', count: reminders.sent.length });
      const lifecycles = await advanceLifecycles(recovery.matcher);
      if (lifecycles.length > 0)
        log({
          level: 'info',
          message: 'status changes',
          changes: lifecycles.map((l) => `${l.policyChangeId} ${l.from}->${l.to}`),
        });
    } catch (error) {
      log({ level: 'error', message: 'scheduler run failed', error: String(error) });
    }
  };
  let lastRecovery: Record<string, unknown> | undefined;
  /** The periodic sweeps since start: how much they found overdue and how much they queued again. */
  const sweeps = { runs: 0, requeued: 0, stillQueued: 0 };
  // Not awaited: the API answers while a restarted process catches up. Runs never overlap.
  let schedulerRun = runScheduler(true);
  const startupRun = schedulerRun;
  let schedulerBusy = true;
  void schedulerRun.finally(() => (schedulerBusy = false));
  const schedulerTimer = setInterval(() => {
    if (schedulerBusy) return;
    schedulerBusy = true;
    schedulerRun = runScheduler(false).finally(() => (schedulerBusy = false));
  }, config.schedulerIntervalMs);
  schedulerTimer.unref();

  // The hourly Federal Register import of the AWS stack, when IMPORT_INTERVAL is set (off by default).
  const importTimer = config.imports.intervalMs
    ? startLocalImports(config, services, client, log, (change) => runMatcher(change.id, change.revision))
    : undefined;

  const server = createAdaptorServer({ fetch: withConsole(app).fetch }) as Server;
  let port: number;
  try {
    port = await listenOnLoopback(server, config.port);
  } catch (error) {
    // Taken since the check above: stop what was started before saying so.
    clearInterval(schedulerTimer);
    clearInterval(metricsTimer);
    if (importTimer) clearInterval(importTimer);
    queue.stop();
    await Promise.allSettled([...matching.keys(), schedulerRun]);
    client.destroy();
    await engine?.stop();
    throw error;
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    adminApiKey,
    dynamodbEndpoint: endpoint,
    config,
    services,
    queue,
    async settled() {
      await startupRun;
      while (matching.size > 0 || queue.size > 0) {
        await Promise.all([...matching.keys()]);
        await queue.idle();
      }
    },
    inFlight: () => queue.stats().active,
    async stop() {
      clearInterval(schedulerTimer);
      // Take no new work; what waits in lanes or for a retry stays pending in the table and is
      // picked up by the next start.
      if (importTimer) clearInterval(importTimer);
      queue.stop();
      const inFlight = queue.stats().active;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Attempts under way end within the webhook timeout (plus a rate-limit wait) and are recorded.
      const { unfinished } = await queue.drain(config.webhookTimeoutMs + 10_000);
      await Promise.allSettled([...matching.keys(), schedulerRun]);
      server.closeAllConnections();
      await closed;
      clearInterval(metricsTimer);
      await flushMetrics();
      client.destroy();
      await engine?.stop();
      lock?.release();
      return { finished: inFlight - unfinished, unfinished };
    },
  };
}
