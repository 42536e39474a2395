import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { loadConfig } from '../../shared/config.js';
import { dispatchDelivery } from '../../shared/delivery/dispatcher.js';
import {
  afterRedelivery,
  parseDeliveryMessage,
  prefetchSubscriptions,
  settleSqsMessage,
} from '../../shared/delivery/sqs-message.js';
import { awsClients, awsServices, lambdaHandler, powertoolsLog } from '../../shared/runtime/aws.js';
import { dispatcherDeps } from '../../shared/runtime/services.js';

const config = loadConfig(process.env, { local: false });
const clients = awsClients(config);
const services = awsServices(config, clients);
const deps = dispatcherDeps(services, config, powertoolsLog());
const queues = {
  queueUrl: config.deliveryQueueUrl ?? '',
  ...(config.deadLetterQueueUrl ? { deadLetterQueueUrl: config.deadLetterQueueUrl } : {}),
};
const processor = new BatchProcessor(EventType.SQS);

async function dispatchRecord(record: SQSRecord): Promise<void> {
  const message = parseDeliveryMessage(record.body);
  const result = await afterRedelivery(
    deps.deliveries,
    message.deliveryId,
    Number(record.attributes.ApproximateReceiveCount),
    await dispatchDelivery(deps, message),
  );
  await settleSqsMessage(clients.sqs, queues, record.receiptHandle, message.deliveryId, result);
}

/**
 * Delivery messages from SQS; retries wait in the queue (visibility timeout), not in the function.
 * The batch's subscriptions are read first, together, unless cached.
 */
export const handler = lambdaHandler(services.metrics, async (event: SQSEvent, context: Context) => {
  await prefetchSubscriptions(
    deps,
    event.Records.map((record) => record.body),
  );
  return processPartialResponse(event, dispatchRecord, processor, {
    context,
    // A batch of messages all waiting for their next attempt is normal, not a function error.
    throwOnFullBatchFailure: false,
  });
});
