import { describe, expect, it } from 'vitest';
import { documentTagger } from '../../shared/ingest/sources/tagging/tagger.js';
import { Catalogue, defaultCatalogue } from '../../shared/model/catalogue.js';
import { AGENCY, evidenceOf, sourceDocument } from './source-documents.js';

const catalogue = defaultCatalogue();
const tag = documentTagger(catalogue);
const order = (goods: string) =>
  sourceDocument({ title: `${goods} From China: Final Affirmative Determination` });

// Without tin mill products in the catalogue, "tin" inside a tin mill phrase is left to the blocked phrases.
const withoutTinMill = (() => {
  const data = structuredClone(catalogue.data);
  data.materials = data.materials.filter((node) => node.id !== 'tin-mill-products');
  return documentTagger(Catalogue.fromData(data));
})();

describe('blocked phrases: a material named inside a phrase about something else', () => {
  it.each([
    ['Tin Mill Products', [], 'tin-mill-products', 'Tin Mill'],
    ['Tin Mill-Products', [], 'tin-mill-products', 'Tin Mill-Products'],
    ['Tin-Free Steel', ['steel'], 'tin-free-steel', 'Tin-Free Steel'],
    ['Tin Plate', [], 'tinplate', 'Tin Plate'],
    ['Tin-Plated Sheet', [], 'tinplate', 'Tin-Plated'],
    ['Tin Plates', [], 'tinplate', 'Tin Plates'],
  ])('%s: %j, blocked by %s', (goods, materials, phrase, text) => {
    const result = withoutTinMill(order(goods));
    expect(result.candidate?.materials ?? []).toEqual(materials);
    expect(evidenceOf(result)).toContainEqual({
      field: 'materials',
      value: 'not tin',
      rule: `blocked phrase ${phrase}`,
      text,
    });
  });

  it.each([
    ['Silicon Valley Gallium', ['gallium'], 'silicon-valley', 'silicon-metal', 'Silicon Valley'],
    ['Silicon Steel', ['steel'], 'silicon-steel', 'silicon-metal', 'Silicon Steel'],
    ['Silicon Electrical Steel', ['steel'], 'silicon-steel', 'silicon-metal', 'Silicon Electrical Steel'],
    ['Lead and Copper Rule Pipes', [], 'lead-and-copper-rule', 'copper', 'Lead and Copper Rule'],
  ])('%s: %j, blocked by %s', (goods, materials, phrase, material, text) => {
    const result = tag(order(goods));
    expect(result.candidate?.materials ?? []).toEqual(materials);
    expect(evidenceOf(result)).toContainEqual({
      field: 'materials',
      value: `not ${material}`,
      rule: `blocked phrase ${phrase}`,
      text,
    });
  });

  it.each([
    ['before the phrase', 'Tin and Tin Mill Products'],
    ['after the phrase', 'Tin Mill Products and Tin'],
  ])('the material named on its own %s still counts', (_where, goods) => {
    expect(withoutTinMill(order(goods)).candidate?.materials).toEqual(['tin']);
  });
});

describe('product forms: a material named as a form of goods is its product', () => {
  const forms = (material: string, product: string, words: string[]) =>
    words.map((word) => [`${material} ${word}`, product, word.split(' ').at(-1) ?? word]);

  it.each([
    ...forms('Steel', 'steel', [
      'Pipe',
      'Tube',
      'Tubing',
      'Fitting',
      'Strand',
      'Shelving',
      'Nails',
      'Rack',
      'Container',
      'Drum',
      'Wheels',
      'Hangers',
      'Tower',
    ]),
    ...forms('Aluminum', 'aluminium', [
      'Sheet',
      'Plate',
      'Foil',
      'Extrusion',
      'Wire',
      'Tube',
      'Tubing',
      'Strip',
      'Bar',
      'Rod',
      'Profile',
      'Fabricated Articles',
    ]),
    ...forms('Copper', 'copper', [
      'Pipe',
      'Tube',
      'Tubing',
      'Sheet',
      'Plate',
      'Foil',
      'Wire',
      'Bar',
      'Rod',
      'Strip',
      'Fabricated Articles',
    ]),
  ])('%s -> %s-products, by "%s"', (goods, material, word) => {
    const { candidate } = tag(order(`Certain ${goods}`));
    expect(candidate?.materials).toEqual([`${material}-products`]);
    expect(candidate?.evidence).toContainEqual({
      field: 'materials',
      value: `${material}-products`,
      rule: `product form "${word}" of ${material}`,
      text: goods.split(' ')[0],
    });
  });

  it.each([
    ['a word that only ends like a form', 'Steel Standpipes', 'steel'],
    ['a word that only starts like a form', 'Steel Pipeline Valves', 'steel'],
    ['a word that only ends like an aluminium form', 'Aluminum Backplates', 'aluminium'],
    ['a word that only starts like an aluminium form', 'Aluminum Sheeting Machines', 'aluminium'],
    ['a word that only ends like a copper form', 'Copper Downpipes', 'copper'],
    ['a word that only starts like a copper form', 'Copper Wirework', 'copper'],
    [
      'a form after a comma, which belongs to the next item',
      'Carbon Steel, Plastic Pipe and Fittings',
      'steel',
    ],
    ['a form more than four words on', 'Steel Used in Large Outdoor Racks', 'steel'],
    ['a form within four words', 'Steel Used in Outdoor Racks', 'steel-products'],
    ['a form after a double space', 'Steel  Pipe', 'steel-products'],
    ['a form before "of", spaces doubled', 'Mechanical Tubing  of  Cold-Drawn  Steel', 'steel-products'],
  ])('%s: %s -> %s', (_name, goods, material) => {
    expect(tag(order(goods)).candidate?.materials).toEqual([material]);
  });
});

