import { describe, expect, it } from 'vitest';
import { findMaterials, materialMatcher } from '../../shared/ingest/sources/tagging/material-terms.js';
import { Catalogue, type CatalogueData, defaultCatalogue } from '../../shared/model/catalogue.js';

const matcher = materialMatcher(defaultCatalogue());
/** What a text names, as [material, matched text, weak]. */
const found = (text: string, within = matcher) =>
  findMaterials(within, text).map((match) => [match.material, match.text, match.weak]);

describe('findMaterials with the shipped catalogue', () => {
  it.each<[string, string, unknown[]]>([
    [
      'a name in any case',
      'GALLIUM and gallium',
      [
        ['gallium', 'GALLIUM', false],
        ['gallium', 'gallium', false],
      ],
    ],
    ['a plural', 'Silicon Metals', [['silicon-metal', 'Silicon Metals', false]]],
    ['a plural in -es', 'Gallium Nitrides', [['gallium-compounds', 'Gallium Nitrides', false]]],
    ['a weak synonym, marked weak', 'Silicon wafers', [['silicon-metal', 'Silicon', true]]],
    ['a short lower-case synonym in capitals', 'Moly concentrate', [['molybdenum', 'Moly', true]]],
    ['a hyphen for a space', 'rare-earth oxides', [['rare-earths', 'rare-earth oxides', false]]],
    ['an acronym in capitals', 'REE exports', [['rare-earths', 'REE', false]]],
    ['an acronym with its plural', 'REEs', [['rare-earths', 'REEs', false]]],
    ['not an acronym in lower case', 'a ree and an apt cam', []],
    ['a mixed-case formula only as written', 'GaN wafers, not gan', [['gallium-compounds', 'GaN', false]]],
    ['a formula with digits in any case', 'ga2o3 powder', [['gallium-compounds', 'ga2o3', false]]],
    [
      'a name that starts with capitals in any case',
      'ncm precursors',
      [['battery-cathode-precursors', 'ncm precursors', false]],
    ],
    ['not inside a longer word', 'Nickelodeon and Tinder', []],
    [
      'the longer term over the shorter inside it',
      'lithium-ion batteries',
      [['lithium-ion-batteries', 'lithium-ion batteries', false]],
    ],
    [
      'two names, the shorter first',
      'Cobalt and Nickel Sulphate',
      [
        ['nickel', 'Nickel Sulphate', false],
        ['cobalt', 'Cobalt', false],
      ],
    ],
    [
      'Chinese names anywhere, side by side',
      '镓稀土',
      [
        ['rare-earths', '稀土', false],
        ['gallium', '镓', false],
      ],
    ],
    [
      'Chinese names the other way round',
      '稀土镓',
      [
        ['rare-earths', '稀土', false],
        ['gallium', '镓', false],
      ],
    ],
  ])('%s: %j', (_name, text, materials) => {
    expect(found(text)).toEqual(materials);
  });
});

describe('materialMatcher: spellings and literal names', () => {
  const node = (id: string, name: string): CatalogueData['materials'][number] => ({
    id,
    name,
    parents: [],
    kind: 'material',
    hsCodes: [],
    synonyms: [],
  });
  const custom = materialMatcher(
    Catalogue.fromData({
      materials: [
        node('zinc-sulphate', 'Zinc sulphate'),
        node('iron-sulfide', 'Iron sulfide'),
        node('sulphur', 'Sulphur'),
        node('cesium', 'Cesium'),
        node('tyre-cord', 'Tyre cord'),
        node('licence-plates', 'Licence plates'),
        node('aluminum-foil', 'Aluminum foil'),
        node('cobalt-oxide', 'Cobalt  oxide'),
        node('alloy-2-5', 'Alloy 2.5'),
      ],
      regionGroups: [],
    }),
  );

  it.each<[string, string, string]>([
    ['sulphate written the US way', 'zinc sulfate', 'zinc-sulphate'],
    ['sulfide written the UK way', 'iron sulphide', 'iron-sulfide'],
    ['a capitalised UK name written the US way', 'sulfur', 'sulphur'],
    ['a capitalised US name written the UK way', 'caesium', 'cesium'],
    ['tyre as tire', 'tire cord', 'tyre-cord'],
    ['licence as license', 'license plates', 'licence-plates'],
    ['aluminum as aluminium', 'aluminium foil', 'aluminum-foil'],
    ['a name typed with a double space, in single-spaced text', 'cobalt oxide', 'cobalt-oxide'],
    ['a name with a dot, read literally', 'alloy 2.5', 'alloy-2-5'],
  ])('%s: %j', (_name, text, material) => {
    expect(found(text, custom)).toEqual([[material, text, false]]);
  });

  it('a dot in a name matches only a dot', () => {
    expect(found('alloy 215', custom)).toEqual([]);
  });
});
