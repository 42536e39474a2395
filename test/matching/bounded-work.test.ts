import { jaroWinkler } from '@skyra/jaro-winkler';
import { beforeAll, describe, expect, it } from 'vitest';
import { benchSubscription, bulkLoad } from '../../bench/subscription-data.js';
import { seededRandom } from '../../bench/support.js';
import { beijingEntities, entityListChange, worstCaseWatchlists } from '../../bench/watchlist-data.js';
import { ingestPolicyChange } from '../../shared/ingest/ingest.js';
import {
  type ScreeningEntry,
  screeningListCandidates,
} from '../../shared/ingest/sources/screening-list/screening-list.js';
import { ValidationError } from '../../shared/kernel/errors.js';
import {
  ENTITY_BLOCK_LIMIT,
  listedEntityBlocks,
  matchEntities,
  normaliseEntityName,
} from '../../shared/matching/entities.js';
import { subscriptionPartitions } from '../../shared/matching/match-filters.js';
import { matchPolicyChange } from '../../shared/matching/matcher.js';
import {
  COMPARED_CHARACTERS,
  comparedPart,
  entitySimilarity,
} from '../../shared/matching/name-similarity.js';
import { isOptionalRole, wordRoles } from '../../shared/matching/name-words.js';
import { sameParty } from '../../shared/matching/same-party.js';
import { defaultCatalogue } from '../../shared/model/catalogue.js';
import {
  CHANGE_LIMITS,
  entityNameCharacters,
  type ListedEntity,
  PolicyChangeInputSchema,
} from '../../shared/model/policy-change.js';
import type { WatchedEntity } from '../../shared/model/subscription.js';
import { documentClient } from '../../shared/store/table.js';
import { matcherDeps } from '../../shared/wiring/services.js';
import { policyChangeInputFixture, T0 } from '../store/fixtures.js';
import { createTestTable, type TestTable } from '../support/dynamodb.js';
import { RecordingNotifier, RecordingQueue } from '../support/recording.js';

/**
 * The comparison without bounds on its work (whole names, Jaro-Winkler from the library, every
 * pair normalised and compared, every word with every word), kept here as the oracle the bounded
 * one must agree with on realistic names: a watched word is found as itself, within the threshold,
 * or as neighbouring words written together on either side; watched generic words and places may
 * be missing when every listed word is found among the watched ones.
 */
function unboundedSimilarity(watched: string, listed: string): number {
  if (watched.length === 0 || listed.length === 0) return 0;
  if (watched === listed) return 1;
  const whole = jaroWinkler(watched, listed);
  const watchedWords = watched.split(' ');
  const listedWords = listed.split(' ');
  const joins = (words: string[]) =>
    words.flatMap((_, i) => [words.slice(i, i + 2), words.slice(i, i + 3)].filter((run) => run.length > 1));
  /** `word`'s best score among `words` (JW taken with the watched word first), 0 below the threshold. */
  const best = (word: string, words: string[], watchedFirst: boolean) => {
    if (joins(words).some((run) => run.join('') === word)) return 1;
    let score = 0;
    for (const other of words)
      score = Math.max(
        score,
        word === other ? 1 : watchedFirst ? jaroWinkler(word, other) : jaroWinkler(other, word),
      );
    return score >= 0.9 ? score : 0;
  };
  const optional = wordRoles(watchedWords).map(isOptionalRole);
  let total = 0;
  let left = false;
  for (let i = 0; i < watchedWords.length; i++) {
    const score = best(watchedWords[i] ?? '', listedWords, true);
    const joined = [3, 2].find(
      (n) => i + n <= watchedWords.length && listedWords.includes(watchedWords.slice(i, i + n).join('')),
    );
    if (score > 0) total += score;
    else if (joined) {
      total += joined;
      i += joined - 1;
    } else if (optional[i]) left = true;
    else return whole;
  }
  if (!left) return Math.max(whole, total / watchedWords.length);
  let inside = 0;
  for (const word of listedWords) {
    const score = best(word, watchedWords, false);
    if (score === 0) return whole;
    inside += score;
  }
  return Math.max(whole, inside / listedWords.length);
}

const joined = (name: string) =>
  name.replace(/(?<=^|\s)[\p{L}\p{N}](?: [\p{L}\p{N}])+(?=\s|$)/gu, (run) => run.replaceAll(' ', ''));

