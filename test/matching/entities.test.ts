import { jaroWinkler } from '@skyra/jaro-winkler';
import { describe, expect, it } from 'vitest';
import {
  ENTITY_MATCH_THRESHOLD,
  entityBlock,
  entitySimilarity,
  listedEntityBlocks,
  matchEntities,
  normaliseEntityName,
  watchedEntityBlock,
} from '../../shared/matching/entities.js';

describe('normaliseEntityName drops the legal form, whatever its spelling', () => {
  it.each([
    'Co.',
    'Company',
    'Corp.',
    'Corporation',
    'Inc.',
    'Incorporated',
    'Ltd',
    'Limited',
    'LLC',
    'LLP',
    'LP',
    'PLC',
    'GmbH',
    'AG',
    'KG',
    'S.A.',
    'SAS',
    'SARL',
    'S.p.A.',
    'S.r.l.',
    'B.V.',
    'N.V.',
    'Oy',
    'AB',
    'AS',
    'K.K.',
    'JSC',
    'PJSC',
    'OJSC',
    'OOO',
    'ZAO',
    'Pte',
    'Pvt',
    'Pty',
    'Bhd',
    'Sdn',
  ])('Acme %s -> acme', (form) => {
    expect(normaliseEntityName(`Acme ${form}`)).toBe('acme');
  });

  it('drops a leading "The" as well', () => {
    expect(normaliseEntityName('The Acme Company')).toBe('acme');
  });
});

describe('normaliseEntityName: case, accents and punctuation', () => {
  it.each([
    ['Huawei Technologies Co., Ltd.', 'huawei technologies'],
    ['HUAWEI TECHNOLOGIES', 'huawei technologies'],
    ['Société Générale S.A.', 'societe generale'],
    ['U.S. Steel', 'us steel'],
    ['Acme–Metals (Shenzhen)', 'acme metals shenzhen'],
    ['  Rosneft   Trade  ', 'rosneft trade'],
    ['3M Company', '3m'],
    ['Pte. Ltd. Sdn. Bhd. K.K.', 'pte ltd sdn bhd kk'],
    ['The Company', 'the company'],
    ['...', ''],
  ])('%j -> %j', (name, normalised) => {
    expect(normaliseEntityName(name)).toBe(normalised);
  });
});

describe('entitySimilarity of two normalised names', () => {
  it.each<[string, string, string, number]>([
    ['the same name', 'acme metals', 'acme metals', 1],
    ['a watched name found word for word in a longer listed name', 'huawei', 'huawei technologies', 1],
    ['a watched word that is not the listed name’s first', 'technologies', 'huawei technologies', 1],
    ['two watched words found among three', 'huawei technologies', 'beijing huawei technologies', 1],
    ['the same words in another order', 'global kalibr', 'kalibr global', 1],
    ['a word at exactly the threshold still counts as found', 'kalibr', 'kolibr systems', 0.9],
    [
      'nearly found words: their average, when it beats the whole names',
      'acme metalz',
      'acme metals',
      0.9722,
    ],
    ['a watched word not found: the whole names are compared', 'huawei tech', 'huawei technologies', 0.9298],
    ['a watched word with nothing like it: the whole names', 'huawei zzzz', 'huawei technologies', 0.8341],
    ['an empty watched name', '', 'acme', 0],
    ['an empty listed name', 'acme', '', 0],
    ['two empty names', '', '', 0],
  ])('%s: %j ~ %j = %d', (_name, watched, listed, score) => {
    expect(entitySimilarity(watched, listed)).toBeCloseTo(score, 4);
  });

  it('a watched word not found gives exactly the whole-name Jaro-Winkler score', () => {
    expect(entitySimilarity('huawei tech', 'huawei technologies')).toBe(
      jaroWinkler('huawei tech', 'huawei technologies'),
    );
  });
});

