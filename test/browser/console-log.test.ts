import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN_API_KEY } from '../../local/local-runtime.js';
import { apiClient } from '../reliability/support.js';
import { eventually, type LocalService, startLocalService, startReceiver } from '../support/local-service.js';
import {
  expectAccessible,
  expectCleanRun,
  launchBrowser,
  openWatchedPage,
  screenshot,
  type WatchedPage,
} from './support.js';

// The delivery log, webhook health and event catalogue, as a subscriber uses them in Chromium.
let service: LocalService;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let browser: Browser;
let tab: WatchedPage;
let key: string;
let healthy: string;
let failing: string;

const TITLE = 'China requires export licences for gallium and germanium items';

/** JSON calls to the service, as its clients make them. */
const call = (method: string, path: string, apiKey: string, body?: unknown) =>
  apiClient(service.url)(method, path, apiKey, body);

async function subscription(name: string, path: string): Promise<string> {
  const res = await call('POST', '/v1/subscriptions', key, {
    name,
    filters: { materials: ['gallium'] },
    webhook: { url: `${receiver.url}${path}` },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.id;
}

beforeAll(async () => {
  // The receiver takes what comes to /ok and refuses what comes to /down.
  receiver = await startReceiver((request) => (request.path.startsWith('/down') ? 500 : 200));
  service = await startLocalService({ WEBHOOK_ALLOW_PRIVATE: 'true', RETRY_SCHEDULE: '100ms,200ms' });
  browser = await launchBrowser();
  const created = await call('POST', '/v1/subscribers', LOCAL_ADMIN_API_KEY, { name: 'Gallium Buyers BV' });
  key = created.json.apiKey;
  healthy = await subscription('Gallium to the fab', '/ok');
  failing = await subscription('Gallium to the old receiver', '/down');
  const change = await call('POST', '/v1/policy-changes', LOCAL_ADMIN_API_KEY, {
    source: 'cn-mofcom',
    sourceRef: 'MOFCOM-2023-23',
    title: TITLE,
    url: 'https://www.mofcom.gov.cn/article/zwgk/gkzcfb/202307/20230703419666.shtml',
    issuingRegion: 'CN',
    affectedRegions: ['*'],
    materials: ['gallium', 'germanium'],
    changeType: 'licence-requirement',
    severity: 'high',
  });
  expect(change.status).toBe(202);
  await eventually('both deliveries at the receiver', async () =>
    receiver.received.some((r) => r.path === '/ok') && receiver.received.some((r) => r.path === '/down')
      ? true
      : undefined,
  );
  tab = await openWatchedPage(browser);
});

afterAll(async () => {
  await tab?.context.close();
  await browser?.close();
  await service?.stop();
  await receiver?.close();
});

describe('the delivery log, endpoint health and event catalogue', () => {
  it('shows what each attempt sent and got, filters and refreshes itself, and confirms what it queued', async () => {
    const { page } = tab;
    await page.goto(`${service.url}/`);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Subscriptions' }).waitFor();
    await page.goto(`${service.url}/console/#/subscriptions/${healthy}`);

    // The delivery appears without a click on Refresh: the log reads itself again.
    const row = page.locator('tr[data-status="delivered"]', { hasText: TITLE });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.locator('[data-change-title] a').getAttribute('href')).toContain('mofcom.gov.cn');
    expect(await row.locator('[data-match]').textContent()).toContain('gallium');
    await row.getByText('1 attempt(s)').click();
    await row.locator('li[data-attempt="0"] summary').click();
    const sent = receiver.received.find((r) => r.path === '/ok');
    expect(JSON.parse((await row.locator('[data-request-body]').textContent()) ?? '')).toEqual(
      JSON.parse(sent?.body ?? ''),
    );
    const request = (await row.locator('.attempt-request').textContent()) ?? '';
    expect(request).toContain(String(sent?.headers['webhook-signature']));
    expect(request).not.toContain('whsec_');
    expect(await row.locator('.attempt-response').textContent()).toContain('content-type');
    expect(await row.locator('[data-latency]').textContent()).toMatch(/^\d+ ms$/);
    await expectAccessible(page, 'delivery log with an attempt open');

    // Verification snippets for five languages, none holding a secret.
    await page.getByText('Verify deliveries in your receiver').click();
    await page.getByRole('tab', { name: 'Python' }).click();
    expect(await page.locator('[data-language="Python"] pre').textContent()).toContain(
      'from standardwebhooks import Webhook',
    );
    await page.getByRole('tab', { name: 'Go' }).click();
    expect(await page.locator('[data-language="Go"] pre').textContent()).toContain(
      'github.com/standard-webhooks/standard-webhooks/libraries/go',
    );

    // A test event of the chosen type, then found again by its webhook-id.
    await page.getByLabel('Test event type').selectOption('policy_change.updated');
    await page.getByRole('button', { name: 'Send test event' }).click();
    const updated = await eventually('the typed test event', async () =>
      receiver.received.find((r) => JSON.parse(r.body).type === 'policy_change.updated'),
    );
    const webhookId = String(updated.headers['webhook-id']);
    await page.getByLabel('webhook-id').fill(webhookId);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(() => page.locator('tr[data-delivery]').allTextContents(), { timeout: 10_000 })
      .toEqual([expect.stringContaining(webhookId)]);
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('Event', { exact: true }).selectOption('policy_change.published');
    await page.getByRole('button', { name: 'Apply' }).click();
    // Polled as a whole: the rows of the previous filter may still be on screen for a moment.
    await expect
      .poll(() => page.locator('tr[data-delivery]').allTextContents())
      .toEqual([expect.stringContaining('policy_change.published')]);

    await page.locator('tr[data-delivery]').getByRole('button', { name: 'Retry' }).click();
    expect(await page.locator('[data-log-notice]').textContent()).toMatch(
      /^Retry queued: policy_change\.published/,
    );
    await eventually('the retried delivery', async () =>
      receiver.received.filter(
        (r) => r.path === '/ok' && r.headers['webhook-id'] === sent?.headers['webhook-id'],
      ).length === 2
        ? true
        : undefined,
    );
  });

  it("shows a failing webhook's health, edits its rate limit, switches it off and on, and recovers", async () => {
    const { page } = tab;
    await page.goto(`${service.url}/console/#/subscriptions/${failing}`);
    await expect.poll(() => page.locator('tr[data-status="dead"]').count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: 'Refresh' }).click();
    const health = page.locator('section.health');
    await expect
      .poll(() => health.locator('[data-rate="day"]').textContent())
      .toBe('0% of 3 attempts succeeded');
    expect(await health.locator('[data-circuit]').getAttribute('data-circuit')).toBe('closed');
    expect(await health.locator('.recent-failures li').count()).toBe(3);

    await page.getByLabel('New rate limit (deliveries per second)').fill('2.5');
    await page.getByRole('button', { name: 'Save rate limit' }).click();
    await expect
      .poll(() => health.locator('[data-rate-limit]').textContent())
      .toBe('2.5 deliveries per second');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Disable webhook' }).click();
    await expect
      .poll(() => health.locator('[data-webhook-status]').textContent())
      .toBe('disabled (disabled by hand)');
    await expectAccessible(page, 'webhook health, disabled');
    await screenshot(page, 'webhook-health');
    await page.getByRole('button', { name: 'Enable webhook' }).click();
    await expect.poll(() => health.locator('[data-webhook-status]').textContent()).toBe('enabled');

    await page.getByLabel('Send again every failed delivery since (your time)').fill('2020-01-01T00:00:00');
    await page.getByRole('button', { name: 'Recover' }).click();
    await expect
      .poll(() => page.locator('[data-log-notice]').textContent())
      .toBe("Recover queued 1 delivery again, paced at the webhook's rate.");
  });

  it('lists every subscription in one log, filtered by status, and the event catalogue from the API description', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Deliveries' }).click();
    await page.getByRole('heading', { name: 'Deliveries', level: 1 }).waitFor();
    await expect.poll(() => page.locator('tr[data-delivery]').count(), { timeout: 10_000 }).toBe(3);
    // Each row names its subscription (the names arrive with the subscription list).
    await expect
      .poll(async () => new Set(await page.locator('tr[data-delivery] td:nth-child(2)').allTextContents()))
      .toEqual(new Set(['Gallium to the fab', 'Gallium to the old receiver']));
    await page.getByLabel('Status').selectOption('delivered');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(() =>
        page
          .locator('tr[data-delivery]')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status'))),
      )
      .toEqual(['delivered', 'delivered']);
    await expectAccessible(page, 'deliveries across subscriptions');
    await screenshot(page, 'deliveries');
    const first = page.locator('tr[data-delivery]').first();
    await first.getByText(/attempt\(s\)/).click();
    await first.locator('li[data-attempt="0"] summary').click();
    await first.locator('[data-request-body]').waitFor();
    await expectAccessible(page, 'an attempt across subscriptions');
    await screenshot(page, 'delivery-attempt');

    await page.getByRole('link', { name: 'Event types' }).click();
    await page.getByRole('heading', { name: 'Event catalogue' }).waitFor();
    expect(await page.locator('article[data-event]').count()).toBe(7);
    const published = page.locator('article[data-event="policy_change.published"]');
    expect(JSON.parse((await published.locator('[data-example]').textContent()) ?? '')).toMatchObject({
      type: 'policy_change.published',
      data: { policyChange: { sourceRef: 'MOFCOM-2023-23' } },
    });
    await published.getByText('Fields').click();
    expect(await published.locator('.schema-fields').first().textContent()).toContain('policyChange');
    await expectAccessible(page, 'event catalogue');
    await screenshot(page, 'event-catalogue');
    expectCleanRun(tab);
  });
});
