import * as z from 'zod';
import {
  type Condition,
  type ConditionInput,
  ConditionInputSchema,
  ConditionSchema,
  conditionIssues,
  typedConditions,
} from './conditions.js';
import { entityNameSchema } from './entity-name.js';
import { CHANGE_TYPES, DIRECTIONS, ITEM_TYPES, RELATIONS, SEVERITIES, STATUSES } from './vocabulary.js';

export { CHANGE_TYPES, DIRECTIONS, ITEM_TYPES, RELATIONS, SEVERITIES, STATUSES };

export const ChangeTypeSchema = z.enum(CHANGE_TYPES);
export type ChangeType = z.infer<typeof ChangeTypeSchema>;

export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

/** Rank of a severity, for "at least" comparisons. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export const DirectionSchema = z.enum(DIRECTIONS);
export type Direction = z.infer<typeof DirectionSchema>;

export const ItemTypeSchema = z.enum(ITEM_TYPES);
export type ItemType = z.infer<typeof ItemTypeSchema>;

export const RelationSchema = z.enum(RELATIONS);
export type Relation = z.infer<typeof RelationSchema>;

export const StatusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof StatusSchema>;

/** A material id from the catalogue (`dysprosium`, `rare-earths`) in kebab-case. */
export const MaterialIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'material ids are lower-case kebab-case');

/**
 * A material as callers may write it: an id, a catalogue name or synonym (`aluminum`, `稀土`), or
 * `*`. Checked against the catalogue and stored as the id.
 */
export const MaterialRefSchema = z.string().trim().min(1).max(100);

/** A region code as written by callers: ISO alpha-2, a group id, or `*`; checked against the catalogue later. */
export const RegionCodeSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^(\*|[A-Za-z][A-Za-z0-9-]*)$/, 'region codes are ISO 3166-1 alpha-2 codes, group ids or *');

const digitsOnly = (value: string) => value.replace(/[.\s]/g, '');

/** HS codes on a change: 4 to 10 digits (a heading to a national tariff line); dots and spaces are ignored. */
export const HsCodeSchema = z
  .string()
  .max(20)
  .transform(digitsOnly)
  .pipe(z.string().regex(/^\d{4,10}$/, 'HS codes are 4 to 10 digits (dots and spaces allowed)'));

/** HS prefixes in a filter: 2 to 10 digits (a chapter is a fair thing to watch). */
export const HsPrefixSchema = z
  .string()
  .max(20)
  .transform(digitsOnly)
  .pipe(z.string().regex(/^\d{2,10}$/, 'HS code prefixes are 2 to 10 digits (dots and spaces allowed)'));

/**
 * A point in time: an ISO 8601 date-time with offset, or a date alone (`2025-11-10`), which means
 * midnight UTC of that day. Stored as given.
 */
export const InstantSchema = z.union([
  z.iso.datetime({ offset: true }),
  z.iso.date().refine((value) => !Number.isNaN(Date.parse(value)), 'not a calendar date'),
]);

/** An entity named by a change (an end-user or sanctions list entry). */
export const ListedEntitySchema = z.strictObject({
  name: entityNameSchema(1),
  aliases: z.array(entityNameSchema(1)).max(50).optional(),
  country: RegionCodeSchema.optional(),
  list: z.string().trim().min(1).max(100).optional(),
});
export type ListedEntity = z.infer<typeof ListedEntitySchema>;

/** A link to another change, by its id or by its source + sourceRef (which may arrive later). */
export const RelatedChangeInputSchema = z
  .strictObject({
    relation: RelationSchema,
    policyChangeId: z.string().min(1).max(100).optional(),
    source: z.string().trim().min(1).max(64).optional(),
    sourceRef: z.string().trim().min(1).max(200).optional(),
  })
  .refine(
    (r) =>
      (r.policyChangeId !== undefined && r.source === undefined && r.sourceRef === undefined) ||
      (r.policyChangeId === undefined && r.source !== undefined && r.sourceRef !== undefined),
    { message: 'name the other change by policyChangeId, or by source and sourceRef together' },
  );
export type RelatedChangeInput = z.infer<typeof RelatedChangeInputSchema>;

/**
 * The limits on list sizes of a policy change. `entityNameCharacters` bounds the names and aliases
 * of all its entities together, well inside the body limit: every watchlist the change reaches is
 * compared with each of them.
 */
export const CHANGE_LIMITS = { entities: 1000, relatedChanges: 50, entityNameCharacters: 32_768 } as const;

/** The characters of every name and alias of these entities, together. */
export function entityNameCharacters(entities: readonly ListedEntity[]): number {
  let characters = 0;
  for (const entity of entities) {
    characters += entity.name.length;
    for (const alias of entity.aliases ?? []) characters += alias.length;
  }
  return characters;
}

/** Whether a change is published on arrival or waits for an administrator (imported with low confidence). */
export const REVIEW_STATUSES = ['published', 'pending', 'rejected'] as const;
export const ReviewStatusSchema = z.enum(REVIEW_STATUSES);
export type ReviewStatus = z.infer<typeof ReviewStatusSchema>;

