import type { Catalogue } from '../model/catalogue.js';
import type { MatchExplanation } from '../model/delivery.js';
import { changeScope, clauseScopes, filterClauses, type Scope } from '../model/filter-clauses.js';
import {
  type ItemType,
  type PolicyChange,
  severityRank,
  withChangeDefaults,
} from '../model/policy-change.js';
import type { Filters, SubscriptionFilters } from '../model/subscription.js';
import { type EntityListing, matchWatchlist, prepareListing, watchedEntityBlocks } from './entities.js';

/** The parts of a change the filters look at; fields the service defaults may be left out. */
export type MatchableChange = Pick<
  PolicyChange,
  'materials' | 'hsCodes' | 'issuingRegion' | 'affectedRegions' | 'changeType' | 'severity' | 'entities'
> &
  Partial<Pick<PolicyChange, 'originRegions' | 'direction' | 'itemTypes'>>;

/**
 * A change prepared once for many filter evaluations: its materials with their relatives and its
 * regions expanded, so each filter costs a few set look-ups.
 */
export interface PreparedChange {
  change: MatchableChange & Pick<PolicyChange, 'originRegions' | 'direction' | 'itemTypes'>;
  /** The change covers every item (`materials: ["*"]`). */
  allMaterials: boolean;
  /** A lane rule, an all-items rule or a party rule (it names entities). */
  scope: Scope;
  /** For each related material id (the change's own, ancestors, descendants): the change materials it relates to. */
  related: Map<string, string[]>;
  hsCodes: string[];
  issuing: ReadonlySet<string> | '*';
  origin: ReadonlySet<string> | '*';
  affected: ReadonlySet<string> | '*';
  severity: number;
  /** Its listed entities, normalised once for every watchlist compared with them. */
  entities: EntityListing;
}

/** Only physical items carry tariff lines: a rule on technology or services names no HS code. */
const ITEM_TYPES_WITH_HS_CODES: ReadonlySet<ItemType> = new Set(['goods', 'equipment']);

/** Expands a change's materials and regions through the catalogue. */
export function prepareChange(input: MatchableChange, catalogue: Catalogue): PreparedChange {
  const change = withChangeDefaults(input);
  const related = new Map<string, string[]>();
  const relate = (id: string, changeMaterial: string) => {
    const list = related.get(id);
    if (list) {
      if (!list.includes(changeMaterial)) list.push(changeMaterial);
    } else related.set(id, [changeMaterial]);
  };
  const allMaterials = change.materials.includes('*');
  if (!allMaterials) {
    for (const material of change.materials) {
      relate(material, material);
      for (const id of catalogue.ancestors(material)) relate(id, material);
      for (const id of catalogue.descendants(material)) relate(id, material);
    }
  }
  return {
    change,
    allMaterials,
    scope: changeScope(change),
    related,
    hsCodes: effectiveHsCodes(change, allMaterials, catalogue),
    issuing: catalogue.expandRegions([change.issuingRegion]),
    origin: catalogue.expandRegions(change.originRegions),
    affected: catalogue.expandRegions(change.affectedRegions),
    severity: severityRank(change.severity),
    entities: prepareListing(change.entities ?? [], (a, b) => regionsShareCountry(catalogue, a, b)),
  };
}

/**
 * The HS codes a change covers: its own, or, when it names none and covers goods or equipment, the
 * catalogue's codes for its materials and their descendants (a rule on all rare earths covers every
 * rare-earth heading). A rule on technology only, or on every item, names no tariff line.
 */
function effectiveHsCodes(
  change: PreparedChange['change'],
  allMaterials: boolean,
  catalogue: Catalogue,
): string[] {
  if (change.hsCodes?.length) return change.hsCodes.map(normaliseHsCode);
  if (allMaterials || !change.itemTypes.some((type) => ITEM_TYPES_WITH_HS_CODES.has(type))) return [];
  const codes = new Set<string>();
  for (const material of change.materials) {
    for (const id of [material, ...catalogue.descendants(material)]) {
      for (const code of catalogue.material(id)?.hsCodes ?? []) codes.add(normaliseHsCode(code));
    }
  }
  return [...codes];
}

