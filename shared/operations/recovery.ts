import type { DeliveryMessage, DeliveryQueue } from '../delivery/queue/delivery-queue.js';
import type { Log } from '../kernel/redaction.js';
import { type MatcherDeps, matchPolicyChange } from '../matching/matcher.js';
import type { DeliveryStore } from '../store/delivery-store.js';

export interface RecoveryDeps {
  matcher: MatcherDeps;
  deliveries: DeliveryStore;
  queue: DeliveryQueue;
  clock: () => Date;
  log?: Log;
  /**
   * Whether the delivery is known to be waiting in the queue or in a dispatcher's hands (local
   * mode's queue knows exactly); such deliveries are backlog, not stuck, and are left alone.
   */
  isQueued?: (deliveryId: string) => boolean;
  /** Whether this process is matching the revision now (local mode knows): not stuck, left alone. */
  isMatching?: (policyChangeId: string, revision: number) => boolean;
}

export interface RecoveryReport {
  rematched: number;
  requeued: number;
  /** Overdue deliveries left alone because the queue still holds them. */
  stillQueued: number;
}

/**
 * Finds work that a crash or a lost message left behind and starts it again: revisions whose
 * matching never completed (run the matcher again; it creates nothing twice) and deliveries that
 * were due more than `graceMs` ago without being attempted (enqueue them; the dispatcher's lease
 * keeps a delivery that is in fact in flight from being sent twice at once). With
 * `includeFuture`, deliveries waiting for a later retry are enqueued too, delayed until due: what
 * a restarted process needs, its in-memory queue being gone.
 *
 * @example
 * await recoverStuckWork(deps, { graceMs: 120_000 });
 */
export async function recoverStuckWork(
  deps: RecoveryDeps,
  options: { graceMs: number; includeFuture?: boolean },
): Promise<RecoveryReport> {
  const now = deps.clock();
  const cutoff = new Date(now.getTime() - options.graceMs).toISOString();
  const report: RecoveryReport = { rematched: 0, requeued: 0, stillQueued: 0 };

  for (const pending of await deps.matcher.changes.pendingMatching(cutoff)) {
    if (deps.isMatching?.(pending.policyChangeId, pending.revision)) continue;
    try {
      await matchPolicyChange(deps.matcher, pending);
      report.rematched += 1;
    } catch (error) {
      deps.log?.({
        level: 'error',
        message: 'recovery: matching failed again',
        ...pending,
        error: String(error),
      });
    }
  }

  const dueBefore = options.includeFuture ? new Date(now.getTime() + 366 * 86_400_000).toISOString() : cutoff;
  const found = await deps.deliveries.dueDeliveries(dueBefore, 10_000);
  const due = deps.isQueued ? found.filter(({ deliveryId }) => !deps.isQueued?.(deliveryId)) : found;
  report.stillQueued = found.length - due.length;
  const byDelay = new Map<number, DeliveryMessage[]>();
  for (const { dueAt, ...ref } of due) {
    // After a restart everything goes to the queue now: a delivery whose retry is later waits
    // in the dispatcher for its time (its claim honours nextAttemptAt), whatever the index says.
    const delay = options.includeFuture ? 0 : Math.max(0, Date.parse(dueAt) - now.getTime());
    const group = byDelay.get(delay) ?? [];
    group.push(ref);
    byDelay.set(delay, group);
  }
  for (const [delay, messages] of byDelay) {
    for (let start = 0; start < messages.length; start += 10) {
      await deps.queue.enqueue(messages.slice(start, start + 10), delay);
    }
  }
  report.requeued = due.length;
  return report;
}
