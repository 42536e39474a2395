import { randomUUID } from 'node:crypto';
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startReceiver } from '../../local/webhook-receiver.js';
import { dispatchDelivery } from '../../shared/delivery/dispatcher.js';
import { LoggingNotifier } from '../../shared/delivery/notify/notifier.js';
import { InProcessQueue } from '../../shared/delivery/queue/in-process-queue.js';
import { defaultFloorMs } from '../../shared/delivery/retry/attempt-outcome.js';
import { createHttpSender } from '../../shared/delivery/webhooks/http-sender.js';
import { generateWebhookSecret } from '../../shared/delivery/webhooks/signing.js';
import { matchPolicyChange } from '../../shared/matching/matcher.js';
import { defaultCatalogue } from '../../shared/model/catalogue.js';
import { recoverStuckWork } from '../../shared/operations/recovery.js';
import { ensureTable } from '../../shared/store/table.js';
import { createStores } from '../../shared/wiring/services.js';

const SUBSCRIPTIONS = 60;

/**
 * A DynamoDB client that throttles a share of its calls before they reach DynamoDB Local, the
 * way DynamoDB does under load: throttling errors on single calls (retried by the SDK),
 * transactions cancelled with ThrottlingError reasons and batch writes that leave part of their
 * items unprocessed (neither of which the SDK retries).
 */
function throttlingClient(rate: { calls: number; transactions: number; batches: number }) {
  const counts = { throttled: 0, cancelled: 0, unprocessed: 0 };
  let enabled = false;
  const client = new DynamoDBClient({
    endpoint: inject('dynamodbEndpoint'),
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 8,
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (
        enabled &&
        context.commandName === 'TransactWriteItemsCommand' &&
        Math.random() < rate.transactions
      ) {
        counts.cancelled += 1;
        throw new TransactionCanceledException({
          message: 'Transaction cancelled (injected throttling)',
          $metadata: { httpStatusCode: 400 },
          CancellationReasons: [
            { Code: 'ThrottlingError', Message: 'Throughput exceeds the current capacity' },
          ],
        });
      }
      if (enabled && Math.random() < rate.calls) {
        counts.throttled += 1;
        throw Object.assign(new Error('Throughput exceeds the current capacity (injected)'), {
          name: 'ProvisionedThroughputExceededException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
        });
      }
      return next(args);
    },
    // Inside the SDK's retry loop, like a throttling answer from the service.
    { step: 'deserialize', name: 'injectThrottling', priority: 'high' },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { RequestItems?: Record<string, unknown[]> };
      if (!enabled || context.commandName !== 'BatchWriteItemCommand' || Math.random() >= rate.batches) {
        return next(args);
      }
      // DynamoDB writes part of a batch and hands the rest back as UnprocessedItems.
      const [table, items = []] = Object.entries(input.RequestItems ?? {})[0] ?? [];
      if (!table || items.length < 2) return next(args);
      const half = Math.ceil(items.length / 2);
      counts.unprocessed += items.length - half;
      const result = await next({
        ...args,
        input: { ...input, RequestItems: { [table]: items.slice(0, half) } },
      });
      Object.assign(result.output as object, { UnprocessedItems: { [table]: items.slice(half) } });
      return result;
    },
    { step: 'initialize', name: 'injectUnprocessedItems' },
  );
  return { client, counts, enable: () => (enabled = true), disable: () => (enabled = false) };
}

describe('DynamoDB throttling during matching and dispatch', () => {
  const throttle = throttlingClient({ calls: 0.15, transactions: 0.2, batches: 1 });
  const tableName = `throttling-${randomUUID()}`;
  const stores = createStores(throttle.client, tableName);
  const queue = new InProcessQueue({ concurrency: 16, errorRetryMs: 50 });
  const errors: unknown[] = [];
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const now = () => new Date();

  beforeAll(async () => {
    await ensureTable(throttle.client, tableName);
    receiver = await startReceiver();
    const createdAt = now().toISOString();
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      await stores.subscriptions.create({
        id: `sub_throttle_${i}`,
        subscriberId: 'sbr_throttle',
        name: `throttled ${i}`,
        filters: { materials: ['gallium'] },
        webhook: {
          url: `${receiver.url}/hook`,
          secrets: [{ secret: generateWebhookSecret(), createdAt }],
          status: 'enabled',
        },
        status: 'active',
        createdAt,
        updatedAt: createdAt,
        version: 1,
      });
    }
  });

  afterAll(async () => {
    queue.stop();
    await receiver?.close();
  });

  it('loses nothing: every alert is written once and delivered', async () => {
    const schedule = [20, 40, 80];
    const services = {
      ...stores,
      queue,
      notifier: new LoggingNotifier(() => {}),
      sender: createHttpSender({ policy: { allowPrivate: true, requireHttps: false } }),
      clock: now,
    };
    const matcher = {
      changes: stores.changes,
      subscriptions: stores.subscriptions,
      deliveries: stores.deliveries,
      queue,
      notifier: services.notifier,
      catalogue: defaultCatalogue,
      clock: now,
    };
    queue.start(async ({ deliveryId }) =>
      dispatchDelivery(
        {
          ...services,
          retry: { schedule, floorMs: defaultFloorMs(schedule) },
          timeoutMs: 2000,
          disableAfterMs: 86_400_000,
        },
        deliveryId,
      ).catch((error: unknown) => {
        errors.push(error);
        throw error;
      }),
    );

    throttle.enable();
    const { change } = await stores.changes.ingest({
      source: 'throttling-test',
      sourceRef: randomUUID(),
      revision: 1,
      title: 'Gallium licences',
      issuingRegion: 'CN',
      affectedRegions: ['*'],
      materials: ['gallium'],
      changeType: 'licence-requirement',
      severity: 'high',
    });
    // A matcher run that fails all the same is retried, as the stream (or the sweep) would.
    for (let attempt = 1; ; attempt++) {
      try {
        await matchPolicyChange(matcher, { policyChangeId: change.id, revision: 1 });
        break;
      } catch (error) {
        if (attempt >= 5) throw error;
      }
    }
    await queue.idle();
    // Whatever a failure left unfinished, the recovery sweep picks up.
    await recoverStuckWork({ matcher, deliveries: stores.deliveries, queue, clock: now }, { graceMs: 0 });
    await queue.idle();
    throttle.disable();

    expect(throttle.counts.throttled).toBeGreaterThan(10);
    // Alerts are written by conditional puts and batch writes, not transactions: part of every
    // batch came back unprocessed and was sent again.
    expect(throttle.counts.unprocessed).toBeGreaterThan(3);
    const ids = new Set(receiver.received.map((r) => String(r.headers['webhook-id'])));
    expect(ids.size).toBe(SUBSCRIPTIONS);
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const { items } = await stores.deliveries.listBySubscription(`sub_throttle_${i}`);
      expect(items.map((d) => d.status)).toEqual(['delivered']);
    }
    expect(await stores.changes.getLatest(change.id)).toMatchObject({
      matching: { status: 'completed', matchedSubscriptions: SUBSCRIPTIONS },
    });
  });
});
