import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

/**
 * The single table's key layout. Every item has `pk`/`sk`; items listed per owner also carry
 * `gsi1pk`/`gsi1sk`. Matching reads only `MATERIAL#` partitions (the inverted index).
 */
/** How many partitions open deliveries are spread over, so a large fan-out has no hot key. */
export const OPEN_SHARDS = 8;

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
  /** An inverted-index entry: `partition` is `MATERIAL#<id>`, `DEST#<region>`, `ENTITY#<block>` or `HS#<chapter>`. */
  indexEntry: (partition: string, subscriptionId: string) => ({
    pk: partition,
    sk: `SUBSCRIPTION#${subscriptionId}`,
  }),
  /** A change's current state (latest revision, lifecycle), listed newest first on `gsi1` under `CHANGES`. */
  changeHead: (id: string) => ({ pk: `CHANGE#${id}`, sk: 'HEAD' }),
  changeHistory: () => 'CHANGES',
  /** Relations naming a change, under the change's source + sourceRef so a later arrival finds them. */
  relationsTo: (source: string, sourceRef: string) =>
    `RELATIONS#${encodeURIComponent(source)}#${encodeURIComponent(sourceRef)}`,
  /** Changes whose status changes at a known instant, on `gsi2`, sorted by that instant. */
  lifecycleDue: () => 'LIFECYCLE#DUE',
  /** Subscriptions that had an alert about a change, on `gsi2` (keys only) from the alert items. */
  recipientsOf: (policyChangeId: string) => `RECIPIENTS#${policyChangeId}`,
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
  /**
   * Open work, on the sparse `gsi2`: a delivery not yet delivered or dead sits in one of
   * OPEN_SHARDS partitions, sorted by when it is next due, so the recovery sweep finds stuck
   * deliveries by querying, never scanning.
   */
  openDeliveries: (shard: number) => `OPEN#${shard}`,
  /** Dead deliveries across subscribers, on `gsi2`, sorted by when they died: the admin's dead-letter view. */
  deadDeliveries: () => 'DEAD',
  /** Every subscriber, on `gsi1`, sorted by creation: the admin's list. */
  subscriberList: () => 'SUBSCRIBERS',
  /** Revisions whose matching has not completed, on `gsi2`, sorted by ingestion time. */
  pendingMatching: () => 'MATCHING#PENDING',
  /** Reminder dates: one partition per UTC day holding the changes that take effect or expire then. */
  dueOn: (day: string) => `DUE#${day}`,
  catalogue: () => ({ pk: 'CATALOGUE', sk: 'CATALOGUE' }),
  /** One small item per webhook endpoint: its lane, pace and circuit (Lambda's dispatchers share it). */
  endpoint: (endpointHash: string) => ({ pk: `ENDPOINT#${endpointHash}`, sk: 'ENDPOINT' }),
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
          { AttributeName: 'gsi2pk', AttributeType: 'S' },
          { AttributeName: 'gsi2sk', AttributeType: 'S' },
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
          {
            IndexName: 'gsi2',
            KeySchema: [
              { AttributeName: 'gsi2pk', KeyType: 'HASH' },
              { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
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
): Omit<T, 'pk' | 'sk' | 'gsi1pk' | 'gsi1sk' | 'gsi2pk' | 'gsi2sk' | 'entity'> {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, gsi2pk: _g3, gsi2sk: _g4, entity: _e, ...rest } = item;
  return rest;
}

/**
 * Every item a query returns, page after page, through the SDK's paginator.
 *
 * @example
 * const items = await queryAll(table, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'X' } });
 */
export async function queryAll(
  table: TableContext,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client: table.doc }, { TableName: table.tableName, ...input })) {
    items.push(...(page.Items ?? []));
  }
  return items;
}
