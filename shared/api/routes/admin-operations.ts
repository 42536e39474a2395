import { OpenAPIHono, z } from '@hono/zod-openapi';
import { type ReplayDeps, retryDeadDeliveries } from '../../delivery/replay.js';
import { NotFoundError } from '../../kernel/errors.js';
import { publicDelivery } from '../../model/delivery.js';
import { ProfileSchema } from '../../model/profile.js';
import { auditItem } from '../../operations/subscription-audit.js';
import type { DefaultProfileDeps } from '../../subscriptions/profile-service.js';
import { deleteSubscriber, type SubscriberServiceDeps } from '../../subscriptions/subscriber-service.js';
import { auditContext, type RequestAuditDeps } from '../audit-context.js';
import { allow } from '../auth.js';
import { defineRoute } from '../openapi.js';
import {
  DeliveryViewSchema,
  IdParamSchema,
  json,
  PageQuerySchema,
  problemContent,
  security,
} from '../schemas.js';
import type { ApiEnv } from '../types.js';
import { SubscriberViewSchema, setSubscriberProfile } from './subscriber-profile.js';

export type AdminOperationRouteDeps = SubscriberServiceDeps &
  DefaultProfileDeps &
  RequestAuditDeps &
  Pick<ReplayDeps, 'deliveries' | 'queue' | 'clock'>;

const SubscriberRenameSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    defaultProfile: ProfileSchema.nullable()
      .optional()
      .openapi({ description: 'The profile of its subscriptions that have none; `null` removes it' }),
  })
  .refine((patch) => patch.name !== undefined || patch.defaultProfile !== undefined, {
    message: 'name the name, the defaultProfile or both',
  })
  .openapi('SubscriberRename');

const listSubscribers = defineRoute({
  operationId: 'adminListSubscribers',
  tags: ['admin'],
  description:
    'Every subscriber (id, name, creation time), oldest first, paged with `limit` and `cursor`. Administrators only.',
  middleware: [allow('admin')] as const,
  method: 'get',
  path: '/v1/admin/subscribers',
  summary: 'Every subscriber, oldest first',
  security,
  request: { query: PageQuerySchema },
  responses: {
    200: {
      description: 'Subscribers',
      content: json(
        z
          .object({ items: z.array(SubscriberViewSchema), nextCursor: z.string().optional() })
          .openapi('SubscriberPage'),
      ),
    },
  },
});

const renameSubscriber = defineRoute({
  operationId: 'adminRenameSubscriber',
  tags: ['admin'],
  description:
    "Changes a subscriber's name (1-200 characters, trimmed) or its default profile (`null` removes it; its subscriptions " +
    'without a profile of their own are judged on it from the next alert); each change is audited. Administrators only.',
  middleware: [allow('admin')] as const,
  method: 'patch',
  path: '/v1/admin/subscribers/{id}',
  summary: 'Rename a subscriber or set its default profile',
  security,
  request: {
    params: IdParamSchema,
    body: {
      required: true,
      content: json(SubscriberRenameSchema),
    },
  },
  responses: {
    200: { description: 'The renamed subscriber', content: json(SubscriberViewSchema) },
    404: { description: 'No such subscriber', content: problemContent },
  },
});

const deleteSubscriberRoute = defineRoute({
  operationId: 'adminDeleteSubscriber',
  tags: ['admin'],
  description:
    'Deletes a subscriber with everything it owns: its subscriptions (and their e-mail topics) and its API keys. ' +
    'Its unfinished (`pending` or `failed`) deliveries are marked `dead` with the reason `subscriber deleted`; ' +
    'the answer counts what was removed. Audited. Administrators only.',
  middleware: [allow('admin')] as const,
  method: 'delete',
  path: '/v1/admin/subscribers/{id}',
  summary: 'Delete a subscriber with everything it owns',
  security,
  request: { params: IdParamSchema },
  responses: {
    200: {
      description: 'What was removed',
      content: json(
        z
          .object({
            id: z.string(),
            subscriptionsDeleted: z.number(),
            keysDeleted: z.number(),
            deliveriesMarkedDead: z.number(),
          })
          .openapi('SubscriberDeleted'),
      ),
    },
    404: { description: 'No such subscriber', content: problemContent },
  },
});

