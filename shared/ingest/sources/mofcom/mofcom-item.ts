/**
 * A Chinese candidate as the API receives it: always queued for review, whatever its confidence,
 * with the relations, typed conditions, control codes and the Chinese original beside the fields.
 */
import { SUSPENSION_EVIDENCE } from '../candidate.js';
import { candidateItem, type ImportItem } from '../import/import-run.js';
import type { MofcomCandidate } from './mofcom-candidate.js';

/** A threshold no confidence reaches: every MOFCOM candidate goes to the review queue. */
const ALWAYS_REVIEWED = Number.POSITIVE_INFINITY;

/**
 * The import item of a MOFCOM candidate; the `--dry-run --json` line is the other sources' line.
 *
 * @example
 * const { body } = mofcomItem(candidate); // body.reviewStatus === 'pending'
 */
export function mofcomItem(candidate: MofcomCandidate): ImportItem {
  const item = candidateItem(candidate, ALWAYS_REVIEWED);
  const suspensionNote = `${SUSPENSION_EVIDENCE.field}=${SUSPENSION_EVIDENCE.value}: ${SUSPENSION_EVIDENCE.rule}`;
  const named = candidate.relatedChanges.some((related) => related.relation === 'suspends');
  const evidence = Array.isArray(item.body.evidence) ? item.body.evidence : [];
  return {
    ...item,
    body: {
      ...item.body,
      ...(candidate.conditions.length > 0 ? { conditions: candidate.conditions } : {}),
      ...(candidate.relatedChanges.length > 0 ? { relatedChanges: candidate.relatedChanges } : {}),
      ...(candidate.controlCodes.length > 0 ? { controlCodes: candidate.controlCodes } : {}),
      titleOriginal: candidate.titleOriginal.slice(0, 500),
      textOriginal: candidate.textOriginal.slice(0, 60_000),
      // The reader named what the suspension suspends: the reminder to add a target does not apply.
      evidence: named ? evidence.filter((line) => line !== suspensionNote) : evidence,
    },
  };
}
