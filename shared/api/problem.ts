import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorKind, type FieldIssue, TooManyRequestsError } from '../kernel/errors.js';
import type { Log } from '../kernel/redaction.js';

export const PROBLEM_BASE = 'https://material-alerts.dev/problems/';

/** An RFC 9457 problem document as this API writes it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldIssue[];
  requestId?: string;
}

export function problemResponse(
  c: Context,
  problem: Omit<Problem, 'type'> & { type: string },
  headers?: Record<string, string>,
) {
  const body: Problem = {
    ...problem,
    type: `${PROBLEM_BASE}${problem.type}`,
    instance: c.req.path,
    ...(c.get('requestId') ? { requestId: c.get('requestId') } : {}),
  };
  return c.body(JSON.stringify(body), problem.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json',
    ...headers,
  });
}

/** The HTTP status of each kind of error: the one place the error vocabulary meets HTTP. */
const STATUS_OF_KIND = {
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-many-requests': 429,
} as const satisfies Record<ErrorKind, ContentfulStatusCode>;

/** The HTTP status an error of this kind is answered with. */
export function statusOf(kind: ErrorKind): (typeof STATUS_OF_KIND)[ErrorKind] {
  return STATUS_OF_KIND[kind];
}

const HTTP_EXCEPTION_TYPES: Record<number, { type: string; title: string }> = {
  400: { type: 'bad-request', title: 'Bad request' },
  401: { type: 'unauthorized', title: 'Unauthorized' },
  404: { type: 'not-found', title: 'Not found' },
  405: { type: 'method-not-allowed', title: 'Method not allowed' },
  413: { type: 'payload-too-large', title: 'Payload too large' },
  415: { type: 'unsupported-media-type', title: 'Unsupported media type' },
};

/**
 * The one place errors become responses: domain errors get the status of their kind and keep
 * their type, Hono's own (malformed JSON, body limits) get theirs, and anything unexpected is
 * logged and answered with a generic 500 that leaks nothing.
 */
export function errorToResponse(error: Error, c: Context, log: Log) {
  if (error instanceof AppError) {
    return problemResponse(
      c,
      {
        type: error.type,
        title: error.title,
        status: statusOf(error.kind),
        detail: error.message,
        ...(error.errors ? { errors: error.errors } : {}),
      },
      error.kind === 'unauthenticated'
        ? { 'www-authenticate': 'Bearer realm="material-alerts"' }
        : error instanceof TooManyRequestsError
          ? { 'retry-after': String(error.retryAfterSeconds) }
          : undefined,
    );
  }
  if (error instanceof HTTPException && error.status < 500) {
    const known = HTTP_EXCEPTION_TYPES[error.status] ?? { type: 'bad-request', title: 'Bad request' };
    const detail =
      error.status === 415
        ? 'send the body as JSON, with the header `content-type: application/json`'
        : /JSON/i.test(error.message)
          ? 'the request body is not valid JSON'
          : error.message || known.title;
    return problemResponse(c, { ...known, status: error.status, detail });
  }
  log({
    level: 'error',
    message: 'unhandled error',
    requestId: c.get('requestId'),
    path: c.req.path,
    error: { name: error.name, message: error.message, stack: error.stack },
  });
  return problemResponse(c, {
    type: 'internal-error',
    title: 'Internal error',
    status: 500,
    detail: 'something went wrong on our side; the request id identifies it in our logs',
  });
}
