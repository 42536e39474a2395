import { ValidationError } from '../kernel/errors.js';
import { matchFilters, prepareChange } from '../matching/match-filters.js';
import type { Catalogue } from '../model/catalogue.js';
import { SCOPES } from '../model/filter-clauses.js';
import { statusAtInstant } from '../model/lifecycle.js';
import type { ChangeType, PolicyChange, Status, StatusPeriod } from '../model/policy-change.js';
import type { Filters } from '../model/subscription.js';
import type { ChangeHead, PolicyChangeStore } from '../store/policy-change-store.js';
import { type PartyScreening, screenParties } from './party-screening.js';

/** A change as the history lists it: the latest revision and its lifecycle. */
export type HistoryItem = Omit<PolicyChange, 'matching'> & { status: Status; statusHistory: StatusPeriod[] };

export interface HistoryQuery {
  material?: string;
  issuingRegion?: string;
  originRegion?: string;
  affectedRegion?: string;
  changeType?: ChangeType;
  status?: Status;
  since?: string;
  until?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

export function historyItem(head: ChangeHead): HistoryItem {
  return { ...head.change, status: head.status, statusHistory: head.statusHistory };
}

/** A material as a caller wrote it, as an id; a 422 naming `field` when the catalogue does not know it. */
function materialId(catalogue: Catalogue, text: string, field: string): string {
  const id = catalogue.resolveMaterial(text);
  if (!id) {
    throw new ValidationError('the query names things the catalogue does not know', [
      { field, message: 'unknown material (see GET /v1/materials)', values: [text] },
    ]);
  }
  return id;
}

function regionCode(catalogue: Catalogue, code: string, field: string): string {
  if (!catalogue.isRegion(code)) {
    throw new ValidationError('the query names things the catalogue does not know', [
      { field, message: 'unknown region code (see GET /v1/regions)', values: [code] },
    ]);
  }
  return catalogue.normaliseRegion(code);
}

/**
 * The lane filters as a subscription would write them, so history and regime match as alerts do;
 * every kind of change (lane, all-items and party rules) is listed.
 */
function laneFilters(
  catalogue: Catalogue,
  lane: { material?: string; issuingRegion?: string; originRegion?: string; affectedRegion?: string },
  fields: { material: string; origin: string; destination: string },
): Filters | undefined {
  const filters: Filters = {
    materials: lane.material ? [materialId(catalogue, lane.material, fields.material)] : ['*'],
    ...(lane.issuingRegion
      ? { issuingRegions: [regionCode(catalogue, lane.issuingRegion, 'issuingRegion')] }
      : {}),
    ...(lane.originRegion
      ? { originRegions: [regionCode(catalogue, lane.originRegion, fields.origin)] }
      : {}),
    ...(lane.affectedRegion
      ? { affectedRegions: [regionCode(catalogue, lane.affectedRegion, fields.destination)] }
      : {}),
    scopes: [...SCOPES],
  };
  return filters;
}

/**
 * The history of policy changes, newest first, filtered as a subscription would be (materials up
 * and down the taxonomy, regions through their groups), by status, type, date and text.
 */
export async function listHistory(
  store: PolicyChangeStore,
  catalogue: Catalogue,
  query: HistoryQuery,
): Promise<{ items: HistoryItem[]; nextCursor?: string }> {
  const filters = laneFilters(catalogue, query, {
    material: 'material',
    origin: 'originRegion',
    destination: 'affectedRegion',
  });
  const text = query.q?.toLowerCase();
  const page = await store.history({
    limit: query.limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
    ...(query.since ? { since: query.since } : {}),
    ...(query.until ? { until: query.until } : {}),
    accept: (head) => {
      if (query.status && head.status !== query.status) return false;
      if (query.changeType && head.change.changeType !== query.changeType) return false;
      if (text) {
        const haystack =
          `${head.change.title}\n${head.change.summary ?? ''}\n${head.change.sourceRef}`.toLowerCase();
        if (!haystack.includes(text)) return false;
      }
      return (
        !filters || matchFilters(prepareChange(head.change, catalogue), filters, catalogue) !== undefined
      );
    },
  });
  return { items: page.items.map(historyItem), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

export interface RegimeItem {
  policyChange: HistoryItem;
  status: Status;
  /** When the status at `at` began, and when it ends if that is known. */
  since: string;
  until?: string;
}

/** How many changes the regime reads at most: the whole history of a service of this kind. */
const REGIME_MAX_READ = 10_000;

/** The regime on a lane: lane and all-items rules in force, those suspended, party rules apart. */
export interface Regime {
  at: string;
  items: RegimeItem[];
  suspended: RegimeItem[];
  /** Rules naming parties (entities) on the lane, in force or suspended then (`status` says which). */
  partyRules: RegimeItem[];
  /** With `parties`: each named party against the party rules' listed names. */
  screening?: PartyScreening[];
}

/**
 * The regime on a lane at an instant: the lane and all-items rules in force then for a material
 * shipped from an origin to a destination, matched with the subscription rules; apart, those
 * suspended then (they come back when their suspension ends), and the party rules (a rule naming
 * no material bites every item to its parties, so it is on every lane its regions cover). With
 * `parties`, each is screened against the listed names of those party rules.
 */
export async function regimeAt(
  store: PolicyChangeStore,
  catalogue: Catalogue,
  query: { material: string; origin?: string; destination?: string; at: Date; parties?: readonly string[] },
): Promise<Regime> {
  const filters = laneFilters(
    catalogue,
    {
      material: query.material,
      ...(query.origin ? { originRegion: query.origin } : {}),
      ...(query.destination ? { affectedRegion: query.destination } : {}),
    },
    { material: 'material', origin: 'origin', destination: 'destination' },
  );
  const at = query.at.getTime();
  const items: RegimeItem[] = [];
  const suspended: RegimeItem[] = [];
  const partyRules: RegimeItem[] = [];
  const lane = filters ?? { materials: ['*'] };
  const onLane = (change: PolicyChange) => {
    const prepared = prepareChange(change, catalogue);
    if (matchFilters(prepared, lane, catalogue)) return true;
    return (
      prepared.scope === 'parties' &&
      change.materials.length === 0 &&
      matchFilters(prepared, { ...lane, materials: ['*'] }, catalogue) !== undefined
    );
  };
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await store.history({
      limit: 100,
      ...(cursor ? { cursor } : {}),
      accept: (head) => onLane(head.change),
      maxRead: 500,
    });
    read += 500;
    for (const head of page.items) {
      const period = statusAtInstant(head.timeline, at);
      if (!period || (period.status !== 'in-force' && period.status !== 'suspended')) continue;
      const item: RegimeItem = {
        policyChange: historyItem(head),
        status: period.status,
        since: new Date(period.from).toISOString(),
        ...(period.until !== undefined ? { until: new Date(period.until).toISOString() } : {}),
      };
      if (head.change.entities?.length) partyRules.push(item);
      else (period.status === 'in-force' ? items : suspended).push(item);
    }
    cursor = page.nextCursor;
  } while (cursor && read < REGIME_MAX_READ);
  return {
    at: query.at.toISOString(),
    items,
    suspended,
    partyRules,
    ...(query.parties?.length ? { screening: screenParties(partyRules, query.parties, catalogue) } : {}),
  };
}
