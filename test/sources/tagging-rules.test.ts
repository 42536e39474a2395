import { describe, expect, it } from 'vitest';
import { documentTagger, type SourceDocument } from '../../shared/ingest/sources/tagging/tagger.js';
import { defaultCatalogue } from '../../shared/model/catalogue.js';
import { AGENCY, evidenceOf, sourceDocument } from './source-documents.js';

const tag = documentTagger(defaultCatalogue());
const NO_ACTION = 'no trade, export-control or sanctions action recognised';
// A document every rule below would otherwise turn into a candidate.
const ALUMINIUM_ORDER = 'Unwrought Aluminum From China: Final Affirmative Determination';

describe('agencies', () => {
  it.each([
    ['federal-energy-regulatory-commission', 'FERC filings are energy-market dockets'],
    ['federal-aviation-administration', 'airworthiness and airspace rules'],
    ['foreign-trade-zones-board', 'foreign-trade zone administration'],
    ['postal-regulatory-commission', 'postal products'],
    ['postal-service', 'postal products'],
  ])('a document of %s is never a candidate: %s', (slug, why) => {
    const result = tag(sourceDocument({ title: ALUMINIUM_ORDER, agencies: [slug, AGENCY.trade] }));
    expect(result).toEqual({ candidate: undefined, reason: `agency ${slug}: ${why}`, evidence: [] });
  });

  it.each([
    ['international-trade-commission', ALUMINIUM_ORDER, 'import-tariff'],
    ['trade-representative-office-of-united-states', ALUMINIUM_ORDER, 'import-tariff'],
    ['u-s-customs-and-border-protection', ALUMINIUM_ORDER, 'import-tariff'],
    ['defense-trade-controls-office', 'Export Administration Regulations: Gallium', 'licence-requirement'],
  ])('%s has the role its rules need: %s', (slug, title, changeType) => {
    expect(tag(sourceDocument({ title, agencies: [slug] })).candidate?.changeType).toBe(changeType);
  });
});

describe('titles that are never a policy change', () => {
  it.each([
    ['Airworthiness Directive; Titanium Fittings', 'airworthiness-directive'],
    ['Agency Information Collection Activities: Aluminum Imports', 'information-collection'],
    ['Paperwork Reduction Act Notice: Aluminum Tariff', 'information-collection'],
    ['Notice of Open Meeting: Aluminum Sheet From China', 'meeting'],
    ['Aluminum Industry Advisory Committee: Final Affirmative Determination', 'meeting'],
    ['Aluminum Sheet From China; Meeting', 'meeting'],
    ['Aluminum Sheet From China; Meetings;', 'meeting'],
    ['Certain Lithium-Ion Batteries and Components Thereof', 'patent-investigation'],
    ['Section 337 Investigation of Aluminum Sheet', 'patent-investigation'],
    ['Export Trade Certificate of Review: Aluminum', 'export-trade-certificate'],
    ['Civil Monetary Penalty Adjustments for Aluminum Tariffs', 'civil-penalty-adjustment'],
  ])('%s: %s', (title, rule) => {
    expect(tag(sourceDocument({ title }))).toEqual({
      candidate: undefined,
      reason: `title: ${rule}`,
      evidence: [],
    });
  });

  it('a title that only mentions a meeting before its end is a candidate', () => {
    const title = 'Aluminum Sheet From China: Final Affirmative Determination After a Meeting With Producers';
    expect(tag(sourceDocument({ title })).candidate?.changeType).toBe('import-tariff');
  });
});

type Shape = {
  changeType: string;
  direction: string;
  severity: string;
  materials: string[];
  originRegions: string[];
  affectedRegions: string[];
};
const exportSide = (changeType: string, direction: string, severity: string, materials: string[]): Shape => ({
  changeType,
  direction,
  severity,
  materials,
  originRegions: ['US'],
  affectedRegions: ['*'],
});
const importSide = (changeType: string, direction: string, severity: string, materials: string[]): Shape => ({
  changeType,
  direction,
  severity,
  materials,
  originRegions: ['CN'],
  affectedRegions: ['US'],
});

