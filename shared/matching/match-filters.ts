import type { Catalogue } from '../catalogue/catalogue.js';
import type { MatchExplanation } from '../model/delivery.js';
import { type PolicyChange, severityRank } from '../model/policy-change.js';
import type { Filters } from '../model/subscription.js';

/** The parts of a change the filters look at. */
export type MatchableChange = Pick<
  PolicyChange,
  'materials' | 'hsCodes' | 'issuingRegion' | 'affectedRegions' | 'changeType' | 'severity'
>;

/**
 * A change prepared once for many filter evaluations: its materials with their relatives and its
 * regions expanded, so each filter costs a few set look-ups.
 */
export interface PreparedChange {
  change: MatchableChange;
  /** For each related material id (the change's own, ancestors, descendants): the change materials it relates to. */
  related: Map<string, string[]>;
  hsCodes: string[];
  issuing: ReadonlySet<string> | '*';
  affected: ReadonlySet<string> | '*';
  severity: number;
}

/** Expands a change's materials and regions through the catalogue. */
export function prepareChange(change: MatchableChange, catalogue: Catalogue): PreparedChange {
  const related = new Map<string, string[]>();
  const relate = (id: string, changeMaterial: string) => {
    const list = related.get(id);
    if (list) {
      if (!list.includes(changeMaterial)) list.push(changeMaterial);
    } else related.set(id, [changeMaterial]);
  };
  for (const material of change.materials) {
    relate(material, material);
    for (const id of catalogue.ancestors(material)) relate(id, material);
    for (const id of catalogue.descendants(material)) relate(id, material);
  }
  return {
    change,
    related,
    hsCodes: effectiveHsCodes(change, catalogue),
    issuing: catalogue.expandRegions([change.issuingRegion]),
    affected: catalogue.expandRegions(change.affectedRegions),
    severity: severityRank(change.severity),
  };
}

/**
 * The HS codes a change covers: its own, or, when it names none, the catalogue's codes for its
 * materials and their descendants (a rule on all rare earths covers every rare-earth heading).
 */
function effectiveHsCodes(change: MatchableChange, catalogue: Catalogue): string[] {
  if (change.hsCodes?.length) return change.hsCodes.map(normaliseHsCode);
  const codes = new Set<string>();
  for (const material of change.materials) {
    for (const id of [material, ...catalogue.descendants(material)]) {
      for (const code of catalogue.material(id)?.hsCodes ?? []) codes.add(normaliseHsCode(code));
    }
  }
  return [...codes];
}

/** The filter materials a change must look up in the inverted index: its relatives and `*`. */
export function indexPartitions(prepared: PreparedChange): string[] {
  return [...prepared.related.keys(), '*'];
}

export function normaliseHsCode(code: string): string {
  return code.replace(/[.\s]/g, '');
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
  if (filters.minSeverity && prepared.severity < severityRank(filters.minSeverity)) return undefined;
  if (filters.changeTypes && !filters.changeTypes.includes(change.changeType)) return undefined;

  const materials: MatchExplanation['materials'] = [];
  for (const filterMaterial of filters.materials) {
    if (filterMaterial === '*') {
      for (const material of change.materials) materials.push({ change: material, filter: '*' });
      continue;
    }
    for (const material of prepared.related.get(filterMaterial) ?? []) {
      materials.push({ change: material, filter: filterMaterial });
    }
  }
  if (materials.length === 0) return undefined;

  const explanation: MatchExplanation = { materials };

  if (filters.hsCodes) {
    const prefixes = filters.hsCodes.map(normaliseHsCode);
    const codes = prepared.hsCodes.filter((code) => prefixes.some((prefix) => code.startsWith(prefix)));
    if (codes.length === 0) return undefined;
    explanation.hsCodes = codes;
  }

  if (filters.issuingRegions) {
    const result = overlap(prepared.issuing, catalogue.expandRegions(filters.issuingRegions));
    if (!result.matched) return undefined;
    explanation.issuingRegion = change.issuingRegion;
  }

  if (filters.affectedRegions) {
    const result = overlap(prepared.affected, catalogue.expandRegions(filters.affectedRegions));
    if (!result.matched) return undefined;
    explanation.affectedRegions = result.common;
  }

  return explanation;
}
