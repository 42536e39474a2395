import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { subscriptionAudit } from '../../audit/subscription-audit.js';
import { recoverDeliveries, sendTestEvent } from '../../delivery/replay.js';
import { publicDelivery } from '../../model/delivery.js';
import { enableWebhook, rotateWebhookSecret } from '../../subscriptions/subscription-service.js';
import type { ApiDeps, ApiEnv } from '../app.js';
import { auditContext } from '../audit-context.js';
import { allow, requireSubscriber } from '../auth.js';
import { defineRoute } from '../openapi.js';
import {
  DeliveryViewSchema,
  IdParamSchema,
  json,
  problemContent,
  SubscriptionViewSchema,
  security,
} from '../schemas.js';

const notFound = {
  404: { description: 'No such subscription for this subscriber', content: problemContent },
};
const conflict = { 409: { description: 'Changed concurrently; try again', content: problemContent } };

const RecoverInputSchema = z
  .strictObject({
    since: z.iso.datetime({ offset: true }).openapi({
      description: 'ISO 8601 with an offset; deliveries created at or after this time are sent again',
      example: '2026-01-05T08:00:00Z',
    }),
  })
  .openapi('RecoverInput', { example: { since: '2026-01-05T08:00:00Z' } });

const recover = defineRoute({
  operationId: 'recoverDeliveries',
  tags: ['deliveries', 'subscriber'],
  description:
    'Every `failed` or `dead` delivery of this subscription created since `since` is queued again with the same `webhook-id` ' +
    '(receivers deduplicate on it). Use it after an outage of your receiver, once it is back.',
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/subscriptions/{id}/recover',
  summary: 'Send again every failed delivery since a time',
  security,
  request: { params: IdParamSchema, body: { required: true, content: json(RecoverInputSchema) } },
  responses: {
    202: {
      description: 'Queued',
      content: json(
        z
          .object({
            recovered: z.number().openapi({ description: 'How many deliveries were queued again' }),
            deliveryIds: z.array(z.string()),
          })
          .openapi('Recovered'),
      ),
    },
    ...notFound,
  },
});

const test = defineRoute({
  operationId: 'sendTestEvent',
  tags: ['deliveries', 'subscriber'],
  description:
    "Sends a signed `subscription.test` event through the subscription's webhook, as a real alert would go (same signing, retries and delivery log). " +
    'The answer is the queued delivery; read it back to see its attempts.',
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/subscriptions/{id}/test',
  summary: 'Send a test event to the webhook',
  security,
  request: { params: IdParamSchema },
  responses: {
    202: { description: 'Queued', content: json(DeliveryViewSchema) },
    ...notFound,
  },
});

const RotatedSchema = z
  .object({
    subscriptionId: z.string(),
    secret: z.string().openapi({ description: 'The new whsec_ secret, shown only here' }),
    previousSecretsExpireAt: z
      .string()
      .optional()
      .openapi({ description: 'Until then the previous secret signs too; absent when there was none' }),
  })
  .openapi('RotatedSecret');

const rotate = defineRoute({
  operationId: 'rotateWebhookSecret',
  tags: ['subscriber'],
  description:
    'A new `whsec_` secret signs from now on. The previous one keeps signing beside it (two `v1,` signatures in `webhook-signature`) ' +
    'until `previousSecretsExpireAt`, so receivers can switch without losing a message. The new secret is shown only here.',
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/subscriptions/{id}/rotate-secret',
  summary: 'Rotate the webhook signing secret',
  security,
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'Rotated', content: json(RotatedSchema) },
    ...notFound,
    ...conflict,
  },
});

const enable = defineRoute({
  operationId: 'enableWebhook',
  tags: ['subscriber'],
  description:
    'A webhook is disabled after it answers 410 Gone or fails without a single success for the configured time (5 days). ' +
    'This enables it again for new alerts; deliveries that failed meanwhile are sent again with `recover`.',
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/subscriptions/{id}/webhook/enable',
  summary: 'Enable a disabled webhook again',
  security,
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'Enabled', content: json(SubscriptionViewSchema) },
    ...notFound,
    ...conflict,
  },
});

/** What a subscriber can do to its own subscription besides editing it. */
export function subscriptionActionRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(recover, async (c) => {
    const subscription = await deps.subscriptions.getOwned(
      c.req.valid('param').id,
      requireSubscriber(c.get('principal')),
    );
    const result = await recoverDeliveries(deps, subscription.id, new Date(c.req.valid('json').since));
    return c.json(result, 202);
  });

  app.openapi(test, async (c) => {
    const subscription = await deps.subscriptions.getOwned(
      c.req.valid('param').id,
      requireSubscriber(c.get('principal')),
    );
    return c.json(publicDelivery(await sendTestEvent(deps, subscription)), 202);
  });

  app.openapi(rotate, async (c) => {
    const subscription = await deps.subscriptions.getOwned(
      c.req.valid('param').id,
      requireSubscriber(c.get('principal')),
    );
    const context = auditContext(deps, c.get('principal'), c.get('requestId'));
    const rotated = await rotateWebhookSecret(
      deps,
      subscription,
      subscriptionAudit(context, 'subscription.secret-rotated'),
    );
    return c.json(
      {
        subscriptionId: rotated.subscriptionId,
        secret: rotated.secret,
        ...(rotated.previousSecretsExpireAt
          ? { previousSecretsExpireAt: rotated.previousSecretsExpireAt }
          : {}),
      },
      200,
    );
  });

  app.openapi(enable, async (c) => {
    const subscription = await deps.subscriptions.getOwned(
      c.req.valid('param').id,
      requireSubscriber(c.get('principal')),
    );
    const context = auditContext(deps, c.get('principal'), c.get('requestId'));
    const audit = subscriptionAudit(context, 'subscription.webhook-enabled');
    return c.json(await enableWebhook(deps, subscription, audit), 200);
  });
}
