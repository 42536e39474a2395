import { ChangeMessageVisibilityCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import * as z from 'zod';
import type { DeliveryStore } from '../../store/delivery-store.js';
import type { DispatcherDeps, DispatchResult } from '../dispatcher.js';
import type { DeliveryMessage } from './delivery-queue.js';

/** A delivery message as the matcher, replays and the sweep write it (see `DeliveryMessage`). */
const DeliveryMessageSchema = z.object({
  deliveryId: z.string().min(1).max(200),
  subscriptionId: z.string().min(1).max(200).optional(),
  createdAt: z.string().min(1).max(40).optional(),
  subscriptionVersion: z.number().int().min(0).optional(),
  // SQS takes 256 KiB a message; the body is what is signed, so it is kept whole.
  payload: z.string().max(250_000).optional(),
  text: z.object({ subject: z.string(), short: z.string(), long: z.string() }).optional(),
  ingestedAt: z.string().max(40).optional(),
  firstAttempt: z.literal(true).optional(),
  policyChangeId: z.string().min(1).max(200).optional(),
  revision: z.number().int().min(1).optional(),
  endpointGroup: z.string().min(1).max(128).optional(),
});

/** SQS caps a message's visibility timeout at 12 hours. */
export const MAX_VISIBILITY_SECONDS = 12 * 60 * 60;

/** Raised to tell the batch processor to leave a message on the queue for a later attempt. */
export class RetryLaterError extends Error {
  constructor(
    readonly deliveryId: string,
    readonly delayMs: number,
  ) {
    super(`delivery ${deliveryId} is retried in ${delayMs} ms`);
    this.name = 'RetryLaterError';
  }
}

export function parseDeliveryMessage(body: string): DeliveryMessage {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new Error('delivery message is not JSON', { cause: error });
  }
  return DeliveryMessageSchema.parse(value);
}

/**
 * Maps a dispatch result onto the SQS message: done is acknowledged (the batch processor deletes
 * it); a retry sets the message's visibility to the wait and reports it failed, so SQS shows it
 * again then. The wait is the queue's, not a sleeping function's.
 */
export async function settleSqsMessage(
  sqs: SQSClient,
  queues: { queueUrl: string; deadLetterQueueUrl?: string },
  receiptHandle: string,
  deliveryId: string,
  result: DispatchResult,
): Promise<void> {
  if (result.kind === 'done') {
    // A delivery that died goes to the dead-letter queue as well, with its reason, for operators;
    // the delivery record (status dead) is what replays start from.
    if (result.deadReason && queues.deadLetterQueueUrl) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queues.deadLetterQueueUrl,
          MessageBody: JSON.stringify({ deliveryId, reason: result.deadReason }),
          MessageAttributes: { reason: { DataType: 'String', StringValue: result.deadReason.slice(0, 256) } },
        }),
      );
    }
    return;
  }
  const queueUrl = queues.queueUrl;
  const seconds = Math.min(MAX_VISIBILITY_SECONDS, Math.max(0, Math.ceil(result.delayMs / 1000)));
  await sqs.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: queueUrl,
      ReceiptHandle: receiptHandle,
      VisibilityTimeout: seconds,
    }),
  );
  throw new RetryLaterError(deliveryId, result.delayMs);
}

/**
 * Reads the subscriptions a batch of messages names in one BatchGetItem (those not cached). A
 * message that cannot be parsed is skipped here and fails on its own later.
 */
export async function prefetchSubscriptions(deps: DispatcherDeps, bodies: readonly string[]): Promise<void> {
  const wanted = bodies.flatMap((body) => {
    try {
      const message = parseDeliveryMessage(body);
      return message.subscriptionId
        ? [{ id: message.subscriptionId, minVersion: message.subscriptionVersion }]
        : [];
    } catch {
      return [];
    }
  });
  try {
    await deps.subscriptionCache?.prefetch(wanted);
  } catch (error) {
    // Only an optimisation: each message reads its subscription itself.
    deps.log?.({ level: 'warn', message: 'subscription prefetch failed', error: String(error) });
  }
}

/**
 * A message seen again may be one whose dead-letter copy failed: the delivery died on the earlier
 * receive, so the dispatcher now reports it done with nothing to add. Such a delivery is copied to
 * the dead-letter queue now. (Read only for redelivered messages that come back done.)
 */
export async function afterRedelivery(
  deliveries: Pick<DeliveryStore, 'getDelivery'>,
  deliveryId: string,
  receiveCount: number,
  result: DispatchResult,
): Promise<DispatchResult> {
  if (result.kind !== 'done' || result.deadReason || !(receiveCount > 1)) return result;
  const delivery = await deliveries.getDelivery(deliveryId);
  return delivery?.status === 'dead' ? { kind: 'done', deadReason: delivery.deadReason ?? 'dead' } : result;
}
