import type { Actor } from '../model/audit-record.js';
import type { AuditContext } from '../operations/subscription-audit.js';
import type { AuditStore } from '../store/audit-store.js';
import type { Principal } from './types.js';

/** Where a request's changes are recorded, and the time they are recorded at. */
export interface RequestAuditDeps {
  audit: AuditStore;
  clock: () => Date;
}

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
  deps: RequestAuditDeps,
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
