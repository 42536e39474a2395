import type { Catalogue } from '../../../model/catalogue.js';
import type { Candidate, Evidence, ItemType } from '../candidate.js';
import {
  findMaterials,
  type MaterialMatch,
  type MaterialMatcher,
  materialMatcher,
} from './material-terms.js';
import { countriesIn, originsFromTitle } from './regions-in-text.js';
import {
  ACTION_RULES,
  type ActionRule,
  AGENCY_RULES,
  type AgencyRule,
  BLOCKED_PHRASES,
  CFR_RULES,
  CONFIDENCE,
  EXCLUDED_TITLES,
  ITEM_TYPE_RULES,
  PRODUCT_FORMS,
  PRODUCT_PHRASES,
} from './tagging-rules.js';

/** A document from any source, in the terms the tagger reads. */
export interface SourceDocument {
  source: string;
  sourceRef: string;
  title: string;
  abstract?: string;
  action?: string;
  /** Free text about dates ("Applicable January 4, 2024."). */
  dates?: string;
  /** `Rule`, `Proposed Rule`, `Notice`, `Presidential Document`. */
  documentType?: string;
  /** Agency slugs, e.g. `international-trade-administration`. */
  agencies: string[];
  cfrReferences: { title: number; part: number }[];
  /** `YYYY-MM-DD` */
  publishedOn?: string;
  effectiveOn?: string;
  url?: string;
  /** Who publishes the source: the Federal Register is `US`. */
  issuingRegion: string;
}

/** Why a document did not become a candidate. */
export type Rejection = { candidate: undefined; reason: string; evidence: Evidence[] };
export type TagResult = { candidate: Candidate; reason?: undefined } | Rejection;

const AGENCIES = new Map(AGENCY_RULES.map((rule) => [rule.slug, rule]));
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * Builds a tagger for one catalogue: the material terms are compiled once.
 *
 * @example
 * const tag = documentTagger(defaultCatalogue());
 * const { candidate, reason } = tag(document);
 */
export function documentTagger(catalogue: Catalogue): (document: SourceDocument) => TagResult {
  const matcher = materialMatcher(catalogue);
  return (document) => tagDocument(document, matcher);
}

/**
 * Characters of each text field the tagger reads (title, abstract, action, dates). The longest
 * field of the labelled Federal Register page is 2,456 characters; a larger document is tagged on
 * its opening, so one oversized document costs a bounded amount of work.
 */
export const TAGGED_CHARACTERS = 16 * 1024;

const TEXT_FIELDS = ['title', 'abstract', 'action', 'dates'] as const;

