import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';

const RevisionImageSchema = z.object({
  entity: z.literal('changeRevision'),
  id: z.string().min(1),
  revision: z.number().int().min(1),
});

/** Thrown for a stream record that is not a policy-change revision; the stream filter should prevent it. */
export class StreamRecordError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StreamRecordError';
  }
}

/** The policy change a stream record announces, read from its new image. */
export function revisionFromStreamImage(image: Record<string, AttributeValue> | undefined): {
  policyChangeId: string;
  revision: number;
} {
  if (!image) throw new StreamRecordError('stream record has no new image');
  const parsed = RevisionImageSchema.safeParse(unmarshall(image));
  if (!parsed.success)
    throw new StreamRecordError('stream record is not a policy-change revision', { cause: parsed.error });
  return { policyChangeId: parsed.data.id, revision: parsed.data.revision };
}

/**
 * The matcher's event filter (infra/stack.ts: INSERT events whose new image's sort key begins
 * with `REV#`), for the local event source that has no Lambda service to apply it.
 */
export function isNewRevisionRecord(record: {
  eventName?: string;
  dynamodb?: { NewImage?: Record<string, { S?: string } | unknown> };
}): boolean {
  const sk = record.dynamodb?.NewImage?.sk as { S?: string } | undefined;
  return record.eventName === 'INSERT' && typeof sk?.S === 'string' && sk.S.startsWith('REV#');
}
