import * as z from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../kernel/errors.js';
import { newId } from '../kernel/ids.js';
import { type Actor, newAuditRecord } from '../model/audit-record.js';
import {
  type PolicyChange,
  type PolicyChangeInput,
  PolicyChangeInputSchema,
} from '../model/policy-change.js';
import type { AuditStore } from '../store/audit-store.js';
import type { ReviewItem, ReviewStore } from '../store/review-store.js';
import { type IngestDeps, ingestPolicyChange, normalisePolicyChange } from './ingest.js';

/** What submitting a change needs: ingestion, the review queue and the audit trail. */
export interface ReviewDeps extends IngestDeps {
  reviews: ReviewStore;
  audit: AuditStore;
}

/** The outcome of a submitted change, published or queued. */
export type Submitted =
  | { kind: 'published'; created: boolean; change: PolicyChange }
  | { kind: 'queued'; created: boolean; item: ReviewItem };

/** The input without its review fields: what a published change is made of. */
export function withoutReviewFields(input: PolicyChangeInput): PolicyChangeInput {
  const { reviewStatus: _status, confidence: _confidence, evidence: _evidence, ...change } = input;
  return change;
}

/**
 * Publishes a change, or queues it when it asks for review (`reviewStatus: "pending"`). A queued
 * change is validated exactly as a published one (a bad change is a 422 either way) but stored in
 * the review queue only: not matched, not alerted, not listed in the history. The same revision
 * submitted again finds what it became (queued, published or rejected) and sends nothing.
 */
export async function submitPolicyChange(
  deps: ReviewDeps,
  input: PolicyChangeInput,
  actor: Actor,
  requestId?: string,
): Promise<Submitted> {
  const change = withoutReviewFields(input);
  const revision = change.revision;
  const known = await deps.reviews.find(change.source, change.sourceRef, revision);
  if (input.reviewStatus !== 'pending' && !known) {
    const { change: stored, created } = await ingestPolicyChange(deps, change);
    return { kind: 'published', created, change: stored };
  }
  if (known) return { kind: 'queued', created: false, item: known };
  const normalised = normalisePolicyChange(change, await deps.catalogue());
  const now = deps.clock();
  const item: ReviewItem = {
    id: newId('rv', now),
    source: change.source,
    sourceRef: change.sourceRef,
    revision,
    reviewStatus: 'pending',
    change: { ...change, materials: normalised.materials },
    ...(input.confidence !== undefined ? { confidence: input.confidence } : {}),
    ...(input.evidence ? { evidence: input.evidence } : {}),
    queuedAt: now.toISOString(),
    queuedBy: actor,
  };
  const record = newAuditRecord(
    {
      actor,
      action: 'policy-change.queued',
      target: { type: 'policy-change', id: item.id },
      after: {
        id: item.id,
        source: item.source,
        sourceRef: item.sourceRef,
        title: change.title,
        confidence: item.confidence,
      },
      ...(requestId ? { requestId } : {}),
    },
    now,
  );
  const { created, item: stored } = await deps.reviews.queue(item, deps.audit.putItem(record));
  return { kind: 'queued', created, item: stored };
}

/** Fields a reviewer may change before approving; the identity (source, sourceRef, revision) stays. */
export const ReviewEditsSchema = z
  .record(z.string(), z.unknown())
  .refine((edits) => !('source' in edits || 'sourceRef' in edits || 'revision' in edits), {
    message: 'source, sourceRef and revision identify the change and cannot be edited',
  });

/**
 * Approves a pending change, with the reviewer's edits: it is ingested as a direct ingest would be
 * (stored, matched, alerted, audited), then the review item is marked published with its policy
 * change id. Ingestion is idempotent, so an approval retried after a failure does not alert twice.
 */
export async function approveReview(
  deps: ReviewDeps,
  id: string,
  edits: Record<string, unknown>,
  actor: Actor,
  requestId?: string,
): Promise<{ item: ReviewItem; change: PolicyChange; created: boolean }> {
  const item = await pendingItem(deps.reviews, id);
  const merged = PolicyChangeInputSchema.safeParse({ ...item.change, ...edits });
  if (!merged.success) {
    throw new ValidationError(
      'the change with these edits does not validate',
      merged.error.issues.map((issue) => ({
        field: ['edits', ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    );
  }
  const { change, created } = await ingestPolicyChange(deps, withoutReviewFields(merged.data));
  const now = deps.clock();
  const decided = await deps.reviews.decide(
    id,
    {
      reviewStatus: 'published',
      decidedAt: now.toISOString(),
      decidedBy: actor,
      policyChangeId: change.id,
      // The item shows what was published; the proposal stays in the audit record's `before`.
      ...(Object.keys(edits).length > 0 ? { change: merged.data, edited: Object.keys(edits) } : {}),
    },
    deps.audit.putItem(
      newAuditRecord(
        {
          actor,
          action: 'policy-change.approved',
          target: { type: 'policy-change', id: change.id },
          before: { reviewId: id, change: item.change },
          after: { reviewId: id, id: change.id, revision: change.revision, edited: Object.keys(edits) },
          ...(requestId ? { requestId } : {}),
        },
        now,
      ),
    ),
  );
  return { item: decided, change, created };
}

/** Rejects a pending change with the reviewer's reason; nothing is published. */
export async function rejectReview(
  deps: ReviewDeps,
  id: string,
  reason: string,
  actor: Actor,
  requestId?: string,
): Promise<ReviewItem> {
  await pendingItem(deps.reviews, id);
  const now = deps.clock();
  return deps.reviews.decide(
    id,
    { reviewStatus: 'rejected', decidedAt: now.toISOString(), decidedBy: actor, reason },
    deps.audit.putItem(
      newAuditRecord(
        {
          actor,
          action: 'policy-change.rejected',
          target: { type: 'policy-change', id },
          after: { reviewId: id, reason },
          ...(requestId ? { requestId } : {}),
        },
        now,
      ),
    ),
  );
}

/** A review item still waiting for a decision: 404 when unknown, 409 `review-decided` once decided. */
export async function pendingItem(reviews: ReviewStore, id: string): Promise<ReviewItem> {
  const item = await reviews.get(id);
  if (!item) throw new NotFoundError(`review item ${id}`);
  if (item.reviewStatus !== 'pending') {
    throw new ConflictError('review-decided', `review item ${id} was already ${item.reviewStatus}`);
  }
  return item;
}
