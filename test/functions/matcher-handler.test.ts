import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/kernel/ids.js';
import type { PolicyChange } from '../../shared/model/policy-change.js';
import { endpointKey, type Subscription } from '../../shared/model/subscription.js';
import { deliveryId } from '../../shared/store/delivery-store.js';
import { endpointHash, keys } from '../../shared/store/keys.js';
import { subscriptionFixture } from '../store/fixtures.js';
import type { TestTable } from '../support/dynamodb.js';
import { type LambdaAws, loadHandlerOnMoto } from './lambda-aws.js';
import { lambdaContext } from './lambda-env.js';

type MatcherHandler = (
  event: DynamoDBStreamEvent,
  context: ReturnType<typeof lambdaContext>,
) => Promise<DynamoDBBatchResponse>;

let lambda: Awaited<ReturnType<typeof loadHandlerOnMoto<MatcherHandler>>>;
let aws: LambdaAws;
let table: TestTable;
let handler: MatcherHandler;

beforeAll(async () => {
  lambda = await loadHandlerOnMoto<MatcherHandler>(() => import('../../functions/matcher/index.js'));
  ({ aws, table, handler } = lambda);
});
afterAll(() => lambda?.stop());

// Real sequence numbers are 21+ digit strings: count in bigint so each record gets its own.
let sequence = 100_000_000_000_000_000_000n;

/** A stream INSERT record as Lambda delivers it; the image is whatever the test passes. */
function streamRecord(newImage: Record<string, unknown>): DynamoDBRecord {
  sequence += 1n;
  const image = marshall(newImage, { removeUndefinedValues: true });
  return {
    eventID: `evt-${sequence}`,
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: marshall({ pk: newImage.pk ?? 'X', sk: newImage.sk ?? 'X' }) as never,
      NewImage: image as never,
      SequenceNumber: String(sequence),
      SizeBytes: 256,
      StreamViewType: 'NEW_IMAGE',
    },
    eventSourceARN: `arn:aws:dynamodb:us-east-1:123456789012:table/${table.tableName}/stream/2025-03-01T00:00:00.000`,
  };
}

/** The new image of a stored revision item, as the table's stream carries it. */
function revisionImage(change: PolicyChange): Record<string, unknown> {
  return { ...keys.changeRevision(change.id, change.revision), entity: 'changeRevision', ...change };
}

async function ingest(sourceRef: string, materials: string[]): Promise<PolicyChange> {
  const outcome = await table.changes.ingest({
    source: 'mofcom',
    sourceRef,
    revision: 1,
    title: `Export licence requirement on ${materials.join(', ')}`,
    issuingRegion: 'CN',
    affectedRegions: ['*'],
    materials,
    changeType: 'licence-requirement',
    severity: 'high',
  });
  expect(outcome.kind).toBe('created');
  return outcome.change;
}

async function subscribe(materials: string[]): Promise<Subscription> {
  const subscription = subscriptionFixture({
    id: newId('sub'),
    subscriberId: newId('sbr'),
    name: `Watch ${materials.join(', ')}`,
    filters: { materials },
  });
  await table.subscriptions.create(subscription);
  return subscription;
}

/** The delivery ids the run put on the delivery queue (taken off it). */
async function sentDeliveryIds(): Promise<string[]> {
  return (await aws.queued()).map((body) => (JSON.parse(body) as { deliveryId: string }).deliveryId);
}

