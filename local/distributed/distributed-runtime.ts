import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { ScheduledEvent } from 'aws-lambda';
import type { Log } from '../../shared/kernel/redaction.js';
import { isNewRevisionRecord } from '../../shared/matching/stream-record.js';
import { ensureTable } from '../../shared/store/table.js';
import { type Config, ConfigError, loadConfig } from '../../shared/wiring/config.js';
import { consoleListener, servesConsole } from '../console-site.js';
import { type DynamoDbLocal, startDynamoDbLocal } from '../dynamodb-local.js';
import { jsonLineLogger, LOCAL_ADMIN_API_KEY } from '../local-runtime.js';
import { listenOnLoopback } from '../port.js';
import { createApiGateway } from './api-gateway.js';
import { FunctionProcess } from './function-process.js';
import { createLocalAwsResources, LOCAL_AWS, type LocalAwsResources, type Moto, startMoto } from './moto.js';
import { startSqsSource } from './sqs-source.js';
import { startStreamSource } from './stream-source.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The functions as the stack defines them: entry, timeout, and the variables their bindings set. */
const FUNCTIONS = {
  api: { entry: 'functions/api/index.ts', timeoutMs: 10_000 },
  matcher: { entry: 'functions/matcher/index.ts', timeoutMs: 300_000 },
  dispatcher: { entry: 'functions/dispatcher/index.ts', timeoutMs: 60_000 },
  scheduler: { entry: 'functions/scheduler/index.ts', timeoutMs: 300_000 },
} as const;

/** Variables for `npm start` that the deployed functions do not read (they get the AWS resources instead). */
const LOCAL_ONLY = ['PORT', 'DATA_DIR', 'ADMIN_API_KEY', 'AWS_PROFILE', 'QUEUE_VISIBILITY_TIMEOUT'];

export interface DistributedRuntime {
  url: string;
  port: number;
  adminApiKey: string;
  config: Config;
  /** Every function process: api, matcher, dispatcher-1, dispatcher-2, scheduler. */
  functions: FunctionProcess[];
  endpoints: { dynamodb: string; moto: string };
  queues: { delivery: string; deadLetter: string; matcherFailures: string };
  stop(): Promise<void>;
}

export interface DistributedRuntimeOptions {
  env?: NodeJS.ProcessEnv;
  log?: Log;
  /** Where the functions' own lines go (their JSON logs); stdout by default. */
  functionOutput?: (line: string) => void;
  dispatchers?: number;
}

/** QUEUE_VISIBILITY_TIMEOUT: seconds, as the stack's 90 by default; tests shorten it. */
function visibilityTimeoutSeconds(env: NodeJS.ProcessEnv): number {
  const text = env.QUEUE_VISIBILITY_TIMEOUT ?? '90';
  const seconds = Number(text.replace(/s$/, ''));
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 43_200) {
    throw new ConfigError(
      'environment variable QUEUE_VISIBILITY_TIMEOUT: whole seconds from 1 to 43200, such as 90 or 30s',
    );
  }
  return seconds;
}

const POWERTOOLS_LEVELS: Record<Config['logLevel'], string> = {
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  silent: 'SILENT',
};

/** What was started, stopped in reverse order (on `stop()`, or when a later step fails). */
type Stops = (() => Promise<void>)[];

/** The API Gateway in front of the api function, on PORT; it answers 5xx until the function is up. */
async function openGateway(config: Config, log: Log, stops: Stops) {
  let api: FunctionProcess | undefined;
  const server = createApiGateway({
    invoke: async (event) => {
      if (!api) throw new Error('the API is still starting');
      return api.invoke(event);
    },
    onError: (error) => log({ level: 'error', message: 'api invocation failed', error: String(error) }),
    // Requests while the processes start are answered 503 quietly: starting is not an error.
    ready: () => api !== undefined,
    site: { serves: servesConsole, listener: consoleListener() },
  });
  const port = await listenOnLoopback(server, config.port);
  stops.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return {
    port,
    /** From now on, requests go to this process. */
    route: (fn: FunctionProcess) => {
      api = fn;
    },
  };
}

/** DynamoDB Local (unless DYNAMODB_ENDPOINT names one) and moto_server, started side by side. */
async function startEngines(config: Config, stops: Stops): Promise<{ dynamodbEndpoint: string; moto: Moto }> {
  let engine: DynamoDbLocal | undefined;
  let moto: Moto | undefined;
  const [engineResult, motoResult] = await Promise.allSettled([
    config.dynamodbEndpoint
      ? Promise.resolve(undefined)
      : startDynamoDbLocal(config.dataDir ? { dataDir: config.dataDir } : {}),
    startMoto(),
  ]);
  if (engineResult.status === 'fulfilled') engine = engineResult.value;
  if (motoResult.status === 'fulfilled') moto = motoResult.value;
  if (engine) stops.push(() => (engine as DynamoDbLocal).stop());
  if (moto) stops.push(() => (moto as Moto).stop());
  if (engineResult.status === 'rejected') throw engineResult.reason;
  if (motoResult.status === 'rejected' || !moto) throw (motoResult as PromiseRejectedResult).reason;
  return { dynamodbEndpoint: config.dynamodbEndpoint ?? engine?.endpoint ?? '', moto };
}

