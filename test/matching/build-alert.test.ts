import { describe, expect, it } from 'vitest';
import { buildAlert } from '../../shared/matching/build-alert.js';
import type { EventType, MatchExplanation } from '../../shared/model/delivery.js';
import type { PolicyChange } from '../../shared/model/policy-change.js';
import { policyChangeFixture, T0 } from '../store/fixtures.js';

const MATCH: MatchExplanation = {
  materials: [{ change: 'dysprosium', filter: 'rare-earths' }],
  affectedRegions: ['DE'],
};

function alertFor(
  overrides: { change?: Partial<PolicyChange>; subscriptionId?: string; type?: EventType; now?: Date } = {},
) {
  return buildAlert({
    change: policyChangeFixture(overrides.change),
    subscriptionId: overrides.subscriptionId ?? 'sub_a',
    subscriberId: 'sbr_acme',
    type: overrides.type ?? 'policy_change.published',
    match: MATCH,
    now: overrides.now ?? T0,
  });
}

describe('buildAlert ids', () => {
  it('gives the same alertId and webhookId for the same inputs', () => {
    const first = alertFor();
    const second = alertFor();
    expect(second.alertId).toBe(first.alertId);
    expect(second.webhookId).toBe(first.webhookId);
  });

  it('keeps the ids when the same alert is rebuilt later (a matcher rerun)', () => {
    const later = alertFor({ now: new Date(T0.getTime() + 3_600_000) });
    expect(later.alertId).toBe(alertFor().alertId);
    expect(later.webhookId).toBe(alertFor().webhookId);
  });

  it('derives the webhookId from the alertId, in the msg_ form receivers dedupe on', () => {
    const alert = alertFor();
    expect(alert.alertId).toMatch(/^alrt_[0-9a-f]{32}$/);
    expect(alert.webhookId).toBe(`msg_${alert.alertId.slice('alrt_'.length)}`);
  });

  it.each([
    ['event type', { type: 'policy_change.updated' as const }],
    ['revision', { change: { revision: 2 } }],
    ['subscription', { subscriptionId: 'sub_b' }],
    ['policy change', { change: { id: 'pc_0m8abc123456789abcdef9999' } }],
  ])('gives different ids for a different %s', (_what, overrides) => {
    const base = alertFor();
    const other = alertFor(overrides);
    expect(other.alertId).not.toBe(base.alertId);
    expect(other.webhookId).not.toBe(base.webhookId);
  });

  it('copies the change, subscription and event onto the alert', () => {
    expect(alertFor({ type: 'policy_change.updated', change: { revision: 3 } })).toMatchObject({
      policyChangeId: 'pc_0m8abc123456789abcdef0123',
      revision: 3,
      subscriptionId: 'sub_a',
      subscriberId: 'sbr_acme',
      type: 'policy_change.updated',
      createdAt: T0.toISOString(),
      match: MATCH,
    });
  });
});

describe('buildAlert payload', () => {
  it('is JSON with exactly type, timestamp and data {alertId, subscriptionId, match, policyChange}', () => {
    const alert = alertFor();
    const body: unknown = JSON.parse(alert.payload);
    expect(body).toEqual({
      type: 'policy_change.published',
      timestamp: T0.toISOString(),
      data: {
        alertId: alert.alertId,
        subscriptionId: 'sub_a',
        match: MATCH,
        policyChange: expect.any(Object),
      },
    });
    expect(Object.keys(body as object).sort()).toEqual(['data', 'timestamp', 'type']);
  });

  it('carries the public policy change: every field but the matching bookkeeping', () => {
    const change = policyChangeFixture({
      matching: { status: 'completed', matchedSubscriptions: 12, completedAt: T0.toISOString() },
    });
    const alert = buildAlert({
      change,
      subscriptionId: 'sub_a',
      subscriberId: 'sbr_acme',
      type: 'policy_change.published',
      match: MATCH,
      now: T0,
    });
    const body = JSON.parse(alert.payload) as { data: { policyChange: Record<string, unknown> } };
    expect(body.data.policyChange).not.toHaveProperty('matching');
    const { matching: _matching, ...expected } = change;
    expect(body.data.policyChange).toEqual(expected);
  });

  it('puts the event type in the body', () => {
    const body = JSON.parse(alertFor({ type: 'policy_change.updated' }).payload) as { type: string };
    expect(body.type).toBe('policy_change.updated');
  });
});

describe('buildAlert text', () => {
  it('keeps the SMS text to one 160-character segment, cut with an ASCII ellipsis', () => {
    const alert = alertFor({ change: { title: 'Export licence requirement '.repeat(18).trim() } });
    expect(alert.text.short.length).toBeLessThanOrEqual(160);
    expect(alert.text.short.endsWith('...')).toBe(true);
  });

  it('keeps the SMS text within one segment with many materials and regions', () => {
    const alert = alertFor({
      change: {
        title: 'T'.repeat(500),
        materials: Array.from({ length: 100 }, (_, i) => `material-${i}`),
        affectedRegions: ['EU', 'G7', 'FIVE-EYES', 'QUAD'],
      },
    });
    expect(alert.text.short.length).toBeLessThanOrEqual(160);
    expect(alert.text.subject.length).toBeLessThanOrEqual(100);
  });

  it('leaves a short SMS text whole and names the event, severity, issuer and type', () => {
    const alert = alertFor({ change: { title: 'Dysprosium licences' } });
    expect(alert.text.short).toBe('New high CN licence-requirement: Dysprosium licences');
  });
});
