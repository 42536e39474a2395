import { z } from '@hono/zod-openapi';
import { CHANNELS, EVENT_TYPES } from '../model/delivery.js';
import {
  ChangeTypeSchema,
  PolicyChangeSchema,
  SeveritySchema,
  StatusPeriodSchema,
  StatusSchema,
} from '../model/policy-change.js';
import { ApplicabilitySchema, ProfileSchema } from '../model/profile.js';
import { ChatWebhookSchema, DigestSchema } from '../model/reach.js';
import { SubscriptionFiltersSchema, SubscriptionStatusSchema } from '../model/subscription.js';

/** Response shapes, for the OpenAPI document; the request shapes live in shared/model. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string(), values: z.array(z.string()).optional() }))
      .optional(),
  })
  .openapi('Problem');

/** A JSON body or response of the given schema, for route definitions. */
export const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

/** Routes that take an API key. */
export const security = [{ bearer: [] }];

export const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

/** The 404 of the routes on one of the caller's subscriptions. */
export const subscriptionNotFound = {
  404: { description: 'No such subscription for this subscriber', content: problemContent },
};

/** The error answers every authenticated route can give. */
export const commonErrors = {
  401: { description: 'Missing or unknown API key', content: problemContent },
  403: { description: 'The key may not do this', content: problemContent },
  422: { description: 'The body does not validate; `errors` names each field', content: problemContent },
} as const;

export const IdParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'sub_0mj4k2x9c8f1e2d3c4b5a6978' }),
});

export const SubscriberCreatedSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    keyId: z.string().openapi({ description: 'The id of the first API key (to revoke it later)' }),
    apiKey: z.string().openapi({ description: 'The first API key, shown only here' }),
  })
  .openapi('SubscriberCreated');

export const ApiKeyCreatedSchema = z
  .object({
    keyId: z.string(),
    scope: z.enum(['admin', 'ingest', 'subscriber']),
    subscriberId: z.string().optional(),
    name: z.string().optional(),
    createdAt: z.string(),
    apiKey: z.string().openapi({ description: 'The key, shown only here; stored only as a SHA-256 hash' }),
  })
  .openapi('ApiKeyCreated');

/** A key as listed: never the key, never its hash. */
export const ApiKeyViewSchema = z
  .object({
    keyId: z.string(),
    scope: z.enum(['admin', 'ingest', 'subscriber']),
    subscriberId: z.string().optional(),
    name: z.string().optional(),
    status: z.enum(['active', 'revoked']),
    createdAt: z.string(),
    revokedAt: z.string().optional(),
  })
  .openapi('ApiKey');

export const KeyIdParamSchema = z.object({
  keyId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'keyId', in: 'path' }, example: 'key_0mj4k2x9c1a2b3c4d5e6f7a8b' }),
});

/** `?limit=&cursor=` on every paged list. */
export const PageQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(50)
    .openapi({ param: { name: 'limit', in: 'query' } }),
  cursor: z
    .string()
    .max(2000)
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' } }),
});

export const AuditRecordViewSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.object({
      keyId: z.string(),
      scope: z.enum(['admin', 'ingest', 'subscriber', 'system']),
      subscriberId: z.string().optional(),
    }),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string() }),
    subscriberId: z.string().optional(),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
    requestId: z.string().optional(),
  })
  .openapi('AuditRecord');

