import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
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
  /**
   * The credentials whose database holds the data. DynamoDB Local keeps one database per access
   * key (and region): a client with any other credentials sees an empty one.
   */
  credentials: { accessKeyId: string; secretAccessKey: string };
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
  /**
   * The access key id whose database to use. Absent: random for this process, or, with `dataDir`,
   * the one kept in that folder (so the data is found again after a restart).
   */
  accessKeyId?: string;
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

/**
 * DynamoDB Local cannot bind to loopback only, so what protects the data is the database's
 * name: the access key id, random and never printed, kept beside on-disk data (owner-only).
 */
function localAccessKeyId(options: DynamoDbLocalOptions): string {
  if (options.accessKeyId) return options.accessKeyId;
  if (!options.dataDir) return `local${randomBytes(16).toString('hex')}`;
  const file = join(options.dataDir, 'local-credentials.json');
  if (existsSync(file)) {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (
      parsed &&
      typeof parsed === 'object' &&
      'accessKeyId' in parsed &&
      typeof parsed.accessKeyId === 'string'
    )
      return parsed.accessKeyId;
  }
  const accessKeyId = `local${randomBytes(16).toString('hex')}`;
  writeFileSync(file, JSON.stringify({ accessKeyId }), { mode: 0o600 });
  return accessKeyId;
}

/**
 * An Origin no browser sends: DynamoDB Local answers CORS for `*` unless given an allow-list, and
 * it has no switch to turn CORS off, so the list names nothing a web page could be.
 */
const NO_BROWSER_ORIGIN = 'null.invalid';

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
 * The signal that stops DynamoDB Local. It runs with SIGINT and SIGTERM ignored, which the JVM
 * honours: a terminal's Ctrl-C and a service manager's SIGTERM reach the whole process group, and
 * the engine must outlive them until the service has recorded its attempts in flight. The service
 * then stops it with SIGHUP, on which the JVM shuts down as it would on SIGTERM.
 */
export const ENGINE_STOP_SIGNAL = 'SIGHUP';

/** `java …` as spawned, through a shell that ignores SIGINT and SIGTERM first (not on Windows). */
function withShutdownSignalsIgnored(java: string[]): [string, string[]] {
  if (process.platform === 'win32') return ['java', java];
  // Ignored signals stay ignored across exec; the engine keeps the shell's process id.
  return ['/bin/sh', ['-c', 'trap "" INT TERM; exec java "$@"', 'dynamodb-local', ...java]];
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
  const heap = options.heap ?? '1g';
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const accessKeyId = localAccessKeyId(options);
  // The engine's own working folder, empty and removed when it stops: whatever it may write
  // beside itself (its telemetry metadata, `dynamodb-local-metadata.json`) lands neither where
  // the service was started nor in node_modules.
  const workDir = mkdtempSync(join(tmpdir(), 'dynamodb-local-'));
  const java = [
    `-Xmx${heap}`,
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(dir, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    ...storage,
    // No -sharedDb: one database per access key, so other clients see an empty one.
    '-cors',
    NO_BROWSER_ORIGIN,
    '-disableTelemetry',
  ];
  const child = spawn(
    ...withShutdownSignalsIgnored(java),
    // DDB_LOCAL_TELEMETRY: the engine's own switch, for versions that read it instead of the flag.
    { cwd: workDir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' } },
  );
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  child.once('exit', removeWorkDir);
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
    // DynamoDB Local checks neither the secret nor the signature; only the key id names the database.
    credentials: { accessKeyId, secretAccessKey: 'local' },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(ENGINE_STOP_SIGNAL);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
