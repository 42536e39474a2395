import { runDigests } from '../shared/delivery/digest/digest-run.js';
import type { DeliveryQueue } from '../shared/delivery/queue/delivery-queue.js';
import type { Log } from '../shared/kernel/redaction.js';
import type { Services } from '../shared/wiring/services.js';

/**
 * Local mode's copy of the scheduled digest function: every `intervalMs` (SCHEDULER_INTERVAL), one
 * run at a time, sending the digests whose period has ended through the in-process queue.
 */
export function startLocalDigests(
  services: Services,
  queue: DeliveryQueue,
  log: Log,
  intervalMs: number,
): NodeJS.Timeout {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    runDigests({
      deliveries: services.deliveries,
      subscriptions: services.subscriptions,
      queue,
      clock: services.clock,
      log,
    })
      .catch((error: unknown) => log({ level: 'error', message: 'digest run failed', error: String(error) }))
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return timer;
}
