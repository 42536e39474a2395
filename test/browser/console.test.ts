import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN_API_KEY } from '../../local/local-runtime.js';
import { eventually, type LocalService, startLocalService, startReceiver } from '../support/local-service.js';
import {
  expectAccessible,
  expectCleanRun,
  launchBrowser,
  openWatchedPage,
  screenshot,
  type WatchedPage,
} from './support.js';

let service: LocalService;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let browser: Browser;
let subscriber: { id: string; key: string };
let queuedId: string;

const QUEUED_CHANGE = {
  source: 'federal-register',
  sourceRef: '2025-20001',
  title: 'Rare earth magnets: investigation of imports',
  issuingRegion: 'US',
  affectedRegions: ['US'],
  originRegions: ['CN'],
  materials: ['rare-earths'],
  changeType: 'trade-investigation',
  severity: 'low',
  reviewStatus: 'pending',
  confidence: 0.45,
  evidence: ['title names rare earth magnets'],
};

async function call(method: string, path: string, key: string, body?: unknown) {
  const res = await fetch(`${service.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  // biome-ignore lint/suspicious/noExplicitAny: answers are asserted field by field with expect
  const json: any = await res.json();
  return { status: res.status, json };
}

beforeAll(async () => {
  receiver = await startReceiver();
  // One replay per delivery and hour, so the second retry meets the replay budget's 429.
  service = await startLocalService({
    WEBHOOK_ALLOW_PRIVATE: 'true',
    RETRY_SCHEDULE: '100ms,200ms',
    REPLAY_LIMIT: '1',
  });
  browser = await launchBrowser();
  const created = await call('POST', '/v1/subscribers', LOCAL_ADMIN_API_KEY, { name: 'Magnetwerk GmbH' });
  expect(created.status).toBe(201);
  subscriber = { id: created.json.id, key: created.json.apiKey };
  const change = await call('POST', '/v1/policy-changes', LOCAL_ADMIN_API_KEY, {
    source: 'cn-mofcom',
    sourceRef: 'MOFCOM-2025-70',
    title: 'China suspends its October 2025 rare-earth export controls for one year',
    issuingRegion: 'CN',
    affectedRegions: ['*'],
    materials: ['rare-earths', 'holmium'],
    changeType: 'suspension',
    direction: 'relaxation',
    severity: 'high',
    relatedChanges: [{ relation: 'suspends', source: 'cn-mofcom', sourceRef: 'MOFCOM-2025-57' }],
    publishedAt: '2025-11-07T10:00:00+08:00',
    effectiveAt: '2025-11-10T00:00:00+08:00',
    expiresAt: '2026-11-10T00:00:00+08:00',
  });
  expect(change.status).toBe(202);
  // An importer unsure of its tagging queues a change for an administrator.
  const queued = await call('POST', '/v1/policy-changes', LOCAL_ADMIN_API_KEY, QUEUED_CHANGE);
  expect(queued.status).toBe(202);
  expect(queued.json.reviewStatus).toBe('pending');
  queuedId = queued.json.id;
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  await receiver?.close();
});

async function signIn(page: Page, key: string) {
  await page.goto(`${service.url}/`);
  expect(new URL(page.url()).pathname).toBe('/console/');
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('the console, for a subscriber', () => {
  let tab: WatchedPage;
  beforeAll(async () => {
    tab = await openWatchedPage(browser);
  });
  afterAll(async () => {
    await tab.context.close();
  });

  it('signs in, creates a subscription with the pickers, sends a test event and retries its delivery', async () => {
    const { page } = tab;
    await signIn(page, subscriber.key);
    await page.getByRole('heading', { name: 'Subscriptions' }).waitFor();
    await expectAccessible(page, 'subscriptions (empty)');
    expect(await page.evaluate('sessionStorage.length')).toBe(1);

    await page.getByRole('link', { name: 'New subscription' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Dysprosium into the EU');
    // The material picker finds dysprosium by its Chinese name, gallium by an HS code.
    await page.getByLabel('Search materials').fill('镝');
    await page.locator('input[data-material="dysprosium"]').check();
    await page.getByLabel('Search materials').fill('8112.92');
    await expect.poll(() => page.locator('input[data-material="gallium"]').count()).toBeGreaterThan(0);
    await page.locator('input[data-material="gallium"]').first().check();
    await page.getByLabel('Search materials').fill('');
    const affected = page.locator('[data-picker="affectedRegions"]');
    await affected.getByLabel('Search countries and groups').fill('EU');
    await affected.locator('input[data-region="EU"]').check();
    await page.getByLabel('Minimum severity').selectOption('medium');
    await page.locator('input[name="filters.directions"][value="tightening"]').check();
    await page.getByRole('button', { name: 'Add an entity' }).click();
    await page.locator('.entities input').first().fill('Shenghe Resources');
    await expectAccessible(page, 'new subscription form');
    await screenshot(page, 'subscription-form');

    // Bad input: the API's own message appears beside the field it names.
    await page.getByLabel('Webhook URL').fill('not a url');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/v1/subscriptions') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Create subscription' }).click(),
    ]);
    expect(refused.status()).toBe(422);
    const problem = (await refused.json()) as { errors: { field: string; message: string }[] };
    const urlIssue = problem.errors.find((e) => e.field.startsWith('webhook'));
    expect(urlIssue?.message).toBeTruthy();
    await expect
      .poll(() => page.locator('[data-field="webhook"] .field-error').textContent())
      .toContain(urlIssue?.message);
    await expectAccessible(page, 'form with an error');

    await page.getByLabel('Webhook URL').fill(`${receiver.url}/hooks`);
    await page.getByRole('button', { name: 'Create subscription' }).click();
    const secret = page.getByTestId('webhook-secret');
    await secret.waitFor();
    expect(await secret.textContent()).toMatch(/^whsec_/);
    await expectAccessible(page, 'subscription page with its secret');
    await screenshot(page, 'subscription');

    const subscriptionId = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
    const stored = await call('GET', `/v1/subscriptions/${subscriptionId}`, subscriber.key);
    expect(stored.json.filters).toMatchObject({
      materials: ['dysprosium', 'gallium'],
      affectedRegions: ['EU'],
      minSeverity: 'medium',
      directions: ['tightening'],
      entities: [{ name: 'Shenghe Resources' }],
    });

    await page.getByRole('button', { name: 'Send test event' }).click();
    const first = await eventually('the test event at the receiver', async () => receiver.received[0]);
    expect(JSON.parse(first.body).type).toBe('subscription.test');
    const row = page.locator('tr[data-status="delivered"]');
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Refresh' }).click();
          return row.count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    await row.getByText('1 attempt(s)').click();
    expect(await row.locator('.attempts').textContent()).toContain('200');

    await row.getByRole('button', { name: 'Retry' }).click();
    const second = await eventually('the retried delivery', async () => receiver.received[1]);
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Refresh' }).click();
          return page.locator('tr[data-status="delivered"]').getByText('2 attempt(s)').count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    await expectAccessible(page, 'delivery log');
    await screenshot(page, 'delivery-log');

    // Past the replay budget: the API's 429 is shown with when to try again, like any other problem.
    const retried = page.locator('tr[data-status="delivered"]');
    const [budget] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/retry') && r.request().method() === 'POST'),
      retried.getByRole('button', { name: 'Retry' }).click(),
    ]);
    expect(budget.status()).toBe(429);
    const retryAfter = Number(budget.headers()['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    const banner = page.locator('.problem', { hasText: 'Try again after' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain(((await budget.json()) as { detail: string }).detail);
    const retryAt = Date.parse((await banner.locator('[data-retry-at]').getAttribute('data-retry-at')) ?? '');
    expect(Math.abs(retryAt - (Date.now() + retryAfter * 1000))).toBeLessThan(60_000);
    expect(receiver.received).toHaveLength(2);
    await expectAccessible(page, 'delivery log with a refused retry');
    const deliveryPath = new URL(budget.url()).pathname;

    // Times are shown in the reader's zone, with UTC on hover.
    const time = page.locator('tr[data-status="delivered"] time').first();
    expect(await time.getAttribute('title')).toMatch(/ UTC$/);

    await page.getByRole('link', { name: 'Policy changes' }).click();
    await page.getByText('China suspends its October 2025 rare-earth export controls').first().waitFor();
    await expectAccessible(page, 'timeline');
    await screenshot(page, 'timeline');
    const regime = page.getByRole('region', { name: 'Regime in force on a lane' });
    await regime.getByLabel('Material', { exact: true }).fill('holmium');
    await regime.getByLabel('Origin', { exact: true }).fill('CN');
    await regime.getByLabel('At (your time; blank: now)').fill('2026-03-01T12:00');
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/v1/regime')),
      regime.getByRole('button', { name: 'Show the regime' }).click(),
    ]);
    expect(answer.status(), await answer.text()).toBe(200);
    await page.getByTestId('regime').waitFor();
    expect(await page.getByTestId('regime').textContent()).toContain('China suspends');

    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    await expectAccessible(page, 'own keys');

    expectCleanRun(tab, ['422 POST /v1/subscriptions', `429 POST ${deliveryPath}`]);
  });
});

describe('the console, for a subscriber with SMS numbers', () => {
  it('shows a wrong code beside its field and the daily code limit with when to try again', async () => {
    const tab = await openWatchedPage(browser);
    const { page } = tab;
    const phoneNumber = '+4915112345678';
    const created = await call('POST', '/v1/subscriptions', subscriber.key, {
      name: 'Gallium by text',
      filters: { materials: ['gallium'] },
      sms: [phoneNumber],
    });
    expect(created.status).toBe(201);
    expect(created.json.smsStatus).toEqual({ [phoneNumber]: 'pending' });
    await signIn(page, subscriber.key);
    await page.getByRole('heading', { name: 'Subscriptions' }).waitFor();
    await page.goto(`${service.url}/console/#/subscriptions/${created.json.id}`);
    const entry = page.locator(`li[data-sms="${phoneNumber}"]`);
    await entry.waitFor();
    expect(await entry.locator('.badge').textContent()).toBe('pending');

    await entry.getByLabel(`Code texted to ${phoneNumber}`).fill('000000');
    const [wrong] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/sms/confirm')),
      entry.getByRole('button', { name: 'Confirm number' }).click(),
    ]);
    expect(wrong.status()).toBe(422);
    const problem = (await wrong.json()) as { errors: { field: string; message: string }[] };
    const codeIssue = problem.errors.find((e) => e.field === 'code');
    expect(codeIssue?.message).toBeTruthy();
    await expect
      .poll(() => entry.locator('[data-field="code"] .field-error').textContent())
      .toContain(codeIssue?.message);
    await expectAccessible(page, 'SMS number with a wrong code');

    // The code sent at creation and two more: the fourth of the day is refused.
    const resend = async () => {
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/sms/resend')),
        entry.getByRole('button', { name: 'Text a new code' }).click(),
      ]);
      return answer;
    };
    for (const _ of [1, 2]) {
      expect((await resend()).status()).toBe(202);
      await entry.getByText('A new code was texted').waitFor();
    }
    const refused = await resend();
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
    const banner = entry.locator('.problem', { hasText: 'Try again after' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain(((await refused.json()) as { detail: string }).detail);
    await expectAccessible(page, 'SMS number past its daily codes');
    await screenshot(page, 'sms-confirmation');

    const path = `/v1/subscriptions/${created.json.id}/sms`;
    expectCleanRun(tab, [`422 POST ${path}/confirm`, `429 POST ${path}/resend`]);
    await tab.context.close();
  });
});

