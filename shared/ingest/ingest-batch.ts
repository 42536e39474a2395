import * as z from 'zod';
import { AppError, type ErrorKind, type FieldIssue, fieldIssues } from '../kernel/errors.js';
import {
  type PolicyChange,
  type PolicyChangeInput,
  PolicyChangeInputSchema,
} from '../model/policy-change.js';
import type { Submitted } from './review-queue.js';

/** Items one batch may carry. */
export const MAX_BATCH_ITEMS = 100;

/** The outcome of one item of a batch, in the order sent. */
export const BatchItemResultSchema = z.discriminatedUnion('status', [
  z.object({
    index: z.int(),
    status: z.literal('created'),
    id: z.string(),
    revision: z.int(),
    reviewStatus: z.string().optional(),
  }),
  z.object({
    index: z.int(),
    status: z.literal('duplicate'),
    id: z.string(),
    revision: z.int(),
    reviewStatus: z.string().optional(),
  }),
  z.object({
    index: z.int(),
    status: z.literal('error'),
    problem: z.object({
      status: z.int(),
      type: z.string(),
      detail: z.string(),
      errors: z
        .array(z.object({ field: z.string(), message: z.string(), values: z.array(z.string()).optional() }))
        .optional(),
    }),
  }),
]);
export type BatchItemResult = z.infer<typeof BatchItemResultSchema>;

export const BatchResponseSchema = z.object({ results: z.array(BatchItemResultSchema) });

/** Why an item was refused, in the service's terms: the API answers it with the status of its kind. */
export interface ItemProblem {
  kind: ErrorKind;
  type: string;
  detail: string;
  errors?: FieldIssue[];
}

/** One item's outcome as the service reports it: the API's result, except that a refusal names its kind. */
export type BatchItemOutcome =
  | Exclude<BatchItemResult, { status: 'error' }>
  | { index: number; status: 'error'; problem: ItemProblem };

/**
 * Submits each item as `POST /v1/policy-changes` would (published, or queued for review), in order, and reports each on its own: a bad
 * item is an error result, not a failed batch. The same item sent again is a duplicate, as a
 * single ingest's repeat is. Only unexpected failures (the table unreachable) throw; the items
 * before them stay stored and a retried batch finds them as duplicates.
 *
 * @example
 * const results = await ingestBatch((input) => submitPolicyChange(deps, input, actor), [changeA, changeB]);
 */
export async function ingestBatch(
  submit: (input: PolicyChangeInput) => Promise<Submitted>,
  items: readonly unknown[],
  onCreated?: (change: PolicyChange) => Promise<void>,
): Promise<BatchItemOutcome[]> {
  const results: BatchItemOutcome[] = [];
  for (const [index, item] of items.entries()) {
    const parsed = PolicyChangeInputSchema.safeParse(item);
    if (!parsed.success) {
      results.push({
        index,
        status: 'error',
        problem: {
          kind: 'invalid',
          type: 'validation-error',
          detail: 'the policy change does not validate',
          errors: fieldIssues(parsed.error, `items.${index}`),
        },
      });
      continue;
    }
    try {
      const submitted = await submit(parsed.data);
      if (submitted.kind === 'published') {
        if (submitted.created) await onCreated?.(submitted.change);
        results.push({
          index,
          status: submitted.created ? 'created' : 'duplicate',
          id: submitted.change.id,
          revision: submitted.change.revision,
          reviewStatus: 'published',
        });
      } else {
        const { item } = submitted;
        results.push({
          index,
          status: submitted.created ? 'created' : 'duplicate',
          id: item.policyChangeId ?? item.id,
          revision: item.revision,
          reviewStatus: item.reviewStatus,
        });
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({
        index,
        status: 'error',
        problem: {
          kind: error.kind,
          type: error.type,
          detail: error.message,
          ...(error.errors
            ? { errors: error.errors.map((issue) => ({ ...issue, field: `items.${index}.${issue.field}` })) }
            : {}),
        },
      });
    }
  }
  return results;
}
