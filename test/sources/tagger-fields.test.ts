import { describe, expect, it } from 'vitest';
import { documentTagger, effectiveDateIn, hsCodesIn } from '../../shared/ingest/sources/tagging/tagger.js';
import { defaultCatalogue } from '../../shared/model/catalogue.js';
import { AGENCY, evidence, sourceDocument } from './source-documents.js';

const tag = documentTagger(defaultCatalogue());

describe('the candidate and its evidence', () => {
  it('carries the document’s fields and one piece of evidence per decision, in order', () => {
    const { candidate } = tag(
      sourceDocument({
        sourceRef: '2024-00123',
        title: 'Unwrought Aluminum From China: Final Affirmative Determination',
        abstract: 'Covers goods under subheading 7601.10.',
        publishedOn: '2024-01-04',
        effectiveOn: '2024-01-10',
        url: 'https://www.federalregister.gov/d/2024-00123',
      }),
    );
    expect(candidate).toEqual({
      source: 'federal-register',
      sourceRef: '2024-00123',
      title: 'Unwrought Aluminum From China: Final Affirmative Determination',
      summary: 'Covers goods under subheading 7601.10.',
      url: 'https://www.federalregister.gov/d/2024-00123',
      materials: ['aluminium'],
      hsCodes: ['760110'],
      changeType: 'import-tariff',
      direction: 'tightening',
      issuingRegion: 'US',
      originRegions: ['CN'],
      affectedRegions: ['US'],
      itemTypes: ['goods'],
      entities: [],
      severity: 'medium',
      publishedAt: '2024-01-04',
      effectiveAt: '2024-01-10',
      confidence: 0.93,
      evidence: [
        evidence('changeType', 'import-tariff', 'trade-remedy-order', 'Final Affirmative'),
        evidence('materials', 'aluminium', 'catalogue term "unwrought aluminium"', 'Unwrought Aluminum'),
        evidence('originRegions', 'CN', 'import-side'),
        evidence('hsCodes', '760110', 'code written in the text'),
        evidence('effectiveAt', '2024-01-10', 'effective_on'),
      ],
    });
  });

  it('without optional fields, the candidate has none of them', () => {
    const { candidate } = tag(sourceDocument({ title: 'Ban on Exports of Gallium' }));
    expect(candidate).not.toHaveProperty('summary');
    expect(candidate).not.toHaveProperty('url');
    expect(candidate).not.toHaveProperty('publishedAt');
    expect(candidate).not.toHaveProperty('effectiveAt');
    expect(candidate?.evidence).toEqual([
      { field: 'changeType', value: 'export-ban', rule: 'export-ban', text: 'Ban on Exports' },
      { field: 'materials', value: 'gallium', rule: 'catalogue term "Gallium"', text: 'Gallium' },
      { field: 'originRegions', value: 'US', rule: 'export-side' },
    ]);
  });

  it('cuts a title at 500 characters and a summary at 5,000', () => {
    const title = `Ban on Exports of Gallium ${'x'.repeat(600)}`;
    const abstract = 'y'.repeat(6000);
    const { candidate } = tag(sourceDocument({ title, abstract }));
    expect(candidate?.title).toBe(title.slice(0, 500));
    expect(candidate?.summary).toBe(abstract.slice(0, 5000));
  });

  it('reads the effective date from the dates text when the feed gives none, and says so', () => {
    const { candidate } = tag(
      sourceDocument({ title: 'Ban on Exports of Gallium', dates: 'This rule is effective March 4, 2024.' }),
    );
    expect(candidate?.effectiveAt).toBe('2024-03-04');
    expect(candidate?.evidence).toContainEqual({
      field: 'effectiveAt',
      value: '2024-03-04',
      rule: 'dates text',
    });
  });

  it('the feed’s effective date wins over the dates text', () => {
    const { candidate } = tag(
      sourceDocument({
        title: 'Ban on Exports of Gallium',
        effectiveOn: '2024-05-01',
        dates: 'This rule is effective March 4, 2024.',
      }),
    );
    expect(candidate?.effectiveAt).toBe('2024-05-01');
  });

  it('reads the abstract and the action as separate lines', () => {
    // Glued together, "gallium" and "Final" would be one word and name nothing.
    const { candidate } = tag(
      sourceDocument({
        title: 'Final Affirmative Determination',
        abstract: 'The order covers gallium',
        action: 'Final rule.',
      }),
    );
    expect(candidate?.materials).toEqual(['gallium']);
  });
});

