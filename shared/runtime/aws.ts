import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type Config, ConfigError } from '../config.js';
import { SnsNotifier } from '../notify/sns-notifier.js';
import { SqsDeliveryQueue } from '../queue/sqs-queue.js';
import { EndpointStore } from '../store/endpoint-store.js';
import { hashApiKey } from '../store/subscriber-store.js';
import { documentClient } from '../store/table.js';
import { createStores, defaultSender, type Services } from './services.js';

/** Clients made once per cold start; the SDK's standard retry mode backs off on throttling. */
export interface AwsClients {
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
  sns: SNSClient;
}

export function awsClients(config: Pick<Config, 'dynamodbEndpoint'>): AwsClients {
  const retry = { maxAttempts: 8, retryMode: 'adaptive' as const };
  return {
    dynamodb: new DynamoDBClient({
      ...retry,
      ...(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {}),
    }),
    sqs: new SQSClient(retry),
    sns: new SNSClient(retry),
  };
}

/** The services over real AWS, for the Lambda functions. */
export function awsServices(config: Config, clients: AwsClients = awsClients(config)): Services {
  if (!config.deliveryQueueUrl)
    throw new ConfigError('environment variable DELIVERY_QUEUE_URL is required on Lambda');
  return {
    ...createStores(clients.dynamodb, config.tableName, {
      catalogueCacheTtlMs: config.catalogueCacheTtlMs,
      log: powertoolsLog(),
    }),
    queue: new SqsDeliveryQueue(clients.sqs, config.deliveryQueueUrl),
    notifier: new SnsNotifier(clients.sns, config.operatorTopicArn),
    sender: defaultSender(config),
    clock: () => new Date(),
    endpoints: new EndpointStore(
      { doc: documentClient(clients.dynamodb), tableName: config.tableName },
      config.endpointRules,
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

/** A Powertools logger behind the `log(entry)` shape the shared code uses. */
export function powertoolsLog(logger = new Logger()): (entry: Record<string, unknown>) => void {
  return ({ level, message, ...rest }) => {
    const text = typeof message === 'string' ? message : 'event';
    if (level === 'error') logger.error(text, rest);
    else if (level === 'warn') logger.warn(text, rest);
    else if (level === 'debug') logger.debug(text, rest);
    else logger.info(text, rest);
  };
}
