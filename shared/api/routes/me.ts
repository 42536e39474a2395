import { OpenAPIHono, z } from '@hono/zod-openapi';
import { type AuthDeps, authenticate } from '../auth.js';
import { defineRoute } from '../openapi.js';
import { json, security } from '../schemas.js';
import type { ApiEnv } from '../types.js';

const CallerSchema = z
  .object({
    keyId: z
      .string()
      .openapi({ description: 'The calling key (`bootstrap-admin` for the configured admin key)' }),
    scope: z.enum(['admin', 'ingest', 'subscriber']),
    subscriberId: z.string().optional().openapi({ description: 'For subscriber keys: whose key it is' }),
  })
  .openapi('Caller');

const whoAmI = defineRoute({
  operationId: 'getCaller',
  tags: ['subscriber', 'admin'],
  summary: 'Who the calling key is',
  description:
    'The key id, its scope and, for a subscriber key, its subscriber: what a client needs to know which actions it may offer. Any key.',
  method: 'get',
  path: '/v1/me',
  security,
  responses: { 200: { description: 'The caller', content: json(CallerSchema) } },
});

export type MeRouteDeps = AuthDeps;

/** The caller as the API sees it. */
export function meRoutes(deps: MeRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi({ ...whoAmI, middleware: [authenticate(deps)] }, (c) => {
    const { keyId, scope, subscriberId } = c.get('principal');
    return c.json({ keyId, scope, ...(subscriberId ? { subscriberId } : {}) }, 200);
  });

  return app;
}
