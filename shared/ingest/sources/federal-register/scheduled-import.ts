import type { Log } from '../../../kernel/redaction.js';
import type { Catalogue } from '../../../model/catalogue.js';
import type { FeedCursorStore } from '../../../store/import-cursor-store.js';
import type { ReviewDeps } from '../../review-queue.js';
import type { ImportSummary } from '../import/import-run.js';
import { serviceSink } from '../import/service-sink.js';
import { documentTagger } from '../tagging/tagger.js';
import type { FeedOptions } from './federal-register-feed.js';
import { pollFederalRegister } from './federal-register-poll.js';

export interface ScheduledImportDeps extends ReviewDeps {
  cursors: FeedCursorStore;
  catalogue: () => Catalogue | Promise<Catalogue>;
  log: Log;
  feed?: FeedOptions;
}

export interface ScheduledImportOptions {
  baseUrl: string;
  threshold: number;
  /** Where the first run starts (`YYYY-MM-DD`); later runs follow the cursor. */
  since: string;
  maxPages: number;
}

/** Some candidates of a run were refused: the run finished, the cursor moved, an operator should look. */
export class ImportFailuresError extends Error {
  override readonly name = 'ImportFailuresError';
}

/**
 * One scheduled poll of the Federal Register (EventBridge hourly on AWS, `IMPORT_INTERVAL` locally):
 * from the cursor in the table, tag, submit in-process, move the cursor page by page. Throws when
 * candidates failed (after the cursor moved past them), so the function's error alarm fires.
 */
export async function runScheduledImport(
  deps: ScheduledImportDeps,
  options: ScheduledImportOptions,
): Promise<ImportSummary> {
  const summary = await pollFederalRegister(
    {
      baseUrl: options.baseUrl,
      tag: documentTagger(await deps.catalogue()),
      threshold: options.threshold,
      sink: serviceSink(deps, deps.log),
      cursors: deps.cursors,
      maxPages: options.maxPages,
      ...(deps.feed ? { feed: deps.feed } : {}),
    },
    options.since,
  );
  return reportScheduledRun(deps.log, 'federal-register import', summary);
}

/**
 * Logs a scheduled run's counts and returns them; throws when candidates were refused (the cursor
 * has moved past them), so the function's error alarm fires.
 */
export function reportScheduledRun(
  log: Log,
  message: string,
  summary: ImportSummary & { cursor?: unknown },
): ImportSummary {
  const { cursor: _cursor, ...counts } = summary;
  log({ level: counts.failed > 0 ? 'error' : 'info', message, ...counts });
  if (counts.failed > 0) {
    throw new ImportFailuresError(
      `${counts.failed} candidate(s) refused: ${counts.failures.map((failure) => `${failure.sourceRef}: ${failure.reason}`).join('; ')}`,
    );
  }
  return counts;
}
