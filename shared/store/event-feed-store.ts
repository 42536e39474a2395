/**
 * The event feed: for each subscriber, the alerts of its `feed` subscriptions in one dense
 * sequence (1, 2, 3, …), so a reader that cannot take calls pages through them by position.
 *
 * An append moves the feed's head and writes the event (and a guard naming the alert) in one
 * transaction, on condition that the head is where the writer read it: a number is never handed
 * out without its event, and event n + 1 cannot commit before event n. A reader serves events in
 * sequence order and stops at a gap whose next event is younger than `FEED_SETTLE_MS`: that gap
 * can only be a transaction still committing. Older gaps are events past their retention.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { webhookIdOf } from '../model/delivery.js';
import { batchGetByKey } from './batch-get.js';
import { toAlert } from './delivery-records.js';
import { feedEventSortKey, keys } from './keys.js';
import { isExpired } from './retention.js';
import type { TableContext } from './table.js';
import { contentionPauseMs, pause, withRetry } from './throttle-retry.js';
import { writeFailure } from './write-failure.js';

/** How long a gap in the sequence is taken for a commit in progress before it is read as expired. */
export const FEED_SETTLE_MS = 60_000;

/** Events per transaction: the head, then a guard and an event per alert (DynamoDB allows 100 items). */
const EVENTS_PER_APPEND = 40;

/** Appends tried before giving up (the caller's run then fails and is run again). */
const APPEND_ATTEMPTS = 60;

/** An alert to keep in its subscriber's feed until `ttl` (epoch seconds). */
export interface FeedEntry {
  alertId: string;
  subscriberId: string;
  subscriptionId: string;
  ttl: number;
}

/** One event as read back: its place in the feed and the alert's body as the webhook sends it. */
export interface FeedEvent {
  sequence: number;
  /** The alert's `webhook-id`: the same dedupe key a webhook receiver sees. */
  id: string;
  payload: string;
}

export class EventFeedStore {
  constructor(
    private readonly table: TableContext,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * Adds each alert to its subscriber's feed once, in the order given per subscriber; an alert
   * already there is skipped, so a rerun of the writer adds nothing twice.
   *
   * @example await feeds.append([{ alertId, subscriberId, subscriptionId, ttl }]);
   */
  async append(entries: readonly FeedEntry[]): Promise<void> {
    const bySubscriber = new Map<string, FeedEntry[]>();
    for (const entry of entries) {
      const group = bySubscriber.get(entry.subscriberId) ?? [];
      if (!group.some((e) => e.alertId === entry.alertId)) group.push(entry);
      bySubscriber.set(entry.subscriberId, group);
    }
    await Promise.all([...bySubscriber].map(([subscriberId, group]) => this.appendTo(subscriberId, group)));
  }

  private async appendTo(subscriberId: string, entries: FeedEntry[]): Promise<void> {
    let pending = entries;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const chunk = pending.slice(0, EVENTS_PER_APPEND);
      const head = await this.head(subscriberId);
      try {
        await this.table.doc.send(new TransactWriteCommand({ TransactItems: this.appendItems(head, chunk) }));
        pending = pending.slice(chunk.length);
        attempt = 0;
        continue;
      } catch (error) {
        const cancelled = error instanceof TransactionCanceledException;
        if ((!cancelled && writeFailure(error).kind !== 'retryable') || attempt >= APPEND_ATTEMPTS)
          throw error;
        // Item 0 is the head; then guard, event per alert. A failed guard: that alert is in already.
        const reasons = cancelled ? (error.CancellationReasons ?? []) : [];
        const present = new Set(
          chunk
            .filter((_, i) => reasons[1 + 2 * i]?.Code === 'ConditionalCheckFailed')
            .map((entry) => entry.alertId),
        );
        pending = pending.filter((entry) => !present.has(entry.alertId));
      }
      // Another writer moved the head (or holds it): read it again after a jittered pause.
      await pause(contentionPauseMs(Math.min(attempt, 10)));
    }
  }

