import { describe, expect, it } from 'vitest';
import { admits, applicabilityLine, judgeApplicability } from '../../shared/matching/applicability.js';
import type { Condition } from '../../shared/model/conditions.js';
import type { Direction } from '../../shared/model/policy-change.js';
import type { Profile, Verdict } from '../../shared/model/profile.js';

const civilian: Profile = { endUses: ['civilian'] };
const military: Profile = { endUses: ['military'] };
const both: Profile = { endUses: ['civilian', 'military'] };
const verifiedCivilian: Profile = { endUses: ['civilian'], verifiedEndUser: ['CN'] };
const reExporter: Profile = { endUses: ['civilian'], reExports: true };
const silent: Profile = {};
const holder: Profile = { endUses: ['civilian'], licences: [{ issuer: 'CN', type: 'general' }] };

/** A relief for verified end users, for civilian use only (the general licences' shape). */
const verifiedCivilianRelief: Condition[] = [
  { type: 'verified-end-user', effect: 'requires' },
  { type: 'end-use', effect: 'restricts', values: ['civilian'] },
];

const judge = (direction: Direction, conditions: Condition[], profile: Profile | undefined) =>
  judgeApplicability({ issuingRegion: 'CN', direction, conditions }, profile);

/** [case, direction, conditions, profile, expected verdict], written before the run. */
const MATRIX: [string, Direction, Condition[], Profile | undefined, Verdict][] = [
  // end-use restricts
  [
    'end-use restricts military, military profile',
    'tightening',
    [{ type: 'end-use', effect: 'restricts', values: ['military'] }],
    military,
    'applies',
  ],
  [
    'end-use restricts military, civilian profile (negative)',
    'tightening',
    [{ type: 'end-use', effect: 'restricts', values: ['military'] }],
    civilian,
    'does-not-apply',
  ],
  [
    'end-use restricts military, profile naming no end uses',
    'tightening',
    [{ type: 'end-use', effect: 'restricts', values: ['military'] }],
    silent,
    'unknown',
  ],
  [
    'end-use restricts military, civilian and military profile',
    'tightening',
    [{ type: 'end-use', effect: 'restricts', values: ['military'] }],
    both,
    'applies',
  ],
  // end-user restricts; military end use makes a military end user
  [
    'end-user restricts military end users, military profile',
    'tightening',
    [{ type: 'end-user', effect: 'restricts', values: ['military-end-user'] }],
    military,
    'applies',
  ],
  [
    'end-user restricts military end users, civilian profile (negative)',
    'tightening',
    [{ type: 'end-user', effect: 'restricts', values: ['military-end-user'] }],
    civilian,
    'does-not-apply',
  ],
  [
    'end-user restricts listed parties: never excluded by a profile',
    'tightening',
    [{ type: 'end-user', effect: 'restricts', values: ['listed-party'] }],
    civilian,
    'applies',
  ],
  // exempts
  [
    'end-use exempts humanitarian, humanitarian-only profile',
    'tightening',
    [{ type: 'end-use', effect: 'exempts', values: ['humanitarian'] }],
    { endUses: ['humanitarian'] },
    'does-not-apply',
  ],
  [
    'end-use exempts humanitarian, civilian profile (negative)',
    'tightening',
    [{ type: 'end-use', effect: 'exempts', values: ['humanitarian'] }],
    civilian,
    'applies',
  ],
  [
    'end-use exempts civilian, civilian and military profile: not every use exempt',
    'tightening',
    [{ type: 'end-use', effect: 'exempts', values: ['civilian'] }],
    both,
    'applies',
  ],
  [
    'end-user exempts military end users, military profile',
    'relaxation',
    [{ type: 'end-user', effect: 'exempts', values: ['military-end-user'] }],
    military,
    'does-not-apply',
  ],
  [
    'verified-end-user exempts on a tightening, verified profile',
    'tightening',
    [{ type: 'verified-end-user', effect: 'exempts' }],
    verifiedCivilian,
    'does-not-apply',
  ],
  [
    'verified-end-user exempts on a tightening, unverified profile (negative)',
    'tightening',
    [{ type: 'verified-end-user', effect: 'exempts' }],
    civilian,
    'applies',
  ],
  // requires on a relief
  [
    'requires verified end user, verified profile',
    'relaxation',
    [{ type: 'verified-end-user', effect: 'requires' }],
    verifiedCivilian,
    'applies',
  ],
  [
    'requires verified end user, unverified profile (negative)',
    'relaxation',
    [{ type: 'verified-end-user', effect: 'requires' }],
    civilian,
    'applies-if',
  ],
  [
    'requires verified end user under another issuer',
    'relaxation',
    [{ type: 'verified-end-user', effect: 'requires' }],
    { verifiedEndUser: ['US'] },
    'applies-if',
  ],
  [
    'requires a general licence, holder',
    'relaxation',
    [{ type: 'licence', effect: 'requires', values: ['general'] }],
    holder,
    'applies',
  ],
  [
    'requires a general licence, profile listing no such licence (negative)',
    'relaxation',
    [{ type: 'licence', effect: 'requires', values: ['general'] }],
    { licences: [{ issuer: 'US', type: 'general' }] },
    'applies-if',
  ],
  [
    'requires civilian use, military profile',
    'relaxation',
    [{ type: 'end-use', effect: 'requires', values: ['civilian'] }],
    military,
    'applies-if',
  ],
  // de minimis and foreign-direct-product widen the rule to everyone
  [
    'de-minimis, any profile',
    'tightening',
    [{ type: 'de-minimis', effect: 'restricts', percent: 0.1 }],
    civilian,
    'applies',
  ],
  [
    'de-minimis, re-exporting profile',
    'tightening',
    [{ type: 'de-minimis', effect: 'restricts', percent: 0.1 }],
    reExporter,
    'applies',
  ],
  [
    'foreign-direct-product, any profile',
    'tightening',
    [{ type: 'foreign-direct-product', effect: 'restricts' }],
    military,
    'applies',
  ],
  [
    'de-minimis exempting: reported, never judged',
    'tightening',
    [{ type: 'de-minimis', effect: 'exempts', percent: 0.1 }],
    civilian,
    'applies',
  ],
  // licence and licence policy are reported unless the profile lists licences
  [
    'licence restricts individual, no licences in profile',
    'tightening',
    [{ type: 'licence', effect: 'restricts', values: ['individual'] }],
    civilian,
    'applies',
  ],
  [
    'licence restricts general, holder: judged, still applies',
    'tightening',
    [{ type: 'licence', effect: 'restricts', values: ['general'] }],
    holder,
    'applies',
  ],
  [
    'licence-policy presumption of denial',
    'tightening',
    [{ type: 'licence-policy', effect: 'restricts', values: ['presumption-of-denial'] }],
    military,
    'applies',
  ],
  // reported, never judged
  [
    'quota',
    'tightening',
    [{ type: 'quota', effect: 'restricts', quantity: 96_600, unit: 't', period: '2026' }],
    civilian,
    'applies',
  ],
  [
    'export tax',
    'tightening',
    [{ type: 'export-tax', effect: 'restricts', percent: 10 }],
    civilian,
    'applies',
  ],
  [
    'minimum price',
    'tightening',
    [{ type: 'minimum-price', effect: 'restricts', value: 5000, currency: 'USD', unit: 't' }],
    civilian,
    'applies',
  ],
  [
    'affiliates',
    'tightening',
    [{ type: 'affiliates', effect: 'restricts', percent: 50 }],
    civilian,
    'applies',
  ],
  [
    'parameter',
    'tightening',
    [
      {
        type: 'parameter',
        effect: 'restricts',
        parameter: 'purity',
        operator: '>=',
        value: 99.99,
        unit: '%',
      },
    ],
    civilian,
    'applies',
  ],
  [
    'other',
    'tightening',
    [{ type: 'other', effect: 'restricts', text: 'reporting duty' }],
    civilian,
    'applies',
  ],
  [
    'quota with a profile naming nothing',
    'tightening',
    [{ type: 'quota', effect: 'restricts', quantity: 1, unit: 'kg', period: '2025-Q4' }],
    silent,
    'applies',
  ],
  // no conditions, no profile
  ['no conditions, any profile', 'tightening', [], military, 'applies'],
  ['no conditions, no profile', 'tightening', [], undefined, 'unknown'],
  [
    'conditions that would exclude, no profile',
    'tightening',
    [{ type: 'end-user', effect: 'restricts', values: ['military-end-user'] }],
    undefined,
    'unknown',
  ],
  // end-use and end-user restrictions are alternatives
  [
    'military end users or military uses, civilian profile: neither holds',
    'tightening',
    [
      { type: 'end-user', effect: 'restricts', values: ['military-end-user'] },
      { type: 'end-use', effect: 'restricts', values: ['military'] },
    ],
    civilian,
    'does-not-apply',
  ],
  [
    'military end users or WMD uses, WMD profile: one holds',
    'tightening',
    [
      { type: 'end-user', effect: 'restricts', values: ['military-end-user'] },
      { type: 'end-use', effect: 'restricts', values: ['weapons-of-mass-destruction'] },
    ],
    { endUses: ['weapons-of-mass-destruction'] },
    'applies',
  ],
  // combination order: does-not-apply, then applies-if, then unknown, then applies
  [
    'relief for verified civilians, military profile: the excluded use wins over applies-if',
    'relaxation',
    verifiedCivilianRelief,
    military,
    'does-not-apply',
  ],
  [
    'relief for verified civilians, unverified civilian profile',
    'relaxation',
    verifiedCivilianRelief,
    civilian,
    'applies-if',
  ],
  [
    'applies-if wins over unknown',
    'relaxation',
    [
      { type: 'verified-end-user', effect: 'requires' },
      { type: 'end-use', effect: 'exempts', values: ['military'] },
    ],
    { verifiedEndUser: [] },
    'applies-if',
  ],
  [
    'unknown wins over applies',
    'tightening',
    [
      { type: 'de-minimis', effect: 'restricts', percent: 0.1 },
      { type: 'end-use', effect: 'restricts', values: ['military'] },
    ],
    silent,
    'unknown',
  ],
];

