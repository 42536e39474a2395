import type { Context, ScheduledEvent } from 'aws-lambda';
import { schedulerRun } from '../../shared/operations/scheduler-run.js';
import { awsClients, awsServices, lambdaHandler, powertoolsLog } from '../../shared/wiring/aws.js';
import { loadConfig } from '../../shared/wiring/config.js';
import { matcherDeps } from '../../shared/wiring/services.js';
import { traced } from '../../shared/wiring/tracing.js';

const config = loadConfig(process.env, { local: false });
const services = awsServices(config, awsClients(config, traced));
const log = powertoolsLog();
const runScheduler = schedulerRun(
  {
    matcher: matcherDeps(services),
    deliveries: services.deliveries,
    queue: services.queue,
    clock: services.clock,
    log,
  },
  config,
);

/**
 * Runs on a schedule (EventBridge): restarts work a crash or a lost message left behind, then
 * sends the effective-soon and expiring-soon reminders that are due, then moves every change whose
 * status changes now (a suspension ends, a revocation takes effect) and tells its subscribers.
 */
const run = lambdaHandler(
  services.metrics,
  async (
    _event?: ScheduledEvent,
    _context?: Context,
  ): Promise<{ rematched: number; requeued: number; reminders: number; statusChanges: number }> => {
    const { recovered, reminders, statusChanges } = await runScheduler();
    const summary = { ...recovered, reminders: reminders.length, statusChanges: statusChanges.length };
    log({ message: 'scheduler run', ...summary });
    return summary;
  },
);

export const handler = (event?: ScheduledEvent, context?: Context) => run(event, context);
