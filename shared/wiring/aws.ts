import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import { EndpointStore } from '../delivery/endpoint/endpoint-store.js';
import { SnsNotifier } from '../delivery/notify/sns-notifier.js';
import { SqsDeliveryQueue } from '../delivery/queue/sqs-queue.js';
import { combinedMetrics, type MetricsRecorder } from '../kernel/metrics.js';
import { type Log, redactingLog } from '../kernel/redaction.js';
import { emfMetrics } from '../operations/emf-metrics.js';
import { storedCounters } from '../store/stats-store.js';
import { hashApiKey } from '../store/subscriber-store.js';
import { documentClient } from '../store/table.js';
import { type Config, ConfigError } from './config.js';
import { createStores, defaultSender, type Services } from './services.js';

/** One logger per function container, so the Lambda context added per invocation is on every line. */
export const logger = new Logger();

/** Clients made once per cold start; the SDK's standard retry mode backs off on throttling. */
export interface AwsClients {
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
  sns: SNSClient;
}

/**
 * The clients, each passed through `capture` (`traced` from ./tracing.js where every call should be
 * an X-Ray subsegment).
 */
export function awsClients(
  config: Pick<Config, 'dynamodbEndpoint'>,
  capture: <T>(client: T) => T = (client) => client,
): AwsClients {
  const retry = { maxAttempts: 8, retryMode: 'adaptive' as const };
  return {
    dynamodb: capture(
      new DynamoDBClient({
        ...retry,
        ...(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {}),
      }),
    ),
    sqs: capture(new SQSClient(retry)),
    sns: capture(new SNSClient(retry)),
  };
}

/** The services over real AWS, for the Lambda functions. */
export function awsServices(config: Config, clients: AwsClients = awsClients(config)): Services {
  if (!config.deliveryQueueUrl)
    throw new ConfigError('environment variable DELIVERY_QUEUE_URL is required on Lambda');
  const stores = createStores(clients.dynamodb, config.tableName, {
    catalogueCacheTtlMs: config.catalogueCacheTtlMs,
    log: powertoolsLog(),
    retention: config.retention,
    // SQS holds each first attempt until it is handled (then the dead-letter queue does).
    durableQueue: true,
  });
  return {
    ...stores,
    metrics: awsMetrics(config, stores.stats),
    queue: new SqsDeliveryQueue(clients.sqs, config.deliveryQueueUrl),
    notifier: new SnsNotifier(clients.sns, config.operatorTopicArn),
    sender: defaultSender(config),
    clock: () => new Date(),
    endpoints: new EndpointStore(
      { doc: documentClient(clients.dynamodb), tableName: config.tableName },
      config.endpointRules,
      config.dispatcherMaxConcurrency !== undefined
        ? { fleetConcurrency: config.dispatcherMaxConcurrency }
        : {},
    ),
  };
}

/**
 * The bootstrap admin key's hash: from ADMIN_API_KEY, or read once from Secrets Manager
 * (ADMIN_API_KEY_SECRET_ARN) on first use and kept for the life of the container.
 */
export function adminKeyHashSource(
  config: Pick<Config, 'adminApiKey' | 'adminApiKeySecretArn'>,
  client: () => SecretsManagerClient = () => new SecretsManagerClient({}),
): () => Promise<string | undefined> {
  if (config.adminApiKey) {
    const hash = hashApiKey(config.adminApiKey);
    return async () => hash;
  }
  const arn = config.adminApiKeySecretArn;
  if (!arn) return async () => undefined;
  let cached: Promise<string | undefined> | undefined;
  return () => {
    cached ??= client()
      .send(new GetSecretValueCommand({ SecretId: arn }))
      .then((secret) => (secret.SecretString ? hashApiKey(secret.SecretString) : undefined))
      .catch((error: unknown) => {
        cached = undefined;
        throw error;
      });
    return cached;
  };
}

/** EMF for CloudWatch; in local modes also the stored totals behind `GET /v1/admin/stats`. */
export function awsMetrics(
  config: Pick<Config, 'localStats'>,
  stats: Parameters<typeof storedCounters>[0],
): MetricsRecorder {
  return config.localStats ? combinedMetrics(emfMetrics(), storedCounters(stats)) : emfMetrics();
}

/**
 * A Powertools logger behind the `log(entry)` shape the shared code uses; every entry is redacted
 * first (secrets, keys, phone numbers, e-mail addresses), in every function.
 */
export function powertoolsLog(target: Logger = logger): Log {
  return redactingLog(({ level, message, ...rest }) => {
    const text = typeof message === 'string' ? message : 'event';
    if (level === 'error') target.error(text, rest);
    else if (level === 'warn') target.warn(text, rest);
    else if (level === 'debug') target.debug(text, rest);
    else target.info(text, rest);
  });
}

/**
 * A Lambda handler with the invocation's context on every log line and the invocation's metrics
 * flushed as it ends, whether it succeeded or not.
 */
export function lambdaHandler<E, C extends Context | undefined, R>(
  metrics: MetricsRecorder | undefined,
  handle: (event: E, context: C) => Promise<R>,
): (event: E, context: C) => Promise<R> {
  return async (event, context) => {
    if (context) logger.addContext(context);
    try {
      return await handle(event, context);
    } finally {
      try {
        await metrics?.flush();
      } catch (error) {
        // Lost counts must not fail (and so repeat) work that was done.
        logger.warn('metrics flush failed', { error: String(error) });
      }
    }
  };
}
