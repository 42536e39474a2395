import { type FieldIssue, ValidationError } from '../kernel/errors.js';
import { ENTITY_BLOCK_LIMIT, listedEntityBlocks } from '../matching/entities.js';
import type { Catalogue } from '../model/catalogue.js';
import {
  type PolicyChange,
  type PolicyChangeInput,
  type RelatedChange,
  withChangeDefaults,
} from '../model/policy-change.js';
import { catalogueIssues } from '../policy/catalogue-issues.js';
import type { NormalisedChange, PolicyChangeStore } from '../store/policy-change-store.js';
import { type RelationGraph, relationLoopIssues } from './relation-loops.js';

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
 * Validates a change against the catalogue and the stored changes it names, and stores it once per
 * source + sourceRef + revision.
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
  const resolved = await resolveRelations(deps.changes, normalised);
  const outcome = await deps.changes.ingest(resolved, deps.clock());
  // Relation ids both ways, before the matcher runs; a re-send finishes a run that died here, and
  // of two changes naming each other that arrive at once, the later to commit links both.
  await deps.changes.linkRelationTargets(outcome.change);
  await deps.changes.linkWaitingRelations(outcome.change);
  if (outcome.kind === 'created') await deps.onStored?.(outcome.change);
  return { change: outcome.change, created: outcome.kind === 'created' };
}

/**
 * Checks a policy change's materials and regions against the catalogue; returns it normalised:
 * material names resolved to ids, region codes upper-case, the defaults written out.
 */
export function normalisePolicyChange(given: PolicyChangeInput, catalogue: Catalogue): NormalisedChange {
  // Review fields decide where a change goes (shared/ingest/review-queue.ts), never what is stored.
  const { reviewStatus: _status, confidence: _confidence, evidence: _evidence, ...input } = given;
  const { ids, unknown } = catalogue.resolveMaterials(input.materials);
  const issues: FieldIssue[] = [];
  if (unknown.length > 0) {
    issues.push({
      field: 'materials',
      message: 'unknown materials: use catalogue ids, names or synonyms (see GET /v1/materials)',
      values: unknown,
    });
  }
  if (ids.includes('*') && ids.length > 1) {
    issues.push({ field: 'materials', message: '* means every item: name it alone', values: ['*'] });
  }
  issues.push(
    ...catalogueIssues(catalogue, [
      { field: 'issuingRegion', regions: [input.issuingRegion] },
      { field: 'originRegions', regions: input.originRegions ?? [] },
      { field: 'affectedRegions', regions: input.affectedRegions },
      { field: 'entities', regions: (input.entities ?? []).flatMap((e) => (e.country ? [e.country] : [])) },
    ]),
  );
  if (input.issuingRegion === '*') {
    issues.push({
      field: 'issuingRegion',
      message: 'the issuing region is one country or group',
      values: ['*'],
    });
  }
  if (issues.length > 0)
    throw new ValidationError('the policy change names things the catalogue does not know', issues);
  const blocks = listedEntityBlocks(input.entities ?? []).length;
  if (blocks > ENTITY_BLOCK_LIMIT) {
    throw new ValidationError('the listed entities are more than one change can match', [
      {
        field: 'entities',
        message: `the names and aliases begin ${blocks} distinct words (first four letters, as indexed); at most ${ENTITY_BLOCK_LIMIT} per change: split the list over several changes`,
      },
    ]);
  }
  const region = (code: string) => catalogue.normaliseRegion(code);
  return withChangeDefaults({
    ...input,
    materials: ids,
    issuingRegion: region(input.issuingRegion),
    ...(input.originRegions ? { originRegions: [...new Set(input.originRegions.map(region))] } : {}),
    affectedRegions: [...new Set(input.affectedRegions.map(region))],
    ...(input.hsCodes ? { hsCodes: [...new Set(input.hsCodes)] } : {}),
    ...(input.entities
      ? {
          entities: input.entities.map((entity) =>
            entity.country ? { ...entity, country: region(entity.country) } : entity,
          ),
        }
      : {}),
  });
}

/**
 * Completes each relation with what is stored: a target named by id must exist and gets its
 * source + sourceRef; a target named by source + sourceRef gets its id if it has arrived (else it
 * is linked when it does). Refuses a relation to the change itself and a loop of relations that
 * act on status, of any length (see `relation-loops.ts`).
 */
export async function resolveRelations(
  store: PolicyChangeStore,
  change: NormalisedChange,
): Promise<NormalisedChange> {
  if (!change.relatedChanges?.length) return change;
  const ownId = await store.idOf(change.source, change.sourceRef);
  const issues: FieldIssue[] = [];
  const resolved: RelatedChange[] = [];
  for (const [index, related] of change.relatedChanges.entries()) {
    const field = `relatedChanges.${index}`;
    if (related.policyChangeId !== undefined) {
      const head = await store.getHead(related.policyChangeId);
      if (!head) {
        issues.push({
          field: `${field}.policyChangeId`,
          message: 'no policy change has this id',
          values: [related.policyChangeId],
        });
        continue;
      }
      if (head.id === ownId) {
        issues.push({ field, message: 'a change cannot relate to itself', values: [head.id] });
        continue;
      }
      resolved.push({
        relation: related.relation,
        policyChangeId: head.id,
        source: head.source,
        sourceRef: head.sourceRef,
      });
    } else if (related.source !== undefined && related.sourceRef !== undefined) {
      const id = await store.idOf(related.source, related.sourceRef);
      resolved.push({
        relation: related.relation,
        ...(id ? { policyChangeId: id } : {}),
        source: related.source,
        sourceRef: related.sourceRef,
      });
    }
  }
  if (issues.length === 0) {
    issues.push(
      ...(await relationLoopIssues(relationGraph(store), {
        ...(ownId ? { id: ownId } : {}),
        source: change.source,
        sourceRef: change.sourceRef,
        relatedChanges: resolved,
      })),
    );
  }
  if (issues.length > 0) {
    const spelled = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
    throw new ValidationError(`the related changes cannot be linked (${spelled})`, issues);
  }
  return { ...change, relatedChanges: resolved };
}

/** The stored relations as the loop check walks them: each change's latest, by its head. */
function relationGraph(store: PolicyChangeStore): RelationGraph {
  return {
    linksOf: async (id) => (await store.getHead(id))?.change.relatedChanges ?? [],
    idOf: (source, sourceRef) => store.idOf(source, sourceRef),
  };
}