export const SubscriptionViewSchema = z
  .object({
    id: z.string(),
    subscriberId: z.string(),
    name: z.string(),
    filters: SubscriptionFiltersSchema,
    webhook: z
      .object({
        url: z.string(),
        status: z.enum(['enabled', 'disabled']),
        disabledReason: z.string().optional(),
        lastSuccessAt: z.string().optional(),
        failingSince: z.string().optional(),
        rateLimit: z.number().optional().openapi({ description: 'Deliveries per second, at most' }),
        circuit: z
          .object({
            state: z.literal('open'),
            failures: z.number(),
            openedAt: z.string(),
            probeAt: z.string(),
          })
          .optional()
          .openapi({
            description:
              'Set while the endpoint stopped answering: deliveries wait (their retries untouched) until one probe gets an answer',
          }),
        secret: z
          .string()
          .optional()
          .openapi({ description: 'Only in the response that created the secret' }),
      })
      .optional(),
    sms: z.array(z.string()).optional(),
    smsStatus: z
      .record(z.string(), z.enum(['pending', 'confirmed']))
      .optional()
      .openapi({
        description:
          'Per number: `pending` until the code texted to it is confirmed (POST …/sms/confirm); only confirmed numbers receive alerts',
      }),
    email: z.array(z.string()).optional(),
    feed: z
      .literal(true)
      .optional()
      .openapi({ description: 'Its alerts are kept for the event feed (`GET /v1/events`)' }),
    status: SubscriptionStatusSchema,
    profile: ProfileSchema.optional().openapi({
      description: "What applicability is judged on; absent: the subscriber's default profile, if any",
    }),
    slack: ChatWebhookSchema.optional(),
    teams: ChatWebhookSchema.optional(),
    digest: DigestSchema.optional().openapi({
      description:
        'When set, the webhook and e-mail channels get one `alerts.digest` per period instead of each alert',
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .openapi('Subscription');

/** The matcher's progress on the latest revision, as the list and the single change show it. */
export const MatchingViewSchema = PolicyChangeSchema.shape.matching
  .extend({
    matched: z
      .int()
      .optional()
      .openapi({ description: 'Subscriptions the revision matched (as `matchedSubscriptions`)' }),
    alerts: z.int().optional().openapi({
      description:
        'Alerts sent about it: the matches the applicability setting admits, and earlier recipients',
    }),
  })
  .openapi('Matching');

export const PolicyChangeViewSchema = PolicyChangeSchema.extend({
  matching: MatchingViewSchema.optional(),
  status: StatusSchema.optional(),
  statusHistory: z.array(StatusPeriodSchema).optional(),
}).openapi('PolicyChange');

const RegimeItemSchema = z.object({
  policyChange: PolicyChangeViewSchema,
  status: StatusSchema,
  since: z.string(),
  until: z.string().optional(),
});

const ScreeningSchema = z.object({
  party: z.string(),
  matches: z.array(
    z.object({ policyChangeId: z.string(), listed: z.string(), score: z.number(), status: StatusSchema }),
  ),
});

export const RegimeSchema = z
  .object({
    at: z.string(),
    items: z.array(RegimeItemSchema).openapi({ description: 'Lane and all-items rules in force then' }),
    suspended: z.array(RegimeItemSchema).openapi({
      description: 'Lane and all-items rules suspended then (they come back when the suspension ends)',
    }),
    partyRules: z.array(RegimeItemSchema).openapi({
      description:
        'Rules naming parties (end-user and sanctions lists) that cover the lane, in force or suspended then (`status`); a rule naming no material covers every item',
    }),
    screening: z
      .array(ScreeningSchema)
      .optional()
      .openapi({ description: 'With `party=`: each party against the listed names of `partyRules`' }),
  })
  .openapi('Regime');
/** How far back delivery history goes, for the OpenAPI descriptions of the delivery routes. */
export const DELIVERY_HISTORY =
  'Deliveries, with their attempts and the alert they carry, are kept for DELIVERY_RETENTION (90 days by default) after their last attempt, then deleted; a delivery still pending or retrying is kept. An expired delivery answers 404 and is no longer listed or replayable.';

const AttemptRequestSchema = z
  .object({
    headers: z.record(z.string(), z.string()).openapi({
      description:
        'The headers sent: `content-type`, `webhook-id`, `webhook-timestamp`, `webhook-signature` (an HMAC, not the secret), `user-agent`',
    }),
    body: z.string().optional().openapi({
      description:
        'The body sent, the exact signed bytes, cut to its first 16 KB (`bodyTruncated`); absent where it is not read (replies to a retry or a test) or once the alert has expired',
    }),
    bodyBytes: z.number().optional().openapi({ description: 'The size of the whole body sent, in bytes' }),
    bodyTruncated: z.literal(true).optional().openapi({ description: 'Set when `body` is only its start' }),
  })
  .openapi('AttemptRequest', {
    description: 'Webhooks: the request this attempt sent; no secret is ever kept',
  });

export const DeliveryViewSchema = z
  .object({
    id: z.string(),
    alertId: z.string(),
    webhookId: z.string(),
    policyChangeId: z.string(),
    revision: z.number(),
    subscriptionId: z.string(),
    type: z.enum(EVENT_TYPES),
    channel: z.enum(CHANNELS),
    status: z.enum(['pending', 'delivered', 'failed', 'dead']),
    attempts: z.array(
      z.object({
        at: z.string(),
        statusCode: z.number().optional(),
        durationMs: z.number(),
        error: z.string().optional(),
        excerpt: z
          .string()
          .optional()
          .openapi({ description: "The start of the receiver's response body (at most 1024 bytes)" }),
        responseHeaders: z.record(z.string(), z.string()).optional().openapi({
          description: "The receiver's response headers, as far as 512 bytes hold them (cookies left out)",
        }),
        request: AttemptRequestSchema.optional(),
        rateLimitWaitMs: z
          .number()
          .optional()
          .openapi({ description: "Waited this long for its turn under the endpoint's rate limit" }),
        circuitWaitMs: z
          .number()
          .optional()
          .openapi({ description: "Held back this long by the endpoint's open circuit" }),
        served: z
          .array(z.string())
          .optional()
          .openapi({ description: 'SMS: the numbers this attempt reached' }),
      }),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
    nextAttemptAt: z.string().optional(),
    deadReason: z.string().optional(),
    heldBy: z
      .object({ reason: z.literal('circuit-open'), since: z.string(), until: z.string() })
      .optional()
      .openapi({ description: "Waiting for the endpoint's circuit to close; no attempt is spent meanwhile" }),
    applicability: ApplicabilitySchema.optional().openapi({
      description:
        "Whether the change applies to the subscription's profile, as the alert said (`data.applicability`)",
    }),
  })
  .openapi('Delivery');

export const MaterialViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    parents: z.array(z.string()),
    /** v1: the first of `parents`. */
    parent: z.string().optional(),
    kind: z.string(),
    symbol: z.string().optional(),
    hsCodes: z.array(z.string()),
    synonyms: z.array(z.string()),
    ancestors: z.array(z.string()),
  })
  .openapi('Material');

export const RegionsViewSchema = z
  .object({
    countries: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        aliases: z
          .array(z.string())
          .optional()
          .openapi({ description: 'Other English names, for search (`China`, `USA`)' }),
      }),
    ),
    groups: z.array(z.object({ id: z.string(), name: z.string(), members: z.array(z.string()) })),
    wildcard: z.literal('*'),
  })
  .openapi('Regions');

export { ChangeTypeSchema, SeveritySchema, StatusSchema };
