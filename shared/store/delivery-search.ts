/**
 * The delivery log across several subscriptions: each subscription's partition queried newest
 * first (never a Scan), filtered by status, event type, channel and creation time, and merged.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { forEachLimited } from '../kernel/concurrency.js';
import type { Delivery, DeliveryStatus } from '../model/delivery.js';
import { type DeliveryTable, toDelivery } from './delivery-records.js';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor, type Page } from './paging.js';
import { liveCondition } from './retention.js';

/** What the log is narrowed to; times are ISO 8601 in UTC, `from` inclusive, `to` exclusive. */
export interface DeliverySearch {
  status?: DeliveryStatus;
  type?: string;
  channel?: string;
  webhookId?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

/** Query pages read per subscription for one page of the log, so a narrow filter stays bounded. */
const PAGES_PER_PARTITION = 4;
const PARALLEL_QUERIES = 8;
const CURSOR_VIEW = { name: 'view', value: 'delivery-log' } as const;

/** Where one subscription's partition was left: everything at or after `frontier` has been read. */
interface PartitionRead {
  items: Delivery[];
  /** The sort key below which this partition was not read; undefined when it was read to the end. */
  frontier?: string;
}

/**
 * A page of the deliveries of `subscriptionIds` matching `search`, newest first. Each partition is
 * read to at most `limit` matches or a few query pages; only what every partition has read past is
 * answered, so the merged order is exact and the cursor (sealed, bound to this view) resumes below
 * the last item shown.
 */
export async function searchDeliveries(
  store: DeliveryTable,
  subscriptionIds: readonly string[],
  search: DeliverySearch,
): Promise<Page<Delivery>> {
  const before = search.cursor
    ? decodeCursor(search.cursor, ['view', 'before'], CURSOR_VIEW).before
    : undefined;
  const upper = minKey(before, search.to);
  // An empty range (a cursor past `from`, or `to` before it): DynamoDB refuses BETWEEN upside down.
  if (upper !== undefined && search.from !== undefined && upper <= search.from) return { items: [] };
  const reads: PartitionRead[] = [];
  await forEachLimited(subscriptionIds, PARALLEL_QUERIES, async (subscriptionId) => {
    reads.push(await readPartition(store, subscriptionId, { ...search, ...(upper ? { upper } : {}) }));
  });
  // Items at or above the highest frontier are known in every partition; below it, not yet.
  const boundary = reads.reduce<string | undefined>(
    (high, read) =>
      read.frontier !== undefined && (high === undefined || read.frontier > high) ? read.frontier : high,
    undefined,
  );
  const known = reads
    .flatMap((read) => read.items)
    .map((delivery) => ({ delivery, sk: sortKey(delivery) }))
    .filter(({ sk }) => boundary === undefined || sk >= boundary)
    .sort((a, b) => (a.sk < b.sk ? 1 : a.sk > b.sk ? -1 : 0));
  const shown = known.slice(0, search.limit);
  const last = shown.at(-1);
  const resumeAt = known.length > search.limit && last ? last.sk : boundary;
  return {
    items: shown.map(({ delivery }) => delivery),
    ...(resumeAt ? { nextCursor: encodeCursor({ view: CURSOR_VIEW.value, before: resumeAt }) } : {}),
  };
}

async function readPartition(
  store: DeliveryTable,
  subscriptionId: string,
  search: DeliverySearch & { upper?: string },
): Promise<PartitionRead> {
  const live = liveCondition(store.clock());
  const names: Record<string, string> = { ...live.names };
  const values: Record<string, unknown> = { ':pk': keys.deliveriesOf(subscriptionId), ...live.values };
  const filters = [live.expression];
  const equal = (attribute: string, value: string | undefined) => {
    if (value === undefined) return;
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = value;
    filters.push(`#${attribute} = :${attribute}`);
  };
  equal('status', search.status);
  equal('type', search.type);
  equal('channel', search.channel);
  equal('webhookId', search.webhookId);
  const range: string[] = [];
  if (search.from !== undefined) {
    values[':from'] = search.from;
    range.push('sk >= :from');
  }
  if (search.upper !== undefined) {
    values[':upper'] = search.upper;
    range.push('sk < :upper');
  }
  // BETWEEN is inclusive and a filter may not name the sort key: the one item equal to an
  // exclusive upper bound (a cursor's last item) is dropped below.
  const keyCondition =
    range.length === 2
      ? 'pk = :pk AND sk BETWEEN :from AND :upper'
      : `pk = :pk${range[0] ? ` AND ${range[0]}` : ''}`;

  const items: Delivery[] = [];
  let start: Record<string, unknown> | undefined;
  for (let page = 0; page < PAGES_PER_PARTITION; page++) {
    const result = await store.table.doc.send(
      new QueryCommand({
        TableName: store.table.tableName,
        KeyConditionExpression: keyCondition,
        FilterExpression: filters.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        ConsistentRead: true,
        Limit: search.limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of result.Items ?? []) if (item.sk !== search.upper) items.push(toDelivery(item));
    start = result.LastEvaluatedKey;
    if (!start) return { items };
    if (items.length >= search.limit) break;
  }
  return { items, frontier: String(start?.sk) };
}

function sortKey(delivery: Pick<Delivery, 'createdAt' | 'id'>): string {
  return `${delivery.createdAt}#${delivery.id}`;
}

function minKey(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}
