import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from './keys.js';
import type { TableContext } from './table.js';

/** The UTC day of a time, `YYYY-MM-DD`: SMS quotas run per day. */
export const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/** Seconds since the epoch two days after `day`, for the table's TTL to remove spent counters. */
const expiry = (day: string) => Math.floor(Date.parse(`${day}T00:00:00Z`) / 1000) + 2 * 86_400;

/**
 * Daily SMS counters, each one conditional update (exact under concurrency):
 * - confirmation codes per phone number (all subscribers together, the number known by its digest),
 *   so a number that never asked for anything gets at most a few codes a day whoever adds it;
 * - alert texts per subscription, the daily SMS cap.
 *
 * @example
 * if (!(await quota.reserveCode('+4915112345678', now, 3))) throw new TooManyRequestsError(...);
 */
export class SmsQuotaStore {
  constructor(private readonly table: TableContext) {}

  /** Takes one confirmation code from the number's daily allowance; false when it is spent. */
  async reserveCode(phoneNumber: string, now: Date, perDay: number): Promise<boolean> {
    const digest = createHash('sha256').update(phoneNumber).digest('hex');
    return this.reserve(keys.smsCodes(digest, utcDay(now)), utcDay(now), 1, perDay);
  }

  /** Takes `count` texts from the subscription's daily cap; false (and nothing taken) when they do not fit. */
  async reserveAlertTexts(
    subscriptionId: string,
    now: Date,
    count: number,
    perDay: number,
  ): Promise<boolean> {
    return this.reserve(keys.smsTexts(subscriptionId, utcDay(now)), utcDay(now), count, perDay);
  }

  private async reserve(
    key: { pk: string; sk: string },
    day: string,
    count: number,
    max: number,
  ): Promise<boolean> {
    if (count > max) return false;
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: key,
          UpdateExpression: 'SET sent = if_not_exists(sent, :zero) + :count, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(sent) OR sent <= :room',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':zero': 0,
            ':count': count,
            ':room': max - count,
            ':ttl': expiry(day),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
