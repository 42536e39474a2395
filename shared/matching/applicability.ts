import { type Condition, type ConditionInput, typedConditions } from '../model/conditions.js';
import type { Direction } from '../model/policy-change.js';
import type {
  Applicability,
  ApplicabilityReason,
  ApplicabilitySetting,
  Profile,
  ReasonResult,
  Verdict,
} from '../model/profile.js';

export type { Applicability, ApplicabilityReason, Verdict };

/**
 * Whether a change applies to a subscriber, judged from the change's typed conditions and the
 * subscriber's profile alone: pure, so a fan-out judges thousands of candidates without a read.
 */

/** What of a change the verdict reads: its issuer, its direction and its conditions. */
export interface JudgedChange {
  issuingRegion: string;
  direction: Direction;
  conditions?: readonly (Condition | ConditionInput)[] | undefined;
}

/** The order in which results win when conditions combine. */
const PRECEDENCE: readonly Verdict[] = ['does-not-apply', 'applies-if', 'unknown', 'applies'];

/** The verdict several results come to: any does-not-apply wins, then applies-if, unknown, applies. */
export function combineVerdicts(results: readonly ReasonResult[]): Verdict {
  for (const verdict of PRECEDENCE) if (results.includes(verdict)) return verdict;
  return 'applies';
}

/**
 * Judges a change for one profile: a verdict with a reason per condition and the conditions the
 * profile must still meet.
 *
 * @example
 * judgeApplicability(generalLicence, { endUses: ['military'] }).verdict // 'does-not-apply'
 */
export function judgeApplicability(change: JudgedChange, profile: Profile | undefined): Applicability {
  const conditions = typedConditions(change.conditions ?? [], change.direction);
  if (!profile) {
    return {
      verdict: 'unknown',
      reasons: conditions.map((condition) => ({
        condition,
        result: 'unknown',
        text: 'no profile: set one on the subscription or a default for the subscriber to be told',
      })),
      requires: conditions.filter((c) => c.effect === 'requires'),
    };
  }
  const reasons = conditions.map((condition) => judgeCondition(condition, change, profile));
  // End-use and end-user restrictions are alternatives (military uses or military users): the
  // change bites where any of them holds, and misses only where none can.
  const alternatives = reasons.filter(isAlternative);
  const alternativeResult: ReasonResult[] =
    alternatives.length === 0
      ? []
      : [
          alternatives.some((r) => r.result === 'applies')
            ? 'applies'
            : alternatives.some((r) => r.result === 'unknown')
              ? 'unknown'
              : 'does-not-apply',
        ];
  const verdict = combineVerdicts([
    ...alternativeResult,
    ...reasons.filter((r) => !isAlternative(r)).map((r) => r.result),
  ]);
  return {
    verdict,
    reasons,
    requires: reasons.filter((r) => r.result === 'applies-if').map((r) => r.condition),
  };
}

function isAlternative(reason: ApplicabilityReason): boolean {
  const { type, effect } = reason.condition;
  return (
    effect === 'restricts' && (type === 'end-use' || type === 'end-user') && reason.result !== 'reported'
  );
}

/** Whether the profile is a military end user: it says so by naming military among its end uses. */
function militaryEndUser(profile: Profile): boolean | undefined {
  return profile.endUses ? profile.endUses.includes('military') : undefined;
}

function judgeCondition(condition: Condition, change: JudgedChange, profile: Profile): ApplicabilityReason {
  switch (condition.type) {
    case 'end-use':
      return judgeEndUse(condition, profile);
    case 'end-user':
      return judgeEndUser(condition, profile);
    case 'verified-end-user':
      return judgeVerified(condition, change, profile);
    case 'de-minimis':
    case 'foreign-direct-product':
      return judgeWidening(condition, profile);
    case 'licence':
      return judgeLicence(condition, change, profile);
    case 'licence-policy':
      return { condition, result: 'reported', text: `licence applications: ${condition.values.join(', ')}` };
    default:
      return { condition, result: 'reported', text: reportText(condition) };
  }
}

