import { ConfigError } from '../shared/config.js';
import { DynamoDbLocalError } from '../shared/local/dynamodb-local.js';
import { LOCAL_ADMIN_API_KEY, startLocalRuntime } from '../shared/local/local-runtime.js';
import { nodeVersionNotice } from '../shared/local/node-version.js';
import { PortInUseError } from '../shared/local/port.js';

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
    const shutdown = () => {
      void runtime.stop().then(() => process.exit(0));
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  } catch (error) {
    if (
      error instanceof DynamoDbLocalError ||
      error instanceof ConfigError ||
      error instanceof PortInUseError
    ) {
      process.stderr.write(`\nCannot start Material Alerts: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

await main();
