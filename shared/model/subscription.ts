import * as z from 'zod';
import { entityNameSchema } from './entity-name.js';
import { clauseTotalIssues, MAX_CLAUSES, ScopeSchema } from './filter-clauses.js';
import {
  ChangeTypeSchema,
  DirectionSchema,
  HsPrefixSchema,
  ItemTypeSchema,
  MaterialRefSchema,
  RegionCodeSchema,
  SeveritySchema,
} from './policy-change.js';
import { APPLICABILITY_SETTINGS, type Profile, ProfileSchema } from './profile.js';
import { type ChatWebhook, ChatWebhookSchema, type Digest, DigestSchema } from './reach.js';

/** Limits on filter sizes: each filter material, destination and watched entity becomes one index item written in the same transaction. */
export const FILTER_LIMITS = {
  materials: 25,
  hsCodes: 50,
  regions: 100,
  changeTypes: 16,
  entities: 25,
  smsNumbers: 5,
  emails: 5,
} as const;

/** A watched counterparty: a name (any spelling; legal forms are ignored) and, optionally, its country. */
export const WatchedEntitySchema = z.strictObject({
  name: entityNameSchema(2),
  country: RegionCodeSchema.optional(),
});
export type WatchedEntity = z.infer<typeof WatchedEntitySchema>;

/**
 * A subscription's filters. An absent filter means "any"; `materials` is required unless `hsCodes`
 * or `entities` is given (`["*"]` for all materials).
 */
export const FiltersSchema = z
  .strictObject({
    materials: z
      .array(z.union([z.literal('*'), MaterialRefSchema]))
      .min(1)
      .max(FILTER_LIMITS.materials)
      .optional(),
    hsCodes: z.array(HsPrefixSchema).min(1).max(FILTER_LIMITS.hsCodes).optional(),
    issuingRegions: z.array(RegionCodeSchema).min(1).max(FILTER_LIMITS.regions).optional(),
    originRegions: z.array(RegionCodeSchema).min(1).max(FILTER_LIMITS.regions).optional(),
    affectedRegions: z.array(RegionCodeSchema).min(1).max(FILTER_LIMITS.regions).optional(),
    changeTypes: z.array(ChangeTypeSchema).min(1).max(FILTER_LIMITS.changeTypes).optional(),
    directions: z.array(DirectionSchema).min(1).max(3).optional(),
    itemTypes: z.array(ItemTypeSchema).min(1).max(5).optional(),
    minSeverity: SeveritySchema.optional(),
    entities: z.array(WatchedEntitySchema).min(1).max(FILTER_LIMITS.entities).optional(),
    /** The kinds of change the clause hears about; `["lanes","all-items"]` when absent. */
    scopes: z
      .array(ScopeSchema)
      .min(1)
      .max(3)
      .refine((scopes) => new Set(scopes).size === scopes.length, 'names a scope twice')
      .optional(),
    /** Which verdicts are sent: `relevant` (default), `applies` or `all`. */
    applicability: z
      .enum(APPLICABILITY_SETTINGS, { error: 'applicability is relevant, applies or all' })
      .optional(),
  })
  .refine(
    (f) =>
      f.materials !== undefined ||
      f.hsCodes !== undefined ||
      f.entities !== undefined ||
      (f.scopes?.length === 1 && f.scopes[0] === 'parties'),
    {
      message: 'name materials (or ["*"] for all), or watch HS codes or entities, or take scopes ["parties"]',
      path: ['materials'],
    },
  );
/** One clause of a subscription's filters (the whole filters when they are a single object). */
export type Filters = z.infer<typeof FiltersSchema>;

/**
 * A subscription's filters: one clause, or a list of 1 to 10 clauses of which any may match. The
 * clauses' materials, HS codes, watched entities and regions count together toward the limits.
 */
export const SubscriptionFiltersSchema = z.union([
  FiltersSchema,
  z
    .array(FiltersSchema)
    .min(1)
    .max(MAX_CLAUSES)
    .superRefine((clauses, context) => {
      for (const issue of clauseTotalIssues(clauses, FILTER_LIMITS))
        context.addIssue({ code: 'custom', message: issue.message, path: [] });
    }),
]);
export type SubscriptionFilters = z.infer<typeof SubscriptionFiltersSchema>;

