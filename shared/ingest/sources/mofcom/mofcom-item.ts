/**
 * A Chinese candidate as the API receives it: always queued for review, whatever its confidence,
 * with the relations, typed conditions, control codes and the Chinese original beside the fields.
 */
import { type Evidence, SUSPENSION_EVIDENCE } from '../candidate.js';
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
  const item = candidateItem({ ...candidate, evidence: bySentence(candidate.evidence) }, ALWAYS_REVIEWED);
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

/** Longest sentence quoted in an evidence line: the line (at most 500 characters) keeps its closing quote. */
const QUOTED_CHARACTERS = 300;

/**
 * One evidence line per field and sentence, its values together: a clause listing twenty customs
 * codes is one line, so the 100 lines a change may carry reach every field.
 */
function bySentence(evidence: readonly Evidence[]): Evidence[] {
  const lines = new Map<string, Evidence>();
  for (const item of evidence) {
    const key = `${item.field}\n${item.text ?? ''}`;
    const known = lines.get(key);
    if (known) {
      known.value = `${known.value}, ${item.value}`;
      if (known.rule !== item.rule) known.rule = 'read from this sentence';
      continue;
    }
    const text =
      item.text && item.text.length > QUOTED_CHARACTERS
        ? `${item.text.slice(0, QUOTED_CHARACTERS - 1)}…`
        : item.text;
    lines.set(key, { ...item, ...(text ? { text } : {}) });
  }
  return [...lines.values()];
}