/**
 * Input fields about review, never stored on a published change: `reviewStatus: "pending"` puts the
 * change in the review queue (an importer unsure of its tagging), with the importer's confidence
 * and evidence for the reviewer.
 */
const ReviewInputFields = {
  reviewStatus: z.enum(['published', 'pending']).optional(),
  confidence: z.number().min(0).max(1).optional(),
  evidence: z.array(z.string().max(500)).max(100).optional(),
};

const PolicyChangeFieldsSchema = z.strictObject({
  source: z.string().trim().min(1).max(64),
  sourceRef: z.string().trim().min(1).max(200),
  revision: z.int().min(1).max(1_000_000).default(1),
  title: z.string().trim().min(1).max(500),
  summary: z.string().max(5000).optional(),
  /** The title and text in the issuer's language, kept for the reviewer and the reader (Chinese sources). */
  titleOriginal: z.string().trim().min(1).max(500).optional(),
  textOriginal: z.string().max(60_000).optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  issuingRegion: RegionCodeSchema,
  originRegions: z.array(RegionCodeSchema).min(1).max(300).optional(),
  affectedRegions: z.array(RegionCodeSchema).min(1).max(300),
  materials: z.array(MaterialRefSchema).max(100),
  hsCodes: z.array(HsCodeSchema).max(200).optional(),
  /** The issuer's own control-list codes (China's `1C902.a`), kept as written. */
  controlCodes: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[0-9][A-E][0-9]{3}(\.[a-z0-9]+)*$/, 'a control code looks like 1C902 or 1C902.a'),
    )
    .max(200)
    .optional(),
  itemTypes: z.array(ItemTypeSchema).min(1).max(ITEM_TYPES.length).optional(),
  changeType: ChangeTypeSchema,
  direction: DirectionSchema.optional(),
  severity: SeveritySchema,
  conditions: z.array(ConditionInputSchema).max(50).optional(),
  entities: z.array(ListedEntitySchema).max(CHANGE_LIMITS.entities).optional(),
  relatedChanges: z.array(RelatedChangeInputSchema).max(CHANGE_LIMITS.relatedChanges).optional(),
  publishedAt: InstantSchema.optional(),
  effectiveAt: InstantSchema.optional(),
  expiresAt: InstantSchema.optional(),
  ...ReviewInputFields,
});

/** The relations that give a suspension something to suspend. */
const SUSPENDING_RELATIONS: ReadonlySet<Relation> = new Set(['suspends', 'extends']);

/** Checks that span fields, each reported on the field a caller would fix. */
function checkPolicyChange(change: z.infer<typeof PolicyChangeFieldsSchema>, ctx: z.RefinementCtx): void {
  if (change.materials.length === 0 && !change.entities?.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['materials'],
      message: 'name at least one material (or * for all items), or list the entities the change names',
    });
  }
  const nameCharacters = entityNameCharacters(change.entities ?? []);
  if (nameCharacters > CHANGE_LIMITS.entityNameCharacters) {
    ctx.addIssue({
      code: 'custom',
      path: ['entities'],
      message: `the names and aliases come to ${nameCharacters} characters; at most ${CHANGE_LIMITS.entityNameCharacters} per change: split the list over several changes`,
    });
  }
  const effective = change.effectiveAt ? Date.parse(change.effectiveAt) : undefined;
  const expires = change.expiresAt ? Date.parse(change.expiresAt) : undefined;
  if (effective !== undefined && expires !== undefined && expires <= effective) {
    ctx.addIssue({
      code: 'custom',
      path: ['expiresAt'],
      message: 'expiresAt must be later than effectiveAt',
    });
  }
  for (const issue of conditionIssues(
    change.conditions ?? [],
    change.direction ?? defaultDirection(change.changeType),
  ))
    ctx.addIssue({ code: 'custom', ...issue });
  // A change waiting for review may lack its target; approving it applies the rule.
  if (
    change.changeType === 'suspension' &&
    change.reviewStatus !== 'pending' &&
    !change.relatedChanges?.some((r) => SUSPENDING_RELATIONS.has(r.relation))
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['relatedChanges'],
      message:
        'a suspension must name what it suspends: add a relatedChanges entry with relation suspends (or extends, for a suspension it prolongs); a suspension of exports is an export-ban',
    });
  }
  const seen = new Set<string>();
  change.relatedChanges?.forEach((related, index) => {
    const key = `${related.relation} ${related.policyChangeId ?? `${related.source} ${related.sourceRef}`}`;
    if (seen.has(key))
      ctx.addIssue({
        code: 'custom',
        path: ['relatedChanges', index],
        message: 'this relation is listed twice',
      });
    seen.add(key);
    if (related.source === change.source && related.sourceRef === change.sourceRef) {
      ctx.addIssue({
        code: 'custom',
        path: ['relatedChanges', index],
        message: 'a change cannot relate to itself',
      });
    }
  });
}

/** The body of `POST /v1/policy-changes`. */
export const PolicyChangeInputSchema = PolicyChangeFieldsSchema.superRefine(checkPolicyChange);
export type PolicyChangeInput = z.infer<typeof PolicyChangeInputSchema>;

