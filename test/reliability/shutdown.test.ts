import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../local/data-dir-lock.js';
import { eventually, type LocalService, startLocalService } from '../support/local-service.js';
import { ADMIN, apiClient, countingReceiver, galliumChange, inParallel, subscribeMany } from './support.js';

const SUBSCRIPTIONS = 300;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A RAM-backed folder where there is one: these tests are about processes, not the disk. */
const scratch = (name: string) => mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), name));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Process ids whose command line mentions `text` (Linux /proc). */
async function processesMentioning(text: string): Promise<number[]> {
  const { readdirSync, readFileSync } = await import('node:fs');
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) found.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/**
 * A fan-out to 300 endpoints cut by `stop` while under way, then a restart on the same data: every
 * alert arrives exactly once (the attempts in flight at the signal finished and were recorded), and
 * every request the receiver saw is an attempt on record.
 */
async function fanOutCutAndRestarted(
  name: string,
  stop: (service: LocalService) => Promise<void>,
  said: RegExp,
): Promise<void> {
  const dataDir = scratch(`material-alerts-${name}-`);
  const receiver = await countingReceiver(300);
  const { receipts } = receiver;
  let service: LocalService | undefined;
  try {
    const base = receiver.url;
    const env = {
      ADMIN_API_KEY: ADMIN,
      DATA_DIR: dataDir,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      RETRY_SCHEDULE: '200ms,400ms',
      WEBHOOK_TIMEOUT: '5s',
      RATE_LIMIT: 'off',
      MAX_SUBSCRIPTIONS_PER_SUBSCRIBER: '1000',
      // Fewer at once than the fan-out, so that it is under way, not done, when the signal comes.
      DISPATCH_CONCURRENCY: '16',
    };

    service = await startLocalService(env);
    const first = apiClient(service.url);
    const { key, ids } = await subscribeMany(first, SUBSCRIPTIONS, (i) => `${base}/hook/${i}`);
    expect((await first('POST', '/v1/policy-changes', ADMIN, galliumChange())).status).toBe(202);
    await eventually(
      'the fan-out to be under way',
      async () => (receiver.requests() >= 30 ? true : undefined),
      60_000,
    );

    await stop(service);
    const output = service.output();
    expect(output).toMatch(said);
    expect(output).toMatch(/Stopped: \d+ attempts finished and recorded; DynamoDB Local stopped\./);
    expect(output).not.toContain('Stopping now');
    expect(receiver.requests()).toBeLessThan(SUBSCRIPTIONS);
    // Nothing of it is left: no engine on the folder, no lock.
    expect(await processesMentioning(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);

    service = await startLocalService(env);
    await eventually(
      'every alert to arrive',
      async () => (receipts.size === SUBSCRIPTIONS ? true : undefined),
      120_000,
    );
    const second = apiClient(service.url);
    const attempts = await eventually(
      'every delivery to be recorded delivered',
      async () => {
        const pages = await inParallel(
          ids,
          16,
          async (id) => (await second('GET', `/v1/subscriptions/${id}/deliveries`, key)).json.items,
        );
        const deliveries = pages.flat();
        if (deliveries.length !== SUBSCRIPTIONS || deliveries.some((d) => d.status !== 'delivered'))
          return undefined;
        return deliveries.reduce((sum: number, d: { attempts: unknown[] }) => sum + d.attempts.length, 0);
      },
      60_000,
    );
    expect(receipts.size).toBe(SUBSCRIPTIONS);
    expect([...receipts.values()].filter((n) => n > 1)).toEqual([]);
    // Every request the receiver saw is an attempt on record, and no attempt is missing.
    expect(attempts).toBe(receiver.requests());
  } finally {
    await service?.stop('SIGKILL');
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('graceful shutdown', () => {
  it('SIGTERM mid fan-out, restart on the same data: 300 unique webhook-ids, no duplicates, every request on record', async () => {
    await fanOutCutAndRestarted(
      'sigterm',
      (service) => service.stop('SIGTERM'),
      /SIGTERM: stopping; finishing \d+ webhook attempts in flight/,
    );
  }, 300_000);

  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s to the whole process group twice within milliseconds (Ctrl-C in a terminal, npm passing it on; a service manager), mid fan-out: still a graceful stop, nothing sent twice after the restart',
    async (signal) => {
      await fanOutCutAndRestarted(
        `group-${signal.toLowerCase()}`,
        (service) => service.stop(signal, { group: 2 }),
        new RegExp(`${signal}: stopping; finishing \\d+ webhook attempts in flight`),
      );
    },
    300_000,
  );
});

describe('one service per data folder; npm start stops everything it started', () => {
  const dataDir = scratch('material-alerts-lock-');
  let service: LocalService | undefined;

  afterAll(async () => {
    await service?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a second start on a held data folder says so in one line and leaves the first running', async () => {
    const env = { ADMIN_API_KEY: ADMIN, DATA_DIR: dataDir };
    service = await startLocalService(env);
    const error = await startLocalService(env).then(
      () => undefined,
      (reason: Error) => reason.message,
    );
    expect(error).toBeDefined();
    const lines = (error ?? '').split('\n').filter((line) => line.startsWith('Cannot start'));
    expect(lines).toEqual([
      `Cannot start Material Alerts: the data folder ${dataDir} is in use by another Material Alerts (process ${service.process.pid}); stop it first`,
    ]);
    expect(error).not.toContain('EADDRINUSE');
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
    // The engine's memory is on the admin stats, with the heap it was given.
    const stats = await apiClient(service.url)('GET', '/v1/admin/stats', ADMIN);
    expect(stats.status).toBe(200);
    expect(stats.json.dynamodbLocal.heapMaxBytes).toBeGreaterThanOrEqual(2 ** 30);
    expect(stats.json.dynamodbLocal.residentBytes).toBeGreaterThan(0);
    expect(stats.json.dispatch).toMatchObject({ laneConcurrency: 4, active: 0 });
    // Beside the metrics totals and the process's own figures, as sections of the one route.
    expect(stats.json.metrics).toBeDefined();
    expect(stats.json.process.residentBytes).toBeGreaterThan(0);
    await service.stop('SIGTERM');
    service = undefined;
  }, 120_000);

  it('SIGTERM to npm alone stops the service and DynamoDB Local; the next start on the folder works', async () => {
    const child = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ADMIN_API_KEY: ADMIN, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await eventually(
      'npm start to be up',
      async () => (/running on http/.test(output) ? true : undefined),
      60_000,
    );
    const started = await processesMentioning(dataDir);
    expect(started.length).toBeGreaterThanOrEqual(1);

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    // The service's own command line names no folder (it reads DATA_DIR), so its stop is seen by
    // npm's exit and by the lock it releases last, after DynamoDB Local has stopped.
    await exited;
    await eventually(
      'every process on the folder to stop and the lock to be released',
      async () =>
        (await processesMentioning(dataDir)).length === 0 &&
        started.every((pid) => !alive(pid)) &&
        !existsSync(join(dataDir, LOCK_FILE))
          ? true
          : undefined,
      30_000,
    );

    service = await startLocalService({ ADMIN_API_KEY: ADMIN, DATA_DIR: dataDir });
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
  }, 120_000);
});