export function normaliseHsCode(code: string): string {
  return code.replace(/[.\s]/g, '');
}

/** Whether two HS codes cover a common tariff line: one is a prefix of the other. */
export function hsCodesOverlap(a: string, b: string): boolean {
  return a.length <= b.length ? b.startsWith(a) : a.startsWith(b);
}

/** Whether two expanded region sets overlap, and on which codes (`*` overlaps all of the other side). */
function overlap(
  left: ReadonlySet<string> | '*',
  right: ReadonlySet<string> | '*',
): { matched: boolean; common: string[] } {
  if (left === '*')
    return right === '*' ? { matched: true, common: ['*'] } : { matched: right.size > 0, common: [...right] };
  if (right === '*') return { matched: left.size > 0, common: [...left] };
  const common: string[] = [];
  const [small, large] = left.size <= right.size ? [left, right] : [right, left];
  for (const code of small) if (large.has(code)) common.push(code);
  return { matched: common.length > 0, common };
}

/**
 * Decides whether a change matches a subscription's filters; every present filter must match.
 * Returns why it matched, or undefined.
 *
 * @example
 * const prepared = prepareChange(change, catalogue);
 * matchFilters(prepared, { materials: ['rare-earths'], affectedRegions: ['US'] }, catalogue);
 */
export function matchFilters(
  prepared: PreparedChange,
  filters: Filters,
  catalogue: Catalogue,
): MatchExplanation | undefined {
  const { change } = prepared;
  // A party rule reaches a watchlist (checked below) or a clause that takes party rules; lane
  // and all-items rules reach the clauses whose scopes name them.
  if (prepared.scope === 'parties') {
    if (!filters.entities && !clauseScopes(filters).includes('parties')) return undefined;
  } else if (!clauseScopes(filters).includes(prepared.scope)) return undefined;
  if (filters.minSeverity && prepared.severity < severityRank(filters.minSeverity)) return undefined;
  if (filters.changeTypes && !filters.changeTypes.includes(change.changeType)) return undefined;
  if (filters.directions && !filters.directions.includes(change.direction)) return undefined;
  if (filters.itemTypes && !filters.itemTypes.some((type) => change.itemTypes.includes(type)))
    return undefined;

  const explanation: MatchExplanation = { materials: [] };
  if (filters.materials) {
    const materials = explanation.materials;
    for (const filterMaterial of filters.materials) {
      if (filterMaterial === '*') {
        for (const material of change.materials) materials.push({ change: material, filter: '*' });
        if (change.materials.length === 0) materials.push({ change: '*', filter: '*' });
        continue;
      }
      if (prepared.allMaterials) {
        materials.push({ change: '*', filter: filterMaterial });
        continue;
      }
      for (const material of prepared.related.get(filterMaterial) ?? []) {
        materials.push({ change: material, filter: filterMaterial });
      }
    }
    if (materials.length === 0) return undefined;
  }

  if (filters.hsCodes) {
    const prefixes = filters.hsCodes.map(normaliseHsCode);
    const codes = prepared.hsCodes.filter((code) => prefixes.some((prefix) => hsCodesOverlap(code, prefix)));
    if (codes.length === 0) return undefined;
    explanation.hsCodes = codes;
  }

  if (filters.issuingRegions) {
    const result = overlap(prepared.issuing, catalogue.expandRegions(filters.issuingRegions));
    if (!result.matched) return undefined;
    explanation.issuingRegion = change.issuingRegion;
  }

  if (filters.originRegions) {
    const result = overlap(prepared.origin, catalogue.expandRegions(filters.originRegions));
    if (!result.matched) return undefined;
    explanation.originRegions = result.common;
  }

  if (filters.affectedRegions) {
    const result = overlap(prepared.affected, catalogue.expandRegions(filters.affectedRegions));
    if (!result.matched) return undefined;
    explanation.affectedRegions = result.common;
  }

  if (filters.entities) {
    const entities = matchWatchlist(prepared.entities, filters.entities);
    if (entities.length === 0) return undefined;
    explanation.entities = entities;
  }

  return explanation;
}

