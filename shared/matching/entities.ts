import { nameAsSeen } from '../model/entity-name.js';
import type { ListedEntity } from '../model/policy-change.js';
import type { WatchedEntity } from '../model/subscription.js';
import {
  comparedPart,
  ENTITY_MATCH_THRESHOLD,
  type ListedSpelling,
  ListedWords,
  listedSpelling,
  type Spelling,
  spellingSimilarity,
  watchedSpelling,
} from './name-similarity.js';
import { identifyingWords, wordRoles } from './name-words.js';
import { sameParty } from './same-party.js';

/**
 * A name reduced to what identifies the entity: read as seen (invisible characters removed,
 * look-alike letters of other scripts read as Latin), lower case, accents and punctuation removed,
 * legal-form words and connectors dropped, abbreviations written out (`identifyingWords`). `Huawei
 * Technologies Co., Ltd.`, `HUAWEI TECHNOLOGIES` and `Huаwei Technologies` (a Cyrillic `а`) all give
 * `huawei technologies`.
 */
export function normaliseEntityName(name: string): string {
  return identifyingName(nameAsSeen(name));
}

function identifyingName(name: string): string {
  const words = name
    .toLowerCase()
    // "S.A." and "Co.," become "sa" and "co": dots inside abbreviations join their letters.
    .replace(/\b(\p{L})\.(?=\p{L}\.)/gu, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word.length > 0);
  return identifyingWords(words).join(' ');
}

/**
 * A name prepared once for comparing: normalised and cut to its compared part (`comparedPart`), and, when it
 * spells letters apart ("Z T E"), also with those letters written together.
 */
export interface ComparableName<S extends Spelling = Spelling> {
  /** The name as given, which a match reports. */
  name: string;
  plain: S;
  joined?: S;
}

function comparableName<S extends Spelling>(
  name: string,
  spell: (text: string) => S,
  normalised = normaliseEntityName(name),
): ComparableName<S> {
  const plain = spell(comparedPart(normalised));
  const joined = comparedPart(joinSpacedLetters(normalised));
  return joined === plain.text ? { name, plain } : { name, plain, joined: spell(joined) };
}

/**
 * A listed name's spellings: the name, and when it gives a part in parentheses ("Academy of
 * Aerospace Solid Propulsion Technology (AASPT)"), the name without it and the part alone, which
 * lists use for abbreviations and short names. A part of generic words or places only ("(Group)")
 * is not a name of its own. Each reports the name as listed.
 */
function listedSpellings(name: string): ComparableName<ListedSpelling>[] {
  const spellings = [comparableName(name, listedSpelling)];
  if (!name.includes('(')) return spellings;
  const parts = [...name.matchAll(/\(([^()]*)\)/g)].map((part) => part[1] ?? '');
  const outside = name.replace(/\([^()]*\)/g, ' ');
  for (const part of [outside, ...parts]) {
    const normalised = normaliseEntityName(part);
    const words = normalised.split(' ');
    if (normalised.length > 0 && wordRoles(words).some((role) => role === 'distinctive' || role === 'body'))
      spellings.push(comparableName(name, listedSpelling, normalised));
  }
  return spellings;
}

/**
 * A name with runs of single letters or digits written together: `z t e` (from "Z T E") gives
 * `zte`. Lone letters are left alone.
 */
function joinSpacedLetters(normalised: string): string {
  return normalised.replace(/(?<=^|\s)[\p{L}\p{N}](?: [\p{L}\p{N}])+(?=\s|$)/gu, (run) =>
    run.replaceAll(' ', ''),
  );
}

/**
 * A watched name's score against a listed one, or, when either spells letters apart ("Z T E"), that
 * of the joined spellings if higher; 0 when the names, however alike, name different parties
 * (`sameParty`). Exact from the threshold up; below it, possibly lower.
 */
function nameScore(
  watched: ComparableName,
  listed: ComparableName<ListedSpelling>,
  listedWords: ListedWords,
): number {
  const wanted = ENTITY_MATCH_THRESHOLD;
  const plain = spellingSimilarity(watched.plain, listed.plain, listedWords, wanted);
  const joined =
    watched.joined || listed.joined
      ? spellingSimilarity(
          watched.joined ?? watched.plain,
          listed.joined ?? listed.plain,
          listedWords,
          wanted,
        )
      : 0;
  const score = Math.max(plain, joined);
  if (score < wanted) return score;
  const party =
    (plain >= wanted && sameParty(watched.plain.words, listed.plain.words)) ||
    (joined >= wanted &&
      sameParty((watched.joined ?? watched.plain).words, (listed.joined ?? listed.plain).words));
  return party ? score : 0;
}

export interface EntityMatch {
  watched: string;
  listed: string;
  score: number;
}

/** Watched names whose best match one listing remembers: enough for every name of a large fan-out. */
const REMEMBERED_NAMES = 10_000;

/**
 * A change's listed entities prepared once for every watchlist it is compared with: each name and
 * alias normalised, cut and decoded once, the index blocks they touch, and the best match of each
 * watched name already compared (many subscriptions watch the same names).
 */
export interface EntityListing {
  entities: { country?: string; names: ComparableName<ListedSpelling>[] }[];
  /** The index blocks of every word of every name and alias (see `listedEntityBlocks`). */
  blocks: string[];
  /** Every word of every spelling of every name and alias. */
  words: ListedWords;
  sameCountry: (watched: string, listed: string) => boolean;
  found: Map<string, Omit<EntityMatch, 'watched'> | null>;
}

/**
 * Prepares a change's listed entities; `sameCountry` says whether a watched and a listed country
 * agree (answers are remembered for the listing's life).
 */
