import { OpenAPIHono, z } from '@hono/zod-openapi';
import { deliveryViews } from '../../delivery/delivery-log.js';
import {
  publicSubscription,
  SubscriptionInputSchema,
  SubscriptionPatchSchema,
} from '../../model/subscription.js';
import { subscriptionAudit, subscriptionUpdateAction } from '../../operations/subscription-audit.js';
import type { DeliveryStore } from '../../store/delivery-store.js';
import {
  createSubscription,
  deleteSubscription,
  type SubscriptionServiceDeps,
  updateSubscription,
} from '../../subscriptions/subscription-service.js';
import { auditContext, type RequestAuditDeps } from '../audit-context.js';
import { allow, deliveryOwner, requireSubscriber } from '../auth.js';
import { defineRoute } from '../openapi.js';
import {
  DELIVERY_HISTORY,
  DeliveryViewSchema,
  IdParamSchema,
  json,
  PageQuerySchema,
  problemContent,
  SubscriptionViewSchema,
  security,
  subscriptionNotFound,
} from '../schemas.js';
import type { ApiEnv, ApiLimits } from '../types.js';

const notFound = subscriptionNotFound;

const create = defineRoute({
  operationId: 'createSubscription',
  tags: ['subscriber'],
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/subscriptions',
  summary: 'Create a subscription',
  description:
    'Filters say which policy changes to hear about; channels say where alerts go (a webhook, SMS numbers, e-mail addresses; at least one). ' +
    'Material ids and region codes are checked against the catalogue (`GET /v1/materials`, `GET /v1/regions`). ' +
    'With a webhook, the response carries its `whsec_` signing secret: this is the only time it is shown. Subscriber keys only.',
  security,
  request: {
    body: { required: true, content: json(SubscriptionInputSchema.clone().openapi('SubscriptionInput')) },
  },
  responses: {
    201: {
      description: 'Created; `Location` names it',
      content: json(SubscriptionViewSchema),
      headers: { Location: { description: 'The new subscription', schema: { type: 'string' } } },
    },
    409: {
      description: 'The subscriber already holds the most subscriptions allowed',
      content: problemContent,
    },
  },
});

const list = defineRoute({
  operationId: 'listSubscriptions',
  tags: ['subscriber'],
  middleware: [allow('subscriber')] as const,
  method: 'get',
  path: '/v1/subscriptions',
  summary: "The caller's subscriptions",
  description:
    'Every subscription of the calling subscriber in one answer (a subscriber holds at most 100 by default), without webhook secrets.',
  security,
  responses: {
    200: {
      description: 'Subscriptions',
      content: json(z.object({ items: z.array(SubscriptionViewSchema) }).openapi('SubscriptionList')),
    },
  },
});

const get = defineRoute({
  operationId: 'getSubscription',
  tags: ['subscriber'],
  middleware: [allow('subscriber')] as const,
  method: 'get',
  path: '/v1/subscriptions/{id}',
  summary: 'One subscription',
  description: "One of the caller's subscriptions; another subscriber's id answers 404.",
  security,
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'The subscription', content: json(SubscriptionViewSchema) },
    ...notFound,
  },
});

const patch = defineRoute({
  operationId: 'updateSubscription',
  tags: ['subscriber'],
  middleware: [allow('subscriber')] as const,
  method: 'patch',
  path: '/v1/subscriptions/{id}',
  summary: 'Change a subscription',
  description:
    'Change any of name, filters, channels or status (`active` or `paused`; a paused subscription holds its deliveries until resumed). ' +
    'Fields left out stay as they are; `filters` is replaced as a whole; `null` removes a channel (at least one must remain). ' +
    'A new webhook URL keeps the signing secret; a webhook added afresh gets one, in this response only.',
  security,
  request: {
    params: IdParamSchema,
    body: { required: true, content: json(SubscriptionPatchSchema.clone().openapi('SubscriptionPatch')) },
  },
  responses: {
    200: { description: 'The updated subscription', content: json(SubscriptionViewSchema) },
    409: { description: 'Changed concurrently; read and try again', content: problemContent },
    ...notFound,
  },
});

