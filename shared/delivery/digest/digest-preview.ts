/**
 * What a subscription's next digest would hold if it were sent now, and when it goes: for the
 * console's preview. Reads what the run reads (the cursor and the gathered alerts), writes nothing.
 */
import { lastDigestAt, nextDigestAt } from '../../model/digest-schedule.js';
import type { Subscription } from '../../model/subscription.js';
import type { DeliveryStore } from '../../store/delivery-store.js';
import { digestItems } from './digest-content.js';
import { gatheredAlerts } from './digest-run.js';

/** The next digest: when it is due, since when it gathers, and the changes gathered so far. */
export interface DigestPreview {
  /** The scheduled instant it is sent at (a few minutes after, once the period's alerts are written). */
  nextAt?: string;
  /** The end of the previous digest's period; absent before the first. */
  from?: string;
  items: { policyChangeId: string; title: string; events: { type: string; timestamp: string }[] }[];
}

/**
 * The preview of a subscription's next digest; empty (no `nextAt`) without a digest.
 *
 * @example
 * const { nextAt, items } = await previewDigest({ deliveries, clock }, subscription);
 */
export async function previewDigest(
  deps: { deliveries: DeliveryStore; clock: () => Date },
  subscription: Subscription,
): Promise<DigestPreview> {
  const { digest } = subscription;
  if (!digest) return { items: [] };
  const now = deps.clock();
  const from = await deps.deliveries.digests.coveredUntil(subscription.id);
  // A period that has ended but is not sent yet (the run comes a few minutes later) is still next.
  const due = lastDigestAt(digest, now);
  const nextAt = (from ?? subscription.createdAt) < due.toISOString() ? due : nextDigestAt(digest, now);
  const gathered = await gatheredAlerts(deps.deliveries, subscription.id, from, now.toISOString());
  return {
    nextAt: nextAt.toISOString(),
    ...(from ? { from } : {}),
    items: digestItems(gathered).map((item) => ({
      policyChangeId: item.policyChangeId,
      title: String(
        (item.latest.policyChange as { title?: unknown } | undefined)?.title ?? item.policyChangeId,
      ),
      events: item.events.map(({ type, timestamp }) => ({ type, timestamp })),
    })),
  };
}
