import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../shared/ingest/sources/candidate.js';
import { candidateItem } from '../../shared/ingest/sources/import/import-run.js';
import { PolicyChangeInputSchema } from '../../shared/model/policy-change.js';

/** A confident candidate, as a tagger would propose it: importers never name related changes. */
function candidate(changeType: Candidate['changeType']): Candidate {
  return {
    source: 'federal-register',
    sourceRef: `2025-${changeType}`,
    title: 'Suspension of the affiliates rule',
    materials: ['*'],
    hsCodes: [],
    changeType,
    direction: 'relaxation',
    issuingRegion: 'US',
    originRegions: ['US'],
    affectedRegions: ['*'],
    itemTypes: ['goods'],
    entities: [],
    severity: 'medium',
    confidence: 0.95,
    evidence: [{ field: 'changeType', value: changeType, rule: 'title words', text: 'suspension' }],
  };
}

describe('an imported suspension names no target', () => {
  it('waits in the review queue with the reason as evidence, however confident the tagger, and is accepted there', () => {
    const item = candidateItem(candidate('suspension'), 0.8);
    expect(item.review).toBe('queue');
    expect(item.line.review).toBe('queue');
    expect(item.body.reviewStatus).toBe('pending');
    expect(item.body.evidence).toEqual([
      expect.stringMatching(/^relatedChanges=missing: a suspension must name what it suspends/),
      'changeType=suspension: title words ("suspension")',
    ]);
    expect(PolicyChangeInputSchema.safeParse(item.body).success).toBe(true);
  });

  it('published as it stands it would be refused on relatedChanges, naming export-ban', () => {
    const {
      reviewStatus: _status,
      confidence: _confidence,
      evidence: _evidence,
      ...published
    } = candidateItem(candidate('suspension'), 0.8).body;
    const parsed = PolicyChangeInputSchema.safeParse(published);
    expect(parsed.success).toBe(false);
    expect(
      parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message.includes('export-ban')]),
    ).toEqual([['relatedChanges', true]]);
  });

  it('another confident candidate is still published at once', () => {
    const item = candidateItem(candidate('export-ban'), 0.8);
    expect(item.review).toBe('auto');
    expect(item.body).not.toHaveProperty('reviewStatus');
  });
});
