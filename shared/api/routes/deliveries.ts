import { OpenAPIHono } from '@hono/zod-openapi';
import { type ReplayDeps, retryDelivery } from '../../delivery/replay.js';
import { NotFoundError } from '../../kernel/errors.js';
import { publicDelivery } from '../../model/delivery.js';
import { allow, deliveryOwner } from '../auth.js';
import { defineRoute } from '../openapi.js';
import {
  DELIVERY_HISTORY,
  DeliveryViewSchema,
  IdParamSchema,
  json,
  problemContent,
  security,
} from '../schemas.js';
import type { ApiEnv } from '../types.js';

const notFound = {
  404: {
    description: 'No such delivery for this subscriber, or one past its retention',
    content: problemContent,
  },
};

const getDelivery = defineRoute({
  operationId: 'getDelivery',
  tags: ['deliveries'],
  description:
    'One delivery: its channel, status (`pending`, `delivered`, `failed` while retries remain, `dead` after the last), ' +
    'the next attempt if one is scheduled, and every attempt so far. Its subscriber, or an administrator. ' +
    DELIVERY_HISTORY,
  middleware: [allow('subscriber', 'admin')] as const,
  method: 'get',
  path: '/v1/deliveries/{id}',
  summary: 'One delivery with every attempt',
  security,
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'The delivery', content: json(DeliveryViewSchema) },
    ...notFound,
  },
});

const retry = defineRoute({
  operationId: 'retryDelivery',
  tags: ['deliveries'],
  description:
    'Sends the delivery again now, whatever its state, with the same `webhook-id` (receivers deduplicate on it); ' +
    'the retry schedule starts over. At most REPLAY_LIMIT (3) times per delivery and hour: more answers 429 with `Retry-After`. ' +
    `Its subscriber, or an administrator. ${DELIVERY_HISTORY} A replay starts a new retention period for the delivery.`,
  middleware: [allow('subscriber', 'admin')] as const,
  method: 'post',
  path: '/v1/deliveries/{id}/retry',
  summary: 'Send one delivery again now',
  security,
  request: { params: IdParamSchema },
  responses: {
    202: { description: 'Queued', content: json(DeliveryViewSchema) },
    429: {
      description:
        'This delivery was replayed as often as allowed this hour (REPLAY_LIMIT, 3), or the API key is over its rate; `Retry-After` says when to try again',
      headers: {
        'Retry-After': {
          description: 'Seconds until the next replay (or call) is allowed',
          schema: { type: 'integer' },
        },
      },
      content: problemContent,
    },
    ...notFound,
  },
});

export type DeliveryRouteDeps = ReplayDeps;

/** Deliveries by id: each subscriber sees and replays only its own. */
export function deliveryRoutes(deps: DeliveryRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi(getDelivery, async (c) => {
    const owner = deliveryOwner(c.get('principal'));
    const { id } = c.req.valid('param');
    const delivery = await deps.deliveries.getDelivery(id);
    if (!delivery || (owner !== undefined && delivery.subscriberId !== owner))
      throw new NotFoundError(`delivery ${id}`);
    // The body each attempt sent is the alert's payload, stored once.
    return c.json(publicDelivery(delivery, (await deps.deliveries.getAlert(delivery.alertId))?.payload), 200);
  });

  app.openapi(retry, async (c) => {
    const delivery = await retryDelivery(deps, c.req.valid('param').id, deliveryOwner(c.get('principal')));
    return c.json(publicDelivery(delivery), 202);
  });

  return app;
}
