import * as z from 'zod';
import { ConflictError, type FieldIssue, NotFoundError, ValidationError } from '../kernel/errors.js';
import { type Actor, type AuditEntry, newAuditRecord } from '../model/audit-record.js';
import {
  Catalogue,
  type CatalogueData,
  CatalogueError,
  CatalogueHsCodeSchema,
  defaultCatalogue,
  type MaterialNode,
  MaterialNodeSchema,
  type RegionGroup,
  RegionGroupSchema,
} from '../model/catalogue.js';
import { MaterialIdSchema } from '../model/policy-change.js';
import type { AuditStore } from '../store/audit-store.js';
import { CatalogueVersionConflictError } from '../store/catalogue-store.js';
import type { SubscriptionDirectory } from '../store/subscription-directory.js';
import type { CatalogueProvider } from './catalogue-provider.js';

/**
 * The body of `PUT /v1/materials/{id}`: the whole node but its id (which is the path). `parents`, or
 * the v1 `parent` meaning `parents: [parent]`; HS codes may be written with dots (`2825.90`).
 */
export const MaterialInputSchema = MaterialNodeSchema.omit({ id: true, parents: true }).extend({
  name: z.string().trim().min(1).max(200),
  parents: MaterialNodeSchema.shape.parents.unwrap().optional(),
  parent: MaterialIdSchema.optional(),
  hsCodes: z
    .array(
      z
        .string()
        .max(20)
        .transform((code) => code.replace(/[.\s]/g, ''))
        .pipe(CatalogueHsCodeSchema),
    )
    .max(100)
    .default([]),
  synonyms: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
});
export type MaterialInput = z.infer<typeof MaterialInputSchema>;

/** The body of `PUT /v1/regions/groups/{id}`; member codes in any case, stored upper-case. */
export const RegionGroupInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  members: z
    .array(z.string().regex(/^[A-Za-z]{2}$/, 'members are ISO 3166-1 alpha-2 codes'))
    .min(1)
    .max(300),
});
export type RegionGroupInput = z.infer<typeof RegionGroupInputSchema>;

export const RegionGroupIdSchema = z
  .string()
  .max(32)
  .transform((id) => id.toUpperCase())
  .pipe(RegionGroupSchema.shape.id);

export interface CatalogueEditDeps {
  catalogues: CatalogueProvider;
  directory: SubscriptionDirectory;
  audit: AuditStore;
  clock: () => Date;
}

/** Who is editing, for the audit trail. */
export interface EditContext {
  actor: Actor;
  requestId?: string;
}

/** A node as the API shows it: with `parent` (the first parent) for v1 readers, and its ancestors. */
export type MaterialView = MaterialNode & { parent?: string; ancestors: string[] };

export function materialView(node: MaterialNode, catalogue: Catalogue): MaterialView {
  const [parent] = node.parents;
  return { ...node, ...(parent !== undefined ? { parent } : {}), ancestors: catalogue.ancestors(node.id) };
}

type Edit<T> =
  | { kind: 'unchanged'; result: T }
  | {
      kind: 'changed';
      data: CatalogueData;
      audit: Omit<AuditEntry, 'actor' | 'requestId'>;
      result: (catalogue: Catalogue) => T;
    };

/** Attempts before a run of concurrent edits is reported as a conflict: each round one edit wins. */
const MAX_ATTEMPTS = 10;

/**
 * Creates a material or replaces one (new `parents` move it, with everything below it). Matching
 * reads the hierarchy when a change arrives, so the move applies from the next policy change on.
 *
 * @example
 * await putMaterial(deps, context, 'scandium', { name: 'Scandium', parents: ['heavy-rare-earths'], kind: 'element' });
 */
