import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/** Raised when DynamoDB Local cannot start; the message says what to install or change. */
export class DynamoDbLocalError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DynamoDbLocalError';
  }
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** The JVM's process id. */
  pid: number | undefined;
  /** The JVM's maximum heap, as passed to -Xmx. */
  heap: string;
  /** The engine's memory now (resident set of the JVM), where the platform tells it. */
  memory(): DynamoDbLocalMemory;
  stop(): Promise<void>;
}

export interface DynamoDbLocalMemory {
  heapMaxBytes: number;
  /** Resident memory of the JVM; undefined where it cannot be read. */
  residentBytes?: number;
}

export interface DynamoDbLocalOptions {
  /** Keep the data on disk in this folder; in memory when absent. */
  dataDir?: string;
  port?: number;
  /** How long to wait for the engine to answer. */
  startTimeoutMs?: number;
  /** The JVM's maximum heap (-Xmx), e.g. `1536m`, `2g`; 1 GiB by default. */
  heap?: string;
}

/** `1536m` or `2g` in bytes. */
export function heapBytes(heap: string): number {
  const match = /^(\d+)([mMgG])$/.exec(heap);
  if (!match?.[1] || !match[2]) return Number.NaN;
  return Number(match[1]) * (match[2].toLowerCase() === 'g' ? 2 ** 30 : 2 ** 20);
}

/** Resident memory of a process (Linux: /proc); undefined elsewhere. */
function residentBytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/** The DynamoDB Local engine AWS ships, as carried by the `amplify-dynamodb-simulator` package. */
function emulatorDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

/** Java 17+ must be on the PATH; say so plainly when it is not. */
export function checkJava(): void {
  let output: string;
  try {
    output = execFileSync('java', ['-version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr;
    if (typeof stderr === 'string' && stderr.includes('version')) {
      output = stderr;
    } else {
      throw new DynamoDbLocalError(
        'Local mode runs DynamoDB Local, which needs Java 17 or later on the PATH. ' +
          'Install a JDK (for example `apt-get install openjdk-17-jre-headless` or `brew install openjdk@17`) and try again.',
        { cause: error },
      );
    }
  }
  const major = /version "(\d+)/.exec(output)?.[1];
  if (major !== undefined && Number(major) < 17) {
    throw new DynamoDbLocalError(`DynamoDB Local needs Java 17 or later; found Java ${major}.`);
  }
}

/** A free TCP port on loopback, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new DynamoDbLocalError('could not find a free port'));
      });
    });
  });
}

async function waitUntilReady(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new DynamoDbLocalError(`DynamoDB Local exited with code ${child.exitCode} while starting`);
    }
    try {
      // An unsigned request is answered (with an auth error) as soon as the engine listens.
      const response = await fetch(endpoint, { method: 'POST' });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new DynamoDbLocalError(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms`);
}

/**
 * Starts DynamoDB Local on loopback and resolves once it answers.
 *
 * @example
 * const ddb = await startDynamoDbLocal();
 * // new DynamoDBClient({ endpoint: ddb.endpoint, ... })
 * await ddb.stop();
 */
export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  checkJava();
  const dir = emulatorDir();
  const port = options.port ?? (await freePort());
  const storage = options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory'];
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const heap = options.heap ?? '1g';
  const child = spawn(
    'java',
    [
      `-Xmx${heap}`,
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      '-port',
      String(port),
      ...storage,
      '-sharedDb',
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(endpoint, child, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new DynamoDbLocalError(`${(error as Error).message}\n${stderr}`, { cause: error });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    endpoint,
    port,
    pid: child.pid,
    heap,
    memory() {
      const resident = residentBytes(child.pid);
      return {
        heapMaxBytes: heapBytes(heap),
        ...(resident !== undefined ? { residentBytes: resident } : {}),
      };
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
