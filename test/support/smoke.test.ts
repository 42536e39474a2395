import { describe, expect, it } from 'vitest';
import { createTestTable } from './dynamodb.js';

describe('test table', () => {
  it('stores and reads a subscriber on DynamoDB Local', async () => {
    const table = await createTestTable();
    const { subscriber, apiKey } = await table.subscribers.createSubscriber('Smoke');
    expect(await table.subscribers.getSubscriber(subscriber.id)).toEqual(subscriber);
    expect((await table.subscribers.findApiKey(apiKey))?.subscriberId).toBe(subscriber.id);
  });
});
