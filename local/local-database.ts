import { mkdirSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTable } from '../shared/store/table.js';
import type { Config } from '../shared/wiring/config.js';
import { lockDataDir } from './data-dir-lock.js';
import { type DynamoDbLocal, startDynamoDbLocal } from './dynamodb-local.js';

/** The table local mode runs on: its client, and what was started for it. */
export interface LocalDatabase {
  client: DynamoDBClient;
  /** Where the table is served (DynamoDB Local's endpoint). */
  endpoint: string;
  /** DynamoDB Local, when this process started it (no DYNAMODB_ENDPOINT). */
  engine: DynamoDbLocal | undefined;
  /** The data folder's lock, when the data is on disk (DATA_DIR). */
  lock: Awaited<ReturnType<typeof lockDataDir>> | undefined;
}

/**
 * The table, at DYNAMODB_ENDPOINT or on a DynamoDB Local started here (in memory, or on disk
 * under DATA_DIR, which is locked first), created if missing.
 */
export async function startLocalDatabase(config: Config, env: NodeJS.ProcessEnv): Promise<LocalDatabase> {
  let engine: DynamoDbLocal | undefined;
  let endpoint = config.dynamodbEndpoint;
  let lock: LocalDatabase['lock'];
  // A DynamoDB Local started elsewhere: its database is the one of the credentials given to us.
  let credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local', secretAccessKey: 'local' };
  if (!endpoint) {
    if (config.dataDir) {
      mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
      lock = await lockDataDir(config.dataDir);
    }
    try {
      engine = await startDynamoDbLocal({
        ...(config.dataDir ? { dataDir: config.dataDir } : {}),
        heap: config.dynamodbLocalHeap,
      });
    } catch (error) {
      lock?.release();
      throw error;
    }
    lock?.setEnginePid(engine.pid);
    endpoint = engine.endpoint;
    credentials = engine.credentials;
  }
  const client = new DynamoDBClient({
    endpoint,
    maxAttempts: 8,
    region: 'us-east-1',
    credentials,
    // Hundreds of attempts in flight each read and write the table: more connections than the
    // SDK's 50, and a burst's queue of table requests is expected, not worth a warning each second.
    requestHandler: {
      httpAgent: { keepAlive: true, maxSockets: 128 },
      socketAcquisitionWarningTimeout: 60_000,
    },
  });
  await ensureTable(client, config.tableName);
  return { client, endpoint, engine, lock };
}
