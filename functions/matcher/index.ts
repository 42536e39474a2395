import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { matchPolicyChange } from '../../shared/matching/matcher.js';
import { revisionFromStreamImage } from '../../shared/matching/stream-record.js';
import { awsClients, awsServices, lambdaHandler, powertoolsLog } from '../../shared/wiring/aws.js';
import { loadConfig } from '../../shared/wiring/config.js';
import { matcherDeps } from '../../shared/wiring/services.js';
import { traced } from '../../shared/wiring/tracing.js';

const config = loadConfig(process.env, { local: false });
const services = awsServices(config, awsClients(config, traced));
const deps = matcherDeps(services);
const log = powertoolsLog();
const processor = new BatchProcessor(EventType.DynamoDBStreams);

async function matchRecord(record: DynamoDBRecord): Promise<void> {
  // The Lambda event types describe the same wire shape as the SDK's AttributeValue.
  const image = record.dynamodb?.NewImage as Record<string, AttributeValue> | undefined;
  const revision = revisionFromStreamImage(image);
  try {
    const report = await matchPolicyChange(deps, revision);
    log({ message: 'policy change matched', ...report });
  } catch (error) {
    log({
      level: 'error',
      message: 'matching failed; the record is retried',
      ...revision,
      error: String(error),
    });
    throw error;
  }
}

/** New policy-change revisions from the table's stream; a failed record is retried alone. */
export const handler = lambdaHandler(services.metrics, (event: DynamoDBStreamEvent, context: Context) =>
  processPartialResponse(event, matchRecord, processor, { context }),
);
