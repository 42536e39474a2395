import type { Subscription } from '../model/subscription.js';
import type { SubscriptionStore } from '../store/subscription-store.js';

/** What the cache reads through: the subscription store's reads. */
export type SubscriptionReads = Pick<SubscriptionStore, 'get' | 'getMany'>;

/**
 * The dispatcher's subscriptions, cached by version. A queue message names the version the
 * matcher saw; a cached copy at least that new, and younger than `ttlMs`, is used without a read,
 * so a fan-out to subscriptions seen recently costs no reads at all. A message without a version
 * (a replay, the recovery sweep) reads the subscription unless a copy is younger than `ttlMs`.
 * A read that knows the version it needs is eventually consistent (half a read unit) and is made
 * strongly only when the copy it got is older.
 * Whatever the dispatcher itself changes (disabling a webhook) is dropped from the cache at once;
 * changes made elsewhere reach a warm dispatcher within `ttlMs`.
 *
 * @example
 * await cache.prefetch(batch.map((m) => ({ id: m.subscriptionId, minVersion: m.subscriptionVersion })));
 * const subscription = await cache.get(message.subscriptionId, message.subscriptionVersion);
 */
export class SubscriptionCache {
  private readonly entries = new Map<string, { subscription: Subscription; at: number }>();
  /** Subscriptions this process changed since it last read them. */
  private readonly changedHere = new Set<string>();
  /** Eventually consistent reads asked for in this turn of the event loop, read together after it. */
  private together = new Map<string, TogetherRead>();

  constructor(
    private readonly store: SubscriptionReads,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    /** Entries kept at most; the oldest go first. */
    private readonly maxEntries = 10_000,
  ) {}

  private fresh(id: string, minVersion: number | undefined): Subscription | undefined {
    const entry = this.entries.get(id);
    if (!entry || this.now() - entry.at > this.ttlMs) return undefined;
    if (minVersion !== undefined && entry.subscription.version < minVersion) return undefined;
    return entry.subscription;
  }

  private remember(subscription: Subscription): void {
    this.entries.delete(subscription.id);
    this.entries.set(subscription.id, { subscription, at: this.now() });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  /**
   * The subscription, from the cache when a copy is fresh and new enough, else read. Knowing the
   * version it needs, it reads at half the price (eventually consistent) and again, strongly, only
   * when that copy is older; without one, or for a subscription this process just changed, strongly.
   */
  async get(id: string, minVersion?: number): Promise<Subscription | undefined> {
    const cached = this.fresh(id, minVersion);
    if (cached) return cached;
    const changedHere = this.changedHere.delete(id);
    let subscription = minVersion !== undefined && !changedHere ? await this.readTogether(id) : undefined;
    if (!subscription || (minVersion !== undefined && subscription.version < minVersion))
      subscription = await this.store.get(id);
    if (subscription) this.remember(subscription);
    else this.entries.delete(id);
    return subscription;
  }

  /**
   * Reads the subscriptions a batch of messages needs in one BatchGetItem, skipping those cached.
   * Copies older than a message's version (an eventually consistent read that lagged) are not
   * kept, so `get` reads those again, strongly.
   */
  async prefetch(wanted: readonly { id: string; minVersion?: number | undefined }[]): Promise<void> {
    // One this process just changed is left to `get`, which reads it strongly.
    const missing = wanted.filter((w) => !this.fresh(w.id, w.minVersion) && !this.changedHere.has(w.id));
    if (missing.length === 0) return;
    const minimum = new Map(missing.map((w) => [w.id, w.minVersion ?? Number.POSITIVE_INFINITY]));
    for (const subscription of await this.store.getMany([...minimum.keys()])) {
      const min = minimum.get(subscription.id) ?? Number.POSITIVE_INFINITY;
      if (min === Number.POSITIVE_INFINITY || subscription.version >= min) this.remember(subscription);
    }
  }

  /**
   * An eventually consistent read of `id`, made together with the others asked for in the same
   * turn of the event loop: attempts that start at once (a queue handing out a fan-out) read their
   * subscriptions in one BatchGetItem instead of one GetItem each, at the same read units.
   */
  private readTogether(id: string): Promise<Subscription | undefined> {
    const asked = this.together.get(id);
    if (asked) return asked.promise;
    if (this.together.size === 0) setImmediate(() => void this.readAllAsked());
    const read = togetherRead();
    this.together.set(id, read);
    return read.promise;
  }

  private async readAllAsked(): Promise<void> {
    const batch = this.together;
    this.together = new Map();
    try {
      const found = await this.readBatch([...batch.keys()]);
      for (const [id, read] of batch) read.resolve(found.get(id));
    } catch (error) {
      for (const read of batch.values()) read.reject(error);
    }
  }

  private async readBatch(ids: string[]): Promise<Map<string, Subscription>> {
    const [only] = ids;
    const found =
      ids.length === 1 && only !== undefined
        ? [await this.store.get(only, { consistent: false })].flatMap((s) => (s ? [s] : []))
        : await this.store.getMany(ids);
    return new Map(found.map((subscription) => [subscription.id, subscription]));
  }

  /** Drops a subscription this process has just changed: it is read again, strongly. */
  forget(id: string): void {
    this.entries.delete(id);
    this.changedHere.add(id);
    // Bounded: an id forgotten long ago and never read again is of no further interest.
    if (this.changedHere.size > this.maxEntries) this.changedHere.clear();
  }
}

/** A read asked for and not yet made, with what settles it. */
interface TogetherRead {
  promise: Promise<Subscription | undefined>;
  resolve(subscription: Subscription | undefined): void;
  reject(error: unknown): void;
}

function togetherRead(): TogetherRead {
  let resolve!: TogetherRead['resolve'];
  let reject!: TogetherRead['reject'];
  const promise = new Promise<Subscription | undefined>((settle, fail) => {
    resolve = settle;
    reject = fail;
  });
  return { promise, resolve, reject };
}
