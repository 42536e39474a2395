import { OpenAPIHono, z } from '@hono/zod-openapi';
import { ConflictError } from '../../kernel/errors.js';
import { type AuditContext, auditItem } from '../../operations/subscription-audit.js';
import type { ApiKeyRecord, SubscriberStore } from '../../store/subscriber-store.js';
import { keyCreatedAudit } from '../../subscriptions/subscriber-service.js';
import { auditContext, type RequestAuditDeps } from '../audit-context.js';
import { allow, BOOTSTRAP_ADMIN_KEY_ID, requireSubscriber } from '../auth.js';
import { defineRoute } from '../openapi.js';
import {
  ApiKeyCreatedSchema,
  ApiKeyViewSchema,
  json,
  KeyIdParamSchema,
  PageQuerySchema,
  problemContent,
  security,
} from '../schemas.js';
import type { ApiEnv } from '../types.js';

const notFound = { 404: { description: 'No such key (for this caller)', content: problemContent } };
const KeyListSchema = z
  .object({ items: z.array(ApiKeyViewSchema), nextCursor: z.string().optional() })
  .openapi('ApiKeyPage');

const listKeys = defineRoute({
  operationId: 'listApiKeys',
  tags: ['admin'],
  description:
    "Every API key, or one subscriber's (`subscriberId`), with scope, name and status; never the key or its hash. Paged. Admin keys only.",
  middleware: [allow('admin')] as const,
  method: 'get',
  path: '/v1/api-keys',
  summary: 'List API keys',
  security,
  request: {
    query: PageQuerySchema.extend({
      subscriberId: z
        .string()
        .min(1)
        .max(100)
        .optional()
        .openapi({ param: { name: 'subscriberId', in: 'query' } }),
    }),
  },
  responses: { 200: { description: 'Keys', content: json(KeyListSchema) } },
});

const revokeKey = defineRoute({
  operationId: 'revokeApiKey',
  tags: ['admin'],
  description:
    'Revokes any key: it answers 401 from the next request on. Revoking a revoked key changes nothing. Admin keys only.',
  middleware: [allow('admin')] as const,
  method: 'delete',
  path: '/v1/api-keys/{keyId}',
  summary: 'Revoke an API key',
  security,
  request: { params: KeyIdParamSchema },
  responses: {
    200: { description: 'The revoked key', content: json(ApiKeyViewSchema) },
    409: {
      description: 'The bootstrap admin key is configuration, not a stored key',
      content: problemContent,
    },
    ...notFound,
  },
});

const listOwnKeys = defineRoute({
  operationId: 'listOwnApiKeys',
  tags: ['subscriber'],
  description: "The calling subscriber's keys, active and revoked, without the keys or their hashes.",
  middleware: [allow('subscriber')] as const,
  method: 'get',
  path: '/v1/me/api-keys',
  summary: 'List my API keys',
  security,
  responses: { 200: { description: 'Keys', content: json(KeyListSchema) } },
});

const OwnKeyInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional().openapi({ description: 'A label for people' }),
  })
  .openapi('OwnApiKeyInput', { example: { name: 'rotation 2026-01' } });

const createOwnKey = defineRoute({
  operationId: 'createOwnApiKey',
  tags: ['subscriber'],
  description:
    'A second key, to rotate without downtime: create it, move your systems to it, revoke the old one. At most 2 active. The key is in this response only.',
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/me/api-keys',
  summary: 'Create a second API key',
  security,
  request: { body: { required: false, content: json(OwnKeyInputSchema) } },
  responses: {
    201: { description: 'Created', content: json(ApiKeyCreatedSchema) },
    409: { description: 'Already 2 active keys: revoke one first', content: problemContent },
  },
});

const revokeOwnKey = defineRoute({
  operationId: 'revokeOwnApiKey',
  tags: ['subscriber'],
  description: "Revokes one of the caller's keys; never its last active one, so it cannot lock itself out.",
  middleware: [allow('subscriber')] as const,
  method: 'delete',
  path: '/v1/me/api-keys/{keyId}',
  summary: 'Revoke one of my API keys',
  security,
  request: { params: KeyIdParamSchema },
  responses: {
    200: { description: 'The revoked key', content: json(ApiKeyViewSchema) },
    409: { description: 'This is the last active key', content: problemContent },
    ...notFound,
  },
});

/** A key as the API shows it: the record with its status; the key and its hash are never stored in it. */
export function apiKeyView(record: ApiKeyRecord) {
  return { ...record, status: record.revokedAt ? ('revoked' as const) : ('active' as const) };
}

function revocationAudit(context: AuditContext) {
  return (before: ApiKeyRecord, after: ApiKeyRecord) =>
    auditItem(context, {
      action: 'api-key.revoked',
      target: { type: 'api-key', id: after.keyId },
      ...(after.subscriberId ? { subscriberId: after.subscriberId } : {}),
      before,
      after,
    });
}

export interface ApiKeyRouteDeps extends RequestAuditDeps {
  subscribers: SubscriberStore;
}

/**
 * API keys: administrators list and revoke any key; a subscriber lists its own, creates its second
 * one for a rotation and revokes its own (never its last active one, so it cannot lock itself out).
 */
export function apiKeyRoutes(deps: ApiKeyRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi(listKeys, async (c) => {
    const { subscriberId, limit, cursor } = c.req.valid('query');
    const page = await deps.subscribers.listApiKeys({
      limit,
      ...(subscriberId ? { subscriberId } : {}),
      ...(cursor ? { cursor } : {}),
    });
    return c.json(
      { items: page.items.map(apiKeyView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
      200,
    );
  });

  app.openapi(revokeKey, async (c) => {
    const { keyId } = c.req.valid('param');
    if (keyId === BOOTSTRAP_ADMIN_KEY_ID) {
      throw new ConflictError(
        'bootstrap-key',
        'the bootstrap admin key is configuration (ADMIN_API_KEY or its secret): change it there',
      );
    }
    const context = auditContext(deps, c.get('principal'), c.get('requestId'));
    const { record } = await deps.subscribers.revokeApiKey(keyId, deps.clock(), {
      audit: revocationAudit(context),
    });
    return c.json(apiKeyView(record), 200);
  });

  app.openapi(listOwnKeys, async (c) => {
    const subscriberId = requireSubscriber(c.get('principal'));
    // A subscriber holds a handful of keys (2 active, the revoked ones): one page holds them all.
    const page = await deps.subscribers.listApiKeys({ subscriberId, limit: 100 });
    return c.json({ items: page.items.map(apiKeyView) }, 200);
  });

  app.openapi(createOwnKey, async (c) => {
    const subscriberId = requireSubscriber(c.get('principal'));
    const name = c.req.valid('json')?.name;
    const context = auditContext(deps, c.get('principal'), c.get('requestId'));
    const { key, record } = await deps.subscribers.createApiKey('subscriber', subscriberId, deps.clock(), {
      ...(name ? { name } : {}),
      audit: keyCreatedAudit(context),
    });
    return c.json({ ...record, apiKey: key }, 201);
  });

  app.openapi(revokeOwnKey, async (c) => {
    const subscriberId = requireSubscriber(c.get('principal'));
    const context = auditContext(deps, c.get('principal'), c.get('requestId'));
    const { record } = await deps.subscribers.revokeApiKey(c.req.valid('param').keyId, deps.clock(), {
      subscriberId,
      keepOne: true,
      audit: revocationAudit(context),
    });
    return c.json(apiKeyView(record), 200);
  });

  return app;
}
