import { describe, expect, it, vi } from 'vitest';
import {
  listedEntityBlocks,
  matchEntities,
  matchWatchlist,
  prepareListing,
  watchedEntityBlocks,
} from '../../shared/matching/entities.js';

describe('a part in parentheses', () => {
  it('the name without the part is compared on its own', () => {
    expect(
      matchEntities(
        [{ name: 'Academy of Aerospace Solid Propulsion Technology' }],
        [{ name: 'Academy of Aerospace Solid Propulsion Technology (AASPT)' }],
      ),
    ).toEqual([
      {
        watched: 'Academy of Aerospace Solid Propulsion Technology',
        listed: 'Academy of Aerospace Solid Propulsion Technology (AASPT)',
        score: 1,
      },
    ]);
  });

  it('the name without the part is one party where the whole is not', () => {
    expect(
      matchEntities([{ name: 'Tsinghua University' }], [{ name: 'Tsinghua University (Holdings)' }]),
    ).toEqual([{ watched: 'Tsinghua University', listed: 'Tsinghua University (Holdings)', score: 1 }]);
  });

  it('the part leaves a space where it stood', () => {
    expect(
      matchEntities([{ name: 'Huawei Technologies' }], [{ name: 'Huawei(Shenzhen)Technologies' }]),
    ).toEqual([{ watched: 'Huawei Technologies', listed: 'Huawei(Shenzhen)Technologies', score: 1 }]);
    expect(
      matchEntities([{ name: 'Tsinghua University' }], [{ name: 'Tsinghua(Holdings)University' }]),
    ).toEqual([{ watched: 'Tsinghua University', listed: 'Tsinghua(Holdings)University', score: 1 }]);
  });

  it('an empty part is no name: a watched name that shows nothing finds nothing', () => {
    expect(matchEntities([{ name: '***' }], [{ name: 'Huawei ()' }])).toEqual([]);
  });

  it('a part naming a body is a name of its own', () => {
    expect(
      matchEntities(
        [{ name: 'Harbin Institute' }],
        [{ name: 'Harbin Institute of Technology (Harbin Institute)' }],
      ),
    ).toEqual([
      { watched: 'Harbin Institute', listed: 'Harbin Institute of Technology (Harbin Institute)', score: 1 },
    ]);
  });

  it.each([
    ['Group', 'Inspur (Group)'],
    ['Beijing', 'Huawei (Beijing)'],
    ['Trading', 'Huawei (Trading)'],
  ])('a part of generic words or places only is not: %s does not find %s', (watched, listed) => {
    expect(matchEntities([{ name: watched }], [{ name: listed }])).toEqual([]);
  });
});

describe('the spellings a listed name is compared as', () => {
  const spellings = (name: string) =>
    prepareListing([{ name }]).entities[0]?.names.map((spelling) => [
      spelling.plain.text,
      spelling.joined?.text,
    ]);

  it.each([
    // A name without a part in parentheses, or letters apart, is compared once, as it is.
    ['Huawei Technologies', [['huawei technologies', undefined]]],
    // With a part: the name, the name without it, and the part alone when it names a party.
    [
      'Academy of Aerospace Solid Propulsion Technology (AASPT)',
      [
        ['academy aerospace solid propulsion technology aaspt', undefined],
        ['academy aerospace solid propulsion technology', undefined],
        ['aaspt', undefined],
      ],
    ],
    [
      'Inspur (Group)',
      [
        ['inspur group', undefined],
        ['inspur', undefined],
      ],
    ],
    // An empty part is no name of its own.
    [
      'Huawei ()',
      [
        ['huawei', undefined],
        ['huawei', undefined],
      ],
    ],
    // Letters apart are also compared written together.
    ['Z T E Kangxun', [['z t e kangxun', 'zte kangxun']]],
  ] as const)('%s is compared as %j', (name, expected) => {
    expect(spellings(name)).toEqual(expected);
  });
});

describe('letters written apart', () => {
  it.each([
    ['Z T E', 'ZTE Corporation'],
    ['ZTE', 'Z T E Corporation'],
  ])('%s finds %s', (watched, listed) => {
    expect(matchEntities([{ name: watched }], [{ name: listed }])).toEqual([{ watched, listed, score: 1 }]);
  });

  it.each([
    ['Z T E', ['z', 'zte']],
    ['3 M', ['3', '3m']],
    ['L 3 Harris', ['l', 'l3']],
    ['ZTE', ['zte']],
    ['Huawei', ['huaw']],
  ])('%s is indexed under %j', (name, blocks) => {
    expect(watchedEntityBlocks({ name })).toEqual(blocks);
  });

  it('a run of letters at the end of a listed name is looked up written together', () => {
    expect(listedEntityBlocks([{ name: 'Kangxun Z T E' }])).toContain('zte');
    expect(listedEntityBlocks([{ name: 'Kangxun Z T E Trading' }])).toContain('zte');
  });
});

