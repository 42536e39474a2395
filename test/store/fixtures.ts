import { newId } from '../../shared/kernel/ids.js';
import {
  type PolicyChange,
  type PolicyChangeInput,
  withChangeDefaults,
} from '../../shared/model/policy-change.js';
import type { Filters, Subscription } from '../../shared/model/subscription.js';

export const T0 = new Date('2025-03-01T09:00:00.000Z');

/** A stored subscription with a webhook channel; override anything, e.g. `{ filters: { materials: ['gallium'] } }`. */
export function subscriptionFixture(
  overrides: Partial<Omit<Subscription, 'filters'>> & { filters?: Filters } = {},
): Subscription {
  const at = T0.toISOString();
  return {
    id: newId('sub', T0),
    subscriberId: 'sbr_acme',
    name: 'Rare-earth supply',
    filters: { materials: ['rare-earths'] },
    webhook: {
      url: 'https://hooks.example.com/material-alerts',
      secrets: [{ secret: 'whsec_dGVzdC1zZWNyZXQtMDEyMzQ1Njc4OWFi', createdAt: at }],
      status: 'enabled',
    },
    status: 'active',
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...overrides,
  };
}

/** A policy change as ingestion receives it (already validated and normalised). */
export function policyChangeInputFixture(overrides: Partial<PolicyChangeInput> = {}): PolicyChangeInput {
  return {
    source: 'mofcom',
    sourceRef: `announcement-${newId('ref')}`,
    revision: 1,
    title: 'Export control on medium and heavy rare-earth items',
    summary: 'Licences required for seven medium and heavy rare earths and their compounds.',
    url: 'https://www.mofcom.gov.cn/zcfb/index.html',
    issuingRegion: 'CN',
    affectedRegions: ['*'],
    materials: ['dysprosium', 'terbium'],
    changeType: 'licence-requirement',
    direction: 'tightening',
    severity: 'high',
    publishedAt: '2025-04-04T00:00:00.000Z',
    effectiveAt: '2025-04-04T00:00:00.000Z',
    ...overrides,
  };
}

/** A stored policy change revision, for code that takes one directly (alert building). */
export function policyChangeFixture(overrides: Partial<PolicyChange> = {}): PolicyChange {
  return withChangeDefaults({
    ...policyChangeInputFixture({ sourceRef: 'announcement-2025-18' }),
    id: 'pc_0m8abc123456789abcdef0123',
    ingestedAt: T0.toISOString(),
    matching: { status: 'pending', matchedSubscriptions: 0 },
    ...overrides,
  });
}
