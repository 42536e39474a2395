import type { ConditionObjectInput } from '../../../model/conditions.js';
import type { RelatedChangeInput } from '../../../model/policy-change.js';
import type { Candidate } from '../candidate.js';

/** A candidate read from Chinese, with what only this source carries. */
export type MofcomCandidate = Candidate & {
  conditions: ConditionObjectInput[];
  relatedChanges: RelatedChangeInput[];
  controlCodes: string[];
  issuingBodies: string[];
  titleOriginal: string;
  textOriginal: string;
};
