import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export { startReceiver } from '../../local/webhook-receiver.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface LocalService {
  url: string;
  output: () => string;
  process: ChildProcess;
  /**
   * Stops the service with `signal` (its process alone), or `SIGKILL` to its whole group. With
   * `group`, the signal goes to the whole process group, `group` times a few milliseconds apart,
   * as a terminal's Ctrl-C and npm passing it on (or a service manager) deliver it.
   */
  stop(signal?: NodeJS.Signals, options?: { group?: number }): Promise<void>;
}

/**
 * Runs `scripts/start.ts` (what `npm start` runs; or another start script) as its own process
 * and waits for its banner.
 */
export async function startLocalService(
  env: Record<string, string>,
  timeoutMs = 60_000,
  script = 'scripts/start.ts',
): Promise<LocalService> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a kill reaches DynamoDB Local too, as when a machine dies.
    detached: true,
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local service did not start:\n${output}`)), timeoutMs);
    const check = () => {
      const match = /running on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local service exited with ${code}:\n${output}`));
    });
  });

  return {
    url,
    output: () => output,
    process: child,
    async stop(signal = 'SIGTERM', options = {}) {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      if (signal === 'SIGKILL') process.kill(-child.pid, 'SIGKILL');
      else if (options.group) {
        for (let n = 0; n < options.group; n++) {
          if (n > 0) await new Promise((resolve) => setTimeout(resolve, 5));
          process.kill(-child.pid, signal);
        }
      } else child.kill(signal);
      await exited;
      if (signal === 'SIGKILL') await waitForGroupExit(child.pid);
    },
  };
}

/** Polls `probe` until it returns a value, or fails with `what` after the timeout. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Waits until no process of the group is left (the engine's JVM takes a moment to die). */
async function waitForGroupExit(pgid: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`process group ${pgid} did not exit`);
}
