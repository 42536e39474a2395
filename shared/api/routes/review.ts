import { OpenAPIHono, z } from '@hono/zod-openapi';
import { approveReview, ReviewEditsSchema, rejectReview } from '../../ingest/review-queue.js';
import { NotFoundError } from '../../kernel/errors.js';
import { REVIEW_STATUSES } from '../../model/policy-change.js';
import { actorOf } from '../audit-context.js';
import { allow } from '../auth.js';
import { defineRoute } from '../openapi.js';
import { json, PageQuerySchema, problemContent, security } from '../schemas.js';
import type { ApiEnv } from '../types.js';
import { type IngestRouteDeps, PolicyChangeInputDocSchema, reviewDeps } from './policy-changes.js';

const ReviewIdParamSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({
      param: { name: 'id', in: 'path' },
      description: 'A review item (`rv_…`), as listed by `GET /v1/admin/review`',
      example: 'rv_0mihq3k5a3f9c2e1d4b7a6c5e8f01',
    }),
});

// Built here, with the zod that carries `.openapi` (a schema made before that extension lacks it).
const ReviewStatusSchema = z.enum(REVIEW_STATUSES);

const ActorSchema = z
  .object({ keyId: z.string(), scope: z.string() })
  .passthrough()
  .openapi('ReviewActor', { description: 'The key that queued or decided the item' });

const ReviewItemSchema = z
  .object({
    id: z
      .string()
      .openapi({ description: 'The review item; the change gets its own `pc_…` id when approved' }),
    source: z.string(),
    sourceRef: z.string(),
    revision: z.number(),
    reviewStatus: ReviewStatusSchema.openapi({
      description: '`pending` until an administrator approves (`published`) or rejects (`rejected`) it',
    }),
    change: PolicyChangeInputDocSchema,
    confidence: z
      .number()
      .optional()
      .openapi({ description: "The importer's confidence in its tagging, 0 to 1" }),
    evidence: z
      .array(z.string())
      .optional()
      .openapi({ description: 'What the importer matched, for the reviewer: terms, agencies, CFR parts' }),
    queuedAt: z.string(),
    queuedBy: ActorSchema,
    decidedAt: z.string().optional(),
    decidedBy: ActorSchema.optional(),
    reason: z.string().optional().openapi({ description: 'Why it was rejected' }),
    policyChangeId: z.string().optional().openapi({ description: 'The published change, once approved' }),
    edited: z.array(z.string()).optional().openapi({
      description: 'Fields the reviewer corrected on approval; `change` then shows the values as approved',
    }),
  })
  .openapi('ReviewItem');

const decided =
  'Already approved or rejected (`review-decided`); reading the item says how, when and by whom';

const listReview = defineRoute({
  operationId: 'adminListReviewItems',
  tags: ['admin'],
  description:
    'Imported changes an importer was unsure of (sent with `reviewStatus: "pending"`): stored, not matched, not alerted and not in the history ' +
    'until approved. Oldest first; `status` lists the approved (`published`) or `rejected` ones instead. Paged. Administrators only.',
  middleware: [allow('admin')] as const,
  method: 'get',
  path: '/v1/admin/review',
  summary: 'The review queue of imported changes',
  security,
  request: {
    query: PageQuerySchema.extend({
      status: ReviewStatusSchema.default('pending').openapi({
        param: { name: 'status', in: 'query' },
        description: 'Which items: `pending` (the queue), `published` (approved) or `rejected`',
      }),
    }),
  },
  responses: {
    200: {
      description: 'A page of review items; follow nextCursor for more',
      content: json(
        z
          .object({ items: z.array(ReviewItemSchema), nextCursor: z.string().optional() })
          .openapi('ReviewPage'),
      ),
    },
  },
});

const getReview = defineRoute({
  operationId: 'adminGetReviewItem',
  tags: ['admin'],
  description:
    'One review item: the change as imported, the importer’s confidence and evidence, and, once decided, who decided, when and how. Administrators only.',
  middleware: [allow('admin')] as const,
  method: 'get',
  path: '/v1/admin/review/{id}',
  summary: 'One review item',
  security,
  request: { params: ReviewIdParamSchema },
  responses: {
    200: { description: 'The item', content: json(ReviewItemSchema) },
    404: { description: 'No such review item', content: problemContent },
  },
});

const approve = defineRoute({
  operationId: 'adminApproveReviewItem',
  tags: ['admin'],
  description:
    'Publishes a pending change, with `edits` laid over it first (any policy-change field but `source`, `sourceRef` and `revision`): it is ' +
    'stored, matched and alerted exactly as `POST /v1/policy-changes` would, and audited. The body may be left out to approve unchanged. ' +
    'Edits that make the change invalid answer 422 naming `edits.<field>`. Administrators only.',
  middleware: [allow('admin')] as const,
  method: 'post',
  path: '/v1/admin/review/{id}/approve',
  summary: 'Approve and publish a queued change',
  security,
  request: {
    params: ReviewIdParamSchema,
    body: {
      required: false,
      content: json(z.strictObject({ edits: ReviewEditsSchema.optional() }).openapi('ReviewApproval')),
    },
  },
  responses: {
    200: {
      description: 'Published: the policy change id and revision, and the decided item',
      content: json(
        z
          .object({
            policyChangeId: z.string(),
            revision: z.number(),
            item: ReviewItemSchema,
          })
          .openapi('ReviewApproved'),
      ),
    },
    404: { description: 'No such review item', content: problemContent },
    409: {
      description: `${decided}; or this revision was meanwhile ingested directly with other content, or a higher one was (\`revision-content-mismatch\`, \`stale-revision\`)`,
      content: problemContent,
    },
  },
});

const reject = defineRoute({
  operationId: 'adminRejectReviewItem',
  tags: ['admin'],
  description:
    'Rejects a pending change with a reason (1-1000 characters); nothing is published and the same revision imported again stays rejected. ' +
    'Audited. Administrators only.',
  middleware: [allow('admin')] as const,
  method: 'post',
  path: '/v1/admin/review/{id}/reject',
  summary: 'Reject a queued change',
  security,
  request: {
    params: ReviewIdParamSchema,
    body: {
      required: true,
      content: json(
        z.strictObject({ reason: z.string().trim().min(1).max(1000) }).openapi('ReviewRejection'),
      ),
    },
  },
  responses: {
    200: { description: 'Rejected: the decided item', content: json(ReviewItemSchema) },
    404: { description: 'No such review item', content: problemContent },
    409: { description: decided, content: problemContent },
  },
});

export type ReviewRouteDeps = IngestRouteDeps;

/** The review queue of imported changes: list, read, approve (with edits), reject; each decision audited. */
export function reviewRoutes(deps: ReviewRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();

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

  return app;
}