function unboundedMatches(watchlist: readonly WatchedEntity[], listed: readonly ListedEntity[]) {
  return watchlist.flatMap((watched) => {
    const watchedName = normaliseEntityName(watched.name);
    let best: { watched: string; listed: string; score: number } | undefined;
    for (const entity of listed) {
      if (watched.country && entity.country && watched.country !== entity.country) continue;
      for (const name of [entity.name, ...(entity.aliases ?? [])]) {
        const listedName = normaliseEntityName(name);
        const plain = unboundedSimilarity(watchedName, listedName);
        const spaced = joined(watchedName) !== watchedName || joined(listedName) !== listedName;
        const together = spaced ? unboundedSimilarity(joined(watchedName), joined(listedName)) : 0;
        const party =
          (plain >= 0.9 && sameParty(watchedName.split(' '), listedName.split(' '))) ||
          (together >= 0.9 && sameParty(joined(watchedName).split(' '), joined(listedName).split(' ')));
        const score = Math.max(plain, together);
        if (score >= 0.9 && party && (!best || score > best.score))
          best = { watched: watched.name, listed: name, score: Math.round(score * 1000) / 1000 };
      }
    }
    return best ? [best] : [];
  });
}

const LISTED: ListedEntity[] = [
  { name: 'Huawei Technologies Co., Ltd.', aliases: ['Huawei', 'HUAWEI TECHNOLOGIES'], country: 'CN' },
  { name: 'Beijing Huawei Digital Technologies Co., Ltd.', country: 'CN' },
  { name: 'Z T E Corporation', aliases: ['ZTE Kangxun Telecom'], country: 'CN' },
  { name: 'Semiconductor Manufacturing International Corporation', aliases: ['SMIC'], country: 'CN' },
  { name: 'Hikvision Digital Technology', aliases: ['Hangzhou Hikvision'], country: 'CN' },
  { name: 'Dahua Technology', country: 'CN' },
  { name: 'Skydio, Inc.', aliases: ['Skydio Drones'], country: 'US' },
  { name: 'Lockheed Martin Corporation', country: 'US' },
  { name: 'Raytheon Missiles & Defense', aliases: ['Raytheon'], country: 'US' },
  { name: 'L3Harris Technologies', aliases: ['L3 Harris Technologies'], country: 'US' },
  { name: 'Harbin Institute of Technology', country: 'CN' },
  { name: 'Beijing Institute of Aeronautical Materials', aliases: ['BIAM'], country: 'CN' },
  { name: 'China Electronics Technology Group Corporation 14th Research Institute', country: 'CN' },
  { name: 'Sinobright Import and Export Company', country: 'CN' },
  { name: 'Atlas Sanatgaran', country: 'AM' },
  { name: 'Société Générale de Minerais', country: 'FR' },
  { name: 'Ilmenite 1 Mining', country: 'AU' },
  { name: 'S.A. Minera del Norte', country: 'CL' },
  { name: 'J P Morgan Chase', country: 'US' },
  { name: 'Intelligent Epitaxy Technology', country: 'US' },
  { name: 'Academy of Military Medical Sciences Institute of Radiation Medicine', country: 'CN' },
  { name: 'Joint Stock Company Scientific Production Association of Measuring Equipment', country: 'RU' },
  { name: '稀土集团', aliases: ['China Rare Earth Group'], country: 'CN' },
  { name: 'Huаwei Cloud' },
];

/** Ways a watched name differs from a listed one: case, legal forms, typos, dropped words. */
function variants(name: string, random: () => number): string[] {
  const letters = [...name];
  const swap = (i: number) => {
    const copy = [...letters];
    [copy[i], copy[i + 1]] = [copy[i + 1] ?? '', copy[i] ?? ''];
    return copy.join('');
  };
  const at = () => 1 + Math.floor(random() * Math.max(1, letters.length - 2));
  const drop = at();
  return [
    name,
    name.toUpperCase(),
    `${name} Ltd`,
    swap(at()),
    [...letters.slice(0, drop), ...letters.slice(drop + 1)].join(''),
    name.split(' ').slice(0, 1).join(' '),
    name.split(' ').slice(0, 2).join(' '),
    name.split(' ').reverse().join(' '),
  ];
}

function watchedCorpus(): WatchedEntity[] {
  const random = seededRandom(3);
  const names = LISTED.flatMap((entity) => [entity.name, ...(entity.aliases ?? [])]);
  return names.flatMap((name, i) =>
    variants(name, random)
      .filter((variant) => normaliseEntityName(variant).length >= 2)
      .map((variant, j) => ({
        name: variant,
        ...((i + j) % 3 === 0 ? { country: LISTED[i % LISTED.length]?.country ?? 'CN' } : {}),
      })),
  );
}

