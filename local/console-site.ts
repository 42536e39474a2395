import { existsSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { consoleSecurityHeaders } from '../shared/api/security-headers.js';

/** Where `npm run build:console` puts the console and the API docs page. */
export const CONSOLE_DIST = fileURLToPath(new URL('../console/dist', import.meta.url));

interface FetchHandler {
  fetch(request: Request, env?: unknown): Response | Promise<Response>;
}

/**
 * The API with the console beside it, as CloudFront arranges them on AWS: `/console/` is the
 * built single-page app, `/docs` its API reference page, `/` leads to the console, and every other
 * path is the API's. The Lambda functions never carry these files. The console's answers carry
 * the headers CloudFront adds on AWS; the API's carry its own.
 */
export function withConsole(api: FetchHandler, dist: string = CONSOLE_DIST): Hono {
  const site = new Hono();
  site.use('*', consoleSecurityHeaders());
  site.get('/', (c) => c.redirect('/console/', 302));
  site.get('/console', (c) => c.redirect('/console/', 302));
  site.get('/docs', (c) => c.redirect('/console/docs/', 302));
  site.get('/docs/', (c) => c.redirect('/console/docs/', 302));
  // Browsers ask for /favicon.ico on pages that name no icon (the API's JSON opened as a page).
  site.get('/favicon.ico', serveStatic({ path: `${dist}/favicon.svg` }));
  site.get('/console/*', async (c, next) => {
    if (!existsSync(`${dist}/index.html`)) {
      return c.body(
        JSON.stringify({
          type: 'https://material-alerts.dev/problems/console-not-built',
          title: 'Console not built',
          status: 503,
          detail: 'the console has not been built: run `npm run build:console` (npm start does it first)',
        }),
        503,
        { 'content-type': 'application/problem+json' },
      );
    }
    return next();
  });
  site.use(
    '/console/*',
    serveStatic({
      root: dist,
      rewriteRequestPath: (path) => path.replace(/^\/console/, ''),
      // Hashed assets never change; the pages themselves are always revalidated.
      onFound: (path, c) => {
        c.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    }),
  );
  site.all('*', (c) => api.fetch(c.req.raw, c.env));
  return site;
}

/** What the console site answers itself (reads of `/`, `/console…`, `/docs…`); the rest is the API's. */
export function servesConsole(path: string, method = 'GET'): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  return path === '/' || /^\/(console|docs)(\/|$)/.test(path);
}

/**
 * The console site alone, as a Node request listener, for a server whose API is elsewhere (the
 * distributed runtime's API Gateway): it answers only `servesConsole` paths.
 */
export function consoleListener(dist: string = CONSOLE_DIST): RequestListener {
  const noApi: FetchHandler = { fetch: () => new Response(null, { status: 404 }) };
  return getRequestListener(withConsole(noApi, dist).fetch);
}