describe('the console, for an administrator', () => {
  let tab: WatchedPage;
  beforeAll(async () => {
    tab = await openWatchedPage(browser);
  });
  afterAll(async () => {
    await tab.context.close();
  });

  it('creates a subscriber, edits a subscriber’s filters, approves a queued change, and every admin page is accessible', async () => {
    const { page } = tab;
    const created = await call('POST', '/v1/subscriptions', subscriber.key, {
      name: 'Rare earths anywhere',
      filters: { materials: ['rare-earths'] },
      webhook: { url: `${receiver.url}/admin-hooks` },
    });
    expect(created.status).toBe(201);

    await signIn(page, LOCAL_ADMIN_API_KEY);
    await page.getByRole('heading', { name: 'Subscribers and keys' }).waitFor();
    await page.getByLabel('Organisation name').fill('Batteriewerk AG');
    await page.getByRole('button', { name: 'Create subscriber' }).click();
    const key = page.getByTestId('new-api-key');
    await key.waitFor();
    expect(await key.textContent()).toMatch(/^ma_sub_/);
    await expectAccessible(page, 'subscribers and keys');
    await screenshot(page, 'admin-subscribers');

    await page.goto(`${service.url}/console/#/admin/subscribers/${subscriber.id}`);
    await page
      .locator('tr', { hasText: 'Rare earths anywhere' })
      .getByRole('link', { name: 'Edit filters' })
      .click();
    await page.getByRole('button', { name: 'Save filters' }).waitFor();
    await page.getByLabel('Search materials').fill('gallium');
    await page.locator('input[data-material="gallium"]').first().check();
    await page.getByRole('button', { name: 'Save filters' }).click();
    await page.getByText('Saved: the subscriber').waitFor();
    const after = await call('GET', `/v1/subscriptions/${created.json.id}`, subscriber.key);
    expect(after.json.filters.materials).toEqual(['rare-earths', 'gallium']);
    await expectAccessible(page, 'admin filter editor');

    const pages: [string, string][] = [
      ['#/admin/changes', 'Policy changes'],
      ['#/admin/post', 'Post a policy change'],
      ['#/admin/review', 'Review queue'],
      ['#/admin/catalogue', 'Catalogue'],
      ['#/admin/audit', 'Audit trail'],
    ];
    for (const [hash, heading] of pages) {
      await page.goto(`${service.url}/console/${hash}`);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, heading);
      await screenshot(page, `admin-${hash.split('/').pop()}`);
    }
    // The last page visited is the audit trail: its rows come with the API's answer, not the page.
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(2);
    expect(await page.locator('tbody').textContent()).toContain('subscription.updated');

    // The queued change, corrected and approved: published, matched and alerted as a direct ingest.
    await page.goto(`${service.url}/console/#/admin/review`);
    const entry = page.locator(`li[data-review="${queuedId}"]`);
    await entry.waitFor();
    expect(await entry.textContent()).toContain('confidence 45%');
    await entry.getByLabel('Severity').selectOption('high');
    const [approved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/approve')),
      entry.getByRole('button', { name: 'Approve' }).click(),
    ]);
    expect(approved.status(), await approved.text()).toBe(200);
    await page.getByText('Nothing waits for review.').waitFor();
    expect(await entry.count()).toBe(0);
    const item = await call('GET', `/v1/admin/review/${queuedId}`, LOCAL_ADMIN_API_KEY);
    expect(item.json).toMatchObject({ reviewStatus: 'published', decidedBy: { scope: 'admin' } });
    const published = await call('GET', `/v1/policy-changes/${item.json.policyChangeId}`, subscriber.key);
    expect(published.json).toMatchObject({ title: QUEUED_CHANGE.title, severity: 'high' });
    const alert = await eventually('the approved change at the admin-edited subscription', async () =>
      receiver.received.find((r) => r.path === '/admin-hooks'),
    );
    expect(JSON.parse(alert.body)).toMatchObject({
      type: 'policy_change.published',
      data: { policyChange: { id: item.json.policyChangeId, severity: 'high' } },
    });
    await page.getByLabel('Show', { exact: true }).selectOption('published');
    await page.locator(`li[data-review="${queuedId}"]`).getByText(item.json.policyChangeId).waitFor();
    await expectAccessible(page, 'review queue, approved');

    expectCleanRun(tab);
  });

  it('serves the API reference from its own files, and "Try it out" calls the API', async () => {
    const docs = await openWatchedPage(browser);
    const { page } = docs;
    await page.goto(`${service.url}/docs`);
    await page.getByText('Material Alerts API').first().waitFor();
    await page.locator('#operations-catalogue-listMaterials').click();
    await page.getByRole('button', { name: 'Try it out' }).click();
    await page.getByRole('button', { name: 'Execute' }).click();
    const status = page.locator('.live-responses-table tbody .response-col_status').first();
    await status.waitFor();
    expect(await status.textContent()).toContain('200');
    await expectAccessible(page, 'API docs');
    await screenshot(page, 'api-docs');
    expectCleanRun(docs);
    await docs.context.close();
  });
});