  private appendItems(head: number, chunk: readonly FeedEntry[]) {
    const subscriberId = chunk[0]?.subscriberId ?? '';
    const at = this.clock().toISOString();
    const next = head + chunk.length;
    return [
      {
        Update: {
          TableName: this.table.tableName,
          Key: keys.feedHead(subscriberId),
          UpdateExpression: 'SET #sequence = :next, entity = :entity',
          ConditionExpression: head === 0 ? 'attribute_not_exists(pk)' : '#sequence = :head',
          ExpressionAttributeNames: { '#sequence': 'sequence' },
          ExpressionAttributeValues: {
            ':next': next,
            ':entity': 'feedHead',
            ...(head === 0 ? {} : { ':head': head }),
          },
        },
      },
      ...chunk.flatMap((entry, i) => {
        const sequence = head + i + 1;
        return [
          {
            Put: {
              TableName: this.table.tableName,
              Item: {
                ...keys.feedAlert(subscriberId, entry.alertId),
                entity: 'feedAlert',
                sequence,
                ttl: entry.ttl,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: this.table.tableName,
              Item: {
                ...keys.feedEvent(subscriberId, sequence),
                entity: 'feedEvent',
                sequence,
                alertId: entry.alertId,
                subscriptionId: entry.subscriptionId,
                at,
                ttl: entry.ttl,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ];
      }),
    ];
  }

  private async head(subscriberId: string): Promise<number> {
    const { Item } = await withRetry(() =>
      this.table.doc.send(
        new GetCommand({
          TableName: this.table.tableName,
          Key: keys.feedHead(subscriberId),
          ConsistentRead: true,
        }),
      ),
    );
    return typeof Item?.sequence === 'number' ? Item.sequence : 0;
  }

  /**
   * Up to `limit` live events after position `after` (0: from the oldest kept), in order, and the
   * position to continue from. Stops before a gap that may still be filled (see the top of this file).
   * `beyondHead`: the feed never reached `after`, so the position is not one of this feed's.
   *
   * @example const { events, position } = await feeds.read('sbr_…', 0, 50);
   */
  async read(
    subscriberId: string,
    after: number,
    limit: number,
  ): Promise<{ events: FeedEvent[]; position: number; beyondHead?: true }> {
    const now = this.clock();
    let position = after;
    const found: { sequence: number; alertId: string }[] = [];
    let from = after;
    scan: for (;;) {
      const page = await withRetry(() =>
        this.table.doc.send(
          new QueryCommand({
            TableName: this.table.tableName,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: {
              ':pk': keys.feedOf(subscriberId),
              ':from': feedEventSortKey(from + 1),
              ':to': feedEventSortKey(10 ** 12 - 1),
            },
            ConsistentRead: true,
            Limit: Math.max(limit - found.length, 1) + 5,
          }),
        ),
      );
      const items = page.Items ?? [];
      for (const item of items) {
        const sequence = Number(item.sequence);
        const at = Date.parse(String(item.at));
        if (sequence !== position + 1 && !(now.getTime() - at >= FEED_SETTLE_MS)) break scan;
        position = sequence;
        if (!isExpired(item, now)) found.push({ sequence, alertId: String(item.alertId) });
        if (found.length >= limit) break scan;
      }
      const last = items.at(-1);
      if (!page.LastEvaluatedKey || !last) break;
      from = Number(last.sequence);
    }
    // Nothing after the position: it may name a place this feed never reached (another feed's cursor).
    if (position === after && after > 0 && after > (await this.head(subscriberId))) {
      return { events: [], position, beyondHead: true };
    }
    return { events: await this.bodies(found), position };
  }

  /** The alerts' bodies, in the events' order; an alert gone with its retention is left out. */
  private async bodies(found: readonly { sequence: number; alertId: string }[]): Promise<FeedEvent[]> {
    const items = await batchGetByKey(
      this.table,
      [...new Set(found.map((f) => f.alertId))].map((alertId) => keys.alert(alertId)),
    );
    const payloads = new Map<string, string>();
    for (const item of items.values()) {
      const alert = toAlert(item);
      payloads.set(alert.alertId, alert.payload);
    }
    return found.flatMap(({ sequence, alertId }) => {
      const payload = payloads.get(alertId);
      return payload === undefined ? [] : [{ sequence, id: webhookIdOf(alertId), payload }];
    });
  }
}
