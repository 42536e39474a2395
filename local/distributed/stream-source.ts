import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { Log } from '../../shared/kernel/redaction.js';

export interface StreamSourceOptions {
  streams: DynamoDBStreamsClient;
  streamArn: string;
  region: string;
  /** As the stack's event source: batches of 10, 10 retries, then the on-failure destination. */
  batchSize?: number;
  retryAttempts?: number;
  /** The event source's filter criteria: records that do not pass are skipped, not invoked. */
  filter: (record: DynamoDBRecord) => boolean;
  invoke: (event: DynamoDBStreamEvent) => Promise<unknown>;
  /** Where a batch goes after its retries (Lambda: the SQS on-failure destination). */
  onFailure: (failure: { shardId: string; records: DynamoDBRecord[]; error: string }) => Promise<void>;
  log: Log;
  pollMs?: number;
}

/** A stream record as Lambda hands it to the function. */
export function toLambdaRecord(record: StreamRecord, streamArn: string, region: string): DynamoDBRecord {
  const data = record.dynamodb ?? {};
  const created = data.ApproximateCreationDateTime;
  return {
    eventID: record.eventID ?? '',
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
      ...(data.Keys ? { Keys: data.Keys as never } : {}),
      ...(data.NewImage ? { NewImage: data.NewImage as never } : {}),
      ...(data.OldImage ? { OldImage: data.OldImage as never } : {}),
      ...(data.SequenceNumber ? { SequenceNumber: data.SequenceNumber } : {}),
      ...(data.SizeBytes !== undefined ? { SizeBytes: data.SizeBytes } : {}),
      ...(data.StreamViewType ? { StreamViewType: data.StreamViewType } : {}),
    },
  };
}

interface ShardState {
  shardId: string;
  parentShardId?: string;
  iterator?: string;
  /** The last sequence number fully processed: where a new iterator resumes. */
  checkpoint?: string;
  /** Read but not yet processed (a batch being retried stays here). */
  buffer: DynamoDBRecord[];
  closed: boolean;
  attempts: number;
  retryAt: number;
}

/**
 * Lambda's DynamoDB Streams event source mapping, over the Streams API: it lists the stream's
 * shards, reads each (parents before children) through shard iterators from TRIM_HORIZON, skips
 * what the filter rejects, and invokes in order per shard. A batch that fails is retried from its
 * first failed record (ReportBatchItemFailures), and after `retryAttempts` sent to `onFailure`.
 * The checkpoint lives here, as in the Lambda service, so a crashed function loses nothing.
 */
