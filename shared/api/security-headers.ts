import type { MiddlewareHandler } from 'hono';

/** What every page and answer forbids: being framed, plugins, and `<base>` rewriting its URLs. */
const FORBIDDEN = ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"];

/** The API answers with data, never with a document: an answer opened as a page may load nothing. */
export const API_CSP = ["default-src 'none'", "form-action 'none'", ...FORBIDDEN].join('; ');

/**
 * The console: its own scripts, styles, images and API, nothing inline (Preact and Swagger UI set
 * styles through the DOM, which `style-src` does not govern).
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  ...FORBIDDEN,
].join('; ');

/**
 * The API reference (Swagger UI), on the console's origin but sandboxed without
 * `allow-same-origin`: its origin is opaque, so it cannot read the key the console keeps in
 * sessionStorage, and it reaches the API and its own files through CORS. Like the console, it
 * needs nothing inline.
 */
export const DOCS_CSP = `${CONSOLE_CSP}; sandbox allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads`;

/** Where the console's build puts the API reference page and Swagger UI's bundle. */
export const DOCS_PATH = '/console/docs/';

/** Sent with every answer beside its Content-Security-Policy. */
export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // For browsers that predate frame-ancestors.
  'x-frame-options': 'DENY',
} as const;

/**
 * Cross-origin calls to the API. Any origin may call it: it reads bearer keys only, never cookies,
 * so a page elsewhere can do nothing with it that a script outside a browser could not, and the
 * sandboxed docs page (origin `null`) must reach it.
 */
export const API_CORS = {
  allowHeaders: ['authorization', 'content-type', 'x-request-id'],
  exposeHeaders: ['allow', 'location', 'ratelimit-remaining', 'retry-after', 'x-request-id'],
  maxAgeSeconds: 600,
} as const;

function setHeaders(headers: Headers, csp: string): void {
  if (!headers.has('content-security-policy')) headers.set('content-security-policy', csp);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!headers.has(name)) headers.set(name, value);
  }
}

/**
 * The API's security headers and CORS: every answer gets `API_CSP`, nosniff, no referrer and
 * `Access-Control-Allow-Origin: *`; a preflight (`OPTIONS` with `Origin` and
 * `Access-Control-Request-Method`) for a path that has routes answers 204 with that path's
 * methods. Any other `OPTIONS` goes on to the routes, which answer 405 with `Allow`.
 *
 * @example app.use('*', apiSecurityHeaders(allowedMethodsOf(app.routes)));
 */
export function apiSecurityHeaders(allowedMethods: (path: string) => string[]): MiddlewareHandler {
  return async (c, next) => {
    const methods =
      c.req.method === 'OPTIONS' && c.req.header('origin') && c.req.header('access-control-request-method')
        ? allowedMethods(c.req.path)
        : [];
    if (methods.length > 0) {
      c.res = c.body(null, 204, {
        'access-control-allow-methods': methods.join(', '),
        'access-control-allow-headers': API_CORS.allowHeaders.join(', '),
        'access-control-max-age': String(API_CORS.maxAgeSeconds),
      });
    } else {
      await next();
      c.res.headers.set('access-control-expose-headers', API_CORS.exposeHeaders.join(', '));
    }
    setHeaders(c.res.headers, API_CSP);
    c.res.headers.set('access-control-allow-origin', '*');
  };
}

/**
 * The security headers of the console's own answers (its files and redirects): `DOCS_CSP` under
 * `DOCS_PATH`, `CONSOLE_CSP` elsewhere. The files are public and the docs page loads them from its
 * opaque origin, so any origin may read them. An answer that already carries a policy (the API's)
 * keeps its own.
 *
 * @example site.use('*', consoleSecurityHeaders());
 */
export function consoleSecurityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.res.headers.has('content-security-policy')) return;
    setHeaders(c.res.headers, c.req.path.startsWith(DOCS_PATH) ? DOCS_CSP : CONSOLE_CSP);
    c.res.headers.set('access-control-allow-origin', '*');
  };
}
