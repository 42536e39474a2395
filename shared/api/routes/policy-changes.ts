import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { newAuditRecord } from '../../audit/audit-record.js';
import { NotFoundError } from '../../errors.js';
import { type PolicyChange, PolicyChangeInputSchema } from '../../model/policy-change.js';
import { listHistory, regimeAt } from '../../policy-changes/history.js';
import { BatchResponseSchema, ingestBatch, MAX_BATCH_ITEMS } from '../../policy-changes/ingest-batch.js';
import { type ReviewDeps, submitPolicyChange } from '../../review/review-queue.js';
import type { ApiDeps, ApiEnv } from '../app.js';
import { actorOf } from '../audit-context.js';
import type { Principal } from '../auth.js';
import { allow } from '../auth.js';
import {
  ChangeTypeSchema,
  commonErrors,
  IdParamSchema,
  json,
  PageQuerySchema,
  PolicyChangeViewSchema,
  problemContent,
  RegimeSchema,
  StatusSchema,
  security,
} from '../schemas.js';

const IngestedSchema = z
  .object({
    id: z.string(),
    revision: z.number(),
    reviewStatus: z.enum(['published', 'pending', 'rejected']).optional(),
  })
  .openapi('PolicyChangeAccepted');

const postPolicyChange = createRoute({
  middleware: [allow('admin', 'ingest')] as const,
  method: 'post',
  path: '/v1/policy-changes',
  summary: 'Ingest a policy change (admin or ingest key); idempotent on source + sourceRef + revision',
  security: [{ bearer: [] }],
  request: {
    body: {
      required: true,
      content: {
        'application/json': { schema: PolicyChangeInputSchema.clone().openapi('PolicyChangeInput') },
      },
    },
  },
  responses: {
    202: {
      description: 'Stored; matching and delivery follow',
      content: { 'application/json': { schema: IngestedSchema } },
    },
    200: {
      description: 'This revision was already ingested; nothing new is sent',
      content: { 'application/json': { schema: IngestedSchema } },
    },
    409: {
      description: 'A stale revision, or the same revision with other content',
      content: problemContent,
    },
    ...commonErrors,
  },
});

const getPolicyChange = createRoute({
  middleware: [allow('admin', 'ingest', 'subscriber')] as const,
  method: 'get',
  path: '/v1/policy-changes/{id}',
  summary: 'The latest revision of a policy change and its matching status',
  security: [{ bearer: [] }],
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'The change', content: { 'application/json': { schema: PolicyChangeViewSchema } } },
    404: { description: 'No such change', content: problemContent },
    ...commonErrors,
  },
});

const queryParam = (name: string, description: string) => ({
  param: { name, in: 'query' as const },
  description,
});

const HistoryQuerySchema = PageQuerySchema.extend({
  material: z
    .string()
    .max(100)
    .optional()
    .openapi(queryParam('material', 'A material id, name or synonym; its relatives match too')),
  issuingRegion: z
    .string()
    .max(32)
    .optional()
    .openapi(queryParam('issuingRegion', 'Issued by this country or group')),
  originRegion: z
    .string()
    .max(32)
    .optional()
    .openapi(queryParam('originRegion', 'Covers goods from this country or group')),
  affectedRegion: z
    .string()
    .max(32)
    .optional()
    .openapi(queryParam('affectedRegion', 'Applies to this destination')),
  changeType: ChangeTypeSchema.optional().openapi(queryParam('changeType', 'Only this type of change')),
  status: StatusSchema.optional().openapi(queryParam('status', 'Only changes with this status now')),
  since: z.iso.date().optional().openapi(queryParam('since', 'Published on or after this day (YYYY-MM-DD)')),
  until: z.iso.date().optional().openapi(queryParam('until', 'Published on or before this day (YYYY-MM-DD)')),
  q: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi(queryParam('q', 'Text in the title, summary or sourceRef')),
});

const listPolicyChanges = createRoute({
  middleware: [allow('admin', 'ingest', 'subscriber')] as const,
  method: 'get',
  path: '/v1/policy-changes',
  summary: 'The history of policy changes, newest first, with filters',
  security,
  request: { query: HistoryQuerySchema },
  responses: {
    200: {
      description: 'A page of changes; follow nextCursor for more',
      content: json(
        z
          .object({ items: z.array(PolicyChangeViewSchema), nextCursor: z.string().optional() })
          .openapi('PolicyChangePage'),
      ),
    },
    ...commonErrors,
  },
});

const listRevisions = createRoute({
  middleware: [allow('admin', 'ingest', 'subscriber')] as const,
  method: 'get',
  path: '/v1/policy-changes/{id}/revisions',
  summary: 'Every revision of a policy change, oldest first',
  security,
  request: { params: IdParamSchema },
  responses: {
    200: {
      description: 'The revisions',
      content: json(
        z.object({ items: z.array(PolicyChangeViewSchema.partial()) }).openapi('PolicyChangeRevisions'),
      ),
    },
    404: { description: 'No such change', content: problemContent },
    ...commonErrors,
  },
});