/** Turns a document into a candidate change, with the evidence for each field, or says why not. */
export function tagDocument(whole: SourceDocument, matcher: MaterialMatcher): TagResult {
  const evidence: Evidence[] = [];
  const document = taggedPart(whole, evidence);
  const roles = new Set<AgencyRule['role']>();
  for (const slug of document.agencies) {
    const rule = AGENCIES.get(slug);
    if (rule?.role === 'excluded') {
      return reject(`agency ${slug}: ${rule.reason ?? 'excluded'}`, evidence);
    }
    if (rule) roles.add(rule.role);
  }
  const excludedTitle = EXCLUDED_TITLES.find((rule) => rule.pattern.test(document.title));
  if (excludedTitle) return reject(`title: ${excludedTitle.name}`, evidence);

  const body = [document.abstract, document.action].filter(Boolean).join('\n');
  // The title says what the document does; the abstract is read only when the title does not.
  const action =
    actionOf(document, roles, `${document.title}\n${document.action ?? ''}`, evidence) ??
    actionOf(document, roles, body, evidence);
  if (!action) return reject('no trade, export-control or sanctions action recognised', evidence);

  const inTitle = productsOf(
    withoutBlocked(findMaterials(matcher, document.title), document.title, evidence),
    document.title,
    matcher,
    evidence,
  );
  const inBody = productsOf(
    withoutBlocked(findMaterials(matcher, body), body, evidence),
    body,
    matcher,
    evidence,
  );
  const found = new Map([...inBody, ...inTitle].map((match) => [match.material, match]));
  for (const match of found.values()) {
    evidence.push({
      field: 'materials',
      value: match.material,
      rule: `catalogue term "${match.term}"`,
      text: match.text,
    });
  }
  const materials = [...found.keys()].sort();
  const strong = [...found.values()].some((match) => !match.weak);

  if (materials.length === 0 && !action.allItems) {
    return reject(`${action.name}: names no catalogue material`, evidence);
  }

  let confidence = 0.2 + action.weight * 0.3;
  if (materials.length === 0) confidence += CONFIDENCE.allItems;
  else if (!strong) confidence += CONFIDENCE.weakMaterialOnly;
  else if (inTitle.some((match) => !match.weak)) confidence += CONFIDENCE.materialInTitle;
  else confidence += CONFIDENCE.materialInBody;
  if (!action.roles || action.roles.some((role) => roles.has(role))) confidence += CONFIDENCE.agencyRole;
  if (materials.length === 0) confidence = Math.min(confidence, CONFIDENCE.allItemsCeiling);
  confidence = Math.round(Math.min(confidence, 0.95) * 100) / 100;

  const everything = `${document.title}\n${body}`;
  const mentioned = countriesIn(everything).filter((code) => code !== document.issuingRegion);
  let originRegions: string[];
  let affectedRegions: string[];
  if (action.importSide) {
    const fromTitle = originsFromTitle(document.title);
    originRegions = fromTitle.length > 0 ? fromTitle : mentioned.length > 0 ? mentioned : ['*'];
    affectedRegions = [document.issuingRegion];
  } else {
    originRegions = [document.issuingRegion];
    affectedRegions = mentioned.length > 0 ? mentioned : ['*'];
  }
  evidence.push({
    field: 'originRegions',
    value: originRegions.join(','),
    rule: action.importSide ? 'import-side' : 'export-side',
  });

  const hsCodes = hsCodesIn(everything);
  for (const code of hsCodes)
    evidence.push({ field: 'hsCodes', value: code, rule: 'code written in the text' });

  const itemTypes: ItemType[] = ITEM_TYPE_RULES.filter((rule) => rule.pattern.test(everything)).map(
    (rule) => rule.itemType,
  );
  if (itemTypes.length === 0 || !itemTypes.includes('technology')) itemTypes.unshift('goods');

  const effectiveAt = document.effectiveOn ?? effectiveDateIn(document.dates);
  if (effectiveAt) {
    evidence.push({
      field: 'effectiveAt',
      value: effectiveAt,
      rule: document.effectiveOn ? 'effective_on' : 'dates text',
    });
  }

  const candidate: Candidate = {
    source: document.source,
    sourceRef: document.sourceRef,
    title: document.title.slice(0, 500),
    ...(document.abstract ? { summary: document.abstract.slice(0, 5000) } : {}),
    ...(document.url ? { url: document.url } : {}),
    materials: materials.length > 0 ? materials : action.allItems ? ['*'] : [],
    hsCodes,
    changeType: action.changeType,
    direction: action.direction,
    issuingRegion: document.issuingRegion,
    originRegions,
    affectedRegions,
    itemTypes: [...new Set(itemTypes)],
    entities: [],
    severity: action.severity,
    ...(document.publishedOn ? { publishedAt: document.publishedOn } : {}),
    ...(effectiveAt ? { effectiveAt } : {}),
    confidence,
    evidence,
  };
  return { candidate };
}

