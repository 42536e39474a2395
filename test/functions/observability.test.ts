import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AWS, type Moto, startMoto } from '../../local/distributed/moto.js';
import { generateWebhookSecret } from '../../shared/delivery/webhooks/signing.js';
import { newId } from '../../shared/kernel/ids.js';
import { buildAlert } from '../../shared/matching/build-alert.js';
import type { PolicyChange } from '../../shared/model/policy-change.js';
import type { Subscription } from '../../shared/model/subscription.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';
import { lambdaContext, setLambdaEnv } from './lambda-env.js';

type DispatcherHandler = (
  event: SQSEvent,
  context: ReturnType<typeof lambdaContext>,
) => Promise<SQSBatchResponse>;

let table: TestTable;
let moto: Moto;
let sqs: SQSClient;
let handler: DispatcherHandler;
let deadLetterQueueUrl: string;
const servers: Server[] = [];

beforeAll(async () => {
  table = await createTestTable();
  moto = await startMoto();
  sqs = new SQSClient({ ...LOCAL_AWS, endpoint: moto.endpoint });
  const queue = await sqs.send(new CreateQueueCommand({ QueueName: 'deliveries' }));
  // The dead-letter queue is made only later: until then, copying to it fails.
  deadLetterQueueUrl = `${moto.endpoint}/123456789012/deliveries-dlq`;
  setLambdaEnv(table, {
    DELIVERY_QUEUE_URL: queue.QueueUrl ?? '',
    DEAD_LETTER_QUEUE_URL: deadLetterQueueUrl,
    AWS_ENDPOINT_URL_SQS: moto.endpoint,
    AWS_ENDPOINT_URL_SNS: moto.endpoint,
    POWERTOOLS_LOG_LEVEL: 'INFO',
    POWERTOOLS_SERVICE_NAME: 'material-alerts',
    LOCAL_STATS: 'true',
    RETRY_SCHEDULE: '3s,6s',
    WEBHOOK_TIMEOUT: '2s',
  });
  ({ handler } = (await import('../../functions/dispatcher/index.js')) as { handler: DispatcherHandler });
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  sqs?.destroy();
  await moto?.stop();
  table?.client.destroy();
});

async function receiver(status: number): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(status).end());
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

async function webhookDelivery(url: string) {
  const now = new Date();
  const subscription: Subscription = {
    id: newId('sub', now),
    subscriberId: newId('sbr', now),
    name: 'Gallium',
    filters: { materials: ['gallium'] },
    webhook: {
      url,
      secrets: [{ secret: generateWebhookSecret(), createdAt: now.toISOString() }],
      status: 'enabled',
    },
    status: 'active',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  await table.subscriptions.create(subscription);
  const change: PolicyChange = {
    id: newId('pc', now),
    revision: 1,
    source: 'mofcom',
    sourceRef: newId('ref'),
    title: 'Gallium licence requirement',
    issuingRegion: 'CN',
    originRegions: ['CN'],
    affectedRegions: ['*'],
    materials: ['gallium'],
    itemTypes: ['goods'],
    changeType: 'licence-requirement',
    direction: 'tightening',
    severity: 'high',
    ingestedAt: now.toISOString(),
    matching: { status: 'completed', matchedSubscriptions: 1 },
  };
  const alert = buildAlert({
    change,
    subscriptionId: subscription.id,
    subscriberId: subscription.subscriberId,
    type: 'policy_change.published',
    match: { materials: [{ change: 'gallium', filter: 'gallium' }] },
    now,
  });
  const { toSend } = await table.deliveries.createAlert(alert, ['webhook']);
  return { alert, deliveryId: toSend[0]?.id ?? '' };
}

function record(deliveryId: string, receiveCount: number): SQSRecord {
  return {
    messageId: `m-${deliveryId}-${receiveCount}`,
    receiptHandle: `r-${deliveryId}-${receiveCount}`,
    body: JSON.stringify({ deliveryId }),
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: String(Date.now()),
      SenderId: '123456789012',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:deliveries',
    awsRegion: 'us-east-1',
  };
}

/** Runs `work` with stdout and stderr captured line by line (JSON logs, warn and error on stderr, EMF). */
async function captured<T>(work: () => Promise<T>): Promise<{ result: T; lines: Record<string, unknown>[] }> {
  const lines: string[] = [];
  const streams = [process.stdout, process.stderr];
  const writes = streams.map((stream) => stream.write.bind(stream));
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    }) as typeof stream.write;
  }
  try {
    const result = await work();
    return { result, lines: lines.flatMap((line) => (line.startsWith('{') ? [JSON.parse(line)] : [])) };
  } finally {
    streams.forEach((stream, i) => {
      stream.write = writes[i] as typeof stream.write;
    });
  }
}

describe('dispatcher function: logs, metrics and dead-letter copies', () => {
  it('a failed attempt is a warn line with its reason, the delivery ids and the Lambda context, and a metric', async () => {
    const { alert, deliveryId } = await webhookDelivery(await receiver(500));
    const context = lambdaContext('material-alerts-dispatcher');

    const { result, lines } = await captured(() => handler({ Records: [record(deliveryId, 1)] }, context));

    expect(result.batchItemFailures).toHaveLength(1);
    const failed = lines.find((line) => line.message === 'delivery attempt failed');
    expect(failed).toMatchObject({
      level: 'WARN',
      service: 'material-alerts',
      function_name: 'material-alerts-dispatcher',
      function_request_id: context.awsRequestId,
      deliveryId,
      alertId: alert.alertId,
      policyChangeId: alert.policyChangeId,
      channel: 'webhook',
      statusCode: 500,
      reason: expect.stringContaining('500'),
    });
    const emf = lines.find((line) => JSON.stringify(line).includes('"DeliveriesFailed"'));
    expect(emf).toMatchObject({
      _aws: { CloudWatchMetrics: [expect.objectContaining({ Namespace: 'MaterialAlerts' })] },
      Channel: 'webhook',
      service: 'material-alerts',
      DeliveriesFailed: 1,
    });
    const stats = await table.stats.read();
    expect(stats.DeliveriesFailed.byChannel).toEqual({ webhook: 1 });
    expect(stats.AttemptLatency.count).toBe(1);
  });

  it('a dead delivery is an error line; its dead-letter copy, if refused, is sent when the message comes back', async () => {
    const { deliveryId } = await webhookDelivery(await receiver(410));
    const context = lambdaContext('material-alerts-dispatcher');

    const first = await captured(() => handler({ Records: [record(deliveryId, 1)] }, context));
    // The copy could not be written (no such queue yet): the message is reported, to come back.
    expect(first.result.batchItemFailures).toEqual([{ itemIdentifier: `m-${deliveryId}-1` }]);
    expect(first.lines.find((line) => line.message === 'delivery dead')).toMatchObject({
      level: 'ERROR',
      deliveryId,
      deadReason: expect.stringContaining('410'),
    });
    expect((await table.deliveries.getDelivery(deliveryId))?.status).toBe('dead');

    await sqs.send(new CreateQueueCommand({ QueueName: 'deliveries-dlq' }));
    const second = await handler({ Records: [record(deliveryId, 2)] }, context);
    expect(second.batchItemFailures).toEqual([]);
    const copies = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: deadLetterQueueUrl,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
      }),
    );
    expect(copies.Messages?.map((message) => JSON.parse(message.Body ?? '{}'))).toEqual([
      { deliveryId, reason: expect.stringContaining('410') },
    ]);
  });
});
