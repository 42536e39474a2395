import countryNames from 'i18n-iso-countries/index.js';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import {
  Catalogue,
  type CatalogueData,
  CatalogueDataSchema,
  CatalogueError,
  defaultCatalogue,
  normaliseTerm,
} from '../../shared/model/catalogue.js';

const catalogue = defaultCatalogue();

/** The 17 rare-earth elements: id, chemical symbol, expected parent (China's light / medium / heavy split). */
const RARE_EARTH_ELEMENTS = [
  ['lanthanum', 'La', 'light-rare-earths'],
  ['cerium', 'Ce', 'light-rare-earths'],
  ['praseodymium', 'Pr', 'light-rare-earths'],
  ['neodymium', 'Nd', 'light-rare-earths'],
  ['promethium', 'Pm', 'light-rare-earths'],
  ['samarium', 'Sm', 'medium-rare-earths'],
  ['europium', 'Eu', 'medium-rare-earths'],
  ['gadolinium', 'Gd', 'medium-rare-earths'],
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
    expect(catalogue.material(id)).toMatchObject({ kind: 'element', symbol, parents: [parent] });
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
    ['samarium', ['medium-rare-earths', 'rare-earths']],
    ['scandium', ['rare-earths']],
    ['graphite-natural', ['graphite', 'battery-materials']],
    ['rare-earth-magnets', ['products', 'rare-earths']],
    // Two parents that share a grandparent: battery-materials is listed once.
    [
      'artificial-graphite-anode-materials',
      ['graphite-synthetic', 'battery-anode-materials', 'graphite', 'battery-materials'],
    ],
    [
      'doped-semiconductor-wafers',
      [
        'gallium-compounds',
        'germanium-compounds',
        'semiconductor-materials',
        'gallium',
        'germanium',
        'minor-metals',
      ],
    ],
    ['tin-mill-products', ['steel', 'industrial-metals']],
    ['aluminium-products', ['aluminium', 'industrial-metals']],
    ['polysilicon', ['silicon-metal', 'semiconductor-materials', 'industrial-metals']],
    ['solar-photovoltaics', ['products']],
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
    ['graphite', ['graphite-natural', 'graphite-synthetic', 'artificial-graphite-anode-materials']],
    [
      'products',
      [
        'rare-earth-magnets',
        'lithium-ion-batteries',
        'lithium-battery-equipment',
        'rare-earth-processing-equipment',
        'solar-photovoltaics',
      ],
    ],
    ['gallium', ['gallium-compounds', 'doped-semiconductor-wafers']],
    ['germanium', ['germanium-compounds', 'doped-semiconductor-wafers']],
    ['steel', ['steel-products', 'tin-mill-products']],
    ['aluminium', ['aluminium-products']],
    ['silicon-metal', ['polysilicon']],
    ['battery-anode-materials', ['artificial-graphite-anode-materials']],
    ['battery-cathode-materials', ['battery-cathode-precursors']],
    [
      'rare-earths',
      ['rare-earth-magnets', 'rare-earth-processing-equipment', 'rare-earth-auxiliary-materials'],
    ],
  ])('groups %s over its members', (group, members) => {
    expect(catalogue.descendants(group)).toEqual(expect.arrayContaining(members));
  });

  it.each([
    ['light-rare-earths', ['lanthanum', 'cerium', 'praseodymium', 'neodymium', 'promethium']],
    ['medium-rare-earths', ['samarium', 'europium', 'gadolinium']],
    [
      'heavy-rare-earths',
      ['terbium', 'dysprosium', 'holmium', 'erbium', 'thulium', 'ytterbium', 'lutetium', 'yttrium'],
    ],
  ])('groups rare earths as China does: %s is exactly %j', (group, members) => {
    expect(catalogue.descendants(group).sort()).toEqual([...members].sort());
  });

  it.each([
    ['tin-mill-products', 'tin'],
    ['solar-photovoltaics', 'polysilicon'],
    ['lithium-battery-equipment', 'lithium-ion-batteries'],
    ['dysprosium', 'rare-earth-magnets'],
  ])('does not put %s below %s', (id, notAncestor) => {
    expect(catalogue.ancestors(id)).not.toContain(notAncestor);
  });

  it('lists descendants nearest first and each once, through every parent', () => {
    const below = catalogue.descendants('gallium');
    expect(below).toEqual(['gallium-compounds', 'doped-semiconductor-wafers']);
    const rareEarths = catalogue.descendants('rare-earths');
    expect(new Set(rareEarths).size).toBe(rareEarths.length);
    expect(rareEarths.indexOf('medium-rare-earths')).toBeLessThan(rareEarths.indexOf('samarium'));
  });

  it.each([
    ['rare-earth-magnets', '850511'],
    ['lithium-ion-batteries', '850760'],
    ['rare-earths', '284690'],
    ['antimony', '811010'],
    ['gallium-compounds', '282590'],
    ['gallium-compounds', '285390'],
    ['gallium-compounds', '285000'],
    ['germanium-compounds', '282560'],
    ['germanium-compounds', '282739'],
    ['doped-semiconductor-wafers', '381800'],
    ['polysilicon', '280461'],
    ['solar-photovoltaics', '854142'],
    ['solar-photovoltaics', '854143'],
    ['tin-mill-products', '721011'],
    ['tin-mill-products', '721012'],
    ['steel', '7208'],
    ['steel-products', '7306'],
    ['aluminium-products', '7606'],
    ['artificial-graphite-anode-materials', '380110'],
    ['superhard-materials', '710421'],
  ])('gives %s the HS code %s', (id, hsCode) => {
    expect(catalogue.material(id)?.hsCodes).toContain(hsCode);
  });

  it.each([
    // Catch-all subheadings belong to the compounds, not to every gallium or germanium good.
    ['gallium', ['282590', '285390', '381800']],
    ['germanium', ['282560', '381800']],
    // Tinplate is steel, whatever its coating.
    ['tin', ['721011', '721012']],
    ['aluminium', ['7606']],
    ['silicon-metal', ['280461']],
  ])('does not give %s the codes %j of its more specific nodes', (id, codes) => {
    for (const code of codes) expect(catalogue.material(id)?.hsCodes).not.toContain(code);
  });

  it('stores every HS code as 4 to 10 digits', () => {
    const malformed = catalogue
      .materials()
      .flatMap((node) =>
        node.hsCodes.filter((code) => !/^\d{4,10}$/.test(code)).map((code) => `${node.id}:${code}`),
      );
    expect(malformed).toEqual([]);
  });

  it('gives every node with parents parents that exist', () => {
    const orphans = catalogue
      .materials()
      .filter((node) => node.parents.some((parent) => !catalogue.hasMaterial(parent)));
    expect(orphans).toEqual([]);
  });

  it('uses lower-case kebab-case ids', () => {
    const badIds = catalogue
      .materials()
      .map((node) => node.id)
      .filter((id) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id));
    expect(badIds).toEqual([]);
  });

  it('never gives two nodes the same id, name or synonym once normalised, so text maps to one id', () => {
    const owners = new Map<string, Set<string>>();
    for (const node of catalogue.materials()) {
      for (const term of [node.id, node.name, ...node.synonyms]) {
        const key = normaliseTerm(term);
        owners.set(key, (owners.get(key) ?? new Set()).add(node.id));
      }
    }
    expect([...owners].filter(([, ids]) => ids.size > 1)).toEqual([]);
  });

  // Every material named in China's export-control announcements of 2023-2025, by its Chinese name.
  it.each([
    ['稀土', 'rare-earths'],
    ['轻稀土', 'light-rare-earths'],
    ['中稀土', 'medium-rare-earths'],
    ['重稀土', 'heavy-rare-earths'],
    ['钐', 'samarium'],
    ['钆', 'gadolinium'],
    ['铽', 'terbium'],
    ['镝', 'dysprosium'],
    ['镥', 'lutetium'],
    ['钪', 'scandium'],
    ['钇', 'yttrium'],
    ['钬', 'holmium'],
    ['铒', 'erbium'],
    ['铥', 'thulium'],
    ['铕', 'europium'],
    ['镱', 'ytterbium'],
    ['镓', 'gallium'],
    ['砷化镓', 'gallium-compounds'],
    ['锗', 'germanium'],
    ['二氧化锗', 'germanium-compounds'],
    ['锑', 'antimony'],
    ['超硬材料', 'superhard-materials'],
    ['石墨', 'graphite'],
    ['天然石墨', 'graphite-natural'],
    ['人造石墨', 'graphite-synthetic'],
    ['人造石墨负极材料', 'artificial-graphite-anode-materials'],
    ['钨', 'tungsten'],
    ['碲', 'tellurium'],
    ['铋', 'bismuth'],
    ['钼', 'molybdenum'],
    ['铟', 'indium'],
    ['锂', 'lithium'],
    ['锂离子电池', 'lithium-ion-batteries'],
    ['三元前驱体', 'battery-cathode-precursors'],
    ['磷酸铁锂', 'battery-cathode-materials'],
    ['锂电池生产设备', 'lithium-battery-equipment'],
    ['稀土生产设备', 'rare-earth-processing-equipment'],
    ['稀土原辅料', 'rare-earth-auxiliary-materials'],
    ['钕铁硼', 'rare-earth-magnets'],
  ])('resolves the Chinese name %s to %s', (text, id) => {
    expect(catalogue.resolveMaterial(text)).toBe(id);
  });

  it.each([
    ['aluminum', 'aluminium'],
    ['Aluminum', 'aluminium'],
    ['ＡＬＵＭＩＮＵＭ', 'aluminium'],
    ['aluminium', 'aluminium'],
    ['Dysprosium', 'dysprosium'],
    ['  dysprosium  ', 'dysprosium'],
    ['Dy', 'dysprosium'],
    ['Ｄｙ', 'dysprosium'],
    ['Tin mill products', 'tin-mill-products'],
    ['tinplate', 'tin-mill-products'],
    ['Rare Earths', 'rare-earths'],
    ['rare_earths', 'rare-earths'],
    ['rare earth elements', 'rare-earths'],
    ['Rare-earth elements', 'rare-earths'],
    ['gallium arsenide', 'gallium-compounds'],
    ['GaN', 'gallium-compounds'],
    ['wolfram', 'tungsten'],
    ['nickel sulfate', 'nickel'],
    ['nickel sulphate', 'nickel'],
    ['polysilicon', 'polysilicon'],
    ['solar panels', 'solar-photovoltaics'],
    ['steel', 'steel'],
    ['derivative steel articles', 'steel-products'],
    ['aluminum products', 'aluminium-products'],
    ['graphite-natural', 'graphite-natural'],
    ['NdFeB magnets', 'rare-earth-magnets'],
    ['Nd', 'neodymium'],
    ['Éuropium', 'europium'],
  ])('resolves %j to %s', (text, id) => {
    expect(catalogue.resolveMaterial(text)).toBe(id);
  });

  it.each([
    ['unobtainium'],
    [''],
    ['   '],
    ['*'],
    // Symbols only as chemists write them: lower-case "in" is a word, not indium.
    ['in'],
    ['dy'],
    // No partial matches: "rare" is not rare earths, "tin mill" is not tin mill products.
    ['rare'],
    ['tin mill'],
  ])('resolves %j to nothing', (text) => {
    expect(catalogue.resolveMaterial(text)).toBeUndefined();
  });

  it('resolves a list to ids once each in input order, keeps *, and lists the unknown as written', () => {
    expect(
      catalogue.resolveMaterials(['Aluminum', '镝', 'Unobtainium', '*', 'aluminium', 'Dy', 'Unobtainium']),
    ).toEqual({ ids: ['aluminium', 'dysprosium', '*'], unknown: ['Unobtainium'] });
    expect(catalogue.resolveMaterials([])).toEqual({ ids: [], unknown: [] });
  });

  it('reports unknown material ids once each and treats * as known', () => {
    expect(
      catalogue.unknownMaterials(['*', 'dysprosium', 'unobtainium', 'Dysprosium', 'unobtainium']),
    ).toEqual(['unobtainium', 'Dysprosium']);
  });
});