function regionsShareCountry(catalogue: Catalogue, a: string, b: string): boolean {
  return overlap(catalogue.expandRegions([a]), catalogue.expandRegions([b])).matched;
}

/** Destinations a subscription is indexed under one by one; more than this and it is indexed as "any". */
export const DESTINATION_INDEX_LIMIT = 10;

/** The partition of subscriptions that name no destination (or too many to index one by one). */
export const ANY_DESTINATION = 'ANY';

/** The partition of clauses that take party rules and name no material, HS code or entity. */
export const PARTY_SCOPE_PARTITION = 'SCOPE#parties';

/**
 * The inverted-index partitions a subscription is written under: those of each of its clauses.
 * Every clause is reachable from every change that can match it, through one family of partitions:
 * - with materials: one `MATERIAL#` partition per filter material, plus, unless it takes `*`, its
 *   destinations (`DEST#`), which is how a change on every item (`materials: ["*"]`) finds it;
 * - watchlist without materials: the `ENTITY#` blocks of each watched name (`watchedEntityBlocks`);
 * - HS codes only: one `HS#` partition per HS chapter of its prefixes;
 * - none of these (scopes `["parties"]` alone): `SCOPE#parties`, which every party rule reads.
 */
export function subscriptionPartitions(filters: SubscriptionFilters): string[] {
  const partitions = new Set<string>();
  for (const clause of filterClauses(filters)) {
    for (const partition of clausePartitions(clause)) partitions.add(partition);
  }
  return [...partitions];
}

function clausePartitions(filters: Filters): string[] {
  const partitions: string[] = [];
  if (filters.materials) {
    for (const material of filters.materials) partitions.push(`MATERIAL#${material}`);
    if (!filters.materials.includes('*')) {
      const destinations = filters.affectedRegions;
      if (!destinations || destinations.length > DESTINATION_INDEX_LIMIT || destinations.includes('*'))
        partitions.push(`DEST#${ANY_DESTINATION}`);
      else for (const code of destinations) partitions.push(`DEST#${code.toUpperCase()}`);
    }
  } else if (filters.entities) {
    for (const entity of filters.entities)
      for (const block of watchedEntityBlocks(entity)) partitions.push(`ENTITY#${block}`);
  } else if (filters.hsCodes) {
    for (const prefix of filters.hsCodes) partitions.push(`HS#${normaliseHsCode(prefix).slice(0, 2)}`);
  } else if (clauseScopes(filters).includes('parties')) partitions.push(PARTY_SCOPE_PARTITION);
  return partitions;
}

/**
 * The partitions a change must read to find every subscription it can match: its materials'
 * relatives and `*`; for a change on every item, the destinations it reaches; the blocks of the
 * entities it names and, for a party rule, `SCOPE#parties`; the HS chapters it covers. Cost follows the candidates, not the table.
 */
export function indexPartitions(prepared: PreparedChange, catalogue: Catalogue): string[] {
  const partitions = new Set<string>(['MATERIAL#*']);
  for (const material of prepared.related.keys()) partitions.add(`MATERIAL#${material}`);
  if (prepared.allMaterials) {
    for (const code of destinationPartitions(prepared.affected, catalogue)) partitions.add(`DEST#${code}`);
  }
  for (const block of prepared.entities.blocks) partitions.add(`ENTITY#${block}`);
  if (prepared.scope === 'parties') partitions.add(PARTY_SCOPE_PARTITION);
  for (const code of prepared.hsCodes) partitions.add(`HS#${code.slice(0, 2)}`);
  return [...partitions];
}

/** The destination codes under which subscriptions reached by these destinations are indexed. */
function destinationPartitions(affected: ReadonlySet<string> | '*', catalogue: Catalogue): string[] {
  const countries = affected === '*' ? new Set(catalogue.countries().map((c) => c.code)) : affected;
  const codes = new Set<string>([...countries, '*', ANY_DESTINATION]);
  for (const group of catalogue.regionGroups()) {
    if (group.members.some((member) => countries.has(member))) codes.add(group.id);
  }
  return [...codes];
}
