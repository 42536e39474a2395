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
    /** When a refused call may be made again (a 429's or 503's `Retry-After`), as an ISO instant. */
    readonly retryAt?: string,
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }
}

/** `Retry-After` as an instant: the header gives seconds or an HTTP date. */
function retryAtOf(response: Response): string | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const at = /^\d+$/.test(header.trim()) ? Date.now() + Number(header) * 1000 : Date.parse(header);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

function toProblem(error: unknown, response: Response): ApiProblem {
  const retryAt = retryAtOf(response);
  if (typeof error === 'object' && error !== null && 'detail' in error) {
    const problem = error as { title?: string; detail?: string; errors?: FieldIssue[] };
    return new ApiProblem(
      response.status,
      problem.title ?? response.statusText,
      problem.detail ?? '',
      problem.errors ?? [],
      retryAt,
    );
  }
  // Not a problem document: API Gateway's own throttle answers `{"message": "Too Many Requests"}`.
  const message =
    typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : undefined;
  return new ApiProblem(
    response.status,
    message ?? (response.statusText || 'Error'),
    response.status === 429
      ? 'the service is busy; try again shortly'
      : `the service answered ${response.status}`,
    [],
    retryAt,
  );
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
