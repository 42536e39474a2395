import { describe, expect, it } from 'vitest';
import { applicabilityLine, judgeApplicability } from '../../shared/matching/applicability.js';
import type { Condition } from '../../shared/model/conditions.js';
import type { Profile, ReasonResult } from '../../shared/model/profile.js';

/**
 * Each condition's reason as the contract describes it: its result and the profile field it was
 * judged on, and the words an analyst reads where the condition is told rather than judged.
 */

const civilian: Profile = { endUses: ['civilian'] };
const military: Profile = { endUses: ['military'] };
const silent: Profile = {};
const verifiedInCn: Profile = { endUses: ['civilian'], verifiedEndUser: ['cn'] };
const reExporter: Profile = { endUses: ['civilian'], reExports: true };
const generalHolder: Profile = {
  endUses: ['civilian'],
  licences: [
    { issuer: 'US', type: 'individual' },
    { issuer: 'cn', type: 'general' },
  ],
};
const usHolder: Profile = { endUses: ['civilian'], licences: [{ issuer: 'US', type: 'general' }] };

const reasonOf = (condition: Condition, profile: Profile | undefined) => {
  const { reasons } = judgeApplicability(
    { issuingRegion: 'CN', direction: 'tightening', conditions: [condition] },
    profile,
  );
  expect(reasons).toHaveLength(1);
  return reasons[0];
};

/** [case, condition, profile, result, profileField (undefined: judged on no field)]. */
const JUDGED: [string, Condition, Profile, ReasonResult, string | undefined][] = [
  [
    'an end-use rule for a profile naming no end uses',
    { type: 'end-use', effect: 'restricts', values: ['military'] },
    silent,
    'unknown',
    'endUses',
  ],
  [
    'an exemption the profile meets rules the change out',
    { type: 'end-use', effect: 'exempts', values: ['civilian'] },
    civilian,
    'does-not-apply',
    'endUses',
  ],
  [
    'an exemption the profile misses leaves the change applying',
    { type: 'end-use', effect: 'exempts', values: ['humanitarian'] },
    civilian,
    'applies',
    'endUses',
  ],
  [
    'a requirement the profile meets makes the change apply',
    { type: 'verified-end-user', effect: 'requires' },
    verifiedInCn,
    'applies',
    'verifiedEndUser',
  ],
  [
    'a requirement the profile misses makes it apply only if met',
    { type: 'verified-end-user', effect: 'requires' },
    civilian,
    'applies-if',
    'verifiedEndUser',
  ],
  [
    'listed parties: a profile naming no end uses is not known',
    { type: 'end-user', effect: 'restricts', values: ['listed-party'] },
    silent,
    'unknown',
    'endUses',
  ],
  [
    'listed parties: even a military profile is no listed party',
    { type: 'end-user', effect: 'restricts', values: ['listed-party'] },
    military,
    'does-not-apply',
    'endUses',
  ],
  [
    'military end users or listed parties: a military profile is one',
    { type: 'end-user', effect: 'restricts', values: ['listed-party', 'military-end-user'] },
    military,
    'applies',
    'endUses',
  ],
  [
    'military end users: a military profile is one',
    { type: 'end-user', effect: 'restricts', values: ['military-end-user'] },
    military,
    'applies',
    'endUses',
  ],
  [
    'military end users: a profile naming no end uses is not known',
    { type: 'end-user', effect: 'restricts', values: ['military-end-user'] },
    silent,
    'unknown',
    'endUses',
  ],
  [
    'a foreign-direct-product rule reaches a re-exporter through its exports',
    { type: 'foreign-direct-product', effect: 'restricts' },
    reExporter,
    'applies',
    'reExports',
  ],
  [
    'a foreign-direct-product rule reaches any buyer of such goods',
    { type: 'foreign-direct-product', effect: 'restricts' },
    civilian,
    'applies',
    undefined,
  ],
  [
    'a de-minimis rule reaches a re-exporter',
    { type: 'de-minimis', effect: 'restricts', percent: 0.1 },
    reExporter,
    'applies',
    'reExports',
  ],
  [
    'a de-minimis exemption is told',
    { type: 'de-minimis', effect: 'exempts', percent: 25 },
    reExporter,
    'reported',
    undefined,
  ],
  [
    'a relief for licence holders: one of several licences, from the issuer, is enough',
    { type: 'licence', effect: 'requires', values: ['general'] },
    generalHolder,
    'applies',
    'licences',
  ],
  [
    'a relief for licence holders: a licence from another issuer is none',
    { type: 'licence', effect: 'requires', values: ['general'] },
    usHolder,
    'applies-if',
    'licences',
  ],
  [
    'a licence a rule requires is told, with what the profile holds',
    { type: 'licence', effect: 'restricts', values: ['general'] },
    generalHolder,
    'reported',
    'licences',
  ],
  [
    'a licence a rule requires, for a profile naming no licences, is told',
    { type: 'licence', effect: 'restricts', values: ['individual'] },
    civilian,
    'reported',
    undefined,
  ],
  [
    'a licence policy is told',
    { type: 'licence-policy', effect: 'restricts', values: ['case-by-case'] },
    civilian,
    'reported',
    undefined,
  ],
];

