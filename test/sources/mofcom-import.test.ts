import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOFCOM_FIXTURES, mofcomFixture } from '../../bench/mofcom-accuracy.js';
import { runScheduledMofcomImport } from '../../shared/ingest/sources/mofcom/mofcom-scheduled-import.js';
import { ImportCursorStore } from '../../shared/store/import-cursor-store.js';
import { documentClient } from '../../shared/store/table.js';
import { createTestTable } from '../support/dynamodb.js';
import { DRY_RUN_LINE_KEYS, runImportKept } from './import-command-output.js';

const fixtures = fileURLToPath(MOFCOM_FIXTURES);
const articleFiles = readdirSync(fixtures).filter(
  (name) => name.endsWith('.html') && !name.startsWith('list'),
);
const listed: { path: string; date: string; name: string }[] = JSON.parse(
  mofcomFixture('articles.json').toString('utf8'),
);
const work = mkdtempSync(join(tmpdir(), 'mofcom-'));

/** The command in-process with its output kept; waits are skipped. */
const runImport = (args: string[], env: Record<string, string> = {}) =>
  runImportKept(args, env, { sleep: async () => {} });

interface Request {
  path: string;
  headers: IncomingHttpHeaders;
}

/** A stand-in for the ministry's site on a real socket: the list (HTML page 1, JSON page 2) and the articles. */
async function startMinistry(options: {
  refuseFirst?: string;
  extra?: { path: string; date: string; name: string };
}) {
  const requests: Request[] = [];
  let refused = false;
  const rows = options.extra ? [options.extra, ...listed] : listed;
  const row = (r: { path: string; date: string }) =>
    `<li><a href="${r.path}">公告</a><span>${r.date}</span></li>`;
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '';
    requests.push({ path, headers: request.headers });
    if (path === options.refuseFirst && !refused) {
      refused = true;
      response.writeHead(412).end();
      return;
    }
    if (path === '/zwgk/zcfb/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        `<html><body><ul class="txtList_01">${rows.slice(0, 12).map(row).join('')}</ul></body></html>`,
      );
      return;
    }
    if (path === '/zwgk/zcfb/index_2.html') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ success: true, data: { html: rows.slice(12).map(row).join('') } }));
      return;
    }
    const article = rows.find((r) => r.path === path);
    if (!article) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(mofcomFixture(article.name));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('npm run import -- mofcom', () => {
  it("saved article pages: one --dry-run --json line per candidate, in the other sources' format, every one queued; non-controls dropped with a reason", async () => {
    const run = await runImport([
      'mofcom',
      '--file',
      ...articleFiles.map((name) => join(fixtures, name)),
      '--dry-run',
      '--json',
    ]);
    expect(run.status).toBe(0);
    expect(run.summary).toMatchObject({
      source: 'mofcom',
      read: 24,
      candidates: 15,
      published: 0,
      queuedForReview: 15,
    });
    const line = JSON.parse(run.lines[0] ?? '{}');
    expect(Object.keys(line)).toEqual(DRY_RUN_LINE_KEYS);
    expect(run.lines.slice(0, -1).every((text) => JSON.parse(text).review === 'queue')).toBe(true);
    expect(run.stderr.match(/^dropped /gm)).toHaveLength(10);
    expect(run.stderr).toContain('other-04.html: personnel');
  });

  describe('bad input: a clear message, exit 2, nothing sent', () => {
    let api: Server;
    let apiUrl = '';
    const apiRequests: string[] = [];
    beforeAll(async () => {
      api = createServer((request, response) => {
        apiRequests.push(request.url ?? '');
        response.writeHead(500).end();
      });
      await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
      apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => api.close(() => resolve())));

    const binary = join(work, 'scan.png');
    writeFileSync(
      binary,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]),
    );
    const empty = join(work, 'empty.html');
    writeFileSync(empty, '  \n');
    const noNumber = join(work, 'no-number.html');
    writeFileSync(
      noNumber,
      mofcomFixture('mofcom-2025-62.html')
        .toString('utf8')
        .replaceAll('商务部公告2025年第62号', '商务部公告'),
    );
    const refused = join(fixtures, 'list-refused.json');

    it.each([
      ['a binary file', binary, 'not a text page (binary content)'],
      ['an empty page', empty, 'the page is empty'],
      ['a page with no number', noNumber, 'an export-control page without an announcement number'],
      ['a list JSON with success: false', refused, 'the list answered success: false (系统繁忙，请稍后再试)'],
    ])('%s', async (_what, path, message) => {
      // A good page first: it must not be sent either.
      const run = await runImport(['mofcom', '--file', join(fixtures, 'mofcom-2025-70.html'), path], {
        MA_API_URL: apiUrl,
        MA_API_KEY: 'ma_ing_test',
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`import: ${path}: ${message}`);
      expect(run.stdout).toBe('');
      expect(apiRequests).toEqual([]);
    });
  });

  it('a saved list page (HTML or JSON): its articles are fetched from the site, each once', async () => {
    const ministry = await startMinistry({});
    try {
      const run = await runImport([
        'mofcom',
        '--file',
        join(fixtures, 'list-page-2.json'),
        '--base-url',
        ministry.url,
        '--dry-run',
        '--json',
      ]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.summary).toMatchObject({ read: 12 });
      const articles = ministry.requests.map((request) => request.path);
      expect(articles).toEqual(listed.slice(12).map((row) => row.path));
    } finally {
      await ministry.close();
    }
  });
});