describe('judgeApplicability', () => {
  it.each(MATRIX)('%s', (_name, direction, conditions, profile, expected) => {
    expect(judge(direction, conditions, profile).verdict).toBe(expected);
  });

  it('every condition type has a case in the matrix', () => {
    const types = new Set(MATRIX.flatMap(([, , conditions]) => conditions.map((c) => c.type)));
    expect([...types].sort()).toEqual(
      [
        'affiliates',
        'de-minimis',
        'end-use',
        'end-user',
        'export-tax',
        'foreign-direct-product',
        'licence',
        'licence-policy',
        'minimum-price',
        'other',
        'parameter',
        'quota',
        'verified-end-user',
      ].sort(),
    );
  });

  it('an applies-if relief lists what the profile must meet, and each reason names its profile field', () => {
    const requirement: Condition = { type: 'verified-end-user', effect: 'requires' };
    const result = judge(
      'relaxation',
      [requirement, { type: 'end-use', effect: 'restricts', values: ['civilian'] }],
      civilian,
    );
    expect(result.requires).toEqual([requirement]);
    expect(result.reasons.map((r) => [r.profileField, r.result])).toEqual([
      ['verifiedEndUser', 'applies-if'],
      ['endUses', 'applies'],
    ]);
  });

  it('a re-exporter is told its own exports are covered by a de minimis rule', () => {
    const [reason] = judge(
      'tightening',
      [{ type: 'de-minimis', effect: 'restricts', percent: 0.1 }],
      reExporter,
    ).reasons;
    expect(reason?.profileField).toBe('reExports');
    expect(reason?.text).toMatch(/your own exports/);
    const [buyer] = judge(
      'tightening',
      [{ type: 'de-minimis', effect: 'restricts', percent: 0.1 }],
      civilian,
    ).reasons;
    expect(buyer?.profileField).toBeUndefined();
  });

  it('reported conditions say so and name no profile field', () => {
    const result = judge(
      'tightening',
      [{ type: 'quota', effect: 'restricts', quantity: 96_600, unit: 't', period: '2026' }],
      civilian,
    );
    expect(result.reasons).toEqual([
      {
        condition: { type: 'quota', effect: 'restricts', quantity: 96_600, unit: 't', period: '2026' },
        result: 'reported',
        text: 'quota of 96600 t for 2026',
      },
    ]);
  });

  it('v2 strings stored before typed conditions are judged as the objects they stand for', () => {
    const result = judgeApplicability(
      { issuingRegion: 'CN', direction: 'tightening', conditions: ['no-military-end-user'] },
      civilian,
    );
    expect(result.verdict).toBe('does-not-apply');
  });

  it('the sentence for SMS and e-mail gives the verdict and its decisive reason', () => {
    const excluded = judge(
      'tightening',
      [{ type: 'end-user', effect: 'restricts', values: ['military-end-user'] }],
      civilian,
    );
    expect(applicabilityLine(excluded)).toBe(
      'Applies to you: no (only military end users; the profile is not one)',
    );
    expect(applicabilityLine(judge('tightening', [], civilian))).toBe('Applies to you: yes');
  });
});

describe('admits (filters.applicability)', () => {
  /** [setting, verdict, direction, sent], written before the run. */
  const CASES: [Parameters<typeof admits>[0], Verdict, Direction, boolean][] = [
    [undefined, 'does-not-apply', 'tightening', false],
    ['relevant', 'does-not-apply', 'tightening', false],
    ['relevant', 'does-not-apply', 'neutral', false],
    ['relevant', 'does-not-apply', 'relaxation', true],
    ['relevant', 'applies', 'tightening', true],
    ['relevant', 'applies-if', 'relaxation', true],
    ['relevant', 'unknown', 'tightening', true],
    ['applies', 'applies', 'tightening', true],
    ['applies', 'applies-if', 'relaxation', true],
    ['applies', 'unknown', 'tightening', false],
    ['applies', 'does-not-apply', 'relaxation', false],
    ['all', 'does-not-apply', 'tightening', true],
    ['all', 'unknown', 'neutral', true],
  ];
  it.each(CASES)('%s, %s on a %s: sent %s', (setting, verdict, direction, sent) => {
    expect(admits(setting, verdict, direction)).toBe(sent);
  });
});
