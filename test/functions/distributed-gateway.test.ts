import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleListener, servesConsole } from '../../local/console-site.js';
import { createApiGateway } from '../../local/distributed/api-gateway.js';

describe('the distributed runtime’s gateway', () => {
  let server: Server;
  let url: string;
  let ready = false;
  const errors: unknown[] = [];
  const invoked: string[] = [];

  beforeAll(async () => {
    server = createApiGateway({
      invoke: async (event) => {
        invoked.push(event.rawPath);
        return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"status":"ok"}' };
      },
      onError: (error) => errors.push(error),
      ready: () => ready,
      site: { serves: servesConsole, listener: consoleListener() },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves the console and the docs as npm start does, / leading to the console', async () => {
    const root = await fetch(`${url}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/console/']);
    const docs = await fetch(`${url}/docs`, { redirect: 'manual' });
    expect([docs.status, docs.headers.get('location')]).toEqual([302, '/console/docs/']);
    const page = await fetch(`${url}/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const docsPage = await fetch(`${url}/console/docs/`);
    expect(docsPage.status).toBe(200);
    expect(invoked).toEqual([]);
  });

  it('answers API requests 503 with Retry-After while starting, without logging an error, then passes them on', async () => {
    const starting = await fetch(`${url}/health`);
    expect([starting.status, starting.headers.get('retry-after')]).toEqual([503, '1']);
    expect(errors).toEqual([]);
    ready = true;
    const up = await fetch(`${url}/health`);
    expect(up.status).toBe(200);
    expect(invoked).toEqual(['/health']);
  });

  it.each([
    ['/', true],
    ['/console', true],
    ['/console/assets/app.js', true],
    ['/docs/', true],
    ['/v1/subscriptions', false],
    ['/openapi.json', false],
    ['/consoles', false],
  ])('GET %s is the console site’s: %s', (path, expected) => {
    expect(servesConsole(path, 'GET')).toBe(expected);
  });

  it('leaves every other method to the API, on any path', () => {
    expect(['POST', 'PUT', 'DELETE', 'PATCH'].map((method) => servesConsole('/', method))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
