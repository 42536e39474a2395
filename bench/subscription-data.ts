import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { forEachLimited } from '../shared/kernel/concurrency.js';
import { subscriptionPartitions } from '../shared/matching/match-filters.js';
import type { PolicyChangeInput } from '../shared/model/policy-change.js';
import type { Profile } from '../shared/model/profile.js';
import type { Filters, Subscription, SubscriptionFilters } from '../shared/model/subscription.js';
import { keys } from '../shared/store/keys.js';
import { type SubscriptionStore, subscriptionIndexEntry } from '../shared/store/subscription-store.js';
import type { TableContext } from '../shared/store/table.js';
import { pick, seededRandom } from './support.js';

const CREATED_AT = '2025-06-01T00:00:00.000Z';
export const BENCH_WEBHOOK_SECRET = 'whsec_YmVuY2gtc2VjcmV0LWJlbmNoLXNlY3JldC0wMTIz';

/** The change every matching benchmark matches: China's licence requirement on two heavy rare earths. */
export function benchChange(sourceRef: string, revision = 1): PolicyChangeInput {
  return {
    source: 'bench',
    sourceRef,
    revision,
    title: 'Export licences required for dysprosium and terbium items',
    issuingRegion: 'CN',
    affectedRegions: ['*'],
    materials: ['dysprosium', 'terbium'],
    changeType: 'licence-requirement',
    direction: 'tightening',
    severity: 'high',
  };
}

/** Filters that match `benchChange`: 25 of 500 sit in two of its partitions, 25 in `*`. */
export function matchingFilters(i: number): Filters {
  switch (i % 10) {
    case 0:
    case 1:
      return { materials: ['rare-earths'] };
    case 2:
    case 3:
      return { materials: ['dysprosium'], affectedRegions: ['US', 'EU'] };
    case 4:
      return { materials: ['heavy-rare-earths'], minSeverity: 'medium' };
    case 5:
      return { materials: ['terbium', 'gallium'], issuingRegions: ['CN'] };
    case 6:
      return { materials: ['dysprosium'], hsCodes: ['2846'] };
    case 7:
      return { materials: ['terbium'], changeTypes: ['licence-requirement', 'export-ban'] };
    case 8:
      return { materials: ['rare-earths', 'lithium'], affectedRegions: ['G7'] };
    default:
      return i % 20 === 9
        ? { materials: ['dysprosium', 'terbium'] }
        : { materials: ['*'], changeTypes: ['licence-requirement'] };
  }
}

/** Filters in the change's partitions that fail on another filter (or a paused subscription). */
export function nearMissFilters(i: number): { filters: Filters; status: Subscription['status'] } {
  switch (i % 5) {
    case 0:
      return { filters: { materials: ['rare-earths'], minSeverity: 'critical' }, status: 'active' };
    case 1:
      return { filters: { materials: ['dysprosium'], issuingRegions: ['US'] }, status: 'active' };
    case 2:
      return { filters: { materials: ['terbium'], changeTypes: ['export-ban'] }, status: 'active' };
    case 3:
      return { filters: { materials: ['heavy-rare-earths'], hsCodes: ['8505'] }, status: 'active' };
    default:
      return { filters: { materials: ['rare-earths'] }, status: 'paused' };
  }
}

/** Materials outside the change's partitions (none is a relative of dysprosium or terbium). */
export const OTHER_MATERIALS = [
  'gallium',
  'germanium',
  'cobalt',
  'lithium',
  'nickel',
  'graphite-natural',
  'antimony',
  'tungsten',
  'manganese',
  'rare-earth-magnets',
  'copper',
  'fluorspar',
];
const REGIONS = ['US', 'DE', 'JP', 'KR', 'EU', 'G7', 'IN', 'GB', 'FR', 'QUAD'];

function otherFilters(random: () => number): Filters {
  const first = pick(random, OTHER_MATERIALS);
  const second = pick(random, OTHER_MATERIALS);
  const filters: Filters = { materials: random() < 0.3 && second !== first ? [first, second] : [first] };
  if (random() < 0.5) filters.affectedRegions = [pick(random, REGIONS)];
  if (random() < 0.3) filters.minSeverity = 'high';
  return filters;
}

export const MATCHING = 500;
export const NEAR_MISSES = 100;

/**
 * `total` subscriptions of which the same 500 match `benchChange` and the same 100 sit in its
 * partitions without matching; the rest live in other material partitions.
 */
export function benchSubscriptions(total: number, webhookUrl?: string): Subscription[] {
  const random = seededRandom(total);
  const subscriptions: Subscription[] = [];
  const add = (filters: Filters, status: Subscription['status'] = 'active') =>
    subscriptions.push(benchSubscription(subscriptions.length, filters, { status, webhookUrl }));
  for (let i = 0; i < Math.min(total, MATCHING); i++) add(matchingFilters(i));
  for (let i = 0; i < NEAR_MISSES && subscriptions.length < total; i++) {
    const { filters, status } = nearMissFilters(i);
    add(filters, status);
  }
  while (subscriptions.length < total) add(otherFilters(random));
  return subscriptions;
}

