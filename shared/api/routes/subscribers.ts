import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { NotFoundError } from '../../errors.js';
import type { ApiDeps, ApiEnv } from '../app.js';
import { allow } from '../auth.js';
import { ApiKeyCreatedSchema, commonErrors, SubscriberCreatedSchema } from '../schemas.js';

const SubscriberInputSchema = z
  .strictObject({ name: z.string().trim().min(1).max(200) })
  .openapi('SubscriberInput');

const ApiKeyInputSchema = z
  .strictObject({
    scope: z.enum(['ingest', 'subscriber']),
    subscriberId: z.string().min(1).max(100).optional(),
  })
  .refine((input) => (input.scope === 'subscriber') === (input.subscriberId !== undefined), {
    message: 'subscriber keys name their subscriberId; ingest keys have none',
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
  summary: 'Create an ingest key, or a second key for a subscriber (admin); returned once',
  security: [{ bearer: [] }],
  request: { body: { required: true, content: { 'application/json': { schema: ApiKeyInputSchema } } } },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: ApiKeyCreatedSchema } } },
    ...commonErrors,
  },
});

/** Subscribers and API keys: administrators only. */
export function subscriberRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(createSubscriber, async (c) => {
    const { name } = c.req.valid('json');
    const { subscriber, apiKey } = await deps.subscribers.createSubscriber(name, deps.clock());
    return c.json({ ...subscriber, apiKey }, 201);
  });

  app.openapi(createApiKey, async (c) => {
    const input = c.req.valid('json');
    if (input.subscriberId && !(await deps.subscribers.getSubscriber(input.subscriberId))) {
      throw new NotFoundError(`subscriber ${input.subscriberId}`);
    }
    const { key, record } = await deps.subscribers.createApiKey(
      input.scope,
      input.subscriberId,
      deps.clock(),
    );
    return c.json({ ...record, apiKey: key }, 201);
  });
}