describe('live mode against a stand-in for the ministry', () => {
  it('the command reads the list back to --since and prints a line per candidate', async () => {
    const ministry = await startMinistry({});
    try {
      const run = await runImport([
        'mofcom',
        '--since',
        '2025-11-01',
        '--base-url',
        ministry.url,
        '--dry-run',
        '--json',
      ]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.lines.slice(0, -1).map((line) => JSON.parse(line).sourceRef)).toEqual([
        'MOFCOM-2025-70',
        'MOFCOM-2025-72',
      ]);
      expect(run.summary).toMatchObject({ read: 2, candidates: 2, queuedForReview: 2 });
    } finally {
      await ministry.close();
    }
  });

  it('the scheduled import reads the list page by page, sends a browser-like Referer, backs off on 412, queues every candidate for review, follows only new articles, never fetches one twice', async () => {
    const table = await createTestTable();
    const cursors = new ImportCursorStore(
      { doc: documentClient(table.client), tableName: table.tableName },
      'mofcom',
    );
    const waits: number[] = [];
    const site = { sleep: async (ms: number) => void waits.push(ms) };
    // The scheduled importer as the function runs it: in-process into the review queue.
    const run = (baseUrl: string) =>
      runScheduledMofcomImport(
        {
          ...table,
          catalogue: table.catalogues.current,
          clock: () => new Date(),
          cursors,
          log: () => {},
          site,
        },
        { baseUrl, since: '2025-10-01', maxPages: 10 },
      );
    const first = await startMinistry({ refuseFirst: '/zwgk/zcfb/art/2025/art_1091.html' });
    const seen: string[] = [];
    try {
      const summary = await run(first.url);
      // Nos. 55-58, 61, 62, 70 and 72: the first page reaches past the day asked for, so page 2 is not read.
      expect(summary).toMatchObject({ read: 8, candidates: 8, queuedForReview: 8, published: 0 });
      expect(await cursors.load()).toMatchObject({ lastDay: '2025-11-09' });
      const queued = await table.reviews.list('pending', 20);
      expect(queued.items.map((item) => item.sourceRef).sort()).toEqual(
        ['55', '56', '57', '58', '61', '62', '70', '72'].map((n) => `MOFCOM-2025-${n}`),
      );
      expect(waits).toEqual([2000]);
      for (const request of first.requests) {
        expect(request.headers.referer).toBe(`${first.url}/zwgk/zcfb/`);
        expect(request.headers['user-agent']).toMatch(/^Mozilla\/5\.0/);
      }
      seen.push(...first.requests.map((request) => request.path));
    } finally {
      await first.close();
    }
    const added = { path: '/zwgk/zcfb/art/2025/art_2001.html', date: '2025-12-01', name: 'other-08.html' };
    const second = await startMinistry({ extra: added });
    try {
      const summary = await run(second.url);
      expect(second.requests.map((request) => request.path)).toEqual(['/zwgk/zcfb/', added.path]);
      expect(summary).toMatchObject({ read: 1, candidates: 0 });
      seen.push(...second.requests.map((request) => request.path));
    } finally {
      await second.close();
    }
    const articles = seen.filter((path) => path.includes('/art/'));
    expect(new Set(articles).size).toBe(articles.length - 1); // the one refused with 412, asked again once
    expect(articles.at(-1)).toBe(added.path);
  });
});