const REMOVAL = exportSide('end-user-list-removal', 'relaxation', 'medium', ['*']);
const ADDITION = exportSide('end-user-list-addition', 'tightening', 'high', ['*']);
const BAN = exportSide('export-ban', 'tightening', 'critical', ['gallium']);
const LICENCE = exportSide('licence-requirement', 'tightening', 'high', ['gallium']);
const GENERAL_LICENCE = exportSide('general-licence', 'relaxation', 'low', ['*']);
const DESIGNATION = exportSide('sanctions', 'tightening', 'medium', ['*']);
const ORDER = importSide('import-tariff', 'tightening', 'medium', ['aluminium-products']);
const INVESTIGATION = importSide('trade-investigation', 'neutral', 'low', ['aluminium-products']);
const TARIFF = importSide('import-tariff', 'tightening', 'medium', ['aluminium']);

/** Each action rule with the agency publishing, the candidate it makes, and [title, matched words] cases. */
const ACTIONS: { rule: string; agency: string; shape: Shape; cases: [string, string][] }[] = [
  {
    // Entity List removals come before additions, whoever publishes them.
    rule: 'entity-list-removal',
    agency: AGENCY.exportControl,
    shape: REMOVAL,
    cases: [
      [
        'Removal of Certain Entities From the Entity List',
        'Removal of Certain Entities From the Entity List',
      ],
      ['BIS Will Remove Two Entities From the Entity List', 'Remove Two Entities From the Entity List'],
      ['Commerce Removes Entities From the Entity List', 'Removes Entities From the Entity List'],
      ['Commerce Removing Entities From the Entity List', 'Removing Entities From the Entity List'],
      ['Entity List: Two Entities Removed', 'Entity List: Two Entities Removed'],
      ['Entity List: Removal of Two Entities', 'Entity List: Removal'],
      ['Entity List: BIS to Remove Two Entities', 'Entity List: BIS to Remove'],
      ['Entity List: BIS Removes Two Entities', 'Entity List: BIS Removes'],
    ],
  },
  {
    rule: 'entity-list-removal',
    agency: AGENCY.trade,
    shape: REMOVAL,
    cases: [['Removal of an Entity From the Entity List', 'Removal of an Entity From the Entity List']],
  },
  {
    rule: 'entity-list-addition',
    agency: AGENCY.exportControl,
    shape: ADDITION,
    cases: [
      ['Addition of Certain Entities to the Entity List', 'Addition of Certain Entities to the Entity List'],
      ['BIS to Add Entities to the Entity List', 'Add Entities to the Entity List'],
      ['Revisions to the Entity List', 'Entity List'],
    ],
  },
  {
    // Export bans, whoever publishes them.
    rule: 'export-ban',
    agency: AGENCY.trade,
    shape: BAN,
    cases: [
      ['Ban on Exports of Gallium', 'Ban on Exports'],
      ['Prohibit Exports of Gallium', 'Prohibit Exports'],
      ['Prohibition on the Export of Gallium', 'Prohibition on the Export'],
      ['Ban the Export of Gallium', 'Ban the Export'],
      ['Export Ban on Gallium', 'Export Ban'],
    ],
  },
  {
    rule: 'export-licence-requirement',
    agency: AGENCY.exportControl,
    shape: LICENCE,
    cases: [
      ['Licence Requirement for Gallium', 'Licence Requirement'],
      ['License Requirements for Gallium', 'License Requirements'],
      ['Export Control on Gallium', 'Export Control'],
      ['Revisions to the Export Administration Regulations: Gallium', 'Export Administration Regulations'],
    ],
  },
  {
    rule: 'ofac-general-licence',
    agency: AGENCY.sanctions,
    shape: GENERAL_LICENCE,
    cases: [
      ['Issuance of General License 8', 'General License'],
      ['Publication of General Licences', 'General Licences'],
    ],
  },
  {
    rule: 'ofac-designation',
    agency: AGENCY.sanctions,
    shape: DESIGNATION,
    cases: [
      ['Notice of OFAC Sanctions Action', 'Sanctions Action'],
      ['Unblocking of Blocked Persons', 'Blocked Persons'],
      ['Specially Designated Nationals List Update', 'Specially Designated Nationals'],
    ],
  },
  {
    rule: 'section-232-proclamation',
    agency: AGENCY.president,
    shape: importSide('import-tariff', 'tightening', 'high', ['aluminium']),
    cases: [['Adjusting Imports of Aluminum From China', 'Adjusting Imports of']],
  },
  {
    rule: 'trade-remedy-order',
    agency: AGENCY.trade,
    shape: ORDER,
    cases: [
      ['Aluminum Sheet From China: Final Affirmative Determination', 'Final Affirmative'],
      ['Aluminum Sheet From China: Antidumping Duty Order', 'Antidumping Duty Order'],
      ['Aluminum Sheet From China: Countervailing Duty Order', 'Countervailing Duty Order'],
      ['Aluminum Sheet From China: Continuation of Antidumping Duty Order', 'Continuation of Antidumping'],
      [
        'Aluminum Sheet From China: Continuation of the Countervailing Duty Order',
        'Continuation of the Countervailing',
      ],
    ],
  },
  {
    rule: 'trade-remedy-negative',
    agency: AGENCY.trade,
    shape: INVESTIGATION,
    cases: [
      ['Aluminum Sheet From China: Negative Determination', 'Negative Determination'],
      ['Aluminum Sheet From China: Negative Final Determination', 'Negative Final Determination'],
      [
        'Aluminum Sheet From China: Negative Antidumping Duty Determination',
        'Negative Antidumping Duty Determination',
      ],
      ['Aluminum Sheet From China: Decision Not in Harmony', 'Not in Harmony'],
      ['Aluminum Sheet From China: Rescission of Review', 'Rescission'],
    ],
  },
  {
    rule: 'trade-remedy-review',
    agency: AGENCY.trade,
    shape: INVESTIGATION,
    cases: [
      ['Aluminum Sheet From China: Five-Year Review', 'Five-Year Review'],
      ['Aluminum Sheet From China: Sunset Reviews', 'Sunset Reviews'],
      ['Aluminum Sheet From China: Administrative Review', 'Administrative Review'],
      ['Aluminum Sheet From China: Changed Circumstances Review', 'Changed Circumstances Review'],
      ['Aluminum Sheet From China: Institution of Reviews', 'Institution of'],
      ['Aluminum Sheet From China: Investigation', 'Investigation'],
      ['Aluminum Sheet From China: Preliminary Results', 'Preliminary'],
    ],
  },
  {
    // A title naming only the goods and where they come from; the words matched run to the line's end.
    rule: 'trade-remedy-proceeding',
    agency: AGENCY.trade,
    shape: INVESTIGATION,
    cases: [['Aluminum Sheet From China', 'Aluminum Sheet From China\n']],
  },
  {
    rule: 'tariff',
    agency: AGENCY.trade,
    shape: TARIFF,
    cases: [['Aluminum From China: Tariff Treatment', 'Tariff']],
  },
  {
    rule: 'tariff',
    agency: AGENCY.president,
    shape: TARIFF,
    cases: [['Duties on Aluminum From China', 'Duties']],
  },
];

