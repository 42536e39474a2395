import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  METRICS,
  MetricBuffer,
  type MetricDimensions,
  type MetricName,
  type MetricsRecorder,
} from '../kernel/metrics.js';
import { keys } from './keys.js';
import type { TableContext } from './table.js';

const STATS_KEY = keys.stats();

/** A metric as `GET /v1/admin/stats` shows it: a total, and the same split by its dimension. */
export interface MetricTotals {
  total: number;
  /** Latencies: how many were measured and their mean. */
  count?: number;
  averageMs?: number;
  [byDimension: `by${string}`]: Record<string, number | { count: number; averageMs: number }>;
}

/** `Name` or `Name|Dimension=value`: one counter attribute per metric and dimension set. */
function attributeName(name: MetricName, dimensions: MetricDimensions): string {
  const [dimension] = Object.entries(dimensions);
  return dimension ? `${name}|${dimension[0]}=${dimension[1]}` : name;
}

/**
 * Local mode's copy of the metrics: running totals in one item of the table, added to atomically
 * by every process (API, matcher, dispatchers), so the counts agree with what CloudWatch would
 * sum from the same EMF output. Counts add up; latencies keep a count and a sum for the mean.
 */
export class StatsStore {
  constructor(private readonly table: TableContext) {}

  async add(
    groups: readonly { dimensions: MetricDimensions; values: ReadonlyMap<MetricName, readonly number[]> }[],
  ): Promise<void> {
    const deltas = new Map<string, number>();
    const bump = (attribute: string, value: number) =>
      deltas.set(attribute, (deltas.get(attribute) ?? 0) + value);
    for (const { dimensions, values } of groups) {
      for (const [name, list] of values) {
        const sum = list.reduce((a, b) => a + b, 0);
        const attribute = attributeName(name, dimensions);
        if (METRICS[name].unit === 'Count') bump(attribute, sum);
        else {
          bump(`${attribute}#count`, list.length);
          bump(`${attribute}#sum`, Math.round(sum));
        }
      }
    }
    if (deltas.size === 0) return;
    const names: Record<string, string> = {};
    const values: Record<string, number> = {};
    const adds = [...deltas].map(([attribute, delta], index) => {
      names[`#a${index}`] = attribute;
      values[`:v${index}`] = delta;
      return `#a${index} :v${index}`;
    });
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: STATS_KEY,
        UpdateExpression: `ADD ${adds.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  /** Every metric's totals so far; a metric nothing has recorded yet shows 0. */
  async read(): Promise<Record<MetricName, MetricTotals>> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: STATS_KEY, ConsistentRead: true }),
    );
    const item = (Item ?? {}) as Record<string, unknown>;
    const numberAt = (attribute: string) => Number(item[attribute] ?? 0);
    const result = {} as Record<MetricName, MetricTotals>;
    for (const name of Object.keys(METRICS) as MetricName[]) {
      const isCount = METRICS[name].unit === 'Count';
      const totals: MetricTotals = { total: 0 };
      const splits = new Map<string, MetricTotals[`by${string}`]>();
      for (const attribute of Object.keys(item)) {
        const match = /^([A-Za-z]+)(?:\|([A-Za-z]+)=([^#]*))?(#count|#sum)?$/.exec(attribute);
        if (!match || match[1] !== name || (match[4] === undefined) !== isCount) continue;
        const [, , dimension, value, suffix] = match;
        if (dimension === undefined || value === undefined) continue;
        const split = splits.get(dimension) ?? {};
        splits.set(dimension, split);
        if (isCount) split[value] = numberAt(attribute);
        else if (suffix === '#count') {
          const base = `${name}|${dimension}=${value}`;
          const count = numberAt(`${base}#count`);
          split[value] = { count, averageMs: count ? Math.round(numberAt(`${base}#sum`) / count) : 0 };
        }
      }
      // Each metric is recorded with one dimension or none, so its total is the sum of either.
      const split = [...splits.values()][0] ?? {};
      if (isCount) {
        totals.total = numberAt(name) + Object.values(split).reduce<number>((sum, v) => sum + Number(v), 0);
      } else {
        let count = numberAt(`${name}#count`);
        let sum = numberAt(`${name}#sum`);
        for (const [attribute] of Object.entries(item)) {
          if (attribute.startsWith(`${name}|`) && attribute.endsWith('#count')) {
            count += numberAt(attribute);
            sum += numberAt(attribute.replace(/#count$/, '#sum'));
          }
        }
        totals.total = count;
        totals.count = count;
        totals.averageMs = count ? Math.round(sum / count) : 0;
      }
      for (const [dimension, split] of splits) totals[`by${dimension}`] = split;
      result[name] = totals;
    }
    return result;
  }
}

/** A recorder that adds to the stored totals on each flush. */
export function storedCounters(store: StatsStore): MetricsRecorder {
  const buffer = new MetricBuffer();
  return {
    record: (name, value, dimensions) => buffer.add(name, value, dimensions),
    flush: async () => {
      const groups = buffer.drain();
      if (groups.length > 0) await store.add(groups);
    },
  };
}
