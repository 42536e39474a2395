import type { Catalogue } from '../catalogue/catalogue.js';
import type { PolicyChange, PolicyChangeInput } from '../model/policy-change.js';
import type { PolicyChangeStore } from '../store/policy-change-store.js';
import { normalisePolicyChange } from '../subscriptions/subscription-service.js';

export interface IngestDeps {
  changes: PolicyChangeStore;
  catalogue: () => Catalogue | Promise<Catalogue>;
  clock: () => Date;
  /**
   * Called after a new revision is stored. On Lambda the table's stream starts the matcher, so
   * this is absent; local mode runs the matcher in-process here.
   */
  onStored?: (change: PolicyChange) => Promise<void> | void;
}

/**
 * Validates a change against the catalogue and stores it once per source + sourceRef + revision.
 *
 * @example
 * const { change, created } = await ingestPolicyChange(deps, input);
 * // created === false: the same revision was sent before; nothing new is sent to anyone
 */
export async function ingestPolicyChange(
  deps: IngestDeps,
  input: PolicyChangeInput,
): Promise<{ change: PolicyChange; created: boolean }> {
  const normalised = normalisePolicyChange(input, await deps.catalogue());
  const outcome = await deps.changes.ingest(normalised, deps.clock());
  if (outcome.kind === 'created') await deps.onStored?.(outcome.change);
  return { change: outcome.change, created: outcome.kind === 'created' };
}
