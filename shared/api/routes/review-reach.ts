import { OpenAPIHono, z } from '@hono/zod-openapi';
import { type ReviewReachDeps, reviewReach } from '../../ingest/review-reach.js';
import { allow } from '../auth.js';
import { defineRoute } from '../openapi.js';
import { json, problemContent, security } from '../schemas.js';
import type { ApiEnv } from '../types.js';

const ReachSchema = z
  .object({
    matched: z
      .int()
      .openapi({ description: 'Active subscriptions whose filters match the change as proposed' }),
    alerts: z
      .int()
      .openapi({ description: 'Of those, how many would be sent an alert (their applicability setting)' }),
    scope: z.enum(['lanes', 'all-items', 'parties']).openapi({
      description: '`all-items` for `materials: ["*"]`, `parties` for a change naming entities, else `lanes`',
    }),
    itemsRead: z.int().openapi({ description: 'Subscription index items read for the estimate' }),
  })
  .openapi('ReviewReach');

const reach = defineRoute({
  operationId: 'adminGetReviewReach',
  tags: ['admin'],
  description:
    'How many subscriptions a pending change would reach if approved as proposed, found as the matcher finds them (the subscription index, ' +
    "then each candidate's filters and verdict): check a wildcard or a broad lane before approving. Nothing is written. Administrators only.",
  middleware: [allow('admin')] as const,
  method: 'get',
  path: '/v1/admin/review/{id}/reach',
  summary: 'How far a pending change would go',
  security,
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(100)
        .openapi({ param: { name: 'id', in: 'path' }, example: 'rv_0mihq3k5a3f9c2e1d4b7a6c5e8f01' }),
    }),
  },
  responses: {
    200: { description: 'The subscriptions it would reach', content: json(ReachSchema) },
    404: { description: 'No such review item', content: problemContent },
    409: { description: 'Already approved or rejected', content: problemContent },
  },
});

/** `GET /v1/admin/review/{id}/reach`: the reach of a change waiting for review. */
export function reviewReachRoutes(deps: ReviewReachDeps) {
  const app = new OpenAPIHono<ApiEnv>();
  app.openapi(reach, async (c) => c.json(await reviewReach(deps, c.req.valid('param').id), 200));
  return app;
}
