import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The single table's key layout. Every item has `pk`/`sk`; items listed per owner also carry
 * `gsi1pk`/`gsi1sk`. Matching reads only `MATERIAL#` partitions (the inverted index).
 */
export const keys = {
  subscriber: (id: string) => ({ pk: `SUBSCRIBER#${id}`, sk: 'SUBSCRIBER' }),
  apiKey: (hash: string) => ({ pk: `APIKEY#${hash}`, sk: 'APIKEY' }),
  subscription: (id: string) => ({ pk: `SUBSCRIPTION#${id}`, sk: 'SUBSCRIPTION' }),
  subscriptionsOf: (subscriberId: string) => `SUBSCRIBER#${subscriberId}#SUBSCRIPTIONS`,
  materialIndex: (material: string, subscriptionId: string) => ({
    pk: `MATERIAL#${material}`,
    sk: `SUBSCRIPTION#${subscriptionId}`,
  }),
  materialPartition: (material: string) => `MATERIAL#${material}`,
  changeRef: (source: string, sourceRef: string) => ({
    pk: `CHANGEREF#${encodeURIComponent(source)}#${encodeURIComponent(sourceRef)}`,
    sk: 'CHANGEREF',
  }),
  changeRevision: (id: string, revision: number) => ({
    pk: `CHANGE#${id}`,
    sk: `REV#${String(revision).padStart(10, '0')}`,
  }),
  changePartition: (id: string) => `CHANGE#${id}`,
  alert: (alertId: string) => ({ pk: `ALERT#${alertId}`, sk: 'ALERT' }),
  delivery: (alertId: string, channel: string) => ({ pk: `ALERT#${alertId}`, sk: `DELIVERY#${channel}` }),
  deliveriesOf: (subscriptionId: string) => `SUBSCRIPTION#${subscriptionId}#DELIVERIES`,
  catalogue: () => ({ pk: 'CATALOGUE', sk: 'CATALOGUE' }),
} as const;

/** The table as CDK creates it, for local mode and tests. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'gsi1pk', AttributeType: 'S' },
          { AttributeName: 'gsi1sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'gsi1',
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await client.send(new DescribeTableCommand({ TableName: tableName }));
}

/** A document client that drops `undefined` attributes instead of failing on them. */
export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

/** What every store module needs: the document client and the table's name. */
export interface TableContext {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

/** Strips the key attributes from an item read back from the table. */
export function withoutKeys<T extends Record<string, unknown>>(
  item: T,
): Omit<T, 'pk' | 'sk' | 'gsi1pk' | 'gsi1sk' | 'entity'> {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, entity: _e, ...rest } = item;
  return rest;
}
