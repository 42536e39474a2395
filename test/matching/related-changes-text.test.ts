import { describe, expect, it } from 'vitest';
import { alertText } from '../../shared/matching/build-alert.js';
import { policyChangeFixture } from '../store/fixtures.js';

describe('the e-mail text of a change that acts on others', () => {
  it('lists each target with its status after the change, and a target not yet received by its reference', () => {
    const text = alertText(
      policyChangeFixture({ changeType: 'suspension', title: 'One-year suspension' }),
      'policy_change.published',
      {
        relatedChanges: [
          {
            relation: 'suspends',
            policyChangeId: 'pc_57',
            title: 'Five further rare earths',
            status: 'suspended',
            source: 'cn-mofcom',
            sourceRef: 'MOFCOM-2025-57',
          },
          { relation: 'suspends', source: 'cn-mofcom', sourceRef: 'MOFCOM-2025-58' },
        ],
      },
    );
    expect(text.long).toContain(
      'Related: suspends Five further rare earths (now suspended); suspends cn-mofcom MOFCOM-2025-58 (not received yet)',
    );
  });

  it('says nothing of relations when the change has none', () => {
    expect(alertText(policyChangeFixture(), 'policy_change.published').long).not.toContain('Related:');
  });
});