describe('each condition judged on the profile', () => {
  it.each(JUDGED)('%s', (_name, condition, profile, result, profileField) => {
    const reason = reasonOf(condition, profile);
    expect(reason?.condition).toEqual(condition);
    expect(reason?.result).toBe(result);
    expect(reason?.profileField).toBe(profileField);
  });
});

/** [case, condition, profile, the words the alert carries for it]: told, never judged. */
const TOLD: [string, Condition, Profile, string][] = [
  [
    'a quota',
    { type: 'quota', effect: 'restricts', quantity: 100, unit: 't', period: '2026' },
    civilian,
    'quota of 100 t for 2026',
  ],
  ['an export tax', { type: 'export-tax', effect: 'restricts', percent: 15 }, civilian, 'export tax of 15 %'],
  [
    'a minimum price',
    { type: 'minimum-price', effect: 'restricts', value: 250, currency: 'USD', unit: 'kg' },
    civilian,
    'minimum price of 250 USD per kg',
  ],
  [
    'affiliates',
    { type: 'affiliates', effect: 'restricts', percent: 50 },
    civilian,
    'extends to affiliates owned 50 % or more',
  ],
  [
    'a parameter with its unit',
    {
      type: 'parameter',
      effect: 'restricts',
      parameter: 'energy-density',
      operator: '>=',
      value: 300,
      unit: 'Wh/kg',
    },
    civilian,
    'items with energy-density >= 300 Wh/kg',
  ],
  [
    'a parameter without unit',
    { type: 'parameter', effect: 'restricts', parameter: 'purity', operator: '>', value: 99.99 },
    civilian,
    'items with purity > 99.99',
  ],
  [
    'another condition, in its own words',
    { type: 'other', effect: 'restricts', text: 'end-use statement' },
    civilian,
    'end-use statement',
  ],
  [
    'a licence policy',
    { type: 'licence-policy', effect: 'restricts', values: ['case-by-case', 'presumption-of-denial'] },
    civilian,
    'licence applications: case-by-case, presumption-of-denial',
  ],
  [
    'a de-minimis exemption',
    { type: 'de-minimis', effect: 'exempts', percent: 25 },
    civilian,
    'exempts: goods made abroad with at least 25 % controlled content',
  ],
  [
    'a foreign-direct-product exemption',
    { type: 'foreign-direct-product', effect: 'exempts' },
    civilian,
    "exempts: goods made abroad with the issuer's technology or equipment",
  ],
  [
    'a required licence, no licences in the profile',
    { type: 'licence', effect: 'restricts', values: ['individual', 'general'] },
    civilian,
    'individual or general licence required',
  ],
  [
    'an exempting licence, no licences in the profile',
    { type: 'licence', effect: 'exempts', values: ['general'] },
    civilian,
    'general licence exempt',
  ],
  [
    'a licence a relief requires, no licences in the profile',
    { type: 'licence', effect: 'requires', values: ['general'] },
    civilian,
    'general licence required for the relief',
  ],
  [
    'a required licence the profile holds',
    { type: 'licence', effect: 'restricts', values: ['general'] },
    generalHolder,
    'general licence required; the profile holds one',
  ],
  [
    'a required licence the profile does not hold',
    { type: 'licence', effect: 'restricts', values: ['individual'] },
    usHolder,
    'individual licence required; the profile holds none',
  ],
];

describe('conditions that are told, in the words the alert carries', () => {
  it.each(TOLD)('%s', (_name, condition, profile, text) => {
    const reason = reasonOf(condition, profile);
    expect(reason?.result).toBe('reported');
    expect(reason?.text).toBe(text);
  });
});