const remove = defineRoute({
  operationId: 'deleteSubscription',
  tags: ['subscriber'],
  middleware: [allow('subscriber')] as const,
  method: 'delete',
  path: '/v1/subscriptions/{id}',
  summary: 'Delete a subscription',
  description:
    'Removes the subscription; deliveries still pending end `dead` with the reason, and nothing more is sent.',
  security,
  request: { params: IdParamSchema },
  responses: { 204: { description: 'Deleted' }, ...notFound },
});

const deliveries = defineRoute({
  operationId: 'listSubscriptionDeliveries',
  tags: ['deliveries', 'subscriber'],
  middleware: [allow('subscriber', 'admin')] as const,
  method: 'get',
  path: '/v1/subscriptions/{id}/deliveries',
  summary: "A subscription's delivery log",
  description:
    'Deliveries newest first, one per alert and channel, each with every attempt (time, status code, latency, error, the request sent with its headers and body, the response headers and body excerpts). ' +
    `Paged: pass \`nextCursor\` back as \`cursor\`. Its subscriber, or an administrator for any subscription. ${DELIVERY_HISTORY}`,
  security,
  request: { params: IdParamSchema, query: PageQuerySchema },
  responses: {
    200: {
      description: 'Deliveries',
      content: json(
        z
          .object({ items: z.array(DeliveryViewSchema), nextCursor: z.string().optional() })
          .openapi('DeliveryPage'),
      ),
    },
    ...notFound,
  },
});

export type SubscriptionRouteDeps = SubscriptionServiceDeps &
  RequestAuditDeps & {
    deliveries: DeliveryStore;
    limits?: Pick<ApiLimits, 'maxSubscriptionsPerSubscriber' | 'webhookRateLimit'>;
  };

/** Subscriptions: each subscriber sees and changes only its own; other ids answer 404. */
export function subscriptionRoutes(deps: SubscriptionRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi(create, async (c) => {
    const subscriberId = requireSubscriber(c.get('principal'));
    const context = auditContext(deps, c.get('principal'), c.get('requestId'));
    const view = await createSubscription(
      deps,
      subscriberId,
      c.req.valid('json'),
      subscriptionAudit(context, 'subscription.created'),
      deps.limits?.maxSubscriptionsPerSubscriber,
    );
    c.header('location', `/v1/subscriptions/${view.id}`);
    return c.json(view, 201);
  });

  app.openapi(list, async (c) => {
    const subscriberId = requireSubscriber(c.get('principal'));
    const items = await deps.subscriptions.listBySubscriber(subscriberId);
    return c.json({ items: items.map(publicSubscription) }, 200);
  });

  app.openapi(get, async (c) => {
    const subscriberId = requireSubscriber(c.get('principal'));
    const subscription = await deps.subscriptions.getOwned(c.req.valid('param').id, subscriberId);
    return c.json(publicSubscription(subscription), 200);
  });

  app.openapi(patch, async (c) => {
    const subscriberId = requireSubscriber(c.get('principal'));
    const previous = await deps.subscriptions.getOwned(c.req.valid('param').id, subscriberId);
    const audit = subscriptionAudit(
      auditContext(deps, c.get('principal'), c.get('requestId')),
      subscriptionUpdateAction,
    );
    return c.json(await updateSubscription(deps, previous, c.req.valid('json'), audit), 200);
  });

  app.openapi(remove, async (c) => {
    const subscriberId = requireSubscriber(c.get('principal'));
    const context = auditContext(deps, c.get('principal'), c.get('requestId'));
    await deleteSubscription(
      deps,
      c.req.valid('param').id,
      subscriberId,
      subscriptionAudit(context, 'subscription.deleted'),
    );
    return c.body(null, 204);
  });

  app.openapi(deliveries, async (c) => {
    const { id } = c.req.valid('param');
    await deps.subscriptions.getOwned(id, deliveryOwner(c.get('principal')));
    const { limit, cursor } = c.req.valid('query');
    const page = await deps.deliveries.listBySubscription(id, { limit, ...(cursor ? { cursor } : {}) });
    return c.json(
      {
        items: await deliveryViews(deps, page.items),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      },
      200,
    );
  });

  return app;
}
