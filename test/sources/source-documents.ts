import type { Evidence } from '../../shared/ingest/sources/candidate.js';
import type { SourceDocument, TagResult } from '../../shared/ingest/sources/tagging/tagger.js';

/** A Federal Register document of the International Trade Administration; override what a case is about. */
export function sourceDocument(overrides: Partial<SourceDocument>): SourceDocument {
  return {
    source: 'federal-register',
    sourceRef: 'TEST-1',
    title: 'Untitled',
    agencies: ['commerce-department', 'international-trade-administration'],
    cfrReferences: [],
    issuingRegion: 'US',
    ...overrides,
  };
}

/** The evidence of a tagging result, whether it became a candidate or not. */
export function evidenceOf(result: TagResult): Evidence[] {
  return result.candidate ? result.candidate.evidence : result.evidence;
}

/** One piece of evidence, as the tagger records it. */
export function evidence(field: string, value: string, rule: string, text?: string): Evidence {
  return { field, value, rule, ...(text === undefined ? {} : { text }) };
}

/** Agency slugs by the role the tagger gives them. */
export const AGENCY = {
  trade: 'international-trade-administration',
  exportControl: 'industry-and-security-bureau',
  sanctions: 'foreign-assets-control-office',
  president: 'executive-office-of-the-president',
} as const;