export function startStreamSource(options: StreamSourceOptions): { stop(): Promise<void> } {
  const shards = new Map<string, ShardState>();
  const batchSize = options.batchSize ?? 10;
  const retryAttempts = options.retryAttempts ?? 10;
  let running = true;
  let wake: (() => void) | undefined;

  async function listShards(): Promise<void> {
    let start: string | undefined;
    do {
      const page = await options.streams.send(
        new DescribeStreamCommand({
          StreamArn: options.streamArn,
          ...(start ? { ExclusiveStartShardId: start } : {}),
        }),
      );
      for (const shard of page.StreamDescription?.Shards ?? []) addShard(shard);
      start = page.StreamDescription?.LastEvaluatedShardId;
    } while (start);
  }

  function addShard(shard: Shard): void {
    if (!shard.ShardId || shards.has(shard.ShardId)) return;
    shards.set(shard.ShardId, {
      shardId: shard.ShardId,
      ...(shard.ParentShardId ? { parentShardId: shard.ParentShardId } : {}),
      buffer: [],
      closed: false,
      attempts: 0,
      retryAt: 0,
    });
  }

  /** A child shard waits until its parent is read to the end, so a key's records stay in order. */
  function readable(state: ShardState): boolean {
    if (state.closed && state.buffer.length === 0) return false;
    const parent = state.parentShardId ? shards.get(state.parentShardId) : undefined;
    return !parent || (parent.closed && parent.buffer.length === 0);
  }

  async function read(state: ShardState): Promise<void> {
    if (!state.iterator) {
      const { ShardIterator } = await options.streams.send(
        new GetShardIteratorCommand({
          StreamArn: options.streamArn,
          ShardId: state.shardId,
          ...(state.checkpoint
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: state.checkpoint }
            : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      );
      state.iterator = ShardIterator;
      if (!state.iterator) {
        state.closed = true;
        return;
      }
    }
    const page = await options.streams.send(
      new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 100 }),
    );
    for (const record of page.Records ?? []) {
      state.buffer.push(toLambdaRecord(record, options.streamArn, options.region));
    }
    state.iterator = page.NextShardIterator;
    if (!state.iterator) state.closed = true;
  }

  /** Processes the buffer batch by batch; stops at a failure, to retry it later. */
  async function process(state: ShardState): Promise<void> {
    while (state.buffer.length > 0 && running) {
      if (Date.now() < state.retryAt) return;
      // Filtered-out records count as processed, as with the mapping's filter criteria.
      while (state.buffer[0] && !options.filter(state.buffer[0])) advance(state, 1);
      const batch: DynamoDBRecord[] = [];
      for (const record of state.buffer) {
        if (batch.length >= batchSize) break;
        if (options.filter(record)) batch.push(record);
      }
      if (batch.length === 0) return;
      let failedFrom: string | undefined;
      let error = '';
      try {
        const response = (await options.invoke({ Records: batch })) as DynamoDBBatchResponse | null;
        const failures = (response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier);
        failedFrom = batch.find((record) => failures.includes(record.dynamodb?.SequenceNumber ?? ''))
          ?.dynamodb?.SequenceNumber;
        if (failedFrom) error = 'reported in batchItemFailures';
      } catch (invokeError) {
        failedFrom = batch[0]?.dynamodb?.SequenceNumber;
        error = String(invokeError);
      }
      const processed = failedFrom
        ? state.buffer.findIndex((record) => record.dynamodb?.SequenceNumber === failedFrom)
        : state.buffer.indexOf(batch[batch.length - 1] as DynamoDBRecord) + 1;
      advance(state, processed);
      if (!failedFrom) {
        state.attempts = 0;
        continue;
      }
      state.attempts += 1;
      if (state.attempts > retryAttempts) {
        const failedBatch = batch.slice(batch.findIndex((r) => r.dynamodb?.SequenceNumber === failedFrom));
        await options.onFailure({ shardId: state.shardId, records: failedBatch, error });
        advance(state, state.buffer.indexOf(failedBatch[failedBatch.length - 1] as DynamoDBRecord) + 1);
        state.attempts = 0;
        continue;
      }
      options.log({
        level: 'warn',
        message: 'matcher batch failed; retrying from the first failed record',
        shardId: state.shardId,
        sequenceNumber: failedFrom,
        attempt: state.attempts,
        error,
      });
      state.retryAt = Date.now() + Math.min(10_000, 250 * 2 ** (state.attempts - 1));
      return;
    }
  }

  function advance(state: ShardState, count: number): void {
    const taken = state.buffer.splice(0, count);
    const last = taken[taken.length - 1]?.dynamodb?.SequenceNumber;
    if (last) state.checkpoint = last;
  }

  const loop = (async () => {
    let lastListing = 0;
    while (running) {
      try {
        if (Date.now() - lastListing > 1000) {
          await listShards();
          lastListing = Date.now();
        }
        for (const state of shards.values()) {
          if (!running || !readable(state)) continue;
          if (state.buffer.length === 0 && !state.closed) await read(state);
          await process(state);
        }
      } catch (error) {
        if (!running) break;
        options.log({ level: 'warn', message: 'stream poll failed', error: String(error) });
        // An expired or trimmed iterator is fetched again from the checkpoint, and read again from there.
        for (const state of shards.values()) {
          delete state.iterator;
          state.buffer = [];
          state.closed = false;
        }
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, options.pollMs ?? 250);
      });
    }
  })();

  return {
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