describe('entity matching with bounded work', () => {
  it('finds exactly what whole-name comparison found, realistic name by name, with the same scores', () => {
    const watched = watchedCorpus();
    expect(watched.length).toBeGreaterThan(200);
    expect(matchEntities(watched, LISTED)).toEqual(unboundedMatches(watched, LISTED));
    for (const entity of LISTED)
      expect(matchEntities(watched, [entity])).toEqual(unboundedMatches(watched, [entity]));
  });

  it('scores any two normalised names exactly as before', () => {
    const names = [
      ...LISTED.flatMap((e) => [e.name, ...(e.aliases ?? [])]),
      ...watchedCorpus().map((w) => w.name),
    ].map(normaliseEntityName);
    const differing: string[] = [];
    for (const a of names.slice(0, 120))
      for (const b of names)
        if (entitySimilarity(a, b) !== unboundedSimilarity(a, b)) differing.push(`${a} / ${b}`);
    expect(differing).toEqual([]);
  });

  it(`compares the first ${COMPARED_CHARACTERS} characters of a name, cut before a word that would cross the limit`, () => {
    const long = `beijing ${'aeronautical materials research '.repeat(10)}`.trim();
    const part = comparedPart(long);
    expect(part.length).toBeLessThanOrEqual(COMPARED_CHARACTERS);
    expect(long.startsWith(part)).toBe(true);
    expect(long.charAt(part.length)).toBe(' ');
    expect(comparedPart('x'.repeat(300))).toHaveLength(COMPARED_CHARACTERS);
    expect(comparedPart('huawei technologies')).toBe('huawei technologies');
  });

  it('a 300-character name matches itself and a name that differs only past the compared part', () => {
    const name = `Beijing ${'Aeronautical Materials Research '.repeat(9)}`.slice(0, 300).trim();
    const [self] = matchEntities([{ name }], [{ name }]);
    expect(self?.score).toBe(1);
    const [cut] = matchEntities([{ name }], [{ name: `${name.slice(0, 200)} Other Ending` }]);
    expect(cut?.score).toBe(1);
  });

  it('indexes only the words it compares', () => {
    const name = `Beijing ${'Aeronautical Materials Research '.repeat(9)}Zeppelin`;
    expect(listedEntityBlocks([{ name }])).not.toContain('zepp');
    expect(listedEntityBlocks([{ name: 'Beijing Zeppelin' }])).toContain('zepp');
  });
});

/** `count` distinct four-letter words: aaaa, aaab, … */
function distinctWords(count: number): string[] {
  return Array.from({ length: count }, (_, n) => {
    let word = '';
    for (let k = 0, rest = n; k < 4; k++, rest = Math.floor(rest / 26))
      word = String.fromCharCode(97 + (rest % 26)) + word;
    return word;
  });
}

/** Entities of ten words each, touching `blocks` distinct blocks in all. */
function entitiesTouching(blocks: number): ListedEntity[] {
  const words = distinctWords(blocks);
  const entities: ListedEntity[] = [];
  for (let i = 0; i < words.length; i += 10) entities.push({ name: words.slice(i, i + 10).join(' ') });
  return entities;
}

