import { OpenAPIHono, z } from '@hono/zod-openapi';
import { ValidationError } from '../../kernel/errors.js';
import type { EventFeedStore } from '../../store/event-feed-store.js';
import { allow, requireSubscriber } from '../auth.js';
import { defineRoute } from '../openapi.js';
import { json, PageQuerySchema, security } from '../schemas.js';
import type { ApiEnv } from '../types.js';

/**
 * A feed cursor: a position in the caller's own feed, as base64url of `v1:<position>`. Not sealed
 * like list cursors: it must outlive restarts and key rotations, and names nothing but a position.
 */
export function encodeFeedCursor(position: number): string {
  return Buffer.from(`v1:${position}`).toString('base64url');
}

/** The position a cursor names; a 422 naming `after` for anything this API did not write. */
export function decodeFeedCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^v1:(0|[1-9]\d{0,10})$/.exec(text);
  if (!match?.[1] || encodeFeedCursor(Number(match[1])) !== cursor) throw invalidCursor();
  return Number(match[1]);
}

/** A cursor this feed did not write, or one for a place it never reached (another feed's). */
function invalidCursor(): ValidationError {
  return new ValidationError('the cursor is not valid', [
    {
      field: 'query.after',
      message: 'use nextCursor as returned by GET /v1/events, or leave it out to start at the oldest event',
    },
  ]);
}

const EventsQuerySchema = z.object({
  after: z
    .string()
    .max(100)
    .optional()
    .openapi({
      param: { name: 'after', in: 'query' },
      description: 'The `nextCursor` of the previous page; absent: from the oldest event kept',
    }),
  limit: PageQuerySchema.shape.limit,
});

const FeedEventSchema = z
  .object({
    id: z
      .string()
      .openapi({ description: 'The alert’s `webhook-id`: the same dedupe key a webhook receiver gets' }),
    type: z.string(),
    timestamp: z.string(),
    data: z.record(z.string(), z.unknown()).openapi({ description: 'As in the webhook body' }),
  })
  .openapi('FeedEvent');

const FeedPageSchema = z
  .object({
    items: z.array(FeedEventSchema),
    nextCursor: z.string().openapi({
      description: 'Where to continue: pass it as `after` next time (also when `items` is empty)',
    }),
  })
  .openapi('FeedPage');

const listEvents = defineRoute({
  operationId: 'listEvents',
  tags: ['subscriber'],
  summary: "The subscriber's event feed",
  description:
    'The alerts of the subscriptions with `feed: true`, across them, oldest first, for receivers that cannot take webhook calls. ' +
    'Each event is the webhook body with its `id`. `nextCursor` never skips or repeats an event, even while alerts are being written; ' +
    'events are kept for the delivery retention period (DELIVERY_RETENTION, 90 days). Subscriber keys only.',
  middleware: [allow('subscriber')] as const,
  method: 'get',
  path: '/v1/events',
  security,
  request: { query: EventsQuerySchema },
  responses: { 200: { description: 'A page of events', content: json(FeedPageSchema) } },
});

export interface EventRouteDeps {
  feeds: EventFeedStore;
}

/** The event feed: a subscriber pulls its alerts instead of receiving calls. */
export function eventRoutes(deps: EventRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi(listEvents, async (c) => {
    const subscriberId = requireSubscriber(c.get('principal'));
    const { after, limit } = c.req.valid('query');
    const { events, position, beyondHead } = await deps.feeds.read(
      subscriberId,
      after === undefined ? 0 : decodeFeedCursor(after),
      limit,
    );
    if (beyondHead) throw invalidCursor();
    const items = events.map((event) => {
      const body = FeedBodySchema.parse(JSON.parse(event.payload));
      return { id: event.id, ...body };
    });
    return c.json({ items, nextCursor: encodeFeedCursor(position) }, 200);
  });

  return app;
}

/** The stored webhook body, written by this service; read back as the feed event's fields. */
const FeedBodySchema = z.object({
  type: z.string(),
  timestamp: z.string(),
  data: z.record(z.string(), z.unknown()),
});
