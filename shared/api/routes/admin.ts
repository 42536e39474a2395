import { OpenAPIHono, z } from '@hono/zod-openapi';
import { NotFoundError, ValidationError } from '../../kernel/errors.js';
import { AUDIT_TARGET_TYPES, type AuditTarget, type AuditTargetType } from '../../model/audit-record.js';
import { MaterialIdSchema } from '../../model/policy-change.js';
import { ProfileSchema } from '../../model/profile.js';
import {
  publicSubscription,
  type Subscription,
  SubscriptionFiltersSchema,
} from '../../model/subscription.js';
import { rangeInOrder } from '../../model/time-range.js';
import { subscriptionAudit, subscriptionUpdateAction } from '../../operations/subscription-audit.js';
import type { SubscriptionDirectory } from '../../store/subscription-directory.js';
import {
  type SubscriptionServiceDeps,
  setSubscriptionStatus,
  updateSubscription,
} from '../../subscriptions/subscription-service.js';
import { auditContext, type RequestAuditDeps } from '../audit-context.js';
import { allow } from '../auth.js';
import { defineRoute } from '../openapi.js';
import {
  AuditRecordViewSchema,
  IdParamSchema,
  json,
  PageQuerySchema,
  problemContent,
  SubscriptionViewSchema,
  security,
} from '../schemas.js';
import type { ApiEnv } from '../types.js';

const notFound = { 404: { description: 'No such subscription', content: problemContent } };
const conflict = { 409: { description: 'Changed concurrently; read it again', content: problemContent } };

const SubscriptionListQuerySchema = PageQuerySchema.extend({
  subscriberId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ param: { name: 'subscriberId', in: 'query' } }),
  material: z
    .union([z.literal('*'), MaterialIdSchema])
    .optional()
    .openapi({ param: { name: 'material', in: 'query', description: 'A filter material id, or *' } }),
});

const listSubscriptions = defineRoute({
  operationId: 'adminListSubscriptions',
  tags: ['admin'],
  description:
    "Give exactly one of `subscriberId` (that subscriber's subscriptions) or `material` (those whose filters name it, `*` included). Paged; never secrets.",
  middleware: [allow('admin')] as const,
  method: 'get',
  path: '/v1/admin/subscriptions',
  summary: 'Subscriptions by subscriber or by material',
  security,
  request: { query: SubscriptionListQuerySchema },
  responses: {
    200: {
      description: 'Subscriptions, without secrets',
      content: json(
        z
          .object({ items: z.array(SubscriptionViewSchema), nextCursor: z.string().optional() })
          .openapi('SubscriptionPage'),
      ),
    },
  },
});

const getSubscription = defineRoute({
  operationId: 'adminGetSubscription',
  tags: ['admin'],
  description: 'Any subscription, whoever holds it, without its webhook secret.',
  middleware: [allow('admin')] as const,
  method: 'get',
  path: '/v1/admin/subscriptions/{id}',
  summary: 'Any subscription',
  security,
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'The subscription', content: json(SubscriptionViewSchema) },
    ...notFound,
  },
});

const AdminPatchSchema = z
  .strictObject({
    filters: SubscriptionFiltersSchema.optional(),
    status: z.enum(['active', 'paused']).optional(),
    profile: ProfileSchema.nullable().optional(),
  })
  .refine(
    (patch) => patch.filters !== undefined || patch.status !== undefined || patch.profile !== undefined,
    {
      message: 'name filters, status or profile to change',
    },
  );

const patchSubscription = defineRoute({
  operationId: 'adminUpdateSubscription',
  tags: ['admin'],
  description:
    "Replace the filters, set the status (`active`, `paused`) or the profile (`null` removes it) of any subscription; the change is on the audit trail with the admin's key id. " +
    "Channels and secrets stay the subscriber's own.",
  middleware: [allow('admin')] as const,
  method: 'patch',
  path: '/v1/admin/subscriptions/{id}',
  summary: "Change any subscription's filters or status",
  security,
  request: {
    params: IdParamSchema,
    body: { required: true, content: json(AdminPatchSchema.openapi('AdminSubscriptionPatch')) },
  },
  responses: {
    200: { description: 'The updated subscription', content: json(SubscriptionViewSchema) },
    ...notFound,
    ...conflict,
  },
});

const statusRoute = (action: 'pause' | 'resume') =>
  defineRoute({
    operationId: action === 'pause' ? 'adminPauseSubscription' : 'adminResumeSubscription',
    tags: ['admin'],
    description:
      action === 'pause'
        ? 'A paused subscription holds its deliveries until it is resumed. Pausing a paused one changes nothing.'
        : 'Deliveries held while it was paused go out. Resuming an active one changes nothing.',
    middleware: [allow('admin')] as const,
    method: 'post',
    path: `/v1/admin/subscriptions/{id}/${action}`,
    summary: `${action === 'pause' ? 'Pause' : 'Resume'} any subscription`,
    security,
    request: { params: IdParamSchema },
    responses: {
      200: { description: 'The subscription', content: json(SubscriptionViewSchema) },
      ...notFound,
      ...conflict,
    },
  });

