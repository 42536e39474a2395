import { describe, expect, it } from 'vitest';
import { taggerAccuracy } from '../../bench/tagger-accuracy.js';
import {
  documentTagger,
  effectiveDateIn,
  hsCodesIn,
  type SourceDocument,
  TAGGED_CHARACTERS,
} from '../../shared/ingest/sources/tagging/tagger.js';
import { Catalogue, defaultCatalogue } from '../../shared/model/catalogue.js';
import { sourceDocument as document } from './source-documents.js';

const catalogue = defaultCatalogue();
const tag = documentTagger(catalogue);

describe('tagger on the labelled Federal Register page', () => {
  it('finds every relevant document and nothing else, with the labelled materials', () => {
    const accuracy = taggerAccuracy();
    expect(accuracy.documents).toBe(1000);
    expect(accuracy.labelled).toBeGreaterThanOrEqual(86);
    // Guarded at the level reached (1.0); the bench goal is 0.9.
    expect(accuracy.relevance).toMatchObject({ precision: 1, recall: 1 });
    expect(accuracy.materials).toMatchObject({ precision: 1, recall: 1 });
    expect(accuracy.changeTypeAgreement).toBeGreaterThanOrEqual(0.96);
  });
});

describe('materials', () => {
  it.each([
    ['Unwrought Aluminum From China: Final Affirmative Determination', ['aluminium']],
    ['Unwrought Aluminium From Russia: Final Affirmative Determination', ['aluminium']],
    ['Common Alloy Aluminum Sheet From China: Final Affirmative Determination', ['aluminium-products']],
    ['Aluminium Extrusions From China: Final Affirmative Determination', ['aluminium-products']],
    ['Neodymium-Iron-Boron Magnets From China: Final Affirmative Determination', ['rare-earth-magnets']],
    ['Certain Rare Earth Magnets From Japan: Final Affirmative Determination', ['rare-earth-magnets']],
    ['Lithium-Ion Batteries From Korea: Final Affirmative Determination', ['lithium-ion-batteries']],
    [
      'Nickel Sulphates and Cobalt Oxides From Finland: Final Affirmative Determination',
      ['cobalt', 'nickel'],
    ],
    ['Gallium Nitride Wafers From China: Final Affirmative Determination', ['gallium-compounds']],
    ['Tin Mill Products From the Netherlands: Final Affirmative Determination', ['tin-mill-products']],
    ['Certain Tin-Mill Steel From Canada: Final Affirmative Determination', ['steel']],
    [
      'Prestressed Concrete Steel Wire Strand From Malaysia: Final Affirmative Determination',
      ['steel-products'],
    ],
    [
      'Cold-Drawn Mechanical Tubing of Carbon and Alloy Steel From Italy: Final Affirmative Determination',
      ['steel-products'],
    ],
    ['Certain Oil Country Tubular Goods From Korea: Final Affirmative Determination', ['steel-products']],
  ])('%s -> %j', (title, materials) => {
    const { candidate } = tag(document({ title }));
    expect(candidate?.materials).toEqual(materials);
  });

  it.each([
    ['Mattresses From Indonesia: Final Affirmative Determination'],
    ['Truck and Bus Tires From China: Final Affirmative Determination'],
    ['Passenger Tyres From Thailand: Final Affirmative Determination'],
    ['Glycine From India: Continuation of Antidumping Duty Order'],
  ])('%s names no material and is no candidate', (title) => {
    const result = tag(document({ title }));
    expect(result.candidate).toBeUndefined();
    expect(result.reason).toMatch(/names no catalogue material/);
  });

  it('matches Chinese names from the catalogue anywhere in the text', () => {
    const data = structuredClone(catalogue.data);
    const node = data.materials.find((material) => material.id === 'rare-earths');
    node?.synonyms.push('稀土');
    const chinese = documentTagger(Catalogue.fromData(data));
    const { candidate } = chinese(
      document({
        title: '关于对部分稀土物项实施出口管制的公告',
        agencies: ['industry-and-security-bureau'],
        abstract: 'export controls',
      }),
    );
    expect(candidate?.materials).toEqual(['rare-earths']);
  });

  it('follows the live catalogue: without tin mill products and solar photovoltaics, tin mill is nothing and PV is weak silicon', () => {
    const data = structuredClone(catalogue.data);
    data.materials = data.materials.filter(
      (node) => node.id !== 'tin-mill-products' && node.id !== 'solar-photovoltaics',
    );
    const smaller = documentTagger(Catalogue.fromData(data));
    const tinMill = smaller(
      document({ title: 'Tin Mill Products From Canada: Final Affirmative Determination' }),
    );
    expect(tinMill.candidate).toBeUndefined();
    const rules = tinMill.candidate === undefined ? tinMill.evidence.map((item) => item.rule) : [];
    expect(rules).toContain('blocked phrase tin-mill-products');
    const pv = smaller(
      document({ title: 'Crystalline Silicon Photovoltaic Cells From China: Preliminary Results' }),
    );
    expect(pv.candidate?.materials).toEqual(['silicon-metal']);
    expect(pv.candidate?.confidence).toBeLessThan(0.8);
  });
});

