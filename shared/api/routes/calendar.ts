import { OpenAPIHono, z } from '@hono/zod-openapi';
import { NotFoundError } from '../../kernel/errors.js';
import { type AuditContext, auditItem } from '../../operations/subscription-audit.js';
import type { CalendarStore } from '../../store/calendar-store.js';
import type { SubscriberStore } from '../../store/subscriber-store.js';
import {
  calendarDocument,
  type SubscriberCalendarDeps,
  subscriberCalendarDates,
} from '../../subscriptions/subscriber-calendar.js';
import { auditContext, type RequestAuditDeps } from '../audit-context.js';
import { allow, requireSubscriber } from '../auth.js';
import { defineRoute } from '../openapi.js';
import { json, problemContent, security } from '../schemas.js';
import type { ApiEnv } from '../types.js';

const CalendarUrlSchema = z
  .object({
    url: z.string().openapi({
      description:
        'The private calendar URL, shown once: anyone who has it can read the calendar until it is revoked',
    }),
  })
  .openapi('CalendarUrl');

const CalendarStateSchema = z
  .object({
    active: z.boolean(),
    createdAt: z.string().optional().openapi({ description: 'When the current URL was issued' }),
  })
  .openapi('CalendarState');

const issueCalendar = defineRoute({
  operationId: 'issueCalendarUrl',
  tags: ['subscriber'],
  summary: 'Get a private calendar URL',
  description:
    'A private iCalendar URL listing the effective dates, expiries and suspension ends of the changes the subscriber’s subscriptions match, ' +
    'as all-day entries; it opens in Google Calendar, Outlook and Apple Calendar. Only a hash of its token is kept, so the URL is shown once; ' +
    'a new one replaces (and revokes) the previous one. Subscriber keys only.',
  middleware: [allow('subscriber')] as const,
  method: 'post',
  path: '/v1/me/calendar',
  security,
  responses: { 201: { description: 'The new URL', content: json(CalendarUrlSchema) } },
});

const calendarState = defineRoute({
  operationId: 'getCalendarState',
  tags: ['subscriber'],
  summary: 'Whether a calendar URL is active',
  description:
    'Whether the subscriber has a calendar URL, and since when (the URL itself is shown only when issued). Subscriber keys only.',
  middleware: [allow('subscriber')] as const,
  method: 'get',
  path: '/v1/me/calendar',
  security,
  responses: { 200: { description: 'The calendar URL’s state', content: json(CalendarStateSchema) } },
});

const revokeCalendar = defineRoute({
  operationId: 'revokeCalendarUrl',
  tags: ['subscriber'],
  summary: 'Revoke the calendar URL',
  description:
    'The calendar URL answers 404 from now on. Revoking when there is none changes nothing. Subscriber keys only.',
  middleware: [allow('subscriber')] as const,
  method: 'delete',
  path: '/v1/me/calendar',
  security,
  responses: { 204: { description: 'Revoked' } },
});

const readCalendar = defineRoute({
  operationId: 'readCalendar',
  tags: ['subscriber'],
  summary: 'A private calendar (iCalendar)',
  description:
    'The calendar a private URL opens, as `text/calendar`: its token is its only credential (no API key). ' +
    'An unknown or revoked token answers 404.',
  method: 'get',
  path: '/v1/calendars/{token}',
  request: {
    params: z.object({
      token: z
        .string()
        .max(1000)
        .openapi({
          param: { name: 'token', in: 'path' },
          description: 'The token, optionally followed by `.ics`',
        }),
    }),
  },
  responses: {
    200: {
      description: 'The calendar',
      content: { 'text/calendar': { schema: z.string() } },
    },
    404: { description: 'No calendar for this token', content: problemContent },
  },
});

export interface CalendarRouteDeps extends SubscriberCalendarDeps, RequestAuditDeps {
  calendars: CalendarStore;
  subscribers: SubscriberStore;
}

/** The audit record of a calendar URL issued or revoked: who and when, never the token. */
function calendarAudit(context: AuditContext, subscriberId: string, what: 'issued' | 'revoked') {
  return auditItem(context, {
    action: what === 'issued' ? 'subscriber.calendar-issued' : 'subscriber.calendar-revoked',
    target: { type: 'subscriber', id: subscriberId },
    subscriberId,
  });
}

/** The subscriber's private calendar URL, and the calendar it opens. */
export function calendarRoutes(deps: CalendarRouteDeps) {
  const app = new OpenAPIHono<ApiEnv>();

  app.openapi(issueCalendar, async (c) => {
    const subscriberId = requireSubscriber(c.get('principal'));
    const token = await deps.calendars.issue(
      subscriberId,
      deps.clock(),
      calendarAudit(auditContext(deps, c.get('principal'), c.get('requestId')), subscriberId, 'issued'),
    );
    return c.json({ url: `${new URL(c.req.url).origin}/v1/calendars/${token}.ics` }, 201);
  });

  app.openapi(calendarState, async (c) => {
    const grant = await deps.calendars.current(requireSubscriber(c.get('principal')));
    return c.json(grant ? { active: true, createdAt: grant.createdAt } : { active: false }, 200);
  });

  app.openapi(revokeCalendar, async (c) => {
    const subscriberId = requireSubscriber(c.get('principal'));
    const context = auditContext(deps, c.get('principal'), c.get('requestId'));
    await deps.calendars.revoke(subscriberId, calendarAudit(context, subscriberId, 'revoked'));
    return c.body(null, 204);
  });

  app.openapi(readCalendar, async (c) => {
    const token = c.req.valid('param').token.replace(/\.ics$/, '');
    const subscriberId = await deps.calendars.subscriberOf(token);
    const subscriber = subscriberId ? await deps.subscribers.getSubscriber(subscriberId) : undefined;
    if (!subscriberId || !subscriber) throw new NotFoundError('the calendar');
    const text = calendarDocument(await subscriberCalendarDates(deps, subscriberId), subscriber.name);
    return c.body(text, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'cache-control': 'private, max-age=300',
    });
  });

  return app;
}