/** [case, condition, profile, the e-mail line]: the decisive reason explains the verdict. */
const LINES: [string, Condition, Profile, string][] = [
  [
    'an end-use restriction the profile misses',
    { type: 'end-use', effect: 'restricts', values: ['military', 'weapons-of-mass-destruction'] },
    { endUses: ['civilian', 'humanitarian'] },
    "Applies to you: no (only military or weapons-of-mass-destruction end use; the profile's end uses are civilian, humanitarian)",
  ],
  [
    'listed parties, for a profile naming no end uses',
    { type: 'end-user', effect: 'restricts', values: ['listed-party'] },
    silent,
    'Applies to you: not known (listed parties; the profile names no end uses)',
  ],
  [
    'listed parties, for a profile naming its end uses',
    { type: 'end-user', effect: 'restricts', values: ['listed-party'] },
    civilian,
    'Applies to you: no (only listed parties; the profile is not one (screen your counterparties with a watchlist))',
  ],
  [
    'military end users, for a profile naming no end uses',
    { type: 'end-user', effect: 'restricts', values: ['military-end-user'] },
    silent,
    'Applies to you: not known (military end users; the profile names no end uses)',
  ],
  [
    'an exemption for military end users, military profile',
    { type: 'end-user', effect: 'exempts', values: ['military-end-user'] },
    military,
    'Applies to you: no (exempts military end users; the profile is one (military end use))',
  ],
  [
    'a restriction to military end users, civilian profile',
    { type: 'end-user', effect: 'restricts', values: ['military-end-user'] },
    civilian,
    'Applies to you: no (only military end users; the profile is not one)',
  ],
  [
    'a relief for verified end users, profile not verified',
    { type: 'verified-end-user', effect: 'requires' },
    civilian,
    "Applies to you: if you meet its conditions (available only for verified end users under CN's scheme; the profile is not one)",
  ],
  [
    'an exemption for verified end users, profile verified',
    { type: 'verified-end-user', effect: 'exempts' },
    verifiedInCn,
    "Applies to you: no (exempts verified end users under CN's scheme; the profile is one)",
  ],
  [
    'a relief for licence holders, profile holding none from the issuer',
    { type: 'licence', effect: 'requires', values: ['general'] },
    usHolder,
    'Applies to you: if you meet its conditions (available only for holders of a general licence from CN; the profile holds none)',
  ],
];

describe('the line alerts carry', () => {
  it.each(LINES)('%s', (_name, condition, profile, line) => {
    const applicability = judgeApplicability(
      { issuingRegion: 'CN', direction: 'tightening', conditions: [condition] },
      profile,
    );
    expect(applicabilityLine(applicability)).toBe(line);
  });

  it('leaves the reason out when brief', () => {
    const applicability = judgeApplicability(
      {
        issuingRegion: 'CN',
        direction: 'tightening',
        conditions: [{ type: 'end-use', effect: 'restricts', values: ['military'] }],
      },
      civilian,
    );
    expect(applicabilityLine(applicability, true)).toBe('Applies to you: no');
  });

  it('says "yes" alone when the change applies', () => {
    const applicability = judgeApplicability(
      {
        issuingRegion: 'CN',
        direction: 'tightening',
        conditions: [{ type: 'end-use', effect: 'restricts', values: ['military'] }],
      },
      military,
    );
    expect(applicabilityLine(applicability)).toBe('Applies to you: yes');
  });

  it('explains with the reason that decided, not the first told one', () => {
    const applicability = judgeApplicability(
      {
        issuingRegion: 'CN',
        direction: 'tightening',
        conditions: [
          { type: 'export-tax', effect: 'restricts', percent: 15 },
          { type: 'end-user', effect: 'restricts', values: ['military-end-user'] },
        ],
      },
      civilian,
    );
    expect(applicabilityLine(applicability)).toBe(
      'Applies to you: no (only military end users; the profile is not one)',
    );
  });

  it('says "not known" and "if you meet its conditions" in brief too', () => {
    const change = {
      issuingRegion: 'CN',
      direction: 'relaxation' as const,
      conditions: [{ type: 'verified-end-user', effect: 'requires' } as Condition],
    };
    expect(applicabilityLine(judgeApplicability(change, undefined), true)).toBe('Applies to you: not known');
    expect(applicabilityLine(judgeApplicability(change, civilian), true)).toBe(
      'Applies to you: if you meet its conditions',
    );
  });
});

describe('the verdict and what it requires', () => {
  const exportTax: Condition = { type: 'export-tax', effect: 'restricts', percent: 15 };

  it('applies, requiring nothing, when a change names no conditions', () => {
    expect(judgeApplicability({ issuingRegion: 'CN', direction: 'tightening' }, civilian)).toEqual({
      verdict: 'applies',
      reasons: [],
      requires: [],
    });
  });

  it('is not known without a profile: every condition unknown, nothing required', () => {
    const relief: Condition = { type: 'verified-end-user', effect: 'requires' };
    expect(
      judgeApplicability(
        { issuingRegion: 'CN', direction: 'relaxation', conditions: [relief, exportTax] },
        undefined,
      ),
    ).toMatchObject({
      verdict: 'unknown',
      reasons: [
        { condition: relief, result: 'unknown' },
        { condition: exportTax, result: 'unknown' },
      ],
      requires: [],
    });
  });

  it('requires nothing when another condition rules the change out', () => {
    const applicability = judgeApplicability(
      {
        issuingRegion: 'CN',
        direction: 'relaxation',
        conditions: [
          { type: 'verified-end-user', effect: 'requires' },
          { type: 'end-use', effect: 'restricts', values: ['civilian'] },
        ],
      },
      military,
    );
    expect(applicability.verdict).toBe('does-not-apply');
    expect(applicability.requires).toEqual([]);
  });
});
