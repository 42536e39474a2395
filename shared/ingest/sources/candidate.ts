import * as z from 'zod';
import { ChangeTypeSchema, DirectionSchema, SeveritySchema } from '../../model/policy-change.js';

/** Kinds of thing a change applies to; `goods` unless the text says otherwise. */
export const ITEM_TYPES = ['goods', 'equipment', 'technology', 'software', 'services'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** A listed party named by an end-user list or sanctions change. */
export const ListedEntitySchema = z.object({
  name: z.string().min(1).max(500),
  aliases: z.array(z.string().min(1).max(500)).max(100).optional(),
  country: z.string().length(2).optional(),
  list: z.string().min(1).max(200).optional(),
});
export type ListedEntity = z.infer<typeof ListedEntitySchema>;

/** Why the tagger set a field: the rule or catalogue term that fired and the text it saw. */
export interface Evidence {
  field: string;
  value: string;
  rule: string;
  text?: string;
}

/**
 * A policy change proposed by an importer, before anyone has looked at it. `review` says whether it
 * is published at once (`auto`) or waits in the review queue (`queue`), from `confidence`.
 */
export const CandidateSchema = z.object({
  source: z.string(),
  sourceRef: z.string(),
  title: z.string(),
  summary: z.string().optional(),
  url: z.string().optional(),
  materials: z.array(z.string()),
  hsCodes: z.array(z.string()),
  changeType: ChangeTypeSchema,
  direction: DirectionSchema,
  issuingRegion: z.string(),
  originRegions: z.array(z.string()),
  affectedRegions: z.array(z.string()),
  itemTypes: z.array(z.enum(ITEM_TYPES)),
  entities: z.array(ListedEntitySchema),
  severity: SeveritySchema,
  publishedAt: z.string().optional(),
  effectiveAt: z.string().optional(),
  expiresAt: z.string().optional(),
  confidence: z.number().min(0).max(1),
});
export type Candidate = z.infer<typeof CandidateSchema> & { evidence: Evidence[] };

/** Confidence at or above which an imported change is published without review (`AUTO_PUBLISH_CONFIDENCE`). */
export const DEFAULT_AUTO_PUBLISH_CONFIDENCE = 0.8;

export type ReviewDecision = 'auto' | 'queue';

/**
 * Published at once when confident, else queued. A suspension always waits for a reviewer: a
 * candidate never names the changes it acts on, and a published suspension must (the reviewer adds
 * the target, or retypes a suspension of exports as an `export-ban`).
 */
export function reviewDecision(
  candidate: Pick<Candidate, 'confidence' | 'changeType'>,
  threshold: number,
): ReviewDecision {
  if (candidate.changeType === 'suspension') return 'queue';
  return candidate.confidence >= threshold ? 'auto' : 'queue';
}

/** What a reviewer reads beside a suspension candidate: what it lacks and how to complete it. */
export const SUSPENSION_EVIDENCE: Evidence = {
  field: 'relatedChanges',
  value: 'missing',
  rule: 'a suspension must name what it suspends: add a suspends (or extends) target, or change the type (a suspension of exports is an export-ban)',
};

/** The `--dry-run --json` line of a candidate: exactly these fields, in this order. */
export function dryRunLine(candidate: Candidate, threshold: number) {
  return {
    sourceRef: candidate.sourceRef,
    title: candidate.title,
    materials: candidate.materials,
    hsCodes: candidate.hsCodes,
    changeType: candidate.changeType,
    direction: candidate.direction,
    issuingRegion: candidate.issuingRegion,
    originRegions: candidate.originRegions,
    affectedRegions: candidate.affectedRegions,
    itemTypes: candidate.itemTypes,
    entities: candidate.entities,
    severity: candidate.severity,
    confidence: candidate.confidence,
    review: reviewDecision(candidate, threshold),
  };
}