/** The clients the event sources use, the table with its stream, and the queues, topic and secret. */
async function createResources(
  config: Config,
  engines: { dynamodbEndpoint: string; moto: Moto },
  settings: { adminApiKey: string; visibilityTimeoutSeconds: number },
  stops: Stops,
) {
  const dynamodb = new DynamoDBClient({ ...LOCAL_AWS, endpoint: engines.dynamodbEndpoint });
  const streams = new DynamoDBStreamsClient({ ...LOCAL_AWS, endpoint: engines.dynamodbEndpoint });
  const sqs = new SQSClient({ ...LOCAL_AWS, endpoint: engines.moto.endpoint });
  stops.push(async () => {
    dynamodb.destroy();
    streams.destroy();
    sqs.destroy();
  });
  await ensureTable(dynamodb, config.tableName);
  const streamArn = (await dynamodb.send(new DescribeTableCommand({ TableName: config.tableName }))).Table
    ?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${config.tableName} has no stream`);
  const resources = await createLocalAwsResources(engines.moto.endpoint, settings);
  return { streams, sqs, streamArn, resources };
}

/** The variables every function gets: those of `npm start` less the local-only ones, plus the resources. */
function functionBaseEnv(
  env: NodeJS.ProcessEnv,
  config: Config,
  engines: { dynamodbEndpoint: string; moto: Moto },
  resources: LocalAwsResources,
): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...env };
  for (const name of LOCAL_ONLY) delete base[name];
  Object.assign(base, {
    TABLE_NAME: config.tableName,
    DYNAMODB_ENDPOINT: engines.dynamodbEndpoint,
    AWS_REGION: LOCAL_AWS.region,
    AWS_ACCESS_KEY_ID: LOCAL_AWS.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_AWS.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_SQS: engines.moto.endpoint,
    AWS_ENDPOINT_URL_SNS: engines.moto.endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: engines.moto.endpoint,
    POWERTOOLS_SERVICE_NAME: 'material-alerts',
    POWERTOOLS_LOG_LEVEL: POWERTOOLS_LEVELS[config.logLevel],
    // Same rules as `npm start` (plain-http receivers), and the stats route's totals.
    WEBHOOK_REQUIRE_HTTPS: String(config.webhookPolicy.requireHttps),
    LOCAL_STATS: 'true',
    DELIVERY_QUEUE_URL: resources.deliveryQueueUrl,
    OPERATOR_TOPIC_ARN: resources.operatorTopicArn,
  });
  return base;
}

/** One process per function, as the stack defines them, each started and ready for its first event. */
async function startFunctions(
  base: NodeJS.ProcessEnv,
  resources: LocalAwsResources,
  options: { config: Config; log: Log; write: (line: string) => void; dispatchers: number },
  stops: Stops,
) {
  const { config, log, write } = options;
  const output = (line: string) => {
    // EMF documents are for CloudWatch; GET /v1/admin/stats has the same counts.
    if (line.includes('"_aws":') && config.logLevel !== 'debug') return;
    write(line);
  };
  const make = (name: string, kind: keyof typeof FUNCTIONS, extra: Record<string, string> = {}) =>
    new FunctionProcess({
      name: `material-alerts-${name}`,
      entry: `${ROOT}${FUNCTIONS[kind].entry}`,
      env: { ...base, AWS_LAMBDA_FUNCTION_NAME: `material-alerts-${name}`, ...extra },
      timeoutMs: FUNCTIONS[kind].timeoutMs,
      onOutput: output,
      onExit: ({ name: which, pid, code, signal }) =>
        log({
          level: 'warn',
          message: 'function process died; the next invocation starts a new one',
          function: which,
          pid,
          ...(signal ? { signal } : { code }),
        }),
    });
  const api = make('api', 'api', { ADMIN_API_KEY_SECRET_ARN: resources.adminApiKeySecretArn });
  const matcher = make('matcher', 'matcher');
  const dispatchers = Array.from({ length: options.dispatchers }, (_, i) =>
    make(`dispatcher-${i + 1}`, 'dispatcher', { DEAD_LETTER_QUEUE_URL: resources.deadLetterQueueUrl }),
  );
  const scheduler = make('scheduler', 'scheduler');
  const all = [api, matcher, ...dispatchers, scheduler];
  stops.push(async () => {
    await Promise.all(all.map((fn) => fn.stop()));
  });
  await Promise.all(all.map((fn) => fn.start()));
  return { api, matcher, dispatchers, scheduler, all };
}

/**
 * The matcher's event source mapping on the table's stream: new revisions in batches of 10, a
 * batch given up after 10 attempts to the failure queue, as Lambda's on-failure destination does.
 */
function startStreamMapping(
  matcher: FunctionProcess,
  source: { streams: DynamoDBStreamsClient; sqs: SQSClient; streamArn: string; resources: LocalAwsResources },
  log: Log,
  stops: Stops,
): void {
  const { sqs, streamArn, resources } = source;
  const stream = startStreamSource({
    streams: source.streams,
    streamArn,
    region: LOCAL_AWS.region,
    batchSize: 10,
    retryAttempts: 10,
    filter: isNewRevisionRecord,
    invoke: (event) => matcher.invoke(event),
    onFailure: async ({ shardId, records, error }) => {
      const first = records[0]?.dynamodb?.SequenceNumber;
      const last = records[records.length - 1]?.dynamodb?.SequenceNumber;
      log({
        level: 'error',
        message: 'matcher batch given up; sent to the failure queue',
        shardId,
        first,
        last,
        error,
      });
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: resources.matcherFailureQueueUrl,
          MessageBody: JSON.stringify({
            requestContext: { condition: 'RetryAttemptsExhausted', functionError: error },
            DDBStreamBatchInfo: {
              shardId,
              startSequenceNumber: first,
              endSequenceNumber: last,
              streamArn,
              batchSize: records.length,
            },
          }),
        }),
      );
    },
    log,
  });
  stops.push(() => stream.stop());
}

/** Each dispatcher's event source mapping on the delivery queue. */
function startQueueMappings(
  dispatchers: FunctionProcess[],
  source: { sqs: SQSClient; resources: LocalAwsResources },
  log: Log,
  stops: Stops,
): void {
  const consumers = dispatchers.map((dispatcher) =>
    startSqsSource({
      sqs: source.sqs,
      queueUrl: source.resources.deliveryQueueUrl,
      queueArn: source.resources.deliveryQueueArn,
      region: LOCAL_AWS.region,
      invoke: (event) => dispatcher.invoke(event),
      log,
    }),
  );
  stops.push(async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
  });
}

/** EventBridge's schedule: one run at a time, every SCHEDULER_INTERVAL. */
function startSchedule(scheduler: FunctionProcess, config: Config, log: Log, stops: Stops): void {
  let schedulerRun: Promise<unknown> | undefined;
  const schedulerTimer = setInterval(() => {
    if (schedulerRun) return;
    const event: ScheduledEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      time: new Date().toISOString(),
      region: LOCAL_AWS.region,
      resources: [`arn:aws:events:${LOCAL_AWS.region}:000000000000:rule/material-alerts-scheduler`],
      detail: {},
    };
    schedulerRun = scheduler
      .invoke(event)
      .catch((error: unknown) =>
        log({ level: 'error', message: 'scheduler invocation failed', error: String(error) }),
      )
      .finally(() => {
        schedulerRun = undefined;
      });
  }, config.schedulerIntervalMs);
  stops.push(async () => {
    clearInterval(schedulerTimer);
    await schedulerRun;
  });
}

/**
 * The deployed topology on this machine: each function in its own process behind the piece of
 * AWS that invokes it (API Gateway, the DynamoDB stream and SQS event source mappings, the
 * EventBridge schedule), with DynamoDB Local for the table and moto_server for SQS, SNS and
 * Secrets Manager. Same port, admin key and variables as `npm start`.
 *
 * @example
 * const runtime = await startDistributedRuntime({ env: { ...process.env, PORT: '0' } });
 * await runtime.stop();
 */
export async function startDistributedRuntime(
  options: DistributedRuntimeOptions = {},
): Promise<DistributedRuntime> {
  const env = options.env ?? process.env;
  const config = loadConfig(env, { local: true });
  const visibility = visibilityTimeoutSeconds(env);
  const log = options.log ?? jsonLineLogger(config.logLevel);
  const write = options.functionOutput ?? ((line: string) => process.stdout.write(`${line}\n`));
  const adminApiKey = config.adminApiKey ?? LOCAL_ADMIN_API_KEY;
  const stops: Stops = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };

  // The port first: a taken port is reported before anything else starts.
  const gateway = await openGateway(config, log, stops);
  try {
    const engines = await startEngines(config, stops);
    const source = await createResources(
      config,
      engines,
      { adminApiKey, visibilityTimeoutSeconds: visibility },
      stops,
    );
    const { resources } = source;
    const base = functionBaseEnv(env, config, engines, resources);
    const functions = await startFunctions(
      base,
      resources,
      { config, log, write, dispatchers: options.dispatchers ?? 2 },
      stops,
    );
    gateway.route(functions.api);
    startStreamMapping(functions.matcher, source, log, stops);
    startQueueMappings(functions.dispatchers, source, log, stops);
    startSchedule(functions.scheduler, config, log, stops);

    return {
      url: `http://127.0.0.1:${gateway.port}`,
      port: gateway.port,
      adminApiKey,
      config,
      functions: functions.all,
      endpoints: { dynamodb: engines.dynamodbEndpoint, moto: engines.moto.endpoint },
      queues: {
        delivery: resources.deliveryQueueUrl,
        deadLetter: resources.deadLetterQueueUrl,
        matcherFailures: resources.matcherFailureQueueUrl,
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