export async function putMaterial(
  deps: CatalogueEditDeps,
  context: EditContext,
  id: string,
  input: MaterialInput,
): Promise<{ material: MaterialView; created: boolean }> {
  return editCatalogue(deps, context, (data, catalogue) => {
    const before = catalogue.material(id);
    const { parents, field } = requestedParents(input, before);
    const node: MaterialNode = {
      id,
      name: input.name,
      parents,
      kind: input.kind,
      ...(input.symbol !== undefined ? { symbol: input.symbol } : {}),
      hsCodes: [...new Set(input.hsCodes)],
      synonyms: [...new Set(input.synonyms)],
    };
    const view = (after: Catalogue) => materialView(node, after);
    if (before && JSON.stringify(normalisedNode(before)) === JSON.stringify(normalisedNode(node))) {
      return { kind: 'unchanged', result: { material: view(catalogue), created: false } };
    }
    const issues = [...parentIssues(catalogue, id, parents, field), ...termIssues(catalogue, node)];
    if (issues.length > 0) throw new ValidationError('the material cannot go there', issues);
    return {
      kind: 'changed',
      data: {
        ...data,
        materials: before ? data.materials.map((m) => (m.id === id ? node : m)) : [...data.materials, node],
      },
      audit: {
        action: !before
          ? 'material.created'
          : before.parents.join() !== node.parents.join()
            ? 'material.moved'
            : 'material.updated',
        target: { type: 'material', id },
        ...(before ? { before } : {}),
        after: node,
      },
      result: (after) => ({ material: view(after), created: !before }),
    };
  });
}

/**
 * Removes a material that nothing refers to: not a parent of other materials, not named by any
 * subscription's filters (409 with the count otherwise; move the material instead of removing it).
 */
export async function deleteMaterial(
  deps: CatalogueEditDeps,
  context: EditContext,
  id: string,
): Promise<void> {
  const users = await deps.directory.countByMaterial(id);
  await editCatalogue(deps, context, (data, catalogue) => {
    const before = catalogue.material(id);
    if (!before) throw new NotFoundError(`material ${id}`);
    const children = data.materials.filter((m) => m.parents.includes(id)).map((m) => m.id);
    if (children.length > 0) {
      throw new ConflictError(
        'material-has-children',
        `material ${id} is the parent of ${children.join(', ')}; move or remove them first`,
      );
    }
    if (users > 0) {
      throw new ConflictError(
        'material-in-use',
        `${users} subscription${users === 1 ? '' : 's'} filter on material ${id}; change their filters first ` +
          `(GET /v1/admin/subscriptions?material=${id})`,
      );
    }
    return {
      kind: 'changed',
      data: { ...data, materials: data.materials.filter((m) => m.id !== id) },
      audit: { action: 'material.deleted', target: { type: 'material', id }, before },
      result: () => undefined,
    };
  });
}

/** Creates or replaces a region group; filters naming it follow the new members from the next match on. */
export async function putRegionGroup(
  deps: CatalogueEditDeps,
  context: EditContext,
  id: string,
  input: RegionGroupInput,
): Promise<{ group: RegionGroup; created: boolean }> {
  return editCatalogue(deps, context, (data, catalogue) => {
    const group: RegionGroup = {
      id,
      name: input.name,
      members: [...new Set(input.members.map((code) => code.toUpperCase()))].sort(),
    };
    const before = catalogue.regionGroups().find((g) => g.id === id);
    if (
      before &&
      JSON.stringify({ ...before, members: [...before.members].sort() }) === JSON.stringify(group)
    ) {
      return { kind: 'unchanged', result: { group: before, created: false } };
    }
    const countries = new Set(catalogue.countries().map((country) => country.code));
    const issues: FieldIssue[] = [];
    if (countries.has(id)) {
      issues.push({ field: 'id', message: 'a group id may not be an ISO 3166-1 country code', values: [id] });
    }
    const unknown = group.members.filter((code) => !countries.has(code));
    if (unknown.length > 0) {
      issues.push({ field: 'members', message: 'not ISO 3166-1 alpha-2 country codes', values: unknown });
    }
    if (issues.length > 0) throw new ValidationError('the region group is not valid', issues);
    return {
      kind: 'changed',
      data: {
        ...data,
        regionGroups: before
          ? data.regionGroups.map((g) => (g.id === id ? group : g))
          : [...data.regionGroups, group],
      },
      audit: {
        action: before ? 'region-group.updated' : 'region-group.created',
        target: { type: 'region-group', id },
        ...(before ? { before } : {}),
        after: group,
      },
      result: () => ({ group, created: !before }),
    };
  });
}

/**
 * Reads the stored catalogue (or the default), applies `edit`, validates the result with
 * `Catalogue.fromData`, and saves it conditionally on the version read, with the audit record in
 * the same transaction. A concurrent edit makes the save fail; the edit is then re-applied to the
 * newer catalogue, so edits of different nodes never overwrite each other.
 */
