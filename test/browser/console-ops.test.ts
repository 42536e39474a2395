import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN_API_KEY } from '../../local/local-runtime.js';
import { loadHistory } from '../../shared/ingest/shipped-history/shipped-history.js';
import { type LocalService, startLocalService, startReceiver } from '../support/local-service.js';
import {
  apiCall,
  expectAccessible,
  expectCleanRun,
  launchBrowser,
  openWatchedPage,
  screenshot,
  type WatchedPage,
} from './support.js';

let service: LocalService;
let browser: Browser;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let subscriberKey: string;
let galliumSubscription: string;

const call = (method: string, path: string, key: string, body?: unknown) =>
  apiCall(service.url, method, path, key, body);

async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function signIn(tab: WatchedPage, key: string, landing: string) {
  await tab.page.goto(`${service.url}/`);
  await tab.page.getByLabel('API key').fill(key);
  await tab.page.getByRole('button', { name: 'Sign in' }).click();
  await tab.page.getByRole('heading', { name: landing }).waitFor();
}

const go = (page: Page, hash: string) => page.goto(`${service.url}/console/#${hash}`);

beforeAll(async () => {
  service = await startLocalService({ WEBHOOK_ALLOW_PRIVATE: 'true' });
  browser = await launchBrowser();
  // A receiver that has gone away (410): its deliveries die at once, for the dead-delivery page.
  receiver = await startReceiver(() => 410);
  const gone = await call('POST', '/v1/subscribers', LOCAL_ADMIN_API_KEY, { name: 'Zeta Gone Trading' });
  await call('POST', '/v1/subscriptions', gone.json.apiKey, {
    name: 'Gallium, receiver gone',
    filters: { materials: ['gallium'] },
    webhook: { url: `${receiver.url}/hooks` },
  });
  await loadHistory({ url: service.url, apiKey: LOCAL_ADMIN_API_KEY });
  const created = await call('POST', '/v1/subscribers', LOCAL_ADMIN_API_KEY, { name: 'Analyst desk' });
  subscriberKey = created.json.apiKey;
  const subscription = await call('POST', '/v1/subscriptions', subscriberKey, {
    name: 'Gallium anywhere',
    filters: { materials: ['gallium'] },
    email: ['desk@example.com'],
  });
  expect(subscription.status).toBe(201);
  galliumSubscription = subscription.json.id;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await service?.stop();
});

describe('the console for tuning a filter', () => {
  it('previews what the filters would have caught in the history, and finds US first among regions', async () => {
    const tab = await openWatchedPage(browser);
    const { page } = tab;
    await signIn(tab, subscriberKey, 'Subscriptions');
    await go(page, `/subscriptions/${galliumSubscription}/edit`);
    const count = page.getByTestId('preview-count');
    await count.waitFor();
    expect(await count.textContent()).toMatch(/^\d+ stored policy changes would have been sent/);
    await page.locator('tr[data-source-ref="MOFCOM-2023-23"]').waitFor();
    const verdicts = await page.locator('.preview-table .verdict').count();
    expect(verdicts).toBe(await page.locator('.preview-table tbody tr').count());

    const search = page.locator('fieldset[data-picker^="affectedRegions"] input[type="search"]').first();
    await search.fill('US');
    const first = page
      .locator('fieldset[data-picker^="affectedRegions"] .options input[data-region]')
      .first();
    expect(await first.getAttribute('data-region')).toBe('US');
    await search.fill('united states');
    expect(await first.getAttribute('data-region')).toBe('US');
    await expectAccessible(page, 'subscription form with its preview');
    expectCleanRun(tab);
    await tab.context.close();
  });
});