describe('matcher handler (DynamoDB stream -> matcher -> SQS and SNS on moto)', () => {
  it('matches a new revision, stores the alert and queues its delivery on SQS', async () => {
    const subscription = await subscribe(['gallium']);
    const change = await ingest('announcement-2023-23', ['gallium']);

    const response = await handler(
      { Records: [streamRecord({ entity: 'changeRevision', id: change.id, revision: change.revision })] },
      lambdaContext('matcher'),
    );

    expect(response).toEqual({ batchItemFailures: [] });
    const { items } = await table.deliveries.listBySubscription(subscription.id);
    expect(items).toHaveLength(1);
    const [delivery] = items;
    expect(delivery).toMatchObject({ channel: 'webhook', status: 'pending', policyChangeId: change.id });
    expect(delivery?.id).toBe(deliveryId(delivery?.alertId ?? '', 'webhook'));

    const alert = await table.deliveries.getAlert(delivery?.alertId ?? '');
    // The message carries where the delivery's state is and the exact body to sign and send, its
    // endpoint (the message group), that it is new (its first receive takes no claim), and is due
    // at once.
    expect(await aws.queued()).toEqual([
      JSON.stringify({
        deliveryId: delivery?.id,
        subscriptionId: subscription.id,
        createdAt: delivery?.createdAt,
        subscriptionVersion: subscription.version,
        endpointGroup: endpointHash(endpointKey(subscription.webhook?.url ?? '')),
        firstAttempt: true,
        policyChangeId: change.id,
        revision: change.revision,
        payload: alert?.payload,
      }),
    ]);

    // Every alert also goes to the operator topic, with filterable attributes.
    const published = await aws.published();
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      TopicArn: aws.topicArn,
      MessageAttributes: {
        subscriptionId: { Type: 'String', Value: subscription.id },
        materials: { Type: 'String.Array', Value: '["gallium"]' },
        severity: { Type: 'String', Value: 'high' },
        changeType: { Type: 'String', Value: 'licence-requirement' },
        issuingRegion: { Type: 'String', Value: 'CN' },
        eventType: { Type: 'String', Value: 'policy_change.published' },
      },
    });
    expect(JSON.parse(published[0]?.Message ?? '{}')).toMatchObject({
      type: 'policy_change.published',
      data: { subscriptionId: subscription.id },
    });

    expect((await table.changes.getLatest(change.id))?.matching).toMatchObject({
      status: 'completed',
      matchedSubscriptions: 1,
    });
  });

  it('reads the full revision item from the image (extra attributes are ignored)', async () => {
    const subscription = await subscribe(['germanium']);
    const change = await ingest('announcement-2023-23-ge', ['germanium']);

    const response = await handler(
      { Records: [streamRecord(revisionImage(change))] },
      lambdaContext('matcher'),
    );

    expect(response).toEqual({ batchItemFailures: [] });
    const { items } = await table.deliveries.listBySubscription(subscription.id);
    expect(await sentDeliveryIds()).toEqual(items.map((d) => d.id));
    expect(items).toHaveLength(1);
  });

  it('a replayed stream record creates nothing twice; only a still-unsent delivery is queued again', async () => {
    const subscription = await subscribe(['antimony']);
    const change = await ingest('announcement-2024-33', ['antimony']);
    const record = streamRecord({ entity: 'changeRevision', id: change.id, revision: change.revision });

    expect(await handler({ Records: [record] }, lambdaContext('matcher'))).toEqual({ batchItemFailures: [] });
    const first = await sentDeliveryIds();
    expect(first).toHaveLength(1);
    await aws.published();

    // Never attempted yet (as after a crash before enqueueing): queued again, same id, no new alert.
    expect(await handler({ Records: [record] }, lambdaContext('matcher'))).toEqual({ batchItemFailures: [] });
    expect(await sentDeliveryIds()).toEqual(first);
    // The operator feed is at least once: the alert goes out with its re-enqueued delivery.
    expect(await aws.published()).toHaveLength(1);
    const { items } = await table.deliveries.listBySubscription(subscription.id);
    expect(items).toHaveLength(1);

    // Once the dispatcher has attempted it, a replay sends nothing at all.
    const [delivery] = items;
    if (!delivery) throw new Error('no delivery');
    await table.deliveries.recordAttempt(
      delivery,
      { at: new Date().toISOString(), statusCode: 200, durationMs: 5 },
      { status: 'delivered' },
    );
    expect(await handler({ Records: [record] }, lambdaContext('matcher'))).toEqual({ batchItemFailures: [] });
    expect(await sentDeliveryIds()).toEqual([]);
    expect(await aws.published()).toEqual([]);
  });

  it('reports a record with a bogus image by its sequence number and still processes the rest', async () => {
    const subscription = await subscribe(['tungsten']);
    const change = await ingest('announcement-2025-10', ['tungsten']);
    const good = streamRecord({ entity: 'changeRevision', id: change.id, revision: change.revision });
    const bogus = streamRecord({ entity: 'subscription', id: 'sub_x', name: 'not a revision' });
    const unknown = streamRecord({ entity: 'changeRevision', id: 'pc_does_not_exist', revision: 1 });

    const response = await handler({ Records: [bogus, good, unknown] }, lambdaContext('matcher'));

    expect(new Set([bogus, good, unknown].map((r) => r.dynamodb?.SequenceNumber)).size).toBe(3);
    expect(response.batchItemFailures).toHaveLength(2);
    expect(response.batchItemFailures).toEqual(
      expect.arrayContaining([
        { itemIdentifier: bogus.dynamodb?.SequenceNumber },
        { itemIdentifier: unknown.dynamodb?.SequenceNumber },
      ]),
    );
    const { items } = await table.deliveries.listBySubscription(subscription.id);
    expect(items).toHaveLength(1);
    expect(await sentDeliveryIds()).toEqual([items[0]?.id]);
  });

  it('a record without a new image is a failure too', async () => {
    const change = await ingest('announcement-2025-11', ['cobalt']);
    const good = streamRecord({ entity: 'changeRevision', id: change.id, revision: change.revision });
    const imageless = streamRecord({});
    delete imageless.dynamodb?.NewImage;

    const response = await handler({ Records: [good, imageless] }, lambdaContext('matcher'));

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: imageless.dynamodb?.SequenceNumber }] });
  });

  it('when SQS refuses the deliveries the record fails, so the stream retries it', async () => {
    await subscribe(['nickel']);
    const change = await ingest('announcement-2025-12', ['nickel']);
    const failing = streamRecord({ entity: 'changeRevision', id: change.id, revision: change.revision });
    const other = await ingest('announcement-2025-13', ['manganese']);
    const fine = streamRecord({ entity: 'changeRevision', id: other.id, revision: other.revision });
    // The delivery queue is gone while the batch runs: SQS refuses the send.
    const response = await aws.withoutDeliveryQueue(() =>
      handler({ Records: [failing, fine] }, lambdaContext('matcher')),
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: failing.dynamodb?.SequenceNumber }] });
    // Matching is not marked complete, so a retry of the record re-enqueues what is still unsent.
    expect((await table.changes.getLatest(change.id))?.matching.status).toBe('pending');
  });
});
