import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys.js';
import type { TableContext } from './table.js';

/** The lock item beside its subscription. */
const lockKey = keys.recoveryLock;

/**
 * One recovery at a time per subscription: a lease item written only if absent or run out. A
 * recovery holds it while it reopens deliveries and until the last of them is due (they go out
 * paced), so a second recovery meanwhile is refused rather than doubling the traffic. A crashed
 * holder's lease simply runs out.
 *
 * @example
 * if (!(await locks.acquire('sub_…', now, 300_000))) throw new ConflictError(...);
 */
export class RecoveryLockStore {
  constructor(private readonly table: TableContext) {}

  /** Takes the lock until `now + leaseMs`; false when another recovery holds it. */
  async acquire(subscriptionId: string, now: Date, leaseMs: number): Promise<boolean> {
    const until = new Date(now.getTime() + leaseMs);
    try {
      await this.table.doc.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...lockKey(subscriptionId),
            entity: 'recoveryLock',
            runningUntil: until.toISOString(),
            // Seconds since the epoch, for a TTL on the table to remove run-out locks.
            ttl: Math.ceil(until.getTime() / 1000) + 86_400,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR runningUntil <= :now',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Keeps the lock until `until` (the last paced delivery's due time), or gives it up if that has passed. */
  async holdUntil(subscriptionId: string, until: Date, now: Date): Promise<void> {
    if (until <= now) {
      await this.table.doc.send(
        new DeleteCommand({ TableName: this.table.tableName, Key: lockKey(subscriptionId) }),
      );
      return;
    }
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: lockKey(subscriptionId),
        UpdateExpression: 'SET runningUntil = :until, #ttl = :ttl',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: {
          ':until': until.toISOString(),
          ':ttl': Math.ceil(until.getTime() / 1000) + 86_400,
        },
      }),
    );
  }
}