describe('the console for operators', () => {
  it('lists subscribers by name, renames one and deletes one with everything it owns', async () => {
    const tab = await openWatchedPage(browser);
    const { page } = tab;
    await signIn(tab, LOCAL_ADMIN_API_KEY, 'Subscribers and keys');
    const doomed = await call('POST', '/v1/subscribers', LOCAL_ADMIN_API_KEY, { name: 'Beta Doomed Metals' });
    await call('POST', '/v1/subscriptions', doomed.json.apiKey, {
      name: 'Antimony',
      filters: { materials: ['antimony'] },
      email: ['beta@example.com'],
    });
    await go(page, '/admin/by-name');
    await page.locator(`tr[data-subscriber="${doomed.json.id}"]`).waitFor();
    const names = await page.locator('tr[data-subscriber] td:first-child').allTextContents();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' })));
    expect(names).toContain('Analyst desk');

    await page.getByRole('button', { name: 'Rename Analyst desk' }).click();
    await page.getByLabel('New name for Analyst desk').fill('Analyst desk (Rotterdam)');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Renamed to “Analyst desk (Rotterdam)”.').waitFor();
    await page.getByRole('link', { name: 'Analyst desk (Rotterdam)' }).waitFor();

    page.once('dialog', (dialog) => {
      expect(dialog.message()).toContain('deletes all its subscriptions and API keys');
      void dialog.accept();
    });
    await page.getByRole('button', { name: 'Delete Beta Doomed Metals' }).click();
    const notice = page.getByTestId('subscriber-notice');
    await page.getByText(/Deleted “Beta Doomed Metals”/).waitFor();
    expect(await notice.textContent()).toContain('1 subscriptions, 1 API keys');
    // The list is read again after the notice: the row goes once it has been.
    await page.locator(`tr[data-subscriber="${doomed.json.id}"]`).waitFor({ state: 'detached' });
    await expectAccessible(page, 'subscribers by name');
    await screenshot(page, 'admin-subscribers-by-name');
    expectCleanRun(tab);
    await tab.context.close();
  });

  it('retries dead deliveries in bulk, shows matching counts, and warns of a wildcard’s reach before approval', async () => {
    await eventually(async () => {
      const dead = await call('GET', '/v1/admin/deliveries/dead', LOCAL_ADMIN_API_KEY);
      return dead.json.items.length > 0 ? dead.json.items : undefined;
    }, 'a dead delivery');
    const tab = await openWatchedPage(browser);
    const { page } = tab;
    await signIn(tab, LOCAL_ADMIN_API_KEY, 'Subscribers and keys');

    await go(page, '/admin/dead');
    await page.locator('tr[data-delivery]').first().waitFor();
    await expectAccessible(page, 'dead deliveries');
    await screenshot(page, 'admin-dead-deliveries');
    await page.getByRole('button', { name: 'Select this page' }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: /^Retry selected/ }).click();
    await page.getByText(/^Queued \d+ deliveries again\./).waitFor();

    await go(page, '/admin/changes');
    const matching = page.locator('[data-matching="completed"]').first();
    await matching.waitFor();
    expect(await matching.textContent()).toMatch(/subscription\(s\) matched, \d+ alert\(s\) sent/);

    const queued = await call('POST', '/v1/policy-changes', LOCAL_ADMIN_API_KEY, {
      source: 'ofac',
      sourceRef: 'OFAC-BROWSER-1',
      title: 'draft: every item to a sanctioned region',
      issuingRegion: 'US',
      affectedRegions: ['*'],
      materials: ['*'],
      changeType: 'export-ban',
      severity: 'low',
      url: 'https://ofac.treasury.gov/recent-actions/browser-1',
      reviewStatus: 'pending',
      confidence: 0.4,
    });
    expect(queued.status).toBe(202);
    await go(page, '/admin/review');
    const entry = page.locator(`li[data-review="${queued.json.id}"]`);
    await entry.locator('.reach.warning').waitFor();
    expect(await entry.locator('.reach.warning').textContent()).toMatch(
      /^Every item \(materials \*\): If approved, it would match \d+ subscriptions? and alert \d+ of them\.$/,
    );
    expect(await entry.getByRole('link', { name: /Source document/ }).getAttribute('href')).toBe(
      'https://ofac.treasury.gov/recent-actions/browser-1',
    );
    await expectAccessible(page, 'review queue with a wildcard');
    await screenshot(page, 'admin-review-reach');
    await entry.getByLabel('Title').fill('Every item to a sanctioned region');
    await entry.getByLabel('Severity').selectOption('critical');
    await entry.getByRole('button', { name: 'Approve' }).click();
    await entry.waitFor({ state: 'detached' });
    await page.getByLabel('Show').selectOption('published');
    const approved = page.locator(`li[data-review="${queued.json.id}"]`);
    await approved.waitFor();
    expect(await approved.locator('.change-head').textContent()).toBe(
      'critical Every item to a sanctioned region',
    );
    expect(await approved.textContent()).toContain('corrected: title, severity');
    expectCleanRun(tab);
    await tab.context.close();
  });

  it('checks a new material before sending it and confirms the save', async () => {
    const tab = await openWatchedPage(browser);
    const { page } = tab;
    await signIn(tab, LOCAL_ADMIN_API_KEY, 'Subscribers and keys');
    await go(page, '/admin/catalogue');
    await page.getByRole('button', { name: 'New material' }).click();
    await page.getByRole('button', { name: 'Save material' }).click();
    await page.locator('[data-field="id"] .field-error').waitFor();
    expect(await page.locator('[data-field="name"] .field-error').textContent()).toContain(
      'a name is required',
    );
    await expectAccessible(page, 'catalogue editor with a material not yet complete');
    await page.getByLabel('Id (kebab-case)').fill('cobalt-chromium-alloy');
    await page.getByLabel('Name', { exact: true }).fill('Cobalt–chromium alloy');
    await page.getByLabel('Parents (ids, comma-separated)').fill('cobalt');
    await page.getByRole('button', { name: 'Save material' }).click();
    await page.getByText('Saved Cobalt–chromium alloy (cobalt-chromium-alloy).').waitFor();
    const stored = (await fetch(`${service.url}/v1/materials`).then((res) => res.json())) as {
      items: { id: string }[];
    };
    expect(stored.items.some((m: { id: string }) => m.id === 'cobalt-chromium-alloy')).toBe(true);
    // Nothing was sent while the material was incomplete: no 405 or 422 from the API.
    expectCleanRun(tab);
    await tab.context.close();
  });
});
