/**
 * The Chinese reader: an announcement page of the ministry becomes version-3 candidate changes
 * (one per operative clause when there are several), each field with the sentence it came from;
 * pages that are not export controls are dropped with a reason. Pure and table-driven: the tables
 * are in `mofcom-rules.ts`, the grammar in `mofcom-text.ts`.
 */
import type { Catalogue } from '../../../model/catalogue.js';
import type { ConditionObjectInput } from '../../../model/conditions.js';
import type { ChangeType, RelatedChangeInput } from '../../../model/policy-change.js';
import { type Evidence, ITEM_TYPES, type ItemType } from '../candidate.js';
import { SourceFormatError } from '../federal-register/federal-register-document.js';
import { findMaterials, type MaterialMatcher, materialMatcher } from '../tagging/material-terms.js';
import type { MofcomCandidate } from './mofcom-candidate.js';
import { englishSummary, englishTitle } from './mofcom-english.js';
import type { ArticlePage } from './mofcom-page.js';
import {
  ALL_DUAL_USE,
  CHANGE_TYPE_RULES,
  CONDITION_RULES,
  DESTINATIONS,
  DROP_RULES,
  EXPORT_CONTROL_MARKERS,
  GOODS_WORDS,
  ISSUING_BODIES,
  ITEM_TYPE_RULES,
  MOFCOM_SOURCE,
  NUMBER_PATTERN,
  OPERATIVE_CLAUSE,
  RELATION_VERBS,
  severityOf,
} from './mofcom-rules.js';
import { MOFCOM_URL } from './mofcom-site.js';
import {
  beijingMidnight,
  chineseDate,
  clauseNumber,
  isDateLine,
  mofcomRef,
  periodOf,
  referencesIn,
  type Sentence,
  sentencesOf,
} from './mofcom-text.js';

export type { MofcomCandidate } from './mofcom-candidate.js';

export type MofcomReading =
  | { kind: 'candidates'; candidates: MofcomCandidate[] }
  | { kind: 'dropped'; reason: string; detail: string; title: string };

/** Reads pages with one catalogue; the matcher is compiled once. */
export function mofcomReader(catalogue: Catalogue): (page: ArticlePage, where: string) => MofcomReading {
  const matcher = materialMatcher(catalogue);
  return (page, where) => readMofcomArticle(page, where, catalogue, matcher);
}

/**
 * One article page to candidates, or the reason it is not an export control. A page that reads as
 * an export control but carries no announcement number is refused: the number is its identity.
 *
 * @example
 * const reading = mofcomReader(defaultCatalogue())(parseArticlePage(html, 'No. 70'), 'No. 70');
 */
