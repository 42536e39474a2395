import { OpenAPIHono, z } from '@hono/zod-openapi';
import { ForbiddenError, NotFoundError } from '../../kernel/errors.js';
import type { Profile } from '../../model/profile.js';
import { ProfileSchema } from '../../model/profile.js';
import { type AuditContext, auditItem } from '../../operations/subscription-audit.js';
import { type DefaultProfileDeps, setDefaultProfile } from '../../subscriptions/profile-service.js';
import { auditContext, type RequestAuditDeps } from '../audit-context.js';
import { allow } from '../auth.js';
import { defineRoute } from '../openapi.js';
import { IdParamSchema, json, problemContent, security } from '../schemas.js';
import type { ApiEnv } from '../types.js';

export const SubscriberViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    defaultProfile: ProfileSchema.optional().openapi({
      description: 'What its subscriptions without a profile of their own are judged on',
    }),
  })
  .openapi('Subscriber');

const OwnSubscriberPatchSchema = z
  .strictObject({
    defaultProfile: ProfileSchema.nullable().openapi({ description: '`null` removes it' }),
  })
  .openapi('OwnSubscriberPatch', {
    example: { defaultProfile: { endUses: ['civilian'], verifiedEndUser: ['CN'], reExports: false } },
  });

const getOwnSubscriber = defineRoute({
  operationId: 'getOwnSubscriber',
  tags: ['subscriber'],
  summary: 'The calling subscriber, with its default profile',
  description: 'The subscriber the calling key belongs to. Subscriber keys only.',
  method: 'get',
  path: '/v1/me/subscriber',
  security,
  responses: {
    200: { description: 'The subscriber', content: json(SubscriberViewSchema) },
    403: { description: 'Not a subscriber key', content: problemContent },
  },
});

const patchOwnSubscriber = defineRoute({
  operationId: 'updateOwnSubscriber',
  tags: ['subscriber'],
  summary: 'Set the default profile',
  description:
    "Sets (or, with `null`, removes) the subscriber's default profile: its subscriptions without a profile of their own " +
    'are judged on it from the next alert. Audited. Subscriber keys only.',
  method: 'patch',
  path: '/v1/me/subscriber',
  security,
  request: { body: { required: true, content: json(OwnSubscriberPatchSchema) } },
  responses: {
    200: { description: 'The subscriber', content: json(SubscriberViewSchema) },
    403: { description: 'Not a subscriber key', content: problemContent },
  },
});

const getSubscriberRoute = defineRoute({
  operationId: 'adminGetSubscriber',
  tags: ['admin'],
  summary: 'One subscriber, with its default profile',
  description: 'A subscriber by id (name, creation time, default profile). Administrators only.',
  middleware: [allow('admin')] as const,
  method: 'get',
  path: '/v1/admin/subscribers/{id}',
  security,
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'The subscriber', content: json(SubscriberViewSchema) },
    404: { description: 'No such subscriber', content: problemContent },
  },
});

/** Sets a subscriber's default profile, audited, and copies it to its subscriptions. */
export async function setSubscriberProfile(
  deps: DefaultProfileDeps,
  context: AuditContext,
  id: string,
  profile: Profile | null,
): Promise<void> {
  if (!(await deps.subscribers.getSubscriber(id))) throw new NotFoundError(`subscriber ${id}`);
  await setDefaultProfile(deps, id, profile, (before) =>
    auditItem(context, {
      action: 'subscriber.profile-changed',
      target: { type: 'subscriber', id },
      subscriberId: id,
      before: { defaultProfile: before ?? null },
      after: { defaultProfile: profile },
    }),
  );
}

export type SubscriberProfileRouteDeps = DefaultProfileDeps & RequestAuditDeps;

/** A subscriber's own record: its default profile. */
export function subscriberProfileRoutes(deps: SubscriberProfileRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();

  const ownId = (principal: { subscriberId?: string | undefined }): string => {
    if (!principal.subscriberId)
      throw new ForbiddenError('only a subscriber key has a subscriber of its own');
    return principal.subscriberId;
  };

  const found = async (id: string) => {
    const subscriber = await deps.subscribers.getSubscriber(id);
    if (!subscriber) throw new NotFoundError(`subscriber ${id}`);
    return subscriber;
  };

  app.openapi(getOwnSubscriber, async (c) => c.json(await found(ownId(c.get('principal'))), 200));

  app.openapi(getSubscriberRoute, async (c) => c.json(await found(c.req.valid('param').id), 200));

  app.openapi(patchOwnSubscriber, async (c) => {
    const id = ownId(c.get('principal'));
    const context = auditContext(deps, c.get('principal'), c.get('requestId'));
    await setSubscriberProfile(deps, context, id, c.req.valid('json').defaultProfile);
    return c.json(await found(id), 200);
  });

  return app;
}