describe('the console, for a subscriber asking whether a change applies', () => {
  it('sets a profile in the subscription form and a default profile, and shows each delivery’s verdict with its reasons', async () => {
    const tab = await openWatchedPage(browser);
    const { page } = tab;
    await signIn(page, subscriber.key);
    await page.getByRole('heading', { name: 'Subscriptions' }).waitFor();

    await page.getByRole('link', { name: 'New subscription' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Germanium, civilian use');
    await page.getByLabel('Search materials').fill('germanium');
    await page.locator('input[data-material="germanium"]').first().check();
    await page.getByLabel('Search materials').fill('');
    await page.locator('input[name="profile.endUses"][value="civilian"]').check();
    await page.getByLabel('Send changes that').selectOption('all');
    await page.getByLabel('Webhook URL').fill(`${receiver.url}/verdicts`);
    await expectAccessible(page, 'subscription form with a profile');
    await page.getByRole('button', { name: 'Create subscription' }).click();
    await page.getByTestId('webhook-secret').waitFor();
    const subscriptionId = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
    const stored = await call('GET', `/v1/subscriptions/${subscriptionId}`, subscriber.key);
    expect(stored.json.profile).toEqual({ endUses: ['civilian'] });
    expect(stored.json.filters.applicability).toBe('all');
    expect(await page.locator('[data-profile]').textContent()).toBe('civilian');

    const relief = await call('POST', '/v1/policy-changes', LOCAL_ADMIN_API_KEY, {
      source: 'cn-mofcom',
      sourceRef: 'general-licences-germanium',
      title: 'General licences for germanium exports to verified civilian end users',
      issuingRegion: 'CN',
      affectedRegions: ['*'],
      materials: ['germanium'],
      changeType: 'general-licence',
      direction: 'relaxation',
      severity: 'medium',
      // A v2 string beside an object: verified-end-user on a relief is what the relief requires.
      conditions: ['verified-end-user', { type: 'end-use', effect: 'restricts', values: ['civilian'] }],
    });
    expect(relief.status, JSON.stringify(relief.json)).toBe(202);
    const verdict = page.locator('tr[data-status="delivered"] [data-verdict]');
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Refresh' }).click();
          return verdict.count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    expect(await verdict.getAttribute('data-verdict')).toBe('applies-if');
    await verdict.getByText('applies if you meet its conditions').click();
    expect(await verdict.locator('li[data-result="applies-if"]').textContent()).toContain(
      "available only for verified end users under CN's scheme; the profile is not one",
    );
    await expectAccessible(page, 'delivery log with a verdict');
    await screenshot(page, 'delivery-verdict');

    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { name: 'Your profile' }).waitFor();
    await page.locator('input[name="defaultProfile.endUses"][value="military"]').check();
    await page.locator('input[name="defaultProfile.reExports"]').check();
    await page.getByRole('button', { name: 'Save default profile' }).click();
    await page.getByText('Saved.').waitFor();
    const me = await call('GET', '/v1/me/subscriber', subscriber.key);
    expect(me.json.defaultProfile).toEqual({ endUses: ['military'], reExports: true });
    await expectAccessible(page, 'own profile');

    expectCleanRun(tab);
  });
});