describe('blocks a change touches', () => {
  it('a short last word is looked up on its own only', () => {
    expect(listedEntityBlocks([{ name: 'Huawei HK' }])).toEqual(['huaw', 'hk']);
  });

  it('a name that shows nothing touches no block', () => {
    expect(listedEntityBlocks([{ name: '***' }])).toEqual([]);
  });
});

describe('the threshold', () => {
  it.each([
    ['Himmat', 'Hemmat'],
    ['H I M M A T', 'Hemmat'],
  ])('%s finds %s with a score of exactly 0.9', (watched, listed) => {
    expect(matchEntities([{ name: watched }], [{ name: listed }])).toEqual([{ watched, listed, score: 0.9 }]);
  });
});

describe('a score at the threshold', () => {
  it('is still no match when the names name two parties', () => {
    expect(matchEntities([{ name: 'Himmat' }], [{ name: 'Hemmat Institute' }])).toEqual([]);
  });
});

describe('look-alikes above the threshold', () => {
  it.each([
    ['Tsinghua University', 'Tsinghua University Holdings'],
    ['Jiangxi Copper', 'Jiangxi Copper Research Institute'],
    ['Beijing Technology', 'Beijing Huawei Technology'],
  ])('%s does not find %s', (watched, listed) => {
    expect(matchEntities([{ name: watched }], [{ name: listed }])).toEqual([]);
  });
});

describe('the best listed name', () => {
  it('a later alias that scores higher is the match', () => {
    expect(
      matchEntities(
        [{ name: 'Huawei Technologies' }],
        [{ name: 'Huawey Technologies', aliases: ['Huawei Technologies'] }],
      ),
    ).toEqual([{ watched: 'Huawei Technologies', listed: 'Huawei Technologies', score: 1 }]);
  });

  it('a later entity that scores higher is the match', () => {
    expect(
      matchEntities(
        [{ name: 'Huawei Technologies' }],
        [{ name: 'Huawey Technologies' }, { name: 'Huawei Technologies' }, { name: 'Huawey Technologies' }],
      ),
    ).toEqual([{ watched: 'Huawei Technologies', listed: 'Huawei Technologies', score: 1 }]);
  });

  it('a spelling of the name scores below an exact match, and is still a match', () => {
    const [match] = matchEntities([{ name: 'Huawei Technologies' }], [{ name: 'Huawey Technologies' }]);
    expect(match?.score).toBeGreaterThanOrEqual(0.9);
    expect(match?.score).toBeLessThan(1);
  });
});

describe('countries', () => {
  it('each pair of countries is answered on its own', () => {
    expect(
      matchEntities(
        [{ name: 'Huawei', country: 'CN' }],
        [
          { name: 'Huawei', country: 'US' },
          { name: 'Huawei Technologies', country: 'CN' },
        ],
      ),
    ).toEqual([{ watched: 'Huawei', listed: 'Huawei Technologies', score: expect.any(Number) }]);
  });

  it("a pair of countries is asked once for the listing's life", () => {
    const sameCountry = vi.fn((a: string, b: string) => a === b);
    const listing = prepareListing([{ name: 'Huawei', country: 'CN' }], sameCountry);
    matchWatchlist(listing, [{ name: 'Huawei', country: 'CN' }]);
    matchWatchlist(listing, [{ name: 'Huawei Technologies', country: 'CN' }]);
    expect(sameCountry).toHaveBeenCalledTimes(1);
  });

  it('the same name watched in another country is compared again', () => {
    const listing = prepareListing([{ name: 'Huawei', country: 'CN' }]);
    expect(matchWatchlist(listing, [{ name: 'Huawei', country: 'US' }])).toEqual([]);
    expect(matchWatchlist(listing, [{ name: 'Huawei', country: 'CN' }])).toEqual([
      { watched: 'Huawei', listed: 'Huawei', score: 1 },
    ]);
  });
});

describe('what a listing remembers', () => {
  it('each watched name is remembered under its own name', () => {
    const listing = prepareListing([{ name: 'Huawei' }]);
    expect(matchWatchlist(listing, [{ name: 'ZTE' }, { name: 'Huawei' }])).toEqual([
      { watched: 'Huawei', listed: 'Huawei', score: 1 },
    ]);
    expect([...listing.found.values()]).toEqual([null, { listed: 'Huawei', score: 1 }]);
  });

  it('a watched name already compared is answered from what the listing remembers', () => {
    const listing = prepareListing([{ name: 'Huawei' }]);
    matchWatchlist(listing, [{ name: 'Huawei', country: 'CN' }]);
    const [key] = [...listing.found.keys()];
    listing.found.set(key ?? '', { listed: 'remembered', score: 0.95 });
    expect(matchWatchlist(listing, [{ name: 'Huawei', country: 'CN' }])).toEqual([
      { watched: 'Huawei', listed: 'remembered', score: 0.95 },
    ]);
  });

  it('remembers at most 10 000 watched names', () => {
    const listing = prepareListing([{ name: 'Huawei' }]);
    const watchlist = Array.from({ length: 10_001 }, (_, n) => ({ name: `Name ${n}` }));
    matchWatchlist(listing, watchlist);
    expect(listing.found.size).toBe(10_000);
  });
});