describe('matchEntities', () => {
  it.each<[string, Parameters<typeof matchEntities>[0], Parameters<typeof matchEntities>[1], unknown[]]>([
    [
      'a watched name matches a listed name after normalisation',
      [{ name: 'HUAWEI TECHNOLOGIES' }],
      [{ name: 'Huawei Technologies Co., Ltd.' }],
      [{ watched: 'HUAWEI TECHNOLOGIES', listed: 'Huawei Technologies Co., Ltd.', score: 1 }],
    ],
    [
      'a score of exactly the threshold matches',
      [{ name: 'Kalibr' }],
      [{ name: 'Kolibr' }],
      [{ watched: 'Kalibr', listed: 'Kolibr', score: ENTITY_MATCH_THRESHOLD }],
    ],
    ['a score below the threshold does not', [{ name: 'Kalibr' }], [{ name: 'Kolibri' }], []],
    [
      'the best of a listed name and its aliases wins, and is the one reported',
      [{ name: 'Kalibr' }],
      [{ name: 'Kolibr', aliases: ['Kalibr Ltd', 'Kalibrr'] }],
      [{ watched: 'Kalibr', listed: 'Kalibr Ltd', score: 1 }],
    ],
    [
      'the best of several listed entities wins',
      [{ name: 'Kalibr' }],
      [{ name: 'Kolibr' }, { name: 'Kalibr GmbH' }],
      [{ watched: 'Kalibr', listed: 'Kalibr GmbH', score: 1 }],
    ],
    [
      'scores are rounded to three decimals',
      [{ name: 'Acme Metalz' }],
      [{ name: 'Acme Metals' }],
      [{ watched: 'Acme Metalz', listed: 'Acme Metals', score: 0.972 }],
    ],
    [
      'one match per watched name, in watchlist order',
      [{ name: 'Skydio' }, { name: 'Lockheed Martin' }, { name: 'Huawei' }],
      [{ name: 'Huawei Technologies' }, { name: 'Skydio, Inc.' }],
      [
        { watched: 'Skydio', listed: 'Skydio, Inc.', score: 1 },
        { watched: 'Huawei', listed: 'Huawei Technologies', score: 1 },
      ],
    ],
    [
      'countries that agree, in any case, allow the match',
      [{ name: 'Acme', country: 'cn' }],
      [{ name: 'Acme Ltd', country: 'CN' }],
      [{ watched: 'Acme', listed: 'Acme Ltd', score: 1 }],
    ],
    [
      'countries that differ prevent it',
      [{ name: 'Acme', country: 'US' }],
      [{ name: 'Acme Ltd', country: 'CN' }],
      [],
    ],
    [
      'a country on one side only does not matter',
      [{ name: 'Acme', country: 'US' }],
      [{ name: 'Acme Ltd' }],
      [{ watched: 'Acme', listed: 'Acme Ltd', score: 1 }],
    ],
    [
      'names without a letter or digit match nothing, not even each other',
      [{ name: '...' }],
      [{ name: '!!!' }],
      [],
    ],
  ])('%s', (_name, watchlist, listed, matches) => {
    expect(matchEntities(watchlist, listed)).toEqual(matches);
  });

  it('asks the given country rule whether two countries agree', () => {
    const asked: [string, string][] = [];
    const sameRegion = (watched: string, listed: string) => {
      asked.push([watched, listed]);
      return watched === 'EU' && listed === 'DE';
    };
    const watched = [{ name: 'Acme', country: 'EU' }];
    expect(matchEntities(watched, [{ name: 'Acme', country: 'DE' }], sameRegion)).toHaveLength(1);
    expect(matchEntities(watched, [{ name: 'Acme', country: 'US' }], sameRegion)).toEqual([]);
    expect(asked).toEqual([
      ['EU', 'DE'],
      ['EU', 'US'],
    ]);
  });
});

describe('index blocks of entity names', () => {
  it.each([
    ['technologies', 'tech'],
    ['huawei', 'huaw'],
    ['abc', 'abc'],
  ])('entityBlock(%j) = %j', (word, block) => {
    expect(entityBlock(word)).toBe(block);
  });

  it('a watched entity is indexed under the first word of its normalised name', () => {
    expect(watchedEntityBlock({ name: 'The Huawei Technologies Co.' })).toBe('huaw');
  });

  it('a change touches the blocks of every word of every listed name and alias, once each', () => {
    expect(
      listedEntityBlocks([
        { name: 'Beijing Huawei Digital', aliases: ['Huawei Technologies Co., Ltd.'] },
        { name: '...' },
        { name: 'Digital Huawei' },
      ]),
    ).toEqual(['beij', 'huaw', 'digi', 'tech']);
  });
});
