import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import type { Alert } from '../../shared/model/delivery.js';
import { documentClient, ensureTable } from '../../shared/store/table.js';
import { createStores, type Stores } from '../../shared/wiring/services.js';

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

/** Every alert item in the table. Scans are for the test's bookkeeping only, never the request path. */
export async function alertItems(table: TestTable): Promise<Alert[]> {
  const doc = documentClient(table.client);
  const items: Alert[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: table.tableName,
        FilterExpression: 'entity = :alert',
        ExpressionAttributeValues: { ':alert': 'alert' },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) {
      // Read back through the store, which rebuilds what it does not store as is (match, body).
      const alert = await table.deliveries.getAlert(String(item.alertId));
      if (alert) items.push(alert as Alert);
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}
