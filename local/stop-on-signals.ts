/** What a local start script does when told to stop. */
export interface GracefulStop {
  /** The line said when the first signal arrives, before stopping (e.g. what is still in flight). */
  stopping(reason: string): string;
  /** Stops everything the script started; resolves with the line to say when done. */
  stop(): Promise<string>;
}

export interface SignalIo {
  write(text: string): void;
  exit(code: number): void;
}

const processIo: SignalIo = {
  write: (text) => process.stderr.write(text),
  exit: (code) => process.exit(code),
};

/**
 * How long after the first signal another one is the same request, not a second one. Ctrl-C in a
 * terminal sends SIGINT to the whole foreground process group, and npm passes it on again; a
 * service manager's SIGTERM to the group does the same: the service sees two signals within
 * milliseconds of each other, which must not become "stop now".
 */
export const REPEAT_WINDOW_MS = 2_000;

/**
 * SIGTERM and SIGINT (Ctrl-C, or npm passing on its own SIGTERM) stop gracefully; another signal
 * more than `REPEAT_WINDOW_MS` after the first, while stopping, ends the process at once (one
 * within it is an echo of the first and changes nothing). Should whatever started the process go
 * away without a word (npm killed outright), it stops as well, rather than run on orphaned holding
 * the port and the data folder. Shared by `npm start` and `npm run start:distributed`.
 */
export function stopOnSignals(target: GracefulStop, io: SignalIo = processIo, now = () => Date.now()): void {
  let stoppingSince: number | undefined;
  const shutdown = (reason: string) => {
    if (stoppingSince !== undefined) {
      if (now() - stoppingSince < REPEAT_WINDOW_MS) return;
      io.write('Stopping now, without waiting for attempts in flight.\n');
      io.exit(1);
      return;
    }
    stoppingSince = now();
    io.write(`\n${target.stopping(reason)}\n`);
    void target
      .stop()
      .then((said) => {
        io.write(`${said}\n`);
        io.exit(0);
      })
      .catch((error: unknown) => {
        io.write(`Stopping failed: ${String(error)}\n`);
        io.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent && stoppingSince === undefined) shutdown('parent process gone');
  }, 1000).unref();
}

/** An error class a start script expects when the machine is not ready (a port, Java, moto). */
type StartFailure = abstract new (...args: never[]) => Error;

/**
 * The one way a start script fails: an expected failure is one line on stderr and exit code 1;
 * anything else is a bug and is thrown with its stack.
 */
export function refuseToStart(error: unknown, expected: readonly StartFailure[]): never {
  if (error instanceof Error && expected.some((kind) => error instanceof kind)) {
    process.stderr.write(`\nCannot start Material Alerts: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
