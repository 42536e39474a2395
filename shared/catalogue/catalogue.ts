/**
 * The catalogue: the material taxonomy and the regions that policy changes and subscriptions refer to.
 *
 * Data conventions for `materials.json`:
 * - Light and heavy rare earths follow the USGS split by atomic number: lanthanum to gadolinium (57-64)
 *   are light; terbium to lutetium (65-71) and yttrium are heavy; scandium is neither and sits directly
 *   under `rare-earths`. Other lists split differently (the EU CRM list counts europium and gadolinium
 *   as heavy; Chinese practice has a "medium" group around samarium to gadolinium), so anyone who
 *   cares about those borderline elements should subscribe to the element, not the sub-group.
 * - `hsCodes` are HS 2022 six-digit subheadings whose text names the material (ores, metal, scrap,
 *   named compounds and ferro-alloys). Catch-all "n.e.c." subheadings that control lists cite for one
 *   compound (2825.90, 2853.90, 3818.00, ...) are left out: they would tie unrelated goods to the
 *   material. Promethium has none because, being radioactive, it is classified under 2844, not 2805/2846.
 * - Chemical symbols live in `symbol` only, not in `synonyms`: tokens such as "In", "W" or "Y" would
 *   make text matching on synonyms noisy.
 *
 * Regions are ISO 3166-1 alpha-2 codes from `i18n-iso-countries`, the group ids of
 * `region-groups.json`, or `*` for every country. User-assigned codes the package also lists (XK for
 * Kosovo) are left out because ISO has not assigned them.
 */
// The package's main entry also loads every locale; English is registered below.
import countryNames from 'i18n-iso-countries/index.js';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import * as z from 'zod';
import { MaterialIdSchema } from '../model/policy-change.js';
import materialsFile from './materials.json' with { type: 'json' };
import regionGroupsFile from './region-groups.json' with { type: 'json' };

/** One node of the material taxonomy, e.g. `{ id: 'dysprosium', parent: 'heavy-rare-earths', kind: 'element', symbol: 'Dy', ... }`. */
export const MaterialNodeSchema = z.strictObject({
  id: MaterialIdSchema,
  name: z.string().min(1).max(200),
  parent: MaterialIdSchema.optional(),
  kind: z.enum(['group', 'element', 'material', 'product']),
  symbol: z
    .string()
    .regex(/^[A-Z][a-z]{0,2}$/, 'symbols are chemical element symbols such as Dy')
    .optional(),
  hsCodes: z.array(z.string().regex(/^\d{6}$/, 'catalogue HS codes are 6-digit subheadings without dots')),
  synonyms: z.array(z.string().min(1).max(200)),
});
export type MaterialNode = z.infer<typeof MaterialNodeSchema>;

/** A named set of countries usable wherever a region is, e.g. `{ id: 'G7', name: 'Group of Seven', members: ['CA', ...] }`. */
export const RegionGroupSchema = z.strictObject({
  id: z.string().regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/, 'group ids are upper-case, e.g. EU or FIVE-EYES'),
  name: z.string().min(1).max(200),
  members: z.array(z.string()).min(1),
});
export type RegionGroup = z.infer<typeof RegionGroupSchema>;

/** Everything a catalogue is built from; admins edit this and rebuild with `Catalogue.fromData`. */
export const CatalogueDataSchema = z.strictObject({
  materials: z.array(MaterialNodeSchema),
  regionGroups: z.array(RegionGroupSchema),
});
export type CatalogueData = z.infer<typeof CatalogueDataSchema>;

/** Thrown when catalogue data is malformed or inconsistent; `problems` lists every issue found. */
export class CatalogueError extends Error {
  override readonly name = 'CatalogueError';
  readonly problems: readonly string[];

  constructor(problems: readonly string[], options?: ErrorOptions) {
    super(`invalid catalogue data: ${problems.join('; ')}`, options);
    this.problems = problems;
  }
}

// ISO reserves these ranges for user assignment (AA, QM-QZ, XA-XZ, ZZ); XK is one of them.
const USER_ASSIGNED_CODE = /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/;

countryNames.registerLocale(english);