describe('action rules: what a document does, from the words of its title', () => {
  it.each(
    ACTIONS.flatMap(({ rule, agency, shape, cases }) =>
      cases.map(([title, text]) => ({ rule, agency, shape, title, text })),
    ),
  )('$agency: $title -> $rule', ({ rule, agency, shape, title, text }) => {
    const { candidate } = tag(sourceDocument({ title, agencies: [agency] }));
    expect(candidate).toMatchObject(shape);
    expect(candidate?.evidence[0]).toEqual({ field: 'changeType', value: shape.changeType, rule, text });
  });

  it.each([
    [
      'an Entity List rule from a trade agency',
      AGENCY.trade,
      'Addition of Certain Entities to the Entity List',
    ],
    ['a licence requirement from a trade agency', AGENCY.trade, 'License Requirements for Gallium'],
    ['a tariff from the export-control agency', AGENCY.exportControl, 'Aluminum Tariff Treatment'],
    ['a general licence from the export-control agency', AGENCY.exportControl, 'General License for Gallium'],
    ['a trade proceeding named after a colon', AGENCY.trade, 'Notice: Aluminum Sheet From China'],
    ['a trade proceeding with a clause after it', AGENCY.trade, 'Aluminum Sheet From China; Correction'],
  ])('the rule must fit the agency and the words: %s is no action', (_name, agency, title) => {
    expect(tag(sourceDocument({ title, agencies: [agency] }))).toMatchObject({
      candidate: undefined,
      reason: NO_ACTION,
    });
  });

  it('the title and the action field come first; the abstract is read only when they say nothing', () => {
    const document = (abstract: string, action?: string) =>
      sourceDocument({ title: 'Unwrought Aluminum', abstract, ...(action ? { action } : {}) });
    // The abstract alone says "ban on exports"; the action field says what the document is.
    expect(
      tag(document('This is not a ban on exports.', 'Final affirmative determination.')).candidate,
    ).toMatchObject({ changeType: 'import-tariff' });
    expect(tag(document('This is not a ban on exports.')).candidate).toMatchObject({
      changeType: 'export-ban',
    });
  });
});

