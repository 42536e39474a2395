import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/**
 * Why a write did not happen, in the terms the stores act on:
 * - `condition-failed`: a condition did not hold; for a transaction, `item` is the index of the
 *   first item whose condition failed (the others were cancelled with it);
 * - `retryable`: throttling or a conflict with another writer; the same write may succeed later;
 * - `other`: anything else (a validation error, a bug): not to be retried or reinterpreted.
 */
export type WriteFailure =
  | { kind: 'condition-failed'; item: number }
  | { kind: 'retryable'; reason: string }
  | { kind: 'other' };

/** Error names DynamoDB (or the SDK) uses for throttling and write conflicts. */
const RETRYABLE_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'TransactionInProgressException',
]);

/** Cancellation reasons worth another try. */
const RETRYABLE_REASONS = new Set([
  'ThrottlingError',
  'TransactionConflict',
  'ProvisionedThroughputExceeded',
]);

/**
 * Reads a failed write. A cancelled transaction lists one reason per item, in order: a
 * `ConditionalCheckFailed` anywhere means the write can never succeed as it is (even if another
 * item was throttled), so it wins over throttling.
 *
 * @example
 * const failure = writeFailure(error);
 * if (failure.kind === 'condition-failed' && failure.item === 0) throw new ConflictError(...);
 */
export function writeFailure(error: unknown): WriteFailure {
  if (error instanceof TransactionCanceledException) {
    const reasons = error.CancellationReasons ?? [];
    const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
    if (failed >= 0) return { kind: 'condition-failed', item: failed };
    const retryable = reasons.find((reason) => reason.Code && RETRYABLE_REASONS.has(reason.Code));
    return retryable?.Code ? { kind: 'retryable', reason: retryable.Code } : { kind: 'other' };
  }
  if (error instanceof ConditionalCheckFailedException) return { kind: 'condition-failed', item: 0 };
  if (error instanceof Error && RETRYABLE_ERRORS.has(error.name))
    return { kind: 'retryable', reason: error.name };
  return { kind: 'other' };
}

/**
 * Waits for a conditional write; false when its condition did not hold (the write did nothing),
 * any other failure thrown as it is.
 *
 * @example
 * if (!(await conditionHeld(doc.send(new PutCommand({ ..., ConditionExpression })))) return;
 */
export async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