const COUNTRIES: readonly { readonly code: string; readonly name: string }[] = Object.keys(
  countryNames.getAlpha2Codes(),
)
  .filter((code) => !USER_ASSIGNED_CODE.test(code))
  .sort()
  .map((code) => ({ code, name: countryNames.getName(code, 'en') ?? code }));

const ISO_CODES: ReadonlySet<string> = new Set(COUNTRIES.map((country) => country.code));

/**
 * The material taxonomy and regions, indexed so hierarchy lookups are map reads.
 *
 * @example
 * const catalogue = defaultCatalogue();
 * catalogue.ancestors('dysprosium'); // ['heavy-rare-earths', 'rare-earths']
 * catalogue.expandRegions(['G7', 'cn']); // Set { 'CA', 'DE', ..., 'CN' }
 */
export class Catalogue {
  readonly #data: CatalogueData;
  readonly #materials: ReadonlyMap<string, MaterialNode>;
  readonly #ancestors: ReadonlyMap<string, readonly string[]>;
  readonly #descendants: ReadonlyMap<string, readonly string[]>;
  readonly #groups: ReadonlyMap<string, RegionGroup>;

  private constructor(data: CatalogueData) {
    this.#data = data;
    this.#materials = new Map(data.materials.map((node) => [node.id, node]));
    const ancestors = new Map<string, readonly string[]>();
    const descendants = new Map<string, string[]>(data.materials.map((node) => [node.id, []]));
    for (const node of data.materials) {
      const chain = ancestorChain(node.id, this.#materials);
      ancestors.set(node.id, chain);
      for (const ancestor of chain) descendants.get(ancestor)?.push(node.id);
    }
    this.#ancestors = ancestors;
    this.#descendants = descendants;
    this.#groups = new Map(data.regionGroups.map((group) => [group.id, group]));
  }

  /**
   * Validates and indexes catalogue data. Throws `CatalogueError` on a malformed node, a duplicate id,
   * an unknown parent, a cycle, a group member that is not an ISO code, or a group id that is one.
   */
  static fromData(data: CatalogueData): Catalogue {
    const parsed = parseCatalogueData(data);
    const problems = [...materialProblems(parsed.materials), ...regionGroupProblems(parsed.regionGroups)];
    if (problems.length > 0) throw new CatalogueError(problems);
    return new Catalogue(freezeCatalogueData(parsed));
  }

  /** The (frozen) data this catalogue was built from; copy it to edit, then call `fromData` again. */
  get data(): CatalogueData {
    return this.#data;
  }

  /** Every material node, in data order. */
  materials(): MaterialNode[] {
    return [...this.#data.materials];
  }

  material(id: string): MaterialNode | undefined {
    return this.#materials.get(id);
  }

  hasMaterial(id: string): boolean {
    return this.#materials.has(id);
  }

  /** Ids above `id`, nearest first, without `id` itself; `[]` for an unknown id. */
  ancestors(id: string): string[] {
    return [...(this.#ancestors.get(id) ?? [])];
  }

  /** Ids below `id` at every depth, without `id` itself; `[]` for an unknown id. */
  descendants(id: string): string[] {
    return [...(this.#descendants.get(id) ?? [])];
  }

  /** The ids that are not in the taxonomy, once each; `*` (all materials) is always known. */
  unknownMaterials(ids: readonly string[]): string[] {
    return unique(ids.filter((id) => id !== '*' && !this.#materials.has(id)));
  }

  /** The canonical spelling of a region code: upper-case (`de` -> `DE`, `five-eyes` -> `FIVE-EYES`). */
  normaliseRegion(code: string): string {
    return code.toUpperCase();
  }

  /** True for an ISO 3166-1 alpha-2 code or a group id in any case, and for `*`. */
  isRegion(code: string): boolean {
    const region = this.normaliseRegion(code);
    return region === '*' || ISO_CODES.has(region) || this.#groups.has(region);
  }

  /** The codes that are not regions, as written and once each. */
  unknownRegions(codes: readonly string[]): string[] {
    return unique(codes.filter((code) => !this.isRegion(code)));
  }

  /**
   * Country codes covered by `codes`: groups become their members, countries stay; `*` anywhere
   * returns `'*'`. Unknown codes are kept (upper-cased) so they can only ever overlap themselves;
   * callers validate with `unknownRegions` first.
   */
  expandRegions(codes: readonly string[]): ReadonlySet<string> | '*' {
    const countries = new Set<string>();
    for (const code of codes) {
      const region = this.normaliseRegion(code);
      if (region === '*') return '*';
      const group = this.#groups.get(region);
      for (const member of group?.members ?? [region]) countries.add(member);
    }
    return countries;
  }

  /** Every ISO 3166-1 alpha-2 country with its English name, sorted by code. */
  countries(): { code: string; name: string }[] {
    return COUNTRIES.map((country) => ({ ...country }));
  }

  regionGroups(): RegionGroup[] {
    return [...this.#data.regionGroups];
  }
}

let defaultInstance: Catalogue | undefined;

/** The catalogue shipped with the service (`materials.json`, `region-groups.json`), built once. */
export function defaultCatalogue(): Catalogue {
  defaultInstance ??= Catalogue.fromData(
    parseCatalogueData({ materials: materialsFile, regionGroups: regionGroupsFile }),
  );
  return defaultInstance;
}

function parseCatalogueData(input: unknown): CatalogueData {
  const result = CatalogueDataSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'data'}: ${issue.message}`);
  throw new CatalogueError(problems, { cause: result.error });
}

function materialProblems(nodes: readonly MaterialNode[]): string[] {
  const problems: string[] = [];
  const byId = new Map<string, MaterialNode>();
  for (const node of nodes) {
    if (byId.has(node.id)) problems.push(`duplicate material id "${node.id}"`);
    byId.set(node.id, node);
  }
  for (const node of nodes) {
    if (node.parent !== undefined && !byId.has(node.parent)) {
      problems.push(`material "${node.id}" has unknown parent "${node.parent}"`);
    }
  }
  for (const id of byId.keys()) {
    if (isOwnAncestor(id, byId)) problems.push(`material "${id}" is its own ancestor (parent cycle)`);
  }
  return problems;
}

function isOwnAncestor(id: string, byId: ReadonlyMap<string, MaterialNode>): boolean {
  const seen = new Set<string>();
  for (let parent = byId.get(id)?.parent; parent !== undefined; parent = byId.get(parent)?.parent) {
    if (parent === id) return true;
    // A cycle further up that does not pass through `id` is reported for its own members.
    if (seen.has(parent)) return false;
    seen.add(parent);
  }
  return false;
}

/** Parent chain of a node; only called on validated data, which has no cycles. */
function ancestorChain(id: string, byId: ReadonlyMap<string, MaterialNode>): string[] {
  const chain: string[] = [];
  for (let parent = byId.get(id)?.parent; parent !== undefined; parent = byId.get(parent)?.parent) {
    chain.push(parent);
  }
  return chain;
}

function regionGroupProblems(groups: readonly RegionGroup[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const group of groups) {
    if (seen.has(group.id)) problems.push(`duplicate region group "${group.id}"`);
    seen.add(group.id);
    // A group named like a country would make a region code mean two things.
    if (ISO_CODES.has(group.id)) problems.push(`region group "${group.id}" collides with an ISO 3166-1 code`);
    for (const member of group.members) {
      if (!ISO_CODES.has(member)) {
        problems.push(
          `region group "${group.id}" member "${member}" is not an upper-case ISO 3166-1 alpha-2 code`,
        );
      }
    }
  }
  return problems;
}

/** Frozen so nobody can edit `data` in place and leave the precomputed indexes out of date. */
function freezeCatalogueData(data: CatalogueData): CatalogueData {
  for (const node of data.materials) {
    Object.freeze(node.hsCodes);
    Object.freeze(node.synonyms);
    Object.freeze(node);
  }
  for (const group of data.regionGroups) {
    Object.freeze(group.members);
    Object.freeze(group);
  }
  Object.freeze(data.materials);
  Object.freeze(data.regionGroups);
  return Object.freeze(data);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