export function readMofcomArticle(
  page: ArticlePage,
  where: string,
  catalogue: Catalogue,
  matcher: MaterialMatcher = materialMatcher(catalogue),
): MofcomReading {
  const everything = [page.title, ...page.paragraphs].join('\n');
  for (const rule of DROP_RULES) {
    if (rule.pattern.test(everything))
      return { kind: 'dropped', reason: rule.reason, detail: rule.says, title: page.title };
  }
  if (!EXPORT_CONTROL_MARKERS.test(everything))
    return {
      kind: 'dropped',
      reason: 'not-export-control',
      detail: 'names no export-control measure',
      title: page.title,
    };
  const numbered = [page.title, ...page.paragraphs].map((text) => ({
    text,
    match: text.match(NUMBER_PATTERN),
  }));
  const heading = numbered.find((line) => line.match);
  if (!heading?.match?.[1] || !heading.match[2] || !heading.match[3])
    throw new SourceFormatError(
      `${where}: an export-control page without an announcement number (公告YYYY年第N号); its number is its identity`,
    );
  const year = Number(heading.match[2]);
  const number = Number(heading.match[3]);
  const signatories = heading.match[1];
  // In the order they sign: the lead ministry first.
  const bodies = ISSUING_BODIES.filter(([name]) => signatories.includes(name))
    .sort(([a], [b]) => signatories.indexOf(a) - signatories.indexOf(b))
    .map(([, code]) => code);
  const issuingBodies = [...new Set(bodies)];
  const ownRef = mofcomRef(year, number);

  // The centred number line repeats the heading; a clause naming another announcement stays.
  const body = page.paragraphs.filter((text) => {
    const number = text.match(NUMBER_PATTERN);
    return !(
      number &&
      number[2] === heading.match?.[2] &&
      number[3] === heading.match?.[3] &&
      text.length <= 40
    );
  });
  const signatureDay = [...body].reverse().find(isDateLine);
  const publishedDay = (signatureDay ? chineseDate(signatureDay) : undefined) ?? page.pageDate;
  const common: Evidence[] = [
    { field: 'sourceRef', value: ownRef, rule: 'the announcement number', text: heading.text },
    { field: 'issuingBodies', value: issuingBodies.join(', '), rule: 'the signatories', text: heading.text },
  ];
  if (publishedDay)
    common.push({
      field: 'publishedAt',
      value: publishedDay,
      rule: signatureDay ? 'the date under the signature' : 'the page date',
      ...(signatureDay ? { text: signatureDay } : {}),
    });
  const sentences = sentencesOf(body.filter((text) => !isDateLine(text)));
  const dates = datesOf(sentences, publishedDay, common);

  const clauses = clausesOf(body);
  const operative = clauses.filter((clause) => OPERATIVE_CLAUSE.test(clause.text.join('')));
  const segments =
    operative.length >= 2
      ? operative.map((clause) => ({ ref: mofcomRef(year, number, clause.number), paragraphs: clause.text }))
      : [{ ref: ownRef, paragraphs: body.filter((text) => !isDateLine(text)) }];
  // Attachments (the lists of controlled items) are links: the reviewer gets them with the text.
  const attachments = page.attachments.map(
    (attachment) => `${attachment.title} <${attachmentUrl(attachment.href, page.url)}>`,
  );
  const textOriginal = [...page.paragraphsOriginal, ...attachments].join('\n');
  const candidates = segments.map((segment) =>
    candidateOf(segment.ref, sentencesOf(segment.paragraphs), {
      ownRef,
      year,
      number,
      issuingBodies,
      common,
      dates,
      page,
      textOriginal,
      matcher,
      catalogue,
    }),
  );
  return { kind: 'candidates', candidates };
}

interface Context {
  ownRef: string;
  year: number;
  number: number;
  issuingBodies: string[];
  common: Evidence[];
  dates: { publishedAt?: string; effectiveAt?: string; expiresAt?: string };
  page: ArticlePage;
  textOriginal: string;
  matcher: MaterialMatcher;
  catalogue: Catalogue;
}

function candidateOf(sourceRef: string, sentences: Sentence[], context: Context): MofcomCandidate {
  const evidence: Evidence[] = [
    ...context.common.map((item) => (item.field === 'sourceRef' ? { ...item, value: sourceRef } : item)),
  ];
  const text = sentences.map((sentence) => sentence.text).join('');
  const materials = materialsOf(sentences, context, evidence);
  const hsCodes = codesOf(sentences, /海关商品编号:?\s*([\d、,\s]+)/g, /\d{4,10}/g, 'hsCodes', evidence);
  const controlCodes = codesOf(
    sentences,
    /管制编码\s*:?\s*(\d[A-Z]\d{3}(?:\.[a-z0-9]+)*)/g,
    /\d[A-Z]\d{3}(?:\.[a-z0-9]+)*/g,
    'controlCodes',
    evidence,
  );
  const noMaterial = materials.length === 0 && ALL_DUAL_USE.test(text);
  if (noMaterial) {
    materials.push('*');
    evidence.push({
      field: 'materials',
      value: '*',
      rule: 'dual-use items with no material named',
      text: firstWith(sentences, ALL_DUAL_USE),
    });
  }
  const itemTypes = itemTypesOf(sentences, noMaterial, evidence);
  const changeType = changeTypeOf(sentences, itemTypes, evidence);
  const relatedChanges = relationsOf(sentences, context.ownRef, evidence);
  const conditions = changeType === 'suspension' ? [] : conditionsOf(sentences, evidence);
  const affectedRegions = destinationsOf(sentences, evidence);
  const found = [
    materials.length > 0,
    context.dates.publishedAt,
    context.dates.effectiveAt,
    changeType !== 'other',
  ];
  const partial: Omit<MofcomCandidate, 'title' | 'summary'> = {
    source: MOFCOM_SOURCE,
    sourceRef,
    ...(context.page.url ? { url: context.page.url } : {}),
    materials,
    hsCodes,
    changeType,
    direction: directionOf(changeType, relatedChanges),
    issuingRegion: 'CN',
    originRegions: changeType === 'extraterritorial-control' ? ['*'] : ['CN'],
    affectedRegions,
    itemTypes,
    entities: [],
    severity: severityOf(changeType),
    ...(context.dates.publishedAt ? { publishedAt: beijingMidnight(context.dates.publishedAt) } : {}),
    ...(context.dates.effectiveAt ? { effectiveAt: beijingMidnight(context.dates.effectiveAt) } : {}),
    ...(context.dates.expiresAt ? { expiresAt: beijingMidnight(context.dates.expiresAt) } : {}),
    confidence: found.filter(Boolean).length / found.length,
    evidence,
    conditions,
    relatedChanges,
    controlCodes,
    issuingBodies: context.issuingBodies,
    titleOriginal: context.page.titleOriginal,
    textOriginal: context.textOriginal,
  };
  // Names read mid-sentence: lower case, as in "licences for gallium".
  const names = materials.map((id) => lowerFirst(context.catalogue.material(id)?.name ?? id));
  return {
    ...partial,
    title: englishTitle(partial, { year: context.year, number: context.number, names }),
    summary: englishSummary(partial, { year: context.year, number: context.number, names }),
  };
}

