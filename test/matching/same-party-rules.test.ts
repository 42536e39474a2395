import { describe, expect, it } from 'vitest';
import { normaliseEntityName } from '../../shared/matching/entities.js';
import { identifyingWords, isOptionalWord } from '../../shared/matching/name-words.js';
import { sameParty, sameWord } from '../../shared/matching/same-party.js';

const spellings = (pair: string) => pair.split('/') as [string, string];

describe('how far a spelling may differ, by the length of the shorter word', () => {
  it.each([
    // One edit at five letters: a swap of two neighbouring letters is one edit.
    ['hemat/hemta', true],
    // Two edits at five letters: a letter dropped and two swapped.
    ['hemmat/hemta', false],
    // Two edits at six letters (a letter added, two swapped); three are too many.
    ['hemmat/heemmta', true],
    ['hemmat/hemaemt', false],
    ['shahid/shhsaid', false],
    ['esfahan/esaefhan', false],
    // Eight letters allow two edits, not three; nine allow three.
    ['sberbank/sberbankrf', true],
    ['sberbank/sberbankrus', false],
    ['kurchatov/kurchatovaya', true],
    // Few edits are not enough: the spellings must also reach 0.9 Jaro-Winkler, which a changed
    // first letter of a five-letter word does not.
    ['mapna/kapna', false],
    // Exactly 0.9 is enough.
    ['hemmat/himmat', true],
  ] as const)('%s: one word, %s', (pair, one) => {
    const [a, b] = spellings(pair);
    expect([sameWord(a, b), sameWord(b, a)]).toEqual([one, one]);
  });
});

describe('words written together', () => {
  const party = (watched: string, listed: string) => sameParty(watched.split(' '), listed.split(' '));

  it('up to three words of one name may be one word of the other', () => {
    expect(party('ural vagon zavod', 'uralvagonzavod')).toBe(true);
    expect(party('uralvagonzavod', 'ural vagon zavod')).toBe(true);
  });

  it('four words written apart are not one word', () => {
    expect(party('zhong ke san huan', 'zhongkesanhuan')).toBe(false);
    expect(party('zhongkesanhuan', 'zhong ke san huan')).toBe(false);
  });

  it('the word after words written together is not found with them', () => {
    expect(party('zhong ke huawei', 'zhongke')).toBe(false);
  });
});

describe('one party or two, as a screener reads them', () => {
  const party = (pair: string) => {
    const [watched, listed] = pair.split(' / ').map((name) => normaliseEntityName(name).split(' '));
    return sameParty(watched ?? [], listed ?? []);
  };
  const parties: Record<string, boolean> = {
    // A distinctive word left over makes two parties.
    'Hangzhou Hikvision Dahua / Hikvision': false,
    'Hangzhou Hikvision / Hikvision': true,
    // An academy (kexueyuan) is not a college (xueyuan), however alike the words.
    'Tsinghua Kexueyuan / Tsinghua Xueyuan': false,
    'Tsinghua Kexueyuan / Tsinghua Kexueyuan': true,
    // A name of places and generic words only is one party with a name spelled the same.
    'Teheran Trading / Tehrann Trading': true,
    'Tehrann Trading / Teheran Trading': true,
    'Teheran Trading / Isfahan Trading': false,
    // A distinctive word that agrees only with a place is not a distinctive word in common.
    'Tehrann / Teheran Copper': false,
    'Tehrann Copper / Teheran Copper': true,
  };
  it.each(Object.entries(parties))('%s: one party, %s', (pair, one) => {
    expect(party(pair)).toBe(one);
  });
});

describe('words that are no name', () => {
  it.each([
    // Phrases of several words are legal forms only when every word is there.
    ['Joint Venture Huawei', 'joint venture huawei'],
    ['Huawei Joint Stock', 'huawei'],
    ['Limited Liability Alfa', 'alfa'],
    ['Limited Alfa', 'alfa'],
    ['Sahami Khass Mapna', 'mapna'],
    ['Sahami Mapna', 'sahami mapna'],
    // The longest phrase is taken: `youxian zeren` rather than `youxian` alone.
    ['Huawei Youxian Zeren Gongsi', 'huawei'],
    // "No." before a number is dropped, whatever the digit; elsewhere `no` is a word.
    ['Research Institute No. 0', 'research institute 0'],
    ['Research Institute No. 9', 'research institute 9'],
    ['Research Institute No 07', 'research institute 07'],
    ['No Frills Trading', 'no frills trading'],
    ['Trading No', 'trading no'],
    // Only a whole word that is an ordinal is a number.
    ['21st Century', '21 century'],
    ['3rdgen Labs', '3rdgen laboratories'],
    ['3d1st Bank', '3d1st bank'],
  ])('%s normalises to "%s"', (name, normalised) => {
    expect(normaliseEntityName(name)).toBe(normalised);
  });

  it('a word that only begins a legal-form phrase is kept', () => {
    expect(identifyingWords(['public', 'alfa'])).toEqual(['public', 'alfa']);
    expect(identifyingWords(['youxian', 'alfa'])).toEqual(['alfa']);
  });
});

describe('words a name may leave out', () => {
  it.each([
    // Generic words and places may be left out; a kind of body and a distinctive word may not.
    ['trading huawei', 0, true],
    ['beijing huawei', 0, true],
    ['beijing huawei', 1, false],
    ['moscow institute', 1, false],
    // `center` is generic, but a body (a research centre) in a name that says `research`.
    ['data center', 1, true],
    ['kurchatov research center', 2, false],
    ['kurchatov research center', 1, true],
    // Two words that make a place, written as a listed phrase or as a listed place apart.
    ['hong kong huawei', 0, true],
    ['hong kong huawei', 1, true],
    ['hong kong huawei', 2, false],
    ['huawei new york', 1, true],
    ['huawei new york', 2, true],
    ['jiang xi copper', 0, true],
    ['jiang xi copper', 1, true],
    ['copper jiang xi', 2, true],
    ['copper jiang xi', 0, false],
    ['huawei xi', 1, false],
    ['xi huawei', 0, false],
    ['huawei', 0, false],
  ] as const)('%s, word %i: optional, %s', (name, i, optional) => {
    expect(isOptionalWord(name.split(' '), i)).toBe(optional);
  });
});
