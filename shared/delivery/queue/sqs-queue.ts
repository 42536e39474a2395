import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeliveryMessage, DeliveryQueue } from './delivery-queue.js';

/** SQS allows at most 10 entries per SendMessageBatch and 15 minutes of DelaySeconds. */
const BATCH_SIZE = 10;
const MAX_DELAY_SECONDS = 900;

export class QueueSendError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'QueueSendError';
  }
}

/**
 * The message group of a delivery: its webhook's endpoint, else its subscription. On a standard
 * queue a message group makes SQS a fair queue: when one group has many messages in flight (a
 * slow or flooded endpoint), messages of the other groups are handed to consumers first, so one
 * endpoint cannot hold up the rest. Order within a group is not kept (it is no FIFO queue).
 */
export function messageGroup(message: DeliveryMessage): string {
  return message.endpointGroup ?? message.subscriptionId ?? message.deliveryId;
}

/**
 * The delivery queue on SQS. Partial batch failures are retried once and then raised, so the
 * caller (a stream record or an API request) is retried rather than work being dropped.
 */
export class SqsDeliveryQueue implements DeliveryQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(messages: readonly DeliveryMessage[], delayMs = 0): Promise<void> {
    const delaySeconds = Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(delayMs / 1000)));
    for (let start = 0; start < messages.length; start += BATCH_SIZE) {
      let batch = messages.slice(start, start + BATCH_SIZE).map((message, index) => ({
        Id: String(index),
        MessageBody: JSON.stringify(message),
        DelaySeconds: delaySeconds,
        MessageGroupId: messageGroup(message),
      }));
      for (let attempt = 0; batch.length > 0; attempt++) {
        const result = await this.sqs.send(
          new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: batch }),
        );
        const failed = new Set((result.Failed ?? []).map((entry) => entry.Id));
        batch = batch.filter((entry) => failed.has(entry.Id));
        if (batch.length > 0 && attempt >= 2) {
          throw new QueueSendError(
            `SQS refused ${batch.length} delivery messages after ${attempt + 1} tries`,
          );
        }
      }
    }
  }
}
