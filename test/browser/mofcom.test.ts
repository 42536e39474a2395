import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ADMIN_API_KEY } from '../../local/local-runtime.js';
import { runImportCommand } from '../../shared/ingest/sources/import/import-command.js';
import { type LocalService, startLocalService } from '../support/local-service.js';
import { expectAccessible, expectCleanRun, launchBrowser, openWatchedPage, screenshot } from './support.js';

let service: LocalService;
let browser: Browser;

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${service.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${LOCAL_ADMIN_API_KEY}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  // biome-ignore lint/suspicious/noExplicitAny: answers are asserted field by field with expect
  const json: any = await res.json();
  return { status: res.status, json };
}

beforeAll(async () => {
  service = await startLocalService({});
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

describe('the review page for an announcement read from Chinese', () => {
  it('shows the Chinese original beside each extracted field and its sentence; an edit is published with the approval', async () => {
    // No. 18 of 2025 imported as an operator would, through the API: it waits for review.
    const page18 = fileURLToPath(new URL('../fixtures/mofcom/mofcom-2025-18.html', import.meta.url));
    let output = '';
    const status = await runImportCommand(['mofcom', '--file', page18], {
      stdout: (text) => {
        output += text;
      },
      stderr: (text) => {
        output += text;
      },
      env: { MA_API_URL: service.url, MA_API_KEY: LOCAL_ADMIN_API_KEY },
    });
    expect(status, output).toBe(0);
    expect(output).toContain('queued for review 1');
    const queue = await call('GET', '/v1/admin/review?status=pending');
    const queued = queue.json.items.find(
      (item: { sourceRef: string }) => item.sourceRef === 'MOFCOM-2025-18',
    );
    expect(queued).toBeDefined();

    const tab = await openWatchedPage(browser);
    const { page } = tab;
    await page.goto(`${service.url}/`);
    await page.getByLabel('API key').fill(LOCAL_ADMIN_API_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('networkidle');
    await page.goto(`${service.url}/console/#/admin/review`);
    const entry = page.locator(`li[data-review="${queued.id}"]`);
    await entry.waitFor();

    const original = entry.getByRole('region', { name: 'Original text' });
    expect(await original.locator('h3').textContent()).toBe(
      '商务部 海关总署公告2025年第18号 关于对部分中重稀土相关物项实施出口管制的决定',
    );
    expect(await original.textContent()).toContain('管制编码 1C902.a');
    const materials = entry.locator('[data-field="materials"]');
    expect(await materials.getByLabel('Materials').inputValue()).toBe(
      'samarium, gadolinium, terbium, dysprosium, lutetium, scandium, yttrium, rare-earth-magnets',
    );
    expect(await materials.locator('blockquote').first().textContent()).toContain('(一)钐相关物项');
    expect(await entry.locator('[data-field="controlCodes"] input').inputValue()).toBe(
      '1C902.a, 1C903, 1C904, 1C905, 1C906, 1C907, 1C908',
    );
    expect(await entry.locator('[data-field="effectiveAt"] blockquote').textContent()).toBe(
      '三、本公告自公布之日起正式实施。',
    );
    await expectAccessible(page, 'review of a Chinese announcement');
    await screenshot(page, 'review-mofcom-original');

    // The reviewer adds the customs code of the magnets' subheading and approves.
    await entry.getByLabel('HS codes').fill(`${await entry.getByLabel('HS codes').inputValue()}, 850519`);
    const [approved] = await Promise.all([
      page.waitForResponse((response) => response.url().endsWith('/approve')),
      entry.getByRole('button', { name: 'Approve' }).click(),
    ]);
    expect(approved.status(), await approved.text()).toBe(200);
    const { policyChangeId } = await approved.json();
    const published = await call('GET', `/v1/policy-changes/${policyChangeId}`);
    expect(published.json.hsCodes).toContain('850519');
    expect(published.json).toMatchObject({
      sourceRef: 'MOFCOM-2025-18',
      effectiveAt: '2025-04-04T00:00:00+08:00',
      controlCodes: ['1C902.a', '1C903', '1C904', '1C905', '1C906', '1C907', '1C908'],
      titleOriginal: '商务部 海关总署公告2025年第18号 关于对部分中重稀土相关物项实施出口管制的决定',
    });
    expectCleanRun(tab);
    await tab.context.close();
  });
});
