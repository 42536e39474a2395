import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { InvokeRequest, SandboxMessage } from './protocol.js';

const SANDBOX = fileURLToPath(new URL('./sandbox.ts', import.meta.url));

/** An invocation that did not return: the function threw, timed out, or its process died. */
export class InvocationError extends Error {
  constructor(
    readonly kind: 'function-error' | 'timeout' | 'crash',
    message: string,
  ) {
    super(message);
    this.name = 'InvocationError';
  }
}

export interface FunctionProcessOptions {
  /** The function's name, as in logs and the Lambda context. */
  name: string;
  /** Entry module exporting `handler` (functions/<name>/index.ts). */
  entry: string;
  env: NodeJS.ProcessEnv;
  /** The function's timeout, as configured in the stack. */
  timeoutMs: number;
  /** Each line the function writes (its JSON logs and EMF documents). */
  onOutput: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Told when the process dies unexpectedly; it is started again (a cold start). */
  onExit?: (info: {
    name: string;
    pid: number | undefined;
    code: number | null;
    signal: string | null;
  }) => void;
}

/**
 * A function in its own process, invoked one event at a time like a Lambda execution environment.
 * If the process dies (a crash, `kill -9`), the invocation in flight fails and a new process is
 * started for the next one, as Lambda does.
 */
export class FunctionProcess {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private stopping = false;

  constructor(private readonly options: FunctionProcessOptions) {}

  get name(): string {
    return this.options.name;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process and waits until its module has loaded (the cold start). */
  start(): Promise<void> {
    this.ready ??= this.spawn();
    return this.ready;
  }

  /** Runs one invocation after those already queued; rejects with `InvocationError` if it fails. */
  invoke(event: unknown): Promise<unknown> {
    const run = this.queue.then(() => this.invokeNow(event));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }

  private async invokeNow(event: unknown): Promise<unknown> {
    if (this.stopping) throw new InvocationError('crash', `${this.name} is stopping`);
    await this.start();
    const child = this.child;
    if (!child) throw new InvocationError('crash', `${this.name} has no process`);
    const id = this.nextId++;
    const deadline = Date.now() + this.options.timeoutMs;
    const request: InvokeRequest = { id, requestId: randomUUID(), deadline, event };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // Lambda ends a timed-out environment; the next invocation gets a fresh one.
        this.pending.delete(id);
        reject(new InvocationError('timeout', `${this.name} timed out after ${this.options.timeoutMs} ms`));
        child.kill('SIGKILL');
      }, this.options.timeoutMs);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      child.send(request);
    });
  }

  private spawn(): Promise<void> {
    const child = fork(SANDBOX, [this.options.entry, this.options.name], {
      env: this.options.env,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child = child;
    for (const stream of ['stdout', 'stderr'] as const) {
      let rest = '';
      child[stream]?.on('data', (chunk: Buffer) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) this.options.onOutput(line, stream);
      });
    }
    let loaded = false;
    return new Promise<void>((resolve, reject) => {
      child.on('message', (message: SandboxMessage) => {
        if (message.kind === 'ready') {
          loaded = true;
          resolve();
        } else if (message.kind === 'result') this.settle(message.id, (p) => p.resolve(message.result));
        else
          this.settle(message.id, (p) =>
            p.reject(
              new InvocationError(
                'function-error',
                `${message.error.errorType}: ${message.error.errorMessage}`,
              ),
            ),
          );
      });
      child.once('exit', (code, signal) => {
        const crash = new InvocationError('crash', `${this.name} exited (${signal ?? `code ${code}`})`);
        for (const waiter of this.pending.values()) waiter.reject(crash);
        this.pending.clear();
        reject(crash);
        if (this.stopping || this.child !== child) return;
        this.child = undefined;
        this.ready = undefined;
        // A module that does not load is not started again and again; the error says why.
        if (!loaded) return;
        this.options.onExit?.({ name: this.name, pid: child.pid, code, signal });
        // The next invocation starts a new environment.
        setTimeout(() => {
          if (!this.stopping) void this.start().catch(() => undefined);
        }, 100);
      });
    });
  }

  private settle(
    id: number,
    action: (waiter: { resolve: (value: unknown) => void; reject: (error: Error) => void }) => void,
  ) {
    const waiter = this.pending.get(id);
    if (!waiter) return;
    this.pending.delete(id);
    action(waiter);
  }
}