/** E.164 phone numbers: a plus sign and 8 to 15 digits. */
export const E164Schema = z
  .string()
  .regex(/^\+[1-9]\d{7,14}$/, 'phone numbers are E.164, e.g. +4915112345678');

/** Deliveries per second an endpoint accepts; fractions allowed (0.5 is one every two seconds). */
export const WebhookRateLimitSchema = z.number().min(0.1).max(1000);

export const WebhookInputSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  /** At most this many deliveries per second to the endpoint; `WEBHOOK_RATE_LIMIT` (10) when absent. */
  rateLimit: WebhookRateLimitSchema.optional(),
});

/** A webhook in a PATCH: a new URL, a new rate limit, or both. */
export const WebhookPatchSchema = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    rateLimit: WebhookRateLimitSchema.optional(),
  })
  .refine((webhook) => webhook.url !== undefined || webhook.rateLimit !== undefined, {
    message: 'name the url, the rateLimit or both',
  });

export const SubscriptionStatusSchema = z.enum(['active', 'paused', 'disabled']);
export type SubscriptionStatus = z.infer<typeof SubscriptionStatusSchema>;

/** The body of `POST /v1/subscriptions`. */
export const SubscriptionInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    filters: SubscriptionFiltersSchema,
    webhook: WebhookInputSchema.optional(),
    sms: z.array(E164Schema).min(1).max(FILTER_LIMITS.smsNumbers).optional(),
    email: z.array(z.email()).min(1).max(FILTER_LIMITS.emails).optional(),
    profile: ProfileSchema.optional(),
    slack: ChatWebhookSchema.optional(),
    teams: ChatWebhookSchema.optional(),
    /** The webhook and e-mail channels get one digest per period instead of each alert. */
    digest: DigestSchema.optional(),
    /** Keep its alerts for `GET /v1/events`; may be the only channel. */
    feed: z.boolean().optional(),
  })
  .refine(
    (s) =>
      [s.webhook, s.sms, s.email, s.slack, s.teams].some((channel) => channel !== undefined) ||
      s.feed === true,
    {
      message: 'a subscription needs at least one channel: webhook, sms, email, slack, teams or feed',
      path: ['webhook'],
    },
  );
export type SubscriptionInput = z.infer<typeof SubscriptionInputSchema>;

/** The body of `PATCH /v1/subscriptions/{id}`: any subset; `null` removes an optional channel. */
export const SubscriptionPatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    filters: SubscriptionFiltersSchema.optional(),
    webhook: WebhookPatchSchema.nullable().optional(),
    sms: z.array(E164Schema).min(1).max(FILTER_LIMITS.smsNumbers).nullable().optional(),
    email: z.array(z.email()).min(1).max(FILTER_LIMITS.emails).nullable().optional(),
    status: z.enum(['active', 'paused']).optional(),
    /** `null` removes it: the subscriber's default profile applies again. */
    profile: ProfileSchema.nullable().optional(),
    slack: ChatWebhookSchema.nullable().optional(),
    teams: ChatWebhookSchema.nullable().optional(),
    /** `null` sends each alert at once again. */
    digest: DigestSchema.nullable().optional(),
    /** `false` or `null` stops keeping alerts for the event feed (those kept stay until they expire). */
    feed: z.boolean().nullable().optional(),
  })
  // An empty or absent body changes nothing: refuse it rather than write a new version for nothing.
  .refine((patch) => Object.keys(patch).length > 0, {
    message:
      'name at least one of name, filters, webhook, sms, email, slack, teams, digest, feed, status or profile to change',
  });
export type SubscriptionPatch = z.infer<typeof SubscriptionPatchSchema>;

/** A signing secret; `expiresAt` is set on the old secret while a rotation is in its grace period. */
export interface WebhookSecret {
  secret: string;
  createdAt: string;
  expiresAt?: string;
}

