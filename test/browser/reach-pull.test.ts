import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN_API_KEY } from '../../local/local-runtime.js';
import { eventually, type LocalService, startLocalService } from '../support/local-service.js';
import { serviceClient } from '../support/service-client.js';
import { expectAccessible, expectCleanRun, launchBrowser, openWatchedPage, screenshot } from './support.js';

let service: LocalService;
let browser: Browser;
let subscriberKey: string;

const call = serviceClient(() => service.url);

beforeAll(async () => {
  service = await startLocalService({});
  browser = await launchBrowser();
  const created = await call('POST', '/v1/subscribers', LOCAL_ADMIN_API_KEY, { name: 'Firewalled Magnets' });
  expect(created.status).toBe(201);
  subscriberKey = created.json.apiKey;
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

describe('the console, for a subscriber that pulls its alerts', () => {
  it('keeps alerts in the event feed, shows the cursor, and issues and revokes a calendar URL', async () => {
    const tab = await openWatchedPage(browser);
    const { page } = tab;
    await page.goto(`${service.url}/`);
    await page.getByLabel('API key').fill(subscriberKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Subscriptions' }).waitFor();

    // A subscription whose only channel is the feed, made in the form.
    await page.goto(`${service.url}/console/#/subscriptions/new`);
    await page.getByLabel('Name', { exact: true }).fill('Gallium, pulled');
    await page.getByLabel('Search materials').first().fill('gallium');
    await page.locator('input[data-material="gallium"]').first().check();
    await page.getByLabel('Keep alerts in the event feed').check();
    await expectAccessible(page, 'subscription form with the feed');
    await page.getByRole('button', { name: 'Create subscription' }).click();
    await page.waitForURL((url) => /^#\/subscriptions\/sub_/.test(url.hash));
    const subscriptions = await call('GET', '/v1/subscriptions', subscriberKey);
    expect(
      subscriptions.json.items.map((s: { feed?: boolean; webhook?: unknown }) => [s.feed, s.webhook]),
    ).toEqual([[true, undefined]]);

    const change = await call('POST', '/v1/policy-changes', LOCAL_ADMIN_API_KEY, {
      source: 'mofcom',
      sourceRef: `browser-feed-${Date.now()}`,
      revision: 1,
      title: 'Gallium export licensing, pulled through the feed',
      issuingRegion: 'CN',
      affectedRegions: ['*'],
      materials: ['gallium'],
      changeType: 'licence-requirement',
      severity: 'high',
      publishedAt: '2026-08-01T00:00:00+08:00',
      effectiveAt: '2026-09-01T00:00:00+08:00',
    });
    expect(change.status, JSON.stringify(change.json)).toBe(202);
    await eventually('the alert in the feed', async () => {
      const feed = await call('GET', '/v1/events', subscriberKey);
      return feed.json.items.length > 0 ? feed : undefined;
    });

    await page.getByRole('link', { name: 'Event feed' }).click();
    const row = page.locator('table.events tr', { hasText: 'Gallium export licensing, pulled' });
    await row.waitFor();
    expect(await row.textContent()).toContain('policy_change.published');
    const cursor = await page.locator('code.cursor').textContent();
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    await expectAccessible(page, 'event feed');
    await screenshot(page, 'event-feed');
    await page.getByRole('button', { name: 'Read on from this cursor' }).click();
    await page.getByText('No events after this cursor yet').waitFor();
    expect(await page.getByLabel('Read after cursor (empty: from the oldest)').inputValue()).toBe(cursor);

    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('button', { name: 'Get calendar URL' }).click();
    const urlField = page.getByLabel('Calendar URL', { exact: true });
    await urlField.waitFor();
    const url = await urlField.inputValue();
    expect(url).toMatch(/\/v1\/calendars\/cal_[A-Za-z0-9_-]{43}\.ics$/);
    await page.getByRole('button', { name: 'Copy URL' }).click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(url);
    const calendar = await fetch(url);
    expect(calendar.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(await calendar.text()).toContain('DTSTART;VALUE=DATE:20260901');
    await expectAccessible(page, 'profile with the calendar URL');

    await page.getByRole('button', { name: 'Revoke', exact: true }).click();
    await page.getByRole('button', { name: 'Revoke calendar URL' }).click();
    await page.getByText('No calendar URL is active.').waitFor();
    expect((await fetch(url)).status).toBe(404);
    await expectAccessible(page, 'profile after revoking');
    expectCleanRun(tab);
    await tab.context.close();
  });
});
