import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN_API_KEY } from '../../local/local-runtime.js';
import { type LocalService, startLocalService } from '../support/local-service.js';
import { expectCleanRun, launchBrowser, openWatchedPage } from './support.js';

/** Where the console keeps the key (console/src/api/client.ts). */
const KEY_STORAGE = 'material-alerts.api-key';

let service: LocalService;
let browser: Browser;
let subscriberKey: string;
/** Another origin (another port), serving one page that frames what `?src=` names. */
let elsewhere: Server;
let elsewhereUrl: string;

beforeAll(async () => {
  service = await startLocalService({});
  browser = await launchBrowser();
  const created = await fetch(`${service.url}/v1/subscribers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${LOCAL_ADMIN_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Framed GmbH' }),
  });
  expect(created.status).toBe(201);
  subscriberKey = ((await created.json()) as { apiKey: string }).apiKey;
  elsewhere = createServer((request, response) => {
    const src = new URL(request.url ?? '/', 'http://x').searchParams.get('src') ?? '';
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(`<!doctype html><title>elsewhere</title><iframe src="${encodeURI(src)}"></iframe>`);
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await new Promise((resolve) => elsewhere?.close(resolve));
});

/** The key from this tab's sessionStorage, or why it could not be read. */
const READ_KEY = `(() => {
  try { return sessionStorage.getItem(${JSON.stringify(KEY_STORAGE)}); }
  catch (error) { return 'refused: ' + error.name; }
})()`;

describe('the console and the docs in the browser', () => {
  it.each(['/console/', '/console/docs/'])(
    'cannot be framed by a page on another origin: %s',
    async (path) => {
      const tab = await openWatchedPage(browser);
      const { page } = tab;
      await page.goto(`${elsewhereUrl}/?src=${encodeURIComponent(`${service.url}${path}`)}`);
      await page.waitForLoadState('load');
      const frame = page.frames().find((f) => f !== page.mainFrame());
      // Blocked: the frame holds the browser's error page, not the console or Swagger UI.
      expect(await frame?.evaluate('document.querySelector("#app, #swagger-ui") === null')).toBe(true);
      await expect
        .poll(() => tab.consoleErrors.join('\n'))
        .toMatch(/frame-ancestors 'none'|Refused to display .* in a frame/);
      await tab.context.close();
    },
  );

  it('signs in, then opens the docs from the console: they load cleanly and cannot read the stored key', async () => {
    const tab = await openWatchedPage(browser);
    const { page } = tab;
    await page.goto(`${service.url}/console/`);
    await page.getByLabel('API key').fill(subscriberKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The heading shows before the list has loaded; leaving earlier would abort its request.
    await page.getByText('No subscriptions yet').waitFor();
    expect(await page.evaluate(READ_KEY)).toBe(subscriberKey);

    // The same tab, so the same sessionStorage were the docs on the console's origin.
    await page.getByRole('link', { name: 'API docs' }).click();
    await page.getByText('Material Alerts API').first().waitFor();
    await page.locator('#operations-catalogue-listMaterials').waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/docs/');
    expect(await page.evaluate('window.origin')).toBe('null');
    expect(await page.evaluate(READ_KEY)).toBe('refused: SecurityError');
    expectCleanRun(tab);

    // Nor through a frame of the console, which refuses to be framed, and whose origin differs anyway.
    const throughFrame = await page.evaluate(`new Promise((resolve) => {
      const frame = document.createElement('iframe');
      frame.src = '/console/';
      frame.onload = () => {
        try { resolve(frame.contentWindow.sessionStorage.getItem(${JSON.stringify(KEY_STORAGE)})); }
        catch (error) { resolve('refused: ' + error.name); }
      };
      document.body.append(frame);
    })`);
    expect(throughFrame).toBe('refused: SecurityError');

    // Back on the console, the key is still there: it was this tab's all along.
    await page.goto(`${service.url}/console/`);
    await page.getByRole('heading', { name: 'Subscriptions' }).waitFor();
    expect(await page.evaluate(READ_KEY)).toBe(subscriberKey);
    await tab.context.close();
  });
});
