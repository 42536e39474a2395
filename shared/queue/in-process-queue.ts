import type { DeliveryMessage, DeliveryQueue } from './delivery-queue.js';

/** What the consumer says about a message: done, or try again after a delay. */
export type ConsumeResult = { kind: 'done' } | { kind: 'retry'; delayMs: number };

export type DeliveryConsumer = (message: DeliveryMessage) => Promise<ConsumeResult>;

/**
 * An in-process queue with the SQS semantics the dispatcher relies on: delayed visibility,
 * redelivery after a failure or a thrown error, and bounded concurrency.
 *
 * @example
 * const queue = new InProcessQueue({ concurrency: 32 });
 * queue.start((message) => dispatcher.dispatch(message.deliveryId));
 */
export class InProcessQueue implements DeliveryQueue {
  private readonly ready: DeliveryMessage[] = [];
  /** When each waiting delivery is next due: a second message for it no sooner adds nothing. */
  private readonly dueAt = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private consumer: DeliveryConsumer | undefined;
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly options: {
      concurrency?: number;
      /** Delay before a message whose consumer threw is seen again (SQS: the visibility timeout). */
      errorRetryMs?: number;
      onError?: (error: unknown, message: DeliveryMessage) => void;
    } = {},
  ) {}

  async enqueue(messages: readonly DeliveryMessage[], delayMs = 0): Promise<void> {
    for (const message of messages) this.schedule(message, delayMs);
  }

  /** Starts consuming; messages enqueued before are kept. */
  start(consumer: DeliveryConsumer): void {
    this.consumer = consumer;
    this.pump();
  }

  /** Stops consuming and drops delayed messages (the store still knows them as pending). */
  stop(): void {
    this.consumer = undefined;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.dueAt.clear();
    // Dropping the delayed messages may leave nothing pending: settle idle() waiters now.
    this.pump();
  }

  /** Messages waiting or in flight, delayed ones included. */
  get size(): number {
    return this.ready.length + this.running + this.timers.size;
  }

  /** Resolves once nothing is waiting, delayed or in flight. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
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
    const concurrency = this.options.concurrency ?? 16;
    while (this.consumer && this.running < concurrency && this.ready.length > 0) {
      const message = this.ready.shift();
      if (!message) break;
      this.dueAt.delete(message.deliveryId);
      this.running += 1;
      void this.consume(this.consumer, message);
    }
    if (this.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private async consume(consumer: DeliveryConsumer, message: DeliveryMessage): Promise<void> {
    let result: ConsumeResult;
    try {
      result = await consumer(message);
    } catch (error) {
      try {
        this.options.onError?.(error, message);
      } catch {
        // A failing error reporter must not lose the message.
      }
      result = { kind: 'retry', delayMs: this.options.errorRetryMs ?? 1000 };
    }
    this.running -= 1;
    if (result.kind === 'retry' && this.consumer) this.schedule(message, result.delayMs);
    this.pump();
  }
}
