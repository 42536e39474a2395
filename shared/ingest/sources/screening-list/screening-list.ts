import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import * as z from 'zod';
import type { Candidate, ListedEntity } from '../candidate.js';
import { SourceFormatError } from '../federal-register/federal-register-document.js';

/** Columns of the Consolidated Screening List export the importer needs. */
export const REQUIRED_COLUMNS = ['_id', 'source', 'name', 'alt_names', 'addresses', 'start_date'] as const;

/** One listed party as the importer keeps it between imports. */
export const ScreeningEntrySchema = z.object({
  list: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  country: z.string().optional(),
  startDate: z.string().optional(),
  fingerprint: z.string(),
});
export type ScreeningEntry = z.infer<typeof ScreeningEntrySchema>;

/** What the previous import saw, by the list's own row id (`_id`), as written to the state file. */
export interface ScreeningState {
  version: 1;
  importedAt: string;
  entries: Record<string, ScreeningEntry>;
}

/**
 * Reads a state file's JSON; its entries come out as a Map by row id. They are taken from the
 * object as parsed, never copied key by key: a copy would turn a row id `__proto__` into a
 * prototype, and that party would be announced again on every import.
 */
export const ScreeningStateSchema = z.object({
  version: z.literal(1),
  importedAt: z.string(),
  entries: z
    .custom<object>((value) => typeof value === 'object' && value !== null && !Array.isArray(value))
    .transform((entries) => Object.entries(entries))
    .pipe(z.array(z.tuple([z.string(), ScreeningEntrySchema])))
    .transform((entries) => new Map(entries)),
});

/**
 * Parses the CSV export. Throws `SourceFormatError` naming missing columns or the first bad row;
 * nothing is returned for a file that is partly wrong.
 */
export function parseScreeningList(csv: string, where: string): Map<string, ScreeningEntry> {
  let rows: Record<string, string>[];
  try {
    rows = parse(csv, { columns: true, skip_empty_lines: true, bom: true, relax_column_count: false });
  } catch (error) {
    throw new SourceFormatError(
      `${where}: not a CSV file the importer can read: ${(error as Error).message}`,
    );
  }
  const header = rows[0] ? Object.keys(rows[0]) : firstLine(csv);
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw new SourceFormatError(
      `${where}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (a Consolidated Screening List export has ${REQUIRED_COLUMNS.join(', ')}, ...)`,
    );
  }
  if (rows.length === 0) throw new SourceFormatError(`${where}: the list has no rows`);
  const entries = new Map<string, ScreeningEntry>();
  for (const [index, row] of rows.entries()) {
    const id = row._id?.trim();
    const name = row.name?.trim();
    const list = row.source?.trim();
    if (!id || !name || !list) {
      throw new SourceFormatError(
        `${where}: row ${index + 2} has no ${!id ? '_id' : !name ? 'name' : 'source'}`,
      );
    }
    const aliases = splitList(row.alt_names);
    const country = countryOf(row);
    const startDate = /^\d{4}-\d{2}-\d{2}$/.test(row.start_date ?? '') ? row.start_date : undefined;
    entries.set(id, {
      list,
      name,
      aliases,
      ...(country ? { country } : {}),
      ...(startDate ? { startDate } : {}),
      fingerprint: digest([list, name, aliases.join(';'), country ?? ''].join('\n')),
    });
  }
  return entries;
}

export interface ScreeningDiff {
  added: [string, ScreeningEntry][];
  removed: [string, ScreeningEntry][];
  /** Same row id, other name, aliases, country or list. */
  changed: [string, { before: ScreeningEntry; after: ScreeningEntry }][];
  unchanged: number;
}

export function diffScreeningLists(
  previous: ReadonlyMap<string, ScreeningEntry>,
  current: ReadonlyMap<string, ScreeningEntry>,
): ScreeningDiff {
  const diff: ScreeningDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const [id, entry] of current) {
    const before = previous.get(id);
    if (!before) diff.added.push([id, entry]);
    else if (before.fingerprint !== entry.fingerprint) diff.changed.push([id, { before, after: entry }]);
    else diff.unchanged++;
  }
  for (const [id, entry] of previous) if (!current.has(id)) diff.removed.push([id, entry]);
  return diff;
}

/** Entities per change: keeps every request body well under the API's size limit. */
export const ENTITIES_PER_CHANGE = 100;

/**
 * Turns a diff into end-user-list changes, one per list, kind and date (additions on the date the
 * list gives, removals and renames on the import date), at most `ENTITIES_PER_CHANGE` entities each.
 * A renamed party is announced as listed under its new name with the old one among its aliases, so
 * a watchlist on either name hears of it. The sourceRef carries a digest of its entities: the same
 * diff imported twice is the same change.
 */
