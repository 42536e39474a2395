import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
