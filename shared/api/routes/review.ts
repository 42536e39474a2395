import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { NotFoundError } from '../../errors.js';
import { ReviewStatusSchema } from '../../model/policy-change.js';
import { approveReview, ReviewEditsSchema, rejectReview } from '../../review/review-queue.js';
import type { ApiDeps, ApiEnv } from '../app.js';
import { actorOf } from '../audit-context.js';
import { allow } from '../auth.js';
import { commonErrors, IdParamSchema, json, PageQuerySchema, problemContent, security } from '../schemas.js';
import { reviewDeps } from './policy-changes.js';

const ReviewItemSchema = z
  .object({
    id: z.string(),
    source: z.string(),
    sourceRef: z.string(),
    revision: z.number(),
    reviewStatus: ReviewStatusSchema,
    change: z.record(z.string(), z.unknown()),
    confidence: z.number().optional(),
    evidence: z.array(z.string()).optional(),
    queuedAt: z.string(),
    queuedBy: z.object({ keyId: z.string(), scope: z.string() }).passthrough(),
    decidedAt: z.string().optional(),
    decidedBy: z.object({ keyId: z.string(), scope: z.string() }).passthrough().optional(),
    reason: z.string().optional(),
    policyChangeId: z.string().optional(),
  })
  .openapi('ReviewItem');

const listReview = createRoute({
  middleware: [allow('admin')] as const,
  method: 'get',
  path: '/v1/admin/review',
  summary:
    'Imported changes waiting for review (or, with ?status=, the rejected and approved ones), oldest first',
  security,
  request: {
    query: PageQuerySchema.extend({
      status: ReviewStatusSchema.default('pending').openapi({ param: { name: 'status', in: 'query' } }),
    }),
  },
  responses: {
    200: {
      description: 'A page of review items',
      content: json(
        z
          .object({ items: z.array(ReviewItemSchema), nextCursor: z.string().optional() })
          .openapi('ReviewPage'),
      ),
    },
    ...commonErrors,
  },
});

const getReview = createRoute({
  middleware: [allow('admin')] as const,
  method: 'get',
  path: '/v1/admin/review/{id}',
  summary: 'One review item',
  security,
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'The item', content: json(ReviewItemSchema) },
    404: { description: 'No such item', content: problemContent },
    ...commonErrors,
  },
});

const approve = createRoute({
  middleware: [allow('admin')] as const,
  method: 'post',
  path: '/v1/admin/review/{id}/approve',
  summary: 'Publish a pending change, optionally with edits; it is matched and alerted as a direct ingest',
  security,
  request: {
    params: IdParamSchema,
    body: {
      required: false,
      content: json(z.strictObject({ edits: ReviewEditsSchema.optional() }).openapi('ReviewApproval')),
    },
  },
  responses: {
    200: {
      description: 'Published: the policy change id and the decided item',
      content: json(z.object({ policyChangeId: z.string(), revision: z.number(), item: ReviewItemSchema })),
    },
    404: { description: 'No such item', content: problemContent },
    409: { description: 'Already approved or rejected', content: problemContent },
    ...commonErrors,
  },
});

const reject = createRoute({
  middleware: [allow('admin')] as const,
  method: 'post',
  path: '/v1/admin/review/{id}/reject',
  summary: 'Reject a pending change with a reason; nothing is published',
  security,
  request: {
    params: IdParamSchema,
    body: {
      required: true,
      content: json(
        z.strictObject({ reason: z.string().trim().min(1).max(1000) }).openapi('ReviewRejection'),
      ),
    },
  },
  responses: {
    200: { description: 'Rejected', content: json(ReviewItemSchema) },
    404: { description: 'No such item', content: problemContent },
    409: { description: 'Already approved or rejected', content: problemContent },
    ...commonErrors,
  },
});

/** The review queue of imported changes: list, read, approve (with edits), reject; each decision audited. */
export function reviewRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(listReview, async (c) => {
    const { status, limit, cursor } = c.req.valid('query');
    return c.json(await deps.reviews.list(status, limit, cursor), 200);
  });

  app.openapi(getReview, async (c) => {
    const { id } = c.req.valid('param');
    const item = await deps.reviews.get(id);
    if (!item) throw new NotFoundError(`review item ${id}`);
    return c.json(item, 200);
  });

  app.openapi(approve, async (c) => {
    const { id } = c.req.valid('param');
    // The body is optional: an approval without edits may send none (the validator skips a
    // request without a JSON content type).
    const edits = c.req.valid('json')?.edits ?? {};
    const { item, change } = await approveReview(
      reviewDeps(deps),
      id,
      edits,
      actorOf(c.get('principal')),
      c.get('requestId'),
    );
    return c.json({ policyChangeId: change.id, revision: change.revision, item }, 200);
  });

  app.openapi(reject, async (c) => {
    const { id } = c.req.valid('param');
    const item = await rejectReview(
      reviewDeps(deps),
      id,
      c.req.valid('json').reason,
      actorOf(c.get('principal')),
      c.get('requestId'),
    );
    return c.json(item, 200);
  });
}
