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
    let subscription =
      minVersion !== undefined && !changedHere ? await this.store.get(id, { consistent: false }) : undefined;
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

  /** Drops a subscription this process has just changed: it is read again, strongly. */
  forget(id: string): void {
    this.entries.delete(id);
    this.changedHere.add(id);
    // Bounded: an id forgotten long ago and never read again is of no further interest.
    if (this.changedHere.size > this.maxEntries) this.changedHere.clear();
  }
}
