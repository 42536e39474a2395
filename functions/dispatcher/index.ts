import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { dispatchDelivery } from '../../shared/delivery/dispatcher.js';
import {
  afterRedelivery,
  parseDeliveryMessage,
  prefetchSubscriptions,
  settleSqsMessage,
} from '../../shared/delivery/queue/sqs-message.js';
import { awsClients, awsServices, lambdaHandler, powertoolsLog } from '../../shared/wiring/aws.js';
import { loadConfig } from '../../shared/wiring/config.js';
import { dispatcherDeps } from '../../shared/wiring/services.js';
import { traced } from '../../shared/wiring/tracing.js';

const config = loadConfig(process.env, { local: false });
const clients = awsClients(config, traced);
const services = awsServices(config, clients);
const deps = dispatcherDeps(services, config, powertoolsLog());
const queues = {
  queueUrl: config.deliveryQueueUrl ?? '',
  ...(config.deadLetterQueueUrl ? { deadLetterQueueUrl: config.deadLetterQueueUrl } : {}),
};
const processor = new BatchProcessor(EventType.SQS);

/** Room an attempt needs before the function's own timeout: the webhook timeout, a pace wait, recording. */
const attemptBudgetMs = config.webhookTimeoutMs + config.endpointRules.maxPaceWaitMs + 5_000;

function dispatchRecord(context: Context) {
  return async (record: SQSRecord): Promise<void> => {
    const message = parseDeliveryMessage(record.body);
    const receiveCount = Number(record.attributes.ApproximateReceiveCount);
    // Lambda's way to stop gracefully: an attempt that could be cut off by the function's timeout
    // is not started (it would be sent and never recorded); the message goes back to the queue.
    const result =
      context.getRemainingTimeInMillis() < attemptBudgetMs
        ? ({ kind: 'retry', delayMs: 0 } as const)
        : await afterRedelivery(
            deps.deliveries,
            message.deliveryId,
            receiveCount,
            // On its first receive the message is the lease: SQS shows it to no other consumer
            // within the visibility timeout, six times the function's own.
            await dispatchDelivery(deps, message, { firstReceive: receiveCount === 1 }),
          );
    await settleSqsMessage(clients.sqs, queues, record.receiptHandle, message.deliveryId, result);
  };
}

/**
 * Delivery messages from SQS; retries, and waits for a busy or paused endpoint, happen in the
 * queue (visibility timeout), not in the function. The batch's subscriptions are read first,
 * together, unless cached.
 */
export const handler = lambdaHandler(services.metrics, async (event: SQSEvent, context: Context) => {
  await prefetchSubscriptions(
    deps,
    event.Records.map((record) => record.body),
  );
  return processPartialResponse(event, dispatchRecord(context), processor, {
    context,
    // A batch of messages all waiting for their next attempt is normal, not a function error.
    throwOnFullBatchFailure: false,
  });
});
