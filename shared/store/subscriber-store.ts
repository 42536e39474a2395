import { createHash, randomBytes } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { ConflictError, NotFoundError } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import type { Profile } from '../model/profile.js';
import type { TransactItem } from './audit-store.js';
import { keys } from './keys.js';
import { queryPage } from './paging.js';
import { defaultProfileUpdate, type Subscriber, toSubscriber } from './subscriber-items.js';
import type { TableContext } from './table.js';

export type ApiKeyScope = 'admin' | 'ingest' | 'subscriber';

export type { Subscriber } from './subscriber-items.js';

/** What a stored key grants. The key itself is never stored, only its SHA-256. */
export interface ApiKeyRecord {
  keyId: string;
  scope: ApiKeyScope;
  subscriberId?: string;
  /** A label for people ("CI pipeline", "rotation 2026-03"); not secret. */
  name?: string;
  createdAt: string;
  revokedAt?: string;
}

/** Active keys a subscriber may hold at once: the one in use and its replacement during a rotation. */
export const MAX_ACTIVE_SUBSCRIBER_KEYS = 2;

/**
 * Each key is two items, and neither holds the key:
 * - `APIKEY#<sha256>`: what authentication reads, by the hash of the presented key;
 * - `APIKEYREF#<keyId>`: the key's record and its hash, so a key can be revoked by id, listed on
 *   gsi1 (`APIKEYS`, sorted by owner then creation) and counted, without ever showing the hash.
 */
const ownerPrefix = (record: Pick<ApiKeyRecord, 'scope' | 'subscriberId'>) =>
  `${record.subscriberId ?? `~${record.scope}`}#`;

const ApiKeyRecordSchema = z.object({
  keyId: z.string(),
  scope: z.enum(['admin', 'ingest', 'subscriber']),
  subscriberId: z.string().optional(),
  name: z.string().optional(),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
});

/** The record of a stored item, without keys, hash or anything else. */
function toRecord(item: Record<string, unknown> | undefined): ApiKeyRecord | undefined {
  const parsed = ApiKeyRecordSchema.safeParse(item);
  if (!parsed.success) return undefined;
  const { keyId, scope, subscriberId, name, createdAt, revokedAt } = parsed.data;
  return {
    keyId,
    scope,
    ...(subscriberId !== undefined ? { subscriberId } : {}),
    ...(name !== undefined ? { name } : {}),
    createdAt,
    ...(revokedAt !== undefined ? { revokedAt } : {}),
  };
}

/** SHA-256 of a key, hex: the only form in which keys are stored or compared. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Characters of the checksum a key ends with. */
const CHECKSUM_LENGTH = 6;

/** The checksum of a key's body: the start of its SHA-256, so a typo or a made-up key fails it. */
function keyChecksum(body: string): string {
  return createHash('sha256').update(body).digest('base64url').slice(0, CHECKSUM_LENGTH);
}

/**
 * A new random API key: `ma_<scope>_` + 32 random bytes (base64url) + a 6-character checksum. The
 * prefix tells a leaked key's kind at a glance (as secret scanners expect); the checksum lets the
 * API refuse a mistyped or made-up key without reading the store (as GitHub's tokens do).
 */
export function generateApiKey(scope: ApiKeyScope): string {
  const body = `ma_${scope.slice(0, 3)}_${randomBytes(32).toString('base64url')}`;
  return `${body}${keyChecksum(body)}`;
}

const KEY_SHAPE = /^(ma_(?:adm|ing|sub)_[A-Za-z0-9_-]{43})([A-Za-z0-9_-]{6})?$/;

/**
 * What a presented key looks like, without reading anything: `checked` (current format, checksum
 * right), `legacy` (a key issued before keys carried a checksum) or `malformed` (cannot exist).
 *
 * @example apiKeyShape(generateApiKey('subscriber')) // 'checked'
 */
