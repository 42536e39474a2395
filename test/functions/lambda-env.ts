import type { Context } from 'aws-lambda';
import { inject } from 'vitest';
import type { TestTable } from '../support/dynamodb.js';

export const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/q';
export const ADMIN_API_KEY = 'test-admin-key-0123456789abcdef';

/**
 * The environment a deployed function sees, pointed at the run's DynamoDB Local. Handler modules read
 * it at import, so call this before `await import(...)`. vitest forks a process per file, so it does not
 * leak into other files.
 */
export function setLambdaEnv(table: TestTable, extra: Record<string, string> = {}): void {
  Object.assign(process.env, {
    TABLE_NAME: table.tableName,
    DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
    DELIVERY_QUEUE_URL: QUEUE_URL,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_REQUIRE_HTTPS: 'false',
    ADMIN_API_KEY,
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    ...extra,
  });
  // Would make the SDK prefer a profile over the dummy keys above.
  delete process.env.AWS_PROFILE;
}

/** A Lambda context good enough for Powertools and Hono. */
export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2025/03/01/[$LATEST]abcdef0123456789',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
