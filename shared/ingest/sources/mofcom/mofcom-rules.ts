/**
 * The tables the Chinese reader applies, in the order it applies them: what makes an announcement
 * an export control (and what makes it something else), who issued it, what it does, to which
 * countries, under which conditions. Patterns read normalised text: simplified characters, ASCII
 * digits and punctuation (`,` `:` `(` `%`), the ideographic `、` and `。` kept.
 */
import type { ConditionObjectInput } from '../../../model/conditions.js';
import type { ChangeType } from '../../../model/policy-change.js';
import type { ItemType } from '../candidate.js';

/** The source every MOFCOM candidate carries, as the shipped history does. */
export const MOFCOM_SOURCE = 'cn-mofcom';

/** Why a page is not an export control, checked in this order before anything is extracted. */
export const DROP_RULES: readonly { reason: string; pattern: RegExp; says: string }[] = [
  {
    reason: 'trade-remedy',
    pattern: /反倾销|反补贴|保障措施|倾销及倾销幅度/,
    says: 'a trade-remedy measure (anti-dumping, anti-subsidy or safeguard)',
  },
  { reason: 'personnel', pattern: /任免|任命.{0,20}职务|免去.{0,20}职务|干部/, says: 'a personnel notice' },
  {
    reason: 'unreliable-entity-list',
    pattern: /不可靠实体清单/,
    says: 'an unreliable-entity-list decision (a separate regime from export control)',
  },
];

/** An export control names the law or the controlled items; anything else is dropped. */
export const EXPORT_CONTROL_MARKERS = /出口管制|两用物项|管制物项|不得出口|禁止.{0,20}出口/;

/** Issuing bodies as signed at the head of an announcement, longest names first. */
export const ISSUING_BODIES: readonly [string, string][] = [
  ['国家国防科技工业局', 'SASTIND'],
  ['国防科工局', 'SASTIND'],
  ['中央军委装备发展部', 'CMC-EDD'],
  ['国家原子能机构', 'CAEA'],
  ['海关总署', 'GAC'],
  ['商务部', 'MOFCOM'],
];

/** `商务部 海关总署公告2025年第70号`: the signatories, the year and the number. */
export const NUMBER_PATTERN =
  /((?:(?:商务部|海关总署|国家国防科技工业局|国防科工局|国家原子能机构|中央军委装备发展部)[ 、]*)+)公告 ?(\d{4})年第(\d+)号/;

/** Operative clauses: an announcement with two or more is recorded as one change per clause. */
export const OPERATIVE_CLAUSE = /禁止|原则上不予许可/;

/** Relations from the verb that governs a list of announcement numbers, first match wins. */
export const RELATION_VERBS: readonly {
  relation: 'suspends' | 'revokes' | 'amends' | 'supersedes';
  pattern: RegExp;
}[] = [
  { relation: 'suspends', pattern: /暂停实施|暂停执行|暂停适用/ },
  { relation: 'revokes', pattern: /废止|停止执行|予以撤销/ },
  { relation: 'supersedes', pattern: /代替|替代/ },
  { relation: 'amends', pattern: /调整|修改|修订/ },
];

/** What a change does, first match wins; `technology-control` is decided from the items instead. */
export const CHANGE_TYPE_RULES: readonly { changeType: ChangeType; pattern: RegExp; says: string }[] = [
  { changeType: 'suspension', pattern: /暂停实施|暂停执行/, says: 'suspends a measure (暂停实施)' },
  { changeType: 'general-licence', pattern: /通用许可/, says: 'a general licence (通用许可)' },
  {
    changeType: 'extraterritorial-control',
    pattern: /境外生产|价值比例/,
    says: 'items made abroad (境外生产, 价值比例)',
  },
  {
    changeType: 'end-user-list-removal',
    pattern: /移出.{0,6}管控名单/,
    says: 'parties taken off the control list',
  },
  {
    changeType: 'end-user-list-addition',
    pattern: /列入出口管制管控名单/,
    says: 'parties put on the control list',
  },
  {
    changeType: 'export-ban',
    pattern: /禁止.{0,30}出口|原则上不予许可/,
    says: 'a prohibition or refusal in principle (禁止, 原则上不予许可)',
  },
  {
    changeType: 'licence-requirement',
    pattern: /未经许可,?不得出口|实施出口管制|出口许可/,
    says: 'no export without a licence (未经许可不得出口)',
  },
];

