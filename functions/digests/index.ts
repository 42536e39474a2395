import type { Context, ScheduledEvent } from 'aws-lambda';
import { runDigests } from '../../shared/delivery/digest/digest-run.js';
import { awsClients, awsServices, lambdaHandler, powertoolsLog } from '../../shared/wiring/aws.js';
import { loadConfig } from '../../shared/wiring/config.js';
import { traced } from '../../shared/wiring/tracing.js';

const config = loadConfig(process.env, { local: false });
const services = awsServices(config, awsClients(config, traced));
const log = powertoolsLog();
const deps = {
  deliveries: services.deliveries,
  subscriptions: services.subscriptions,
  queue: services.queue,
  clock: services.clock,
  log,
};

/**
 * Runs on a schedule (EventBridge): sends every digest whose period has ended, covering from where
 * each subscription's last digest stopped, so a missed run is made up by the next.
 */
const run = lambdaHandler(services.metrics, async (_event?: ScheduledEvent, _context?: Context) => {
  const summary = await runDigests(deps);
  log({ message: 'digest run', ...summary });
  return summary;
});

export const handler = (event?: ScheduledEvent, context?: Context) => run(event, context);
