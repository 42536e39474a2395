import * as z from 'zod';
import { ConditionSchema } from './conditions.js';
import { RegionCodeSchema } from './policy-change.js';
import { APPLICABILITY_SETTINGS, END_USES, LICENCE_TYPES } from './vocabulary.js';

/**
 * What a subscriber is, as far as export rules care: what its goods are used for, whose
 * verified-end-user schemes it is in, whether it re-exports goods made with controlled content,
 * and the licences it holds. Alerts say, from it, whether a change applies.
 */
export const ProfileSchema = z.strictObject({
  endUses: z
    .array(z.enum(END_USES, { error: `end uses are ${END_USES.join(', ')}` }))
    .min(1)
    .max(END_USES.length)
    .refine((uses) => new Set(uses).size === uses.length, 'each end use once')
    .optional(),
  /** The issuers (regions) under whose verified or validated end-user scheme the subscriber is. */
  verifiedEndUser: z.array(RegionCodeSchema).max(50).optional(),
  reExports: z.boolean({ error: 'reExports is true or false' }).optional(),
  licences: z
    .array(
      z.strictObject({
        issuer: RegionCodeSchema,
        type: z.enum(LICENCE_TYPES, { error: `licence types are ${LICENCE_TYPES.join(', ')}` }),
      }),
    )
    .max(50)
    .optional(),
});
export type Profile = z.infer<typeof ProfileSchema>;

export { APPLICABILITY_SETTINGS };
/** `filters.applicability`: which verdicts a subscription (or one of its clauses) is sent. */
export type ApplicabilitySetting = (typeof APPLICABILITY_SETTINGS)[number];

export const VERDICTS = ['applies', 'does-not-apply', 'applies-if', 'unknown'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** How one condition came out: a verdict, or `reported` for a condition that is told, never judged. */
export const ReasonResultSchema = z.enum([...VERDICTS, 'reported']);
export type ReasonResult = z.infer<typeof ReasonResultSchema>;

export const ApplicabilityReasonSchema = z.object({
  condition: ConditionSchema,
  profileField: z.enum(['endUses', 'verifiedEndUser', 'reExports', 'licences']).optional(),
  result: ReasonResultSchema,
  text: z.string(),
});
export type ApplicabilityReason = z.infer<typeof ApplicabilityReasonSchema>;

/** `data.applicability` of an alert: the verdict, a reason per condition, what is still required. */
export const ApplicabilitySchema = z.object({
  verdict: z.enum(VERDICTS),
  reasons: z.array(ApplicabilityReasonSchema),
  /** What the subscriber must meet for the change to apply (an `applies-if` relief's conditions). */
  requires: z.array(ConditionSchema),
});
export type Applicability = z.infer<typeof ApplicabilitySchema>;
