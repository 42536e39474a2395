import { jaroWinkler } from '@skyra/jaro-winkler';
import { nameAsSeen } from '../model/entity-name.js';
import type { ListedEntity } from '../model/policy-change.js';
import type { WatchedEntity } from '../model/subscription.js';

/** The similarity at which a watched name and a listed name are taken to be the same entity. */
export const ENTITY_MATCH_THRESHOLD = 0.9;

/**
 * Words that say what legal form a company has, not who it is; dropped before comparing.
 * Multi-word forms are written with spaces between their parts after punctuation is removed.
 */
const LEGAL_FORMS = new Set([
  'co',
  'company',
  'corp',
  'corporation',
  'inc',
  'incorporated',
  'ltd',
  'limited',
  'llc',
  'llp',
  'lp',
  'plc',
  'gmbh',
  'ag',
  'kg',
  'sa',
  'sas',
  'sarl',
  'spa',
  'srl',
  'bv',
  'nv',
  'oy',
  'ab',
  'as',
  'kk',
  'jsc',
  'pjsc',
  'ojsc',
  'ooo',
  'zao',
  'pte',
  'pvt',
  'pty',
  'bhd',
  'sdn',
  'the',
]);

/**
 * A name reduced to what identifies the entity: read as seen (invisible characters removed,
 * look-alike letters of other scripts read as Latin), lower case, accents and punctuation removed,
 * legal-form words dropped. `Huawei Technologies Co., Ltd.`, `HUAWEI TECHNOLOGIES` and `Huаwei
 * Technologies` (a Cyrillic `а`) all give `huawei technologies`.
 */
export function normaliseEntityName(name: string): string {
  return identifyingWords(nameAsSeen(name));
}

function identifyingWords(name: string): string {
  const words = name
    .toLowerCase()
    // "S.A." and "Co.," become "sa" and "co": dots inside abbreviations join their letters.
    .replace(/\b(\p{L})\.(?=\p{L}\.)/gu, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word.length > 0);
  const kept = words.filter((word) => !LEGAL_FORMS.has(word));
  // A name made only of legal-form words ("The Company") is kept as written.
  return (kept.length > 0 ? kept : words).join(' ');
}

/**
 * How alike two normalised names are, from 0 to 1: Jaro-Winkler on the whole names, or, when
 * every word of the watched name is found among the listed name's words, how well they match
 * (so `huawei` finds `huawei technologies`).
 */
export function entitySimilarity(watched: string, listed: string): number {
  if (watched.length === 0 || listed.length === 0) return 0;
  if (watched === listed) return 1;
  const whole = jaroWinkler(watched, listed);
  const listedWords = listed.split(' ');
  let total = 0;
  for (const word of watched.split(' ')) {
    let best = 0;
    for (const candidate of listedWords)
      best = Math.max(best, word === candidate ? 1 : jaroWinkler(word, candidate));
    if (best < ENTITY_MATCH_THRESHOLD) return whole;
    total += best;
  }
  return Math.max(whole, total / watched.split(' ').length);
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

/** `entitySimilarity`, or, when either name spells letters apart ("Z T E"), that of the joined names if higher. */
function spacedLetterSimilarity(watched: string, listed: string): number {
  const score = entitySimilarity(watched, listed);
  const [joinedWatched, joinedListed] = [joinSpacedLetters(watched), joinSpacedLetters(listed)];
  if (joinedWatched === watched && joinedListed === listed) return score;
  return Math.max(score, entitySimilarity(joinedWatched, joinedListed));
}

export interface EntityMatch {
  watched: string;
  listed: string;
  score: number;
}

/**
 * The watched entities a change names: each watched name against every listed name and alias,
 * kept when the score reaches the threshold and the countries agree where both give one.
 */
export function matchEntities(
  watchlist: readonly WatchedEntity[],
  listed: readonly ListedEntity[],
  sameCountry: (watched: string, listed: string) => boolean = (a, b) => a.toUpperCase() === b.toUpperCase(),
): EntityMatch[] {
  const matches: EntityMatch[] = [];
  for (const watched of watchlist) {
    const watchedName = normaliseEntityName(watched.name);
    let best: EntityMatch | undefined;
    for (const entity of listed) {
      if (watched.country && entity.country && !sameCountry(watched.country, entity.country)) continue;
      for (const name of [entity.name, ...(entity.aliases ?? [])]) {
        const score = spacedLetterSimilarity(watchedName, normaliseEntityName(name));
        if (score >= ENTITY_MATCH_THRESHOLD && (!best || score > best.score))
          best = { watched: watched.name, listed: name, score: Math.round(score * 1000) / 1000 };
      }
    }
    if (best) matches.push(best);
  }
  return matches;
}

/**
 * The index block of a name: the first four letters of a word. A watched name is indexed under its
 * first word's block; a change looks up the blocks of every word of every listed name and alias,
 * so a watch on `Huawei` is found from `Beijing Huawei Digital`.
 */
export function entityBlock(word: string): string {
  return word.slice(0, 4);
}

/** The block a watched entity is indexed under. */
export function watchedEntityBlock(entity: WatchedEntity): string {
  const first = normaliseEntityName(entity.name).split(' ')[0] ?? '';
  return entityBlock(first);
}

/**
 * The blocks a change's listed entities touch: those of every word of every name and alias, and of
 * runs of spaced letters written together ("Z T E" is also looked up as `zte`).
 */
export function listedEntityBlocks(entities: readonly ListedEntity[]): string[] {
  const blocks = new Set<string>();
  for (const entity of entities) {
    for (const name of [entity.name, ...(entity.aliases ?? [])]) {
      const normalised = normaliseEntityName(name);
      for (const spelling of new Set([normalised, joinSpacedLetters(normalised)]))
        for (const word of spelling.split(' ')) if (word) blocks.add(entityBlock(word));
    }
  }
  return [...blocks];
}
