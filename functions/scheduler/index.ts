import { loadConfig } from '../../shared/config.js';
import { awsServices, powertoolsLog } from '../../shared/runtime/aws.js';
import { matcherDeps } from '../../shared/runtime/services.js';
import { recoverStuckWork } from '../../shared/scheduling/recovery.js';
import { sendDueReminders } from '../../shared/scheduling/reminders.js';

const config = loadConfig(process.env, { local: false });
const services = awsServices(config);
const log = powertoolsLog();

/**
 * Runs on a schedule (EventBridge): restarts work a crash or a lost message left behind, then
 * sends the effective-soon and expiring-soon reminders that are due.
 */
export const handler = async (): Promise<{ rematched: number; requeued: number; reminders: number }> => {
  const matcher = matcherDeps(services);
  const recovered = await recoverStuckWork(
    { matcher, deliveries: services.deliveries, queue: services.queue, clock: services.clock, log },
    { graceMs: config.recoveryGraceMs },
  );
  const reminders = await sendDueReminders(matcher, {
    now: services.clock(),
    leadDays: config.reminderLeadDays,
  });
  const summary = { ...recovered, reminders: reminders.sent.length };
  log({ message: 'scheduler run', ...summary });
  return summary;
};
