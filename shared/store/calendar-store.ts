/**
 * Private calendar URLs: one per subscriber at a time, carrying a random token of which only the
 * SHA-256 is stored. Issuing a new one removes the old token in the same transaction, so an old
 * URL stops working the moment its replacement exists.
 */
import { createHash, randomBytes } from 'node:crypto';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from './audit-store.js';
import { keys } from './keys.js';
import type { TableContext } from './table.js';
import { contentionPauseMs, pause, withRetry } from './throttle-retry.js';
import { writeFailure } from './write-failure.js';

/** A token as issued: `cal_` and 32 random bytes in base64url. Anything else is not looked up. */
const TOKEN_SHAPE = /^cal_[A-Za-z0-9_-]{43}$/;

/** Concurrent issues or revocations of one subscriber's calendar settle within a few tries. */
const WRITE_ATTEMPTS = 8;

export interface CalendarGrant {
  createdAt: string;
}

function digestOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class CalendarStore {
  constructor(private readonly table: TableContext) {}

  /**
   * A new token for the subscriber, replacing (and so revoking) any earlier one.
   *
   * @example const token = await calendars.issue('sbr_…', new Date());
   */
  async issue(subscriberId: string, now: Date, audit?: TransactItem): Promise<string> {
    const token = `cal_${randomBytes(32).toString('base64url')}`;
    const digest = digestOf(token);
    const createdAt = now.toISOString();
    await this.swap(subscriberId, (current) => [
      {
        Put: {
          TableName: this.table.tableName,
          Item: { ...keys.calendarToken(digest), entity: 'calendarToken', subscriberId, createdAt },
        },
      },
      {
        Put: {
          TableName: this.table.tableName,
          Item: { ...keys.calendarOf(subscriberId), entity: 'calendar', tokenDigest: digest, createdAt },
          ...this.unchanged(current),
        },
      },
      ...(current ? [this.deleteToken(current)] : []),
      ...(audit ? [audit] : []),
    ]);
    return token;
  }

  /** Revokes the subscriber's calendar URL (with `audit` in the same transaction); says whether there was one. */
  async revoke(subscriberId: string, audit?: TransactItem): Promise<boolean> {
    let had = false;
    await this.swap(subscriberId, (current) => {
      had = current !== undefined;
      if (!current) return [];
      return [
        {
          Delete: {
            TableName: this.table.tableName,
            Key: keys.calendarOf(subscriberId),
            ...this.unchanged(current),
          },
        },
        this.deleteToken(current),
        ...(audit ? [audit] : []),
      ];
    });
    return had;
  }

  /** When the subscriber's current calendar URL was issued, if it has one. */
  async current(subscriberId: string): Promise<CalendarGrant | undefined> {
    const item = await this.pointer(subscriberId);
    return item ? { createdAt: item.createdAt } : undefined;
  }

  /** Whose calendar a token opens; undefined for a malformed, unknown or revoked token. */
  async subscriberOf(token: string): Promise<string | undefined> {
    if (!TOKEN_SHAPE.test(token)) return undefined;
    const { Item } = await withRetry(() =>
      this.table.doc.send(
        new GetCommand({ TableName: this.table.tableName, Key: keys.calendarToken(digestOf(token)) }),
      ),
    );
    return typeof Item?.subscriberId === 'string' ? Item.subscriberId : undefined;
  }

  private async pointer(
    subscriberId: string,
  ): Promise<{ tokenDigest: string; createdAt: string } | undefined> {
    const { Item } = await withRetry(() =>
      this.table.doc.send(
        new GetCommand({
          TableName: this.table.tableName,
          Key: keys.calendarOf(subscriberId),
          ConsistentRead: true,
        }),
      ),
    );
    return typeof Item?.tokenDigest === 'string'
      ? { tokenDigest: Item.tokenDigest, createdAt: String(Item.createdAt) }
      : undefined;
  }

  /** Writes what `build` makes of the current token, again if another writer changed it meanwhile. */
  private async swap(
    subscriberId: string,
    build: (current: string | undefined) => TransactItem[],
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const items = build((await this.pointer(subscriberId))?.tokenDigest);
      if (items.length === 0) return;
      try {
        await this.table.doc.send(new TransactWriteCommand({ TransactItems: items }));
        return;
      } catch (error) {
        const failure = writeFailure(error);
        if (failure.kind === 'other' || attempt >= WRITE_ATTEMPTS) throw error;
        await pause(contentionPauseMs(attempt));
      }
    }
  }

  private unchanged(current: string | undefined) {
    return current
      ? {
          ConditionExpression: 'tokenDigest = :current',
          ExpressionAttributeValues: { ':current': current },
        }
      : { ConditionExpression: 'attribute_not_exists(pk)' };
  }

  private deleteToken(digest: string) {
    return { Delete: { TableName: this.table.tableName, Key: keys.calendarToken(digest) } };
  }
}
