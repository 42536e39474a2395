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

/** What a condition's effect makes of a profile that meets it, and of one that does not. */
const OUTCOMES: Record<Condition['effect'], { met: Verdict; unmet: Verdict; phrase: string }> = {
  restricts: { met: 'applies', unmet: 'does-not-apply', phrase: 'only' },
  exempts: { met: 'does-not-apply', unmet: 'applies', phrase: 'exempts' },
  requires: { met: 'applies', unmet: 'applies-if', phrase: 'available only for' },
};

/** The reason for a judged condition: its effect decides what meeting it means. */
function outcome(
  condition: Condition,
  profileField: ApplicabilityReason['profileField'],
  met: boolean,
  what: string,
  fact: string,
): ApplicabilityReason {
  const { phrase, ...results } = OUTCOMES[condition.effect];
  return {
    condition,
    profileField,
    result: met ? results.met : results.unmet,
    text: `${phrase} ${what}; ${fact}`,
  };
}

function judgeEndUse(
  condition: Extract<Condition, { type: 'end-use' }>,
  profile: Profile,
): ApplicabilityReason {
  const uses = profile.endUses;
  const what = `${condition.values.join(' or ')} end use`;
  if (!uses) {
    return {
      condition,
      profileField: 'endUses',
      result: 'unknown',
      text: `${what}; the profile names no end uses`,
    };
  }
  const inside = uses.filter((use) => condition.values.includes(use));
  // A restriction bites where any use is covered; an exemption or a requirement holds only for all.
  const met = condition.effect === 'restricts' ? inside.length > 0 : inside.length === uses.length;
  return outcome(condition, 'endUses', met, what, `the profile's end uses are ${uses.join(', ')}`);
}

function judgeEndUser(
  condition: Extract<Condition, { type: 'end-user' }>,
  profile: Profile,
): ApplicabilityReason {
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
  if (military === undefined) {
    return {
      condition,
      profileField: 'endUses',
      result: 'unknown',
      text: 'military end users; the profile names no end uses',
    };
  }
  const fact = military ? 'the profile is one (military end use)' : 'the profile is not one';
  return outcome(condition, 'endUses', military, 'military end users', fact);
}

function judgeVerified(
  condition: Extract<Condition, { type: 'verified-end-user' }>,
  change: JudgedChange,
  profile: Profile,
): ApplicabilityReason {
  const issuer = change.issuingRegion.toUpperCase();
  const verified = (profile.verifiedEndUser ?? []).some((region) => region.toUpperCase() === issuer);
  const what = `verified end users under ${issuer}'s scheme`;
  return outcome(
    condition,
    'verifiedEndUser',
    verified,
    what,
    verified ? 'the profile is one' : 'the profile is not one',
  );
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
  const what = `holders of a ${kinds} licence from ${issuer}`;
  const fact = held ? 'the profile holds one' : 'the profile holds none';
  // A licence a rule requires is the mechanism: told, not judged; a relief for holders is judged.
  if (condition.effect === 'requires') return outcome(condition, 'licences', held, what, fact);
  return {
    condition,
    profileField: 'licences',
    result: 'reported',
    text: `${kinds} licence ${verbOf(condition)}; ${fact}`,
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

/**
 * The line alerts carry by e-mail, "Applies to you: no (only military end users; the profile is
 * not one)"; `brief` leaves the reason out, for an SMS.
 */
export function applicabilityLine(applicability: Applicability, brief = false): string {
  const words: Record<Verdict, string> = {
    applies: 'yes',
    'does-not-apply': 'no',
    'applies-if': 'if you meet its conditions',
    unknown: 'not known',
  };
  const line = `Applies to you: ${words[applicability.verdict]}`;
  if (brief) return line;
  const decisive = applicability.reasons.find(
    (r) => r.result === applicability.verdict && r.result !== 'applies',
  );
  return decisive ? `${line} (${decisive.text})` : line;
}