describe('documents that are never candidates', () => {
  it.each([
    [
      {
        title: 'Airworthiness Directives; Airbus SAS Airplanes with titanium fittings',
        agencies: ['federal-aviation-administration'],
      },
    ],
    [
      {
        title: 'Airworthiness Directives; cobalt alloy turbine blades',
        agencies: ['industry-and-security-bureau'],
      },
    ],
    [
      {
        title: 'Escalante Solar, LLC; lithium storage tariff filing',
        agencies: ['federal-energy-regulatory-commission'],
      },
    ],
    [
      {
        title: 'Lithion Battery, Inc.; (Lithium-Ion Battery Packs)',
        agencies: ['foreign-trade-zones-board'],
      },
    ],
    [
      {
        title: 'National Drinking Water Advisory Council; copper',
        agencies: ['environmental-protection-agency'],
      },
    ],
  ])('%j', (overrides) => {
    expect(tag(document(overrides)).candidate).toBeUndefined();
  });
});

describe('change type, severity and regions', () => {
  it('an Entity List rule under 15 CFR 744 is an end-user listing on every item, issued by the US', () => {
    const { candidate } = tag(
      document({
        title: 'Additions of Entities to the Entity List',
        abstract: 'This rule adds 13 Chinese entities to the Entity List.',
        agencies: ['commerce-department', 'industry-and-security-bureau'],
        cfrReferences: [{ title: 15, part: 744 }],
        documentType: 'Rule',
      }),
    );
    expect(candidate).toMatchObject({
      changeType: 'end-user-list-addition',
      severity: 'high',
      direction: 'tightening',
      materials: ['*'],
      originRegions: ['US'],
      affectedRegions: ['CN'],
    });
  });

  it('a rule citing only 15 CFR 744 is read as an Entity List change', () => {
    const { candidate } = tag(
      document({
        title: 'Revisions to Supplement No. 4',
        agencies: ['industry-and-security-bureau'],
        cfrReferences: [{ title: 15, part: 744 }],
      }),
    );
    expect(candidate?.changeType).toBe('end-user-list-addition');
    expect(candidate?.evidence.some((item) => item.rule === '15-cfr-744-end-user-controls')).toBe(true);
  });

  it('an import measure on Chinese goods has origin CN and destination US', () => {
    const { candidate } = tag(
      document({
        title: 'Adjusting Imports of Graphite Into the United States',
        abstract: 'Duties on Chinese natural graphite.',
        agencies: ['executive-office-of-the-president'],
      }),
    );
    expect(candidate).toMatchObject({
      originRegions: ['CN'],
      affectedRegions: ['US'],
      issuingRegion: 'US',
      changeType: 'import-tariff',
    });
  });

  it('origins come from the title list, all of them', () => {
    const { candidate } = tag(
      document({
        title:
          'Antimony Trioxide From Chile, China, and the Republic of Korea; Institution of Five-Year Reviews',
      }),
    );
    expect(candidate?.originRegions).toEqual(['CL', 'CN', 'KR']);
    expect(candidate?.changeType).toBe('trade-investigation');
  });

  it('a weak term alone goes to review; a material in the title is published', () => {
    const weak = tag(
      document({ title: 'Silicon Wafers From China: Preliminary Results of Administrative Review' }),
    );
    const strong = tag(document({ title: 'Silicon Metal From Russia: Final Affirmative Determination' }));
    expect(weak.candidate?.confidence).toBeLessThan(0.8);
    expect(strong.candidate?.confidence).toBeGreaterThanOrEqual(0.8);
  });
});

