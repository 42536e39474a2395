import { OpenAPIHono, z } from '@hono/zod-openapi';
import { ApplicabilitySchema, ProfileSchema } from '../../model/profile.js';
import { SubscriptionFiltersSchema } from '../../model/subscription.js';
import type { SubscriberStore } from '../../store/subscriber-store.js';
import {
  type FilterPreviewDeps,
  PREVIEW_MAX_ITEMS,
  PREVIEW_MAX_READ,
  previewFilters,
} from '../../subscriptions/filter-preview.js';
import { allow } from '../auth.js';
import { defineRoute } from '../openapi.js';
import { json, PolicyChangeViewSchema, security } from '../schemas.js';
import type { ApiEnv } from '../types.js';

const PreviewInputSchema = z
  .strictObject({
    filters: SubscriptionFiltersSchema,
    profile: ProfileSchema.optional().openapi({
      description: "The profile verdicts are judged on; by default the calling subscriber's `defaultProfile`",
    }),
  })
  .openapi('SubscriptionPreviewInput', {
    example: {
      filters: { materials: ['gallium'], affectedRegions: ['US'] },
      profile: { endUses: ['civilian'] },
    },
  });

const PreviewSchema = z
  .object({
    items: z.array(z.object({ policyChange: PolicyChangeViewSchema, applicability: ApplicabilitySchema })),
  })
  .openapi('SubscriptionPreview');

const preview = defineRoute({
  operationId: 'previewSubscription',
  tags: ['subscriber'],
  middleware: [allow('subscriber', 'admin')] as const,
  method: 'post',
  path: '/v1/subscriptions/preview',
  summary: 'Preview filters against the history',
  description:
    'The stored policy changes (latest revisions, newest first) that a subscription with these filters would have been alerted about, ' +
    "each with its applicability verdict for `profile` (by default the subscriber's `defaultProfile`; none: `unknown`). " +
    "A match the filters' `applicability` setting would hold back is not listed. Filters and profile are checked as a subscription's are. " +
    `Reads the history index, at most ${PREVIEW_MAX_READ} changes, and lists at most ${PREVIEW_MAX_ITEMS}. Nothing is stored. Subscriber or admin keys.`,
  security,
  request: { body: { required: true, content: json(PreviewInputSchema) } },
  responses: {
    200: { description: 'The changes the filters would have matched', content: json(PreviewSchema) },
  },
});

export type SubscriptionPreviewDeps = FilterPreviewDeps & {
  subscribers: Pick<SubscriberStore, 'getSubscriber'>;
};

/** `POST /v1/subscriptions/preview`: what a filter would have caught, before it is saved. */
export function subscriptionPreviewRoutes(deps: SubscriptionPreviewDeps) {
  const app = new OpenAPIHono<ApiEnv>();
  app.openapi(preview, async (c) => {
    const { filters, profile } = c.req.valid('json');
    const subscriberId = c.get('principal').subscriberId;
    const judgedOn =
      profile ??
      (subscriberId ? (await deps.subscribers.getSubscriber(subscriberId))?.defaultProfile : undefined);
    const { items } = await previewFilters(deps, { filters, profile: judgedOn });
    return c.json({ items }, 200);
  });
  return app;
}
