/**
 * The catalogue: the material taxonomy and the regions that policy changes and subscriptions refer to.
 *
 * Data conventions for `materials.json`:
 * - Rare earths are grouped as China groups them, because China's licensing announcements (Nos. 18
 *   and 57 of 2025) are written in those terms: light (lanthanum to promethium), medium (samarium,
 *   europium, gadolinium) and heavy (terbium to lutetium, and yttrium); scandium sits directly under
 *   `rare-earths`. USGS and the EU split differently (USGS counts Sm-Gd as light, the EU counts Eu and
 *   Gd as heavy), so anyone who follows another list should subscribe to the elements, not a group.
 * - A node may have several parents when it belongs to two branches: rare-earth magnets are a product
 *   and a rare-earth item; doped wafers are gallium and germanium compounds and semiconductor
 *   materials. Ancestors and descendants run through every parent.
 * - `hsCodes` are HS 2022 headings (4 digits) or subheadings (6 digits) whose text names the
 *   material; national tariff lines (up to 10 digits) are allowed but differ by country, so the
 *   shipped data stays international. Catch-all "n.e.c." subheadings (2825.90, 2850.00, 2853.90,
 *   3818.00) sit only on the compound or wafer nodes that control lists cite them for, never on an
 *   element, so an element's own codes stay specific. Promethium has none because, being
 *   radioactive, it is classified under 2844, not 2805/2846.
 * - Names, synonyms and ids are what `resolveMaterial` accepts: English spellings of both sides of
 *   the Atlantic (aluminium/aluminum), trade names, and the Chinese names used in MOFCOM texts. A term
 *   may name only one node. Chemical symbols live in `symbol` only and resolve only as written
 *   (`Dy`): in lower case, tokens such as "in" or "as" are ordinary words.
 *
 * Regions are ISO 3166-1 alpha-2 codes from `i18n-iso-countries`, the group ids of
 * `region-groups.json`, or `*` for every country. User-assigned codes the package also lists (XK for
 * Kosovo) are left out because ISO has not assigned them.
 */
// The package's main entry also loads every locale; English is registered below.
// The English names alone, without the library's alpha-3 and numeric tables: every alpha-2 code
// is a key, and an array's first name is the one the library gives as the official name.
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import * as z from 'zod';
import materialsFile from './materials.json' with { type: 'json' };
import { MaterialIdSchema } from './policy-change.js';
import regionGroupsFile from './region-groups.json' with { type: 'json' };

/** A catalogue HS code: an HS heading (4 digits), subheading (6) or national tariff line (up to 10), no dots. */
export const CatalogueHsCodeSchema = z
  .string()
  .regex(/^\d{4,10}$/, 'catalogue HS codes are 4 to 10 digits without dots, e.g. 3818 or 282590');

/**
 * One node of the material taxonomy, e.g.
 * `{ id: 'dysprosium', parents: ['heavy-rare-earths'], kind: 'element', symbol: 'Dy', ... }`.
 * A node may have several parents (rare-earth magnets are both a product and a rare-earth item);
 * the first is the one v1 readers see as `parent`.
 */
export const MaterialNodeSchema = z.strictObject({
  id: MaterialIdSchema,
  name: z.string().min(1).max(200),
  parents: z.array(MaterialIdSchema).max(10).default([]),
  kind: z.enum(['group', 'element', 'material', 'product']),
  symbol: z
    .string()
    .regex(/^[A-Z][a-z]{0,2}$/, 'symbols are chemical element symbols such as Dy')
    .optional(),
  hsCodes: z.array(CatalogueHsCodeSchema),
  synonyms: z.array(z.string().min(1).max(200)),
});
export type MaterialNode = z.infer<typeof MaterialNodeSchema>;

/**
 * Catalogues stored before nodes had several parents hold a single `parent`; it reads as
 * `parents: [parent]`, so an edited catalogue saved by an older version still loads.
 */
function upgradeSingleParent(node: unknown): unknown {
  if (typeof node !== 'object' || node === null || !('parent' in node) || 'parents' in node) return node;
  const { parent, ...rest } = node as Record<string, unknown>;
  return { ...rest, parents: parent === undefined ? [] : [parent] };
}

/** A named set of countries usable wherever a region is, e.g. `{ id: 'G7', name: 'Group of Seven', members: ['CA', ...] }`. */
export const RegionGroupSchema = z.strictObject({
  id: z.string().regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/, 'group ids are upper-case, e.g. EU or FIVE-EYES'),
  name: z.string().min(1).max(200),
  members: z.array(z.string()).min(1),
});
export type RegionGroup = z.infer<typeof RegionGroupSchema>;

