import { describe, expect, it } from 'vitest';
import {
  listedEntityBlocks,
  matchEntities,
  normaliseEntityName,
  watchedEntityBlock,
} from '../../shared/matching/entities.js';
import { nameAsSeen, showsLetterOrDigit } from '../../shared/model/entity-name.js';

describe('names read as seen', () => {
  it.each([
    ['a Cyrillic а inside', 'Hu\u0430wei Technologies Co., Ltd.'],
    ['a Cyrillic а in the first letters', 'Hu\u0430wei'],
    ['a Greek capital eta first', '\u0397UAWEI TECHNOLOGIES'],
    ['a Cyrillic capital І', 'HUAWE\u0406'],
    ['a zero-width space', 'Hua\u200bwei Technologies'],
    ['a zero-width space first', '\u200bHuawei'],
    ['a soft hyphen', 'Hua\u00adwei'],
    ['a word joiner and a byte-order mark', 'Hu\u2060a\ufeffwei'],
    ['fullwidth letters', '\uff28\uff55\uff41\uff57\uff45\uff49'],
  ])('a listed name with %s matches the watched name and is looked up under its block', (_what, listed) => {
    const watched = { name: 'Huawei' };
    const [match] = matchEntities([watched], [{ name: listed }]);
    expect(match).toMatchObject({ watched: 'Huawei', listed });
    expect(match?.score).toBeGreaterThanOrEqual(0.9);
    expect(listedEntityBlocks([{ name: listed }])).toContain(watchedEntityBlock(watched));
  });

  it.each([
    ['Z T E', 1],
    ['Z T E Corporation', 1],
    ['Z-T-E Kangxun Telecom', 0.9],
  ])('letters spelled apart ("%s") match the watched name written together', (listed, atLeast) => {
    const watched = { name: 'ZTE' };
    const [match] = matchEntities([watched], [{ name: listed }]);
    expect(match?.score).toBeGreaterThanOrEqual(atLeast);
    expect(listedEntityBlocks([{ name: listed }])).toContain(watchedEntityBlock(watched));
  });

  it('a watched name with look-alikes lands in the block of the name it looks like', () => {
    expect(watchedEntityBlock({ name: 'Hu\u0430wei' })).toBe('huaw');
    expect(watchedEntityBlock({ name: '\u200bZTE' })).toBe('zte');
  });

  it.each([
    ['Huawei Technologies Co., Ltd.', 'huawei technologies', 'huaw'],
    ['HUAWEI TECHNOLOGIES', 'huawei technologies', 'huaw'],
    ['J P Morgan', 'j p morgan', 'j'],
    ['S.A. Minera', 'minera', 'mine'],
    ['Ilmenite 1 Mining', 'ilmenite 1 mining', 'ilme'],
    ['Société Générale', 'societe generale', 'soci'],
    ['稀土集团', '稀土集团', '稀土集团'],
  ])('an ordinary name reads as before: %s', (name, normalised, block) => {
    expect(normaliseEntityName(name)).toBe(normalised);
    expect(watchedEntityBlock({ name })).toBe(block);
  });

  it('plain ASCII is left as it is, capitals stay capitals', () => {
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    expect(nameAsSeen(ascii)).toBe(ascii);
    expect(nameAsSeen('\u0406\u0456\u0430\u0391\u03bf')).toBe('IiaAo');
  });

  it('a name of punctuation and invisible characters shows nothing; one letter or digit is enough', () => {
    expect(['!!', '\u200b\u200b', '\u00ad-\u200d', '()'].filter(showsLetterOrDigit)).toEqual([]);
    expect(['A', '\u200bA', '稀', '7'].every(showsLetterOrDigit)).toBe(true);
  });
});