function judgeEndUse(
  condition: Extract<Condition, { type: 'end-use' }>,
  profile: Profile,
): ApplicabilityReason {
  const uses = profile.endUses;
  const named = condition.values.join(', ');
  const base = { condition, profileField: 'endUses' as const };
  if (!uses)
    return { ...base, result: 'unknown', text: `concerns ${named} end use; the profile names no end uses` };
  const shared = uses.filter((use) => condition.values.includes(use));
  if (condition.effect === 'exempts') {
    return shared.length === uses.length
      ? {
          ...base,
          result: 'does-not-apply',
          text: `${named} end use is exempt, and that is all the profile's use`,
        }
      : { ...base, result: 'applies', text: `${named} end use is exempt; ${outside(uses, shared)} is not` };
  }
  if (condition.effect === 'requires') {
    return shared.length === uses.length
      ? { ...base, result: 'applies', text: `available for ${named} end use, the profile's use` }
      : { ...base, result: 'applies-if', text: `available only for ${named} end use` };
  }
  return shared.length > 0
    ? { ...base, result: 'applies', text: `${shared.join(', ')} end use is covered` }
    : {
        ...base,
        result: 'does-not-apply',
        text: `only ${named} end use; the profile's is ${uses.join(', ')}`,
      };
}

function outside(uses: readonly string[], shared: readonly string[]): string {
  return uses.filter((use) => !shared.includes(use)).join(', ');
}

function judgeEndUser(
  condition: Extract<Condition, { type: 'end-user' }>,
  profile: Profile,
): ApplicabilityReason {
  const base = { condition, profileField: 'endUses' as const };
  // Listed parties are found by screening counterparties (a watchlist), not from the profile.
  if (condition.values.includes('listed-party') && condition.effect === 'restricts') {
    return {
      condition,
      result: 'applies',
      text: 'reaches the parties the change lists: screen your counterparties',
    };
  }
  if (!condition.values.includes('military-end-user')) {
    return { condition, result: 'reported', text: 'concerns listed parties; screen your counterparties' };
  }
  const military = militaryEndUser(profile);
  if (military === undefined)
    return { ...base, result: 'unknown', text: 'concerns military end users; the profile names no end uses' };
  if (condition.effect === 'exempts') {
    return military
      ? { ...base, result: 'does-not-apply', text: 'military end users are exempt, and the profile is one' }
      : { ...base, result: 'applies', text: 'military end users are exempt; the profile is not one' };
  }
  if (condition.effect === 'requires') {
    return military
      ? { ...base, result: 'applies', text: 'available to military end users; the profile is one' }
      : { ...base, result: 'applies-if', text: 'available only to military end users' };
  }
  return military
    ? { ...base, result: 'applies', text: 'military end users: the profile names military end use' }
    : {
        ...base,
        result: 'does-not-apply',
        text: 'military end use excluded: only military end users are concerned',
      };
}

function judgeVerified(
  condition: Extract<Condition, { type: 'verified-end-user' }>,
  change: JudgedChange,
  profile: Profile,
): ApplicabilityReason {
  const issuer = change.issuingRegion.toUpperCase();
  const verified = (profile.verifiedEndUser ?? []).some((region) => region.toUpperCase() === issuer);
  const base = { condition, profileField: 'verifiedEndUser' as const };
  if (condition.effect === 'requires') {
    return verified
      ? {
          ...base,
          result: 'applies',
          text: `a verified end user under ${issuer}'s scheme, as the profile is`,
        }
      : { ...base, result: 'applies-if', text: `only for verified end users under ${issuer}'s scheme` };
  }
  if (condition.effect === 'exempts') {
    return verified
      ? { ...base, result: 'does-not-apply', text: `verified end users under ${issuer}'s scheme are exempt` }
      : {
          ...base,
          result: 'applies',
          text: `verified end users under ${issuer}'s scheme are exempt; the profile is not one`,
        };
  }
  return verified
    ? { ...base, result: 'applies', text: `concerns verified end users under ${issuer}'s scheme` }
    : {
        ...base,
        result: 'does-not-apply',
        text: `concerns only verified end users under ${issuer}'s scheme`,
      };
}

