import { type MatcherDeps, notifyStatusChange } from '../matching/matcher.js';
import { isAnnouncedTransition } from '../model/lifecycle.js';
import type { Status } from '../model/policy-change.js';
import { lifecycleNode } from '../store/policy-change-store.js';

export interface LifecycleRefresh {
  policyChangeId: string;
  from: Status;
  to: Status;
  /** Subscriptions told of the transition (0 when it is not one subscribers hear about). */
  alerted: number;
  /** Left for a later run: another was still writing some of the alerts (nothing was written). */
  deferred?: true;
}

/**
 * Recomputes a change's status from its dates and the stored relations and writes it. A transition
 * subscribers hear about (suspended, resumed, revoked, superseded) is alerted before the status is
 * written, with an alert id per transition: a crash between the two, or two runs at once, alert
 * once. A status that was already right is left alone.
 *
 * @example
 * await refreshLifecycle(matcherDeps, 'pc_…'); // { from: 'in-force', to: 'suspended', alerted: 12 }
 */
export async function refreshLifecycle(
  deps: MatcherDeps,
  policyChangeId: string,
): Promise<LifecycleRefresh | undefined> {
  const head = await deps.changes.getHead(policyChangeId);
  if (!head) return undefined;
  const lifecycle = await deps.changes.lifecycleOf(
    lifecycleNode(head.change),
    head.source,
    head.sourceRef,
    deps.clock(),
  );
  let alerted = 0;
  if (isAnnouncedTransition(head.status, lifecycle.status)) {
    const current = lifecycle.statusHistory.at(-1);
    const cause = current?.causedBy ? await deps.changes.getHead(current.causedBy) : undefined;
    const report = await notifyStatusChange(deps, {
      policyChangeId,
      statusChange: {
        from: head.status,
        to: lifecycle.status,
        at: current?.from ?? deps.clock().toISOString(),
        ...(cause ? { causedBy: { id: cause.id, title: cause.change.title } } : {}),
      },
      lifecycle: { status: lifecycle.status, statusHistory: lifecycle.statusHistory },
    });
    alerted = report.matched;
    // Another run is still writing some of these alerts: the status stays as it was, so the
    // transition is still due and the next run finishes what that one leaves.
    if (report.alertsDeferred)
      return { policyChangeId, from: head.status, to: lifecycle.status, alerted, deferred: true };
  }
  const unchanged =
    head.status === lifecycle.status &&
    head.nextTransitionAt === lifecycle.nextTransitionAt &&
    JSON.stringify(head.statusHistory) === JSON.stringify(lifecycle.statusHistory);
  if (!unchanged) await deps.changes.updateLifecycle(head, lifecycle);
  return { policyChangeId, from: head.status, to: lifecycle.status, alerted };
}

/**
 * The scheduler's part: every change whose next transition is due gets its status recomputed
 * (and its subscribers told). Runs in pages until nothing due is left.
 */
export async function advanceLifecycles(deps: MatcherDeps): Promise<LifecycleRefresh[]> {
  const done: LifecycleRefresh[] = [];
  const seen = new Set<string>();
  for (let round = 0; round < 100; round++) {
    const due = (await deps.changes.lifecyclesDue(deps.clock())).filter((id) => !seen.has(id));
    if (due.length === 0) break;
    for (const id of due) {
      seen.add(id);
      const refreshed = await refreshLifecycle(deps, id);
      if (refreshed) done.push(refreshed);
    }
  }
  return done;
}

/** Refreshes the changes a new revision names in its relations (the matcher's `onRelationsChanged`). */
export function refreshRelated(deps: () => MatcherDeps): (ids: string[]) => Promise<void> {
  return async (ids) => {
    for (const id of ids) await refreshLifecycle(deps(), id);
  };
}
