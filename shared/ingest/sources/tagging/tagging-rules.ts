/**
 * The tables the tagger reads. Changing what the importer recognises is a change here, not in the
 * tagger's code; each row carries its own name, which appears in the evidence.
 */
import type { ChangeType, Direction, Severity } from '../../../model/policy-change.js';
import type { ItemType } from '../candidate.js';

/** What an issuing agency's documents are, by Federal Register agency slug. */
export interface AgencyRule {
  slug: string;
  /** `trade`: import measures; `export-control`; `sanctions`; `excluded`: never a candidate. */
  role: 'trade' | 'export-control' | 'sanctions' | 'president' | 'excluded';
  /** Why an excluded agency is excluded (shown when a document is dropped). */
  reason?: string;
}

export const AGENCY_RULES: readonly AgencyRule[] = [
  { slug: 'international-trade-administration', role: 'trade' },
  { slug: 'international-trade-commission', role: 'trade' },
  { slug: 'trade-representative-office-of-united-states', role: 'trade' },
  { slug: 'u-s-customs-and-border-protection', role: 'trade' },
  { slug: 'industry-and-security-bureau', role: 'export-control' },
  { slug: 'defense-trade-controls-office', role: 'export-control' },
  { slug: 'foreign-assets-control-office', role: 'sanctions' },
  { slug: 'executive-office-of-the-president', role: 'president' },
  // Energy-market filings (rate schedules of solar farms, pipelines) name materials but set no trade rule.
  {
    slug: 'federal-energy-regulatory-commission',
    role: 'excluded',
    reason: 'FERC filings are energy-market dockets',
  },
  { slug: 'federal-aviation-administration', role: 'excluded', reason: 'airworthiness and airspace rules' },
  // Zone notices concern where a company may assemble goods duty-deferred, not what may cross a border.
  { slug: 'foreign-trade-zones-board', role: 'excluded', reason: 'foreign-trade zone administration' },
  { slug: 'postal-regulatory-commission', role: 'excluded', reason: 'postal products' },
  { slug: 'postal-service', role: 'excluded', reason: 'postal products' },
];

/** Titles that are never a policy change whoever publishes them. */
export const EXCLUDED_TITLES: readonly { name: string; pattern: RegExp }[] = [
  { name: 'airworthiness-directive', pattern: /\bairworthiness directives?\b/i },
  { name: 'information-collection', pattern: /\binformation collection\b|\bpaperwork reduction\b/i },
  {
    name: 'meeting',
    pattern: /\b(notice of (open|closed|partially closed) meeting|advisory committee|meetings?;?$)/i,
  },
  { name: 'patent-investigation', pattern: /\bcomponents thereof\b|\bsection 337\b/i },
  { name: 'export-trade-certificate', pattern: /\bexport trade certificate of review\b/i },
  { name: 'civil-penalty-adjustment', pattern: /\bcivil monetary penalt/i },
];

/**
 * Phrases that contain a material's name without being about it: a match of `material` inside one
 * does not count. Tin mill products are tin-coated steel; "tin-free steel" is chromium-coated.
 */
export const BLOCKED_PHRASES: readonly { name: string; material: string; pattern: RegExp }[] = [
  { name: 'tin-mill-products', material: 'tin', pattern: /\btin[- ]mill\b[\w-]*/gi },
  { name: 'tin-free-steel', material: 'tin', pattern: /\btin[- ]free steel\b/gi },
  { name: 'tinplate', material: 'tin', pattern: /\btin[- ]?plate[sd]?\b/gi },
  { name: 'silicon-valley', material: 'silicon-metal', pattern: /\bsilicon valley\b/gi },
  { name: 'silicon-steel', material: 'silicon-metal', pattern: /\bsilicon (electrical )?steel\b/gi },
  { name: 'lead-and-copper-rule', material: 'copper', pattern: /\blead and copper rule\b/gi },
];

/**
 * Forms that make a material's name a product of it: "steel pipe", "tubing of alloy steel",
 * "aluminum sheet". The match becomes the product node when the catalogue has it. Mill forms of
 * steel (plate, sheet, bar, wire rod) stay steel: the HS puts them in chapter 72 with the metal.
 */
export const PRODUCT_FORMS: readonly { material: string; product: string; words: RegExp }[] = [
  {
    material: 'steel',
    product: 'steel-products',
    words:
      /^(pipes?|tubes?|tubing|fittings?|strand|wire rope|shelving|nails|racks?|containers?|drums?|wheels|hangers|towers?)$/i,
  },
  {
    material: 'aluminium',
    product: 'aluminium-products',
    words: /^(sheets?|plates?|foil|extrusions?|wire|tubes?|tubing|strips?|bars?|rods?|profiles?|articles)$/i,
  },
  {
    material: 'copper',
    product: 'copper-products',
    words: /^(pipes?|tubes?|tubing|sheets?|plates?|foil|wire|bars?|rods?|strips?|articles)$/i,
  },
];

