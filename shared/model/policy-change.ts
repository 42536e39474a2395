import * as z from 'zod';

/** Kinds of export-rule change the service tracks. */
export const CHANGE_TYPES = [
  'licence-requirement',
  'export-ban',
  'extraterritorial-control',
  'technology-control',
  'export-quota',
  'export-tax',
  'import-tariff',
  'trade-investigation',
  'end-user-list-addition',
  'end-user-list-removal',
  'sanctions',
  'general-licence',
  'verified-end-user',
  'suspension',
  'critical-mineral-designation',
  'other',
] as const;
export const ChangeTypeSchema = z.enum(CHANGE_TYPES);
export type ChangeType = z.infer<typeof ChangeTypeSchema>;

/** Severities in ascending order: the index is the rank used by `minSeverity`. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

/** Rank of a severity, for "at least" comparisons. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export const DirectionSchema = z.enum(['tightening', 'relaxation', 'neutral']);
export type Direction = z.infer<typeof DirectionSchema>;

/** A material id from the catalogue (`dysprosium`, `rare-earths`) in kebab-case. */
export const MaterialIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'material ids are lower-case kebab-case');

/** A region code as written by callers: ISO alpha-2, a group id, or `*`; checked against the catalogue later. */
export const RegionCodeSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^(\*|[A-Za-z][A-Za-z0-9-]*)$/, 'region codes are ISO 3166-1 alpha-2 codes, group ids or *');

/** HS codes as 2-10 digits; dots and spaces are ignored ("2846.90" is "284690"). */
export const HsCodeSchema = z
  .string()
  .max(16)
  .transform((value) => value.replace(/[.\s]/g, ''))
  .pipe(z.string().regex(/^\d{2,10}$/, 'HS codes are 2 to 10 digits (dots allowed)'));

const isoDateTime = z.iso.datetime({ offset: true });

/** The body of `POST /v1/policy-changes`. */
export const PolicyChangeInputSchema = z.strictObject({
  source: z.string().trim().min(1).max(64),
  sourceRef: z.string().trim().min(1).max(200),
  revision: z.int().min(1).max(1_000_000).default(1),
  title: z.string().trim().min(1).max(500),
  summary: z.string().max(5000).optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  issuingRegion: RegionCodeSchema,
  affectedRegions: z.array(RegionCodeSchema).min(1).max(300),
  materials: z.array(MaterialIdSchema).min(1).max(100),
  hsCodes: z.array(HsCodeSchema).max(200).optional(),
  changeType: ChangeTypeSchema,
  direction: DirectionSchema.optional(),
  severity: SeveritySchema,
  conditions: z
    .array(
      z
        .string()
        .min(1)
        .max(64)
        .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    )
    .max(50)
    .optional(),
  publishedAt: isoDateTime.optional(),
  effectiveAt: isoDateTime.optional(),
  expiresAt: isoDateTime.optional(),
});
export type PolicyChangeInput = z.infer<typeof PolicyChangeInputSchema>;

export const MatchingStatusSchema = z.enum(['pending', 'completed']);
export type MatchingStatus = z.infer<typeof MatchingStatusSchema>;

/** A stored revision of a policy change. `id` is stable across revisions of one source + sourceRef. */
export const PolicyChangeSchema = PolicyChangeInputSchema.extend({
  id: z.string(),
  revision: z.int(),
  ingestedAt: z.string(),
  matching: z.object({
    status: MatchingStatusSchema,
    matchedSubscriptions: z.int(),
    completedAt: z.string().optional(),
  }),
});
export type PolicyChange = z.infer<typeof PolicyChangeSchema>;

/** What subscribers receive about a change: the stored change without service bookkeeping. */
export function publicPolicyChange(change: PolicyChange): Omit<PolicyChange, 'matching'> {
  const { matching: _matching, ...rest } = change;
  return rest;
}