function datesOf(sentences: Sentence[], publishedDay: string | undefined, evidence: Evidence[]) {
  let effective: string | undefined;
  let expires: string | undefined;
  for (const sentence of sentences) {
    if (!/实施|施行|执行|生效/.test(sentence.text)) continue;
    const period = periodOf(sentence.text);
    if (!period) continue;
    const from = period.from === 'publication' ? publishedDay : period.from;
    if (from) {
      effective = from;
      evidence.push({
        field: 'effectiveAt',
        value: from,
        rule: period.from === 'publication' ? 'from the day of publication' : 'from the day named',
        text: sentence.text,
      });
    }
    if (period.until) {
      expires = period.until;
      evidence.push({
        field: 'expiresAt',
        value: period.until,
        rule: 'until the day named',
        text: sentence.text,
      });
    }
  }
  return {
    ...(publishedDay ? { publishedAt: publishedDay } : {}),
    ...(effective ? { effectiveAt: effective } : {}),
    ...(expires ? { expiresAt: expires } : {}),
  };
}

/** Numbered clauses with the paragraphs under each; the preamble before the first is left out. */
function clausesOf(paragraphs: readonly string[]): { number: number; text: string[] }[] {
  const clauses: { number: number; text: string[] }[] = [];
  for (const paragraph of paragraphs) {
    if (isDateLine(paragraph)) continue;
    const number = clauseNumber(paragraph);
    if (number !== undefined) clauses.push({ number, text: [paragraph] });
    else clauses.at(-1)?.text.push(paragraph);
  }
  return clauses;
}

function materialsOf(sentences: Sentence[], context: Context, evidence: Evidence[]): string[] {
  const materials: string[] = [];
  for (const sentence of sentences) {
    const matches = findMaterials(context.matcher, sentence.text).sort((a, b) => a.start - b.start);
    for (const match of matches) {
      if (!/[\u3400-\u9fff]/.test(match.term)) continue;
      // "部分中重稀土": some of a group, named one by one elsewhere, is not the whole group.
      const group = context.catalogue.descendants(match.material).length > 0;
      if (group && sentence.text.slice(Math.max(0, match.start - 3), match.start).includes('部分')) continue;
      if (materials.includes(match.material)) continue;
      materials.push(match.material);
      evidence.push({
        field: 'materials',
        value: match.material,
        rule: `catalogue term ${match.term}`,
        text: sentence.text,
      });
    }
  }
  return materials;
}

function codesOf(
  sentences: Sentence[],
  context: RegExp,
  code: RegExp,
  field: string,
  evidence: Evidence[],
): string[] {
  const codes: string[] = [];
  for (const sentence of sentences) {
    for (const match of sentence.text.matchAll(context)) {
      for (const found of (match[1] ?? '').matchAll(code)) {
        if (codes.includes(found[0])) continue;
        codes.push(found[0]);
        evidence.push({
          field,
          value: found[0],
          rule: field === 'hsCodes' ? '海关商品编号' : '管制编码',
          text: sentence.text,
        });
      }
    }
  }
  return codes;
}

