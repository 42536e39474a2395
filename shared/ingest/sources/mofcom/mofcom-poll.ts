/**
 * Live reading of the ministry's list: pages newest first back to the cursor, then each new
 * article oldest first, read, sent, and the cursor moved past it. An article is fetched once:
 * the cursor keeps the latest day and the articles of that day already read.
 */
import type { FeedCursor, FeedCursorStore } from '../../../store/import-cursor-store.js';
import { SourceFormatError } from '../federal-register/federal-register-document.js';
import {
  emptySummary,
  type ImportItem,
  type ImportSummary,
  type PolicyChangeSink,
  sendItems,
} from '../import/import-run.js';
import { mofcomItem } from './mofcom-item.js';
import { type ListRow, parseListPage } from './mofcom-list.js';
import { type ArticlePage, decodePage, parseArticlePage } from './mofcom-page.js';
import type { MofcomReading } from './mofcom-reader.js';
import { fetchSitePage, listPageUrl, type SiteOptions, SitePageMissingError } from './mofcom-site.js';

export interface MofcomPollDeps {
  baseUrl: string;
  read: (page: ArticlePage, where: string) => MofcomReading;
  /** Absent: a dry run, nothing is sent. */
  sink?: PolicyChangeSink;
  cursors?: FeedCursorStore;
  site?: SiteOptions;
  /** List pages per run; the oldest rows of a long gap wait for the next run. */
  maxPages?: number;
  onCandidate?: (item: ImportItem) => void;
  onDropped?: (where: string, reason: string, detail: string) => void;
  onArticle?: (row: ListRow, summary: ImportSummary) => void;
}

/**
 * Reads the list from the cursor (or `since`, `YYYY-MM-DD`) and imports every article newer than
 * it. Returns the summary and the cursor it saved.
 */
export async function pollMofcom(
  deps: MofcomPollDeps,
  since: string,
): Promise<ImportSummary & { cursor: FeedCursor }> {
  let cursor: FeedCursor = (await deps.cursors?.load()) ?? { since, seenOnLastDay: [] };
  const rows = await newRows(deps, cursor);
  const summary = emptySummary('mofcom');
  for (const row of rows) {
    await importArticle(deps, row.url, summary, await fetchSitePage(row.url, deps.baseUrl, deps.site));
    cursor =
      row.date === cursor.lastDay
        ? { ...cursor, seenOnLastDay: [...cursor.seenOnLastDay, articleKey(row.url)] }
        : { since: cursor.since, lastDay: row.date, seenOnLastDay: [articleKey(row.url)] };
    await deps.cursors?.save(cursor);
    deps.onArticle?.(row, summary);
  }
  return { ...summary, cursor };
}

/** An article's identity in the cursor: its path, the same whether the site is reached over http or https. */
function articleKey(url: string): string {
  return new URL(url).pathname;
}

/** The rows newer than the cursor, oldest first, each once. */
async function newRows(deps: MofcomPollDeps, cursor: FeedCursor): Promise<ListRow[]> {
  const floor = cursor.lastDay ?? cursor.since;
  const seen = new Set(cursor.seenOnLastDay);
  const found = new Map<string, ListRow>();
  for (let page = 1; page <= (deps.maxPages ?? 10); page++) {
    const url = listPageUrl(deps.baseUrl, page);
    let bytes: Uint8Array;
    try {
      bytes = await fetchSitePage(url, deps.baseUrl, deps.site);
    } catch (error) {
      // Past the last page: the list ends there.
      if (page > 1 && error instanceof SitePageMissingError) break;
      throw error;
    }
    const text = decodePage(bytes, url);
    const rows = parseListPage(text, url, url);
    let older = rows.length === 0;
    for (const row of rows) {
      if (row.date < floor) older = true;
      else if (!(row.date === cursor.lastDay && seen.has(articleKey(row.url))) && !found.has(row.url))
        found.set(row.url, row);
    }
    if (older) break;
  }
  return [...found.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** One article's bytes as served, read: candidates or the reason it was dropped. Throws `SourceFormatError`. */
export function readArticle(
  read: MofcomPollDeps['read'],
  bytes: Uint8Array,
  where: string,
  url?: string,
): MofcomReading {
  return read(parseArticlePage(decodePage(bytes, where), where, url), where);
}

/**
 * Reads one article and sends its candidates; a dropped page is reported with its reason, a page
 * that cannot be read is counted as unreadable and the run goes on.
 */
async function importArticle(deps: MofcomPollDeps, url: string, summary: ImportSummary, bytes: Uint8Array) {
  summary.read++;
  let reading: MofcomReading;
  try {
    reading = readArticle(deps.read, bytes, url, url);
  } catch (error) {
    if (!(error instanceof SourceFormatError)) throw error;
    summary.unreadable.push({ sourceRef: url, reason: error.message });
    return;
  }
  if (reading.kind === 'dropped') {
    deps.onDropped?.(url, reading.reason, reading.detail);
    return;
  }
  const items = reading.candidates.map(mofcomItem);
  summary.candidates += items.length;
  for (const item of items) deps.onCandidate?.(item);
  if (deps.sink) await sendItems(items, deps.sink, summary);
  else summary.queuedForReview += items.length;
}
