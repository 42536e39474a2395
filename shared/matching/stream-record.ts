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