export const MatchingStatusSchema = z.enum(['pending', 'completed']);
export type MatchingStatus = z.infer<typeof MatchingStatusSchema>;

/** A relation as stored: the target's id once it is known. */
export const RelatedChangeSchema = z.object({
  relation: RelationSchema,
  policyChangeId: z.string().optional(),
  source: z.string().optional(),
  sourceRef: z.string().optional(),
});
export type RelatedChange = z.infer<typeof RelatedChangeSchema>;

/** One period of a change's life. */
export const StatusPeriodSchema = z.object({
  status: StatusSchema,
  from: z.string(),
  until: z.string().optional(),
  causedBy: z.string().optional(),
});
export type StatusPeriod = z.infer<typeof StatusPeriodSchema>;

/**
 * A stored revision of a policy change. `id` is stable across revisions of one source + sourceRef;
 * the defaults the service applied (origins, direction, item types) are written out.
 */
export const PolicyChangeSchema = PolicyChangeFieldsSchema.extend({
  id: z.string(),
  revision: z.int(),
  ingestedAt: z.string(),
  materials: z.array(z.string()),
  originRegions: z.array(z.string()),
  direction: DirectionSchema,
  itemTypes: z.array(ItemTypeSchema),
  relatedChanges: z.array(RelatedChangeSchema).optional(),
  /** Typed, with their effect written out (v2 strings are stored as the objects they stand for). */
  conditions: z.array(ConditionSchema).optional(),
  matching: z.object({
    status: MatchingStatusSchema,
    matchedSubscriptions: z.int(),
    /** Alerts the matcher decided to send (matches the applicability setting admits); absent before it was counted. */
    alerts: z.int().optional(),
    completedAt: z.string().optional(),
  }),
});
export type PolicyChange = z.infer<typeof PolicyChangeSchema>;

/** The change's life as of now: the current status and every period so far. */
export interface Lifecycle {
  status: Status;
  statusHistory: StatusPeriod[];
}

/** A change as callers read it: the latest revision with its lifecycle. */
export type PolicyChangeView = PolicyChange & Lifecycle;

/** Change types that restrict what leaves the issuing country: their goods come from there. */
const EXPORT_SIDE_TYPES: ReadonlySet<ChangeType> = new Set([
  'licence-requirement',
  'export-ban',
  'export-quota',
  'export-tax',
  'technology-control',
  'verified-end-user',
  'general-licence',
  'suspension',
]);

/** The origins a change applies to when it names none: the issuer for export-side rules, else anywhere. */
export function defaultOriginRegions(changeType: ChangeType, issuingRegion: string): string[] {
  return EXPORT_SIDE_TYPES.has(changeType) ? [issuingRegion] : ['*'];
}

const RELAXING_TYPES: ReadonlySet<ChangeType> = new Set([
  'end-user-list-removal',
  'general-licence',
  'suspension',
]);
const NEUTRAL_TYPES: ReadonlySet<ChangeType> = new Set([
  'trade-investigation',
  'critical-mineral-designation',
  'verified-end-user',
  'other',
]);

/** The direction a change type usually has, for a change that does not say. */
export function defaultDirection(changeType: ChangeType): Direction {
  if (RELAXING_TYPES.has(changeType)) return 'relaxation';
  if (NEUTRAL_TYPES.has(changeType)) return 'neutral';
  return 'tightening';
}

/**
 * What subscribers receive about a change: the stored change without service bookkeeping, and
 * without the original text (kilobytes per alert, for every subscriber; it stays readable on the
 * change itself, beside `titleOriginal` and `url`).
 */
export function publicPolicyChange(change: PolicyChange): Omit<PolicyChange, 'matching' | 'textOriginal'> {
  const { matching: _matching, textOriginal: _textOriginal, ...rest } = change;
  return rest;
}

/** The fields the service fills in when a change leaves them out. */
export type ChangeDefaults = Pick<PolicyChange, 'originRegions' | 'direction' | 'itemTypes'>;

/**
 * A change with its defaults written out: origins from the change type, direction from the change
 * type, item types `["goods"]`, conditions typed with their effect. Values the change gives are kept.
 *
 * @example
 * withChangeDefaults({ changeType: 'export-ban', issuingRegion: 'CN', ... }).originRegions // ['CN']
 */
export function withChangeDefaults<
  T extends {
    changeType: ChangeType;
    issuingRegion: string;
    originRegions?: string[] | undefined;
    direction?: Direction | undefined;
    itemTypes?: ItemType[] | undefined;
    conditions?: readonly (ConditionInput | Condition)[] | undefined;
  },
>(change: T): T & ChangeDefaults & { conditions?: Condition[] } {
  const direction = change.direction ?? defaultDirection(change.changeType);
  return {
    ...change,
    originRegions: change.originRegions ?? defaultOriginRegions(change.changeType, change.issuingRegion),
    direction,
    itemTypes: change.itemTypes ?? ['goods'],
    ...(change.conditions ? { conditions: typedConditions(change.conditions, direction) } : {}),
  };
}
