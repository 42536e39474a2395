import { parentPort, workerData } from 'node:worker_threads';
import type { Notifier } from '../shared/delivery/notify/notifier.js';
import type { DeliveryQueue } from '../shared/delivery/queue/delivery-queue.js';
import type { MetricsRecorder } from '../shared/kernel/metrics.js';
import type { Log } from '../shared/kernel/redaction.js';
import { fanOut, type MatcherDeps } from '../shared/matching/matcher.js';
import { createStores } from '../shared/wiring/services.js';
import { localDynamoClient } from './local-database.js';
import {
  type FromThread,
  type MatchingThreadSettings,
  receivedError,
  sentError,
  type ToThread,
} from './matching-thread.js';

/*
 * The matching thread (see `MatchingThread`): its own client and stores over the runtime's table,
 * the catalogue read afresh for every fan-out (an edit saved through the API applies at once, as
 * when matching ran beside it), and the runtime's queue, notifier, metrics and log reached by
 * messages.
 */

const port = parentPort;
if (!port) throw new Error('the matching thread runs as a worker thread');
const settings = workerData as MatchingThreadSettings;
const send = (message: FromThread) => port.postMessage(message);

/** The runtime's clock, read when each fan-out is handed over and moved on with this thread's. */
let clockOffsetMs = 0;
const clock = () => new Date(Date.now() + clockOffsetMs);

const calls = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
let nextCall = 0;
function call(target: 'queue' | 'notifier', method: string, args: unknown[]): Promise<unknown> {
  const id = nextCall++;
  return new Promise((resolve, reject) => {
    calls.set(id, { resolve, reject });
    send({ kind: 'call', call: id, port: target, method, args });
  });
}

const log: Log = (entry) => send({ kind: 'log', entry });
const queue: DeliveryQueue = {
  enqueue: async (messages, delayMs) => {
    await call('queue', 'enqueue', [messages, delayMs]);
  },
  // The runtime's queue sees each delivery's first attempt; the fan-out waits on it there.
  ...(settings.queueWatchesAttempts
    ? { watchAttempts: async (deliveryIds) => (await call('queue', 'watchAttempts', [deliveryIds])) === true }
    : {}),
};
const notifier: Notifier = {
  sendSms: async (...args) => {
    await call('notifier', 'sendSms', args);
  },
  sendEmail: async (...args) => {
    await call('notifier', 'sendEmail', args);
  },
  publishOperatorAlerts: async (...args) => {
    await call('notifier', 'publishOperatorAlerts', args);
  },
  publishOperatorEvent: async (...args) => {
    await call('notifier', 'publishOperatorEvent', args);
  },
  ensureEmailTopic: async (...args) => String(await call('notifier', 'ensureEmailTopic', args)),
  deleteEmailTopic: async (...args) => {
    await call('notifier', 'deleteEmailTopic', args);
  },
};
const metrics: MetricsRecorder = {
  record: (name, value, dimensions) =>
    send({ kind: 'metric', name, value, ...(dimensions ? { dimensions } : {}) }),
  // Recorded values go to the runtime as they are recorded; it flushes them.
  flush: async () => undefined,
};

const stores = createStores(localDynamoClient(settings.endpoint, settings.credentials), settings.tableName, {
  retention: settings.retention,
  creationWindowMs: 0,
  catalogueCacheTtlMs: 0,
  clock,
  log,
});
const deps: MatcherDeps = {
  changes: stores.changes,
  subscriptions: stores.subscriptions,
  deliveries: stores.deliveries,
  queue,
  notifier,
  catalogue: stores.catalogues.current,
  clock,
  metrics,
};

port.on('message', (message: ToThread) => {
  if (message.kind === 'answer') {
    const waiting = calls.get(message.call);
    calls.delete(message.call);
    if (message.error) waiting?.reject(receivedError(message.error));
    else waiting?.resolve(message.result);
    return;
  }
  clockOffsetMs = message.now - Date.now();
  fanOut(deps, message.fanOut).then(
    (report) => send({ kind: 'done', job: message.job, report }),
    (error: unknown) => send({ kind: 'failed', job: message.job, error: sentError(error) }),
  );
});