const listDead = defineRoute({
  operationId: 'adminListDeadDeliveries',
  tags: ['admin', 'deliveries'],
  description:
    'Deliveries that gave up (`dead`) across every subscriber, most recently dead first, each with its subscriber and ' +
    'the reason in its last attempt; paged with `limit` and `cursor`. Administrators only.',
  middleware: [allow('admin')] as const,
  method: 'get',
  path: '/v1/admin/deliveries/dead',
  summary: 'Dead deliveries across all subscribers',
  security,
  request: { query: PageQuerySchema },
  responses: {
    200: {
      description: 'Dead deliveries, each with its subscriber and reason',
      content: json(
        z
          .object({
            items: z.array(DeliveryViewSchema.extend({ subscriberId: z.string() })),
            nextCursor: z.string().optional(),
          })
          .openapi('DeadDeliveryPage'),
      ),
    },
  },
});

const RetryInputSchema = z
  .strictObject({ deliveryIds: z.array(z.string().min(1).max(200)).min(1).max(100) })
  .openapi('DeadDeliveryRetry');

const retryDead = defineRoute({
  operationId: 'adminRetryDeadDeliveries',
  tags: ['admin', 'deliveries'],
  description:
    'Queues up to 100 dead deliveries again (repeated ids count once), each with a fresh retry budget and its same `webhook-id`. ' +
    'Ids that are unknown or not `dead` are skipped and listed with the reason. Administrators only.',
  middleware: [allow('admin')] as const,
  method: 'post',
  path: '/v1/admin/deliveries/dead/retry',
  summary: 'Retry dead deliveries in bulk',
  security,
  request: { body: { required: true, content: json(RetryInputSchema) } },
  responses: {
    202: {
      description: 'Which were queued again, and which were skipped and why',
      content: json(
        z
          .object({
            retried: z.array(z.string()),
            skipped: z.array(z.object({ deliveryId: z.string(), reason: z.string() })),
          })
          .openapi('DeadDeliveryRetried'),
      ),
    },
  },
});

/** Operators' tools: subscribers (list, rename, delete with what they own) and dead deliveries. */
export function adminOperationRoutes(deps: AdminOperationRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi(listSubscribers, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const page = await deps.subscribers.listSubscribers({ limit, ...(cursor ? { cursor } : {}) });
    return c.json({ items: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) }, 200);
  });

  app.openapi(renameSubscriber, async (c) => {
    const { id } = c.req.valid('param');
    const context = auditContext(deps, c.get('principal'), c.get('requestId'));
    const { name, defaultProfile } = c.req.valid('json');
    if (name !== undefined) {
      await deps.subscribers.renameSubscriber(id, name, (before, after) =>
        auditItem(context, {
          action: 'subscriber.renamed',
          target: { type: 'subscriber', id },
          subscriberId: id,
          before,
          after,
        }),
      );
    }
    if (defaultProfile !== undefined) await setSubscriberProfile(deps, context, id, defaultProfile);
    const subscriber = await deps.subscribers.getSubscriber(id);
    if (!subscriber) throw new NotFoundError(`subscriber ${id}`);
    return c.json(subscriber, 200);
  });

  app.openapi(deleteSubscriberRoute, async (c) => {
    const { id } = c.req.valid('param');
    const context = auditContext(deps, c.get('principal'), c.get('requestId'));
    const deleted = await deleteSubscriber(deps, id, context);
    return c.json({ id, ...deleted }, 200);
  });

  app.openapi(listDead, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const page = await deps.deliveries.listDead({ limit, ...(cursor ? { cursor } : {}) });
    return c.json(
      {
        items: page.items.map((delivery) => ({
          ...publicDelivery(delivery),
          subscriberId: delivery.subscriberId,
        })),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      },
      200,
    );
  });

  app.openapi(retryDead, async (c) => {
    const { retried, skipped } = await retryDeadDeliveries(deps, c.req.valid('json').deliveryIds);
    return c.json({ retried: retried.map((delivery) => delivery.id), skipped }, 202);
  });

  return app;
}
