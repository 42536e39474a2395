import type { Log } from '../../../kernel/redaction.js';
import type { Actor } from '../../../model/audit-record.js';
import { auditIngested } from '../../ingest-audit.js';
import { ingestBatch } from '../../ingest-batch.js';
import { type ReviewDeps, submitPolicyChange } from '../../review-queue.js';
import type { PolicyChangeSink } from './import-run.js';

/** The service's own importer acting without an API key. */
export const IMPORTER_ACTOR: Actor = { keyId: 'importer', scope: 'system' };

/**
 * A sink that submits in-process, exactly as `POST /v1/policy-changes/batch` does: the scheduled
 * importer runs beside the table and needs no key. Published changes are audited as ingested.
 */
export function serviceSink(deps: ReviewDeps, log?: Log): PolicyChangeSink {
  return {
    ingest: (bodies) =>
      ingestBatch(
        (input) => submitPolicyChange(deps, input, IMPORTER_ACTOR),
        bodies,
        (change) => auditIngested({ audit: deps.audit, clock: deps.clock, log }, IMPORTER_ACTOR, change),
      ),
  };
}