export interface StoredWebhook {
  url: string;
  secrets: WebhookSecret[];
  status: 'enabled' | 'disabled';
  disabledReason?: string;
  /**
   * The 2xx that ended the last run of failures (health is written only when it changes state, so
   * a webhook that never failed has none).
   */
  lastSuccessAt?: string;
  /** When the current run of failures began; cleared by a success. */
  failingSince?: string;
  /** Deliveries per second the endpoint is sent at most. */
  rateLimit?: number;
  /** Set while the endpoint's circuit breaker holds its deliveries back. */
  circuit?: WebhookCircuit;
}

/** An open circuit: the endpoint stopped answering, its deliveries wait (their retry budget untouched). */
export interface WebhookCircuit {
  state: 'open';
  /** Timeouts and connection failures in a row that opened it. */
  failures: number;
  openedAt: string;
  /** When one probe goes out; it closes the circuit if the endpoint answers. */
  probeAt: string;
}

/**
 * Where a phone number stands: `pending` until the subscriber sends back the code texted to it;
 * only `confirmed` numbers receive alerts. The code is kept as a digest only.
 */
export interface SmsConfirmation {
  status: 'pending' | 'confirmed';
  codeDigest?: string;
  codeExpiresAt?: string;
  /** Wrong codes tried against the current one; at the limit the code is void. */
  failedChecks?: number;
  confirmedAt?: string;
}

/** A subscription as stored. Secrets never leave the store except at creation and rotation. */
export interface Subscription {
  id: string;
  subscriberId: string;
  name: string;
  filters: SubscriptionFilters;
  webhook?: StoredWebhook;
  sms?: string[];
  /** Each SMS number's confirmation, by number (internal; shown as `smsStatus`). */
  smsConfirmations?: Record<string, SmsConfirmation>;
  email?: string[];
  /** Its alerts are kept for the subscriber's event feed (`GET /v1/events`). */
  feed?: true;
  /** The SNS topic that carries this subscription's e-mail (internal). */
  emailTopicArn?: string;
  status: SubscriptionStatus;
  /** Its own profile: what applicability is judged on. */
  profile?: Profile;
  /** The subscriber's default profile as last copied here (internal), used when it has none of its own. */
  inheritedProfile?: Profile;
  slack?: ChatWebhook;
  teams?: ChatWebhook;
  digest?: Digest;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The public view of a subscription: everything but the secrets. */
export function publicSubscription(subscription: Subscription) {
  const {
    webhook,
    emailTopicArn: _topic,
    smsConfirmations,
    inheritedProfile: _inherited,
    ...rest
  } = subscription;
  return {
    ...rest,
    ...(subscription.sms?.length
      ? {
          smsStatus: Object.fromEntries(
            subscription.sms.map((number) => [
              number,
              smsConfirmations?.[number]?.status === 'confirmed' ? 'confirmed' : 'pending',
            ]),
          ) as Record<string, 'pending' | 'confirmed'>,
        }
      : {}),
    ...(webhook
      ? {
          webhook: {
            url: webhook.url,
            status: webhook.status,
            disabledReason: webhook.disabledReason,
            lastSuccessAt: webhook.lastSuccessAt,
            failingSince: webhook.failingSince,
            rateLimit: webhook.rateLimit,
            circuit: webhook.circuit,
          },
        }
      : {}),
  };
}

/** The profile applicability is judged on: the subscription's own, else the subscriber's default. */
export function effectiveProfile(
  subscription: Pick<Subscription, 'profile' | 'inheritedProfile'>,
): Profile | undefined {
  return subscription.profile ?? subscription.inheritedProfile;
}

/**
 * The endpoint of a webhook: scheme, host, port and path; the query string is left out, so
 * per-subscriber tokens in it do not split one receiver into many.
 */
export function endpointKey(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return url;
  }
}

/** The numbers of a subscription that confirmed their code: the only ones alerts are texted to. */
export function confirmedSmsNumbers(subscription: Pick<Subscription, 'sms' | 'smsConfirmations'>): string[] {
  return (subscription.sms ?? []).filter(
    (number) => subscription.smsConfirmations?.[number]?.status === 'confirmed',
  );
}
