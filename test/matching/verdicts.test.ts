import { describe, expect, it } from 'vitest';
import { judgeApplicability } from '../../shared/matching/applicability.js';
import { buildAlert } from '../../shared/matching/build-alert.js';
import { clauseSettings, judgeMatches } from '../../shared/matching/verdicts.js';
import type { MatchExplanation } from '../../shared/model/delivery.js';
import type { PolicyChange } from '../../shared/model/policy-change.js';
import type { Profile } from '../../shared/model/profile.js';
import type { Filters } from '../../shared/model/subscription.js';
import type { IndexedSubscription } from '../../shared/store/subscription-store.js';
import { policyChangeFixture, T0 } from '../store/fixtures.js';

const MATCH: MatchExplanation = { materials: [{ change: 'gallium', filter: 'gallium' }] };

function candidate(id: string, profile?: Profile, filters: Partial<Filters> = {}): IndexedSubscription {
  return {
    subscriptionId: id,
    subscriberId: 'sbr_a',
    filters: { materials: ['gallium'], ...filters },
    status: 'active',
    channels: ['webhook'],
    ...(profile ? { profile } : {}),
  };
}

const militaryBan: Pick<PolicyChange, 'issuingRegion' | 'direction' | 'conditions'> = {
  issuingRegion: 'CN',
  direction: 'tightening',
  conditions: [{ type: 'end-user', effect: 'restricts', values: ['military-end-user'] }],
};

describe('judgeMatches (the fan-out step)', () => {
  it('holds back a tightening that does not apply, counts it, and sends the rest with their verdict', () => {
    const { kept, notApplicable } = judgeMatches(militaryBan, [
      { candidate: candidate('sub_civilian', { endUses: ['civilian'] }), match: MATCH },
      { candidate: candidate('sub_prime', { endUses: ['military'] }), match: MATCH },
      { candidate: candidate('sub_none'), match: MATCH },
      { candidate: candidate('sub_all', { endUses: ['civilian'] }, { applicability: 'all' }), match: MATCH },
    ]);
    expect(notApplicable).toBe(1);
    expect(kept.map((k) => [k.candidate.subscriptionId, k.applicability.verdict])).toEqual([
      ['sub_prime', 'applies'],
      ['sub_none', 'unknown'],
      ['sub_all', 'does-not-apply'],
    ]);
  });

  it('sends when any matching clause admits the verdict', () => {
    const entry = { candidate: candidate('sub_clauses', { endUses: ['civilian'] }), match: MATCH };
    const held = judgeMatches(militaryBan, [entry], () => ['relevant', 'applies']);
    const sent = judgeMatches(militaryBan, [entry], () => ['relevant', 'all']);
    expect([held.kept.length, held.notApplicable]).toEqual([0, 1]);
    expect([sent.kept.length, sent.notApplicable]).toEqual([1, 0]);
  });

  it('reads the settings of the clauses that matched, in a list or a single clause', () => {
    const clauses = [
      { materials: ['gallium'], applicability: 'applies' as const },
      { materials: ['germanium'] },
      { materials: ['graphite'], applicability: 'all' as const },
    ];
    expect(clauseSettings(clauses, [0, 2])).toEqual(['applies', 'all']);
    expect(clauseSettings(clauses, [1])).toEqual([undefined]);
    expect(clauseSettings({ materials: ['gallium'], applicability: 'all' })).toEqual(['all']);
  });

  it('always tells earlier recipients, with their verdict', () => {
    const { kept, notApplicable } = judgeMatches(militaryBan, [
      {
        candidate: candidate('sub_civilian', { endUses: ['civilian'] }),
        match: { materials: [], earlierAlert: true },
      },
    ]);
    expect(notApplicable).toBe(0);
    expect(kept[0]?.applicability.verdict).toBe('does-not-apply');
  });

  it('judges each distinct profile once: candidates sharing a profile share the verdict object', () => {
    const profile = { endUses: ['military' as const] };
    const { kept } = judgeMatches(
      militaryBan,
      Array.from({ length: 3 }, (_, i) => ({
        candidate: candidate(`sub_${i}`, { ...profile }),
        match: MATCH,
      })),
    );
    expect(kept).toHaveLength(3);
    expect(kept[1]?.applicability).toBe(kept[0]?.applicability);
    expect(kept[2]?.applicability).toBe(kept[0]?.applicability);
  });
});

describe('the alert carries the verdict', () => {
  const change = policyChangeFixture({ ...militaryBan, materials: ['gallium'] });
  const applicability = judgeApplicability(change, { endUses: ['civilian'] });
  const alert = buildAlert({
    change,
    subscriptionId: 'sub_a',
    subscriberId: 'sbr_a',
    type: 'policy_change.published',
    match: MATCH,
    applicability,
    now: T0,
  });

  it('in data.applicability of the webhook body', () => {
    const body = JSON.parse(alert.payload) as { data: { applicability: unknown } };
    expect(body.data.applicability).toEqual({
      verdict: 'does-not-apply',
      reasons: [
        {
          condition: { type: 'end-user', effect: 'restricts', values: ['military-end-user'] },
          profileField: 'endUses',
          result: 'does-not-apply',
          text: 'only military end users; the profile is not one',
        },
      ],
      requires: [],
    });
  });

  it('in a line of the SMS and e-mail text', () => {
    expect(alert.text.long).toContain('Applies to you: no (only military end users; the profile is not one)');
    expect(alert.text.long).toContain('Conditions: restricts end-user military-end-user');
    expect(alert.text.short).toContain('Applies to you: no');
  });
});
