import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import { problemContent } from './schemas.js';

/** The groups of the API description; every operation carries at least one. */
export const API_TAGS = [
  {
    name: 'subscriber',
    description:
      'What a subscriber does with its own key: subscriptions, their channels and webhook secrets, its API keys.',
  },
  {
    name: 'deliveries',
    description:
      'Every alert sent, one delivery per channel, with each attempt (the request sent, status code, latency, error, response excerpts); retries and recovery.',
  },
  {
    name: 'ingest',
    description:
      'Policy changes coming in (an ingest or admin key) and reading them back with their matching status.',
  },
  {
    name: 'catalogue',
    description:
      'The material taxonomy and region codes that filters and policy changes name; anyone may read them, administrators edit them.',
  },
  {
    name: 'admin',
    description:
      'Administrators: subscribers and API keys, any subscription, the audit trail, the catalogue.',
  },
] as const;

export type ApiTag = (typeof API_TAGS)[number]['name'];

/** What every operation must say about itself in the API description. */
export interface OperationDoc {
  /** Unique, camelCase: client generators name their methods after it. */
  operationId: string;
  tags: [ApiTag, ...ApiTag[]];
  /** One line, shown in lists. */
  summary: string;
  /** What it does, who may call it and what is not obvious from the schemas. */
  description: string;
}

const problem = (description: string) => ({ description, content: problemContent });

const GatewayThrottleSchema = z
  .object({ message: z.string().openapi({ example: 'Too Many Requests' }) })
  .openapi('GatewayThrottle', {
    description: "API Gateway's answer when the whole service is over its request rate (on AWS only)",
  });

const tooManyRequests = (keyed: boolean) => ({
  429: {
    description: keyed
      ? 'Too many requests: this API key is over its rate, or too many unrecognised keys came from this address or from all callers (a problem document; `Retry-After` says how many seconds to wait), or the whole service is'
      : 'Too many requests: the whole service is over its request rate',
    content: {
      ...(keyed ? problemContent : {}),
      'application/json': { schema: GatewayThrottleSchema },
    },
    ...(keyed
      ? {
          headers: {
            'Retry-After': {
              description: 'Seconds to wait before calling again',
              schema: { type: 'integer' as const },
            },
          },
        }
      : {}),
  },
});

const keyErrors = {
  401: problem('No API key, or a key that is unknown or revoked (`WWW-Authenticate: Bearer`)'),
  403: problem('The key is valid but its scope may not do this'),
} as const;

const bodyErrors = {
  400: problem('The body is not valid JSON'),
  413: problem('The body is larger than 256 KiB'),
  415: problem('The body is not `application/json`'),
} as const;

const validationError = {
  422: problem(
    'The request does not validate: `errors` lists each offending field (`field`, `message`, `values`)',
  ),
} as const;

const notFound = { 404: problem('Nothing with this id (for this caller)') } as const;

/**
 * A route with the conventions every operation shares: its operationId, tags and description,
 * and the error answers the service gives for it documented from what the route takes (a key:
 * 401, 403, 429; a body: 400, 413, 415; input at all: 422; a path id: 404). The route's own
 * responses come last, so a route may describe any of these more precisely.
 *
 * @example
 * const get = defineRoute({
 *   operationId: 'getThing', tags: ['admin'], summary: 'One thing', description: '…',
 *   method: 'get', path: '/v1/things/{id}', security, request: { params: IdParamSchema },
 *   responses: { 200: { description: 'The thing', content: json(ThingSchema) } },
 * });
 */
export function defineRoute<
  P extends string,
  R extends Omit<RouteConfig, 'path'> & OperationDoc & { path: P },
>(route: R) {
  const request = route.request;
  const hasBody = request?.body !== undefined;
  const hasInput = hasBody || request?.params !== undefined || request?.query !== undefined;
  const hasId = route.path.includes('{');
  const secured = route.security !== undefined && route.security.length > 0;
  return createRoute({
    ...route,
    // Stated on every operation: an empty list says "no key needed" rather than leaving it unsaid.
    security: route.security ?? [],
    responses: {
      ...(hasBody ? bodyErrors : {}),
      ...(secured ? keyErrors : {}),
      ...tooManyRequests(secured),
      ...(hasId ? notFound : {}),
      ...(hasInput ? validationError : {}),
      ...route.responses,
    },
  });
}

/** The `info` block of `/openapi.json`. */
export const API_DOCUMENT_INFO = {
  title: 'Material Alerts API',
  version: '1.0.0',
  description: [
    'Export-control alerts for strategic materials. Subscribers choose the policy changes they want to hear about',
    '(materials, regions, change types, severity) and receive them as signed webhooks (Standard Webhooks) or by SMS and e-mail.',
    '',
    'Authenticate with `Authorization: Bearer <API key>`. Every error is an RFC 9457 `application/problem+json` document;',
    'validation errors list each offending field in `errors`. Lists are paged with `limit` and the `nextCursor` of the previous page.',
  ].join('\n'),
  contact: { name: 'Material Alerts', url: 'https://material-alerts.dev' },
};