/** Trade names the catalogue does not carry, and the catalogue id an analyst gives them. */
export const PRODUCT_PHRASES: readonly { name: string; pattern: RegExp; material: string }[] = [
  {
    name: 'oil-country-tubular-goods',
    pattern: /\boil country tubular goods\b/i,
    material: 'steel-products',
  },
  {
    name: 'welded-pipe',
    pattern: /\bwelded (non-alloy )?pipes?( and tubes?)?\b/i,
    material: 'steel-products',
  },
  {
    name: 'cast-iron-articles',
    pattern: /\bcast iron\b[\w\s-]{0,30}?\b(fittings?|pipes?|tubes?)\b/i,
    material: 'steel-products',
  },
];

/** Catalogue groups too generic to be recognised by their name alone ("products", "industrial metals"). */
export const GENERIC_NODES: ReadonlySet<string> = new Set([
  'products',
  'industrial-metals',
  'industrial-minerals',
  'minor-metals',
]);

/**
 * Catalogue synonyms that name the material only loosely: a match on them alone is weak evidence
 * (crystalline silicon solar cells are not silicon metal).
 */
export const WEAK_TERMS: ReadonlySet<string> = new Set(['silicon', 'alumina', 'moly', 'zircon', 'rutile']);

/** US and UK spellings: each pair is tried both ways on every catalogue term. */
export const SPELLING_VARIANTS: readonly [string, string][] = [
  ['aluminium', 'aluminum'],
  ['sulphate', 'sulfate'],
  ['sulphide', 'sulfide'],
  ['sulphur', 'sulfur'],
  ['caesium', 'cesium'],
  ['licence', 'license'],
  ['tyre', 'tire'],
];

/** What a document does, from words in its title, action and abstract, first match wins. */
export interface ActionRule {
  name: string;
  pattern: RegExp;
  /** Only for documents of agencies with these roles; absent: any. */
  roles?: readonly AgencyRule['role'][];
  changeType: ChangeType;
  direction: Direction;
  severity: Severity;
  /** How sure the rule is that the document is a change of this type (0..1). */
  weight: number;
  /** The measure applies to every item (sanctions, end-user listings): materials `*`. */
  allItems?: boolean;
  /** Import-side: goods come from the named countries into the issuing region. */
  importSide?: boolean;
}

export const ACTION_RULES: readonly ActionRule[] = [
  {
    name: 'entity-list-removal',
    pattern:
      /\b(removal|remove[sd]?|removing)\b.{0,80}\bentity list\b|\bentity list\b.{0,80}\b(removal|remove[sd]?)\b/i,
    changeType: 'end-user-list-removal',
    direction: 'relaxation',
    severity: 'medium',
    weight: 0.8,
    allItems: true,
  },
  {
    name: 'entity-list-addition',
    pattern: /\b(additions?|add(s|ed|ing)?)\b.{0,80}\bentity list\b|\bentity list\b/i,
    roles: ['export-control'],
    changeType: 'end-user-list-addition',
    direction: 'tightening',
    severity: 'high',
    weight: 0.8,
    allItems: true,
  },
  {
    name: 'export-ban',
    pattern: /\b(ban|prohibit(s|ed|ion)?) (on )?(the )?exports?\b|\bexport (ban|prohibition)\b/i,
    changeType: 'export-ban',
    direction: 'tightening',
    severity: 'critical',
    weight: 0.8,
  },
  {
    name: 'export-licence-requirement',
    pattern: /\blicen[cs]e requirements?\b|\bexport controls?\b|\bexport administration regulations\b/i,
    roles: ['export-control'],
    changeType: 'licence-requirement',
    direction: 'tightening',
    severity: 'high',
    weight: 0.7,
  },
  {
    name: 'ofac-general-licence',
    pattern: /\bgeneral licen[cs]es?\b/i,
    roles: ['sanctions'],
    changeType: 'general-licence',
    direction: 'relaxation',
    severity: 'low',
    weight: 0.6,
    allItems: true,
  },
  {
    name: 'ofac-designation',
    pattern: /\bsanctions actions?\b|\bblocked persons\b|\bspecially designated nationals\b/i,
    roles: ['sanctions'],
    changeType: 'sanctions',
    direction: 'tightening',
    severity: 'medium',
    weight: 0.6,
    allItems: true,
  },
  {
    name: 'section-232-proclamation',
    pattern: /\badjusting imports of\b/i,
    roles: ['president'],
    changeType: 'import-tariff',
    direction: 'tightening',
    severity: 'high',
    weight: 0.9,
    importSide: true,
  },
  {
    name: 'trade-remedy-order',
    pattern:
      /\b(final affirmative|antidumping duty order|countervailing duty order|continuation of (the )?(antidumping|countervailing))\b/i,
    roles: ['trade'],
    changeType: 'import-tariff',
    direction: 'tightening',
    severity: 'medium',
    weight: 0.75,
    importSide: true,
  },
  {
    name: 'trade-remedy-negative',
    pattern:
      /\bnegative (final |preliminary )?(countervailing duty |antidumping duty )?determination\b|\bnot in harmony\b|\brescission\b/i,
    roles: ['trade'],
    changeType: 'trade-investigation',
    direction: 'neutral',
    severity: 'low',
    weight: 0.6,
    importSide: true,
  },
  {
    name: 'trade-remedy-review',
    pattern:
      /\b(five-year|sunset|administrative|changed circumstances) reviews?\b|\binstitution of\b|\binvestigations?\b|\bpreliminary\b/i,
    roles: ['trade'],
    changeType: 'trade-investigation',
    direction: 'neutral',
    severity: 'low',
    weight: 0.7,
    importSide: true,
  },
  {
    // The International Trade Commission titles some proceedings by the goods alone ("Circular
    // Welded Pipe and Tube From Brazil, India, ..."). The lookahead refuses a text with a colon or
    // semicolon in one pass; without it every " From " before the colon rescans the rest.
    name: 'trade-remedy-proceeding',
    pattern: /^(?=[^:;]*$)[^:;]+ From [^:;]+$/,
    roles: ['trade'],
    changeType: 'trade-investigation',
    direction: 'neutral',
    severity: 'low',
    weight: 0.5,
    importSide: true,
  },
  {
    name: 'tariff',
    pattern: /\b(tariff|duty|duties|tariff-rate quota)\b/i,
    roles: ['trade', 'president'],
    changeType: 'import-tariff',
    direction: 'tightening',
    severity: 'medium',
    weight: 0.5,
    importSide: true,
  },
];

