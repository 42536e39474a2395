/**
 * The events a subscriber receives, described under the document's `webhooks`: one entry per
 * event type with the body's schema, the signing headers and a real example, so the console's
 * event catalogue and any client generator read them from `/openapi.json`.
 */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { eventExample } from '../matching/event-examples.js';
import { EVENT_TYPES, type EventType } from '../model/delivery.js';
import { ApplicabilitySchema } from '../model/profile.js';
import { PolicyChangeViewSchema, StatusSchema } from './schemas.js';

const MatchSchema = z
  .object({
    materials: z.array(z.object({ change: z.string(), filter: z.string() })),
    hsCodes: z.array(z.string()).optional(),
    issuingRegion: z.string().optional(),
    originRegions: z.array(z.string()).optional(),
    affectedRegions: z.array(z.string()).optional(),
    entities: z.array(z.object({ watched: z.string(), listed: z.string(), score: z.number() })).optional(),
    earlierAlert: z.literal(true).optional(),
    clauses: z.array(z.number()).optional(),
  })
  .openapi('Match', { description: 'Why the change matched the subscription (`data.match`)' });

const WebhookEventSchema = z
  .object({
    type: z.enum(EVENT_TYPES),
    timestamp: z.string().openapi({ description: "The alert's creation time, ISO 8601" }),
    data: z.object({
      alertId: z.string(),
      subscriptionId: z.string(),
      match: MatchSchema,
      applicability: ApplicabilitySchema.optional(),
      policyChange: PolicyChangeViewSchema,
      changes: z
        .array(z.object({ field: z.string(), from: z.unknown().optional(), to: z.unknown().optional() }))
        .optional()
        .openapi({ description: '`policy_change.updated`: what differs from the previous revision' }),
      statusChange: z
        .object({
          from: StatusSchema,
          to: StatusSchema,
          at: z.string(),
          causedBy: z.object({ id: z.string(), title: z.string() }).optional(),
        })
        .optional()
        .openapi({ description: '`policy_change.status_changed`: the transition and its cause' }),
      resumes: z.array(z.object({ id: z.string(), title: z.string() })).optional(),
      relatedChanges: z
        .array(
          z.object({
            relation: z.string(),
            policyChangeId: z.string().optional(),
            title: z.string().optional(),
            status: StatusSchema.optional(),
            source: z.string().optional(),
            sourceRef: z.string().optional(),
          }),
        )
        .optional(),
    }),
  })
  .openapi('WebhookEvent');

const SigningHeadersSchema = z.object({
  'webhook-id': z
    .string()
    .openapi({ description: 'Stable across retries: deduplicate on it', example: 'msg_…' }),
  'webhook-timestamp': z.string().openapi({ description: 'Unix seconds of this attempt' }),
  'webhook-signature': z.string().openapi({
    description: 'Space-separated `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per live secret',
  }),
});

const EVENT_DESCRIPTIONS: Record<EventType, string> = {
  'policy_change.published': 'A new policy change matched the subscription.',
  'policy_change.updated':
    'A higher revision of a change the subscription matches; `data.changes` lists what differs.',
  'policy_change.effective_soon': 'A matched change takes effect within the configured number of days.',
  'policy_change.expiring_soon': 'A matched change expires within the configured number of days.',
  'policy_change.status_changed': 'A matched change moved in its lifecycle; `data.statusChange` says how.',
  'subscription.test': 'Sent on request (`POST /v1/subscriptions/{id}/test`) to check a receiver end to end.',
};

/** Adds every event type to the document's `webhooks`, each with its schema and a real example. */
export function registerWebhookEvents(registry: OpenAPIHono['openAPIRegistry']): void {
  for (const type of EVENT_TYPES) {
    registry.registerWebhook({
      method: 'post',
      path: type,
      operationId: `event${type.replace(/(^|[._])(\w)/g, (_m, _s, c: string) => c.toUpperCase())}`,
      tags: ['deliveries'],
      // The receiver checks the signature headers; it needs no key from the service.
      security: [],
      summary: type,
      description: `${EVENT_DESCRIPTIONS[type]} Signed per Standard Webhooks; answer any 2xx within 15 s.`,
      request: {
        headers: SigningHeadersSchema,
        body: {
          required: true,
          content: { 'application/json': { schema: WebhookEventSchema, example: eventExample(type) } },
        },
      },
      responses: { 200: { description: 'Any 2xx acknowledges the event; anything else is retried' } },
    });
  }
}
