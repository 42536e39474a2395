import { OpenAPIHono, z } from '@hono/zod-openapi';
import { ChangeSummarySchema, readDeliveryLog } from '../../delivery/delivery-log.js';
import { CHANNELS, EVENT_TYPES } from '../../model/delivery.js';
import { allow, deliveryOwner } from '../auth.js';
import { defineRoute } from '../openapi.js';
import {
  DELIVERY_HISTORY,
  DeliveryViewSchema,
  json,
  PageQuerySchema,
  problemContent,
  security,
} from '../schemas.js';
import type { ApiEnv } from '../types.js';

const query = (description: string) => ({ param: { in: 'query' as const }, description });
/** A time with an offset, normalised to UTC so it compares with stored times. */
const instant = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value).toISOString())
  .optional();

const DeliveryLogQuerySchema = PageQuerySchema.extend({
  subscriptionId: z
    .string()
    .max(100)
    .optional()
    .openapi(query('One subscription only; without it, every subscription of the subscriber')),
  subscriberId: z
    .string()
    .max(100)
    .optional()
    .openapi(query('Administrators: whose deliveries (or name a `subscriptionId`)')),
  status: z.enum(['pending', 'delivered', 'failed', 'dead']).optional().openapi(query('Only this status')),
  type: z.enum(EVENT_TYPES).optional().openapi(query('Only this event type')),
  channel: z.enum(CHANNELS).optional().openapi(query('Only this channel')),
  webhookId: z
    .string()
    .regex(/^msg_[0-9a-f]{32}$/, 'a webhook-id as sent, msg_ and 32 hex digits')
    .optional()
    .openapi(query('The `webhook-id` header a receiver saw')),
  from: instant.openapi(query('Created at or after this time (ISO 8601 with an offset)')),
  to: instant.openapi(query('Created before this time (ISO 8601 with an offset)')),
});

const DeliveredChangeSchema = ChangeSummarySchema.openapi('DeliveredChange', {
  description: 'The policy change the delivery was about, as its alert carried it',
});

const DeliveryLogEntrySchema = DeliveryViewSchema.extend({
  policyChange: DeliveredChangeSchema.optional(),
  match: z
    .record(z.string(), z.unknown())
    .optional()
    .openapi({ description: 'Why the change matched the subscription, as the alert said (`data.match`)' }),
}).openapi('DeliveryLogEntry');

const list = defineRoute({
  operationId: 'listDeliveries',
  tags: ['deliveries', 'subscriber'],
  description:
    "The delivery log across a subscriber's subscriptions, newest first: each delivery with its attempts (the request sent, the response), " +
    'the policy change it was about and why it matched. Filters: `status`, `type`, `channel`, `from`/`to` (creation time), `webhookId`. ' +
    'Each subscription is read by its own key range, never by a scan. A subscriber sees its own; an administrator names `subscriberId` or `subscriptionId`. ' +
    `Paged: pass \`nextCursor\` back as \`cursor\` with the same filters; a page may hold fewer than \`limit\` items and still have a next one. ${DELIVERY_HISTORY}`,
  middleware: [allow('subscriber', 'admin')] as const,
  method: 'get',
  path: '/v1/deliveries',
  summary: 'The delivery log, filtered, across subscriptions',
  security,
  request: { query: DeliveryLogQuerySchema },
  responses: {
    200: {
      description: 'Deliveries',
      content: json(
        z
          .object({ items: z.array(DeliveryLogEntrySchema), nextCursor: z.string().optional() })
          .openapi('DeliveryLogPage'),
      ),
    },
    404: { description: 'No such subscription for this subscriber', content: problemContent },
  },
});

/** The delivery log across subscriptions: each subscriber sees only its own. */
export function deliveryLogRoutes(deps: Parameters<typeof readDeliveryLog>[0]) {
  const app = new OpenAPIHono<ApiEnv>();
  app.openapi(list, async (c) => {
    const { cursor, from, to, ...rest } = c.req.valid('query');
    const page = await readDeliveryLog(deps, deliveryOwner(c.get('principal')), {
      ...rest,
      ...(cursor ? { cursor } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    });
    return c.json(page, 200);
  });
  return app;
}
