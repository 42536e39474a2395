import { advanceLifecycles, type LifecycleRefresh } from '../policy/refresh.js';
import { type RecoveryDeps, type RecoveryReport, recoverStuckWork } from './recovery.js';
import { type ReminderReport, sendDueReminders } from './reminders.js';

/** What the run needs: the recovery sweep's dependencies (their matcher also serves the rest). */
export type SchedulerRunDeps = RecoveryDeps;

/** RECOVERY_GRACE and REMINDER_LEAD_DAYS, as `Config` carries them. */
export interface SchedulerSettings {
  recoveryGraceMs: number;
  reminderLeadDays: number;
}

export interface SchedulerRunReport {
  recovered: RecoveryReport;
  reminders: ReminderReport['sent'];
  statusChanges: LifecycleRefresh[];
}

export interface SchedulerRunOptions {
  /**
   * A process starting over: everything unfinished is enqueued at once, future retries included,
   * since the in-memory queue died with the process before it.
   */
  startup?: boolean;
  /** Told of the recovery as soon as it is done: what follows may still fail. */
  onRecovered?: (report: RecoveryReport) => void;
  /** Told of the reminders sent as soon as they are: the status changes may still fail. */
  onReminded?: (sent: ReminderReport['sent']) => void;
}

/** One run of the scheduler; runs must not overlap (EventBridge or the local timer sees to it). */
export type SchedulerRun = (options?: SchedulerRunOptions) => Promise<SchedulerRunReport>;

/**
 * The scheduler's work, the same on Lambda and in local mode: restart work a crash or a lost
 * message left behind, send the effective-soon and expiring-soon reminders that are due, then move
 * every change whose status changes now (a suspension ends, a revocation takes effect) and tell
 * its subscribers.
 *
 * @example
 * const run = schedulerRun({ matcher, deliveries, queue, clock, log }, config);
 * const { recovered, reminders, statusChanges } = await run();
 */
export function schedulerRun(deps: SchedulerRunDeps, settings: SchedulerSettings): SchedulerRun {
  return async ({ startup = false, onRecovered, onReminded } = {}) => {
    const recovered = await recoverStuckWork(deps, {
      graceMs: startup ? 0 : settings.recoveryGraceMs,
      includeFuture: startup,
    });
    onRecovered?.(recovered);
    const reminders = await sendDueReminders(deps.matcher, {
      now: deps.clock(),
      leadDays: settings.reminderLeadDays,
    });
    onReminded?.(reminders.sent);
    const statusChanges = await advanceLifecycles(deps.matcher);
    return { recovered, reminders: reminders.sent, statusChanges };
  };
}