async function editCatalogue<T>(
  deps: CatalogueEditDeps,
  context: EditContext,
  edit: (data: CatalogueData, catalogue: Catalogue) => Edit<T>,
): Promise<T> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const stored = await deps.catalogues.store.load();
    const version = stored?.version ?? 0;
    const data = stored?.data ?? defaultCatalogue().data;
    const outcome = edit(data, Catalogue.fromData(data));
    if (outcome.kind === 'unchanged') return outcome.result;

    let next: Catalogue;
    try {
      next = Catalogue.fromData(outcome.data);
    } catch (error) {
      if (!(error instanceof CatalogueError)) throw error;
      throw new ValidationError(
        'the catalogue would not be valid after this change',
        error.problems.map((problem) => ({ field: '(body)', message: problem })),
      );
    }
    const now = deps.clock();
    const record = newAuditRecord(
      {
        ...outcome.audit,
        actor: context.actor,
        ...(context.requestId ? { requestId: context.requestId } : {}),
      },
      now,
    );
    try {
      const saved = await deps.catalogues.store.save(outcome.data, version, now, deps.audit.putItem(record));
      deps.catalogues.accept(saved);
    } catch (error) {
      if (!(error instanceof CatalogueVersionConflictError)) throw error;
      // Another edit won this round: wait a little (jittered, so the losers spread out) and re-apply.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * attempt));
      continue;
    }
    return outcome.result(next);
  }
  throw new ConflictError('concurrent-update', 'the catalogue kept changing during this edit; try again');
}

/**
 * The parents a request asks for, and the field that named them. `parent` alone is v1 and means
 * `parents: [parent]`. Both together come from clients that send back what GET returned: when they
 * agree, or when only `parent` was changed (a v1 client moving the node), the change of `parent` is
 * honoured and replaces the first parent; when both were changed they contradict each other.
 */
function requestedParents(
  input: MaterialInput,
  before: MaterialNode | undefined,
): { parents: string[]; field: 'parent' | 'parents' } {
  const { parent, parents } = input;
  if (parent === undefined) return { parents: unique(parents ?? []), field: 'parents' };
  if (parents === undefined) return { parents: [parent], field: 'parent' };
  if (parents[0] === parent) return { parents: unique(parents), field: 'parents' };
  if (before && before.parents.join() === parents.join()) {
    return { parents: unique([parent, ...parents.slice(1)]), field: 'parent' };
  }
  throw new ValidationError('parent and parents disagree', [
    {
      field: 'parent',
      message: 'parent is the first of parents and may not contradict it: send parents alone',
      values: [parent, ...parents],
    },
  ]);
}

/** Problems with putting `id` under `parents`: an unknown parent, or one that is `id` or below it. */
function parentIssues(
  catalogue: Catalogue,
  id: string,
  parents: readonly string[],
  field: 'parent' | 'parents',
): FieldIssue[] {
  const unknown = parents.filter((parent) => !catalogue.hasMaterial(parent));
  if (unknown.length > 0) {
    return [{ field, message: 'unknown material ids (see GET /v1/materials)', values: unknown }];
  }
  const below = new Set(catalogue.descendants(id));
  return parents
    .filter((parent) => parent === id || below.has(parent))
    .map((parent) => ({
      field,
      message: `${parent} is ${parent === id ? 'the material itself' : `below ${id}`}: that would make a cycle`,
      values: [parent],
    }));
}

/** Names and synonyms that already name another material: text must resolve to one node. */
function termIssues(catalogue: Catalogue, node: MaterialNode): FieldIssue[] {
  const taken = (term: string) => {
    const owner = catalogue.resolveMaterial(term);
    return owner !== undefined && owner !== node.id;
  };
  const issues: FieldIssue[] = [];
  if (taken(node.name)) {
    issues.push({
      field: 'name',
      message: `already names ${catalogue.resolveMaterial(node.name)}: text must resolve to one material`,
      values: [node.name],
    });
  }
  const synonyms = node.synonyms.filter(taken);
  if (synonyms.length > 0) {
    issues.push({
      field: 'synonyms',
      message: `already name other materials (${unique(synonyms.map((t) => catalogue.resolveMaterial(t) ?? '')).join(', ')}): text must resolve to one material`,
      values: synonyms,
    });
  }
  return issues;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** A node in a fixed key order, for comparing a stored node with a requested one. */
function normalisedNode(node: MaterialNode) {
  return {
    id: node.id,
    name: node.name,
    parents: [...node.parents],
    kind: node.kind,
    symbol: node.symbol ?? null,
    hsCodes: [...node.hsCodes],
    synonyms: [...node.synonyms],
  };
}
