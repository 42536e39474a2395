import type { Log } from '../shared/kernel/redaction.js';
import type { SchedulerRun } from '../shared/operations/scheduler-run.js';

/**
 * The scheduler's work in-process, as EventBridge runs it on Lambda: once at start, where
 * everything unfinished is picked up at once (the in-memory queue died with the old process), then
 * stuck work and reminders every SCHEDULER_INTERVAL. Runs never overlap.
 */
export class LocalScheduler {
  /** The last recovery's report and when it ran (`GET /v1/admin/stats`). */
  lastRecovery: Record<string, unknown> | undefined;
  /** The periodic sweeps since start: how much they found overdue and how much they queued again. */
  readonly sweeps = { runs: 0, requeued: 0, stillQueued: 0 };
  /** The run made at start; resolved once it is over, whatever its outcome. */
  startupRun: Promise<void> = Promise.resolve();
  /** The run under way, or the last one. */
  current: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly run: SchedulerRun,
    private readonly options: { clock: () => Date; log: Log; intervalMs: number },
  ) {}

  start(): void {
    // Not awaited: the API answers while a restarted process catches up.
    this.current = this.runOnce(true);
    this.startupRun = this.current;
    let busy = true;
    void this.current.finally(() => (busy = false));
    this.timer = setInterval(() => {
      if (busy) return;
      busy = true;
      this.current = this.runOnce(false).finally(() => (busy = false));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  /** No further runs; the one under way (`current`) goes on. */
  halt(): void {
    clearInterval(this.timer);
  }

  private async runOnce(startup: boolean): Promise<void> {
    const { clock, log } = this.options;
    try {
      const { statusChanges } = await this.run({
        startup,
        onRecovered: (recovered) => {
          if (recovered.rematched + recovered.requeued > 0)
            log({ level: 'info', message: 'recovered work', ...recovered });
          this.lastRecovery = { at: clock().toISOString(), ...recovered };
          if (!startup) {
            this.sweeps.runs += 1;
            this.sweeps.requeued += recovered.requeued;
            this.sweeps.stillQueued += recovered.stillQueued;
          }
        },
        onReminded: (sent) => {
          if (sent.length > 0) log({ level: 'info', message: 'reminders sent', count: sent.length });
        },
      });
      if (statusChanges.length > 0)
        log({
          level: 'info',
          message: 'status changes',
          changes: statusChanges.map((l) => `${l.policyChangeId} ${l.from}->${l.to}`),
        });
    } catch (error) {
      log({ level: 'error', message: 'scheduler run failed', error: String(error) });
    }
  }
}
