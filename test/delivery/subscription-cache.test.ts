import { describe, expect, it } from 'vitest';
import { SubscriptionCache, type SubscriptionReads } from '../../shared/delivery/subscription-cache.js';
import type { Subscription } from '../../shared/model/subscription.js';
import { subscriptionFixture } from '../store/fixtures.js';

/** A store whose eventually consistent copy may lag the strong one; it notes every read. */
function lagging(strong: Subscription, lagged: Subscription = strong) {
  const reads: string[] = [];
  const store: SubscriptionReads = {
    get: async (_id, options = {}) => {
      const consistent = options.consistent ?? true;
      reads.push(consistent ? 'strong' : 'eventual');
      return consistent ? strong : lagged;
    },
    getMany: async () => [lagged],
  };
  return { store, reads };
}

describe('SubscriptionCache reads', () => {
  it('knowing the version it needs, reads eventually consistent (half the read units) when that copy will do', async () => {
    const subscription = subscriptionFixture({ version: 3 });
    const { store, reads } = lagging(subscription);
    expect(await new SubscriptionCache(store, 5_000).get(subscription.id, 3)).toEqual(subscription);
    expect(reads).toEqual(['eventual']);
  });

  it('reads asked for at once go together in one BatchGetItem, at the same read units', async () => {
    const subscriptions = [1, 2, 3].map((n) => subscriptionFixture({ id: `sub_together${n}`, version: 1 }));
    const batches: string[][] = [];
    const store: SubscriptionReads = {
      get: async () => {
        throw new Error('not read one by one');
      },
      getMany: async (ids) => {
        batches.push([...ids]);
        return subscriptions.filter((s) => ids.includes(s.id));
      },
    };
    const cache = new SubscriptionCache(store, 5_000);
    const read = await Promise.all(subscriptions.map((s) => cache.get(s.id, 1)));
    expect(read.map((s) => s?.id)).toEqual(subscriptions.map((s) => s.id));
    expect(batches).toEqual([subscriptions.map((s) => s.id)]);
  });

  it('reads again, strongly, when the eventually consistent copy is older than the version needed', async () => {
    const current = subscriptionFixture({ version: 4 });
    const { store, reads } = lagging(current, { ...current, version: 3 });
    expect((await new SubscriptionCache(store, 5_000).get(current.id, 4))?.version).toBe(4);
    expect(reads).toEqual(['eventual', 'strong']);
  });

  it('without a version, or for one this process just changed, reads strongly', async () => {
    const subscription = subscriptionFixture({ version: 2 });
    const { store, reads } = lagging(subscription);
    const cache = new SubscriptionCache(store, 5_000);
    await cache.get(subscription.id);
    cache.forget(subscription.id);
    await cache.get(subscription.id, 2);
    expect(reads).toEqual(['strong', 'strong']);

    // Changed here again: a batch's prefetch leaves it alone, and its own read is strong.
    cache.forget(subscription.id);
    await cache.prefetch([{ id: subscription.id, minVersion: 2 }]);
    await cache.get(subscription.id, 2);
    expect(reads).toEqual(['strong', 'strong', 'strong']);
  });
});