describe('limits on what one change lists', () => {
  it(`refuses names and aliases over ${CHANGE_LIMITS.entityNameCharacters} characters in all, naming entities`, () => {
    const name = (n: number) => `Beijing ${String(n).padStart(4, '0')} ${'x'.repeat(287)}`;
    const entities = Array.from({ length: 110 }, (_, n) => ({ name: name(n) }));
    expect(entityNameCharacters(entities)).toBeGreaterThan(CHANGE_LIMITS.entityNameCharacters);
    const parsed = PolicyChangeInputSchema.safeParse(policyChangeInputFixture({ materials: [], entities }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['entities']);
    const fits = PolicyChangeInputSchema.safeParse(
      policyChangeInputFixture({ materials: [], entities: entities.slice(0, 100) }),
    );
    expect(fits.success).toBe(true);
  });

  it('an ordinary 100-entity list change fits both limits', () => {
    const entities = beijingEntities(100);
    expect(entityNameCharacters(entities)).toBeLessThan(CHANGE_LIMITS.entityNameCharacters);
    expect(listedEntityBlocks(entities).length).toBeLessThan(ENTITY_BLOCK_LIMIT);
  });

  it('the screening-list importer splits a list so that every change stays within both limits', () => {
    const long = (n: number) => ({
      list: 'Entity List (EL) - Bureau of Industry and Security',
      name: `Beijing ${String(n).padStart(3, '0')} ${'Aeronautical Research '.repeat(12)}`.trim(),
      aliases: [`Alias ${n} ${'Materials Institute '.repeat(10)}`.trim()],
      startDate: '2025-01-02',
      fingerprint: `f${n}`,
    });
    const wide = (n: number) => ({
      list: 'Entity List (EL) - Bureau of Industry and Security',
      name: distinctWords(ENTITY_BLOCK_LIMIT * 2)
        .slice(n * 20, n * 20 + 20)
        .join(' '),
      aliases: [],
      startDate: '2025-01-03',
      fingerprint: `w${n}`,
    });
    const added = [
      ...Array.from({ length: 100 }, (_, n): [string, ScreeningEntry] => [`a${n}`, long(n)]),
      ...Array.from({ length: 90 }, (_, n): [string, ScreeningEntry] => [`w${n}`, wide(n)]),
    ];
    const candidates = screeningListCandidates(
      { added: [...added], removed: [], changed: [], unchanged: 0 },
      '2025-01-03',
    );
    expect(candidates.length).toBeGreaterThan(2);
    expect(candidates.reduce((sum, c) => sum + c.entities.length, 0)).toBe(190);
    for (const candidate of candidates) {
      expect(candidate.entities.length).toBeLessThanOrEqual(100);
      expect(entityNameCharacters(candidate.entities)).toBeLessThanOrEqual(
        CHANGE_LIMITS.entityNameCharacters,
      );
      expect(listedEntityBlocks(candidate.entities).length).toBeLessThanOrEqual(ENTITY_BLOCK_LIMIT);
    }
  });
});

describe('index reads per change, counted on DynamoDB Local', () => {
  let table: TestTable;
  let queries = 0;

  beforeAll(async () => {
    table = await createTestTable({ clock: () => T0 });
    // Every Query the table's client sends, whatever sends it.
    table.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'QueryCommand') queries += 1;
        return next(args);
      },
      { step: 'initialize', name: 'countQueries' },
    );
    const subscriptions = worstCaseWatchlists(100).map((filters, n) => ({
      ...benchSubscription(n, filters),
      subscriberId: 'sbr_watchlists',
    }));
    await bulkLoad({ doc: documentClient(table.client), tableName: table.tableName }, subscriptions);
  });

  const deps = () =>
    matcherDeps({
      ...table,
      queue: new RecordingQueue(),
      notifier: new RecordingNotifier(),
      sender: { send: async () => ({ statusCode: 200, durationMs: 0 }) },
      clock: () => T0,
    });
  const ingest = (entities: ListedEntity[], sourceRef: string) =>
    ingestPolicyChange(
      { changes: table.changes, catalogue: defaultCatalogue, clock: () => T0 },
      entityListChange(sourceRef, entities),
    );
  const countedMatch = async (policyChangeId: string) => {
    const before = queries;
    const report = await matchPolicyChange(deps(), { policyChangeId, revision: 1 });
    return { report, queries: queries - before };
  };

  it('the worst watchlists against an ordinary 100-entity change: one read per block the change touches', async () => {
    const entities = beijingEntities(100);
    const { change } = await ingest(entities, 'hundred');
    const { report, queries: sent } = await countedMatch(change.id);
    expect(report).toMatchObject({ candidates: 100, itemsRead: 100, matched: 0 });
    // MATERIAL#*, SCOPE#parties (a change naming entities is a party rule) and one ENTITY#
    // partition per distinct block, each read once.
    expect(sent).toBe(2 + listedEntityBlocks(entities).length);
    expect(sent).toBeLessThan(60);
  });

  it(`a change at the limit of ${ENTITY_BLOCK_LIMIT} blocks costs ${ENTITY_BLOCK_LIMIT + 2} reads; one more block is refused before anything is stored`, async () => {
    const { change } = await ingest(entitiesTouching(ENTITY_BLOCK_LIMIT), 'at-the-limit');
    const { report, queries: sent } = await countedMatch(change.id);
    // The blocks, MATERIAL#* and SCOPE#parties.
    expect(sent).toBe(ENTITY_BLOCK_LIMIT + 2);
    // The watchlists' names begin with a place, so each is also indexed under its first made-up word;
    // the subscriptions with such a word in one of the change's blocks are read, no others.
    const read = new Set(listedEntityBlocks(entitiesTouching(ENTITY_BLOCK_LIMIT)).map((b) => `ENTITY#${b}`));
    const reached = worstCaseWatchlists(100).filter((filters) =>
      subscriptionPartitions(filters).some((partition) => read.has(partition)),
    );
    expect(report.candidates).toBe(reached.length);
    expect(report.matched).toBe(0);

    const refused = await ingest(entitiesTouching(ENTITY_BLOCK_LIMIT + 1), 'over-the-limit').catch((e) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused.errors.map((issue: { field: string }) => issue.field)).toEqual(['entities']);
    expect(await table.changes.idOf('bench', 'over-the-limit')).toBeUndefined();
  });
});
