import { ConfigError } from '../shared/config.js';
import { DataDirInUseError } from '../shared/local/data-dir-lock.js';
import { DynamoDbLocalError } from '../shared/local/dynamodb-local.js';
import { LOCAL_ADMIN_API_KEY, startLocalRuntime } from '../shared/local/local-runtime.js';

/** `npm start`: the whole service on this machine, on its embedded defaults. */
async function main(): Promise<void> {
  try {
    const runtime = await startLocalRuntime();
    const adminKeyNote =
      runtime.adminApiKey === LOCAL_ADMIN_API_KEY
        ? `${LOCAL_ADMIN_API_KEY} (the local default; set ADMIN_API_KEY to change it)`
        : 'from ADMIN_API_KEY';
    process.stderr.write(
      [
        '',
        `Material Alerts is running on ${runtime.url}`,
        `  admin key:  ${adminKeyNote}`,
        `  storage:    DynamoDB Local, ${runtime.config.dataDir ? `on disk in ${runtime.config.dataDir}` : 'in memory'}`,
        `  webhooks:   ${runtime.config.webhookPolicy.allowPrivate ? 'private and loopback receivers allowed' : 'public receivers only (WEBHOOK_ALLOW_PRIVATE=true allows loopback)'}`,
        `  API docs:   ${runtime.url}/docs`,
        '',
      ].join('\n'),
    );

    // SIGTERM and SIGINT (Ctrl-C, or npm passing on its own SIGTERM) stop gracefully; a second
    // signal while stopping ends the process at once.
    let stopping = false;
    const shutdown = (reason: string) => {
      if (stopping) {
        process.stderr.write('Stopping now, without waiting for attempts in flight.\n');
        process.exit(1);
      }
      stopping = true;
      process.stderr.write(
        `\n${reason}: stopping; finishing ${runtime.inFlight()} webhook attempts in flight (at most ${Math.ceil(runtime.config.webhookTimeoutMs / 1000)} s)…\n`,
      );
      void runtime
        .stop()
        .then(({ finished, unfinished }) => {
          process.stderr.write(
            `Stopped: ${finished} attempts finished and recorded${unfinished ? `, ${unfinished} unfinished` : ''}; DynamoDB Local stopped.\n`,
          );
          process.exit(0);
        })
        .catch((error: unknown) => {
          process.stderr.write(`Stopping failed: ${String(error)}\n`);
          process.exit(1);
        });
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    // Should whatever started us go away without a word (npm killed outright), stop as well,
    // rather than run on orphaned holding the port and the data folder.
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent && !stopping) shutdown('parent process gone');
    }, 1000).unref();
  } catch (error) {
    if (
      error instanceof DynamoDbLocalError ||
      error instanceof ConfigError ||
      error instanceof DataDirInUseError
    ) {
      process.stderr.write(`\nCannot start Material Alerts: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

await main();
