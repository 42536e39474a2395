import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createStores, type Stores } from '../../shared/runtime/services.js';
import { ensureTable } from '../../shared/store/table.js';

export interface TestTable extends Stores {
  client: DynamoDBClient;
  tableName: string;
  endpoint: string;
}

/** A client for the run's DynamoDB Local. */
export function testClient(): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: inject('dynamodbEndpoint'),
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}

/** A fresh table on the run's DynamoDB Local, so test files never see each other's items. */
export async function createTestTable(options: Parameters<typeof createStores>[2] = {}): Promise<TestTable> {
  const client = testClient();
  const tableName = `test-${randomUUID()}`;
  await ensureTable(client, tableName);
  return {
    client,
    tableName,
    endpoint: inject('dynamodbEndpoint'),
    ...createStores(client, tableName, options),
  };
}
