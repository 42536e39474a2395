import type { Log } from '../../../kernel/redaction.js';
import type { Catalogue } from '../../../model/catalogue.js';
import type { FeedCursorStore } from '../../../store/import-cursor-store.js';
import type { ReviewDeps } from '../../review-queue.js';
import { reportScheduledRun } from '../federal-register/scheduled-import.js';
import type { ImportSummary } from '../import/import-run.js';
import { serviceSink } from '../import/service-sink.js';
import { pollMofcom } from './mofcom-poll.js';
import { mofcomReader } from './mofcom-reader.js';
import type { SiteOptions } from './mofcom-site.js';

export interface ScheduledMofcomDeps extends ReviewDeps {
  cursors: FeedCursorStore;
  catalogue: () => Catalogue | Promise<Catalogue>;
  log: Log;
  site?: SiteOptions;
}

/**
 * One scheduled read of the ministry's list (beside the Federal Register poll: hourly on AWS,
 * `IMPORT_INTERVAL` locally): new articles since the cursor in the table, read, queued for review
 * in-process. Throws when candidates were refused (after the cursor moved past them), so the
 * function's error alarm fires.
 */
export async function runScheduledMofcomImport(
  deps: ScheduledMofcomDeps,
  options: { baseUrl: string; since: string; maxPages: number },
): Promise<ImportSummary> {
  const summary = await pollMofcom(
    {
      baseUrl: options.baseUrl,
      read: mofcomReader(await deps.catalogue()),
      sink: serviceSink(deps, deps.log),
      cursors: deps.cursors,
      maxPages: options.maxPages,
      ...(deps.site ? { site: deps.site } : {}),
      onDropped: (where, reason) =>
        deps.log({ level: 'info', message: 'mofcom article dropped', where, reason }),
    },
    options.since,
  );
  return reportScheduledRun(deps.log, 'mofcom import', summary);
}
