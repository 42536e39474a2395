import { DEFAULT_ENDPOINT_RULES } from '../endpoint/endpoint-control.js';
import { EndpointLanes } from '../endpoint/endpoint-lanes.js';
import type { DeliveryMessage, DeliveryQueue } from './delivery-queue.js';

/** What the consumer says about a message: done, or try again after a delay. */
export type ConsumeResult = { kind: 'done' } | { kind: 'retry'; delayMs: number };

/** What a consumer may ask of the queue while it handles one message. */
export interface ConsumeContext {
  /**
   * Joins a lane (an endpoint): resolves once fewer than the lane's bound are in flight in it.
   * While it waits the message holds no place in the shared pool, so a full lane never holds up
   * other lanes. Rejects with `QueueStoppedError` when the queue stops meanwhile.
   */
  lane(key: string): Promise<void>;
  /** No consumer has had this message before: the queue hands it out for the first time. */
  firstReceive: boolean;
}

export type DeliveryConsumer = (message: DeliveryMessage, context: ConsumeContext) => Promise<ConsumeResult>;

/** A lane wait ended because the queue stopped: the message was not attempted. */
export class QueueStoppedError extends Error {
  constructor() {
    super('the queue stopped');
    this.name = 'QueueStoppedError';
  }
}

/** A `watchAttempts` call: how many of its deliveries are still to be handled once. */
interface AttemptWatch {
  left: number;
  settle(attempted: boolean): void;
}

interface LaneWaiter {
  resume(): void;
  abandon(error: Error): void;
}

/** One message being handled: whether it holds a pool place, and the lane it joined. */
interface Run {
  holdsSlot: boolean;
  lane?: string;
}

export interface InProcessQueueStats {
  concurrency: number;
  laneConcurrency: number;
  /** Consumers holding a pool place. */
  active: number;
  /** Messages waiting for a place in their endpoint's lane. */
  waitingInLanes: number;
  /** Messages ready but not yet started. */
  ready: number;
  /** Messages waiting for their delay (retries). */
  delayed: number;
  /** Endpoints with work in flight or waiting. */
  lanes: number;
}

/**
 * An in-process queue with the SQS semantics the dispatcher relies on: delayed visibility,
 * redelivery after a failure or a thrown error, and bounded concurrency; plus per-endpoint lanes
 * (`EndpointLanes`), each bounded on its own, so that slow endpoints wait in their own lane while
 * others flow. A message waiting for its lane gives its place in the pool to other work.
 *
 * @example
 * const queue = new InProcessQueue({ concurrency: 256, laneConcurrency: 4 });
 * queue.start((message, context) => dispatcher.dispatch(message.deliveryId, context));
 */
export class InProcessQueue implements DeliveryQueue {
  private readonly ready: DeliveryMessage[] = [];
  /** When each waiting delivery is next due: a second message for it no sooner adds nothing. */
  private readonly dueAt = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Deliveries a consumer is handling (in the pool or waiting in a lane). */
  private readonly inHand = new Map<string, number>();
  /** Messages a consumer has had (a retry is the same message, scheduled again). */
  private readonly handled = new WeakSet<DeliveryMessage>();
  /** Deliveries someone waits to see handled once (`watchAttempts`), with those waiting. */
  private readonly watched = new Map<string, AttemptWatch[]>();
  private readonly lanes: EndpointLanes<LaneWaiter>;
  private consumer: DeliveryConsumer | undefined;
  private running = 0;
  private parked = 0;
  private idleWaiters: (() => void)[] = [];
  private drainWaiters: (() => void)[] = [];

  constructor(
    private readonly options: {
      concurrency?: number;
      /** Attempts in flight per lane (endpoint); the endpoint rules' lane limit (4) by default. */
      laneConcurrency?: number;
      /** Delay before a message whose consumer threw is seen again (SQS: the visibility timeout). */
      errorRetryMs?: number;
      onError?: (error: unknown, message: DeliveryMessage) => void;
    } = {},
  ) {
    this.lanes = new EndpointLanes(Math.max(1, options.laneConcurrency ?? DEFAULT_ENDPOINT_RULES.laneLimit));
  }

  async enqueue(messages: readonly DeliveryMessage[], delayMs = 0): Promise<void> {
    for (const message of messages) this.schedule(message, delayMs);
  }

  /** See `DeliveryQueue.watchAttempts`; false at once when the queue is not consuming. */
  watchAttempts(deliveryIds: readonly string[]): Promise<boolean> {
    const ids = new Set(deliveryIds);
    if (ids.size === 0) return Promise.resolve(true);
    if (!this.consumer) return Promise.resolve(false);
    return new Promise((resolve) => {
      const watch: AttemptWatch = { left: ids.size, settle: resolve };
      for (const id of ids) this.watched.set(id, [...(this.watched.get(id) ?? []), watch]);
    });
  }

  /** Starts consuming; messages enqueued before are kept. */
  start(consumer: DeliveryConsumer): void {
    this.consumer = consumer;
    this.pump();
  }

