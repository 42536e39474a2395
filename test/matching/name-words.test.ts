import { describe, expect, it } from 'vitest';
import {
  listedEntityBlocks,
  normaliseEntityName,
  watchedEntityBlock,
  watchedEntityBlocks,
} from '../../shared/matching/entities.js';
import { subscriptionPartitions } from '../../shared/matching/match-filters.js';
import { bodyKinds, identifyingWords, wordRoles } from '../../shared/matching/name-words.js';
import { sameParty, sameWord } from '../../shared/matching/same-party.js';
import { MAX_INDEX_PARTITIONS } from '../../shared/model/filter-clauses.js';

const NORMALISED: Record<string, string> = {
  'Joint Stock Company Concern VKO Almaz-Antey': 'concern vko almaz antey',
  'Public Joint Stock Company Sberbank of Russia': 'sberbank russia',
  'Aktsionernoe Obshchestvo Rossiski Bank': 'rossiski bank',
  'OOO Tekhnologii': 'tekhnologii',
  'Obshchestvo s Ogranichennoy Otvetstvennostyu Alfa': 'alfa',
  'FGUP TsNIIMash': 'tsniimash',
  'MSP Bank AO': 'msp bank',
  'Beijing Zhongke Youxian Gongsi': 'beijing zhongke',
  'Sherkat-e Mapna': 'mapna',
  'Khatam al-Anbiya': 'khatam anbiya',
  'Harbin Inst. of Tech.': 'harbin institute technology',
  'Honeywell Intl': 'honeywell international',
  'CETC 13th Research Institute': 'cetc 13 research institute',
  'Research Institute No. 13': 'research institute 13',
  'Limited Liability Company Alfa': 'alfa',
};

describe('words that do not identify a party', () => {
  it.each(Object.entries(NORMALISED))('%s normalises to "%s"', (name, normalised) => {
    expect(normaliseEntityName(name)).toBe(normalised);
  });

  it('a name made only of such words is kept as written', () => {
    expect(identifyingWords(['the', 'company'])).toEqual(['the', 'company']);
    expect(identifyingWords(['joint', 'stock'])).toEqual(['joint', 'stock']);
  });
});

describe('what each word of a name tells', () => {
  it.each([
    ['jiangxi copper', ['place', 'distinctive']],
    ['shenzhen sensetime technology', ['place', 'distinctive', 'generic']],
    ['moscow aviation institute', ['place', 'distinctive', 'body']],
    ['tehran kish trading', ['place', 'place', 'generic']],
    ['xi an electronic', ['place', 'place', 'generic']],
    ['hong kong huawei', ['place', 'place', 'distinctive']],
    ['new york trading', ['place', 'place', 'generic']],
    ['new century', ['generic', 'distinctive']],
    ['kurchatov research centre', ['distinctive', 'generic', 'body']],
    ['data centre', ['distinctive', 'generic']],
    ['tsinghua university holdings', ['distinctive', 'body', 'generic']],
  ])('%s: %j', (name, roles) => {
    expect(wordRoles(name.split(' '))).toEqual(roles);
  });

  it('kinds of body are read in other languages and abbreviations as the same kind', () => {
    const kinds = (name: string) => {
      const words = normaliseEntityName(name).split(' ');
      return [...bodyKinds(words, wordRoles(words))];
    };
    expect(kinds('Moskovsky Gosudarstvenny Universitet')).toEqual(['university']);
    expect(kinds('Sharif Univ. of Technology')).toEqual(['university']);
    expect(kinds('Johns Hopkins Applied Physics Lab')).toEqual(['laboratory']);
    expect(kinds('National Research Center Kurchatov Institute')).toEqual(['research-centre', 'institute']);
    expect(kinds('Sukhoi Design Bureau')).toEqual(['bureau']);
    expect(kinds('Huawei Technologies')).toEqual([]);
  });
});

describe('one word spelled two ways', () => {
  const spellings = (pair: string) => pair.split('/') as [string, string];
  it.each([
    'hemmat/hemat',
    'shahid/shaheed',
    'rosoboronexport/rosoboroneksport',
    'organization/organisation',
    'isfahan/esfahan',
    'l3harris/l3harris',
  ])('%s: one word spelled two ways', (pair) => {
    const [a, b] = spellings(pair);
    expect([sameWord(a, b), sameWord(b, a)]).toEqual([true, true]);
  });
  it.each(['melli/mellat', 'rostec/rostelecom', 'dahua/dahu', '13/14'])('%s: two words', (pair) => {
    const [a, b] = spellings(pair);
    expect([sameWord(a, b), sameWord(b, a)]).toEqual([false, false]);
  });
});

describe('one party or two', () => {
  const party = (pair: string) => {
    const [watched, listed] = pair.split(' / ').map((name) => normaliseEntityName(name).split(' '));
    return sameParty(watched ?? [], listed ?? []);
  };
  const parties: Record<string, boolean> = {
    'Huawei / Beijing Huawei Digital Technologies': true,
    'Hangzhou Hikvision Digital Technology / Hikvision Digital Technology': true,
    'Rosoboron Export / Rosoboronexport': true,
    'Harbin Institute of Technology / Harbin Institute of Technology': true,
    'Jiangxi Copper / Jiangxi Copper Research Institute': false,
    'Beijing / Beijing Huawei Digital Technologies': false,
    'Beijing Technology / Beijing Huawei Technology': false,
    'Tsinghua University / Tsinghua University Holdings': false,
    'China Aerospace Science and Industry / China Aerospace Science and Technology': false,
    'China University of Science and Technology / University of Science and Technology of China': false,
    'Hikvision Software / Hikvision': false,
  };
  it.each(Object.entries(parties))('%s: one party, %s', (pair, one) => {
    expect(party(pair)).toBe(one);
  });
});

describe('index blocks for names the rules match', () => {
  it.each([
    ['Huawei Technologies', ['huaw']],
    ['Hangzhou Hikvision Digital Technology', ['hang', 'hikv']],
    ['Technology Development Huawei', ['tech', 'huaw']],
    ['L3 Harris', ['l3', 'l3ha']],
    ['Z T E Kangxun', ['z', 'zte']],
    ['Beijing', ['beij']],
  ])('%s is indexed under %j, first under its first word', (name, blocks) => {
    expect(watchedEntityBlocks({ name })).toEqual(blocks);
    expect(watchedEntityBlocks({ name })[0]).toBe(watchedEntityBlock({ name }));
  });

  it("25 watched names, each beginning with a place and a short word, stay within a subscription's index entries", () => {
    const entities = Array.from({ length: 25 }, (_, n) => ({
      name: `US ${String.fromCharCode(97 + n)}${String.fromCharCode(122 - n)} Harris ${n}`,
    }));
    expect(entities.every((entity) => watchedEntityBlocks(entity).length === 2)).toBe(true);
    expect(subscriptionPartitions({ entities }).length).toBeLessThanOrEqual(MAX_INDEX_PARTITIONS);
  });

  it('a short listed word is also looked up written together with the next', () => {
    expect(listedEntityBlocks([{ name: "Xi'an Electronic Engineering Research Institute" }])).toContain(
      'xian',
    );
    expect(listedEntityBlocks([{ name: 'Shenzhen Da-Jiang Innovations' }])).toContain('daji');
    expect(listedEntityBlocks([{ name: 'Huawei Technologies' }])).toEqual(['huaw', 'tech']);
  });
});
