import { createHash, randomBytes } from 'node:crypto';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { newId } from '../ids.js';
import { keys, type TableContext } from './table.js';

export type ApiKeyScope = 'admin' | 'ingest' | 'subscriber';

export interface Subscriber {
  id: string;
  name: string;
  createdAt: string;
}

/** What a stored key grants. The key itself is never stored, only its SHA-256. */
export interface ApiKeyRecord {
  keyId: string;
  scope: ApiKeyScope;
  subscriberId?: string;
  createdAt: string;
  revokedAt?: string;
}

/** SHA-256 of a key, hex: the only form in which keys are stored or compared. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new random API key; the prefix tells a leaked key's kind at a glance (as secret scanners expect). */
export function generateApiKey(scope: ApiKeyScope): string {
  return `ma_${scope.slice(0, 3)}_${randomBytes(32).toString('base64url')}`;
}

/**
 * Subscribers and their API keys.
 *
 * @example
 * const { subscriber, apiKey } = await store.createSubscriber('Acme Magnets GmbH');
 */
export class SubscriberStore {
  constructor(private readonly table: TableContext) {}

  /** Creates a subscriber and its first key in one transaction; the key is returned once. */
  async createSubscriber(
    name: string,
    now = new Date(),
  ): Promise<{ subscriber: Subscriber; apiKey: string }> {
    const subscriber: Subscriber = { id: newId('sbr', now), name, createdAt: now.toISOString() };
    const apiKey = generateApiKey('subscriber');
    const record: ApiKeyRecord = {
      keyId: newId('key', now),
      scope: 'subscriber',
      subscriberId: subscriber.id,
      createdAt: subscriber.createdAt,
    };
    await this.table.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.table.tableName,
              Item: { ...keys.subscriber(subscriber.id), entity: 'subscriber', ...subscriber },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: this.table.tableName,
              Item: {
                ...keys.apiKey(hashApiKey(apiKey)),
                gsi1pk: `SUBSCRIBER#${subscriber.id}#KEYS`,
                gsi1sk: record.keyId,
                entity: 'apiKey',
                ...record,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
    return { subscriber, apiKey };
  }

  async getSubscriber(id: string): Promise<Subscriber | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: keys.subscriber(id) }),
    );
    if (!Item) return undefined;
    return { id: String(Item.id), name: String(Item.name), createdAt: String(Item.createdAt) };
  }

  /** Creates a key of the given scope (ingest keys for feeds, extra subscriber keys for rotation). */
  async createApiKey(
    scope: ApiKeyScope,
    subscriberId?: string,
    now = new Date(),
  ): Promise<{ key: string; record: ApiKeyRecord }> {
    const key = generateApiKey(scope);
    const record: ApiKeyRecord = {
      keyId: newId('key', now),
      scope,
      createdAt: now.toISOString(),
      ...(subscriberId ? { subscriberId } : {}),
    };
    await this.table.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.table.tableName,
              Item: {
                ...keys.apiKey(hashApiKey(key)),
                ...(subscriberId ? { gsi1pk: `SUBSCRIBER#${subscriberId}#KEYS`, gsi1sk: record.keyId } : {}),
                entity: 'apiKey',
                ...record,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
    return { key, record };
  }

  /** Looks a presented key up by its hash; revoked keys are treated as unknown. */
  async findApiKey(key: string): Promise<ApiKeyRecord | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: keys.apiKey(hashApiKey(key)) }),
    );
    if (!Item || Item.revokedAt) return undefined;
    const scope = Item.scope;
    if (scope !== 'admin' && scope !== 'ingest' && scope !== 'subscriber') return undefined;
    return {
      keyId: String(Item.keyId),
      scope,
      createdAt: String(Item.createdAt),
      ...(typeof Item.subscriberId === 'string' ? { subscriberId: Item.subscriberId } : {}),
    };
  }
}