export function screeningListCandidates(diff: ScreeningDiff, importDate: string): Candidate[] {
  const groups = new Map<
    string,
    { list: string; kind: 'addition' | 'removal'; date: string; entities: ListedEntity[] }
  >();
  const add = (
    kind: 'addition' | 'removal',
    date: string,
    entry: ScreeningEntry,
    extraAliases: string[] = [],
  ) => {
    const key = `${entry.list}\n${kind}\n${date}`;
    const group = groups.get(key) ?? { list: entry.list, kind, date, entities: [] };
    groups.set(key, group);
    const aliases = [...new Set([...entry.aliases, ...extraAliases])].filter((alias) => alias !== entry.name);
    group.entities.push({
      name: entry.name,
      ...(aliases.length > 0 ? { aliases } : {}),
      ...(entry.country ? { country: entry.country } : {}),
      list: entry.list,
    });
  };
  for (const [, entry] of diff.added) add('addition', entry.startDate ?? importDate, entry);
  for (const [, entry] of diff.removed) add('removal', importDate, entry);
  for (const [, { before, after }] of diff.changed) {
    if (before.list !== after.list) {
      add('removal', importDate, before);
      add('addition', importDate, after);
    } else add('addition', importDate, after, before.name !== after.name ? [before.name] : []);
  }
  const candidates: Candidate[] = [];
  for (const group of [...groups.values()].sort((a, b) => (a.list + a.date < b.list + b.date ? -1 : 1))) {
    const entities = [...group.entities].sort((a, b) => a.name.localeCompare(b.name));
    for (let offset = 0; offset < entities.length; offset += ENTITIES_PER_CHANGE) {
      const chunk = entities.slice(offset, offset + ENTITIES_PER_CHANGE);
      candidates.push(listCandidate(group.list, group.kind, group.date, chunk));
    }
  }
  return candidates;
}

function listCandidate(
  list: string,
  kind: 'addition' | 'removal',
  date: string,
  entities: ListedEntity[],
): Candidate {
  const code = /\(([A-Z-]+)\)/.exec(list)?.[1] ?? list.slice(0, 20);
  const countries = [
    ...new Set(entities.flatMap((entity) => (entity.country ? [entity.country] : []))),
  ].sort();
  const severe = ['EL', 'SDN', 'DPL', 'MEU'].includes(code);
  const names = entities.map((entity) => entity.name);
  const title =
    `${list}: ${kind === 'addition' ? 'adds' : 'removes'} ${names.length === 1 ? names[0] : `${names.length} parties`}`.slice(
      0,
      500,
    );
  return {
    source: 'screening-list',
    sourceRef: `${code}/${kind}/${date}/${digest(names.join('\n')).slice(0, 12)}`,
    title,
    summary:
      `${kind === 'addition' ? 'Added to' : 'Removed from'} the ${list} (Consolidated Screening List): ${names.join('; ')}`.slice(
        0,
        5000,
      ),
    materials: [],
    hsCodes: [],
    changeType: kind === 'addition' ? 'end-user-list-addition' : 'end-user-list-removal',
    direction: kind === 'addition' ? 'tightening' : 'relaxation',
    issuingRegion: 'US',
    originRegions: ['US'],
    affectedRegions: countries.length > 0 ? countries : ['*'],
    itemTypes: ['goods', 'technology', 'software'],
    entities,
    severity: kind === 'removal' ? 'low' : severe ? 'high' : 'medium',
    ...(kind === 'addition' ? { effectiveAt: date } : {}),
    publishedAt: date,
    // The list is structured data: no guessing, nothing for a reviewer to add.
    confidence: 0.95,
    evidence: [{ field: 'entities', value: String(entities.length), rule: `screening list ${code} ${kind}` }],
  };
}

/** The state to keep after a successful import. */
export function screeningState(entries: ReadonlyMap<string, ScreeningEntry>, now: Date): ScreeningState {
  return { version: 1, importedAt: now.toISOString(), entries: Object.fromEntries(entries) };
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** The country of an address ("..., Xian, China, CN"), else a nationality or citizenship. */
function countryOf(row: Record<string, string>): string | undefined {
  const fromAddress = /,\s*([A-Z]{2})\s*$/.exec(row.addresses?.split(';')[0]?.trim() ?? '')?.[1];
  const bare = /^([A-Z]{2})$/.exec(row.addresses?.trim() ?? '')?.[1];
  const other = [row.nationalities, row.citizenships]
    .flatMap((value) => splitList(value))
    .find((value) => /^[A-Z]{2}$/.test(value));
  return fromAddress ?? bare ?? other;
}

function firstLine(csv: string): string[] {
  return (csv.split(/\r?\n/, 1)[0] ?? '').split(',').map((column) => column.replace(/^"|"$/g, '').trim());
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
