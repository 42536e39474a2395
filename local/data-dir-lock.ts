import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_STOP_SIGNAL } from './dynamodb-local.js';

/** Raised when another running service holds the data folder; the message is one line. */
export class DataDirInUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirInUseError';
  }
}

interface LockContent {
  pid: number;
  /** DynamoDB Local's process, once started. */
  enginePid?: number;
}

export const LOCK_FILE = '.material-alerts.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True only for a DynamoDB Local JVM (Linux: its command line); elsewhere nothing is assumed. */
function isDynamoDbLocal(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('DynamoDBLocal');
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !alive(pid);
}

/**
 * One service per data folder: a lock file names the process holding it. A second start while
 * that process runs is refused in one line; a lock left by a process that died is taken over,
 * and a DynamoDB Local it left running on the folder is stopped first.
 *
 * @example
 * const lock = await lockDataDir('/var/lib/alerts');
 * lock.setEnginePid(engine.pid);
 * lock.release();
 */
export async function lockDataDir(dataDir: string): Promise<{
  setEnginePid(pid: number | undefined): void;
  release(): void;
}> {
  const path = join(dataDir, LOCK_FILE);
  let previous: LockContent | undefined;
  try {
    previous = JSON.parse(readFileSync(path, 'utf8')) as LockContent;
  } catch {
    previous = undefined;
  }
  if (previous && previous.pid !== process.pid && alive(previous.pid)) {
    throw new DataDirInUseError(
      `the data folder ${dataDir} is in use by another Material Alerts (process ${previous.pid}); stop it first`,
    );
  }
  if (previous?.enginePid && alive(previous.enginePid) && isDynamoDbLocal(previous.enginePid)) {
    // Left behind by a service that was killed: it still holds the folder's database.
    process.kill(previous.enginePid, ENGINE_STOP_SIGNAL);
    if (!(await waitForExit(previous.enginePid, 5_000))) process.kill(previous.enginePid, 'SIGKILL');
  }
  const content: LockContent = { pid: process.pid };
  writeFileSync(path, JSON.stringify(content));
  return {
    setEnginePid(pid) {
      if (pid === undefined) delete content.enginePid;
      else content.enginePid = pid;
      writeFileSync(path, JSON.stringify(content));
    },
    release() {
      rmSync(path, { force: true });
    },
  };
}