describe('trade names the catalogue does not carry', () => {
  it.each([
    ['Circular Welded Pipe', 'welded-pipe', 'Welded Pipe'],
    ['Circular Welded Non-Alloy Pipes', 'welded-pipe', 'Welded Non-Alloy Pipes'],
    ['Circular Welded Pipe and Tube', 'welded-pipe', 'Welded Pipe and Tube'],
    ['Circular Welded Pipes and Tubes', 'welded-pipe', 'Welded Pipes and Tubes'],
    ['Cast Iron Fitting', 'cast-iron-articles', 'Cast Iron Fitting'],
    ['Cast Iron Soil Pipe', 'cast-iron-articles', 'Cast Iron Soil Pipe'],
    ['Cast Iron Tube', 'cast-iron-articles', 'Cast Iron Tube'],
    ['Oil Country Tubular Goods', 'oil-country-tubular-goods', 'Oil Country Tubular Goods'],
  ])('%s -> steel-products by %s', (goods, name, text) => {
    const { candidate } = tag(order(goods));
    expect(candidate?.materials).toEqual(['steel-products']);
    expect(candidate?.evidence).toContainEqual({
      field: 'materials',
      value: 'steel-products',
      rule: `trade name ${name}`,
      text,
    });
    // A trade name is strong evidence: 0.2 + 0.3 x 0.75 (order) + 0.35 (in the title) + 0.15 (agency).
    expect(candidate?.confidence).toBe(0.93);
  });
});

describe('catalogue names the tagger does not read', () => {
  it.each(['Industrial Metals', 'Industrial Minerals', 'Minor Metals', 'Technology Metals', 'Products'])(
    'a generic group name (%s) names no material',
    (goods) => {
      expect(tag(order(goods)).reason).toBe('trade-remedy-order: names no catalogue material');
    },
  );
});

describe('confidence', () => {
  it.each([
    // 0.2 + 0.3 x weight of the action rule, then one of the material terms, then the agency's role
    ['a strong material in the title', order('Unwrought Aluminum'), 0.93],
    ['a strong and a weak material in the title', order('Unwrought Aluminum and Silicon'), 0.93],
    ['a weak term alone: silicon', order('Silicon'), 0.63],
    ['a weak term alone: alumina', order('Alumina'), 0.63],
    ['a weak term alone: moly', order('Moly'), 0.63],
    ['a weak term alone: zircon', order('Zircon'), 0.63],
    ['a weak term alone: rutile', order('Rutile'), 0.63],
    [
      'a strong material in the abstract only',
      sourceDocument({
        title: 'Final Affirmative Determination',
        abstract: 'The order covers unwrought aluminum.',
      }),
      0.78,
    ],
    [
      'a rule of several roles fitting one of them',
      sourceDocument({ title: 'Aluminum From China: Tariff Treatment', agencies: [AGENCY.trade] }),
      0.85,
    ],
    [
      'a measure on every item, capped for a person to decide',
      sourceDocument({ title: 'Additions to the Entity List', agencies: [AGENCY.exportControl] }),
      0.6,
    ],
    [
      'a measure on every item, read from a CFR part of another agency: no role, below the cap',
      sourceDocument({ title: 'Technical Corrections', cfrReferences: [{ title: 31, part: 510 }] }),
      0.48,
    ],
  ])('%s', (_name, document, confidence) => {
    expect(tag(document).candidate?.confidence).toBe(confidence);
  });
});
