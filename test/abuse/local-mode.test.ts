import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal } from '../../local/dynamodb-local.js';
import { type LocalRuntime, startLocalRuntime } from '../../local/local-runtime.js';
import { suiteLog } from '../support/suite-log.js';

const ADMIN = 'local-mode-admin-key-0123456789';

/** What a stranger on the network would do: any credentials, straight at the engine's port. */
function strangerClient(endpoint: string, accessKeyId: string) {
  return new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey: 'x' },
  });
}

describe('local mode exposes nothing', () => {
  let runtime: LocalRuntime;
  let endpoint: string;

  beforeAll(async () => {
    runtime = await startLocalRuntime({
      env: { PORT: '0', ADMIN_API_KEY: ADMIN, TABLE_NAME: 'material-alerts' },
      log: suiteLog,
    });
    const created = await fetch(`${runtime.url}/v1/subscribers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Secretive GmbH' }),
    });
    expect(created.status).toBe(201);
    endpoint = runtime.dynamodbEndpoint;
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  it('another client, with made-up or well-known credentials, sees an empty database', async () => {
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const accessKeyId of ['fakeMyKeyId', 'local', 'test', 'AKIAIOSFODNN7EXAMPLE']) {
      const client = strangerClient(endpoint, accessKeyId);
      const tables = await client.send(new ListTablesCommand({}));
      expect(tables.TableNames ?? []).toEqual([]);
      await expect(client.send(new ScanCommand({ TableName: 'material-alerts' }))).rejects.toThrow(
        /non-existent table|not found|ResourceNotFound/i,
      );
      client.destroy();
    }
  });

  it('answers no browser origin with CORS', async () => {
    const response = await fetch(endpoint, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-amz-target',
      },
    });
    await response.arrayBuffer();
    const allowed = response.headers.get('access-control-allow-origin');
    expect(allowed === null || allowed === 'null.invalid').toBe(true);
  });
});

describe('DynamoDB Local with DATA_DIR', () => {
  const dir = mkdtempSync(join(tmpdir(), 'material-alerts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps its access key beside the data, readable by the owner only, and reuses it after a restart', {
    timeout: 120_000,
  }, async () => {
    const first = await startDynamoDbLocal({ dataDir: dir });
    await first.stop();
    const second = await startDynamoDbLocal({ dataDir: dir });
    await second.stop();
    expect(second.credentials.accessKeyId).toBe(first.credentials.accessKeyId);
    expect(first.credentials.accessKeyId).toMatch(/^local[0-9a-f]{32}$/);
    expect(statSync(join(dir, 'local-credentials.json')).mode & 0o077).toBe(0);
  });
});
