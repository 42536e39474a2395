import type { Catalogue } from '../catalogue/catalogue.js';
import { catalogueIssues } from '../catalogue/catalogue-issues.js';
import { ValidationError } from '../errors.js';
import type { PolicyChange, PolicyChangeInput } from '../model/policy-change.js';
import type { PolicyChangeStore } from '../store/policy-change-store.js';

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

/** Checks a policy change's materials and regions against the catalogue; returns it normalised. */
export function normalisePolicyChange(input: PolicyChangeInput, catalogue: Catalogue): PolicyChangeInput {
  const issues = catalogueIssues(catalogue, [
    { field: 'materials', materials: input.materials },
    { field: 'issuingRegion', regions: [input.issuingRegion] },
    { field: 'affectedRegions', regions: input.affectedRegions },
  ]);
  if (input.materials.includes('*')) {
    issues.push({
      field: 'materials',
      message: 'a policy change names its materials; * is for filters',
      values: ['*'],
    });
  }
  if (input.issuingRegion === '*') {
    issues.push({
      field: 'issuingRegion',
      message: 'the issuing region is one country or group',
      values: ['*'],
    });
  }
  if (issues.length > 0)
    throw new ValidationError('the policy change names things the catalogue does not know', issues);
  return {
    ...input,
    materials: [...new Set(input.materials)],
    issuingRegion: catalogue.normaliseRegion(input.issuingRegion),
    affectedRegions: [...new Set(input.affectedRegions.map((code) => catalogue.normaliseRegion(code)))],
  };
}