  /**
   * Stops taking work: delayed messages are dropped (the store still knows them as pending),
   * messages waiting in a lane give up before their attempt, ready ones wait for the next start.
   * Consumers already under way go on; `drain()` waits for them.
   */
  stop(): void {
    this.consumer = undefined;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const ready = new Set(this.ready.map((message) => message.deliveryId));
    for (const id of [...this.dueAt.keys()]) if (!ready.has(id)) this.dueAt.delete(id);
    const stopped = new QueueStoppedError();
    for (const waiter of this.lanes.abandonAll()) waiter.abandon(stopped);
    for (const watches of this.watched.values()) for (const watch of watches) watch.settle(false);
    this.watched.clear();
    // Dropping the delayed messages may leave nothing pending: settle idle() waiters now.
    this.pump();
  }

  /**
   * Resolves once no consumer is under way, or after `timeoutMs`; says how many were still going.
   */
  async drain(timeoutMs: number): Promise<{ unfinished: number }> {
    if (this.running + this.parked > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => this.drainWaiters.push(resolve)),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
    }
    return { unfinished: this.running + this.parked };
  }

  /** Messages waiting or in flight, delayed ones included. */
  get size(): number {
    return this.ready.length + this.running + this.parked + this.timers.size;
  }

  /** Whether this queue will still handle the delivery: waiting, delayed, or in a consumer's hands. */
  holds(deliveryId: string): boolean {
    return this.dueAt.has(deliveryId) || this.inHand.has(deliveryId);
  }

  stats(): InProcessQueueStats {
    return {
      concurrency: this.concurrency,
      laneConcurrency: this.lanes.limit,
      active: this.running,
      waitingInLanes: this.parked,
      ready: this.ready.length,
      delayed: this.timers.size,
      lanes: this.lanes.size,
    };
  }

  /** Resolves once nothing is waiting, delayed or in flight. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private get concurrency(): number {
    return Math.max(1, this.options.concurrency ?? 16);
  }

  private schedule(message: DeliveryMessage, delayMs: number): void {
    const due = Date.now() + Math.max(0, delayMs);
    const known = this.dueAt.get(message.deliveryId);
    if (known !== undefined && known <= due) return;
    this.dueAt.set(message.deliveryId, due);
    if (delayMs <= 0) {
      this.ready.push(message);
      this.pump();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.ready.push(message);
      this.pump();
    }, delayMs);
    this.timers.add(timer);
  }

  private pump(): void {
    while (this.running < this.concurrency) {
      // Work already started and waiting for its lane goes before new work.
      const waiter = this.lanes.next();
      if (waiter) {
        this.running += 1;
        this.parked -= 1;
        waiter.resume();
        continue;
      }
      if (!this.consumer) break;
      const message = this.ready.shift();
      if (!message) break;
      this.dueAt.delete(message.deliveryId);
      this.running += 1;
      void this.consume(this.consumer, message);
    }
    if (this.running + this.parked === 0) {
      const waiters = this.drainWaiters;
      this.drainWaiters = [];
      for (const resolve of waiters) resolve();
    }
    if (this.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private enterLane(run: Run, key: string): Promise<void> {
    if (run.lane !== undefined) return Promise.reject(new Error('a message joins one lane only'));
    if (!this.consumer) return Promise.reject(new QueueStoppedError());
    run.lane = key;
    if (this.lanes.enter(key)) return Promise.resolve();
    // Wait outside the pool: the place goes to someone else meanwhile.
    return new Promise<void>((resolve, reject) => {
      run.holdsSlot = false;
      this.running -= 1;
      this.parked += 1;
      this.lanes.wait(key, {
        resume: () => {
          run.holdsSlot = true;
          resolve();
        },
        abandon: (error) => {
          // Never entered: nothing to give back to the lane when the consumer ends.
          this.parked -= 1;
          run.lane = undefined;
          reject(error);
        },
      });
      this.pump();
    });
  }

  private leave(run: Run): void {
    if (run.holdsSlot) this.running -= 1;
    if (run.lane !== undefined) this.lanes.leave(run.lane);
  }

  /** The delivery's message was handled to an outcome: its watchers count it. */
  private handledOnce(id: string): void {
    const watches = this.watched.get(id);
    if (!watches) return;
    this.watched.delete(id);
    for (const watch of watches) {
      watch.left -= 1;
      if (watch.left === 0) watch.settle(true);
    }
  }

  private async consume(consumer: DeliveryConsumer, message: DeliveryMessage): Promise<void> {
    const run: Run = { holdsSlot: true };
    const id = message.deliveryId;
    this.inHand.set(id, (this.inHand.get(id) ?? 0) + 1);
    let result: ConsumeResult;
    const firstReceive = !this.handled.has(message);
    this.handled.add(message);
    try {
      result = await consumer(message, { lane: (key) => this.enterLane(run, key), firstReceive });
      this.handledOnce(id);
    } catch (error) {
      if (error instanceof QueueStoppedError) {
        result = { kind: 'retry', delayMs: 0 };
      } else {
        try {
          this.options.onError?.(error, message);
        } catch {
          // A failing error reporter must not lose the message.
        }
        result = { kind: 'retry', delayMs: this.options.errorRetryMs ?? 1000 };
      }
    }
    const held = (this.inHand.get(id) ?? 1) - 1;
    if (held > 0) this.inHand.set(id, held);
    else this.inHand.delete(id);
    this.leave(run);
    if (result.kind === 'retry' && this.consumer) this.schedule(message, result.delayMs);
    this.pump();
  }
}
