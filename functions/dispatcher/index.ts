import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { loadConfig } from '../../shared/config.js';
import { dispatchDelivery } from '../../shared/delivery/dispatcher.js';
import { parseDeliveryMessage, settleSqsMessage } from '../../shared/delivery/sqs-message.js';
import { awsClients, awsServices, powertoolsLog } from '../../shared/runtime/aws.js';
import { dispatcherDeps } from '../../shared/runtime/services.js';

const config = loadConfig(process.env, { local: false });
const clients = awsClients(config);
const deps = dispatcherDeps(awsServices(config, clients), config, powertoolsLog());
const queues = {
  queueUrl: config.deliveryQueueUrl ?? '',
  ...(config.deadLetterQueueUrl ? { deadLetterQueueUrl: config.deadLetterQueueUrl } : {}),
};
const processor = new BatchProcessor(EventType.SQS);

async function dispatchRecord(record: SQSRecord): Promise<void> {
  const { deliveryId } = parseDeliveryMessage(record.body);
  const result = await dispatchDelivery(deps, deliveryId);
  await settleSqsMessage(clients.sqs, queues, record.receiptHandle, deliveryId, result);
}

/** Delivery messages from SQS; retries wait in the queue (visibility timeout), not in the function. */
export const handler = (event: SQSEvent, context: Context) =>
  processPartialResponse(event, dispatchRecord, processor, {
    context,
    // A batch of messages all waiting for their next attempt is normal, not a function error.
    throwOnFullBatchFailure: false,
  });
