import * as z from 'zod';
import { type Condition, END_USES, LICENCE_TYPES } from './conditions.js';
import { RegionCodeSchema } from './policy-change.js';

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

/** `filters.applicability`: which verdicts a subscription (or one of its clauses) is sent. */
export const APPLICABILITY_SETTINGS = ['relevant', 'applies', 'all'] as const;
export type ApplicabilitySetting = (typeof APPLICABILITY_SETTINGS)[number];

export const VERDICTS = ['applies', 'does-not-apply', 'applies-if', 'unknown'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** How one condition came out: a verdict, or `reported` for a condition that is told, never judged. */
export type ReasonResult = Verdict | 'reported';

export interface ApplicabilityReason {
  condition: Condition;
  profileField?: keyof Profile;
  result: ReasonResult;
  text: string;
}

/** `data.applicability` of an alert. */
export interface Applicability {
  verdict: Verdict;
  reasons: ApplicabilityReason[];
  /** What the subscriber must meet for the change to apply (an `applies-if` relief's conditions). */
  requires: Condition[];
}
