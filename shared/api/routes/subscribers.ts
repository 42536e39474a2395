import { OpenAPIHono, z } from '@hono/zod-openapi';
import { auditItem } from '../../operations/subscription-audit.js';
import type { SubscriberStore } from '../../store/subscriber-store.js';
import { createApiKey } from '../../subscriptions/subscriber-service.js';
import { auditContext, type RequestAuditDeps } from '../audit-context.js';
import { allow } from '../auth.js';
import { defineRoute } from '../openapi.js';
import { ApiKeyCreatedSchema, json, problemContent, SubscriberCreatedSchema, security } from '../schemas.js';
import type { ApiEnv } from '../types.js';

const SubscriberInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).openapi({ description: 'The organisation, for people' }),
  })
  .openapi('SubscriberInput', { example: { name: 'Magnetwerk GmbH' } });

const ApiKeyInputSchema = z
  .strictObject({
    scope: z.enum(['admin', 'ingest', 'subscriber']),
    subscriberId: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: 'Required for subscriber keys, absent for the others' }),
    name: z.string().trim().min(1).max(100).optional().openapi({ description: 'A label for people' }),
  })
  .refine((input) => (input.scope === 'subscriber') === (input.subscriberId !== undefined), {
    message: 'subscriber keys name their subscriberId; admin and ingest keys have none',
    path: ['subscriberId'],
  })
  .openapi('ApiKeyInput', { example: { scope: 'ingest', name: 'Federal Register importer' } });

const createSubscriber = defineRoute({
  operationId: 'createSubscriber',
  tags: ['admin'],
  description:
    'A subscriber is an organisation that holds subscriptions. Its first API key (scope `subscriber`) is in this response only; ' +
    'the service keeps its SHA-256 hash. Admin keys only.',
  middleware: [allow('admin')] as const,
  method: 'post',
  path: '/v1/subscribers',
  summary: 'Create a subscriber and its first key',
  security,
  request: { body: { required: true, content: json(SubscriberInputSchema) } },
  responses: {
    201: { description: 'Created', content: json(SubscriberCreatedSchema) },
  },
});

const createApiKeyRoute = defineRoute({
  operationId: 'createApiKey',
  tags: ['admin'],
  description:
    'An `admin` key, an `ingest` key (may only post policy changes), or a second `subscriber` key for a subscriber rotating its key ' +
    '(at most 2 active). The key is in this response only. Admin keys only.',
  middleware: [allow('admin')] as const,
  method: 'post',
  path: '/v1/api-keys',
  summary: 'Create an API key',
  security,
  request: { body: { required: true, content: json(ApiKeyInputSchema) } },
  responses: {
    201: { description: 'Created', content: json(ApiKeyCreatedSchema) },
    404: { description: 'No such subscriber', content: problemContent },
    409: { description: 'The subscriber already has 2 active keys', content: problemContent },
  },
});

export interface SubscriberRouteDeps extends RequestAuditDeps {
  subscribers: SubscriberStore;
}

/** Subscribers and API keys: administrators only. */
export function subscriberRoutes(deps: SubscriberRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();

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

  app.openapi(createApiKeyRoute, async (c) => {
    const context = auditContext(deps, c.get('principal'), c.get('requestId'));
    const { key, record } = await createApiKey(deps, c.req.valid('json'), context);
    return c.json({ ...record, apiKey: key }, 201);
  });

  return app;
}
