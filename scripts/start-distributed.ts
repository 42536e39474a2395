import { startDistributedRuntime } from '../local/distributed/distributed-runtime.js';
import { MotoError } from '../local/distributed/moto.js';
import { DynamoDbLocalError } from '../local/dynamodb-local.js';
import { LOCAL_ADMIN_API_KEY } from '../local/local-runtime.js';
import { nodeVersionNotice } from '../local/node-version.js';
import { PortInUseError } from '../local/port.js';
import { refuseToStart, stopOnSignals } from '../local/stop-on-signals.js';
import { ConfigError } from '../shared/wiring/config.js';

/**
 * `npm run start:distributed`: the deployed topology on this machine, each function in its own
 * process, fed the events AWS would feed it.
 */
async function main(): Promise<void> {
  const notice = nodeVersionNotice();
  if (notice) process.stderr.write(`${notice}\n`);
  try {
    const runtime = await startDistributedRuntime();
    const adminKeyNote =
      runtime.adminApiKey === LOCAL_ADMIN_API_KEY
        ? `${LOCAL_ADMIN_API_KEY} (the local default; set ADMIN_API_KEY to change it)`
        : 'from ADMIN_API_KEY';
    process.stderr.write(
      [
        '',
        `Material Alerts (distributed) is running on ${runtime.url}`,
        `  admin key:  ${adminKeyNote}, served from Secrets Manager (moto)`,
        `  storage:    DynamoDB Local, ${runtime.config.dataDir ? `on disk in ${runtime.config.dataDir}` : 'in memory'}; the matcher reads its stream`,
        `  SQS/SNS:    moto_server on ${runtime.endpoints.moto}`,
        `  processes:  ${runtime.functions.map((fn) => `${fn.name.replace('material-alerts-', '')} (pid ${fn.pid})`).join(', ')}`,
        `  stats:      GET ${runtime.url}/v1/admin/stats`,
        `  API docs:   ${runtime.url}/docs`,
        '',
      ].join('\n'),
    );
    stopOnSignals({
      stopping: (reason) => `${reason}: stopping the function processes, moto and DynamoDB Local…`,
      stop: async () => {
        await runtime.stop();
        return 'Stopped: functions, moto and DynamoDB Local.';
      },
    });
  } catch (error) {
    refuseToStart(error, [DynamoDbLocalError, ConfigError, PortInUseError, MotoError]);
  }
}

await main();
