import { runScheduledImport } from '../../shared/ingest/sources/federal-register/scheduled-import.js';
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
const log = powertoolsLog();

/**
 * Runs hourly (EventBridge): reads the Federal Register from the cursor kept in the table, tags each
 * new document, publishes confident candidates and queues the rest for review. Nothing here calls
 * the API: it submits in-process; the table's stream starts the matcher as for any ingest.
 */
export const handler = async () =>
  runScheduledImport(
    { ...stores, catalogue: stores.catalogues.current, clock: () => new Date(), cursors, log },
    {
      baseUrl: config.imports.federalRegisterUrl,
      threshold: config.imports.autoPublishConfidence,
      since: config.imports.since ?? new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
      maxPages: config.imports.maxPages,
    },
  );
