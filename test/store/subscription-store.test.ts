import { beforeAll, describe, expect, it } from 'vitest';
import { forEachLimited } from '../../shared/kernel/concurrency.js';
import { ConflictError, NotFoundError } from '../../shared/kernel/errors.js';
import { endpointKey, type Subscription } from '../../shared/model/subscription.js';
import { endpointHash } from '../../shared/store/keys.js';
import type { SubscriptionStore } from '../../shared/store/subscription-store.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';
import { subscriptionFixture, T0 } from './fixtures.js';

/** The inverted-index partitions of filter materials. */
const materialPartitions = (...materials: string[]) => materials.map((m) => `MATERIAL#${m}`);

// One table for the file: each test below writes to material partitions no other test here uses.
let table: TestTable;
let store: SubscriptionStore;

beforeAll(async () => {
  table = await createTestTable();
  store = table.subscriptions;
});

const ids = (subscriptions: { subscriptionId: string }[]) =>
  subscriptions.map((s) => s.subscriptionId).sort();

function next(previous: Subscription, changes: Partial<Subscription>): Subscription {
  return { ...previous, ...changes, version: previous.version + 1, updatedAt: new Date().toISOString() };
}

describe('SubscriptionStore.create', () => {
  it('writes the subscription and one index item per filter material', async () => {
    const subscription = subscriptionFixture({
      filters: { materials: ['lanthanum', 'cerium', 'lithium'], minSeverity: 'high' },
      sms: ['+4915112345678'],
    });
    await store.create(subscription);

    expect(await store.get(subscription.id)).toEqual(subscription);
    for (const material of ['lanthanum', 'cerium', 'lithium']) {
      const { candidates, itemsRead } = await store.candidates(materialPartitions(material));
      expect(itemsRead).toBe(1);
      expect(candidates).toEqual([
        {
          subscriptionId: subscription.id,
          subscriberId: subscription.subscriberId,
          filters: subscription.filters,
          status: 'active',
          channels: ['webhook', 'sms'],
          version: subscription.version,
          // The webhook's endpoint, hashed: the message group of its deliveries on SQS.
          endpoint: endpointHash(endpointKey(subscription.webhook?.url ?? '')),
        },
      ]);
    }
    const all = await store.candidates(materialPartitions('lanthanum', 'cerium', 'lithium', 'praseodymium'));
    expect(all.itemsRead).toBe(3);
    expect(ids(all.candidates)).toEqual([subscription.id]);
  });

  it('writes one index item for a material listed twice', async () => {
    const subscription = subscriptionFixture({ filters: { materials: ['samarium', 'samarium'] } });
    await store.create(subscription);
    expect((await store.candidates(materialPartitions('samarium'))).itemsRead).toBe(1);
  });

  it('refuses to create the same id twice', async () => {
    const subscription = subscriptionFixture({ filters: { materials: ['europium'] } });
    await store.create(subscription);
    await expect(store.create({ ...subscription, name: 'again' })).rejects.toThrow();
    expect((await store.get(subscription.id))?.name).toBe(subscription.name);
  });
});