/** The document with each text field cut to what is tagged; each cut is noted in the evidence. */
function taggedPart(document: SourceDocument, evidence: Evidence[]): SourceDocument {
  const part = { ...document };
  for (const field of TEXT_FIELDS) {
    const text = document[field];
    if (text === undefined || text.length <= TAGGED_CHARACTERS) continue;
    part[field] = text.slice(0, TAGGED_CHARACTERS);
    evidence.push({
      field: 'text',
      value: field,
      rule: `first ${TAGGED_CHARACTERS} of ${text.length} characters tagged`,
    });
  }
  return part;
}

function reject(reason: string, evidence: Evidence[]): Rejection {
  return { candidate: undefined, reason, evidence };
}

function actionOf(
  document: SourceDocument,
  roles: ReadonlySet<AgencyRule['role']>,
  text: string,
  evidence: Evidence[],
): ActionRule | undefined {
  const applies = (rule: ActionRule) => !rule.roles || rule.roles.some((role) => roles.has(role));
  const byWords = ACTION_RULES.find((rule) => applies(rule) && rule.pattern.test(text));
  if (byWords) {
    evidence.push({
      field: 'changeType',
      value: byWords.changeType,
      rule: byWords.name,
      text: byWords.pattern.exec(text)?.[0],
    });
    return byWords;
  }
  for (const reference of document.cfrReferences) {
    const cfr = CFR_RULES.find(
      (rule) =>
        rule.title === reference.title && reference.part >= rule.parts[0] && reference.part <= rule.parts[1],
    );
    const rule = cfr && ACTION_RULES.find((candidate) => candidate.name === cfr.action);
    if (cfr && rule) {
      evidence.push({
        field: 'changeType',
        value: rule.changeType,
        rule: cfr.name,
        text: `${reference.title} CFR ${reference.part}`,
      });
      return rule;
    }
  }
  return undefined;
}

/**
 * Turns a material named as a form of goods into its product ("steel pipe" -> steel-products) and
 * adds the trade names of the phrase table, when the catalogue has the product.
 */
function productsOf(
  matches: MaterialMatch[],
  text: string,
  matcher: MaterialMatcher,
  evidence: Evidence[],
): MaterialMatch[] {
  const result = matches.map((match) => {
    const form = PRODUCT_FORMS.find(
      (rule) => rule.material === match.material && matcher.materials.has(rule.product),
    );
    if (!form) return match;
    // The form may follow within four words ("Steel Wire Strand") or precede with "of" ("Tubing of Alloy Steel").
    const after = (wordsAfter(text, match.end).match(/^(?:[\s-]+[\w-]+){1,4}/)?.[0] ?? '').split(/[\s-]+/);
    const before = wordBeforeOf(text, match.start);
    const word = [...after, before].find(
      (candidate) => candidate !== undefined && form.words.test(candidate),
    );
    if (!word) return match;
    evidence.push({
      field: 'materials',
      value: form.product,
      rule: `product form "${word}" of ${match.material}`,
      text: match.text,
    });
    return { ...match, material: form.product };
  });
  for (const phrase of PRODUCT_PHRASES) {
    const found = phrase.pattern.exec(text);
    if (!found || !matcher.materials.has(phrase.material)) continue;
    evidence.push({
      field: 'materials',
      value: phrase.material,
      rule: `trade name ${phrase.name}`,
      text: found[0],
    });
    result.push({
      material: phrase.material,
      term: phrase.name,
      text: found[0],
      weak: false,
      start: found.index,
      end: found.index + found[0].length,
    });
  }
  return result;
}

/** How far after a material its product form is looked for: four words of ordinary length. */
const FORM_WINDOW = 120;

/**
 * The text after a match, at most `FORM_WINDOW` characters and ending on a whole word: a run of
 * word characters with no end in sight would otherwise be read again for every match inside it.
 */
function wordsAfter(text: string, from: number): string {
  const to = from + FORM_WINDOW;
  const window = text.slice(from, to);
  return to < text.length && /[\w-]/.test(text.charAt(to)) ? window.replace(/[\w-]+$/, '') : window;
}

