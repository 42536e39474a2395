import { Worker } from 'node:worker_threads';
import type { Notifier } from '../shared/delivery/notify/notifier.js';
import type { DeliveryQueue } from '../shared/delivery/queue/delivery-queue.js';
import type { MetricDimensions, MetricName, MetricsRecorder } from '../shared/kernel/metrics.js';
import type { Log } from '../shared/kernel/redaction.js';
import type { FanOutJob, MatchReport } from '../shared/matching/matcher.js';
import type { Retention } from '../shared/store/retention.js';
import type { LocalCredentials } from './local-database.js';

/** What the thread is started with: where the table is, and how the stores keep what they write. */
export interface MatchingThreadSettings {
  endpoint: string;
  credentials: LocalCredentials;
  tableName: string;
  retention: Retention;
  /** Whether the runtime's queue offers `watchAttempts` (a queue that dies with its process). */
  queueWatchesAttempts?: boolean;
}

/** The runtime's parts a fan-out reaches beyond the table, each called on the runtime's thread. */
export interface RuntimePorts {
  queue: DeliveryQueue;
  notifier: Notifier;
  metrics?: MetricsRecorder;
  clock: () => Date;
  log: Log;
}

/** What the runtime sends the thread. */
export type ToThread =
  | { kind: 'fan-out'; job: number; fanOut: FanOutJob; now: number }
  | { kind: 'answer'; call: number; result?: unknown; error?: SentError };

/** What the thread sends the runtime. */
export type FromThread =
  | { kind: 'done'; job: number; report: MatchReport }
  | { kind: 'failed'; job: number; error: SentError }
  | { kind: 'call'; call: number; port: 'queue' | 'notifier'; method: string; args: unknown[] }
  | { kind: 'metric'; name: MetricName; value: number; dimensions?: MetricDimensions }
  | { kind: 'log'; entry: Record<string, unknown> };

/** An error as it crosses between threads: its name and message (its class stays behind). */
export interface SentError {
  name: string;
  message: string;
}

export function sentError(error: unknown): SentError {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}

export function receivedError(sent: SentError): Error {
  const error = new Error(sent.message);
  error.name = sent.name;
  return error;
}

/**
 * Local mode's matching thread: fan-outs (reading candidates, comparing watchlists, writing alerts
 * and deliveries) run on a worker thread with a DynamoDB client of its own, so a heavy one never
 * holds up the API's event loop. Deliveries, operator alerts, metrics and log lines come back here,
 * to the runtime's queue, notifier, metrics and log. A thread that dies fails the fan-outs it held
 * (their revisions stay pending for the sweep) and the next fan-out starts another.
 */
export class MatchingThread {
  #worker: Worker | undefined;
  readonly #jobs = new Map<
    number,
    { resolve: (report: MatchReport) => void; reject: (error: Error) => void }
  >();
  #nextJob = 0;
  #stopped = false;
  readonly #counts = { started: 0, completed: 0, failed: 0 };

  constructor(
    private readonly settings: MatchingThreadSettings,
    private readonly ports: RuntimePorts,
  ) {}