describe('SubscriptionStore.replace', () => {
  it('moves index entries: the old material no longer finds it, the new one does', async () => {
    const original = subscriptionFixture({ filters: { materials: ['terbium', 'holmium'] } });
    await store.create(original);
    const updated = next(original, {
      filters: { materials: ['holmium', 'erbium'], affectedRegions: ['EU'] },
    });
    await store.replace(original, updated);

    expect((await store.candidates(materialPartitions('terbium'))).candidates).toEqual([]);
    const erbium = await store.candidates(materialPartitions('erbium'));
    expect(ids(erbium.candidates)).toEqual([original.id]);
    const holmium = await store.candidates(materialPartitions('holmium'));
    expect(holmium.itemsRead).toBe(1);
    expect(holmium.candidates[0]?.filters).toEqual(updated.filters);
    expect(await store.get(original.id)).toEqual(updated);
  });

  it('updates the status copied into the index (pausing reaches the matcher)', async () => {
    const original = subscriptionFixture({ filters: { materials: ['thulium'] } });
    await store.create(original);
    await store.replace(original, next(original, { status: 'paused' }));
    expect((await store.candidates(materialPartitions('thulium'))).candidates[0]?.status).toBe('paused');
  });

  it('throws a 409 ConflictError for a stale version and leaves subscription and index unchanged', async () => {
    const original = subscriptionFixture({ filters: { materials: ['ytterbium'] } });
    await store.create(original);
    const winner = next(original, { name: 'first writer' });
    await store.replace(original, winner);

    const loser = next(original, { name: 'second writer', filters: { materials: ['lutetium'] } });
    const error = await store.replace(original, loser).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ kind: 'conflict', type: 'concurrent-update' });

    expect(await store.get(original.id)).toEqual(winner);
    expect(ids((await store.candidates(materialPartitions('ytterbium'))).candidates)).toEqual([original.id]);
    expect((await store.candidates(materialPartitions('lutetium'))).itemsRead).toBe(0);
  });

  it('throws a ConflictError when the subscription was deleted meanwhile', async () => {
    const original = subscriptionFixture({ filters: { materials: ['yttrium'] } });
    await store.create(original);
    await store.delete(original);
    await expect(store.replace(original, next(original, { name: 'gone' }))).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await store.get(original.id)).toBeUndefined();
    expect((await store.candidates(materialPartitions('yttrium'))).itemsRead).toBe(0);
  });
});

