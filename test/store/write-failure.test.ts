import { randomUUID } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { ConflictError } from '../../shared/kernel/errors.js';
import { ensureTable } from '../../shared/store/table.js';
import { withRetry } from '../../shared/store/throttle-retry.js';
import { writeFailure } from '../../shared/store/write-failure.js';
import { createStores } from '../../shared/wiring/services.js';
import { subscriptionFixture } from './fixtures.js';

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

describe('writeFailure: why a write did not happen', () => {
  it.each([
    [
      'a failed condition on the first item',
      cancelled('ConditionalCheckFailed', 'None'),
      { kind: 'condition-failed', item: 0 },
    ],
    [
      'a failed condition on the third item',
      cancelled('None', 'None', 'ConditionalCheckFailed'),
      { kind: 'condition-failed', item: 2 },
    ],
    [
      'a condition failure beside throttling (never worth retrying)',
      cancelled('ThrottlingError', 'ConditionalCheckFailed'),
      { kind: 'condition-failed', item: 1 },
    ],
    ['throttling', cancelled('None', 'ThrottlingError'), { kind: 'retryable', reason: 'ThrottlingError' }],
    [
      'a conflict with another transaction',
      cancelled('TransactionConflict', 'None'),
      { kind: 'retryable', reason: 'TransactionConflict' },
    ],
    ['a validation error', cancelled('ValidationError'), { kind: 'other' }],
    [
      'a single-item condition',
      new ConditionalCheckFailedException({ message: 'no', $metadata: {} }),
      { kind: 'condition-failed', item: 0 },
    ],
    [
      'throttling on a single item',
      Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' }),
      { kind: 'retryable', reason: 'ProvisionedThroughputExceededException' },
    ],
    ['anything else', new Error('boom'), { kind: 'other' }],
  ])('%s', (_label, error, expected) => {
    expect(writeFailure(error)).toEqual(expected);
  });
});

describe('withRetry', () => {
  const noSleep = async () => {};

  it('tries again after throttling until the work succeeds', async () => {
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw cancelled('ThrottlingError');
        return 'written';
      },
      { sleep: noSleep },
    );
    expect({ result, calls }).toEqual({ result: 'written', calls: 3 });
  });

  it('does not retry a failed condition', async () => {
    let calls = 0;
    const failing = withRetry(
      async () => {
        calls += 1;
        throw cancelled('ConditionalCheckFailed');
      },
      { sleep: noSleep },
    );
    await expect(failing).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(calls).toBe(1);
  });

  it('gives up after the attempts and throws the last error', async () => {
    let calls = 0;
    const failing = withRetry(
      async () => {
        calls += 1;
        throw cancelled('ThrottlingError');
      },
      { attempts: 4, sleep: noSleep },
    );
    await expect(failing).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(calls).toBe(4);
  });
});

/**
 * A client whose next `count` transactions are cancelled with ThrottlingError before reaching
 * DynamoDB Local, as DynamoDB cancels them under load (the SDK does not retry those).
 */
function throttledClient() {
  const state = { throttleNext: 0, throttled: 0 };
  const client = new DynamoDBClient({
    endpoint: inject('dynamodbEndpoint'),
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'TransactWriteItemsCommand' && state.throttleNext > 0) {
        state.throttleNext -= 1;
        state.throttled += 1;
        throw cancelled('ThrottlingError', 'None');
      }
      return next(args);
    },
    { step: 'initialize', name: 'throttleTransactions' },
  );
  return { client, state };
}

describe('throttled subscription transactions', () => {
  async function setup() {
    const { client, state } = throttledClient();
    const tableName = `throttled-${randomUUID()}`;
    await ensureTable(client, tableName);
    const stores = createStores(client, tableName);
    const subscription = subscriptionFixture({});
    await stores.subscriptions.create(subscription);
    return { stores, state, subscription };
  }

  it('an update throttled twice is retried and written, not answered 409 concurrent-update', async () => {
    const { stores, state, subscription } = await setup();
    state.throttleNext = 2;
    const next = { ...subscription, name: 'Renamed', version: subscription.version + 1 };
    await stores.subscriptions.replace(subscription, next);
    expect(state.throttled).toBe(2);
    expect((await stores.subscriptions.get(subscription.id))?.name).toBe('Renamed');
  });

  it('an update throttled past every retry fails as an outage, never as a conflict', async () => {
    const { stores, state, subscription } = await setup();
    state.throttleNext = 100;
    const next = { ...subscription, name: 'Renamed', version: subscription.version + 1 };
    const error = await stores.subscriptions.replace(subscription, next).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect(error).not.toBeInstanceOf(ConflictError);
    expect((await stores.subscriptions.get(subscription.id))?.name).toBe(subscription.name);
  });

  it('a stale version is still a 409 concurrent-update', async () => {
    const { stores, subscription } = await setup();
    const next = { ...subscription, name: 'Renamed', version: subscription.version + 1 };
    await stores.subscriptions.replace(subscription, next);
    await expect(
      stores.subscriptions.replace(subscription, { ...next, name: 'Again' }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it('a throttled webhook-disable is retried: the webhook is disabled and its audit record written', async () => {
    const { stores, state, subscription } = await setup();
    state.throttleNext = 2;
    const at = new Date().toISOString();
    const record = {
      id: `aud_${randomUUID().replaceAll('-', '')}`,
      at,
      actor: { keyId: 'system', scope: 'system' as const },
      action: 'subscription.webhook-disabled' as const,
      target: { type: 'subscription' as const, id: subscription.id },
    };
    await stores.subscriptions.disableWebhook(
      subscription.id,
      'gone',
      new Date(at),
      stores.audit.putItem(record),
    );
    expect(state.throttled).toBe(2);
    expect((await stores.subscriptions.get(subscription.id))?.webhook?.status).toBe('disabled');
    const trail = await stores.audit.list({ target: { type: 'subscription', id: subscription.id } });
    expect(trail.items.map((r) => r.id)).toEqual([record.id]);
  });

  it('a webhook-disable throttled past every retry is an error, not silently dropped', async () => {
    const { stores, state, subscription } = await setup();
    state.throttleNext = 100;
    await expect(
      stores.subscriptions.disableWebhook(subscription.id, 'gone', new Date()),
    ).resolves.toBeUndefined();
    // Without an audit record the disable is a single UpdateItem, which the SDK retries itself.
    expect((await stores.subscriptions.get(subscription.id))?.webhook?.status).toBe('disabled');
    const record = {
      id: `aud_${randomUUID().replaceAll('-', '')}`,
      at: new Date().toISOString(),
      actor: { keyId: 'system', scope: 'system' as const },
      action: 'subscription.webhook-disabled' as const,
      target: { type: 'subscription' as const, id: subscription.id },
    };
    await expect(
      stores.subscriptions.disableWebhook(subscription.id, 'gone', new Date(), stores.audit.putItem(record)),
    ).rejects.toBeInstanceOf(TransactionCanceledException);
  });
});
