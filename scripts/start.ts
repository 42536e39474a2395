import { DataDirInUseError } from '../local/data-dir-lock.js';
import { DynamoDbLocalError } from '../local/dynamodb-local.js';
import { LOCAL_ADMIN_API_KEY, startLocalRuntime } from '../local/local-runtime.js';
import { nodeVersionNotice } from '../local/node-version.js';
import { PortInUseError } from '../local/port.js';
import { refuseToStart, stopOnSignals } from '../local/stop-on-signals.js';
import { ConfigError } from '../shared/wiring/config.js';

/** `npm start`: the whole service on this machine, on its embedded defaults. */
async function main(): Promise<void> {
  const notice = nodeVersionNotice();
  if (notice) process.stderr.write(`${notice}\n`);
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

    stopOnSignals({
      stopping: (reason) =>
        `${reason}: stopping; finishing ${runtime.inFlight()} webhook attempts in flight (at most ${Math.ceil(runtime.config.webhookTimeoutMs / 1000)} s)…`,
      stop: async () => {
        const { finished, unfinished } = await runtime.stop();
        return `Stopped: ${finished} attempts finished and recorded${unfinished ? `, ${unfinished} unfinished` : ''}; DynamoDB Local stopped.`;
      },
    });
  } catch (error) {
    refuseToStart(error, [DynamoDbLocalError, ConfigError, DataDirInUseError, PortInUseError]);
  }
}

await main();
