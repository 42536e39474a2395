import type { z } from 'zod';

/** One field that failed validation, named by its JSON path. */
export interface FieldIssue {
  field: string;
  message: string;
  /** Offending values, e.g. the unknown material ids. */
  values?: string[];
}

/**
 * What kind of failure an error is, in the service's own terms. The API answers each kind with
 * its HTTP status (shared/api/problem.ts); nothing below the API knows about HTTP.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'too-many-requests';

/**
 * The service's error vocabulary. Each error has a kind and one RFC 9457 problem type
 * (`https://material-alerts.dev/problems/<type>`); nothing else reaches callers.
 */
export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly type: string,
    readonly title: string,
    detail: string,
    readonly errors?: FieldIssue[],
    options?: ErrorOptions,
  ) {
    super(detail, options);
    this.name = 'AppError';
  }
}

export class ValidationError extends AppError {
  constructor(detail: string, errors: FieldIssue[]) {
    super('invalid', 'validation-error', 'The request is not valid', detail, errors);
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super('not-found', 'not-found', 'Not found', `${what} was not found`);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends AppError {
  constructor(type: string, detail: string) {
    super('conflict', type, 'Conflict', detail);
    this.name = 'ConflictError';
  }
}

export class UnauthorizedError extends AppError {
  constructor(detail = 'a valid API key is required: Authorization: Bearer <key>') {
    super('unauthenticated', 'unauthorized', 'Unauthorized', detail);
    this.name = 'UnauthorizedError';
  }
}

export class ForbiddenError extends AppError {
  constructor(detail: string) {
    super('forbidden', 'forbidden', 'Forbidden', detail);
    this.name = 'ForbiddenError';
  }
}

/** Too many requests of one kind; says when to come back (the API's `Retry-After`). */
export class TooManyRequestsError extends AppError {
  constructor(
    type: string,
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super('too-many-requests', type, 'Too many requests', detail);
    this.name = 'TooManyRequestsError';
  }
}

/**
 * A union's issues as those of the form the caller meant: when every form but one failed only on
 * the kind of value (a list given where an object is one form and a list the other), the issues
 * are that one form's, so a bad field is named by its path rather than "matches no form".
 */
function meantIssues(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union') return [issue];
    const meant = issue.errors.filter(
      (form) => !(form.length === 1 && form[0]?.code === 'invalid_type' && form[0].path.length === 0),
    );
    const [only] = meant;
    if (meant.length !== 1 || !only) return [issue];
    return meantIssues(only).map((nested) => ({ ...nested, path: [...issue.path, ...nested.path] }));
  });
}

/** Zod issues as field issues; unknown keys are listed one by one so callers see each name. */
export function fieldIssues(error: z.ZodError, prefix?: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const issue of meantIssues(error.issues)) {
    const path = [prefix, ...issue.path.map(String)].filter((p) => p !== undefined && p !== '').join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ field: path ? `${path}.${key}` : key, message: 'unknown field' });
      }
    } else {
      issues.push({ field: path || '(body)', message: issue.message });
    }
  }
  return issues;
}