function judgeWidening(
  condition: Extract<Condition, { type: 'de-minimis' | 'foreign-direct-product' }>,
  profile: Profile,
): ApplicabilityReason {
  const what =
    condition.type === 'de-minimis'
      ? `goods made abroad with at least ${condition.percent} % controlled content`
      : "goods made abroad with the issuer's technology or equipment";
  if (condition.effect !== 'restricts')
    return { condition, result: 'reported', text: `${condition.effect}: ${what}` };
  return profile.reExports
    ? {
        condition,
        profileField: 'reExports',
        result: 'applies',
        text: `reaches ${what}: your own exports of such goods are covered`,
      }
    : { condition, result: 'applies', text: `reaches ${what}: buying such goods is affected too` };
}

function judgeLicence(
  condition: Extract<Condition, { type: 'licence' }>,
  change: JudgedChange,
  profile: Profile,
): ApplicabilityReason {
  const kinds = condition.values.join(' or ');
  if (!profile.licences)
    return { condition, result: 'reported', text: `${kinds} licence ${verbOf(condition)}` };
  const issuer = change.issuingRegion.toUpperCase();
  const held = profile.licences.some(
    (licence) => licence.issuer.toUpperCase() === issuer && condition.values.includes(licence.type),
  );
  const base = { condition, profileField: 'licences' as const };
  if (condition.effect === 'requires') {
    return held
      ? {
          ...base,
          result: 'applies',
          text: `for holders of a ${kinds} licence from ${issuer}, as the profile is`,
        }
      : { ...base, result: 'applies-if', text: `only for holders of a ${kinds} licence from ${issuer}` };
  }
  return {
    ...base,
    result: 'reported',
    text: held
      ? `${kinds} licence from ${issuer}: the profile holds one`
      : `${kinds} licence from ${issuer}: the profile holds none`,
  };
}

function verbOf(condition: Condition): string {
  return condition.effect === 'requires'
    ? 'required for the relief'
    : condition.effect === 'exempts'
      ? 'exempt'
      : 'required';
}

function reportText(condition: Condition): string {
  switch (condition.type) {
    case 'quota':
      return `quota of ${condition.quantity} ${condition.unit}${condition.period ? ` for ${condition.period}` : ''}`;
    case 'export-tax':
      return `export tax of ${condition.percent} %`;
    case 'minimum-price':
      return `minimum price of ${condition.value} ${condition.currency} per ${condition.unit}`;
    case 'affiliates':
      return `extends to affiliates owned ${condition.percent} % or more`;
    case 'parameter':
      return `items with ${condition.parameter} ${condition.operator} ${condition.value}${condition.unit ? ` ${condition.unit}` : ''}`;
    case 'other':
      return condition.text;
    default:
      return condition.text ?? condition.type;
  }
}

/**
 * Whether a verdict is sent under a setting. `relevant` (the default) holds back only a change
 * that does not apply and relieves nothing (a tightening or a neutral change): a relief that does
 * not apply is news; `applies` sends only `applies` and `applies-if`; `all` sends everything.
 *
 * @example admits('relevant', 'does-not-apply', 'relaxation') // true
 */
export function admits(
  setting: ApplicabilitySetting | undefined,
  verdict: Verdict,
  direction: Direction,
): boolean {
  switch (setting ?? 'relevant') {
    case 'all':
      return true;
    case 'applies':
      return verdict === 'applies' || verdict === 'applies-if';
    default:
      return verdict !== 'does-not-apply' || direction === 'relaxation';
  }
}

/** The line alerts by SMS and e-mail carry: "Applies to you: no (military end use excluded)". */
export function applicabilityLine(applicability: Applicability): string {
  const words: Record<Verdict, string> = {
    applies: 'yes',
    'does-not-apply': 'no',
    'applies-if': 'if you meet its conditions',
    unknown: 'not known',
  };
  const decisive = applicability.reasons.find(
    (r) => r.result === applicability.verdict && r.result !== 'applies',
  );
  return `Applies to you: ${words[applicability.verdict]}${decisive ? ` (${decisive.text})` : ''}`;
}
