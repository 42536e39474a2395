import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Log } from '../../shared/kernel/redaction.js';

export interface SqsSourceOptions {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  region: string;
  /** As the stack's event source: 10 messages, gathered for up to a second. */
  batchSize?: number;
  invoke: (event: SQSEvent) => Promise<unknown>;
  log: Log;
}

/** A message as Lambda's SQS event source hands it over. */
export function toSqsRecord(message: Message, queueArn: string, region: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? '000000000000',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
        name,
        {
          dataType: value.DataType ?? 'String',
          ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
        },
      ]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

/**
 * Lambda's SQS event source mapping for one consumer: receive a batch, invoke, delete what the
 * function did not report in `batchItemFailures`. Reported or crashed messages stay on the queue
 * and come back when their visibility timeout ends (the dispatcher sets it for retries), and after
 * the queue's maxReceiveCount they move to its dead-letter queue.
 */
export function startSqsSource(options: SqsSourceOptions): { stop(): Promise<void> } {
  let running = true;
  const abort = new AbortController();
  const loop = (async () => {
    while (running) {
      let messages: Message[] = [];
      try {
        const received = await options.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: options.queueUrl,
            MaxNumberOfMessages: options.batchSize ?? 10,
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: abort.signal },
        );
        messages = received.Messages ?? [];
      } catch (error) {
        if (!running) break;
        options.log({ level: 'warn', message: 'sqs receive failed', error: String(error) });
        await sleep(500);
        continue;
      }
      if (messages.length === 0) continue;
      const records = messages.map((message) => toSqsRecord(message, options.queueArn, options.region));
      let failed: Set<string>;
      try {
        const response = (await options.invoke({ Records: records })) as SQSBatchResponse | null;
        failed = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
      } catch (error) {
        // The whole batch stays on the queue and is seen again after its visibility timeout.
        options.log({
          level: 'error',
          message: 'dispatcher invocation failed; its messages return after their visibility timeout',
          messages: records.length,
          error: String(error),
        });
        continue;
      }
      const done = records.filter((record) => !failed.has(record.messageId));
      if (done.length === 0) continue;
      try {
        await options.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: options.queueUrl,
            Entries: done.map((record, index) => ({
              Id: String(index),
              ReceiptHandle: record.receiptHandle,
            })),
          }),
        );
      } catch (error) {
        // Not deleted: seen again, and the dispatcher finds the delivery finished.
        options.log({ level: 'warn', message: 'sqs delete failed', error: String(error) });
      }
    }
  })();
  return {
    async stop() {
      running = false;
      abort.abort();
      await loop;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
