import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import { ChangeMessageVisibilityCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateWebhookSecret } from '../../shared/delivery/webhooks/signing.js';
import { newId } from '../../shared/kernel/ids.js';
import { buildAlert } from '../../shared/matching/build-alert.js';
import type { Alert } from '../../shared/model/delivery.js';
import type { PolicyChange } from '../../shared/model/policy-change.js';
import type { Subscription } from '../../shared/model/subscription.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';
import { lambdaContext, QUEUE_URL, setLambdaEnv } from './lambda-env.js';

type DispatcherHandler = (
  event: SQSEvent,
  context: ReturnType<typeof lambdaContext>,
) => Promise<SQSBatchResponse>;

const DEAD_LETTER_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/q-dlq';
const sqsMock = mockClient(SQSClient);
let table: TestTable;
let handler: DispatcherHandler;

beforeAll(async () => {
  table = await createTestTable();
  setLambdaEnv(table, { RETRY_SCHEDULE: '3s,6s', WEBHOOK_TIMEOUT: '2s', DEAD_LETTER_QUEUE_URL });
  ({ handler } = (await import('../../functions/dispatcher/index.js')) as { handler: DispatcherHandler });
});

beforeEach(() => {
  sqsMock.reset();
  sqsMock.on(ChangeMessageVisibilityCommand).resolves({});
  sqsMock.on(SendMessageCommand).resolves({ MessageId: 'dlq-1' });
});

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

afterAll(() => {
  sqsMock.restore();
  table.client.destroy();
});

interface Receiver {
  url: string;
  hits: { headers: IncomingHttpHeaders; body: string }[];
}

async function receiver(statusCode: number): Promise<Receiver> {
  const hits: Receiver['hits'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      hits.push({ headers: req.headers, body });
      res.writeHead(statusCode).end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, hits };
}

/** A subscription with a webhook to `url` and one alert for it, stored as the matcher leaves them. */
async function pendingWebhookDelivery(url: string) {
  const now = new Date();
  const secret = generateWebhookSecret();
  const subscription: Subscription = {
    id: newId('sub', now),
    subscriberId: newId('sbr', now),
    name: 'Rare-earth magnets',
    filters: { materials: ['rare-earths'] },
    webhook: { url, secrets: [{ secret, createdAt: now.toISOString() }], status: 'enabled' },
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
    sourceRef: `announcement-${newId('ref')}`,
    title: 'Export controls on medium and heavy rare earths',
    issuingRegion: 'CN',
    originRegions: ['CN'],
    affectedRegions: ['*'],
    materials: ['dysprosium', 'terbium'],
    itemTypes: ['goods'],
    changeType: 'licence-requirement',
    direction: 'tightening',
    severity: 'critical',
    ingestedAt: now.toISOString(),
    matching: { status: 'completed', matchedSubscriptions: 1 },
  };
  const alert: Alert = buildAlert({
    change,
    subscriptionId: subscription.id,
    subscriberId: subscription.subscriberId,
    type: 'policy_change.published',
    match: { materials: [{ change: 'dysprosium', filter: 'rare-earths' }] },
    now,
  });
  const { toSend } = await table.deliveries.createAlert(alert, ['webhook']);
  const id = toSend[0]?.id;
  if (!id) throw new Error('no delivery created');
  return { alert, secret, deliveryId: id, subscriptionId: subscription.id };
}

let messageCounter = 0;

function sqsRecord(deliveryId: string): SQSRecord {
  messageCounter += 1;
  return {
    messageId: `059f36b4-87a3-44ab-83d2-${String(messageCounter).padStart(12, '0')}`,
    receiptHandle: `AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a-${messageCounter}`,
    body: JSON.stringify({ deliveryId }),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(Date.now()),
      SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:q',
    awsRegion: 'us-east-1',
  };
}

async function storedDelivery(id: string) {
  const delivery = await table.deliveries.getDelivery(id);
  if (!delivery) throw new Error(`delivery ${id} not stored`);
  return delivery;
}

