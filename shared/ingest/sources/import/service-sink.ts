import type { Log } from '../../../kernel/redaction.js';
import { type Actor, newAuditRecord } from '../../../model/audit-record.js';
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
        async (change) => {
          const record = newAuditRecord(
            {
              actor: IMPORTER_ACTOR,
              action: 'policy-change.ingested',
              target: { type: 'policy-change', id: change.id },
              after: {
                id: change.id,
                revision: change.revision,
                source: change.source,
                sourceRef: change.sourceRef,
                title: change.title,
              },
            },
            deps.clock(),
          );
          await deps.audit
            .append(record)
            .catch((error: unknown) =>
              log?.({ level: 'error', message: 'audit record not written', record, error: String(error) }),
            );
        },
      ),
  };
}
