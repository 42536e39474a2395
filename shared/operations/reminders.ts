import { type MatcherDeps, type MatchReport, matchPolicyChange } from '../matching/matcher.js';
import { utcDay } from '../store/policy-change-store.js';

/** 7 days by default: a one-year suspension about to end is worth a week's notice. */
export const DEFAULT_REMINDER_LEAD_DAYS = 7;

const DAY_MS = 86_400_000;

export interface ReminderReport {
  checked: number;
  sent: MatchReport[];
}

/**
 * Sends `policy_change.effective_soon` and `policy_change.expiring_soon` for changes whose date
 * falls within the lead time and has not passed. Exactly once per change revision and
 * subscription: the alert id is derived from both and written only if absent, and a reminder
 * whose alerts were all written is marked and skipped by later runs. A late run still sends what
 * is still ahead; a date already passed is not announced as "soon".
 *
 * @example
 * await sendDueReminders(matcherDeps, { now: new Date(), leadDays: 7 });
 */
export async function sendDueReminders(
  deps: MatcherDeps,
  options: { now: Date; leadDays: number },
): Promise<ReminderReport> {
  const { now, leadDays } = options;
  const leadMs = leadDays * DAY_MS;
  const report: ReminderReport = { checked: 0, sent: [] };
  for (let offset = 0; offset <= leadDays; offset++) {
    const day = utcDay(new Date(now.getTime() + offset * DAY_MS));
    for (const reminder of await deps.changes.remindersOn(day)) {
      report.checked += 1;
      if (reminder.remindedAt) continue;
      const at = Date.parse(reminder.at);
      if (at <= now.getTime() || at - leadMs > now.getTime()) continue;
      // Only the latest revision speaks for the change: an older one's dates may have been corrected.
      const latest = await deps.changes.getLatest(reminder.policyChangeId);
      if (!latest || latest.revision !== reminder.revision) continue;
      const type =
        reminder.kind === 'effective' ? 'policy_change.effective_soon' : 'policy_change.expiring_soon';
      const sent = await matchPolicyChange(deps, {
        policyChangeId: reminder.policyChangeId,
        revision: reminder.revision,
        type,
      });
      report.sent.push(sent);
      // Another run is still writing some of these alerts: left unmarked, for the next run to finish.
      if (!sent.alertsDeferred) await deps.changes.markReminded(reminder, now);
    }
  }
  return report;
}
