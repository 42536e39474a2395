import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withConsole } from '../../local/console-site.js';
import { API_CSP, CONSOLE_CSP, DOCS_CSP, SECURITY_HEADERS } from '../../shared/api/security-headers.js';
import { ADMIN, type ApiHarness, createHarness } from '../api/support.js';

/** A policy as directive → its values. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

function expectSecurityHeaders(headers: Headers, csp: string, what: string): void {
  expect(headers.get('content-security-policy'), what).toBe(csp);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(headers.get(name), what).toBe(value);
}

describe('the policies', () => {
  it.each([
    ['console', CONSOLE_CSP],
    ['docs', DOCS_CSP],
    ['API', API_CSP],
  ])(
    '%s: scripts from this origin at most, nothing inline or evaluated, no framing, no plugins',
    (_, csp) => {
      const policy = directives(csp);
      const scripts = policy.get('script-src') ?? policy.get('default-src') ?? [];
      expect(["'self'", "'none'"]).toContain(scripts.join(' '));
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|\*/);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(policy.get('base-uri')).toEqual(["'none'"]);
    },
  );

  it('sandboxes the docs page without allow-same-origin, so its origin is opaque; the console is not sandboxed', () => {
    const sandbox = directives(DOCS_CSP).get('sandbox') ?? [];
    expect(sandbox).toContain('allow-scripts');
    expect(sandbox).not.toContain('allow-same-origin');
    expect(directives(CONSOLE_CSP).has('sandbox')).toBe(false);
  });
});

describe('the API', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await createHarness();
  });

  it('sends the headers and CORS on every answer: 200, 401, 404, 405, 413 and 422', async () => {
    const answers: [number, Response | Promise<Response>][] = [
      [200, h.app.request('/health')],
      [200, h.app.request('/openapi.json')],
      [401, h.app.request('/v1/subscriptions')],
      [404, h.app.request('/nowhere')],
      [405, h.app.request('/health', { method: 'DELETE' })],
      [
        413,
        h.app.request('/v1/subscribers', {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
          body: 'x'.repeat(300 * 1024),
        }),
      ],
      [
        422,
        h.app.request('/v1/subscribers', {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
          body: '{}',
        }),
      ],
    ];
    for (const [status, pending] of answers) {
      const res = await pending;
      expect(res.status).toBe(status);
      expectSecurityHeaders(res.headers, API_CSP, `${status} ${res.url}`);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('access-control-expose-headers')).toContain('retry-after');
    }
  });

  it("answers a preflight with the path's own methods, without a key; other OPTIONS stay 405 with Allow", async () => {
    const preflight = await h.app.request('/v1/subscriptions', {
      method: 'OPTIONS',
      headers: {
        origin: 'null',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(await preflight.text()).toBe('');
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe(
      'authorization, content-type, x-request-id',
    );
    expect(preflight.headers.get('access-control-max-age')).toBe('600');
    expect(preflight.headers.get('x-request-id')).toBeTruthy();
    expectSecurityHeaders(preflight.headers, API_CSP, 'preflight');

    const plain = await h.app.request('/v1/subscriptions', {
      method: 'OPTIONS',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(plain.status).toBe(405);
    expect(plain.headers.get('allow')).toBe('GET, HEAD, POST');
    expect((await h.app.request('/v1/subscriptions', { method: 'OPTIONS' })).status).toBe(401);
    const unknown = await h.app.request('/v1/nowhere', {
      method: 'OPTIONS',
      headers: { origin: 'null', 'access-control-request-method': 'GET' },
    });
    expect(unknown.status).toBe(404);
  });
});

describe('the console locally (npm start)', () => {
  let h: ApiHarness;
  let site: ReturnType<typeof withConsole>;
  beforeAll(async () => {
    h = await createHarness();
    // A stand-in for console/dist.
    const dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
    mkdirSync(join(dist, 'docs'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dist, 'docs', 'index.html'), '<!doctype html><title>docs</title>');
    writeFileSync(join(dist, 'assets', 'docs-abc.js'), 'export {};');
    site = withConsole(h.app, dist);
  });

  it('sends the console policy with its pages, files and redirects, and any origin may read the files', async () => {
    for (const path of ['/console/', '/console/assets/docs-abc.js', '/', '/docs']) {
      const res = await site.request(path);
      expect(res.status, path).toBeLessThan(400);
      expectSecurityHeaders(res.headers, CONSOLE_CSP, path);
      expect(res.headers.get('access-control-allow-origin'), path).toBe('*');
    }
  });

  it('sends the sandboxing policy with the docs page', async () => {
    const res = await site.request('/console/docs/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('docs');
    expectSecurityHeaders(res.headers, DOCS_CSP, 'docs');
  });

  it("leaves the API's answers their own policy, also for paths under /console/ that no file answers", async () => {
    for (const path of ['/health', '/console/missing.js']) {
      const res = await site.request(path);
      expectSecurityHeaders(res.headers, API_CSP, path);
    }
  });
});
