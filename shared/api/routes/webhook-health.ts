import { OpenAPIHono, z } from '@hono/zod-openapi';
import { readEndpointHealth } from '../../delivery/delivery-log.js';
import { ValidationError } from '../../kernel/errors.js';
import type { DeliveryStore } from '../../store/delivery-store.js';
import type { SubscriptionStore } from '../../store/subscription-store.js';
import { DEFAULT_WEBHOOK_RATE_LIMIT } from '../../subscriptions/subscription-service.js';
import { allow, deliveryOwner } from '../auth.js';
import { defineRoute } from '../openapi.js';
import {
  IdParamSchema,
  json,
  problemContent,
  SubscriptionViewSchema,
  security,
  subscriptionNotFound,
} from '../schemas.js';
import type { ApiEnv } from '../types.js';

const RateSchema = z.object({
  attempts: z.number(),
  succeeded: z.number().openapi({ description: 'Attempts answered 2xx' }),
  failed: z.number(),
  successRate: z
    .number()
    .optional()
    .openapi({ description: 'succeeded / attempts, 0 to 1; absent without attempts' }),
});

/** The webhook's own fields, as the subscription shows them. */
const WebhookFieldsSchema = SubscriptionViewSchema.shape.webhook.unwrap().pick({
  url: true,
  status: true,
  disabledReason: true,
  lastSuccessAt: true,
  failingSince: true,
});

const EndpointHealthSchema = WebhookFieldsSchema.extend({
  rateLimit: z.number().openapi({ description: 'Deliveries per second at most (`webhook.rateLimit`)' }),
  circuit: z
    .object({
      state: z.enum(['closed', 'open', 'half-open']),
      failures: z.number().optional(),
      openedAt: z.string().optional(),
      probeAt: z.string().optional(),
    })
    .openapi({
      description:
        '`open`: deliveries wait (their retries untouched) until `probeAt`; `half-open`: the probe is due; `closed`: sending',
    }),
  day: RateSchema.openapi({ description: 'Attempts in the last 24 hours' }),
  week: RateSchema.openapi({ description: 'Attempts in the last 7 days' }),
  recentFailures: z.array(
    z.object({
      deliveryId: z.string(),
      at: z.string(),
      statusCode: z.number().optional(),
      error: z.string().optional(),
    }),
  ),
  partial: z.literal(true).optional().openapi({
    description: 'More deliveries were made than were read (1000): the rates are of the newest',
  }),
}).openapi('EndpointHealth');

const health = defineRoute({
  operationId: 'getWebhookHealth',
  tags: ['deliveries', 'subscriber'],
  description:
    "How the subscription's webhook is doing: success rate of its attempts over the last day and week, its latest failures, " +
    'the circuit breaker (opened by timeouts and connection failures in a row) and the rate limit (change it with ' +
    '`PATCH {"webhook": {"rateLimit": n}}`). Read from the subscription\'s own deliveries. Its subscriber, or an administrator.',
  middleware: [allow('subscriber', 'admin')] as const,
  method: 'get',
  path: '/v1/subscriptions/{id}/webhook/health',
  summary: "The webhook's health",
  security,
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'Health', content: json(EndpointHealthSchema) },
    422: { description: 'The subscription has no webhook', content: problemContent },
    ...subscriptionNotFound,
  },
});

export interface WebhookHealthDeps {
  subscriptions: SubscriptionStore;
  deliveries: DeliveryStore;
  clock: () => Date;
  limits?: { webhookRateLimit?: number };
}

/** A subscription's webhook: how it is doing. */
export function webhookHealthRoutes(deps: WebhookHealthDeps) {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi(health, async (c) => {
    const subscription = await deps.subscriptions.getOwned(
      c.req.valid('param').id,
      deliveryOwner(c.get('principal')),
    );
    const rate = deps.limits?.webhookRateLimit ?? DEFAULT_WEBHOOK_RATE_LIMIT;
    const found = await readEndpointHealth(deps, subscription, deps.clock(), rate);
    if (!found) throw noWebhook();
    return c.json(found, 200);
  });

  return app;
}

function noWebhook() {
  return new ValidationError('this subscription has no webhook', [
    { field: 'webhook', message: 'add a webhook to see its health' },
  ]);
}