describe('CFR parts: what a rule does when its words do not say', () => {
  const cfr = (title: number, part: number, agency: string = AGENCY.exportControl): SourceDocument =>
    sourceDocument({
      title: 'Technical Corrections: Gallium',
      agencies: [agency],
      cfrReferences: [{ title, part }],
    });

  it.each([
    [15, 744, '15-cfr-744-end-user-controls', 'end-user-list-addition'],
    [15, 730, '15-cfr-730-774-export-administration', 'licence-requirement'],
    [15, 740, '15-cfr-730-774-export-administration', 'licence-requirement'],
    [15, 774, '15-cfr-730-774-export-administration', 'licence-requirement'],
    [31, 500, '31-cfr-500-599-ofac', 'sanctions'],
    [31, 599, '31-cfr-500-599-ofac', 'sanctions'],
  ])('%i CFR %i -> %s: %s', (title, part, rule, changeType) => {
    const { candidate } = tag(cfr(title, part));
    expect(candidate?.changeType).toBe(changeType);
    expect(candidate?.evidence[0]).toEqual({
      field: 'changeType',
      value: changeType,
      rule,
      text: `${title} CFR ${part}`,
    });
  });

  it.each([
    [15, 729],
    [15, 775],
    [31, 499],
    [31, 600],
    [16, 744],
  ])('%i CFR %i names no action', (title, part) => {
    expect(tag(cfr(title, part)).reason).toBe(NO_ACTION);
  });

  it('the first reference with a rule decides', () => {
    const document = sourceDocument({
      title: 'Technical Corrections: Gallium',
      agencies: [AGENCY.exportControl],
      cfrReferences: [
        { title: 40, part: 1 },
        { title: 31, part: 510 },
        { title: 15, part: 744 },
      ],
    });
    expect(tag(document).candidate?.changeType).toBe('sanctions');
  });

  it('the rejection keeps the evidence gathered so far', () => {
    const result = tag(sourceDocument({ title: 'Final Affirmative Determination: Unnamed Goods' }));
    expect(result.reason).toBe('trade-remedy-order: names no catalogue material');
    expect(evidenceOf(result)).toEqual([
      { field: 'changeType', value: 'import-tariff', rule: 'trade-remedy-order', text: 'Final Affirmative' },
    ]);
  });
});