export function apiKeyShape(key: string): 'checked' | 'legacy' | 'malformed' {
  const match = KEY_SHAPE.exec(key);
  if (!match?.[1]) return 'malformed';
  if (match[2] === undefined) return 'legacy';
  return keyChecksum(match[1]) === match[2] ? 'checked' : 'malformed';
}

/**
 * Subscribers and their API keys.
 *
 * @example
 * const { subscriber, apiKey } = await store.createSubscriber('Acme Magnets GmbH');
 */
export class SubscriberStore {
  constructor(private readonly table: TableContext) {}

  /** The two items of a new key, both conditional on not existing. */
  private keyPuts(key: string, record: ApiKeyRecord): TransactItem[] {
    const keyHash = hashApiKey(key);
    return [
      {
        Put: {
          TableName: this.table.tableName,
          Item: { ...keys.apiKey(keyHash), entity: 'apiKey', ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.table.tableName,
          Item: {
            ...keys.apiKeyRef(record.keyId),
            gsi1pk: keys.apiKeyList(),
            gsi1sk: `${ownerPrefix(record)}${record.keyId}`,
            entity: 'apiKeyRef',
            keyHash,
            ...record,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
  }

  /**
   * Creates a subscriber and its first key in one transaction (with `audit`, if given); the key is
   * returned once.
   */
  async createSubscriber(
    name: string,
    now = new Date(),
    audit?: (created: { subscriber: Subscriber; key: ApiKeyRecord }) => TransactItem,
  ): Promise<{ subscriber: Subscriber; apiKey: string; key: ApiKeyRecord }> {
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
              Item: {
                ...keys.subscriber(subscriber.id),
                gsi1pk: keys.subscriberList(),
                gsi1sk: `${subscriber.createdAt}#${subscriber.id}`,
                entity: 'subscriber',
                ...subscriber,
                activeKeys: 1,
                subscriptionCount: 0,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...this.keyPuts(apiKey, record),
          ...(audit ? [audit({ subscriber, key: record })] : []),
        ],
      }),
    );
    return { subscriber, apiKey, key: record };
  }

  async getSubscriber(id: string): Promise<Subscriber | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: keys.subscriber(id) }),
    );
    return Item ? toSubscriber(Item) : undefined;
  }

  /** A page of subscribers, oldest first. */
  async listSubscribers(
    options: { limit?: number; cursor?: string } = {},
  ): Promise<{ items: Subscriber[]; nextCursor?: string }> {
    const partition = keys.subscriberList();
    const page = await queryPage(
      this.table,
      {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': partition },
      },
      {
        limit: options.limit ?? 100,
        cursor: options.cursor,
        cursorKeys: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
        partition: { name: 'gsi1pk', value: partition },
      },
    );
    return {
      ...page,
      items: page.items.map(toSubscriber),
    };
  }

  /** Sets (or, with null, removes) the subscriber's default profile, with `audit` in the same transaction. */
  async setDefaultProfile(id: string, profile: Profile | null, audit?: TransactItem): Promise<void> {
    await this.table.doc.send(
      new TransactWriteCommand({
        TransactItems: [defaultProfileUpdate(this.table, id, profile), ...(audit ? [audit] : [])],
      }),
    );
  }

  /** Renames a subscriber, with `audit` in the same transaction. */
  async renameSubscriber(
    id: string,
    name: string,
    audit?: (before: Subscriber, after: Subscriber) => TransactItem,
  ): Promise<Subscriber> {
    const before = await this.getSubscriber(id);
    if (!before) throw new NotFoundError(`subscriber ${id}`);
    const after = { ...before, name };
    if (before.name === name) return before;
    const update = {
      TableName: this.table.tableName,
      Key: keys.subscriber(id),
      // The list index is set here too, for subscribers stored before it existed.
      UpdateExpression: 'SET #name = :name, gsi1pk = :list, gsi1sk = :order',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: {
        ':name': name,
        ':list': keys.subscriberList(),
        ':order': `${before.createdAt}#${id}`,
      },
    };
    if (audit) {
      await this.table.doc.send(
        new TransactWriteCommand({ TransactItems: [{ Update: update }, audit(before, after)] }),
      );
    } else await this.table.doc.send(new UpdateCommand(update));
    return after;
  }

  /**
   * Deletes every API key of a subscriber (both items of each), then the subscriber itself with
   * `audit`. Keys go first: a subscriber left half-deleted by a failure can be deleted again.
   */
  async deleteSubscriber(
    id: string,
    audit?: (before: Subscriber) => TransactItem,
  ): Promise<{ keysDeleted: number }> {
    const before = await this.getSubscriber(id);
    if (!before) throw new NotFoundError(`subscriber ${id}`);
    let keysDeleted = 0;
    for (;;) {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :owner)',
          ExpressionAttributeValues: { ':pk': keys.apiKeyList(), ':owner': `${id}#` },
          Limit: 50,
        }),
      );
      const refs = page.Items ?? [];
      if (refs.length === 0) break;
      for (const ref of refs) {
        const keyHash = typeof ref.keyHash === 'string' ? ref.keyHash : undefined;
        await this.table.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Delete: { TableName: this.table.tableName, Key: { pk: String(ref.pk), sk: String(ref.sk) } },
              },
              ...(keyHash
                ? [{ Delete: { TableName: this.table.tableName, Key: keys.apiKey(keyHash) } }]
                : []),
            ],
          }),
        );
        keysDeleted += 1;
      }
    }
    await this.table.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.table.tableName, Key: keys.subscriber(id) } },
          ...(audit ? [audit(before)] : []),
        ],
      }),
    );
    return { keysDeleted };
  }

  /**
   * Creates a key of the given scope (admin keys for people, ingest keys for feeds, a second
   * subscriber key for rotation). A subscriber holds at most `MAX_ACTIVE_SUBSCRIBER_KEYS` active
   * keys: a counter on the subscriber item, changed in the same transaction, enforces it exactly.
   */
  async createApiKey(
    scope: ApiKeyScope,
    subscriberId?: string,
    now = new Date(),
    options: { name?: string; audit?: (record: ApiKeyRecord) => TransactItem } = {},
  ): Promise<{ key: string; record: ApiKeyRecord }> {
    const key = generateApiKey(scope);
    const record: ApiKeyRecord = {
      keyId: newId('key', now),
      scope,
      ...(subscriberId ? { subscriberId } : {}),
      ...(options.name ? { name: options.name } : {}),
      createdAt: now.toISOString(),
    };
    const counter: TransactItem[] = subscriberId
      ? [
          {
            Update: {
              TableName: this.table.tableName,
              Key: keys.subscriber(subscriberId),
              UpdateExpression: 'SET activeKeys = if_not_exists(activeKeys, :zero) + :one',
              ConditionExpression:
                'attribute_exists(pk) AND (attribute_not_exists(activeKeys) OR activeKeys < :max)',
              ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':max': MAX_ACTIVE_SUBSCRIBER_KEYS },
            },
          },
        ]
      : [];
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            ...counter,
            ...this.keyPuts(key, record),
            ...(options.audit ? [options.audit(record)] : []),
          ],
        }),
      );
    } catch (error) {
      if (subscriberId && failedAt(error, 0)) {
        throw new ConflictError(
          'api-key-limit',
          `subscriber ${subscriberId} already has ${MAX_ACTIVE_SUBSCRIBER_KEYS} active API keys; revoke one first`,
        );
      }
      throw error;
    }
    return { key, record };
  }

  /** Looks a presented key up by its hash; revoked keys are treated as unknown. */
  async findApiKey(key: string): Promise<ApiKeyRecord | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: keys.apiKey(hashApiKey(key)),
        // A revocation must take effect at once.
        ConsistentRead: true,
      }),
    );
    const record = toRecord(Item);
    return record && !record.revokedAt ? record : undefined;
  }

  /** A key's record by id (revoked ones included); never the key or its hash. */
  async getApiKey(keyId: string): Promise<ApiKeyRecord | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: keys.apiKeyRef(keyId), ConsistentRead: true }),
    );
    return toRecord(Item);
  }

  /** A page of key records, by owner then creation; only `subscriberId`'s keys when given. */
  async listApiKeys(
    options: { subscriberId?: string; limit?: number; cursor?: string } = {},
  ): Promise<{ items: ApiKeyRecord[]; nextCursor?: string }> {
    const partition = keys.apiKeyList();
    const page = await queryPage(
      this.table,
      {
        IndexName: 'gsi1',
        KeyConditionExpression: options.subscriberId
          ? 'gsi1pk = :pk AND begins_with(gsi1sk, :owner)'
          : 'gsi1pk = :pk',
        ExpressionAttributeValues: {
          ':pk': partition,
          ...(options.subscriberId ? { ':owner': `${options.subscriberId}#` } : {}),
        },
      },
      {
        limit: options.limit ?? 100,
        cursor: options.cursor,
        cursorKeys: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
        partition: { name: 'gsi1pk', value: partition },
      },
    );
    return { ...page, items: page.items.flatMap((item) => toRecord(item) ?? []) };
  }

  /**
   * Revokes a key: from the next request on it answers 401. `subscriberId` limits this to that
   * subscriber's keys (others are not found); `keepOne` refuses to revoke its last active key.
   * Revoking a revoked key changes nothing and reports `revoked: false`.
   */
  async revokeApiKey(
    keyId: string,
    now: Date,
    options: {
      subscriberId?: string;
      keepOne?: boolean;
      audit?: (before: ApiKeyRecord, after: ApiKeyRecord) => TransactItem;
    } = {},
  ): Promise<{ record: ApiKeyRecord; revoked: boolean }> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: keys.apiKeyRef(keyId), ConsistentRead: true }),
    );
    const before = toRecord(Item);
    const keyHash = Item?.keyHash;
    if (!before || typeof keyHash !== 'string') throw new NotFoundError(`API key ${keyId}`);
    if (options.subscriberId !== undefined && before.subscriberId !== options.subscriberId) {
      throw new NotFoundError(`API key ${keyId}`);
    }
    if (before.revokedAt) return { record: before, revoked: false };

    const after: ApiKeyRecord = { ...before, revokedAt: now.toISOString() };
    const revoke = (Key: Record<string, string>, condition: string): TransactItem => ({
      Update: {
        TableName: this.table.tableName,
        Key,
        UpdateExpression: 'SET revokedAt = :now',
        ConditionExpression: condition,
        ExpressionAttributeValues: { ':now': after.revokedAt },
      },
    });
    const counter: TransactItem[] = before.subscriberId
      ? [
          {
            Update: {
              TableName: this.table.tableName,
              Key: keys.subscriber(before.subscriberId),
              UpdateExpression: 'SET activeKeys = if_not_exists(activeKeys, :one) - :one',
              ...(options.keepOne ? { ConditionExpression: 'activeKeys > :one' } : {}),
              ExpressionAttributeValues: { ':one': 1 },
            },
          },
        ]
      : [];
    try {
      await this.table.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            revoke(keys.apiKeyRef(keyId), 'attribute_exists(pk) AND attribute_not_exists(revokedAt)'),
            revoke(keys.apiKey(keyHash), 'attribute_exists(pk)'),
            ...counter,
            ...(options.audit ? [options.audit(before, after)] : []),
          ],
        }),
      );
    } catch (error) {
      if (failedAt(error, 0)) {
        // Revoked concurrently: the outcome is the one asked for.
        return { record: (await this.getApiKey(keyId)) ?? after, revoked: false };
      }
      if (options.keepOne && failedAt(error, 2)) {
        throw new ConflictError(
          'last-api-key',
          `API key ${keyId} is this subscriber's only active key; create its replacement first`,
        );
      }
      throw error;
    }
    return { record: after, revoked: true };
  }
}

/** Whether a transaction was cancelled because the condition of its item `index` failed. */
function failedAt(error: unknown, index: number): boolean {
  return (
    error instanceof TransactionCanceledException &&
    error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed'
  );
}
