import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeliveryMessage } from '../../shared/delivery/queue/delivery-queue.js';
import { type ConsumeResult, InProcessQueue } from '../../shared/delivery/queue/in-process-queue.js';

const msg = (n: number): DeliveryMessage => ({ deliveryId: `dlv_${n}` });
const done: ConsumeResult = { kind: 'done' };

/** A promise with its resolver, to hold a consumer in flight. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Lets queued microtasks (consumer bodies, pump) run without moving fake time. */
const flush = () => vi.advanceTimersByTimeAsync(0);

describe('InProcessQueue', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps messages enqueued before start and consumes them in order', async () => {
    const queue = new InProcessQueue({ concurrency: 1 });
    const seen: string[] = [];
    await queue.enqueue([msg(1), msg(2)]);
    await queue.enqueue([msg(3)]);
    expect(queue.size).toBe(3);

    queue.start(async (message) => {
      seen.push(message.deliveryId);
      return done;
    });
    await queue.idle();

    expect(seen).toEqual(['dlv_1', 'dlv_2', 'dlv_3']);
    expect(queue.size).toBe(0);
  });

  it('never runs more consumers at once than the concurrency bound', async () => {
    const queue = new InProcessQueue({ concurrency: 2 });
    const gates = new Map<string, ReturnType<typeof deferred>>();
    let inFlight = 0;
    let maxInFlight = 0;
    const started: string[] = [];
    queue.start(async (message) => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      started.push(message.deliveryId);
      const gate = deferred();
      gates.set(message.deliveryId, gate);
      await gate.promise;
      inFlight -= 1;
      return done;
    });

    await queue.enqueue([1, 2, 3, 4, 5].map(msg));
    await flush();
    expect(started).toEqual(['dlv_1', 'dlv_2']);
    expect(queue.size).toBe(5);

    gates.get('dlv_2')?.resolve();
    await flush();
    expect(started).toEqual(['dlv_1', 'dlv_2', 'dlv_3']);

    for (const id of ['dlv_1', 'dlv_3', 'dlv_4', 'dlv_5']) {
      await flush();
      gates.get(id)?.resolve();
    }
    await queue.idle();
    expect(started).toEqual(['dlv_1', 'dlv_2', 'dlv_3', 'dlv_4', 'dlv_5']);
    expect(maxInFlight).toBe(2);
  });

  it('defaults to 16 consumers at once', async () => {
    const queue = new InProcessQueue();
    const gate = deferred();
    let inFlight = 0;
    queue.start(async () => {
      inFlight += 1;
      await gate.promise;
      return done;
    });
    await queue.enqueue(Array.from({ length: 20 }, (_, i) => msg(i)));
    await flush();
    expect(inFlight).toBe(16);
    gate.resolve();
    await queue.idle();
    expect(inFlight).toBe(20);
  });

  it('holds a delayed message back until its delay has passed', async () => {
    const queue = new InProcessQueue();
    const seen: [string, number][] = [];
    const start = Date.now();
    queue.start(async (message) => {
      seen.push([message.deliveryId, Date.now() - start]);
      return done;
    });

    await queue.enqueue([msg(1)], 500);
    await queue.enqueue([msg(2)]);
    await flush();
    expect(seen).toEqual([['dlv_2', 0]]);
    expect(queue.size).toBe(1);

    await vi.advanceTimersByTimeAsync(499);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toEqual([
      ['dlv_2', 0],
      ['dlv_1', 500],
    ]);
    expect(queue.size).toBe(0);
  });

  it('a retry result shows the message again after the asked delay', async () => {
    const queue = new InProcessQueue();
    const start = Date.now();
    const seenAt: number[] = [];
    queue.start(async () => {
      seenAt.push(Date.now() - start);
      return seenAt.length < 3 ? { kind: 'retry', delayMs: 100 * seenAt.length } : done;
    });

    await queue.enqueue([msg(1)]);
    const idle = queue.idle();
    await vi.advanceTimersByTimeAsync(1_000);
    await idle;

    expect(seenAt).toEqual([0, 100, 300]);
  });

  it('a thrown consumer error is reported and the message retried after errorRetryMs', async () => {
    const onError = vi.fn();
    const queue = new InProcessQueue({ errorRetryMs: 250, onError });
    const start = Date.now();
    const seenAt: number[] = [];
    const failure = new Error('table unavailable');
    queue.start(async () => {
      seenAt.push(Date.now() - start);
      if (seenAt.length === 1) throw failure;
      return done;
    });

    await queue.enqueue([msg(7)]);
    await flush();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(failure, msg(7));
    expect(queue.size).toBe(1);

    await vi.advanceTimersByTimeAsync(249);
    expect(seenAt).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(seenAt).toEqual([0, 250]);
    expect(queue.size).toBe(0);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('retries a thrown error after 1 s by default', async () => {
    const queue = new InProcessQueue();
    const start = Date.now();
    const seenAt: number[] = [];
    queue.start(async () => {
      seenAt.push(Date.now() - start);
      if (seenAt.length === 1) throw new Error('boom');
      return done;
    });

    await queue.enqueue([msg(1)]);
    await vi.advanceTimersByTimeAsync(999);
    expect(seenAt).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(seenAt).toEqual([0, 1_000]);
  });

  it('idle() resolves at once when empty, and only after delayed and in-flight work otherwise', async () => {
    const queue = new InProcessQueue();
    await expect(queue.idle()).resolves.toBeUndefined();

    const gate = deferred();
    queue.start(async () => {
      await gate.promise;
      return done;
    });
    await queue.enqueue([msg(1)]);
    await queue.enqueue([msg(2)], 1_000);

    let settled = false;
    const idle = queue.idle().then(() => {
      settled = true;
    });
    await flush();
    expect(settled).toBe(false);

    gate.resolve();
    await flush();
    expect(settled).toBe(false); // msg 2 is still delayed
    expect(queue.size).toBe(1);

    await vi.advanceTimersByTimeAsync(1_000);
    await idle;
    expect(settled).toBe(true);
    expect(queue.size).toBe(0);
  });

  it('stop() drops delayed messages and their timers, and stops re-scheduling retries', async () => {
    const queue = new InProcessQueue();
    const seen: string[] = [];
    const gate = deferred();
    queue.start(async (message) => {
      seen.push(message.deliveryId);
      if (message.deliveryId === 'dlv_1') {
        await gate.promise;
        return { kind: 'retry', delayMs: 10 };
      }
      return done;
    });

    await queue.enqueue([msg(1)]);
    await queue.enqueue([msg(2), msg(3)], 5_000);
    await flush();
    expect(seen).toEqual(['dlv_1']);
    expect(vi.getTimerCount()).toBe(2);

    queue.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(queue.size).toBe(1); // dlv_1 still in flight

    gate.resolve();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen).toEqual(['dlv_1']);
    expect(queue.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('idle() waiters resolve when stop() drops the only pending (delayed) messages', async () => {
    const queue = new InProcessQueue();
    queue.start(async () => done);
    await queue.enqueue([msg(1)], 60_000);
    let settled = false;
    void queue.idle().then(() => {
      settled = true;
    });
    await flush();
    expect(settled).toBe(false);

    queue.stop();
    await flush();
    expect(settled).toBe(true);
    expect(queue.size).toBe(0);
  });

  it('after stop(), messages enqueued wait for the next start()', async () => {
    const queue = new InProcessQueue();
    const first: string[] = [];
    queue.start(async (message) => {
      first.push(message.deliveryId);
      return done;
    });
    queue.stop();

    await queue.enqueue([msg(1)]);
    await flush();
    expect(first).toEqual([]);
    expect(queue.size).toBe(1);

    const second: string[] = [];
    queue.start(async (message) => {
      second.push(message.deliveryId);
      return done;
    });
    await queue.idle();
    expect(second).toEqual(['dlv_1']);
    expect(first).toEqual([]);
  });

  describe('lanes', () => {
    /** A consumer that joins lane `laneOf(id)` and stays in flight until released. */
    function laned(queue: InProcessQueue, laneOf: (id: string) => string) {
      const gates = new Map<string, ReturnType<typeof deferred>>();
      const inFlight = new Map<string, number>();
      const maxInFlight = new Map<string, number>();
      const started: string[] = [];
      const abandoned: string[] = [];
      queue.start(async (message, context) => {
        const lane = laneOf(message.deliveryId);
        try {
          await context.lane(lane);
        } catch (error) {
          abandoned.push(message.deliveryId);
          throw error;
        }
        started.push(message.deliveryId);
        inFlight.set(lane, (inFlight.get(lane) ?? 0) + 1);
        maxInFlight.set(lane, Math.max(maxInFlight.get(lane) ?? 0, inFlight.get(lane) ?? 0));
        const gate = deferred();
        gates.set(message.deliveryId, gate);
        await gate.promise;
        inFlight.set(lane, (inFlight.get(lane) ?? 1) - 1);
        return done;
      });
      return { gates, started, maxInFlight, abandoned };
    }

    it('a full lane waits outside the pool: the other lanes flow past it', async () => {
      const queue = new InProcessQueue({ concurrency: 8, laneConcurrency: 4 });
      // 20 messages to a slow endpoint first, then 5 to a healthy one.
      await queue.enqueue(Array.from({ length: 20 }, (_, n) => msg(n)));
      await queue.enqueue(Array.from({ length: 5 }, (_, n) => msg(100 + n)));
      const run = laned(queue, (id) => (Number(id.slice(4)) >= 100 ? 'healthy' : 'slow'));
      await flush();

      expect(run.started.filter((id) => Number(id.slice(4)) < 100)).toHaveLength(4);
      expect(run.started.filter((id) => Number(id.slice(4)) >= 100)).toHaveLength(4);
      expect(queue.stats()).toMatchObject({ active: 8, waitingInLanes: 16, ready: 1 });

      // Healthy ones finish; the fifth healthy one starts although 16 slow ones waited before it.
      for (let n = 100; n < 104; n++) run.gates.get(`dlv_${n}`)?.resolve();
      await flush();
      expect(run.started).toContain('dlv_104');
      expect(run.maxInFlight.get('slow')).toBe(4);
      expect(run.maxInFlight.get('healthy')).toBe(4);
    });

    it('a lane never has more than its bound in flight, and waiters resume in order as places free', async () => {
      const queue = new InProcessQueue({ concurrency: 100, laneConcurrency: 2 });
      await queue.enqueue(Array.from({ length: 6 }, (_, n) => msg(n)));
      const run = laned(queue, () => 'one');
      await flush();
      expect(run.started).toEqual(['dlv_0', 'dlv_1']);

      run.gates.get('dlv_0')?.resolve();
      await flush();
      expect(run.started).toEqual(['dlv_0', 'dlv_1', 'dlv_2']);
      for (const id of ['dlv_1', 'dlv_2', 'dlv_3', 'dlv_4', 'dlv_5']) {
        run.gates.get(id)?.resolve();
        await flush();
      }
      await queue.idle();
      expect(run.started).toEqual(['dlv_0', 'dlv_1', 'dlv_2', 'dlv_3', 'dlv_4', 'dlv_5']);
      expect(run.maxInFlight.get('one')).toBe(2);
    });

    it('holds() knows waiting, delayed and in-hand deliveries; stop() abandons lane waiters and drain() waits for the rest', async () => {
      const queue = new InProcessQueue({ concurrency: 10, laneConcurrency: 1 });
      await queue.enqueue([msg(1), msg(2)]);
      await queue.enqueue([msg(3)], 60_000);
      const run = laned(queue, () => 'one');
      await flush();
      expect(run.started).toEqual(['dlv_1']);
      expect(['dlv_1', 'dlv_2', 'dlv_3', 'dlv_4'].map((id) => queue.holds(id))).toEqual([
        true,
        true,
        true,
        false,
      ]);

      queue.stop();
      await flush();
      // The waiter gave up before its attempt; the one in flight goes on.
      expect(run.abandoned).toEqual(['dlv_2']);
      let drained: { unfinished: number } | undefined;
      void queue.drain(10_000).then((result) => {
        drained = result;
      });
      await flush();
      expect(drained).toBeUndefined();
      run.gates.get('dlv_1')?.resolve();
      await flush();
      expect(drained).toEqual({ unfinished: 0 });
      expect(queue.holds('dlv_1')).toBe(false);
    });

    it('drain() gives up after its timeout and says how many were still going', async () => {
      const queue = new InProcessQueue({ concurrency: 10 });
      await queue.enqueue([msg(1)]);
      laned(queue, () => 'one');
      await flush();
      queue.stop();
      const result = queue.drain(5_000);
      await vi.advanceTimersByTimeAsync(5_000);
      expect(await result).toEqual({ unfinished: 1 });
    });
  });

  describe('first receives and attempt watches', () => {
    it('tells the consumer whether it has had the message before: a retry is not a first receive', async () => {
      const queue = new InProcessQueue({ concurrency: 1 });
      const seen: boolean[] = [];
      queue.start(async (_message, context) => {
        seen.push(context.firstReceive);
        return seen.length === 1 ? { kind: 'retry', delayMs: 10 } : done;
      });
      await queue.enqueue([msg(1)]);
      await vi.advanceTimersByTimeAsync(20);
      await queue.idle();
      expect(seen).toEqual([true, false]);
    });

    it('a watch resolves once each watched delivery was handled to an outcome; a consumer that threw does not count', async () => {
      const queue = new InProcessQueue({ concurrency: 2, errorRetryMs: 10 });
      let throws = 1;
      queue.start(async (message) => {
        if (message.deliveryId === 'dlv_2' && throws-- > 0) throw new Error('the store hiccupped');
        return { kind: 'retry', delayMs: 60_000 };
      });
      let attempted: boolean | undefined;
      void queue.watchAttempts(['dlv_1', 'dlv_2']).then((result) => {
        attempted = result;
      });
      await queue.enqueue([msg(1), msg(2)]);
      await flush();
      expect(attempted).toBeUndefined();
      await vi.advanceTimersByTimeAsync(10);
      expect(attempted).toBe(true);
      queue.stop();
    });

    it('a watch answers false when the queue stops first, or is not consuming', async () => {
      const idle = new InProcessQueue();
      expect(await idle.watchAttempts(['dlv_1'])).toBe(false);

      const queue = new InProcessQueue({ concurrency: 1 });
      const gate = deferred();
      queue.start(async () => {
        await gate.promise;
        return done;
      });
      const watch = queue.watchAttempts(['dlv_1', 'dlv_2']);
      await queue.enqueue([msg(1), msg(2)]);
      await flush();
      queue.stop();
      expect(await watch).toBe(false);
      gate.resolve();
      await queue.drain(1_000);
    });
  });
});
