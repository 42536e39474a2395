import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's chromium, as .ci/run installs it; no browser is ever downloaded. */
export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

/**
 * A tab that records what must not happen: requests leaving the machine (refused, and listed),
 * requests that fail, answers of 400 and above, console errors and uncaught exceptions.
 */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  offMachine: string[];
  failedRequests: string[];
  errorResponses: string[];
  consoleErrors: string[];
}

export async function openWatchedPage(browser: Browser): Promise<WatchedPage> {
  // A zone other than UTC, so local times and their UTC titles differ.
  const context = await browser.newContext({
    timezoneId: 'Asia/Shanghai',
    locale: 'en-GB',
    viewport: { width: 1280, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const watched: WatchedPage = {
    page: await context.newPage(),
    context,
    offMachine: [],
    failedRequests: [],
    errorResponses: [],
    consoleErrors: [],
  };
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    watched.offMachine.push(url.href);
    return route.abort();
  });
  const { page } = watched;
  page.on('console', (message) => {
    if (message.type() === 'error') watched.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watched.consoleErrors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) =>
    watched.failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) {
      watched.errorResponses.push(
        `${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`,
      );
    }
  });
  return watched;
}

/**
 * Nothing left the machine, no request failed, and the only answers of 400 and above (and the
 * browser's console lines about them) are the ones the test provoked on purpose.
 */
export function expectCleanRun(watched: WatchedPage, expectedErrorResponses: string[] = []): void {
  expect(watched.offMachine).toEqual([]);
  expect(watched.failedRequests).toEqual([]);
  expect(watched.errorResponses).toEqual(expectedErrorResponses);
  const provoked = expectedErrorResponses.map((r) => `status of ${r.split(' ')[0]}`);
  const unexpected = watched.consoleErrors.filter(
    (text) => !(text.startsWith('Failed to load resource') && provoked.some((p) => text.includes(p))),
  );
  expect(unexpected).toEqual([]);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core on the page as it stands: no serious or critical violation. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // Evaluated rather than added as a <script>: the pages' Content-Security-Policy refuses inline scripts.
  if (!(await page.evaluate("'axe' in window"))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate('axe.run(document).then((result) => result.violations)');
  const severe = (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(severe, name).toEqual([]);
}

/** With UPDATE_SCREENSHOTS=1, saves the page under docs/screenshots for the README. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: false });
}

/** One API call with a key, for setting up and checking what a page did; the JSON answer as is. */
export async function apiCall(baseUrl: string, method: string, path: string, key: string, body?: unknown) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  // biome-ignore lint/suspicious/noExplicitAny: answers are asserted field by field with expect
  const json: any = await res.json();
  return { status: res.status, json };
}

/** Waits until `rows` finds `count` rows of the delivery log, pressing its Refresh button between looks. */
export async function expectLogRows(page: Page, rows: Locator, count: number): Promise<void> {
  const refresh = page.getByRole('button', { name: 'Refresh' });
  const look = async () => {
    await refresh.click();
    return rows.count();
  };
  await expect.poll(look, { timeout: 15_000 }).toBe(count);
}