describe('regions', () => {
  it.each([
    [
      'an import measure: origins from the title, even when the abstract names another country first',
      {
        title: 'Aluminum Sheet From Mexico: Final Affirmative Determination',
        abstract: 'Canadian producers asked.',
      },
      ['MX'],
      ['US'],
    ],
    [
      'an import measure from several countries: all of them, in the title’s order',
      { title: 'Aluminum Sheet From Chile, China, and Mexico: Final Affirmative Determination' },
      ['CL', 'CN', 'MX'],
      ['US'],
    ],
    [
      'an import measure whose title lists none: origins from the text',
      { title: 'Aluminum Sheet: Final Affirmative Determination', abstract: 'Imports of Canadian sheet.' },
      ['CA'],
      ['US'],
    ],
    [
      'an import measure naming no country: every origin',
      { title: 'Aluminum Sheet: Final Affirmative Determination' },
      ['*'],
      ['US'],
    ],
    [
      'an export measure: to the countries it names, never the issuer',
      { title: 'Ban on Exports of Gallium', abstract: 'Exports from the United States to Russian buyers.' },
      ['US'],
      ['RU'],
    ],
    [
      'an export measure naming no country: every destination',
      { title: 'Ban on Exports of Gallium' },
      ['US'],
      ['*'],
    ],
  ])('%s', (_name, fields, originRegions, affectedRegions) => {
    const { candidate } = tag(sourceDocument(fields));
    expect(candidate).toMatchObject({ originRegions, affectedRegions });
    expect(candidate?.evidence).toContainEqual(
      expect.objectContaining({ field: 'originRegions', value: originRegions.join(',') }),
    );
  });
});

describe('item types', () => {
  it.each([
    ['no word about items: goods', '', ['goods']],
    ['technology alone is not goods', 'Gallium technology.', ['technology']],
    ['know-how is technology', 'Gallium know-how.', ['technology']],
    ['software comes with goods', 'Gallium software.', ['goods', 'software']],
    ['equipment comes with goods', 'Gallium processing equipment.', ['goods', 'equipment']],
    ['machinery is equipment', 'Gallium processing machinery.', ['goods', 'equipment']],
    ['services come with goods', 'Gallium services.', ['goods', 'services']],
    ['technology and software: no goods', 'Gallium technology and software.', ['technology', 'software']],
    [
      'every kind at once, in the table’s order',
      'Software, equipment and services for gallium.',
      ['goods', 'software', 'equipment', 'services'],
    ],
  ])('%s', (_name, abstract, itemTypes) => {
    const { candidate } = tag(sourceDocument({ title: 'Ban on Exports of Gallium', abstract }));
    expect(candidate?.itemTypes).toEqual(itemTypes);
  });
});

describe('effectiveDateIn', () => {
  const MONTHS = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];

  it.each(MONTHS.map((month, index) => [month, `2024-${String(index + 1).padStart(2, '0')}-09`]))(
    'reads %s',
    (month, date) => {
      expect(effectiveDateIn(`This rule is effective ${month} 9, 2024.`)).toBe(date);
    },
  );

  it.each([
    ['Effective on: June 30, 2025.', '2025-06-30'],
    ['Effective date: November 1, 2024', '2024-11-01'],
    ['Applicable as of December 31, 2023.', '2023-12-31'],
    ['applicable beginning october 2, 2024', '2024-10-02'],
    ['  May 5, 2025.  ', '2025-05-05'],
    ['Comments are due by May 5, 2025.', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j -> %s', (dates, date) => {
    expect(effectiveDateIn(dates)).toBe(date);
  });
});

describe('hsCodesIn', () => {
  it.each([
    ['a heading with its subheading: 7606.12', ['760612']],
    ['a statistical suffix: 8505.11.00.10', ['8505110010']],
    ['codes in order, whatever the text’s order: 8505.11.00 and heading 2846', ['2846', '85051100']],
    ['each code once: 7606.12 and 7606.12', ['760612']],
    ['a heading after a line break: under heading\n    8505', ['8505']],
    ['no code has twelve digits: 7606.12.3091.10', []],
  ])('%s', (text, codes) => {
    expect(hsCodesIn(text)).toEqual(codes);
  });

  it('codes found by the tagger are evidence', () => {
    const { candidate } = tag(
      sourceDocument({
        title: 'Ban on Exports of Gallium',
        abstract: 'Goods of subheadings 8112.92 and 2825.90.',
      }),
    );
    expect(candidate?.hsCodes).toEqual(['282590', '811292']);
    expect(candidate?.evidence.filter((item) => item.field === 'hsCodes')).toEqual([
      { field: 'hsCodes', value: '282590', rule: 'code written in the text' },
      { field: 'hsCodes', value: '811292', rule: 'code written in the text' },
    ]);
  });
});

describe('agencies without a rule', () => {
  it('a document of an unknown agency is read like any other, without the role bonus', () => {
    const { candidate } = tag(
      sourceDocument({ title: 'Ban on Exports of Gallium', agencies: ['environmental-protection-agency'] }),
    );
    expect(candidate?.changeType).toBe('export-ban');
  });

  it('the president’s documents read tariffs too', () => {
    expect(
      tag(sourceDocument({ title: 'Aluminum From China: Tariff', agencies: [AGENCY.president] })).candidate,
    ).toMatchObject({
      changeType: 'import-tariff',
    });
  });
});
