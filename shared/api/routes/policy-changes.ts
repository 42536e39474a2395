import { OpenAPIHono, z } from '@hono/zod-openapi';
import { auditIngested } from '../../ingest/ingest-audit.js';
import {
  type BatchItemOutcome,
  type BatchItemResult,
  BatchResponseSchema,
  ingestBatch,
  MAX_BATCH_ITEMS,
} from '../../ingest/ingest-batch.js';
import { type ReviewDeps, submitPolicyChange } from '../../ingest/review-queue.js';
import { NotFoundError } from '../../kernel/errors.js';
import type { Log } from '../../kernel/redaction.js';
import type { Catalogue } from '../../model/catalogue.js';
import { entityNameSchema } from '../../model/entity-name.js';
import { type PolicyChange, PolicyChangeInputSchema } from '../../model/policy-change.js';
import { rangeInOrder } from '../../model/time-range.js';
import { listHistory, regimeAt } from '../../policy/history.js';
import { matchingView, withMatching } from '../../policy/history-matching.js';
import { MAX_SCREENED_PARTIES } from '../../policy/party-screening.js';
import type { AuditStore } from '../../store/audit-store.js';
import type { PolicyChangeStore } from '../../store/policy-change-store.js';
import type { ReviewStore } from '../../store/review-store.js';
import { actorOf } from '../audit-context.js';
import { allow } from '../auth.js';
import { defineRoute } from '../openapi.js';
import { statusOf } from '../problem.js';
import {
  ChangeTypeSchema,
  IdParamSchema,
  json,
  PageQuerySchema,
  PolicyChangeViewSchema,
  problemContent,
  RegimeSchema,
  StatusSchema,
  security,
} from '../schemas.js';
import type { ApiEnv } from '../types.js';

const IngestedSchema = z
  .object({
    id: z.string().openapi({
      description: 'The change, the same for every revision',
      example: 'pc_3f9a0c2e5b7d4e1f8a6c9b0d2e4f6a8c',
    }),
    revision: z.number(),
    reviewStatus: z.enum(['published', 'pending', 'rejected']).optional(),
  })
  .openapi('PolicyChangeAccepted');

/** The input as the API description names it; review items carry the same shape. */
export const PolicyChangeInputDocSchema = PolicyChangeInputSchema.clone().openapi('PolicyChangeInput');

const postPolicyChange = defineRoute({
  operationId: 'ingestPolicyChange',
  tags: ['ingest'],
  description:
    'Stores a revision of a policy change and starts matching it against every subscription; alerts follow within moments. ' +
    '`source` + `sourceRef` identify the change: the same revision again answers 200 with the same id and sends nothing; a higher `revision` ' +
    'is an update (`policy_change.updated`). Material ids, names and region codes are checked against the catalogue. An ingest or admin key.',
  middleware: [allow('admin', 'ingest')] as const,
  method: 'post',
  path: '/v1/policy-changes',
  summary: 'Ingest a policy change',
  security,
  request: {
    body: {
      required: true,
      content: json(PolicyChangeInputDocSchema),
    },
  },
  responses: {
    202: {
      description: 'Stored; matching and delivery follow. `Location` names the change',
      content: json(IngestedSchema),
    },
    200: {
      description: 'This revision was already ingested; nothing new is sent',
      content: json(IngestedSchema),
    },
    409: {
      description: 'A stale revision, or the same revision with other content',
      content: problemContent,
    },
  },
});

const getPolicyChange = defineRoute({
  operationId: 'getPolicyChange',
  tags: ['ingest'],
  description:
    'The latest revision of a policy change with its lifecycle status and its matching status: `pending` while the matcher runs, then `completed` with how many subscriptions matched. Any key.',
  middleware: [allow('admin', 'ingest', 'subscriber')] as const,
  method: 'get',
  path: '/v1/policy-changes/{id}',
  summary: 'One policy change and its matching status',
  security,
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'The change', content: json(PolicyChangeViewSchema) },
    404: { description: 'No such change', content: problemContent },
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
}).superRefine(rangeInOrder('since', 'until'));

const listPolicyChanges = defineRoute({
  operationId: 'listPolicyChanges',
  tags: ['ingest', 'subscriber'],
  description:
    'The history of policy changes, newest first, narrowed by any of the filters (they combine). Changes awaiting review are not listed. ' +
    "Each carries the matcher's progress on its latest revision: `matching.status` (`pending` or `completed`), `matching.matched` (subscriptions matched) and `matching.alerts` (alerts sent). " +
    'Paged: pass `nextCursor` back as `cursor`. Any key.',
  middleware: [allow('admin', 'ingest', 'subscriber')] as const,
  method: 'get',
  path: '/v1/policy-changes',
  summary: 'Policy-change history',
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
  },
});

const listRevisions = defineRoute({
  operationId: 'listPolicyChangeRevisions',
  tags: ['ingest'],
  description: 'Every stored revision of one policy change, oldest first, as ingested. Any key.',
  middleware: [allow('admin', 'ingest', 'subscriber')] as const,
  method: 'get',
  path: '/v1/policy-changes/{id}/revisions',
  summary: 'Revisions of a policy change',
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
  },
});

/** A party named for screening: a name as a watchlist takes it. */
const PartyNameSchema = entityNameSchema(2);