/** Everything a catalogue is built from; admins edit this and rebuild with `Catalogue.fromData`. */
export const CatalogueDataSchema = z.strictObject({
  materials: z.array(z.preprocess(upgradeSingleParent, MaterialNodeSchema)),
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

const COUNTRIES: readonly { readonly code: string; readonly name: string }[] = Object.entries(
  english.countries as Record<string, string | string[]>,
)
  .filter(([code]) => !USER_ASSIGNED_CODE.test(code))
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([code, names]) => ({ code, name: (Array.isArray(names) ? names[0] : names) ?? code }));

const ISO_CODES: ReadonlySet<string> = new Set(COUNTRIES.map((country) => country.code));

/** Other English names of a country (`China`, `USA`, `UK`), for search: the first name is its `name`. */
const COUNTRY_ALIASES: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(english.countries as Record<string, string | string[]>).flatMap(([code, names]) =>
    Array.isArray(names) && names.length > 1 ? [[code, names.slice(1)] as const] : [],
  ),
);

/**
 * The material taxonomy and regions, indexed so hierarchy lookups are map reads.
 *
 * @example
 * const catalogue = defaultCatalogue();
 * catalogue.ancestors('dysprosium'); // ['heavy-rare-earths', 'rare-earths']
 * catalogue.resolveMaterial('aluminum'); // 'aluminium'
 * catalogue.expandRegions(['G7', 'cn']); // Set { 'CA', 'DE', ..., 'CN' }
 */
export class Catalogue {
  readonly #data: CatalogueData;
  readonly #materials: ReadonlyMap<string, MaterialNode>;
  readonly #ancestors: ReadonlyMap<string, readonly string[]>;
  readonly #descendants: ReadonlyMap<string, readonly string[]>;
  /** Normalised id, name and synonym -> id; validation guarantees each term names one node. */
  readonly #terms: ReadonlyMap<string, string>;
  readonly #symbols: ReadonlyMap<string, string>;
  readonly #groups: ReadonlyMap<string, RegionGroup>;

