import type { Actor, AuditEntry } from '../model/audit-record.js';
import { newAuditRecord } from '../model/audit-record.js';
import type { AuditContext } from '../operations/subscription-audit.js';
import type { TransactItem } from '../store/audit-store.js';
import type { ApiDeps } from './app.js';
import type { Principal } from './auth.js';

/** The audit trail's view of the caller: its key id and scope, never the key. */
export function actorOf(principal: Principal): Actor {
  return {
    keyId: principal.keyId,
    scope: principal.scope,
    ...(principal.subscriberId ? { subscriberId: principal.subscriberId } : {}),
  };
}

/** Everything needed to record what this request changes. */
export function auditContext(
  deps: Pick<ApiDeps, 'audit' | 'clock'>,
  principal: Principal,
  requestId: string | undefined,
): AuditContext {
  return {
    audit: deps.audit,
    actor: actorOf(principal),
    clock: deps.clock,
    ...(requestId ? { requestId } : {}),
  };
}

/** The audit item of one change by this request, for the change's own transaction. */
export function auditItem(
  context: AuditContext,
  entry: Omit<AuditEntry, 'actor' | 'requestId'>,
): TransactItem {
  return context.audit.putItem(
    newAuditRecord(
      { ...entry, actor: context.actor, ...(context.requestId ? { requestId: context.requestId } : {}) },
      context.clock(),
    ),
  );
}