describe('SubscriptionStore.delete', () => {
  it('removes the subscription and every index entry', async () => {
    const subscription = subscriptionFixture({ filters: { materials: ['nickel', 'cobalt'] } });
    const kept = subscriptionFixture({ filters: { materials: ['cobalt'] } });
    await store.create(subscription);
    await store.create(kept);
    await store.delete(subscription);

    expect(await store.get(subscription.id)).toBeUndefined();
    expect((await store.candidates(materialPartitions('nickel'))).itemsRead).toBe(0);
    expect(ids((await store.candidates(materialPartitions('cobalt'))).candidates)).toEqual([kept.id]);
  });

  it('refuses to delete a subscription that does not exist (409)', async () => {
    await expect(
      store.delete(subscriptionFixture({ filters: { materials: ['manganese'] } })),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('refuses a stale copy (409) instead of leaving the new materials’ index entries behind', async () => {
    const original = subscriptionFixture({ filters: { materials: ['graphite'] } });
    await store.create(original);
    const updated = next(original, { filters: { materials: ['graphite-natural'] } });
    await store.replace(original, updated);

    const error = await store.delete(original).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ kind: 'conflict', type: 'concurrent-update' });
    expect(await store.get(original.id)).toEqual(updated);
    expect(ids((await store.candidates(materialPartitions('graphite-natural'))).candidates)).toEqual([
      original.id,
    ]);

    await store.delete(updated);
    expect(await store.get(original.id)).toBeUndefined();
    expect((await store.candidates(materialPartitions('graphite', 'graphite-natural'))).itemsRead).toBe(0);
  });

  it('refuses a copy read before the webhook was disabled (the version moved on)', async () => {
    const original = subscriptionFixture({ filters: { materials: ['graphite-synthetic'] } });
    await store.create(original);
    await store.disableWebhook(original.id, 'gone');
    await expect(store.delete(original)).rejects.toBeInstanceOf(ConflictError);
    const current = await store.get(original.id);
    if (!current) throw new Error('the subscription is still there');
    await store.delete(current);
    expect((await store.candidates(materialPartitions('graphite-synthetic'))).itemsRead).toBe(0);
  });
});

describe('SubscriptionStore reads', () => {
  it('lists only the given subscriber\u2019s subscriptions', async () => {
    const mine = [
      subscriptionFixture({ subscriberId: 'sbr_list_a', filters: { materials: ['tin'] } }),
      subscriptionFixture({ subscriberId: 'sbr_list_a', filters: { materials: ['copper'] } }),
    ];
    const theirs = subscriptionFixture({ subscriberId: 'sbr_list_b', filters: { materials: ['tin'] } });
    for (const subscription of [...mine, theirs]) await store.create(subscription);

    const listed = await store.listBySubscriber('sbr_list_a');
    expect(listed.map((s) => s.id).sort()).toEqual(mine.map((s) => s.id).sort());
    expect(listed.every((s) => s.subscriberId === 'sbr_list_a')).toBe(true);
    expect(await store.listBySubscriber('sbr_nobody')).toEqual([]);
  });

  it('getOwned answers NotFoundError for another subscriber\u2019s id', async () => {
    const subscription = subscriptionFixture({
      subscriberId: 'sbr_owner',
      filters: { materials: ['barite'] },
    });
    await store.create(subscription);
    expect((await store.getOwned(subscription.id, 'sbr_owner')).id).toBe(subscription.id);
    await expect(store.getOwned(subscription.id, 'sbr_intruder')).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.getOwned('sub_missing', 'sbr_owner')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('candidates reads only the asked partitions: 6 items of dysprosium and *, not all 207', async () => {
    // Its own table, so the counts cannot see other tests' index items.
    const own = (await createTestTable()).subscriptions;
    const gallium = Array.from({ length: 200 }, () =>
      subscriptionFixture({ filters: { materials: ['gallium'] } }),
    );
    const dysprosium = Array.from({ length: 4 }, () =>
      subscriptionFixture({ filters: { materials: ['dysprosium'] } }),
    );
    const everything = subscriptionFixture({ filters: { materials: ['*'] } });
    const both = subscriptionFixture({ filters: { materials: ['gallium', 'dysprosium'] } });
    await forEachLimited([...gallium, ...dysprosium, everything, both], 16, (s) => own.create(s));

    const { candidates, itemsRead } = await own.candidates(materialPartitions('dysprosium', '*'));
    expect(itemsRead).toBe(6);
    expect(ids(candidates)).toEqual(
      ids([...dysprosium, everything, both].map((s) => ({ subscriptionId: s.id }))),
    );

    // Reading gallium too pages through its partition and deduplicates the subscription in both.
    const wide = await own.candidates(materialPartitions('dysprosium', '*', 'gallium'));
    expect(wide.itemsRead).toBe(207);
    expect(wide.candidates).toHaveLength(206);
  });
});

describe('SubscriptionStore.disableWebhook', () => {
  it('disables the webhook with its reason, bumps the version and keeps the rest', async () => {
    const subscription = subscriptionFixture({
      filters: { materials: ['tungsten'] },
      email: ['ops@example.com'],
    });
    await store.create(subscription);
    const now = new Date(T0.getTime() + 60_000);
    await store.disableWebhook(subscription.id, 'endpoint answered 410 Gone', now);

    const stored = await store.get(subscription.id);
    expect(stored?.webhook).toEqual({
      ...subscription.webhook,
      status: 'disabled',
      disabledReason: 'endpoint answered 410 Gone',
    });
    expect(stored?.version).toBe(2);
    expect(stored?.updatedAt).toBe(now.toISOString());
    expect(stored?.email).toEqual(['ops@example.com']);
    expect(stored?.status).toBe('active');
  });

  it('does nothing to a subscription without a webhook, or to one that does not exist', async () => {
    const { webhook: _webhook, ...rest } = subscriptionFixture({ filters: { materials: ['bismuth'] } });
    const smsOnly: Subscription = { ...rest, sms: ['+4915112345678'] };
    await store.create(smsOnly);
    await store.disableWebhook(smsOnly.id, 'gone');
    expect(await store.get(smsOnly.id)).toEqual(smsOnly);

    await store.disableWebhook('sub_does_not_exist', 'gone');
    expect(await store.get('sub_does_not_exist')).toBeUndefined();
  });
});
