import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { ScheduledEvent } from 'aws-lambda';
import { isNewRevisionRecord } from '../../shared/matching/stream-record.js';
import { ensureTable } from '../../shared/store/table.js';
import { type Config, ConfigError, loadConfig } from '../../shared/wiring/config.js';
import { type DynamoDbLocal, startDynamoDbLocal } from '../dynamodb-local.js';
import { jsonLineLogger, LOCAL_ADMIN_API_KEY } from '../local-runtime.js';
import { listenOnLoopback } from '../port.js';
import { createApiGateway } from './api-gateway.js';
import { FunctionProcess } from './function-process.js';
import { createLocalAwsResources, LOCAL_AWS, type Moto, startMoto } from './moto.js';
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
  log?: (entry: Record<string, unknown>) => void;
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
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };

  // The port first: a taken port is reported before anything else starts.
  let api: FunctionProcess | undefined;
  const server = createApiGateway({
    invoke: async (event) => {
      if (!api) throw new Error('the API is still starting');
      return api.invoke(event);
    },
    onError: (error) => log({ level: 'error', message: 'api invocation failed', error: String(error) }),
  });
  const port = await listenOnLoopback(server, config.port);
  stops.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  try {
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
    const dynamodbEndpoint = config.dynamodbEndpoint ?? engine?.endpoint ?? '';

    const dynamodb = new DynamoDBClient({ ...LOCAL_AWS, endpoint: dynamodbEndpoint });
    const streams = new DynamoDBStreamsClient({ ...LOCAL_AWS, endpoint: dynamodbEndpoint });
    const sqs = new SQSClient({ ...LOCAL_AWS, endpoint: moto.endpoint });
    stops.push(async () => {
      dynamodb.destroy();
      streams.destroy();
      sqs.destroy();
    });
    await ensureTable(dynamodb, config.tableName);
    const streamArn = (await dynamodb.send(new DescribeTableCommand({ TableName: config.tableName }))).Table
      ?.LatestStreamArn;
    if (!streamArn) throw new Error(`table ${config.tableName} has no stream`);
    const resources = await createLocalAwsResources(moto.endpoint, {
      adminApiKey,
      visibilityTimeoutSeconds: visibility,
    });

    const base: NodeJS.ProcessEnv = { ...env };
    for (const name of LOCAL_ONLY) delete base[name];
    Object.assign(base, {
      TABLE_NAME: config.tableName,
      DYNAMODB_ENDPOINT: dynamodbEndpoint,
      AWS_REGION: LOCAL_AWS.region,
      AWS_ACCESS_KEY_ID: LOCAL_AWS.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_AWS.credentials.secretAccessKey,
      AWS_ENDPOINT_URL_SQS: moto.endpoint,
      AWS_ENDPOINT_URL_SNS: moto.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: moto.endpoint,
      POWERTOOLS_SERVICE_NAME: 'material-alerts',
      POWERTOOLS_LOG_LEVEL: POWERTOOLS_LEVELS[config.logLevel],
      // Same rules as `npm start` (plain-http receivers), and the stats route's totals.
      WEBHOOK_REQUIRE_HTTPS: String(config.webhookPolicy.requireHttps),
      LOCAL_STATS: 'true',
      DELIVERY_QUEUE_URL: resources.deliveryQueueUrl,
      OPERATOR_TOPIC_ARN: resources.operatorTopicArn,
    });
    const functionEnv = (name: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
      ...base,
      AWS_LAMBDA_FUNCTION_NAME: `material-alerts-${name}`,
      ...extra,
    });
    const output = (line: string) => {
      // EMF documents are for CloudWatch; GET /v1/admin/stats has the same counts.
      if (line.includes('"_aws":') && config.logLevel !== 'debug') return;
      write(line);
    };
    const make = (name: string, kind: keyof typeof FUNCTIONS, extra: Record<string, string> = {}) =>
      new FunctionProcess({
        name: `material-alerts-${name}`,
        entry: `${ROOT}${FUNCTIONS[kind].entry}`,
        env: functionEnv(name, extra),
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
    const apiProcess = make('api', 'api', { ADMIN_API_KEY_SECRET_ARN: resources.adminApiKeySecretArn });
    const matcher = make('matcher', 'matcher');
    const dispatchers = Array.from({ length: options.dispatchers ?? 2 }, (_, i) =>
      make(`dispatcher-${i + 1}`, 'dispatcher', { DEAD_LETTER_QUEUE_URL: resources.deadLetterQueueUrl }),
    );
    const scheduler = make('scheduler', 'scheduler');
    const functions = [apiProcess, matcher, ...dispatchers, scheduler];
    stops.push(async () => {
      await Promise.all(functions.map((fn) => fn.stop()));
    });
    await Promise.all(functions.map((fn) => fn.start()));
    api = apiProcess;

    const stream = startStreamSource({
      streams,
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
    const consumers = dispatchers.map((dispatcher) =>
      startSqsSource({
        sqs,
        queueUrl: resources.deliveryQueueUrl,
        queueArn: resources.deliveryQueueArn,
        region: LOCAL_AWS.region,
        invoke: (event) => dispatcher.invoke(event),
        log,
      }),
    );
    stops.push(async () => {
      await Promise.all(consumers.map((consumer) => consumer.stop()));
    });

    // EventBridge's schedule: one run at a time, every SCHEDULER_INTERVAL.
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

    return {
      url: `http://127.0.0.1:${port}`,
      port,
      adminApiKey,
      config,
      functions,
      endpoints: { dynamodb: dynamodbEndpoint, moto: moto.endpoint },
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
