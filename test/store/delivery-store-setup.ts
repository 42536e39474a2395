import { beforeAll } from 'vitest';
import { newId } from '../../shared/kernel/ids.js';
import { buildAlert } from '../../shared/matching/build-alert.js';
import type { Alert, DeliveryAttempt } from '../../shared/model/delivery.js';
import type { DeliveryStore } from '../../shared/store/delivery-store.js';
import { createTestTable } from '../support/dynamodb.js';
import { policyChangeFixture, T0 } from './fixtures.js';

/** What the delivery store tests share: the store on a table of their own, alerts and attempts. */

// Live binding: set by the beforeAll that useDeliveryStore registers. One table per file; every
// test builds alerts for its own subscription id.
export let store: DeliveryStore;

export function useDeliveryStore(): void {
  beforeAll(async () => {
    // The fixtures are dated 2024 and 2025: the store reads as of a day before all of them, so none
    // has expired (retention tests use their own clock).
    store = (await createTestTable({ clock: () => new Date('2023-12-31T00:00:00.000Z') })).deliveries;
  });
}

export function alertFixture(
  options: { subscriptionId?: string; revision?: number; now?: Date } = {},
): Alert {
  return buildAlert({
    change: policyChangeFixture({ revision: options.revision ?? 1 }),
    subscriptionId: options.subscriptionId ?? newId('sub'),
    subscriberId: 'sbr_acme',
    type: 'policy_change.published',
    match: { materials: [{ change: 'dysprosium', filter: 'rare-earths' }] },
    now: options.now ?? T0,
  });
}

export function attempt(seconds: number, statusCode?: number, error?: string): DeliveryAttempt {
  return {
    at: new Date(T0.getTime() + seconds * 1000).toISOString(),
    durationMs: 42,
    ...(statusCode !== undefined ? { statusCode } : {}),
    ...(error ? { error } : {}),
  };
}

export const idsOf = (deliveries: { id: string }[]) => deliveries.map((d) => d.id).sort();

/** The open-work index seen from `dueBefore`, narrowed to the given deliveries. */
export async function dueAmong(ids: readonly string[], dueBefore: Date) {
  const wanted = new Set(ids);
  return (await store.dueDeliveries(dueBefore.toISOString()))
    .filter((d) => wanted.has(d.deliveryId))
    .map(({ deliveryId, dueAt }) => ({ deliveryId, dueAt }));
}

export const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