const getRegime = createRoute({
  middleware: [allow('admin', 'ingest', 'subscriber')] as const,
  method: 'get',
  path: '/v1/regime',
  summary: 'The rules in force on a lane (material, origin, destination) at an instant',
  security,
  request: {
    query: z.object({
      material: z.string().min(1).max(100).openapi(queryParam('material', 'A material id, name or synonym')),
      origin: z.string().max(32).optional().openapi(queryParam('origin', 'Where the goods come from')),
      destination: z.string().max(32).optional().openapi(queryParam('destination', 'Where they go')),
      at: z.iso
        .datetime({ offset: true })
        .or(z.iso.date())
        .optional()
        .openapi(queryParam('at', 'The instant (default now)')),
    }),
  },
  responses: {
    200: { description: 'What applies, and what is suspended then', content: json(RegimeSchema) },
    ...commonErrors,
  },
});

const postPolicyChangeBatch = createRoute({
  middleware: [allow('admin', 'ingest')] as const,
  method: 'post',
  path: '/v1/policy-changes/batch',
  summary: `Ingest up to ${MAX_BATCH_ITEMS} policy changes; one result per item, each idempotent as a single ingest`,
  security,
  request: {
    body: {
      required: true,
      content: json(
        z
          .strictObject({ items: z.array(z.unknown()).min(1).max(MAX_BATCH_ITEMS) })
          .openapi('PolicyChangeBatch'),
      ),
    },
  },
  responses: {
    200: {
      description:
        'Every item was considered: `created`, `duplicate` (already ingested, nothing sent) or `error` with its problem',
      content: json(BatchResponseSchema.clone().openapi('PolicyChangeBatchResults')),
    },
    ...commonErrors,
  },
});

/** What ingestion and the review queue use, from the API's dependencies. */
export function reviewDeps(deps: ApiDeps): ReviewDeps {
  return {
    changes: deps.changes,
    catalogue: deps.catalogue,
    clock: deps.clock,
    reviews: deps.reviews,
    audit: deps.audit,
    ...(deps.onPolicyChangeStored ? { onStored: deps.onPolicyChangeStored } : {}),
  };
}

/**
 * The revision is stored by its own transaction; its record follows it. Should that write fail,
 * the revision stands (a retry answers 200) and the log keeps the record instead.
 */
async function auditIngested(deps: ApiDeps, principal: Principal, requestId: string, change: PolicyChange) {
  const record = newAuditRecord(
    {
      actor: actorOf(principal),
      action: 'policy-change.ingested',
      target: { type: 'policy-change', id: change.id },
      after: {
        id: change.id,
        revision: change.revision,
        source: change.source,
        sourceRef: change.sourceRef,
        title: change.title,
        severity: change.severity,
        materials: change.materials,
      },
      requestId,
    },
    deps.clock(),
  );
  await deps.audit
    .append(record)
    .catch((error: unknown) =>
      deps.log({ level: 'error', message: 'audit record not written', record, error: String(error) }),
    );
}

export function policyChangeRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  // Registered before the `{id}` routes so `batch` is never read as an id.
  app.openapi(postPolicyChangeBatch, async (c) => {
    const { items } = c.req.valid('json');
    const results = await ingestBatch(
      (input) => submitPolicyChange(reviewDeps(deps), input, actorOf(c.get('principal')), c.get('requestId')),
      items,
      (change) => auditIngested(deps, c.get('principal'), c.get('requestId'), change),
    );
    return c.json({ results }, 200);
  });

  app.openapi(postPolicyChange, async (c) => {
    const submitted = await submitPolicyChange(
      reviewDeps(deps),
      c.req.valid('json'),
      actorOf(c.get('principal')),
      c.get('requestId'),
    );
    if (submitted.kind === 'queued') {
      const { item } = submitted;
      c.header('location', `/v1/admin/review/${item.id}`);
      return c.json(
        { id: item.policyChangeId ?? item.id, revision: item.revision, reviewStatus: item.reviewStatus },
        submitted.created ? 202 : 200,
      );
    }
    const { change, created } = submitted;
    if (created) await auditIngested(deps, c.get('principal'), c.get('requestId'), change);
    c.header('location', `/v1/policy-changes/${change.id}`);
    return c.json({ id: change.id, revision: change.revision }, created ? 202 : 200);
  });

  app.openapi(getPolicyChange, async (c) => {
    const { id } = c.req.valid('param');
    const change = await deps.changes.view(id);
    if (!change) throw new NotFoundError(`policy change ${id}`);
    return c.json(change, 200);
  });

  app.openapi(listRevisions, async (c) => {
    const { id } = c.req.valid('param');
    const items = await deps.changes.revisions(id);
    if (items.length === 0) throw new NotFoundError(`policy change ${id}`);
    return c.json({ items }, 200);
  });

  app.openapi(listPolicyChanges, async (c) => {
    const page = await listHistory(deps.changes, await deps.catalogue(), c.req.valid('query'));
    return c.json(page, 200);
  });

  app.openapi(getRegime, async (c) => {
    const query = c.req.valid('query');
    const regime = await regimeAt(deps.changes, await deps.catalogue(), {
      material: query.material,
      ...(query.origin ? { origin: query.origin } : {}),
      ...(query.destination ? { destination: query.destination } : {}),
      at: query.at ? new Date(query.at) : deps.clock(),
    });
    return c.json(regime, 200);
  });
}
