import type { Log } from '../kernel/redaction.js';
import { type Actor, newAuditRecord } from '../model/audit-record.js';
import type { PolicyChange } from '../model/policy-change.js';
import type { AuditStore } from '../store/audit-store.js';

export interface IngestAuditDeps {
  audit: AuditStore;
  clock: () => Date;
  /** Keeps the record when it cannot be written. */
  log?: Log;
}

/**
 * Records a newly published revision as ingested, by an API key or by the service's own importer.
 * The revision is stored by its own transaction; its record follows it. Should that write fail,
 * the revision stands (a retry answers 200) and the log keeps the record instead.
 *
 * @example
 * if (created) await auditIngested(deps, actor, change, requestId);
 */
export async function auditIngested(
  deps: IngestAuditDeps,
  actor: Actor,
  change: PolicyChange,
  requestId?: string,
): Promise<void> {
  const after = {
    id: change.id,
    revision: change.revision,
    source: change.source,
    sourceRef: change.sourceRef,
    title: change.title,
    severity: change.severity,
    materials: change.materials,
  };
  const target = { type: 'policy-change', id: change.id } as const;
  const record = newAuditRecord(
    { actor, action: 'policy-change.ingested', target, after, ...(requestId ? { requestId } : {}) },
    deps.clock(),
  );
  await deps.audit
    .append(record)
    .catch((error: unknown) =>
      deps.log?.({ level: 'error', message: 'audit record not written', record, error: String(error) }),
    );
}