describe('dispatcher handler (SQS -> signed webhook -> visibility timeout for retries)', () => {
  it('acknowledges a delivered message and leaves a failing one on the queue for the scheduled delay', async () => {
    const ok = await receiver(200);
    const broken = await receiver(500);
    const good = await pendingWebhookDelivery(ok.url);
    const bad = await pendingWebhookDelivery(broken.url);
    const goodRecord = sqsRecord(good.deliveryId);
    const badRecord = sqsRecord(bad.deliveryId);

    const response = await handler({ Records: [goodRecord, badRecord] }, lambdaContext('dispatcher'));

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: badRecord.messageId }] });

    // The 200 receiver got the signed alert; its delivery is done.
    expect(ok.hits).toHaveLength(1);
    expect(ok.hits[0]?.body).toBe(good.alert.payload);
    const headers = ok.hits[0]?.headers ?? {};
    expect(
      new Webhook(good.secret).verify(good.alert.payload, {
        'webhook-id': String(headers['webhook-id']),
        'webhook-timestamp': String(headers['webhook-timestamp']),
        'webhook-signature': String(headers['webhook-signature']),
      }),
    ).toEqual(JSON.parse(good.alert.payload));
    expect((await storedDelivery(good.deliveryId)).status).toBe('delivered');

    // The 500 one waits in the queue: its visibility is set to the schedule's first delay (3 s +/- 10%).
    expect(broken.hits).toHaveLength(1);
    const failed = await storedDelivery(bad.deliveryId);
    expect(failed.status).toBe('failed');
    const attempt = failed.attempts[0];
    expect(attempt?.statusCode).toBe(500);
    const delayMs = Date.parse(failed.nextAttemptAt ?? '') - Date.parse(attempt?.at ?? '');
    expect(delayMs).toBeGreaterThanOrEqual(2_700);
    expect(delayMs).toBeLessThanOrEqual(3_300);

    const visibility = sqsMock.commandCalls(ChangeMessageVisibilityCommand);
    expect(visibility).toHaveLength(1);
    expect(visibility[0]?.args[0].input).toEqual({
      QueueUrl: QUEUE_URL,
      ReceiptHandle: badRecord.receiptHandle,
      VisibilityTimeout: Math.ceil(delayMs / 1000),
    });
  });

  it('a batch of successes reports no failures and changes no visibility', async () => {
    const ok = await receiver(204);
    const first = await pendingWebhookDelivery(ok.url);
    const second = await pendingWebhookDelivery(ok.url);

    const response = await handler(
      { Records: [sqsRecord(first.deliveryId), sqsRecord(second.deliveryId)] },
      lambdaContext('dispatcher'),
    );

    expect(response).toEqual({ batchItemFailures: [] });
    expect(ok.hits).toHaveLength(2);
    expect(sqsMock.commandCalls(ChangeMessageVisibilityCommand)).toHaveLength(0);
    expect(sqsMock.calls()).toHaveLength(0);
  });

  it('a redelivered message for an already delivered delivery is acknowledged without a request', async () => {
    const ok = await receiver(200);
    const { deliveryId } = await pendingWebhookDelivery(ok.url);
    await handler({ Records: [sqsRecord(deliveryId)] }, lambdaContext('dispatcher'));
    expect(ok.hits).toHaveLength(1);

    const response = await handler({ Records: [sqsRecord(deliveryId)] }, lambdaContext('dispatcher'));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(ok.hits).toHaveLength(1);
    expect(sqsMock.calls()).toHaveLength(0);
  });

  it('a message that surfaces before nextAttemptAt only gets its visibility extended', async () => {
    const broken = await receiver(503);
    const ok = await receiver(200);
    const { deliveryId } = await pendingWebhookDelivery(broken.url);
    const filler = await pendingWebhookDelivery(ok.url);
    await handler(
      { Records: [sqsRecord(deliveryId), sqsRecord(filler.deliveryId)] },
      lambdaContext('dispatcher'),
    );
    sqsMock.resetHistory();
    const early = sqsRecord(deliveryId);
    const other = await pendingWebhookDelivery(ok.url);

    const response = await handler(
      { Records: [early, sqsRecord(other.deliveryId)] },
      lambdaContext('dispatcher'),
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: early.messageId }] });
    expect(broken.hits).toHaveLength(1);
    const [call] = sqsMock.commandCalls(ChangeMessageVisibilityCommand);
    expect(call?.args[0].input.ReceiptHandle).toBe(early.receiptHandle);
    expect(call?.args[0].input.VisibilityTimeout).toBeGreaterThanOrEqual(1);
    expect(call?.args[0].input.VisibilityTimeout).toBeLessThanOrEqual(4);
    expect((await storedDelivery(deliveryId)).attempts).toHaveLength(1);
  });

  it('a malformed message body fails that record only', async () => {
    const ok = await receiver(200);
    const { deliveryId } = await pendingWebhookDelivery(ok.url);
    const malformed = { ...sqsRecord('x'), body: 'not json' };

    const response = await handler(
      { Records: [malformed, sqsRecord(deliveryId)] },
      lambdaContext('dispatcher'),
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: malformed.messageId }] });
    expect(ok.hits).toHaveLength(1);
    expect(sqsMock.calls()).toHaveLength(0);
  });

  it('a lone failing message is not acknowledged: its visibility is set and the batch reports it failed', async () => {
    const broken = await receiver(500);
    const { deliveryId } = await pendingWebhookDelivery(broken.url);
    const record = sqsRecord(deliveryId);

    // Powertools treats a batch in which every record failed as a failed invocation (FullBatchFailureError);
    // either way SQS keeps the message and shows it again when the visibility set here runs out.
    const outcome = await handler({ Records: [record] }, lambdaContext('dispatcher')).catch(
      (error: unknown) => error,
    );

    if (outcome instanceof FullBatchFailureError) {
      expect(outcome.message).toMatch(/All records failed/);
    } else {
      expect(outcome).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
    }
    const [call] = sqsMock.commandCalls(ChangeMessageVisibilityCommand);
    expect(call?.args[0].input).toMatchObject({ QueueUrl: QUEUE_URL, ReceiptHandle: record.receiptHandle });
    expect([3, 4]).toContain(call?.args[0].input.VisibilityTimeout);
    expect((await storedDelivery(deliveryId)).status).toBe('failed');
  });

  it.each([
    [
      'a 410 Gone receiver',
      async () => (await receiver(410)).url,
      async () => {},
      'receiver answered 410 Gone; webhook disabled',
    ],
    [
      'a deleted subscription',
      async () => (await receiver(200)).url,
      async (subscriptionId: string) => {
        const subscription = await table.subscriptions.get(subscriptionId);
        if (subscription) await table.subscriptions.delete(subscription);
      },
      'subscription deleted',
    ],
  ])(
    'a delivery that dies (%s) is acknowledged and copied to the dead-letter queue with its reason',
    async (_label, url, before, reason) => {
      const { deliveryId, subscriptionId } = await pendingWebhookDelivery(await url());
      await before(subscriptionId);
      const record = sqsRecord(deliveryId);
      const other = await receiver(200);
      const fine = sqsRecord((await pendingWebhookDelivery(other.url)).deliveryId);

      const response = await handler({ Records: [record, fine] }, lambdaContext('dispatcher'));

      expect(response).toEqual({ batchItemFailures: [] });
      expect((await storedDelivery(deliveryId)).status).toBe('dead');
      expect(sqsMock.commandCalls(ChangeMessageVisibilityCommand)).toHaveLength(0);
      const sent = sqsMock.commandCalls(SendMessageCommand).map((call) => call.args[0].input);
      expect(sent).toEqual([
        {
          QueueUrl: DEAD_LETTER_QUEUE_URL,
          MessageBody: JSON.stringify({ deliveryId, reason }),
          MessageAttributes: { reason: { DataType: 'String', StringValue: reason } },
        },
      ]);
      expect(JSON.parse(sent[0]?.MessageBody ?? '{}')).toEqual({ deliveryId, reason });

      // A redelivered copy of the message finds it dead already: acknowledged, not copied again.
      sqsMock.resetHistory();
      expect(await handler({ Records: [sqsRecord(deliveryId)] }, lambdaContext('dispatcher'))).toEqual({
        batchItemFailures: [],
      });
      expect(sqsMock.calls()).toHaveLength(0);
    },
  );

  it('a batch to one endpoint sends at most ENDPOINT_CONCURRENCY at once; the rest wait in the queue, their attempts untouched', async () => {
    const hits: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    // Answers only once two messages have been put back on the queue (or after 20 s), so the
    // first four are certainly in flight while the others ask, however slow the machine.
    const waitingDone = async () => {
      const deadline = Date.now() + 20_000;
      while (sqsMock.commandCalls(ChangeMessageVisibilityCommand).length < 2 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const server = createServer((req, res) => {
      req.resume();
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      hits.push(String(req.headers['webhook-id']));
      void waitingDone().then(() => {
        inFlight -= 1;
        res.writeHead(200).end();
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`;
    const deliveries = [];
    for (let n = 0; n < 6; n++) deliveries.push(await pendingWebhookDelivery(url));
    const records = deliveries.map((d) => sqsRecord(d.deliveryId));

    const response = await handler({ Records: records }, lambdaContext('dispatcher'));

    // The default lane is 4 wide: four were sent, two left on the queue for a moment.
    expect(hits).toHaveLength(4);
    expect(maxInFlight).toBeLessThanOrEqual(4);
    expect(response.batchItemFailures).toHaveLength(2);
    const waiting = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
    for (const [n, record] of records.entries()) {
      const delivery = await storedDelivery(deliveries[n]?.deliveryId ?? '');
      if (waiting.has(record.messageId)) {
        expect(delivery).toMatchObject({ status: 'pending', attempts: [] });
      } else {
        expect(delivery.status).toBe('delivered');
      }
    }
    const visibility = sqsMock.commandCalls(ChangeMessageVisibilityCommand).map((call) => call.args[0].input);
    expect(visibility).toHaveLength(2);
    for (const input of visibility) expect(input.VisibilityTimeout).toBeLessThanOrEqual(6);
  });

  it('near the function timeout it starts no attempt: the message goes back to the queue at once', async () => {
    const ok = await receiver(200);
    const pending = await pendingWebhookDelivery(ok.url);
    const record = sqsRecord(pending.deliveryId);
    const context = { ...lambdaContext('dispatcher'), getRemainingTimeInMillis: () => 3_000 };

    const response = await handler({ Records: [record] }, context);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: record.messageId }] });
    expect(ok.hits).toHaveLength(0);
    expect(await storedDelivery(pending.deliveryId)).toMatchObject({ status: 'pending', attempts: [] });
    expect(sqsMock.commandCalls(ChangeMessageVisibilityCommand)[0]?.args[0].input).toMatchObject({
      ReceiptHandle: record.receiptHandle,
      VisibilityTimeout: 0,
    });
  });
});
