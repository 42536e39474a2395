import { describe, expect, it } from 'vitest';
import { countriesIn, originsFromTitle } from '../../shared/ingest/sources/tagging/regions-in-text.js';

describe('countriesIn', () => {
  // The name table is built once, on first use: one test reads it whole, what it holds and what not.
  it('knows the package’s names and aliases, the table’s long names and adjectives, and nothing shorter', () => {
    const expected: [string, string[]][] = [
      ['Chile', ['CL']],
      ['Russia', ['RU']],
      ['Russian Federation', ['RU']],
      ['United States of America', ['US']],
      ['U.S. goods', ['US']],
      ['Republic of Korea', ['KR']],
      ['Equatorial Guinea', ['GQ']],
      ['South Sudan', ['SS']],
      ['Türkiye', ['TR']],
      // long names the package spells otherwise
      ["People's Republic of China", ['CN']],
      ['Republic of Turkey', ['TR']],
      ['Socialist Republic of Vietnam', ['VN']],
      ['Federal Republic of Germany', ['DE']],
      ['South Korea', ['KR']],
      ['United Arab Emirates', ['AE']],
      ['the Netherlands', ['NL']],
      // adjectives
      ...(
        [
          ['Chinese', 'CN'],
          ['Russian', 'RU'],
          ['Iranian', 'IR'],
          ['North Korean', 'KP'],
          ['Korean', 'KR'],
          ['Japanese', 'JP'],
          ['Indian', 'IN'],
          ['Vietnamese', 'VN'],
          ['Taiwanese', 'TW'],
          ['Turkish', 'TR'],
          ['German', 'DE'],
          ['Canadian', 'CA'],
          ['Mexican', 'MX'],
          ['Brazilian', 'BR'],
          ['Indonesian', 'ID'],
          ['Malaysian', 'MY'],
          ['Thai', 'TH'],
          ['Belarusian', 'BY'],
          ['Burmese', 'MM'],
          ['Venezuelan', 'VE'],
          ['Cuban', 'CU'],
          ['Syrian', 'SY'],
        ] as const
      ).map(([adjective, code]): [string, string[]] => [`${adjective} goods`, [code]]),
      // not the short aliases, which read badly in prose, nor the names written with a comma
      ['the US, the UK, the UAE and the USA', []],
      ['Moldova, Republic of', []],
      // not inside a longer word
      ['Steel from Indiana mills', []],
    ];
    for (const [text, codes] of expected) expect({ text, codes: countriesIn(text) }).toEqual({ text, codes });
  });

  it.each([
    ['in order of appearance', 'Chile, China and Mexico', ['CL', 'CN', 'MX']],
    ['each country once', 'China, Chinese goods and the PRC in China', ['CN']],
    [
      'in order of appearance even when a longer name is found first',
      "Republic of Korea, People's Republic of China, Chile",
      ['KR', 'CN', 'CL'],
    ],
    ['the longer name wins over one inside it', 'North Korean goods', ['KP']],
    ['the longer name wins: Equatorial Guinea is not Guinea', 'goods of Equatorial Guinea', ['GQ']],
    ['not inside a longer word', 'Steel from Indiana mills', []],
    ['not in lower case', 'chinese goods', []],
    ['not the short aliases, which read badly in prose', 'the US, the UK, the UAE and the USA', []],
    ['not the names the package writes with a comma', 'Moldova, Republic of', []],
    ['none in a text without a country', 'Unwrought aluminum', []],
  ])('%s', (_name, text, codes) => {
    expect(countriesIn(text)).toEqual(codes);
  });
});

describe('originsFromTitle', () => {
  it.each([
    ['Tin Mill Products From Canada', ['CA']],
    ['Glass Wine Bottles From Chile, China, and Mexico; Institution of Investigations', ['CL', 'CN', 'MX']],
    ['Steel Nails From South Korea and Taiwan: Final Results; Pipe From Japan', ['KR', 'TW', 'JP']],
    ['Chinese Steel Nails: Final Results', []],
    ['Steel From: Final Results', []],
    ['Aluminum Sheet Fromage Canada', []],
  ])('%s -> %j', (title, origins) => {
    expect(originsFromTitle(title)).toEqual(origins);
  });
});