const getRegime = defineRoute({
  operationId: 'getRegime',
  tags: ['ingest', 'subscriber'],
  description:
    'The policy changes in force at `at` (default now) on the lane from `origin` to `destination` for a material, matched with the same rules as subscriptions, ' +
    "with each one's status then. Rules naming parties (end-user and sanctions lists) are listed apart in `partyRules`; `party=` (repeatable) screens names against them. Any key.",
  middleware: [allow('admin', 'ingest', 'subscriber')] as const,
  method: 'get',
  path: '/v1/regime',
  summary: 'The regime in force on a lane',
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
      party: z
        .union([PartyNameSchema, z.array(PartyNameSchema).min(1).max(MAX_SCREENED_PARTIES)])
        .optional()
        .openapi(
          queryParam(
            'party',
            `A party to screen against the party rules (repeatable, at most ${MAX_SCREENED_PARTIES}); adds \`screening\``,
          ),
        ),
    }),
  },
  responses: {
    200: { description: 'What applies, and what is suspended then', content: json(RegimeSchema) },
  },
});

const postPolicyChangeBatch = defineRoute({
  operationId: 'ingestPolicyChangeBatch',
  tags: ['ingest'],
  description:
    `Ingests up to ${MAX_BATCH_ITEMS} policy changes in one request, in order, each exactly as \`POST /v1/policy-changes\` would ` +
    '(published, or queued for review with `reviewStatus: "pending"`). Each item is validated on its own: a bad item is an `error` result ' +
    'with its problem (field names start with `items.<index>`), never a failed batch, and the items before and after it are kept. ' +
    'An item already ingested is a `duplicate` and sends nothing, so a failed batch is simply sent again. An ingest or admin key.',
  middleware: [allow('admin', 'ingest')] as const,
  method: 'post',
  path: '/v1/policy-changes/batch',
  summary: 'Ingest a batch of policy changes',
  security,
  request: {
    body: {
      required: true,
      content: json(
        z
          .strictObject({
            // Validated one by one (an invalid item is a result, not a 422); the description names
            // their schema (shared/api/document-notes.ts).
            items: z.array(z.unknown()).min(1).max(MAX_BATCH_ITEMS),
          })
          .openapi('PolicyChangeBatch'),
      ),
    },
  },
  responses: {
    200: {
      description:
        'Every item was considered: `created`, `duplicate` (already ingested, nothing sent) or `error` with its problem, in the order sent',
      content: json(BatchResponseSchema.clone().openapi('PolicyChangeBatchResults')),
    },
  },
});

/** What ingestion and the review queue use: the routes that publish or queue changes. */
export interface IngestRouteDeps {
  changes: PolicyChangeStore;
  catalogue: () => Catalogue | Promise<Catalogue>;
  clock: () => Date;
  reviews: ReviewStore;
  audit: AuditStore;
  /** Runs after a new policy-change revision is stored (local mode: the in-process matcher). */
  onPolicyChangeStored?: (change: PolicyChange) => Promise<void> | void;
}

export interface PolicyChangeRouteDeps extends IngestRouteDeps {
  log: Log;
}

/** The review queue's dependencies, from the routes'. */
export function reviewDeps(deps: IngestRouteDeps): ReviewDeps {
  return {
    changes: deps.changes,
    catalogue: deps.catalogue,
    clock: deps.clock,
    reviews: deps.reviews,
    audit: deps.audit,
    ...(deps.onPolicyChangeStored ? { onStored: deps.onPolicyChangeStored } : {}),
  };
}

/** An item's outcome as the API answers it: a refusal as a problem with its HTTP status. */
function batchItemResult(outcome: BatchItemOutcome): BatchItemResult {
  if (outcome.status !== 'error') return outcome;
  const { kind, type, detail, errors } = outcome.problem;
  return {
    index: outcome.index,
    status: 'error',
    problem: { status: statusOf(kind), type, detail, ...(errors ? { errors } : {}) },
  };
}

export function policyChangeRoutes(deps: PolicyChangeRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();

  // Registered before the `{id}` routes so `batch` is never read as an id.
  app.openapi(postPolicyChangeBatch, async (c) => {
    const { items } = c.req.valid('json');
    const actor = actorOf(c.get('principal'));
    const outcomes = await ingestBatch(
      (input) => submitPolicyChange(reviewDeps(deps), input, actor, c.get('requestId')),
      items,
      (change) => auditIngested(deps, actor, change, c.get('requestId')),
    );
    return c.json({ results: outcomes.map(batchItemResult) }, 200);
  });

  app.openapi(postPolicyChange, async (c) => {
    const actor = actorOf(c.get('principal'));
    const submitted = await submitPolicyChange(
      reviewDeps(deps),
      c.req.valid('json'),
      actor,
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
    if (created) await auditIngested(deps, actor, change, c.get('requestId'));
    c.header('location', `/v1/policy-changes/${change.id}`);
    return c.json({ id: change.id, revision: change.revision }, created ? 202 : 200);
  });

  app.openapi(getPolicyChange, async (c) => {
    const { id } = c.req.valid('param');
    const change = await deps.changes.view(id);
    if (!change) throw new NotFoundError(`policy change ${id}`);
    return c.json({ ...change, matching: matchingView(change.matching) }, 200);
  });

  app.openapi(listRevisions, async (c) => {
    const { id } = c.req.valid('param');
    const items = await deps.changes.revisions(id);
    if (items.length === 0) throw new NotFoundError(`policy change ${id}`);
    return c.json({ items }, 200);
  });

  app.openapi(listPolicyChanges, async (c) => {
    const page = await listHistory(deps.changes, await deps.catalogue(), c.req.valid('query'));
    return c.json({ ...page, items: await withMatching(deps.changes, page.items) }, 200);
  });

  app.openapi(getRegime, async (c) => {
    const query = c.req.valid('query');
    const regime = await regimeAt(deps.changes, await deps.catalogue(), {
      material: query.material,
      ...(query.origin ? { origin: query.origin } : {}),
      ...(query.destination ? { destination: query.destination } : {}),
      at: query.at ? new Date(query.at) : deps.clock(),
      ...(query.party !== undefined ? { parties: [query.party].flat() } : {}),
    });
    return c.json(regime, 200);
  });

  return app;
}
