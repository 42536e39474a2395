import type { FeedCursor, FeedCursorStore } from '../../../store/import-cursor-store.js';
import type { Candidate } from '../candidate.js';
import {
  candidateItem,
  emptySummary,
  type ImportItem,
  type ImportSummary,
  type PolicyChangeSink,
  sendItems,
} from '../import/import-run.js';
import type { SourceDocument, TagResult } from '../tagging/tagger.js';
import { type FederalRegisterDocument, federalRegisterSourceDocument } from './federal-register-document.js';
import { type FeedOptions, fetchFeedPage, firstPageUrl } from './federal-register-feed.js';

export interface PollDeps {
  baseUrl: string;
  tag: (document: SourceDocument) => TagResult;
  threshold: number;
  /** Absent: a dry run, nothing is sent. */
  sink?: PolicyChangeSink;
  cursors?: FeedCursorStore;
  feed?: FeedOptions;
  /** Pages per run; the cursor keeps the rest for the next one. */
  maxPages?: number;
  perPage?: number;
  onCandidate?: (item: ImportItem, candidate: Candidate) => void;
  onPage?: (page: { url: string; documents: number; summary: ImportSummary }) => void;
}

/**
 * Reads the Federal Register from the cursor (or `since`), page by page following
 * `next_page_url`: tags each document once, sends the candidates, then moves the cursor past the
 * page. A run that dies between sending and saving reads that page again next time; the API finds
 * its changes already ingested (`unchanged`), so nothing is ingested twice.
 */
export async function pollFederalRegister(
  deps: PollDeps,
  since: string,
): Promise<ImportSummary & { cursor: FeedCursor }> {
  const summary = emptySummary('federal-register');
  let cursor: FeedCursor = (await deps.cursors?.load()) ?? { since, seenOnLastDay: [] };
  let url: string | undefined = cursor.nextPageUrl ?? firstPageUrl(deps.baseUrl, cursor.since, deps.perPage);
  const seen = new Set(cursor.seenOnLastDay);
  for (let pages = 0; url && pages < (deps.maxPages ?? Number.POSITIVE_INFINITY); pages++) {
    const page = await fetchFeedPage(url, deps.feed);
    for (const problem of page.invalid) {
      summary.unreadable.push({ sourceRef: `${url}#${problem.index}`, reason: problem.problem });
    }
    const fresh = page.documents.filter((document) => !seen.has(document.document_number));
    const items = tagged(fresh, deps, summary);
    if (deps.sink) await sendItems(items, deps.sink, summary);
    else {
      // A dry run counts what would be published and what would wait for review.
      summary.published += items.filter((item) => item.review === 'auto').length;
      summary.queuedForReview += items.filter((item) => item.review === 'queue').length;
    }
    for (const document of fresh) seen.add(document.document_number);
    cursor = advance(cursor, page.documents, page.nextPageUrl);
    await deps.cursors?.save(cursor);
    deps.onPage?.({ url, documents: page.documents.length, summary });
    url = page.nextPageUrl;
  }
  return { ...summary, cursor };
}

function tagged(documents: FederalRegisterDocument[], deps: PollDeps, summary: ImportSummary): ImportItem[] {
  const items: ImportItem[] = [];
  for (const document of documents) {
    summary.read++;
    const { candidate } = deps.tag(federalRegisterSourceDocument(document));
    if (!candidate) continue;
    summary.candidates++;
    const item = candidateItem(candidate, deps.threshold);
    deps.onCandidate?.(item, candidate);
    items.push(item);
  }
  return items;
}

/** The cursor after a page: the next page if there is one, else the latest day seen, to query from next time. */
export function advance(
  cursor: FeedCursor,
  documents: FederalRegisterDocument[],
  nextPageUrl?: string,
): FeedCursor {
  let lastDay = cursor.lastDay;
  let seenOnLastDay = [...cursor.seenOnLastDay];
  for (const document of documents) {
    const day = document.publication_date ?? undefined;
    if (!day) continue;
    if (!lastDay || day > lastDay) {
      lastDay = day;
      seenOnLastDay = [];
    }
    if (day === lastDay && !seenOnLastDay.includes(document.document_number))
      seenOnLastDay.push(document.document_number);
  }
  const base = { since: cursor.since, seenOnLastDay, ...(lastDay ? { lastDay } : {}) };
  if (nextPageUrl) return { ...base, nextPageUrl };
  return { ...base, since: lastDay ?? cursor.since };
}
