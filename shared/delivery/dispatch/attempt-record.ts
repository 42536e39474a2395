/**
 * What an attempt leaves behind: the delivery's new state (when it is retried, or why it died),
 * and the attempt's metrics and log line.
 */
import type { Log } from '../../kernel/redaction.js';
import { type DeliveryInHand, payloadIngestedAt } from '../../model/delivery.js';
import type { AttemptOutcome } from '../retry/attempt-outcome.js';
import type { AttemptMade, Content } from './channel-attempt.js';
import type { DispatcherDeps, DispatchResult } from './dispatch-deps.js';

/**
 * Records the attempt on the delivery as the attempt number it expects: how long it waited for its
 * endpoint's rate limit or circuit, and when the next attempt is due. Answers that time, if there
 * is one, and whether another attempt was recorded first (this one is then kept as an extra).
 */
export async function recordOutcome(
  deps: DispatcherDeps,
  delivery: DeliveryInHand,
  made: AttemptMade,
  timing: { claimedAt: Date; attemptAt: Date; paceWaitMs: number },
): Promise<{ nextAttemptAt?: string; extra: boolean }> {
  const { attempt, outcome } = made;
  if (timing.paceWaitMs > 0) attempt.rateLimitWaitMs = timing.paceWaitMs;
  if (delivery.heldBy)
    attempt.circuitWaitMs = Math.max(0, timing.claimedAt.getTime() - Date.parse(delivery.heldBy.since));
  const nextAttemptAt =
    outcome.retryInMs !== undefined
      ? new Date(timing.attemptAt.getTime() + outcome.retryInMs).toISOString()
      : undefined;
  const recorded = await deps.deliveries.recordCountedAttempt(
    delivery,
    attempt,
    {
      status: outcome.status,
      ...(nextAttemptAt ? { nextAttemptAt } : {}),
      ...(outcome.deadReason ? { deadReason: outcome.deadReason } : {}),
    },
    delivery.attempts.length,
  );
  return { ...(nextAttemptAt ? { nextAttemptAt } : {}), extra: recorded.kind === 'extra' };
}

/** What the queue does with the message after the attempt: show it again when retried. */
export function resultOf(outcome: AttemptOutcome): DispatchResult {
  if (outcome.retryInMs !== undefined) return { kind: 'retry', delayMs: outcome.retryInMs };
  return outcome.deadReason ? { kind: 'done', deadReason: outcome.deadReason } : { kind: 'done' };
}

/**
 * One attempt's metrics and log line: delivered at info, a failure that will be retried at warn
 * with its reason, a dead delivery at error.
 */
export function reportAttempt(
  deps: DispatcherDeps,
  log: Log,
  delivery: DeliveryInHand,
  content: Content,
  { attempt, outcome }: AttemptMade,
  nextAttemptAt: string | undefined,
): void {
  const channel = { Channel: delivery.channel };
  deps.metrics?.record('AttemptLatency', attempt.durationMs, channel);
  const detail = {
    attempt: delivery.attempts.length + 1,
    durationMs: attempt.durationMs,
    ...(attempt.statusCode !== undefined ? { statusCode: attempt.statusCode } : {}),
  };
  const reason =
    attempt.error ?? (attempt.statusCode !== undefined ? `HTTP ${attempt.statusCode}` : 'failed');
  if (outcome.status === 'delivered') {
    deps.metrics?.record('DeliveriesDelivered', 1, channel);
    const ingestedAt = ingestedAtOf(content);
    if (ingestedAt !== undefined) {
      const deliveredAt = Date.parse(attempt.at) + attempt.durationMs;
      deps.metrics?.record('IngestToDeliveryLatency', Math.max(0, deliveredAt - ingestedAt), channel);
    }
    log({ level: 'info', message: 'delivery delivered', ...detail });
  } else if (outcome.status === 'dead') {
    deps.metrics?.record('DeliveriesDead', 1, channel);
    log({ level: 'error', message: 'delivery dead', ...detail, reason, deadReason: outcome.deadReason });
  } else {
    deps.metrics?.record('DeliveriesFailed', 1, channel);
    log({ level: 'warn', message: 'delivery attempt failed', ...detail, reason, nextAttemptAt });
  }
}

/** When the alert's policy change was ingested: from the payload, or as the message says. */
function ingestedAtOf(content: Content): number | undefined {
  const at = content.payload !== undefined ? payloadIngestedAt(content.payload) : content.ingestedAt;
  return at !== undefined && !Number.isNaN(Date.parse(at)) ? Date.parse(at) : undefined;
}
