import type { BatchItemOutcome, BatchItemResult } from '../../ingest-batch.js';
import {
  type Candidate,
  dryRunLine,
  type ReviewDecision,
  reviewDecision,
  SUSPENSION_EVIDENCE,
} from '../candidate.js';

/** One change ready to send: the body for the API and the line `--dry-run --json` prints. */
export interface ImportItem {
  sourceRef: string;
  review: ReviewDecision;
  line: Record<string, unknown>;
  body: Record<string, unknown>;
}

/** Where imported changes go: the API over HTTP (the CLI) or the service in-process (the scheduled importer). */
export interface PolicyChangeSink {
  /** Ingests up to 100 bodies; one result per body, in order (as the API answers, or the service reports). */
  ingest(bodies: readonly Record<string, unknown>[]): Promise<(BatchItemResult | BatchItemOutcome)[]>;
}

export interface ImportFailure {
  sourceRef: string;
  reason: string;
}

/** What one import did, printed at the end of every run. */
export interface ImportSummary {
  source: string;
  read: number;
  candidates: number;
  published: number;
  queuedForReview: number;
  unchanged: number;
  failed: number;
  failures: ImportFailure[];
  /** Documents or rows that could not be read, with the reason. */
  unreadable: ImportFailure[];
}

export function emptySummary(source: string): ImportSummary {
  return {
    source,
    read: 0,
    candidates: 0,
    published: 0,
    queuedForReview: 0,
    unchanged: 0,
    failed: 0,
    failures: [],
    unreadable: [],
  };
}

/**
 * The API body of a tagged candidate: the change as the tagger proposes it, `pending` review when
 * its confidence is below the threshold. Empty optional lists are left out.
 */
export function candidateItem(candidate: Candidate, threshold: number): ImportItem {
  const review = reviewDecision(candidate, threshold);
  const body: Record<string, unknown> = {
    source: candidate.source,
    sourceRef: candidate.sourceRef,
    title: candidate.title,
    ...(candidate.summary ? { summary: candidate.summary } : {}),
    ...(candidate.url ? { url: candidate.url } : {}),
    issuingRegion: candidate.issuingRegion,
    originRegions: candidate.originRegions,
    affectedRegions: candidate.affectedRegions,
    materials: candidate.materials,
    ...(candidate.hsCodes.length > 0 ? { hsCodes: candidate.hsCodes } : {}),
    itemTypes: candidate.itemTypes,
    ...(candidate.entities.length > 0 ? { entities: candidate.entities } : {}),
    changeType: candidate.changeType,
    direction: candidate.direction,
    severity: candidate.severity,
    ...(candidate.publishedAt ? { publishedAt: candidate.publishedAt } : {}),
    ...(candidate.effectiveAt ? { effectiveAt: candidate.effectiveAt } : {}),
    ...(candidate.expiresAt ? { expiresAt: candidate.expiresAt } : {}),
    // A reviewer sees why the importer was unsure: its confidence and the evidence per field.
    ...(review === 'queue'
      ? {
          reviewStatus: 'pending',
          confidence: candidate.confidence,
          evidence: [
            ...(candidate.changeType === 'suspension' ? [SUSPENSION_EVIDENCE] : []),
            ...candidate.evidence,
          ]
            .slice(0, 100)
            .map((item) =>
              `${item.field}=${item.value}: ${item.rule}${item.text ? ` ("${item.text}")` : ''}`.slice(
                0,
                500,
              ),
            ),
        }
      : {}),
  };
  return { sourceRef: candidate.sourceRef, review, line: dryRunLine(candidate, threshold), body };
}

/** Bodies per request: the API takes 100 items and 256 KiB; stay under both. */
const MAX_ITEMS_PER_REQUEST = 100;
const MAX_BYTES_PER_REQUEST = 200 * 1024;

/** Splits items into requests the API accepts. */
export function requestChunks(items: readonly ImportItem[]): ImportItem[][] {
  const chunks: ImportItem[][] = [];
  let current: ImportItem[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item.body));
    if (
      current.length > 0 &&
      (current.length >= MAX_ITEMS_PER_REQUEST || bytes + size > MAX_BYTES_PER_REQUEST)
    ) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Sends items to the sink and counts what happened to each into `summary`. A sink that throws
 * (the API unreachable after its retries) stops the run: the error propagates with the summary so far.
 */
export async function sendItems(
  items: readonly ImportItem[],
  sink: PolicyChangeSink,
  summary: ImportSummary,
  onProgress?: (done: number) => void,
): Promise<void> {
  let done = 0;
  for (const chunk of requestChunks(items)) {
    const results = await sink.ingest(chunk.map((item) => item.body));
    for (const [index, item] of chunk.entries()) {
      const result = results[index];
      if (!result) {
        summary.failed++;
        summary.failures.push({ sourceRef: item.sourceRef, reason: 'no result returned for this item' });
      } else if (result.status === 'created') {
        if (result.reviewStatus === 'pending') summary.queuedForReview++;
        else summary.published++;
      } else if (result.status === 'duplicate') summary.unchanged++;
      else {
        summary.failed++;
        const fields = result.problem.errors?.map(
          (issue) => `${issue.field.replace(/^items\.\d+\./, '')}: ${issue.message}`,
        );
        summary.failures.push({
          sourceRef: item.sourceRef,
          reason: `${result.problem.type}: ${result.problem.detail}${fields?.length ? ` (${fields.join('; ')})` : ''}`,
        });
      }
    }
    done += chunk.length;
    onProgress?.(done);
  }
}
