import { OpenAPIHono, z } from '@hono/zod-openapi';
import { type ChatTestDeps, sendChatTest } from '../../delivery/chat/chat-test.js';
import { previewDigest } from '../../delivery/digest/digest-preview.js';
import { publicDelivery } from '../../model/delivery.js';
import { CHAT_CHANNELS } from '../../model/reach.js';
import type { SubscriptionStore } from '../../store/subscription-store.js';
import { allow, requireSubscriber } from '../auth.js';
import { defineRoute } from '../openapi.js';
import {
  DeliveryViewSchema,
  IdParamSchema,
  json,
  problemContent,
  security,
  subscriptionNotFound,
} from '../schemas.js';
import type { ApiEnv } from '../types.js';

const ChatTestInputSchema = z
  .strictObject({
    channel: z.enum(CHAT_CHANNELS).openapi({ description: 'The chat channel to post the test message to' }),
  })
  .openapi('ChatTestInput', { example: { channel: 'slack' } });

const chatTest = defineRoute({
  operationId: 'sendChatTest',
  tags: ['deliveries', 'subscriber'],
  description:
    "Posts a sample alert to the subscription's Slack or Teams channel, in that product's format, through the same queue, retries and delivery log as real alerts. " +
    'The answer is the queued delivery; read it back to see its attempts.',
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/subscriptions/{id}/chat-test',
  summary: 'Send a test message to Slack or Teams',
  security,
  request: { params: IdParamSchema, body: { required: true, content: json(ChatTestInputSchema) } },
  responses: {
    202: { description: 'Queued', content: json(DeliveryViewSchema) },
    422: { description: 'The subscription has no such channel', content: problemContent },
    ...subscriptionNotFound,
  },
});

const DigestPreviewSchema = z
  .object({
    nextAt: z.string().optional().openapi({
      description:
        'The scheduled instant of the next digest (it leaves a few minutes after); absent without a digest',
    }),
    from: z
      .string()
      .optional()
      .openapi({ description: "The end of the previous digest's period; absent before the first" }),
    items: z.array(
      z.object({
        policyChangeId: z.string(),
        title: z.string(),
        events: z.array(z.object({ type: z.string(), timestamp: z.string() })),
      }),
    ),
  })
  .openapi('DigestPreview');

const digestPreview = defineRoute({
  operationId: 'previewDigest',
  tags: ['subscriber'],
  description:
    "When the subscription's next digest goes out and what it holds so far: the changes gathered since the previous one, " +
    'each with its events. Without a digest: no `nextAt` and no items.',
  middleware: [allow('subscriber')] as const,
  method: 'get',
  path: '/v1/subscriptions/{id}/digest',
  summary: 'Preview the next digest',
  security,
  request: { params: IdParamSchema },
  responses: {
    200: { description: 'The next digest as it stands', content: json(DigestPreviewSchema) },
    ...subscriptionNotFound,
  },
});

/** The chat channels' test message and the digest's preview. */
export function reachRoutes(deps: ChatTestDeps & { subscriptions: SubscriptionStore }) {
  const app = new OpenAPIHono<ApiEnv>();
  app.openapi(digestPreview, async (c) => {
    const subscription = await deps.subscriptions.getOwned(
      c.req.valid('param').id,
      requireSubscriber(c.get('principal')),
    );
    return c.json(await previewDigest(deps, subscription), 200);
  });
  app.openapi(chatTest, async (c) => {
    const subscription = await deps.subscriptions.getOwned(
      c.req.valid('param').id,
      requireSubscriber(c.get('principal')),
    );
    const delivery = await sendChatTest(deps, subscription, c.req.valid('json').channel);
    return c.json(publicDelivery(delivery), 202);
  });
  return app;
}