  private constructor(data: CatalogueData) {
    this.#data = data;
    this.#materials = new Map(data.materials.map((node) => [node.id, node]));
    const children = new Map<string, string[]>(data.materials.map((node) => [node.id, []]));
    for (const node of data.materials) {
      for (const parent of node.parents) children.get(parent)?.push(node.id);
    }
    const parents = new Map(data.materials.map((node) => [node.id, node.parents]));
    this.#ancestors = new Map(data.materials.map((node) => [node.id, nearestFirst(node.id, parents)]));
    this.#descendants = new Map(data.materials.map((node) => [node.id, nearestFirst(node.id, children)]));
    this.#terms = new Map(
      data.materials.flatMap((node) => materialTerms(node).map((term) => [term, node.id] as const)),
    );
    this.#symbols = new Map(
      data.materials.flatMap((node) => (node.symbol ? [[node.symbol, node.id] as const] : [])),
    );
    this.#groups = new Map(data.regionGroups.map((group) => [group.id, group]));
  }

  /**
   * Validates and indexes catalogue data. Throws `CatalogueError` on a malformed node, a duplicate id,
   * an unknown or repeated parent, a cycle through any parent, a name, synonym or symbol that would
   * name two nodes, a group member that is not an ISO code, or a group id that is one.
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

  /**
   * Ids above `id` through every parent, each once, nearest first (parents in their listed order,
   * then grandparents...), without `id` itself; `[]` for an unknown id.
   */
  ancestors(id: string): string[] {
    return [...(this.#ancestors.get(id) ?? [])];
  }

  /** Ids below `id` at every depth through every child, each once, nearest first; `[]` for an unknown id. */
  descendants(id: string): string[] {
    return [...(this.#descendants.get(id) ?? [])];
  }

  /**
   * The id a piece of text names: an id, a name or a synonym (case-, accent- and width-insensitive,
   * spaces, hyphens and underscores alike), or a chemical symbol written exactly (`Dy`, not `dy`:
   * lower-case symbols read as words such as "in" or "as"). `undefined` when nothing matches.
   *
   * @example
   * catalogue.resolveMaterial('aluminum'); // 'aluminium'
   * catalogue.resolveMaterial('稀土'); // 'rare-earths'
   */
  resolveMaterial(text: string): string | undefined {
    if (this.#materials.has(text)) return text;
    const term = normaliseTerm(text);
    return this.#terms.get(term) ?? this.#symbols.get(text.normalize('NFKC').trim());
  }

  /**
   * Resolves a list as `resolveMaterial` does: `ids` once each in input order (`*`, all materials,
   * is kept as is), `unknown` the entries that name nothing, as written and once each.
   *
   * @example
   * catalogue.resolveMaterials(['Aluminum', '镝', 'unobtainium']); // { ids: ['aluminium', 'dysprosium'], unknown: ['unobtainium'] }
   */
  resolveMaterials(texts: readonly string[]): { ids: string[]; unknown: string[] } {
    const ids = new Set<string>();
    const unknown = new Set<string>();
    for (const text of texts) {
      const id = text.trim() === '*' ? '*' : this.resolveMaterial(text);
      if (id === undefined) unknown.add(text);
      else ids.add(id);
    }
    return { ids: [...ids], unknown: [...unknown] };
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

  /** A country's other English names (`CN`: `China`), none for most. */
  countryAliases(code: string): readonly string[] {
    return COUNTRY_ALIASES.get(code) ?? [];
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
    for (const parent of node.parents) {
      if (!byId.has(parent)) problems.push(`material "${node.id}" has unknown parent "${parent}"`);
    }
    for (const parent of duplicates(node.parents)) {
      problems.push(`material "${node.id}" lists parent "${parent}" twice`);
    }
  }
  const parents = new Map([...byId].map(([id, node]) => [id, node.parents]));
  for (const id of byId.keys()) {
    if (nearestFirst(id, parents).includes(id))
      problems.push(`material "${id}" is its own ancestor (parent cycle)`);
  }
  // Text given for a material must resolve to one node: an ambiguous term is refused here, once,
  // rather than resolved to whichever node happens to come first.
  const owners = new Map<string, Set<string>>();
  for (const node of byId.values()) {
    for (const term of materialTerms(node)) {
      owners.set(term, (owners.get(term) ?? new Set()).add(node.id));
    }
  }
  for (const [term, ids] of owners) {
    if (ids.size > 1) problems.push(`"${term}" would name several materials: ${[...ids].join(', ')}`);
  }
  const symbols = new Map<string, string[]>();
  for (const node of byId.values()) {
    if (node.symbol) symbols.set(node.symbol, [...(symbols.get(node.symbol) ?? []), node.id]);
  }
  for (const [symbol, ids] of symbols) {
    if (ids.length > 1) problems.push(`symbol "${symbol}" is given to several materials: ${ids.join(', ')}`);
    // A term spelled like another node's symbol would shadow it: "dy" must not mean anything but Dy.
    const shadowing = [...(owners.get(normaliseTerm(symbol)) ?? [])].filter((id) => !ids.includes(id));
    if (shadowing.length > 0) {
      problems.push(
        `"${symbol}" is the symbol of ${ids.join(', ')} and may not name ${shadowing.join(', ')}`,
      );
    }
  }
  return problems;
}

/**
 * Every node reachable from `id` through `edges` (parents or children), each once, by distance and
 * then in listed order; `id` itself only when a cycle leads back to it (validation looks for that).
 */
function nearestFirst(id: string, edges: ReadonlyMap<string, readonly string[]>): string[] {
  const seen = new Set<string>();
  const order: string[] = [];
  let frontier: readonly string[] = [id];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const current of frontier) {
      for (const neighbour of edges.get(current) ?? []) {
        if (seen.has(neighbour)) continue;
        seen.add(neighbour);
        order.push(neighbour);
        next.push(neighbour);
      }
    }
    frontier = next;
  }
  return order;
}

/** The terms text may use for a node: its id, name and synonyms, normalised and once each. */
function materialTerms(node: MaterialNode): string[] {
  return unique([node.id, node.name, ...node.synonyms].map(normaliseTerm));
}

/**
 * The comparable form of a material term: compatibility-decomposed (full-width `Ａｌ` is `Al`),
 * accents dropped, lower-case, with runs of spaces, hyphens and underscores as one space.
 *
 * @example normaliseTerm('  Rare-Earth_ÉLÉMENTS ') // 'rare earth elements'
 */
export function normaliseTerm(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\p{Pd}_]+/gu, ' ')
    .trim();
}

function duplicates(values: readonly string[]): string[] {
  return unique(values.filter((value, index) => values.indexOf(value) !== index));
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
    Object.freeze(node.parents);
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