describe('HS codes and dates in text', () => {
  it.each([
    [
      'subject merchandise is classified under HTSUS subheadings 7606.12.3091 and 7606.91.3095',
      ['7606123091', '7606913095'],
    ],
    ['under heading 8505 and subheading 850511', ['8505', '850511']],
    ['published January 4, 2024 at 89 FR 1234', []],
  ])('%s', (text, codes) => {
    expect(hsCodesIn(text)).toEqual(codes);
  });

  it.each([
    ['Applicable January 4, 2024.', '2024-01-04'],
    ['This rule is effective on February 12, 2024. Comments are due March 1, 2024.', '2024-02-12'],
    ['January 11, 2024.', '2024-01-11'],
    ['Comments must be received by March 11, 2024.', undefined],
  ])('%s -> %s', (dates, date) => {
    expect(effectiveDateIn(dates)).toBe(date);
  });
});

describe('bounded work', () => {
  it('tags a 20 MB abstract on its opening characters only and says so in the evidence', () => {
    const opening = 'Duties on unwrought aluminum from China. ';
    const filler = 'The Department of Commerce determines that the goods are sold at less than fair value. ';
    const abstract = `${opening}${filler.repeat(Math.ceil(20_000_000 / filler.length))}`.slice(0, 19_999_990);
    const result = tag(
      document({
        title: 'Certain Goods: Final Affirmative Determination',
        // Named only past the cap: never read.
        abstract: `${abstract} cobalt`,
      }),
    );
    expect(result.candidate?.materials).toEqual(['aluminium']);
    expect(result.candidate?.evidence[0]).toEqual({
      field: 'text',
      value: 'abstract',
      rule: `first ${TAGGED_CHARACTERS} of 19999997 characters tagged`,
    });
  });

  it('cuts every text field, a title too, and keeps fields under the cap whole', () => {
    const long = 'steel '.repeat(TAGGED_CHARACTERS);
    const result = tag(document({ title: long, action: long, dates: long, abstract: 'steel' }));
    const evidence = result.candidate ? result.candidate.evidence : result.evidence;
    expect(evidence.filter((item) => item.field === 'text').map((item) => item.value)).toEqual([
      'title',
      'action',
      'dates',
    ]);
  });

  it.each([
    ['Pipes of Carbon and Alloy Steel From Italy: Final Affirmative Determination', ['steel-products']],
    ['Pipes of the Five Big Round Heavy Steel From Italy: Final Affirmative Determination', ['steel']],
    ['Pipes, of Alloy Steel From Italy: Final Affirmative Determination', ['steel']],
    ['--Pipes of Alloy Steel From Italy: Final Affirmative Determination', ['steel-products']],
    [`Steel ${'x'.repeat(200)} Pipe From Italy: Final Affirmative Determination`, ['steel']],
  ])('reads a product form within a few words of the material: %s', (title, materials) => {
    expect(tag(document({ title })).candidate?.materials).toEqual(materials);
  });
});
