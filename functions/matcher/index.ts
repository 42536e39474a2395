import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { loadConfig } from '../../shared/config.js';
import { matchPolicyChange } from '../../shared/matching/matcher.js';
import { revisionFromStreamImage } from '../../shared/matching/stream-record.js';
import { awsServices, powertoolsLog } from '../../shared/runtime/aws.js';
import { matcherDeps } from '../../shared/runtime/services.js';

const config = loadConfig(process.env, { local: false });
const deps = matcherDeps(awsServices(config));
const log = powertoolsLog();
const processor = new BatchProcessor(EventType.DynamoDBStreams);

async function matchRecord(record: DynamoDBRecord): Promise<void> {
  // The Lambda event types describe the same wire shape as the SDK's AttributeValue.
  const image = record.dynamodb?.NewImage as Record<string, AttributeValue> | undefined;
  const report = await matchPolicyChange(deps, revisionFromStreamImage(image));
  log({ message: 'policy change matched', ...report });
}

/** New policy-change revisions from the table's stream; a failed record is retried alone. */
export const handler = (event: DynamoDBStreamEvent, context: Context) =>
  processPartialResponse(event, matchRecord, processor, { context });
