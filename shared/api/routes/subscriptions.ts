import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { subscriptionAudit, subscriptionUpdateAction } from '../../audit/subscription-audit.js';
import { publicDelivery } from '../../model/delivery.js';
import {
  publicSubscription,
  SubscriptionInputSchema,
  SubscriptionPatchSchema,
} from '../../model/subscription.js';
import {
  createSubscription,
  deleteSubscription,
  updateSubscription,
} from '../../subscriptions/subscription-service.js';
import type { ApiDeps, ApiEnv } from '../app.js';
import { auditContext } from '../audit-context.js';
import { allow, deliveryOwner, requireSubscriber } from '../auth.js';
import {
  commonErrors,
  DELIVERY_HISTORY,
  DeliveryViewSchema,
  IdParamSchema,
  json,
  PageQuerySchema,
  problemContent,
  SubscriptionViewSchema,
  security,
} from '../schemas.js';

const notFound = {
  404: { description: 'No such subscription for this subscriber', content: problemContent },
};

const create = createRoute({
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/subscriptions',
  summary: 'Create a subscription; the webhook secret is in this response only',
  security,
  request: {
    body: { required: true, content: json(SubscriptionInputSchema.clone().openapi('SubscriptionInput')) },
  },
  responses: {
    201: { description: 'Created', content: json(SubscriptionViewSchema) },
    409: {
      description: 'The subscriber already holds the most subscriptions allowed',
      content: problemContent,
    },
    ...commonErrors,
  },
});

const list = createRoute({
  middleware: [allow('subscriber')] as const,
  method: 'get',
  path: '/v1/subscriptions',
  summary: "The caller's subscriptions",
  security,
  responses: {
    200: {
      description: 'Subscriptions',
      content: json(z.object({ items: z.array(SubscriptionViewSchema) })),
    },
    ...commonErrors,
  },
});

const get = createRoute({
  middleware: [allow('subscriber')] as const,
  method: 'get',
  path: '/v1/subscriptions/{id}',
  summary: 'One subscription',
  security,
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'The subscription', content: json(SubscriptionViewSchema) },
    ...notFound,
    ...commonErrors,
  },
});

const patch = createRoute({
  middleware: [allow('subscriber')] as const,
  method: 'patch',
  path: '/v1/subscriptions/{id}',
  summary: 'Change name, filters, channels or status (active/paused); null removes a channel',
  security,
  request: {
    params: IdParamSchema,
    body: { required: true, content: json(SubscriptionPatchSchema.clone().openapi('SubscriptionPatch')) },
  },
  responses: {
    200: { description: 'The updated subscription', content: json(SubscriptionViewSchema) },
    409: { description: 'Changed concurrently; read and try again', content: problemContent },
    ...notFound,
    ...commonErrors,
  },
});

const remove = createRoute({
  middleware: [allow('subscriber')] as const,
  method: 'delete',
  path: '/v1/subscriptions/{id}',
  summary: 'Delete a subscription; pending deliveries end dead with the reason',
  security,
  request: { params: IdParamSchema },
  responses: { 204: { description: 'Deleted' }, ...notFound, ...commonErrors },
});

const deliveries = createRoute({
  middleware: [allow('subscriber', 'admin')] as const,
  method: 'get',
  path: '/v1/subscriptions/{id}/deliveries',
  summary: "A subscription's deliveries, newest first, with every attempt",
  description: DELIVERY_HISTORY,
  security,
  request: { params: IdParamSchema, query: PageQuerySchema },
  responses: {
    200: {
      description: 'Deliveries',
      content: json(z.object({ items: z.array(DeliveryViewSchema), nextCursor: z.string().optional() })),
    },
    ...notFound,
    ...commonErrors,
  },
});

/** Subscriptions: each subscriber sees and changes only its own; other ids answer 404. */
export function subscriptionRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
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
      { items: page.items.map(publicDelivery), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
      200,
    );
  });
}
