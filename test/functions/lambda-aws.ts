import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { LOCAL_AWS, startMoto } from '../../local/distributed/moto.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';
import { setLambdaEnv } from './lambda-env.js';

/** What an SQS subscriber of an SNS topic receives (the standard envelope). */
export interface SnsEnvelope {
  TopicArn: string;
  Message: string;
  MessageAttributes?: Record<string, { Type: string; Value: string }>;
}

/**
 * SQS and SNS on moto_server for a handler test: the delivery queue, the operator topic, and a
 * queue subscribed to the topic so what a handler publishes can be read back. `env` is what
 * `setLambdaEnv` needs to point the handler's clients at it.
 */
export async function startLambdaAws() {
  const moto = await startMoto();
  const sqs = new SQSClient({ ...LOCAL_AWS, endpoint: moto.endpoint });
  const sns = new SNSClient({ ...LOCAL_AWS, endpoint: moto.endpoint });
  const createQueue = async (name: string) =>
    (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl ?? '';
  const deliveryQueueUrl = await createQueue('deliveries');
  const operatorFeedUrl = await createQueue('operator-feed');
  const topicArn =
    (await sns.send(new CreateTopicCommand({ Name: 'material-alerts-operator' }))).TopicArn ?? '';
  await sns.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: 'sqs',
      Endpoint: 'arn:aws:sqs:us-east-1:123456789012:operator-feed',
    }),
  );

  /** Every message visible on the queue now (a delayed one is not yet), taken off it. */
  const drain = async (queueUrl: string): Promise<Message[]> => {
    const taken: Message[] = [];
    for (;;) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
      );
      if (Messages.length === 0) return taken;
      for (const message of Messages) {
        taken.push(message);
        await sqs.send(
          new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }),
        );
      }
    }
  };

  return {
    deliveryQueueUrl,
    topicArn,
    env: {
      DELIVERY_QUEUE_URL: deliveryQueueUrl,
      OPERATOR_TOPIC_ARN: topicArn,
      AWS_ENDPOINT_URL_SQS: moto.endpoint,
      AWS_ENDPOINT_URL_SNS: moto.endpoint,
    },
    /** The bodies on the delivery queue, due now, taken off it. */
    queued: async (): Promise<string[]> => (await drain(deliveryQueueUrl)).map((m) => m.Body ?? ''),
    /** What was published to the operator topic since the last call. */
    published: async (): Promise<SnsEnvelope[]> =>
      (await drain(operatorFeedUrl)).map((m) => JSON.parse(m.Body ?? '{}') as SnsEnvelope),
    /** Deletes the delivery queue (sends to it fail), then makes it again under the same URL. */
    withoutDeliveryQueue: async <T>(work: () => Promise<T>): Promise<T> => {
      await sqs.send(new DeleteQueueCommand({ QueueUrl: deliveryQueueUrl }));
      try {
        return await work();
      } finally {
        await createQueue('deliveries');
      }
    },
    async stop() {
      sqs.destroy();
      sns.destroy();
      await moto.stop();
    },
  };
}

export type LambdaAws = Awaited<ReturnType<typeof startLambdaAws>>;

/**
 * A function's handler over a fresh table and moto: `load` imports its module once the environment
 * a deployed function sees is set (handler modules read it at import).
 */
export async function loadHandlerOnMoto<H>(
  load: () => Promise<unknown>,
): Promise<{ table: TestTable; aws: LambdaAws; handler: H; stop(): Promise<void> }> {
  const table = await createTestTable();
  const aws = await startLambdaAws();
  setLambdaEnv(table, aws.env);
  const { handler } = (await load()) as { handler: H };
  return {
    table,
    aws,
    handler,
    async stop() {
      await aws.stop();
      table.client.destroy();
    },
  };
}