/** Subscription number `n` with a webhook channel (the same id for the same `n` in every table). */
export function benchSubscription(
  n: number,
  filters: SubscriptionFilters,
  options: { status?: Subscription['status']; webhookUrl?: string | undefined; profile?: Profile } = {},
): Subscription {
  return {
    ...(options.profile ? { profile: options.profile } : {}),
    id: `sub_bench${String(n).padStart(12, '0')}`,
    subscriberId: `sbr_bench${String(n % 997).padStart(6, '0')}`,
    name: `Bench subscription ${n}`,
    filters,
    webhook: {
      url: options.webhookUrl ?? 'https://hooks.example.com/alerts',
      secrets: [{ secret: BENCH_WEBHOOK_SECRET, createdAt: CREATED_AT }],
      status: 'enabled',
    },
    status: options.status ?? 'active',
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    version: 1,
  };
}

/**
 * The subscription on `channel` alone: as it is (a webhook), or its webhook swapped for one
 * confirmed phone number (SMS) or one e-mail address with its topic.
 */
export function onChannel(subscription: Subscription, channel: 'webhook' | 'sms' | 'email'): Subscription {
  if (channel === 'webhook') return subscription;
  const { webhook: _webhook, ...rest } = subscription;
  return channel === 'sms'
    ? {
        ...rest,
        sms: ['+15555550100'],
        // Texts go only to numbers that confirmed their code.
        smsConfirmations: { '+15555550100': { status: 'confirmed', confirmedAt: subscription.createdAt } },
      }
    : { ...rest, email: ['alerts@example.com'], emailTopicArn: 'arn:aws:sns:us-east-1:1:t' };
}

/**
 * The items `SubscriptionStore.create` writes for a subscription (its item and one index item per
 * filter material), built with the store's own `keys` and index entry.
 */
export function subscriptionItems(subscription: Subscription): Record<string, unknown>[] {
  const entry = subscriptionIndexEntry(subscription);
  return [
    {
      ...keys.subscription(subscription.id),
      gsi1pk: keys.subscriptionsOf(subscription.subscriberId),
      gsi1sk: subscription.id,
      entity: 'subscription',
      ...subscription,
    },
    ...subscriptionPartitions(subscription.filters).map((partition) => ({
      ...keys.indexEntry(partition, subscription.id),
      entity: 'subscriptionIndex',
      ...entry,
    })),
  ];
}

/** Writes subscriptions with BatchWriteItem, 25 items a request, `concurrency` requests at once. */
export async function bulkLoad(
  table: TableContext,
  subscriptions: readonly Subscription[],
  concurrency = 8,
): Promise<{ items: number }> {
  const items = subscriptions.flatMap(subscriptionItems);
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  await forEachLimited(batches, concurrency, async (batch) => {
    let pending = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === 10) throw new Error(`${pending.length} items still unprocessed after 10 attempts`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      const { UnprocessedItems } = await table.doc.send(
        new BatchWriteCommand({ RequestItems: { [table.tableName]: pending } }),
      );
      pending = (UnprocessedItems?.[table.tableName] ?? []) as typeof pending;
    }
  });
  return { items: items.length };
}

/**
 * Fails when the bulk items no longer look like what `SubscriptionStore.create` writes (the store
 * changed): writes one subscription each way and compares the attribute names of every item.
 */
export async function checkItemShape(table: TableContext, store: SubscriptionStore): Promise<void> {
  const filters: Filters = { materials: ['gallium', 'germanium'], affectedRegions: ['US'] };
  const viaStore = { ...benchSubscription(0, filters), id: 'sub_shapecheck0' };
  const viaBulk = { ...benchSubscription(1, filters), id: 'sub_shapecheck1' };
  await store.create(viaStore);
  await bulkLoad(table, [viaBulk]);
  const shape = async (id: string) => {
    const read = (Key: Record<string, string>) =>
      table.doc.send(new GetCommand({ TableName: table.tableName, Key })).then(({ Item }) => Item);
    const items = await Promise.all([
      read(keys.subscription(id)),
      ...subscriptionPartitions(viaStore.filters).map((partition) => read(keys.indexEntry(partition, id))),
    ]);
    return JSON.stringify(items.map((item) => Object.keys(item ?? {}).sort()));
  };
  const [a, b] = await Promise.all([shape(viaStore.id), shape(viaBulk.id)]);
  if (a !== b) throw new Error(`bulk-written items differ from SubscriptionStore.create's:\n${a}\n${b}`);
}
