/**
 * The events a subscriber receives, described under the document's `webhooks`: one entry per
 * event type with the body's schema, the signing headers and a real example, so the console's
 * event catalogue and any client generator read them from `/openapi.json`.
 */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { buildDigestAlert, digestItems } from '../delivery/digest/digest-content.js';
import { eventExample } from '../matching/event-examples.js';
import { CHANGE_EVENT_TYPES, EVENT_TYPES, type EventType } from '../model/delivery.js';
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
    type: z.enum(CHANGE_EVENT_TYPES),
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
  'alerts.digest':
    'A subscription with a `digest` gets, once per period, the alerts of that period grouped by change: each item is the latest `data` about one change with its `events`. An empty period sends nothing.',
};

const DigestEventSchema = z
  .object({
    type: z.literal('alerts.digest'),
    timestamp: z.string().openapi({ description: "The digest's creation time, ISO 8601" }),
    data: z.object({
      alertId: z.string(),
      subscriptionId: z.string(),
      period: z.object({
        from: z.string().optional(),
        until: z.string(),
        frequency: z.enum(['daily', 'weekly']),
        timeZone: z.string(),
      }),
      items: z.array(
        z.looseObject({
          policyChange: PolicyChangeViewSchema,
          applicability: ApplicabilitySchema.optional(),
          events: z.array(
            z.object({
              alertId: z.string(),
              type: z.string(),
              timestamp: z.string(),
              statusChange: z.object({ from: z.string(), to: z.string() }).optional(),
            }),
          ),
        }),
      ),
    }),
  })
  .openapi('DigestEvent');

/** A daily digest holding the published example, built by the digest's own code. */
function digestExample(): unknown {
  const published = eventExample('policy_change.published');
  const alert = buildDigestAlert({
    subscription: {
      id: published.data.subscriptionId,
      subscriberId: 'sbr_0m8example0subscriber0000',
      digest: { frequency: 'daily', hour: 8, timeZone: 'Europe/Berlin' },
    },
    from: '2023-07-03T06:06:00.000Z',
    until: '2023-07-04T06:06:00.000Z',
    items: digestItems([
      {
        alertId: published.data.alertId,
        type: published.type,
        createdAt: published.timestamp,
        payload: JSON.stringify(published),
      },
    ]),
    now: new Date('2023-07-04T06:06:05.000Z'),
  });
  return JSON.parse(alert.payload);
}

const bodyOf = (type: EventType) =>
  type === 'alerts.digest'
    ? { schema: DigestEventSchema, example: digestExample() }
    : { schema: WebhookEventSchema, example: eventExample(type) };

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
          content: { 'application/json': bodyOf(type) },
        },
      },
      responses: { 200: { description: 'Any 2xx acknowledges the event; anything else is retried' } },
    });
  }
}
