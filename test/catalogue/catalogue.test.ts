import { describe, expect, it } from 'vitest';
import {
  Catalogue,
  type CatalogueData,
  CatalogueError,
  defaultCatalogue,
} from '../../shared/catalogue/catalogue.js';

const catalogue = defaultCatalogue();

/** The 17 rare-earth elements: id, chemical symbol, expected parent. */
const RARE_EARTH_ELEMENTS = [
  ['lanthanum', 'La', 'light-rare-earths'],
  ['cerium', 'Ce', 'light-rare-earths'],
  ['praseodymium', 'Pr', 'light-rare-earths'],
  ['neodymium', 'Nd', 'light-rare-earths'],
  ['promethium', 'Pm', 'light-rare-earths'],
  ['samarium', 'Sm', 'light-rare-earths'],
  ['europium', 'Eu', 'light-rare-earths'],
  ['gadolinium', 'Gd', 'light-rare-earths'],
  ['terbium', 'Tb', 'heavy-rare-earths'],
  ['dysprosium', 'Dy', 'heavy-rare-earths'],
  ['holmium', 'Ho', 'heavy-rare-earths'],
  ['erbium', 'Er', 'heavy-rare-earths'],
  ['thulium', 'Tm', 'heavy-rare-earths'],
  ['ytterbium', 'Yb', 'heavy-rare-earths'],
  ['lutetium', 'Lu', 'heavy-rare-earths'],
  ['yttrium', 'Y', 'heavy-rare-earths'],
  ['scandium', 'Sc', 'rare-earths'],
] as const;

describe('material taxonomy', () => {
  it.each(RARE_EARTH_ELEMENTS)('has the element %s (%s) under %s', (id, symbol, parent) => {
    expect(catalogue.material(id)).toMatchObject({ kind: 'element', symbol, parent });
  });

  it('puts exactly the 17 rare-earth elements below rare-earths', () => {
    const elements = catalogue
      .descendants('rare-earths')
      .filter((id) => catalogue.material(id)?.kind === 'element');
    expect(elements.sort()).toEqual(RARE_EARTH_ELEMENTS.map(([id]) => id).sort());
  });

  it.each([
    ['dysprosium', ['heavy-rare-earths', 'rare-earths']],
    ['neodymium', ['light-rare-earths', 'rare-earths']],
    ['scandium', ['rare-earths']],
    ['graphite-natural', ['graphite', 'battery-materials']],
    ['rare-earth-magnets', ['products']],
    ['rare-earths', []],
    ['unobtainium', []],
  ])('lists the ancestors of %s nearest first', (id, expected) => {
    expect(catalogue.ancestors(id)).toEqual(expected);
  });

  it('lists descendants at every depth, without the node itself', () => {
    const below = catalogue.descendants('battery-materials');
    expect(below).toEqual(expect.arrayContaining(['lithium', 'graphite', 'graphite-synthetic']));
    expect(below).not.toContain('battery-materials');
    expect(catalogue.descendants('dysprosium')).toEqual([]);
    expect(catalogue.descendants('unobtainium')).toEqual([]);
  });

  it.each([
    ['battery-materials', ['lithium', 'cobalt', 'nickel', 'manganese', 'graphite']],
    [
      'minor-metals',
      ['gallium', 'germanium', 'antimony', 'tungsten', 'tellurium', 'bismuth', 'molybdenum', 'indium'],
    ],
    ['graphite', ['graphite-natural', 'graphite-synthetic']],
    ['products', ['rare-earth-magnets', 'lithium-ion-batteries']],
  ])('groups %s over its members', (group, members) => {
    expect(catalogue.descendants(group)).toEqual(expect.arrayContaining(members));
  });

  it.each([
    ['rare-earth-magnets', '850511'],
    ['lithium-ion-batteries', '850760'],
    ['rare-earths', '284690'],
    ['antimony', '811010'],
  ])('gives %s the HS code %s', (id, hsCode) => {
    expect(catalogue.material(id)?.hsCodes).toContain(hsCode);
  });

  it('stores every HS code as six digits', () => {
    const malformed = catalogue
      .materials()
      .flatMap((node) =>
        node.hsCodes.filter((code) => !/^\d{6}$/.test(code)).map((code) => `${node.id}:${code}`),
      );
    expect(malformed).toEqual([]);
  });

  it('gives every node with a parent a parent that exists', () => {
    const orphans = catalogue
      .materials()
      .filter((node) => node.parent !== undefined && !catalogue.hasMaterial(node.parent));
    expect(orphans).toEqual([]);
  });

  it('uses lower-case kebab-case ids', () => {
    const badIds = catalogue
      .materials()
      .map((node) => node.id)
      .filter((id) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id));
    expect(badIds).toEqual([]);
  });

  it('never gives two nodes the same name or synonym, so text maps to one id', () => {
    const owners = new Map<string, string[]>();
    for (const node of catalogue.materials()) {
      for (const term of [node.name, ...node.synonyms]) {
        const key = term.toLowerCase();
        owners.set(key, [...(owners.get(key) ?? []), node.id]);
      }
    }
    expect([...owners].filter(([, ids]) => ids.length > 1)).toEqual([]);
  });

  it('reports unknown material ids once each and treats * as known', () => {
    expect(
      catalogue.unknownMaterials(['*', 'dysprosium', 'unobtainium', 'Dysprosium', 'unobtainium']),
    ).toEqual(['unobtainium', 'Dysprosium']);
  });
});