/**
 * The `<word>` of `<word> of [up to four words] <match>`, read backwards from the match: the
 * furthest "of" wins, as the leftmost match of `\b([\w-]+)\s+of\s+(?:[\w-]+\s+){0,4}$` would. Reading
 * at most six words back, never the whole text before the match, keeps tagging linear.
 */
function wordBeforeOf(text: string, start: number): string | undefined {
  const words: string[] = [];
  let at = start;
  while (words.length < 6) {
    const gap = at;
    while (at > 0 && /\s/.test(text.charAt(at - 1))) at--;
    if (at === gap) break;
    const end = at;
    while (at > 0 && /[\w-]/.test(text.charAt(at - 1))) at--;
    if (at === end) break;
    words.push(text.slice(at, end));
  }
  for (let of = Math.min(4, words.length - 2); of >= 0; of--) {
    // A word boundary cannot fall on a leading hyphen: the word starts after it.
    const word = words[of + 1]?.replace(/^-+/, '');
    if (words[of] === 'of' && word) return word;
  }
  return undefined;
}

/** Drops matches that sit inside a blocked phrase for their material ("tin" in "tin mill products"). */
function withoutBlocked(matches: MaterialMatch[], text: string, evidence: Evidence[]): MaterialMatch[] {
  // Each phrase's spans are in order and do not overlap: a binary search finds the one a match touches.
  const spans = BLOCKED_PHRASES.map((phrase) =>
    [...text.matchAll(phrase.pattern)].map((match) => ({
      phrase,
      from: match.index,
      to: match.index + match[0].length,
      text: match[0],
    })),
  );
  const overlapping = (ofPhrase: (typeof spans)[number], match: MaterialMatch) => {
    let low = 0;
    let high = ofPhrase.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((ofPhrase[middle]?.to ?? 0) > match.start) high = middle;
      else low = middle + 1;
    }
    const span = ofPhrase[low];
    return span && span.from < match.end ? span : undefined;
  };
  return matches.filter((match) => {
    let blocked: (typeof spans)[number][number] | undefined;
    for (const [index, phrase] of BLOCKED_PHRASES.entries()) {
      if (phrase.material !== match.material) continue;
      blocked = overlapping(spans[index] ?? [], match);
      if (blocked) break;
    }
    if (blocked) {
      evidence.push({
        field: 'materials',
        value: `not ${match.material}`,
        rule: `blocked phrase ${blocked.phrase.name}`,
        text: blocked.text,
      });
    }
    return !blocked;
  });
}

/** HTS/HS codes as the Federal Register writes them: dotted (`7606.12.30`) or after "heading". */
export function hsCodesIn(text: string): string[] {
  const codes = new Set<string>();
  for (const match of text.matchAll(/\b(\d{4})\.(\d{2})(?:\.(\d{2,4}))?(?:\.(\d{2}))?\b/g)) {
    codes.add(match.slice(1).filter(Boolean).join(''));
  }
  for (const match of text.matchAll(/\b(?:sub)?headings?\s+(\d{4,10})(?![.\d])/gi)) {
    if (match[1]) codes.add(match[1]);
  }
  return [...codes].filter((code) => code.length >= 4 && code.length <= 10).sort();
}

/** The first "effective/applicable <date>" in a dates text, or a text that is only a date. */
export function effectiveDateIn(dates: string | undefined): string | undefined {
  if (!dates) return undefined;
  const month = `(${MONTHS.join('|')})\\s+(\\d{1,2}),\\s+(\\d{4})`;
  const match =
    new RegExp(`\\b(?:effective|applicable)(?:\\s+(?:on|as of|date|beginning))?:?\\s+${month}`, 'i').exec(
      dates,
    ) ?? new RegExp(`^\\s*${month}\\.?\\s*$`, 'i').exec(dates);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  const monthNumber = MONTHS.indexOf(match[1].toLowerCase()) + 1;
  return `${match[3]}-${String(monthNumber).padStart(2, '0')}-${match[2].padStart(2, '0')}`;
}