const VALID: CatalogueData = {
  materials: [
    { id: 'metals', name: 'Metals', parents: [], kind: 'group', hsCodes: [], synonyms: [] },
    {
      id: 'tin',
      name: 'Tin',
      parents: ['metals'],
      kind: 'element',
      symbol: 'Sn',
      hsCodes: ['800110'],
      synonyms: [],
    },
  ],
  regionGroups: [{ id: 'NORDICS', name: 'Nordic countries', members: ['DK', 'FI', 'IS', 'NO', 'SE'] }],
};

type Node = CatalogueData['materials'][number];

/** A node with defaults for the fields a case does not care about. */
function node(id: string, parents: string[] = [], extra: Partial<Node> = {}): Node {
  return { id, name: id, parents, kind: 'material', hsCodes: [], synonyms: [], ...extra };
}

/**
 * A diamond and a tail: metals <- {base-metals, tin-family} <- solder <- lead-free-solder, plus
 * packaging <- tinplate-cans. `solder` is reached through two parents with a shared grandparent.
 */
const DAG: CatalogueData = {
  materials: [
    node('metals'),
    node('base-metals', ['metals']),
    node('tin-family', ['metals']),
    node('packaging'),
    node('solder', ['base-metals', 'tin-family']),
    node('lead-free-solder', ['solder']),
    node('tinplate-cans', ['packaging', 'tin-family']),
  ],
  regionGroups: [],
};

