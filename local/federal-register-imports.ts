import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { runScheduledImport } from '../shared/ingest/sources/federal-register/scheduled-import.js';
import { runScheduledMofcomImport } from '../shared/ingest/sources/mofcom/mofcom-scheduled-import.js';
import type { Log } from '../shared/kernel/redaction.js';
import type { PolicyChange } from '../shared/model/policy-change.js';
import { ImportCursorStore } from '../shared/store/import-cursor-store.js';
import { documentClient } from '../shared/store/table.js';
import type { Config } from '../shared/wiring/config.js';
import type { Services } from '../shared/wiring/services.js';

/**
 * Local mode's copy of the hourly importer (the Federal Register and the ministry's list): every `IMPORT_INTERVAL`, one run at a time, from the
 * cursor in the table; stored changes go to the in-process matcher as API ingests do.
 */
export function startLocalImports(
  config: Config,
  services: Services,
  client: DynamoDBClient,
  log: Log,
  onStored: (change: PolicyChange) => Promise<void> | void,
): NodeJS.Timeout {
  const cursors = new ImportCursorStore(
    { doc: documentClient(client), tableName: config.tableName },
    'federal-register',
  );
  const mofcomCursors = new ImportCursorStore(
    { doc: documentClient(client), tableName: config.tableName },
    'mofcom',
  );
  const failed = (error: unknown) =>
    log({ level: 'error', message: 'import run failed', error: String(error) });
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    const since = config.imports.since ?? new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const deps = { ...services, catalogue: services.catalogues.current, log, onStored };
    Promise.all([
      runScheduledImport(
        { ...deps, cursors },
        {
          baseUrl: config.imports.federalRegisterUrl,
          threshold: config.imports.autoPublishConfidence,
          since,
          maxPages: config.imports.maxPages,
        },
      ).catch(failed),
      runScheduledMofcomImport(
        { ...deps, cursors: mofcomCursors },
        { baseUrl: config.imports.mofcomUrl, since, maxPages: config.imports.maxPages },
      ).catch(failed),
    ]).finally(() => {
      busy = false;
    });
  }, config.imports.intervalMs);
  timer.unref();
  return timer;
}
