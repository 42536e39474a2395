import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AWS, type Moto, startMoto } from '../../local/distributed/moto.js';
import type { DeliveryMessage } from '../../shared/delivery/queue/delivery-queue.js';
import { SqsDeliveryQueue } from '../../shared/delivery/queue/sqs-queue.js';

/**
 * The queue against SQS as moto_server serves it: what the dispatcher will receive. The batching,
 * delay rounding and partial-failure handling are checked request by request in sqs-queue.test.ts,
 * where SQS is stubbed to refuse entries (a fault moto does not produce).
 */
let moto: Moto;
let sqs: SQSClient;

beforeAll(async () => {
  moto = await startMoto();
  sqs = new SQSClient({ ...LOCAL_AWS, endpoint: moto.endpoint });
});

afterAll(async () => {
  sqs?.destroy();
  await moto?.stop();
});

const messages = (count: number, from = 0): DeliveryMessage[] =>
  Array.from({ length: count }, (_, i) => ({
    deliveryId: `dlv_${String(from + i).padStart(32, '0')}_webhook`,
    subscriptionId: `sub_${from + i}`,
    createdAt: '2026-11-30T00:00:00.000Z',
    payload: JSON.stringify({ n: from + i }),
  }));

async function receiveAll(queueUrl: string): Promise<DeliveryMessage[]> {
  const received: DeliveryMessage[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 60 }),
    );
    if (Messages.length === 0) return received;
    received.push(...Messages.map((m) => JSON.parse(m.Body ?? '{}') as DeliveryMessage));
  }
}

describe('SqsDeliveryQueue on moto_server', () => {
  it('puts every message on the queue, past the 10-entry batch limit, each body as enqueued', async () => {
    const { QueueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: 'deliveries-23' }));
    const all = messages(23);

    await new SqsDeliveryQueue(sqs, QueueUrl).enqueue(all);

    const received = await receiveAll(QueueUrl);
    expect(received.map((m) => m.deliveryId).sort()).toEqual(all.map((m) => m.deliveryId).sort());
    expect(received.find((m) => m.deliveryId === all[7]?.deliveryId)).toEqual(all[7]);
  });

  it('a delayed message stays out of sight until its delay has passed', async () => {
    const { QueueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: 'deliveries-delayed' }));

    await new SqsDeliveryQueue(sqs, QueueUrl).enqueue(messages(3, 100), 2_000);

    expect(await receiveAll(QueueUrl)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await receiveAll(QueueUrl)).map((m) => m.deliveryId).sort()).toEqual(
      messages(3, 100).map((m) => m.deliveryId),
    );
  });
});
