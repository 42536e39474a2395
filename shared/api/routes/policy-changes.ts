import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { newAuditRecord } from '../../audit/audit-record.js';
import { NotFoundError } from '../../errors.js';
import { PolicyChangeInputSchema } from '../../model/policy-change.js';
import { ingestPolicyChange } from '../../policy-changes/ingest.js';
import type { ApiDeps, ApiEnv } from '../app.js';
import { actorOf } from '../audit-context.js';
import { allow } from '../auth.js';
import { commonErrors, IdParamSchema, PolicyChangeViewSchema, problemContent } from '../schemas.js';

const IngestedSchema = z.object({ id: z.string(), revision: z.number() }).openapi('PolicyChangeAccepted');

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

export function policyChangeRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(postPolicyChange, async (c) => {
    const { change, created } = await ingestPolicyChange(
      {
        changes: deps.changes,
        catalogue: deps.catalogue,
        clock: deps.clock,
        ...(deps.onPolicyChangeStored ? { onStored: deps.onPolicyChangeStored } : {}),
      },
      c.req.valid('json'),
    );
    if (created) {
      // The revision is stored by its own transaction; its record follows it. Should that write
      // fail, the revision stands (a retry answers 200) and the log keeps the record instead.
      const record = newAuditRecord(
        {
          actor: actorOf(c.get('principal')),
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
          requestId: c.get('requestId'),
        },
        deps.clock(),
      );
      await deps.audit
        .append(record)
        .catch((error: unknown) =>
          deps.log({ level: 'error', message: 'audit record not written', record, error: String(error) }),
        );
    }
    c.header('location', `/v1/policy-changes/${change.id}`);
    return c.json({ id: change.id, revision: change.revision }, created ? 202 : 200);
  });

  app.openapi(getPolicyChange, async (c) => {
    const { id } = c.req.valid('param');
    const change = await deps.changes.getLatest(id);
    if (!change) throw new NotFoundError(`policy change ${id}`);
    return c.json(change, 200);
  });
}
