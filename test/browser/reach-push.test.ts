import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN_API_KEY } from '../../local/local-runtime.js';
import { eventually, type LocalService, startLocalService, startReceiver } from '../support/local-service.js';
import {
  apiCall,
  expectAccessible,
  expectCleanRun,
  expectLogRows,
  launchBrowser,
  openWatchedPage,
  screenshot,
} from './support.js';

// A local receiver stands in for Slack: the service allows its host (CHAT_WEBHOOK_HOSTS) and its
// loopback address (WEBHOOK_ALLOW_PRIVATE), as a deployment allows hooks.slack.com.
let service: LocalService;
let slack: Awaited<ReturnType<typeof startReceiver>>;
let browser: Browser;
let subscriberKey: string;

const call = (method: string, path: string, key: string, body?: unknown) =>
  apiCall(service.url, method, path, key, body);

beforeAll(async () => {
  slack = await startReceiver();
  service = await startLocalService({ WEBHOOK_ALLOW_PRIVATE: 'true', CHAT_WEBHOOK_HOSTS: '127.0.0.1' });
  browser = await launchBrowser();
  const created = await call('POST', '/v1/subscribers', LOCAL_ADMIN_API_KEY, { name: 'Compliance lead' });
  expect(created.status).toBe(201);
  subscriberKey = created.json.apiKey;
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await slack?.close();
});

async function signIn(page: Page) {
  await page.goto(`${service.url}/`);
  await page.getByLabel('API key').fill(subscriberKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Subscriptions' }).waitFor();
}

describe('digests and Slack in the console', () => {
  it('sets a daily digest and a Slack channel, sees the next digest, and sends a test message to Slack', async () => {
    const created = await call('POST', '/v1/subscriptions', subscriberKey, {
      name: 'Gallium, each morning',
      filters: { materials: ['gallium'] },
      email: ['compliance@example.com'],
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const tab = await openWatchedPage(browser);
    const { page } = tab;
    await signIn(page);
    await page.locator('tr', { hasText: 'Gallium, each morning' }).waitFor();

    await page.goto(`${service.url}/console/#/subscriptions/${id}/edit`);
    await page.getByLabel('Slack URL (incoming webhook)').waitFor();
    // A host off the list is refused, and the message shows beside the field.
    await page.getByLabel('Slack URL (incoming webhook)').fill('https://hooks.example.com/services/x');
    const [refused] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith(`/v1/subscriptions/${id}`) && r.request().method() === 'PATCH',
      ),
      page.getByRole('button', { name: 'Save changes' }).click(),
    ]);
    expect(refused.status()).toBe(422);
    await expect
      .poll(() => page.locator('[data-field="slack"] .field-error').textContent())
      .toContain('host-not-allowed');

    await page.getByLabel('Slack URL (incoming webhook)').fill(`${slack.url}/services/T0/B0/test`);
    await page.getByLabel('Send', { exact: true }).selectOption('daily');
    await page.getByLabel('At', { exact: true }).selectOption('7');
    await page.getByLabel('Time zone').fill('Europe/Berlin');
    await expect
      .poll(() => page.locator('[data-next-digest]').textContent())
      .toMatch(/^Next digest: \w{3} \d{1,2} \w{3}, 07:00 \(Europe\/Berlin; .+ your time\)/);
    await expectAccessible(page, 'subscription form with a digest and Slack');
    await screenshot(page, 'subscription-reach');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL((url) => url.hash === `#/subscriptions/${id}`);

    const stored = await call('GET', `/v1/subscriptions/${id}`, subscriberKey);
    expect(stored.json.digest).toEqual({ frequency: 'daily', hour: 7, timeZone: 'Europe/Berlin' });
    expect(stored.json.slack).toEqual({ url: `${slack.url}/services/T0/B0/test` });

    // The subscription page: when the next digest goes, what it holds, and the Slack test.
    const next = page.locator('[data-next-digest-at]');
    await next.waitFor();
    expect(await next.textContent()).toContain('nothing gathered so far');
    const nextAt = new Date((await next.getAttribute('data-next-digest-at')) ?? '');
    expect(nextAt.getTime()).toBeGreaterThan(Date.now());
    expect(nextAt.getUTCHours()).toBe(
      nextAt.getTimezoneOffset() === 0 ? nextAt.getUTCHours() : nextAt.getUTCHours(),
    );
    expect([5, 6]).toContain(nextAt.getUTCHours()); // 07:00 in Berlin, summer or winter time
    await page.getByRole('button', { name: 'Send test message to Slack' }).click();
    const message = await eventually('the test message at the Slack receiver', async () => slack.received[0]);
    expect(message.path).toBe('/services/T0/B0/test');
    const body = JSON.parse(message.body) as { text: string; blocks: { type: string }[] };
    expect(body.blocks[0]?.type).toBe('header');
    expect(body.text).toContain('Test message: this Slack channel receives Material Alerts');
    await expectLogRows(page, page.locator('tr[data-status="delivered"]', { hasText: 'slack' }), 1);
    await expectAccessible(page, 'subscription page with a digest and Slack');

    // The console names its icon inline (no request, nothing to fail); /favicon.ico serves it to
    // pages that name none.
    await page.goto(`${service.url}/console/#/subscriptions`);
    await page.locator('tr', { hasText: 'daily digest' }).waitFor();
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/^data:image\/svg\+xml,/);
    const icon = await fetch(`${service.url}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await icon.text()).toContain('<title>Material Alerts</title>');
    expectCleanRun(tab, [`422 PATCH /v1/subscriptions/${id}`]);
    await tab.context.close();
  });
});