/**
 * CFR parts that name what a rule does when its words do not: the action rule of that name is
 * applied. 15 CFR 744 holds the end-user controls; its Supplement No. 4 is the Entity List.
 */
export const CFR_RULES: readonly { name: string; title: number; parts: [number, number]; action: string }[] =
  [
    { name: '15-cfr-744-end-user-controls', title: 15, parts: [744, 744], action: 'entity-list-addition' },
    {
      name: '15-cfr-730-774-export-administration',
      title: 15,
      parts: [730, 774],
      action: 'export-licence-requirement',
    },
    { name: '31-cfr-500-599-ofac', title: 31, parts: [500, 599], action: 'ofac-designation' },
  ];

/** Words that make a change about technology, software, equipment or services rather than goods. */
export const ITEM_TYPE_RULES: readonly { itemType: ItemType; pattern: RegExp }[] = [
  { itemType: 'technology', pattern: /\btechnolog(y|ies)\b|\bknow-how\b/i },
  { itemType: 'software', pattern: /\bsoftware\b/i },
  { itemType: 'equipment', pattern: /\bequipment\b|\bmachinery\b/i },
  { itemType: 'services', pattern: /\bservices\b/i },
];

/** Country adjectives the country package does not carry. */
export const COUNTRY_ADJECTIVES: Readonly<Record<string, string>> = {
  Chinese: 'CN',
  Russian: 'RU',
  Iranian: 'IR',
  'North Korean': 'KP',
  Korean: 'KR',
  Japanese: 'JP',
  Indian: 'IN',
  Vietnamese: 'VN',
  Taiwanese: 'TW',
  Turkish: 'TR',
  German: 'DE',
  Canadian: 'CA',
  Mexican: 'MX',
  Brazilian: 'BR',
  Indonesian: 'ID',
  Malaysian: 'MY',
  Thai: 'TH',
  Belarusian: 'BY',
  Burmese: 'MM',
  Venezuelan: 'VE',
  Cuban: 'CU',
  Syrian: 'SY',
};

/** Long country names the country package spells differently. */
export const COUNTRY_NAMES_EXTRA: Readonly<Record<string, string>> = {
  "People's Republic of China": 'CN',
  'Republic of Turkey': 'TR',
  'Socialist Republic of Vietnam': 'VN',
  'Federal Republic of Germany': 'DE',
  'Republic of Korea': 'KR',
  'South Korea': 'KR',
  'United Arab Emirates': 'AE',
  'the Netherlands': 'NL',
};

/** Confidence arithmetic, in one place so the tests and the bench read the same numbers. */
export const CONFIDENCE = {
  /** A material named in the title, or in the body only. */
  materialInTitle: 0.35,
  materialInBody: 0.2,
  /** Only weak terms matched. */
  weakMaterialOnly: 0.05,
  /** No material: a measure on every item (`*`). */
  allItems: 0.1,
  /** The agency's role matches the action rule's. */
  agencyRole: 0.15,
  /** Ceiling for candidates whose materials are `*` or empty: a person decides. */
  allItemsCeiling: 0.6,
} as const;