function itemTypesOf(sentences: Sentence[], allDualUse: boolean, evidence: Evidence[]): ItemType[] {
  if (allDualUse) {
    evidence.push({
      field: 'itemTypes',
      value: ITEM_TYPES.join(', '),
      rule: 'all dual-use items',
      text: firstWith(sentences, ALL_DUAL_USE),
    });
    return [...ITEM_TYPES];
  }
  const text = sentences.map((sentence) => sentence.text).join('');
  const found = new Set<ItemType>();
  for (const [pattern, type] of ITEM_TYPE_RULES) {
    if (!pattern.test(text)) continue;
    found.add(type);
    evidence.push({
      field: 'itemTypes',
      value: type,
      rule: `names ${type}`,
      text: firstWith(sentences, pattern),
    });
  }
  if (found.size === 0 || GOODS_WORDS.test(text)) found.add('goods');
  return ITEM_TYPES.filter((type) => found.has(type));
}

function changeTypeOf(sentences: Sentence[], itemTypes: ItemType[], evidence: Evidence[]): ChangeType {
  for (const rule of CHANGE_TYPE_RULES) {
    const sentence = sentences.find((candidate) => rule.pattern.test(candidate.text));
    if (!sentence) continue;
    const technologyOnly = rule.changeType === 'licence-requirement' && itemTypes.join() === 'technology';
    const changeType = technologyOnly ? 'technology-control' : rule.changeType;
    evidence.push({
      field: 'changeType',
      value: changeType,
      rule: technologyOnly ? 'technology only, under licence' : rule.says,
      text: sentence.text,
    });
    return changeType;
  }
  return 'other';
}

function relationsOf(sentences: Sentence[], ownRef: string, evidence: Evidence[]): RelatedChangeInput[] {
  const relations: RelatedChangeInput[] = [];
  for (const sentence of sentences) {
    const verb = RELATION_VERBS.find((candidate) => candidate.pattern.test(sentence.text));
    if (!verb) continue;
    for (const reference of referencesIn(sentence.text)) {
      const sourceRef = mofcomRef(reference.year, reference.number, reference.clause);
      if (sourceRef === ownRef || relations.some((known) => known.sourceRef === sourceRef)) continue;
      relations.push({ relation: verb.relation, source: MOFCOM_SOURCE, sourceRef });
      evidence.push({
        field: 'relatedChanges',
        value: `${verb.relation} ${sourceRef}`,
        rule: `${verb.relation} the announcement named`,
        text: sentence.text,
      });
    }
  }
  return relations;
}

function conditionsOf(sentences: Sentence[], evidence: Evidence[]): ConditionObjectInput[] {
  const conditions: ConditionObjectInput[] = [];
  for (const rule of CONDITION_RULES) {
    for (const sentence of sentences) {
      const match = sentence.text.match(rule.pattern);
      if (!match || (rule.and && !rule.and.test(sentence.text))) continue;
      const condition = rule.condition(match);
      conditions.push(condition);
      evidence.push({ field: 'conditions', value: condition.type, rule: rule.says, text: sentence.text });
      break;
    }
  }
  return conditions;
}

function destinationsOf(sentences: Sentence[], evidence: Evidence[]): string[] {
  const regions: string[] = [];
  for (const [pattern, region] of DESTINATIONS) {
    const sentence = sentences.find((candidate) => pattern.test(candidate.text));
    if (!sentence || regions.includes(region)) continue;
    regions.push(region);
    evidence.push({ field: 'affectedRegions', value: region, rule: `names ${region}`, text: sentence.text });
  }
  return regions.length > 0 ? regions : ['*'];
}

function firstWith(sentences: Sentence[], pattern: RegExp): string | undefined {
  return sentences.find((sentence) => pattern.test(sentence.text))?.text;
}

function lowerFirst(name: string): string {
  return /^[A-Z][a-z]/.test(name) ? `${name[0]?.toLowerCase()}${name.slice(1)}` : name;
}

function attachmentUrl(href: string, base: string | undefined): string {
  try {
    return new URL(href, base ?? MOFCOM_URL).toString();
  } catch {
    return href;
  }
}

/** Suspensions, general licences, removals and bare revocations ease the rules; the rest tighten them. */
function directionOf(
  changeType: ChangeType,
  relations: readonly RelatedChangeInput[],
): 'tightening' | 'relaxation' {
  if (['suspension', 'general-licence', 'end-user-list-removal'].includes(changeType)) return 'relaxation';
  const revokesOnly = relations.length > 0 && relations.every((related) => related.relation === 'revokes');
  return changeType === 'other' && revokesOnly ? 'relaxation' : 'tightening';
}
