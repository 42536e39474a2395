import { describe, expect, it } from 'vitest';
import { defaultCatalogue, normaliseTerm } from '../../shared/model/catalogue.js';

const catalogue = defaultCatalogue();

// The shipped material taxonomy and the lookups on it; data checks: catalogue-data.test.ts.
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

describe('defaultCatalogue', () => {
  it('builds the shipped catalogue once', () => {
    expect(defaultCatalogue()).toBe(catalogue);
  });
});
