import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN_API_KEY } from '../../local/local-runtime.js';
import { type LocalService, startLocalService } from '../support/local-service.js';
import {
  apiCall,
  expectAccessible,
  expectCleanRun,
  launchBrowser,
  openWatchedPage,
  screenshot,
} from './support.js';

let service: LocalService;
let browser: Browser;
let subscriberKey: string;

const call = (method: string, path: string, key: string, body?: unknown) =>
  apiCall(service.url, method, path, key, body);

beforeAll(async () => {
  service = await startLocalService({ WEBHOOK_ALLOW_PRIVATE: 'true' });
  browser = await launchBrowser();
  const created = await call('POST', '/v1/subscribers', LOCAL_ADMIN_API_KEY, { name: 'Cathode maker' });
  expect(created.status).toBe(201);
  subscriberKey = created.json.apiKey;
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

describe('the console, for a subscription with several clauses', () => {
  it('lists the clauses, edits each with its scopes, adds one and removes one', async () => {
    const created = await call('POST', '/v1/subscriptions', subscriberKey, {
      name: 'Cobalt from the DRC, lithium from Chile',
      filters: [
        { materials: ['cobalt'], originRegions: ['CD'] },
        { materials: ['lithium'], originRegions: ['CL'], scopes: ['lanes'] },
      ],
      email: ['compliance@example.com'],
    });
    expect(created.status).toBe(201);
    const tab = await openWatchedPage(browser);
    const { page } = tab;
    await page.goto(`${service.url}/`);
    await page.getByLabel('API key').fill(subscriberKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Subscriptions' }).waitFor();
    const row = page.locator('tr', { hasText: 'Cobalt from the DRC' });
    await row.waitFor();
    expect(await row.textContent()).toContain('cobalt | lithium [lanes]');

    await page.goto(`${service.url}/console/#/subscriptions/${created.json.id}/edit`);
    await page.locator('fieldset[data-clause="1"]').waitFor();
    expect(await page.locator('fieldset[data-clause]').count()).toBe(2);
    expect(await page.locator('input[name="filters.1.scopes"][value="lanes"]').isChecked()).toBe(true);
    expect(await page.locator('input[name="filters.0.scopes"][value="lanes"]').isChecked()).toBe(false);

    // A third clause that hears every party rule, and the first clause taken out.
    await page.getByRole('button', { name: 'Add a clause' }).click();
    await page.locator('input[name="filters.2.scopes"][value="parties"]').check();
    await expectAccessible(page, 'subscription form with three clauses');
    await screenshot(page, 'subscription-clauses');
    await page.getByRole('button', { name: 'Remove clause 1' }).click();
    expect(await page.locator('fieldset[data-clause]').count()).toBe(2);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL((url) => url.hash === `#/subscriptions/${created.json.id}`);

    const stored = await call('GET', `/v1/subscriptions/${created.json.id}`, subscriberKey);
    expect(stored.json.filters).toEqual([
      { materials: ['lithium'], originRegions: ['CL'], scopes: ['lanes'] },
      { scopes: ['parties'] },
    ]);
    expectCleanRun(tab);
    await tab.context.close();
  });
});