  /**
   * Starts the thread ahead of the first fan-out, so loading its code (a second or so of CPU) does
   * not fall on a fan-out the API is waiting on.
   */
  start(): void {
    if (!this.#stopped) this.#started();
  }

  /** Runs one fan-out on the thread; resolves with its report once its deliveries are queued here. */
  readonly fanOut = (fanOut: FanOutJob): Promise<MatchReport> => {
    if (this.#stopped) return Promise.reject(new Error('the matching thread is stopped'));
    const worker = this.#started();
    const job = this.#nextJob++;
    return new Promise<MatchReport>((resolve, reject) => {
      this.#jobs.set(job, { resolve, reject });
      // Only a thread with work keeps the process alive.
      if (this.#jobs.size === 1) worker.ref();
      const message: ToThread = { kind: 'fan-out', job, fanOut, now: this.ports.clock().getTime() };
      worker.postMessage(message);
    });
  };

  /** For `GET /v1/admin/stats`: threads started, fan-outs completed and failed, and those under way. */
  figures(): {
    running: boolean;
    threadsStarted: number;
    completed: number;
    failed: number;
    inFlight: number;
  } {
    return {
      running: this.#worker !== undefined,
      threadsStarted: this.#counts.started,
      completed: this.#counts.completed,
      failed: this.#counts.failed,
      inFlight: this.#jobs.size,
    };
  }

  /** Stops the thread; fan-outs still under way fail (the runtime waits for its matches first). */
  async stop(): Promise<void> {
    this.#stopped = true;
    const worker = this.#worker;
    this.#worker = undefined;
    this.#failAll(new Error('the matching thread is stopped'));
    await worker?.terminate();
  }

  #started(): Worker {
    if (this.#worker) return this.#worker;
    // A plain .mjs entry that registers tsx: a worker cannot start on a .ts file by itself.
    const worker = new Worker(new URL('./matching-thread-boot.mjs', import.meta.url), {
      workerData: this.settings,
      execArgv: [],
    });
    worker.unref();
    this.#counts.started += 1;
    worker.on('message', (message: FromThread) => void this.#receive(worker, message));
    worker.on('error', (error) => this.#lost(worker, error));
    worker.on('exit', (code) =>
      this.#lost(worker, new Error(`the matching thread exited with code ${code}`)),
    );
    this.#worker = worker;
    return worker;
  }

  async #receive(worker: Worker, message: FromThread): Promise<void> {
    switch (message.kind) {
      case 'done':
      case 'failed': {
        const job = this.#jobs.get(message.job);
        this.#jobs.delete(message.job);
        if (this.#jobs.size === 0) worker.unref();
        if (message.kind === 'done') {
          this.#counts.completed += 1;
          job?.resolve(message.report);
        } else {
          this.#counts.failed += 1;
          job?.reject(receivedError(message.error));
        }
        return;
      }
      case 'call': {
        let answer: ToThread;
        try {
          answer = { kind: 'answer', call: message.call, result: await this.#call(message) };
        } catch (error) {
          answer = { kind: 'answer', call: message.call, error: sentError(error) };
        }
        if (this.#worker === worker) worker.postMessage(answer);
        return;
      }
      case 'metric':
        this.ports.metrics?.record(message.name, message.value, message.dimensions);
        return;
      case 'log':
        this.ports.log(message.entry);
        return;
    }
  }

  #call(message: Extract<FromThread, { kind: 'call' }>): Promise<unknown> {
    if (message.port === 'queue' && message.method === 'enqueue') {
      const [messages, delayMs] = message.args as Parameters<DeliveryQueue['enqueue']>;
      return this.ports.queue.enqueue(messages, delayMs);
    }
    if (message.port === 'queue' && message.method === 'watchAttempts' && this.ports.queue.watchAttempts) {
      const [deliveryIds] = message.args as Parameters<NonNullable<DeliveryQueue['watchAttempts']>>;
      return this.ports.queue.watchAttempts(deliveryIds);
    }
    const method = this.ports.notifier[message.method as keyof Notifier] as (
      ...args: unknown[]
    ) => Promise<unknown>;
    if (message.port !== 'notifier' || typeof method !== 'function')
      return Promise.reject(new Error(`no ${message.port}.${message.method} to call`));
    return method.apply(this.ports.notifier, message.args);
  }

  #lost(worker: Worker, error: Error): void {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    this.ports.log({ level: 'error', message: 'matching thread stopped', error: String(error) });
    this.#failAll(error);
  }

  #failAll(error: Error): void {
    this.#counts.failed += this.#jobs.size;
    for (const { reject } of this.#jobs.values()) reject(error);
    this.#jobs.clear();
  }
}
