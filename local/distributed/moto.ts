import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { freePort } from '../dynamodb-local.js';

/** moto_server is missing or did not start; the message says what to install. */
export class MotoError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MotoError';
  }
}

export interface Moto {
  endpoint: string;
  stop(): Promise<void>;
}

/** Credentials and region every local client uses; moto accepts any. */
export const LOCAL_AWS = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
} as const;

/** Starts `moto_server` (SQS, SNS and Secrets Manager in one process) on a free loopback port. */
export async function startMoto(timeoutMs = 30_000): Promise<Moto> {
  const found = spawnSync('moto_server', ['--help'], { stdio: 'ignore' });
  if (found.error || found.status !== 0) {
    throw new MotoError(
      "the distributed mode serves SQS, SNS and Secrets Manager with moto_server, which was not found on the PATH. Install it with `pip install 'moto[server]'` (or `pipx install 'moto[server]'`) and try again.",
      { cause: found.error },
    );
  }
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new MotoError(`moto_server exited while starting:\n${stderr}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      await response.arrayBuffer();
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new MotoError(`moto_server did not answer on ${endpoint} within ${timeoutMs} ms\n${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    endpoint,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface LocalAwsResources {
  deliveryQueueUrl: string;
  deliveryQueueArn: string;
  deadLetterQueueUrl: string;
  matcherFailureQueueUrl: string;
  operatorTopicArn: string;
  adminApiKeySecretArn: string;
}

/**
 * The stack's queues, topic and secret (infra/stack.ts), made on moto: the delivery queue with its
 * dead-letter queue after 20 receives, the matcher's on-failure queue, the operator topic and the
 * bootstrap admin key's secret.
 */
export async function createLocalAwsResources(
  endpoint: string,
  options: { adminApiKey: string; visibilityTimeoutSeconds: number },
): Promise<LocalAwsResources> {
  const sqs = new SQSClient({ ...LOCAL_AWS, endpoint });
  const sns = new SNSClient({ ...LOCAL_AWS, endpoint });
  const secrets = new SecretsManagerClient({ ...LOCAL_AWS, endpoint });
  try {
    const arnOf = async (QueueUrl: string) =>
      (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes
        ?.QueueArn ?? '';
    const dlq = await sqs.send(
      new CreateQueueCommand({
        QueueName: 'material-alerts-delivery-dlq',
        Attributes: { MessageRetentionPeriod: '1209600' },
      }),
    );
    const deadLetterQueueUrl = dlq.QueueUrl ?? '';
    const delivery = await sqs.send(
      new CreateQueueCommand({
        QueueName: 'material-alerts-delivery',
        Attributes: {
          VisibilityTimeout: String(options.visibilityTimeoutSeconds),
          MessageRetentionPeriod: String(4 * 86_400),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: await arnOf(deadLetterQueueUrl),
            maxReceiveCount: 20,
          }),
        },
      }),
    );
    const deliveryQueueUrl = delivery.QueueUrl ?? '';
    const failures = await sqs.send(
      new CreateQueueCommand({ QueueName: 'material-alerts-matcher-failures' }),
    );
    const topic = await sns.send(new CreateTopicCommand({ Name: 'material-alerts-operator' }));
    const secret = await secrets.send(
      new CreateSecretCommand({
        Name: `material-alerts-admin-api-key-${Date.now()}`,
        SecretString: options.adminApiKey,
      }),
    );
    return {
      deliveryQueueUrl,
      deliveryQueueArn: await arnOf(deliveryQueueUrl),
      deadLetterQueueUrl,
      matcherFailureQueueUrl: failures.QueueUrl ?? '',
      operatorTopicArn: topic.TopicArn ?? '',
      adminApiKeySecretArn: secret.ARN ?? '',
    };
  } finally {
    sqs.destroy();
    sns.destroy();
    secrets.destroy();
  }
}