const VALID: CatalogueData = {
  materials: [
    { id: 'metals', name: 'Metals', kind: 'group', hsCodes: [], synonyms: [] },
    {
      id: 'tin',
      name: 'Tin',
      parent: 'metals',
      kind: 'element',
      symbol: 'Sn',
      hsCodes: ['800110'],
      synonyms: [],
    },
  ],
  regionGroups: [{ id: 'NORDICS', name: 'Nordic countries', members: ['DK', 'FI', 'IS', 'NO', 'SE'] }],
};

function withChanges(change: (data: CatalogueData) => void): CatalogueData {
  const data = structuredClone(VALID);
  change(data);
  return data;
}

function errorFrom(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('Catalogue.fromData', () => {
  it('indexes consistent data', () => {
    const built = Catalogue.fromData(VALID);
    expect(built.ancestors('tin')).toEqual(['metals']);
    expect(built.descendants('metals')).toEqual(['tin']);
    expect(built.isRegion('nordics')).toBe(true);
  });

  it.each([
    [
      'an unknown parent',
      withChanges((data) => {
        data.materials.push({
          id: 'lead',
          name: 'Lead',
          parent: 'base-metals',
          kind: 'element',
          hsCodes: [],
          synonyms: [],
        });
      }),
      /unknown parent "base-metals"/,
    ],
    [
      'a parent cycle',
      withChanges((data) => {
        data.materials.push({
          id: 'alloys',
          name: 'Alloys',
          parent: 'tin',
          kind: 'group',
          hsCodes: [],
          synonyms: [],
        });
        data.materials[0] = {
          id: 'metals',
          name: 'Metals',
          parent: 'alloys',
          kind: 'group',
          hsCodes: [],
          synonyms: [],
        };
      }),
      /"metals" is its own ancestor/,
    ],
    [
      'a node that is its own parent',
      withChanges((data) => {
        data.materials.push({
          id: 'lead',
          name: 'Lead',
          parent: 'lead',
          kind: 'element',
          hsCodes: [],
          synonyms: [],
        });
      }),
      /"lead" is its own ancestor/,
    ],
    [
      'a duplicate material id',
      withChanges((data) => {
        data.materials.push({ id: 'tin', name: 'Tin again', kind: 'element', hsCodes: [], synonyms: [] });
      }),
      /duplicate material id "tin"/,
    ],
    [
      'a material id that is not kebab-case',
      withChanges((data) => {
        data.materials.push({
          id: 'graphite_natural',
          name: 'Graphite',
          kind: 'material',
          hsCodes: [],
          synonyms: [],
        });
      }),
      /kebab-case/,
    ],
    [
      'an HS code that is not six digits',
      withChanges((data) => {
        data.materials.push({
          id: 'nickel',
          name: 'Nickel',
          kind: 'element',
          hsCodes: ['7502'],
          synonyms: [],
        });
      }),
      /6-digit/,
    ],
    [
      'a group member that is not an ISO code',
      withChanges((data) => {
        data.regionGroups.push({ id: 'BALKANS', name: 'Balkans', members: ['RS', 'XK'] });
      }),
      /member "XK" is not/,
    ],
    [
      'a lower-case group member',
      withChanges((data) => {
        data.regionGroups.push({ id: 'BENELUX', name: 'Benelux', members: ['BE', 'nl', 'LU'] });
      }),
      /member "nl" is not/,
    ],
    [
      'a group id that is an ISO code',
      withChanges((data) => {
        data.regionGroups.push({ id: 'DE', name: 'Germany and friends', members: ['DE', 'AT'] });
      }),
      /"DE" collides with an ISO 3166-1 code/,
    ],
    [
      'a duplicate group id',
      withChanges((data) => {
        data.regionGroups.push({ id: 'NORDICS', name: 'Nordics again', members: ['SE'] });
      }),
      /duplicate region group "NORDICS"/,
    ],
  ])('rejects %s with a CatalogueError', (_case, data, message) => {
    const error = errorFrom(() => Catalogue.fromData(data));
    expect(error).toBeInstanceOf(CatalogueError);
    expect(error).toMatchObject({ message: expect.stringMatching(message) });
  });

  it('freezes its data so the indexes cannot go stale', () => {
    const built = Catalogue.fromData(structuredClone(VALID));
    expect(Object.isFrozen(built.data.materials)).toBe(true);
    expect(() =>
      built.data.materials.push({ id: 'lead', name: 'Lead', kind: 'element', hsCodes: [], synonyms: [] }),
    ).toThrow(TypeError);
  });
});

describe('regions', () => {
  it.each([
    ['EU', 27],
    ['G7', 7],
    ['FIVE-EYES', 5],
    ['QUAD', 4],
  ])('expands %s to its %i member countries', (group, size) => {
    expect(catalogue.expandRegions([group])).toHaveProperty('size', size);
  });

  it('expands the EU to member states only', () => {
    const eu = catalogue.expandRegions(['eu']);
    for (const member of ['DE', 'FR', 'GR', 'HR', 'IE']) expect(eu).toContain(member);
    expect(eu).not.toContain('GB');
  });

  it('merges groups and countries case-insensitively without duplicates', () => {
    expect(catalogue.expandRegions(['g7', 'cn', 'De'])).toEqual(
      new Set(['CA', 'DE', 'FR', 'GB', 'IT', 'JP', 'US', 'CN']),
    );
  });

  it.each([[['*']], [['DE', '*']], [['eu', 'US', '*']]])('passes * through from %j', (codes) => {
    expect(catalogue.expandRegions(codes)).toBe('*');
  });

  it('lists unknown regions as written, but not lower-case countries or groups', () => {
    expect(catalogue.unknownRegions(['de', 'XX', 'eu', 'ZZZ', '*', 'five-eyes', 'XX'])).toEqual([
      'XX',
      'ZZZ',
    ]);
  });

  it.each([
    ['DE', true],
    ['de', true],
    ['eu', true],
    ['Five-Eyes', true],
    ['*', true],
    ['TW', true],
    ['XK', false],
    ['XX', false],
    ['DEU', false],
    ['', false],
  ])('isRegion(%j) is %s', (code, expected) => {
    expect(catalogue.isRegion(code)).toBe(expected);
  });

  it.each([
    ['de', 'DE'],
    ['five-eyes', 'FIVE-EYES'],
    ['*', '*'],
  ])('normalises %s to %s', (code, expected) => {
    expect(catalogue.normaliseRegion(code)).toBe(expected);
  });

  it('lists every ISO 3166-1 country, sorted by code, with English names', () => {
    const countries = catalogue.countries();
    const codes = countries.map((country) => country.code);
    expect(countries.length).toBeGreaterThanOrEqual(249);
    expect(codes).toEqual(expect.arrayContaining(['US', 'DE', 'CN', 'TW', 'HK']));
    expect(codes).toEqual([...codes].sort());
    expect(countries.find((country) => country.code === 'DE')?.name).toBe('Germany');
  });

  it('only puts countries in region groups', () => {
    const countryCodes = new Set(catalogue.countries().map((country) => country.code));
    const strays = catalogue
      .regionGroups()
      .flatMap((group) => group.members.filter((m) => !countryCodes.has(m)));
    expect(strays).toEqual([]);
  });
});

describe('defaultCatalogue', () => {
  it('builds the shipped catalogue once', () => {
    expect(defaultCatalogue()).toBe(catalogue);
  });
});
