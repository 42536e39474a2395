import { SendMessageBatchCommand, SQSClient, SQSServiceException } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryMessage } from '../../shared/delivery/queue/delivery-queue.js';
import { QueueSendError, SqsDeliveryQueue } from '../../shared/delivery/queue/sqs-queue.js';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/material-alerts-delivery';
const sqsMock = mockClient(SQSClient);
const client = new SQSClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

const messages = (count: number, from = 0): DeliveryMessage[] =>
  Array.from({ length: count }, (_, i) => ({
    deliveryId: `dlv_${String(from + i).padStart(32, '0')}_webhook`,
  }));

/** The batches sent, in order. */
function sentBatches() {
  return sqsMock.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input);
}

beforeEach(() => {
  sqsMock.reset();
  sqsMock.on(SendMessageBatchCommand).callsFake((input: SendMessageBatchCommand['input']) => ({
    Successful: (input.Entries ?? []).map((entry) => ({
      Id: entry.Id,
      MessageId: `m-${entry.Id}`,
      MD5OfMessageBody: 'x',
    })),
    Failed: [],
  }));
});

afterAll(() => {
  sqsMock.restore();
});

describe('SqsDeliveryQueue', () => {
  it('sends 23 messages as batches of 10, 10 and 3 with a JSON body each', async () => {
    const all = messages(23);
    await new SqsDeliveryQueue(client, QUEUE_URL).enqueue(all);

    const batches = sentBatches();
    expect(batches.map((batch) => batch.Entries?.length)).toEqual([10, 10, 3]);
    for (const batch of batches) expect(batch.QueueUrl).toBe(QUEUE_URL);
    const bodies = batches.flatMap((batch) => batch.Entries ?? []).map((entry) => entry.MessageBody);
    expect(bodies).toEqual(all.map((message) => JSON.stringify({ deliveryId: message.deliveryId })));
    expect(bodies.map((body) => JSON.parse(body ?? ''))).toEqual(all);
    for (const batch of batches) {
      const ids = (batch.Entries ?? []).map((entry) => entry.Id);
      expect(new Set(ids).size).toBe(ids.length); // ids unique within a batch, as SQS requires
      for (const entry of batch.Entries ?? []) expect(entry.DelaySeconds).toBe(0);
    }
  });

  it('sends exactly the entries expected for a small batch', async () => {
    await new SqsDeliveryQueue(client, QUEUE_URL).enqueue(messages(2), 5_000);

    expect(sentBatches()).toEqual([
      {
        QueueUrl: QUEUE_URL,
        Entries: [
          {
            Id: '0',
            MessageBody: JSON.stringify(messages(2)[0]),
            DelaySeconds: 5,
            MessageGroupId: messages(2)[0]?.deliveryId,
          },
          {
            Id: '1',
            MessageBody: JSON.stringify(messages(2)[1]),
            DelaySeconds: 5,
            MessageGroupId: messages(2)[1]?.deliveryId,
          },
        ],
      },
    ]);
  });

  it("groups each message by its webhook's endpoint (a fair queue), else by its subscription", async () => {
    const [first, second, third] = messages(3);
    await new SqsDeliveryQueue(client, QUEUE_URL).enqueue([
      { ...first, deliveryId: first?.deliveryId ?? '', subscriptionId: 'sub_a', endpointGroup: 'e1' },
      { ...second, deliveryId: second?.deliveryId ?? '', subscriptionId: 'sub_b', endpointGroup: 'e1' },
      { ...third, deliveryId: third?.deliveryId ?? '', subscriptionId: 'sub_c' },
    ]);
    const groups = sentBatches()
      .flatMap((batch) => batch.Entries ?? [])
      .map((entry) => entry.MessageGroupId);
    expect(groups).toEqual(['e1', 'e1', 'sub_c']);
  });

  it.each([
    [0, 0],
    [1, 1],
    [1_500, 2],
    [5_000, 5],
    [900_000, 900],
    [2 * 3_600_000, 900],
    [-50, 0],
  ])('a delay of %d ms becomes DelaySeconds %d (SQS caps delays at 15 minutes)', async (delayMs, seconds) => {
    await new SqsDeliveryQueue(client, QUEUE_URL).enqueue(messages(12), delayMs);

    const entries = sentBatches().flatMap((batch) => batch.Entries ?? []);
    expect(entries).toHaveLength(12);
    for (const entry of entries) expect(entry.DelaySeconds).toBe(seconds);
  });

  it('sends nothing for an empty list', async () => {
    await new SqsDeliveryQueue(client, QUEUE_URL).enqueue([]);
    expect(sqsMock.calls()).toHaveLength(0);
  });

  it('resends only the entries SQS reported as failed', async () => {
    const all = messages(10);
    sqsMock
      .on(SendMessageBatchCommand)
      .resolvesOnce({
        Successful: [],
        Failed: [
          { Id: '3', SenderFault: false, Code: 'InternalError', Message: 'try again' },
          { Id: '7', SenderFault: false, Code: 'ServiceUnavailable' },
        ],
      })
      .resolvesOnce({ Successful: [], Failed: [{ Id: '7', SenderFault: false, Code: 'InternalError' }] })
      .resolves({ Successful: [], Failed: [] });

    await new SqsDeliveryQueue(client, QUEUE_URL).enqueue(all);

    const batches = sentBatches();
    expect(batches).toHaveLength(3);
    expect(batches[0]?.Entries).toHaveLength(10);
    const entry = (n: number) => ({
      Id: String(n),
      MessageBody: JSON.stringify(all[n]),
      DelaySeconds: 0,
      MessageGroupId: all[n]?.deliveryId,
    });
    expect(batches[1]?.Entries).toEqual([entry(3), entry(7)]);
    expect(batches[2]?.Entries).toEqual([entry(7)]);
  });

  it('retries failed entries of each batch before moving on to the next batch', async () => {
    const all = messages(13);
    sqsMock
      .on(SendMessageBatchCommand)
      .resolvesOnce({ Successful: [], Failed: [{ Id: '0', SenderFault: false, Code: 'InternalError' }] })
      .resolves({ Successful: [], Failed: [] });

    await new SqsDeliveryQueue(client, QUEUE_URL).enqueue(all);

    const batches = sentBatches();
    expect(
      batches.map((batch) => batch.Entries?.map((entry) => JSON.parse(entry.MessageBody ?? '').deliveryId)),
    ).toEqual([
      all.slice(0, 10).map((m) => m.deliveryId),
      [all[0]?.deliveryId],
      all.slice(10).map((m) => m.deliveryId),
    ]);
  });

  it('throws QueueSendError when entries keep failing, after three tries, without sending later batches', async () => {
    sqsMock
      .on(SendMessageBatchCommand)
      .resolves({ Successful: [], Failed: [{ Id: '2', SenderFault: false, Code: 'InternalError' }] });

    const error = await new SqsDeliveryQueue(client, QUEUE_URL)
      .enqueue(messages(15))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(QueueSendError);
    expect((error as QueueSendError).name).toBe('QueueSendError');
    expect((error as QueueSendError).message).toBe('SQS refused 1 delivery messages after 3 tries');
    const batches = sentBatches();
    expect(batches).toHaveLength(3);
    expect(batches.slice(1).map((batch) => batch.Entries?.map((entry) => entry.Id))).toEqual([['2'], ['2']]);
  });

  it('lets an SDK error from SQS itself propagate', async () => {
    const denied = new SQSServiceException({
      name: 'AccessDenied',
      $fault: 'client',
      $metadata: {},
      message: 'not authorised',
    });
    sqsMock.on(SendMessageBatchCommand).rejects(denied);

    await expect(new SqsDeliveryQueue(client, QUEUE_URL).enqueue(messages(1))).rejects.toBe(denied);
  });
});