export function prepareListing(
  listed: readonly ListedEntity[],
  sameCountry: (watched: string, listed: string) => boolean = (a, b) => a.toUpperCase() === b.toUpperCase(),
): EntityListing {
  const entities = listed.map((entity) => ({
    ...(entity.country ? { country: entity.country } : {}),
    names: [entity.name, ...(entity.aliases ?? [])].flatMap((name) => listedSpellings(name)),
  }));
  const words = entities.flatMap((entity) =>
    entity.names.flatMap((name) => [...name.plain.words, ...(name.joined?.words ?? [])]),
  );
  const blocks = new Set<string>();
  for (const word of words) if (word) blocks.add(entityBlock(word));
  // A short word and the next, written together: "Xi'an" is also looked up as `xian`, "Da-Jiang" as `daji`.
  for (const spelling of entities.flatMap((entity) =>
    entity.names.flatMap((name) => [name.plain, name.joined]),
  ))
    spelling?.words.forEach((word, i, all) => {
      const next = all[i + 1];
      if (word.length < 4 && next) blocks.add(entityBlock(`${word}${next}`));
    });
  const countries = new Map<string, boolean>();
  return {
    entities,
    blocks: [...blocks],
    words: new ListedWords(words),
    sameCountry: (watched, listedCountry) => {
      const key = `${watched}\n${listedCountry}`;
      const known = countries.get(key);
      if (known !== undefined) return known;
      const agrees = sameCountry(watched, listedCountry);
      countries.set(key, agrees);
      return agrees;
    },
    found: new Map(),
  };
}

/** The best listed name for one watched entity, remembered by the listing. */
function bestListed(listing: EntityListing, watched: WatchedEntity): Omit<EntityMatch, 'watched'> | null {
  const key = `${watched.country ?? ''}\n${watched.name}`;
  const known = listing.found.get(key);
  if (known !== undefined) return known;
  const name = comparableName(watched.name, watchedSpelling);
  let best: Omit<EntityMatch, 'watched'> | null = null;
  for (const entity of listing.entities) {
    if (watched.country && entity.country && !listing.sameCountry(watched.country, entity.country)) continue;
    for (const listed of entity.names) {
      const score = nameScore(name, listed, listing.words);
      if (score >= ENTITY_MATCH_THRESHOLD && (!best || score > best.score))
        best = { listed: listed.name, score: Math.round(score * 1000) / 1000 };
    }
  }
  if (listing.found.size < REMEMBERED_NAMES) listing.found.set(key, best);
  return best;
}

/**
 * The watched entities a change names: each watched name against every listed name and alias,
 * kept when the score reaches the threshold and the countries agree where both give one.
 */
export function matchWatchlist(listing: EntityListing, watchlist: readonly WatchedEntity[]): EntityMatch[] {
  const matches: EntityMatch[] = [];
  for (const watched of watchlist) {
    const best = bestListed(listing, watched);
    if (best) matches.push({ watched: watched.name, ...best });
  }
  return matches;
}

/** `matchWatchlist` over listed entities prepared for this one call. */
export function matchEntities(
  watchlist: readonly WatchedEntity[],
  listed: readonly ListedEntity[],
  sameCountry?: (watched: string, listed: string) => boolean,
): EntityMatch[] {
  return matchWatchlist(prepareListing(listed, sameCountry), watchlist);
}

/**
 * The most distinct blocks one change may touch: each is one index read for every match of the
 * change (a 100-entity screening-list chunk touches a few hundred). More is refused at ingest.
 */
export const ENTITY_BLOCK_LIMIT = 1_000;

/**
 * The index block of a name: the first four letters of a word. A watched name is indexed under its
 * first word's block; a change looks up the blocks of every word of every listed name and alias,
 * so a watch on `Huawei` is found from `Beijing Huawei Digital`.
 */
export function entityBlock(word: string): string {
  return word.slice(0, 4);
}

/** The block a watched entity is first indexed under: that of the first word of its name. */
export function watchedEntityBlock(entity: WatchedEntity): string {
  const first = normaliseEntityName(entity.name).split(' ')[0] ?? '';
  return entityBlock(first);
}

/**
 * The blocks a watched entity is indexed under, at most two, so that 25 watched names stay within a
 * subscription's 50 index entries: its first word's, and where a listed name that matches it may
 * not hold that word, one more: when it begins with a place or a generic word (which the listed
 * name may leave out: "Hangzhou Hikvision" is found from "Hikvision"), the block of its first
 * distinctive word; otherwise, when its first word is shorter than four letters, the block of it
 * written with the next ("L3 Harris" is found from "L3Harris", "Z T E" from "ZTE").
 */
export function watchedEntityBlocks(entity: WatchedEntity): string[] {
  const normalised = comparedPart(normaliseEntityName(entity.name));
  const words = normalised.split(' ');
  const start = words[0] ?? '';
  const roles = wordRoles(words);
  const distinctive = words.find((_, i) => roles[i] === 'distinctive');
  let more: string | undefined;
  if (roles[0] !== 'distinctive') more = distinctive;
  else if (start.length === 1) more = joinSpacedLetters(normalised).split(' ')[0];
  else if (start.length < 4 && words.length > 1) more = `${start}${words[1]}`;
  return [...new Set([entityBlock(start), ...(more ? [entityBlock(more)] : [])])];
}

/**
 * The blocks a change's listed entities touch: those of every compared word of every name and
 * alias, and of runs of spaced letters written together ("Z T E" is also looked up as `zte`).
 */
export function listedEntityBlocks(entities: readonly ListedEntity[]): string[] {
  return prepareListing(entities).blocks;
}
