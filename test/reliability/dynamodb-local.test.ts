import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../local/dynamodb-local.js';
import { ensureTable } from '../../shared/store/table.js';

/** The engine as `npm start` runs it: its own process, its own working folder, its own signals. */
const started: DynamoDbLocal[] = [];
const folders: string[] = [];
const home = process.cwd();

afterEach(async () => {
  process.chdir(home);
  await Promise.all(started.splice(0).map((engine) => engine.stop()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const folder = (name: string) => {
  const path = mkdtempSync(join(tmpdir(), name));
  folders.push(path);
  return path;
};

function alive(pid: number | undefined): boolean {
  try {
    if (pid === undefined) return false;
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('DynamoDB Local as local mode starts it', () => {
  it('runs with its telemetry off and writes nothing into the folder it was started from', async () => {
    const startedFrom = folder('material-alerts-cwd-');
    const dataDir = folder('material-alerts-data-');
    process.chdir(startedFrom);

    const engine = await startDynamoDbLocal({ dataDir });
    started.push(engine);
    expect(readFileSync(`/proc/${engine.pid}/cmdline`, 'utf8').split('\0')).toContain('-disableTelemetry');
    const client = new DynamoDBClient({
      endpoint: engine.endpoint,
      region: 'us-east-1',
      credentials: engine.credentials,
    });
    await ensureTable(client, 'telemetry-check');
    client.destroy();
    await engine.stop();

    expect(readdirSync(startedFrom)).toEqual([]);
    // Nor beside the engine's jar, in node_modules, which every checkout shares.
    const jarFolder = join(
      dirname(createRequire(import.meta.url).resolve('amplify-dynamodb-simulator/package.json')),
      'emulator',
    );
    expect(existsSync(join(jarFolder, 'dynamodb-local-metadata.json'))).toBe(false);
    // The data folder holds the database and its credentials, nothing of the engine's own.
    expect(readdirSync(dataDir).filter((name) => name.includes('metadata'))).toEqual([]);
  });

  it('outlives SIGINT and SIGTERM sent to its process group until the service stops it', async () => {
    const engine = await startDynamoDbLocal();
    started.push(engine);

    // What a terminal's Ctrl-C or a service manager delivers to every process of the group.
    process.kill(engine.pid ?? 0, 'SIGINT');
    process.kill(engine.pid ?? 0, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(alive(engine.pid)).toBe(true);
    expect((await fetch(engine.endpoint, { method: 'POST' })).status).toBeGreaterThanOrEqual(400);

    await engine.stop();
    expect(alive(engine.pid)).toBe(false);
  });
});
