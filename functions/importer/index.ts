import { runScheduledImport } from '../../shared/ingest/sources/federal-register/scheduled-import.js';
import { runScheduledMofcomImport } from '../../shared/ingest/sources/mofcom/mofcom-scheduled-import.js';
import { ImportCursorStore } from '../../shared/store/import-cursor-store.js';
import { documentClient } from '../../shared/store/table.js';
import { awsClients, powertoolsLog } from '../../shared/wiring/aws.js';
import { loadConfig } from '../../shared/wiring/config.js';
import { createStores } from '../../shared/wiring/services.js';
import { traced } from '../../shared/wiring/tracing.js';

const config = loadConfig(process.env, { local: false });
const { dynamodb } = awsClients(config, traced);
const stores = createStores(dynamodb, config.tableName, {
  catalogueCacheTtlMs: config.catalogueCacheTtlMs,
  retention: config.retention,
});
const cursors = new ImportCursorStore(
  { doc: documentClient(dynamodb), tableName: config.tableName },
  'federal-register',
);
const mofcomCursors = new ImportCursorStore(
  { doc: documentClient(dynamodb), tableName: config.tableName },
  'mofcom',
);
const log = powertoolsLog();
const since = () => config.imports.since ?? new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/**
 * Runs hourly (EventBridge): reads the Federal Register and the ministry's announcement list from
 * the cursors kept in the table; Federal Register candidates are published when confident, MOFCOM
 * candidates always wait for review. Nothing here calls the API: it submits in-process; the
 * table's stream starts the matcher as for any ingest. One source failing does not stop the other.
 */
export const handler = async () => {
  const deps = { ...stores, catalogue: stores.catalogues.current, clock: () => new Date(), log };
  const [federalRegister, mofcom] = await Promise.allSettled([
    runScheduledImport(
      { ...deps, cursors },
      {
        baseUrl: config.imports.federalRegisterUrl,
        threshold: config.imports.autoPublishConfidence,
        since: since(),
        maxPages: config.imports.maxPages,
      },
    ),
    runScheduledMofcomImport(
      { ...deps, cursors: mofcomCursors },
      { baseUrl: config.imports.mofcomUrl, since: since(), maxPages: config.imports.maxPages },
    ),
  ]);
  for (const outcome of [federalRegister, mofcom]) if (outcome.status === 'rejected') throw outcome.reason;
  return {
    federalRegister: federalRegister.status === 'fulfilled' ? federalRegister.value : undefined,
    mofcom: mofcom.status === 'fulfilled' ? mofcom.value : undefined,
  };
};