function withChanges(change: (data: CatalogueData) => void, base: CatalogueData = VALID): CatalogueData {
  const data = structuredClone(base);
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
    ['solder', ['base-metals', 'tin-family', 'metals']],
    ['lead-free-solder', ['solder', 'base-metals', 'tin-family', 'metals']],
    ['tinplate-cans', ['packaging', 'tin-family', 'metals']],
    ['metals', []],
  ])('lists the ancestors of %s through every parent, once each, nearest first', (id, expected) => {
    expect(Catalogue.fromData(DAG).ancestors(id)).toEqual(expected);
  });

  it.each([
    ['metals', ['base-metals', 'tin-family', 'solder', 'tinplate-cans', 'lead-free-solder']],
    ['tin-family', ['solder', 'tinplate-cans', 'lead-free-solder']],
    ['base-metals', ['solder', 'lead-free-solder']],
    ['packaging', ['tinplate-cans']],
    ['lead-free-solder', []],
  ])('lists the descendants of %s through every child, once each, nearest first', (id, expected) => {
    expect(Catalogue.fromData(DAG).descendants(id)).toEqual(expected);
  });

  it('reads a stored v1 node with a single parent as parents: [parent]', () => {
    const stored = CatalogueDataSchema.parse({
      materials: [
        { id: 'metals', name: 'Metals', kind: 'group', hsCodes: [], synonyms: [] },
        { id: 'tin', name: 'Tin', parent: 'metals', kind: 'element', hsCodes: [], synonyms: [] },
      ],
      regionGroups: [],
    });
    expect(stored.materials.map((m) => [m.id, m.parents])).toEqual([
      ['metals', []],
      ['tin', ['metals']],
    ]);
    expect(Catalogue.fromData(stored).ancestors('tin')).toEqual(['metals']);
  });

  it.each([
    ['a 4-digit heading', '3818'],
    ['an 8-digit national line', '81129210'],
    ['a 10-digit national line', '8112929010'],
  ])('accepts %s as an HS code', (_case, code) => {
    const data = withChanges((d) => d.materials.push(node('gallium-metal', [], { hsCodes: [code] })));
    expect(Catalogue.fromData(data).material('gallium-metal')?.hsCodes).toEqual([code]);
  });

  it.each([
    [
      'an unknown parent',
      withChanges((data) => {
        data.materials.push(node('lead', ['base-metals'], { kind: 'element' }));
      }),
      /unknown parent "base-metals"/,
    ],
    [
      'an unknown second parent',
      withChanges((data) => {
        data.materials.push(node('solder', ['metals', 'alloys']));
      }),
      /"solder" has unknown parent "alloys"/,
    ],
    [
      'a parent listed twice',
      withChanges((data) => {
        data.materials.push(node('solder', ['metals', 'tin', 'metals']));
      }),
      /"solder" lists parent "metals" twice/,
    ],
    [
      'a parent cycle',
      withChanges((data) => {
        data.materials.push(node('alloys', ['tin'], { kind: 'group' }));
        data.materials[0] = node('metals', ['alloys'], { name: 'Metals', kind: 'group' });
      }),
      /"metals" is its own ancestor/,
    ],
    [
      'a cycle through a second parent',
      withChanges((data) => {
        // packaging -> tinplate-cans -> (second parent) packaging
        const packaging = data.materials.find((m) => m.id === 'packaging');
        if (packaging) packaging.parents = ['tinplate-cans'];
      }, DAG),
      /"packaging" is its own ancestor/,
    ],
    [
      'a cycle through a second parent further down',
      withChanges((data) => {
        const tinFamily = data.materials.find((m) => m.id === 'tin-family');
        if (tinFamily) tinFamily.parents = ['metals', 'lead-free-solder'];
      }, DAG),
      /"tin-family" is its own ancestor/,
    ],
    [
      'a node that is its own parent',
      withChanges((data) => {
        data.materials.push(node('lead', ['lead'], { kind: 'element' }));
      }),
      /"lead" is its own ancestor/,
    ],
    [
      'a duplicate material id',
      withChanges((data) => {
        data.materials.push(node('tin', [], { name: 'Tin again', kind: 'element' }));
      }),
      /duplicate material id "tin"/,
    ],
    [
      'a synonym given to two nodes',
      withChanges((data) => {
        data.materials.push(node('lead', [], { synonyms: ['solder metal'] }));
        data.materials.push(node('bismuth', [], { synonyms: ['solder metal'] }));
      }),
      /"solder metal" would name several materials: lead, bismuth/,
    ],
    [
      'a synonym that differs only in case, accents, width or hyphens',
      withChanges((data) => {
        data.materials.push(node('lead', [], { synonyms: ['Solder-Métal'] }));
        data.materials.push(node('bismuth', [], { synonyms: ['ｓｏｌｄｅｒ metal'] }));
      }),
      /"solder metal" would name several materials: lead, bismuth/,
    ],
    [
      'a synonym that is another node’s name',
      withChanges((data) => {
        data.materials.push(node('cassiterite', [], { synonyms: ['tin'] }));
      }),
      /"tin" would name several materials: tin, cassiterite/,
    ],
    [
      'a symbol given to two nodes',
      withChanges((data) => {
        data.materials.push(node('tin-metal', [], { kind: 'element', symbol: 'Sn' }));
      }),
      /symbol "Sn" is given to several materials: tin, tin-metal/,
    ],
    [
      'a synonym spelled like another node’s symbol',
      withChanges((data) => {
        data.materials.push(node('tin-ore', [], { synonyms: ['SN'] }));
      }),
      /"Sn" is the symbol of tin and may not name tin-ore/,
    ],
    [
      'a material id that is not kebab-case',
      withChanges((data) => {
        data.materials.push(node('graphite_natural'));
      }),
      /kebab-case/,
    ],
    [
      'an HS code of three digits',
      withChanges((data) => {
        data.materials.push(node('nickel', [], { kind: 'element', hsCodes: ['750'] }));
      }),
      /4 to 10 digits/,
    ],
    [
      'an HS code of eleven digits',
      withChanges((data) => {
        data.materials.push(node('nickel', [], { kind: 'element', hsCodes: ['75021000001'] }));
      }),
      /4 to 10 digits/,
    ],
    [
      'an HS code with dots',
      withChanges((data) => {
        data.materials.push(node('nickel', [], { kind: 'element', hsCodes: ['7502.10'] }));
      }),
      /4 to 10 digits/,
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
    expect(() => built.data.materials.push(node('lead'))).toThrow(TypeError);
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

  it("reads the same codes and names from the English file as i18n-iso-countries' own functions give", () => {
    countryNames.registerLocale(english);
    const expected = Object.keys(countryNames.getAlpha2Codes())
      .filter((code) => code !== 'XK')
      .sort()
      .map((code) => ({ code, name: countryNames.getName(code, 'en') }));
    expect(catalogue.countries()).toEqual(expected);
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
