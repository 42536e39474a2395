import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { NotFoundError } from '../../errors.js';
import type { ApiDeps, ApiEnv } from '../app.js';
import { auditContext, auditItem } from '../audit-context.js';
import { allow } from '../auth.js';
import { ApiKeyCreatedSchema, commonErrors, problemContent, SubscriberCreatedSchema } from '../schemas.js';

const SubscriberInputSchema = z
  .strictObject({ name: z.string().trim().min(1).max(200) })
  .openapi('SubscriberInput');

const ApiKeyInputSchema = z
  .strictObject({
    scope: z.enum(['admin', 'ingest', 'subscriber']),
    subscriberId: z.string().min(1).max(100).optional(),
    name: z.string().trim().min(1).max(100).optional().openapi({ description: 'A label for people' }),
  })
  .refine((input) => (input.scope === 'subscriber') === (input.subscriberId !== undefined), {
    message: 'subscriber keys name their subscriberId; admin and ingest keys have none',
    path: ['subscriberId'],
  })
  .openapi('ApiKeyInput');

const createSubscriber = createRoute({
  middleware: [allow('admin')] as const,
  method: 'post',
  path: '/v1/subscribers',
  summary: 'Create a subscriber (admin); its first API key is returned once',
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: SubscriberInputSchema } } } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: SubscriberCreatedSchema } } },
    ...commonErrors,
  },
});

const createApiKey = createRoute({
  middleware: [allow('admin')] as const,
  method: 'post',
  path: '/v1/api-keys',
  summary:
    'Create an admin or ingest key, or a second key for a subscriber (at most 2 active); returned once',
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: ApiKeyInputSchema } } } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: ApiKeyCreatedSchema } } },
    404: { description: 'No such subscriber', content: problemContent },
    409: { description: 'The subscriber already has 2 active keys', content: problemContent },
    ...commonErrors,
  },
});

/** Subscribers and API keys: administrators only. */
export function subscriberRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(createSubscriber, async (c) => {
    const { name } = c.req.valid('json');
    const context = auditContext(deps, c.get('principal'), c.get('requestId'));
    const { subscriber, apiKey, key } = await deps.subscribers.createSubscriber(
      name,
      deps.clock(),
      (created) =>
        auditItem(context, {
          action: 'subscriber.created',
          target: { type: 'subscriber', id: created.subscriber.id },
          subscriberId: created.subscriber.id,
          after: { ...created.subscriber, firstKey: created.key },
        }),
    );
    return c.json({ ...subscriber, keyId: key.keyId, apiKey }, 201);
  });

  app.openapi(createApiKey, async (c) => {
    const input = c.req.valid('json');
    if (input.subscriberId && !(await deps.subscribers.getSubscriber(input.subscriberId))) {
      throw new NotFoundError(`subscriber ${input.subscriberId}`);
    }
    const context = auditContext(deps, c.get('principal'), c.get('requestId'));
    const { key, record } = await deps.subscribers.createApiKey(
      input.scope,
      input.subscriberId,
      deps.clock(),
      {
        ...(input.name ? { name: input.name } : {}),
        audit: (created) =>
          auditItem(context, {
            action: 'api-key.created',
            target: { type: 'api-key', id: created.keyId },
            ...(created.subscriberId ? { subscriberId: created.subscriberId } : {}),
            after: created,
          }),
      },
    );
    return c.json({ ...record, apiKey: key }, 201);
  });
}