const AuditQuerySchema = PageQuerySchema.extend({
  actor: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ param: { name: 'actor', in: 'query', description: 'A key id, bootstrap-admin or system' } }),
  target: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({
      param: {
        name: 'target',
        in: 'query',
        description: 'type:id (subscription:sub_…, material:dysprosium, region-group:EU) or a prefixed id',
      },
    }),
  action: z
    .string()
    .regex(
      /^[a-z-]+(\.[a-z-]+|\.\*)$/,
      'an action such as subscription.updated, or a family such as subscription.*',
    )
    .optional()
    .openapi({ param: { name: 'action', in: 'query' } }),
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ param: { name: 'from', in: 'query', description: 'Inclusive' } }),
  to: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ param: { name: 'to', in: 'query', description: 'Inclusive' } }),
}).superRefine(rangeInOrder('from', 'to'));

const listAudit = defineRoute({
  operationId: 'listAuditRecords',
  tags: ['admin'],
  description:
    'Every admin action and subscription change, newest first: who (key id and scope), what (`action`, target), when, and the record before and after. ' +
    'Filters combine; paged.',
  middleware: [allow('admin')] as const,
  method: 'get',
  path: '/v1/admin/audit',
  summary: 'The audit trail',
  security,
  request: { query: AuditQuerySchema },
  responses: {
    200: {
      description: 'Audit records',
      content: json(
        z
          .object({ items: z.array(AuditRecordViewSchema), nextCursor: z.string().optional() })
          .openapi('AuditPage'),
      ),
    },
  },
});

/** Id prefixes that name their type, so `target=sub_…` needs no `subscription:`. */
const PREFIXED_TYPES: Record<string, AuditTargetType> = {
  sub: 'subscription',
  sbr: 'subscriber',
  key: 'api-key',
  pc: 'policy-change',
  rv: 'policy-change',
};

function parseTarget(text: string): AuditTarget {
  const colon = text.indexOf(':');
  if (colon > 0) {
    const type = text.slice(0, colon);
    const id = text.slice(colon + 1);
    const known = AUDIT_TARGET_TYPES.find((t) => t === type);
    if (known && id) return { type: known, id };
  }
  const type = PREFIXED_TYPES[text.split('_')[0] ?? ''];
  if (type && text.includes('_')) return { type, id: text };
  throw new ValidationError('the target is not valid', [
    {
      field: 'target',
      message: `use type:id with a type among ${AUDIT_TARGET_TYPES.join(', ')}, or an id such as sub_…`,
      values: [text],
    },
  ]);
}

export type AdminRouteDeps = SubscriptionServiceDeps &
  RequestAuditDeps & {
    /** Subscriptions across subscribers. */
    directory: SubscriptionDirectory;
  };

/**
 * The administrators' view across tenants: any subscription by subscriber or material, changes to
 * filters and status (recorded, with the admin's key id, in the subscription's own transaction),
 * and the audit trail.
 */
export function adminRoutes(deps: AdminRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();

  const existing = async (id: string): Promise<Subscription> => {
    const subscription = await deps.subscriptions.get(id);
    if (!subscription) throw new NotFoundError(`subscription ${id}`);
    return subscription;
  };

  app.openapi(listSubscriptions, async (c) => {
    const { subscriberId, material, limit, cursor } = c.req.valid('query');
    if ((subscriberId === undefined) === (material === undefined)) {
      throw new ValidationError('name exactly one of subscriberId and material', [
        { field: subscriberId === undefined ? 'subscriberId' : 'material', message: 'give one of the two' },
      ]);
    }
    const options = { limit, ...(cursor ? { cursor } : {}) };
    const page = subscriberId
      ? await deps.directory.bySubscriber(subscriberId, options)
      : await deps.directory.byMaterial(material ?? '*', options);
    return c.json(
      {
        items: page.items.map(publicSubscription),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      },
      200,
    );
  });

  app.openapi(getSubscription, async (c) => {
    return c.json(publicSubscription(await existing(c.req.valid('param').id)), 200);
  });

  app.openapi(patchSubscription, async (c) => {
    const previous = await existing(c.req.valid('param').id);
    const audit = subscriptionAudit(
      auditContext(deps, c.get('principal'), c.get('requestId')),
      subscriptionUpdateAction,
    );
    return c.json(await updateSubscription(deps, previous, c.req.valid('json'), audit), 200);
  });

  for (const action of ['pause', 'resume'] as const) {
    app.openapi(statusRoute(action), async (c) => {
      const previous = await existing(c.req.valid('param').id);
      const audit = subscriptionAudit(
        auditContext(deps, c.get('principal'), c.get('requestId')),
        action === 'pause' ? 'subscription.paused' : 'subscription.resumed',
      );
      const status = action === 'pause' ? 'paused' : 'active';
      return c.json(await setSubscriptionStatus(deps, previous, status, audit), 200);
    });
  }

  app.openapi(listAudit, async (c) => {
    const { actor, target, action, from, to, limit, cursor } = c.req.valid('query');
    const page = await deps.audit.list({
      limit,
      ...(actor ? { actor } : {}),
      ...(target ? { target: parseTarget(target) } : {}),
      ...(action ? { action } : {}),
      ...(from ? { from: new Date(from) } : {}),
      ...(to ? { to: new Date(to) } : {}),
      ...(cursor ? { cursor } : {}),
    });
    return c.json({ items: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) }, 200);
  });

  return app;
}
