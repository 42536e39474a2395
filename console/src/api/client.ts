import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

const KEY_STORAGE = 'material-alerts.api-key';

/** The API key lives in sessionStorage: this tab only, gone when it closes. */
export const session = {
  key: (): string | null => sessionStorage.getItem(KEY_STORAGE),
  signIn: (key: string) => sessionStorage.setItem(KEY_STORAGE, key),
  signOut: () => sessionStorage.removeItem(KEY_STORAGE),
};

/** The typed client: paths, bodies and answers come from the API's own description. */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use({
  onRequest({ request }) {
    const key = session.key();
    if (key) request.headers.set('authorization', `Bearer ${key}`);
    return request;
  },
});

export interface FieldIssue {
  field: string;
  message: string;
  values?: string[];
}

/** An RFC 9457 problem from the API, thrown so forms can show each issue beside its field. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly errors: FieldIssue[] = [],
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }
}

function toProblem(error: unknown, response: Response): ApiProblem {
  if (typeof error === 'object' && error !== null && 'detail' in error) {
    const problem = error as { title?: string; detail?: string; errors?: FieldIssue[] };
    return new ApiProblem(
      response.status,
      problem.title ?? response.statusText,
      problem.detail ?? '',
      problem.errors ?? [],
    );
  }
  return new ApiProblem(response.status, response.statusText, `the service answered ${response.status}`);
}

/**
 * The answer's data, or an ApiProblem. Every call in the console goes through here.
 *
 * @example const { items } = await result(api.GET('/v1/subscriptions'));
 */
export async function result<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toProblem(error, response);
  return data as T;
}

/** Whose key this is, found by asking the API what it may do. */
export type Role = 'admin' | 'subscriber';

export async function whoAmI(): Promise<Role> {
  const caller = await result(api.GET('/v1/me'));
  if (caller.scope === 'ingest') {
    throw new ApiProblem(
      403,
      'Not a console key',
      'this is an ingest key, which only posts policy changes: sign in with a subscriber or admin key',
    );
  }
  return caller.scope;
}

/**
 * A call to a route the generated client does not know yet (built against the published contract
 * ahead of the service): same key, same problem handling, untyped answer.
 */
export async function untyped(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const key = session.key();
  const response = await fetch(path, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw toProblem(data, response);
  return data;
}