/** Destinations named in an operative clause; none named means every destination. */
export const DESTINATIONS: readonly [RegExp, string][] = [
  [/美国/, 'US'],
  [/日本/, 'JP'],
  [/欧盟/, 'EU'],
  [/台湾地区/, 'TW'],
  [/加拿大/, 'CA'],
  [/印度/, 'IN'],
];

/** What kind of thing the items are; goods unless only technology is named. */
export const ITEM_TYPE_RULES: readonly [RegExp, ItemType][] = [
  [/设备|压机|装置/, 'equipment'],
  [/技术/, 'technology'],
  [/软件/, 'software'],
];
export const GOODS_WORDS = /物项|材料|产品|合金|化合物|矿|电池|晶|粉|制品/;
/** Dual-use items with no material named: everything the law covers. */
export const ALL_DUAL_USE = /两用物项/;

type ConditionRule = {
  pattern: RegExp;
  /** When set, the sentence must also match this. */
  and?: RegExp;
  condition: (match: RegExpMatchArray) => ConditionObjectInput;
  says: string;
};

/** Typed conditions from the sentences of a clause, each at most once per change. */
export const CONDITION_RULES: readonly ConditionRule[] = [
  {
    pattern: /未经许可,?不得出口/,
    condition: () => ({ type: 'licence', effect: 'restricts', values: ['individual'] }),
    says: 'no export without a licence',
  },
  {
    pattern: /通用许可/,
    condition: () => ({ type: 'licence', effect: 'requires', values: ['general'] }),
    says: 'a general licence',
  },
  {
    pattern: /军事用户/,
    and: /禁止/,
    condition: () => ({ type: 'end-user', effect: 'restricts', values: ['military-end-user'] }),
    says: 'prohibited to military end users',
  },
  {
    pattern: /军事用途/,
    and: /禁止/,
    condition: () => ({ type: 'end-use', effect: 'restricts', values: ['military'] }),
    says: 'prohibited for military end uses',
  },
  {
    pattern: /价值比例(?:达到|为|在)?\s*(\d+(?:\.\d+)?)%/,
    condition: (match) => ({ type: 'de-minimis', effect: 'restricts', percent: Number(match[1]) }),
    says: 'the share of Chinese content by value',
  },
  {
    pattern: /境外使用原产于中国的.{0,40}技术/,
    condition: () => ({ type: 'foreign-direct-product', effect: 'restricts' }),
    says: 'made abroad with Chinese technology',
  },
  {
    pattern: /原则上不予许可/,
    condition: () => ({ type: 'licence-policy', effect: 'restricts', values: ['presumption-of-denial'] }),
    says: 'in principle not licensed',
  },
  {
    pattern: /(\d+)%以上股权/,
    condition: (match) => ({ type: 'affiliates', effect: 'restricts', percent: Number(match[1]) }),
    says: 'extends to affiliates by ownership share',
  },
  {
    pattern: /逐案审批|逐案审查/,
    and: /芯片|半导体/,
    condition: () => ({ type: 'licence-policy', effect: 'restricts', values: ['case-by-case'] }),
    says: 'advanced-chip end uses reviewed case by case',
  },
  {
    pattern: /人道主义/,
    condition: () => ({ type: 'end-use', effect: 'exempts', values: ['humanitarian'] }),
    says: 'humanitarian end uses exempted',
  },
  {
    pattern: /能量密度(大于等于|不低于|大于|≥|>=)\s*(\d+(?:\.\d+)?)\s*Wh\/kg/i,
    condition: (match) => ({
      type: 'parameter',
      effect: 'restricts',
      parameter: 'energy-density',
      operator: match[1] === '大于' ? '>' : '>=',
      value: Number(match[2]),
      unit: 'Wh/kg',
    }),
    says: 'energy density threshold',
  },
  {
    pattern: /更严格的最终用户和最终用途审查/,
    condition: () => ({ type: 'other', effect: 'restricts', text: 'a stricter end-user and end-use review' }),
    says: 'a stricter end-user and end-use review',
  },
];

/** How severe a change is from what it does; a reviewer refines it. */
export function severityOf(changeType: ChangeType): 'medium' | 'high' | 'critical' {
  if (changeType === 'export-ban' || changeType === 'extraterritorial-control') return 'critical';
  if (
    changeType === 'licence-requirement' ||
    changeType === 'technology-control' ||
    changeType === 'suspension'
  )
    return 'high';
  return 'medium';
}
