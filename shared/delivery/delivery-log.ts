/**
 * The delivery log as people read it: a subscriber's deliveries across its subscriptions (or
 * one), filtered, each naming the policy change it was about and why it matched.
 */
import * as z from 'zod';
import { NotFoundError, ValidationError } from '../kernel/errors.js';
import {
  type Delivery,
  type DeliveryView,
  type MatchExplanation,
  publicDelivery,
} from '../model/delivery.js';
import type { Subscription } from '../model/subscription.js';
import type { DeliverySearch } from '../store/delivery-search.js';
import type { DeliveryStore } from '../store/delivery-store.js';
import type { SubscriptionStore } from '../store/subscription-store.js';
import { type EndpointHealth, endpointHealth } from './endpoint/endpoint-health.js';

export interface DeliveryLogDeps {
  deliveries: DeliveryStore;
  subscriptions: SubscriptionStore;
}

/** Whose log, and which part of it. */
export interface DeliveryLogQuery extends DeliverySearch {
  /** One subscription only. */
  subscriptionId?: string;
  /** An administrator's look at one subscriber's log. */
  subscriberId?: string;
}

export type ChangeSummary = z.infer<typeof ChangeSummarySchema>;

export type DeliveryLogEntry = DeliveryView & {
  policyChange?: ChangeSummary;
  match?: MatchExplanation;
};

/** The change a delivery was about, as its alert carried it (the log's `policyChange`). */
export const ChangeSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string().optional(),
  severity: z.string().optional(),
  changeType: z.string().optional(),
});

/** The part of the signed body the log reads back; anything else in it is ignored. */
const PayloadSchema = z.object({ data: z.object({ policyChange: ChangeSummarySchema.optional() }) });

/**
 * A page of the log. A subscriber reads its own subscriptions (another's id answers 404); an
 * administrator names a subscriber or a subscription.
 */
export async function readDeliveryLog(
  deps: DeliveryLogDeps,
  /** The caller's subscriber id; undefined for an administrator. */
  owner: string | undefined,
  query: DeliveryLogQuery,
): Promise<{ items: DeliveryLogEntry[]; nextCursor?: string }> {
  if (query.from !== undefined && query.to !== undefined && query.to <= query.from) {
    throw new ValidationError('the time range is empty', [
      { field: 'query.to', message: 'must be later than from' },
    ]);
  }
  const subscriptionIds = await subscriptionsInView(deps, owner, query);
  if (subscriptionIds.length === 0) return { items: [] };
  const page = await deps.deliveries.search(subscriptionIds, query);
  return { ...page, items: await withChanges(deps, page.items) };
}

async function subscriptionsInView(
  deps: DeliveryLogDeps,
  owner: string | undefined,
  query: DeliveryLogQuery,
): Promise<string[]> {
  if (query.subscriptionId !== undefined) {
    const subscription = await deps.subscriptions.getOwned(query.subscriptionId, owner);
    if (query.subscriberId !== undefined && subscription.subscriberId !== query.subscriberId)
      throw new NotFoundError(`subscription ${query.subscriptionId}`);
    return [subscription.id];
  }
  const subscriberId = owner ?? query.subscriberId;
  if (subscriberId === undefined) {
    throw new ValidationError('name whose deliveries to list', [
      { field: 'query.subscriberId', message: 'an administrator names a subscriberId or a subscriptionId' },
    ]);
  }
  if (owner !== undefined && query.subscriberId !== undefined && query.subscriberId !== owner) {
    throw new NotFoundError(`subscriber ${query.subscriberId}`);
  }
  return (await deps.subscriptions.listBySubscriber(subscriberId)).map((subscription) => subscription.id);
}

/** The alerts of `deliveries`, by alert id (batched reads; an expired one is absent). */
function alertsOf(deps: Pick<DeliveryLogDeps, 'deliveries'>, deliveries: readonly Delivery[]) {
  return deps.deliveries.getAlerts(deliveries.map((d) => d.alertId));
}

/** Deliveries as the API shows them, each webhook attempt with the body its alert sent. */
export async function deliveryViews(
  deps: Pick<DeliveryLogDeps, 'deliveries'>,
  deliveries: readonly Delivery[],
): Promise<DeliveryView[]> {
  const alerts = await alertsOf(deps, deliveries);
  return deliveries.map((delivery) => publicDelivery(delivery, alerts.get(delivery.alertId)?.payload));
}

/** Each delivery with its change, match and sent body, read from its alert. */
async function withChanges(
  deps: DeliveryLogDeps,
  deliveries: readonly Delivery[],
): Promise<DeliveryLogEntry[]> {
  const alerts = await alertsOf(deps, deliveries);
  return deliveries.map((delivery) => {
    const alert = alerts.get(delivery.alertId);
    const entry: DeliveryLogEntry = publicDelivery(delivery, alert?.payload);
    if (!alert) return entry;
    const change = changeOf(alert.payload);
    return { ...entry, ...(change ? { policyChange: change } : {}), match: alert.match };
  });
}

function changeOf(payload: string): ChangeSummary | undefined {
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return undefined;
  }
  return PayloadSchema.safeParse(body).data?.data.policyChange;
}

/** Deliveries read for an endpoint's health: the newest 1000 of the window. */
const HEALTH_PAGES = 10;
/** A retry can land a day or more after its delivery was made: older deliveries are read too. */
const HEALTH_LOOKBACK_MS = 8 * 86_400_000;

/**
 * The webhook's health from the subscription's own deliveries (its partition, never a Scan);
 * undefined when the subscription has no webhook.
 */
export async function readEndpointHealth(
  deps: Pick<DeliveryLogDeps, 'deliveries'>,
  subscription: Subscription,
  now: Date,
  defaultRateLimit: number,
): Promise<EndpointHealth | undefined> {
  if (!subscription.webhook) return undefined;
  const from = new Date(now.getTime() - HEALTH_LOOKBACK_MS).toISOString();
  const deliveries: Delivery[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < HEALTH_PAGES; page++) {
    const read = await deps.deliveries.search([subscription.id], {
      channel: 'webhook',
      from,
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    deliveries.push(...read.items);
    cursor = read.nextCursor;
    if (!cursor) break;
  }
  const health = endpointHealth(subscription, deliveries, now, defaultRateLimit);
  return health && cursor ? { ...health, partial: true } : health;
}
