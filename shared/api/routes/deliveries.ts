import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { retryDelivery } from '../../delivery/replay.js';
import { NotFoundError } from '../../errors.js';
import { publicDelivery } from '../../model/delivery.js';
import type { ApiDeps, ApiEnv } from '../app.js';
import { allow, deliveryOwner } from '../auth.js';
import {
  commonErrors,
  DELIVERY_HISTORY,
  DeliveryViewSchema,
  IdParamSchema,
  problemContent,
} from '../schemas.js';

const notFound = { 404: { description: 'No such delivery for this subscriber', content: problemContent } };

const getDelivery = createRoute({
  middleware: [allow('subscriber', 'admin')] as const,
  method: 'get',
  path: '/v1/deliveries/{id}',
  summary: 'One delivery with every attempt (its subscriber, or an admin)',
  description: DELIVERY_HISTORY,
  security: [{ bearer: [] }],
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'The delivery', content: { 'application/json': { schema: DeliveryViewSchema } } },
    ...notFound,
    ...commonErrors,
  },
});

const retry = createRoute({
  middleware: [allow('subscriber', 'admin')] as const,
  method: 'post',
  path: '/v1/deliveries/{id}/retry',
  summary:
    'Send a delivery again now (same webhook-id), whatever its state; the retry schedule restarts. At most REPLAY_LIMIT (3) times per delivery and hour',
  description: `${DELIVERY_HISTORY} A replay starts a new retention period for the delivery.`,
  security: [{ bearer: [] }],
  request: { params: IdParamSchema },
  responses: {
    202: { description: 'Queued', content: { 'application/json': { schema: DeliveryViewSchema } } },
    429: {
      description: 'Replayed as often as allowed this hour; `Retry-After` says when the next is allowed',
      headers: {
        'retry-after': {
          description: 'Seconds until the next replay is allowed',
          schema: { type: 'integer' },
        },
      },
      content: problemContent,
    },
    ...notFound,
    ...commonErrors,
  },
});

/** Deliveries by id: each subscriber sees and replays only its own. */
export function deliveryRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(getDelivery, async (c) => {
    const owner = deliveryOwner(c.get('principal'));
    const { id } = c.req.valid('param');
    const delivery = await deps.deliveries.getDelivery(id);
    if (!delivery || (owner !== undefined && delivery.subscriberId !== owner))
      throw new NotFoundError(`delivery ${id}`);
    return c.json(publicDelivery(delivery), 200);
  });

  app.openapi(retry, async (c) => {
    const delivery = await retryDelivery(deps, c.req.valid('param').id, deliveryOwner(c.get('principal')));
    return c.json(publicDelivery(delivery), 202);
  });
}
