import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realPage } from '../../bench/tagger-accuracy.js';
import type { LocalRuntime } from '../../local/local-runtime.js';
import { startReceiver } from '../../local/webhook-receiver.js';
import { runScheduledImport } from '../../shared/ingest/sources/federal-register/scheduled-import.js';
import { type CommandIo, runImportCommand } from '../../shared/ingest/sources/import/import-command.js';
import { ImportCursorStore } from '../../shared/store/import-cursor-store.js';
import { documentClient } from '../../shared/store/table.js';
import { ADMIN, startTestRuntime } from '../reliability/support.js';
import { testClient } from '../support/dynamodb.js';

const work = mkdtempSync(join(tmpdir(), 'import-'));
const page = realPage() as { results: { document_number: string; publication_date: string }[] };
const pageFile = join(work, 'page.json');
writeFileSync(pageFile, JSON.stringify(page));
const sampleCsv = readFileSync(
  new URL('../fixtures/screening-list/consolidated-sample.csv', import.meta.url),
  'utf8',
);

/** The command in-process, with its output kept; real sockets to the API. */
async function runImport(args: string[], env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const io: CommandIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env,
  };
  const status = await runImportCommand(args, io);
  const lines = stdout.trim().split('\n').filter(Boolean);
  const last = lines.at(-1) ?? '';
  const summary = last.startsWith('{"summary"') ? JSON.parse(last).summary : undefined;
  return { status, stdout, stderr, summary, lines };
}

describe('import command against the local service', () => {
  let runtime: LocalRuntime;
  // biome-ignore lint/suspicious/noExplicitAny: test reads of API answers
  let call: (method: string, path: string, key: string, body?: unknown) => Promise<any>;
  let env: Record<string, string>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    // One request per second per key: the command meets 429s and must wait them out.
    runtime = await startTestRuntime({ RATE_LIMIT: '1/s burst 1', RETRY_SCHEDULE: '100ms' });
    // Setup and checks share the one-a-second limit: they wait out a 429 as any client should.
    call = async (method, path, key, body) => {
      for (;;) {
        const response = await fetch(`${runtime.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        if (response.status === 429) {
          await new Promise((resolve) =>
            setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000),
          );
          continue;
        }
        const text = await response.text();
        if (response.status >= 300) throw new Error(`${method} ${path} -> ${response.status}: ${text}`);
        return text ? JSON.parse(text) : undefined;
      }
    };
    receiver = await startReceiver();
    const key = await call('POST', '/v1/api-keys', ADMIN, { scope: 'ingest', name: 'importer' });
    env = { MA_API_URL: runtime.url, MA_API_KEY: key.apiKey };
  }, 60_000);
  afterAll(async () => {
    await receiver?.close();
    await runtime?.stop();
  });

  async function subscribe(name: string, filters: Record<string, unknown>) {
    const subscriber = await call('POST', '/v1/subscribers', ADMIN, { name });
    const created = await call('POST', '/v1/subscriptions', subscriber.apiKey, {
      name,
      filters,
      webhook: { url: `${receiver.url}/${name}` },
    });
    return created.id as string;
  }

  const deliveredTo = (name: string) =>
    receiver.received
      .filter((request) => request.path === `/${name}`)
      .map((request) => JSON.parse(request.body));

  it('imports the real Federal Register page: confident candidates published, the rest queued; again, nothing changes', async () => {
    await subscribe('aluminium-watch', { materials: ['aluminium'] });
    const first = await runImport(['federal-register', '--file', pageFile, '--json'], env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.summary).toMatchObject({
      read: 1000,
      candidates: 27,
      published: 24,
      queuedForReview: 3,
      unchanged: 0,
      failed: 0,
    });
    // One line per candidate, then the summary.
    expect(first.lines).toHaveLength(28);

    const queue = await call('GET', '/v1/admin/review', ADMIN);
    expect(queue.items.map((item: { sourceRef: string }) => item.sourceRef).sort()).toEqual([
      '2024-00273',
      '2024-00274',
      '2024-00734',
    ]);
    for (const item of queue.items) {
      expect(item.confidence).toBeLessThan(0.8);
      expect(item.evidence.join('\n')).toMatch(/changeType=/);
    }

    const second = await runImport(['federal-register', '--file', pageFile], env);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain(
      'read 1000, candidates 27, published 0, queued for review 0, unchanged 27, failed 0',
    );

    await runtime.settled();
    const alerts = deliveredTo('aluminium-watch').map((event) => event.data.policyChange.sourceRef);
    // The aluminium proclamation and the aluminium-sheet review; each once.
    expect(alerts.sort()).toEqual(['2023-28536', '2023-28995']);
  }, 120_000);

  it('honours 429 Retry-After from the API', async () => {
    const run = randomUUID();
    const files = [0, 1].map((index) => {
      const file = join(work, `announcements-${index}.json`);
      writeFileSync(
        file,
        JSON.stringify([
          {
            source: 'cn-mofcom',
            sourceRef: `MOFCOM-2025-61-${run}-${index}`,
            title: 'Extraterritorial rare-earth controls',
            issuingRegion: 'CN',
            affectedRegions: ['*'],
            materials: ['稀土'],
            changeType: 'extraterritorial-control',
            severity: 'critical',
            effectiveAt: '2025-12-01',
          },
        ]),
      );
      return file;
    });
    // Two imports at once on a key allowed one request a second: one of them meets a 429.
    const results = await Promise.all(files.map((file) => runImport(['announcements', '--file', file], env)));
    for (const result of results) {
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain(
        'read 1, candidates 1, published 1, queued for review 0, unchanged 0, failed 0',
      );
    }
    expect(results.map((result) => result.stderr).join('')).toMatch(/waiting \d+ s: 429/);
  }, 60_000);

  it('screening list: only the differences become changes, and a watcher of a newly listed party is alerted', async () => {
    const state = join(work, 'screening-state.json');
    const baseline = join(work, 'consolidated.csv');
    writeFileSync(baseline, sampleCsv);
    const first = await runImport(['screening-list', '--file', baseline, '--state', state], env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('read 13, candidates 0');

    await subscribe('magnet-watch', {
      entities: [{ name: 'Shenzhen Example Rare-Earth Magnet Company Limited', country: 'CN' }],
    });
    await subscribe('rosneft-watch', { entities: [{ name: 'Rosneft Trade Limited' }] });

    const rows = sampleCsv.trimEnd().split('\n');
    const header = rows[0] ?? '';
    const changed = rows
      .filter((row) => !row.startsWith('"9673"'))
      .map((row) => (row.startsWith('"18283"') ? row.replace('"SME BANK"', '"SME BANK JSC"') : row));
    const columns = header.split(',').length;
    const added = Array.from({ length: columns }, () => '""');
    added[0] = '"new-entity-list-1"';
    added[1] = '"Entity List (EL) - Bureau of Industry and Security"';
    added[5] = '"Shenzhen Example Rare Earth Magnet Co., Ltd."';
    added[7] = '"1 Industrial Road, Shenzhen, Guangdong, CN"';
    added[9] = '"2026-11-20"';
    added[22] = '"Example Magnets"';
    const next = join(work, 'consolidated-next.csv');
    writeFileSync(next, [...changed, added.join(',')].join('\n'));

    const second = await runImport(['screening-list', '--file', next, '--state', state, '--json'], env);
    expect(second.status, second.stderr).toBe(0);
    expect(second.summary).toMatchObject({ read: 13, candidates: 3, published: 3, failed: 0 });
    const changes = second.lines.slice(0, -1).map((line) => JSON.parse(line));
    expect(
      changes
        .map((change) => [change.changeType, change.entities.map((e: { name: string }) => e.name)])
        .sort(),
    ).toEqual([
      ['end-user-list-addition', ['SME BANK JSC']],
      ['end-user-list-addition', ['Shenzhen Example Rare Earth Magnet Co., Ltd.']],
      ['end-user-list-removal', ['Mohammed ABU JHEISHEH']],
    ]);

    await runtime.settled();
    const alerts = deliveredTo('magnet-watch');
    expect(alerts).toHaveLength(1);
    expect(alerts[0].data.policyChange.changeType).toBe('end-user-list-addition');
    expect(alerts[0].data.match.entities[0]).toMatchObject({
      listed: 'Shenzhen Example Rare Earth Magnet Co., Ltd.',
    });
    expect(deliveredTo('rosneft-watch')).toEqual([]);

    const third = await runImport(['screening-list', '--file', next, '--state', state], env);
    expect(third.stdout).toContain('candidates 0');
  }, 120_000);

  it.each([
    ['a file that is not JSON', 'federal-register', 'not-json.json', 'this is not json', /not JSON/],
    [
      'a page with 0 results',
      'federal-register',
      'empty.json',
      JSON.stringify({ count: 0, results: [] }),
      /0 results/,
    ],
    [
      'a CSV with missing columns',
      'screening-list',
      'missing.csv',
      'source,name\n"Entity List (EL)","X"\n',
      /missing columns _id, alt_names, addresses, start_date/,
    ],
    [
      'announcements with one bad item',
      'announcements',
      'bad.json',
      JSON.stringify([
        {
          source: 'x',
          sourceRef: 'y',
          title: 't',
          issuingRegion: 'CN',
          affectedRegions: ['*'],
          materials: ['gallium'],
          changeType: 'export-ban',
          severity: 'high',
        },
        { title: 'incomplete' },
      ]),
      /\[1\]\.source/,
    ],
  ])('refuses %s: clear message, exit 2, nothing imported', async (_what, source, name, content, message) => {
    const before = await call('GET', '/v1/policy-changes?limit=100', ADMIN);
    const file = join(work, name);
    writeFileSync(file, content);
    const result = await runImport(
      [source, '--file', file, '--state', join(work, `${name}.state`)].slice(
        0,
        source === 'screening-list' ? 5 : 3,
      ),
      env,
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    const after = await call('GET', '/v1/policy-changes?limit=100', ADMIN);
    expect(after.items.length).toBe(before.items.length);
  });

  it('refuses a 50 MB file before reading it', async () => {
    const big = join(work, 'big.json');
    writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 32));
    const result = await runImport(['federal-register', '--file', big], env);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/50\.0 MiB is over the 25 MiB limit/);
  });

  it('approving a queued change alerts as a direct ingest would', async () => {
    await subscribe('everything-watch', { materials: ['*'] });
    const queue = await call('GET', '/v1/admin/review', ADMIN);
    const licences = queue.items.find((item: { sourceRef: string }) => item.sourceRef === '2024-00734');
    const approved = await call('POST', `/v1/admin/review/${licences.id}/approve`, ADMIN, {
      edits: { affectedRegions: ['RU'], severity: 'medium' },
    });
    expect(approved.policyChangeId).toMatch(/^pc_/);
    await runtime.settled();
    const alerts = deliveredTo('everything-watch').filter(
      (event) => event.data.policyChange.sourceRef === '2024-00734',
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      type: 'policy_change.published',
      data: { policyChange: { severity: 'medium' } },
    });
  }, 60_000);
});

/** The real page served as the Federal Register API would, 100 documents a page, with faults. */
async function federalRegisterServer() {
  const documents = [...page.results].sort((a, b) => a.publication_date.localeCompare(b.publication_date));
  const requests: string[] = [];
  const served = new Map<string, number>();
  const faults = new Map<number, 'unavailable' | 'truncated'>([
    [3, 'unavailable'],
    [6, 'truncated'],
  ]);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const since = url.searchParams.get('conditions[publication_date][gte]') ?? '0000-00-00';
    const number = Number(url.searchParams.get('page') ?? '1');
    requests.push(`${since}#${number}`);
    const fault = faults.get(number);
    faults.delete(number);
    if (fault === 'unavailable') {
      res.writeHead(503, { 'retry-after': '1' }).end('busy');
      return;
    }
    const matching = documents.filter((document) => document.publication_date >= since);
    const results = matching.slice((number - 1) * 100, number * 100);
    const more = number * 100 < matching.length;
    const next = new URL(url);
    next.searchParams.set('page', String(number + 1));
    const body = JSON.stringify({
      count: matching.length,
      total_pages: Math.ceil(matching.length / 100),
      ...(more
        ? {
            next_page_url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${next.pathname}${next.search}`,
          }
        : {}),
      results,
    });
    if (fault === 'truncated') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body.slice(0, body.length / 2));
      return;
    }
    for (const document of results)
      served.set(document.document_number, (served.get(document.document_number) ?? 0) + 1);
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    served,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('scheduled import from the live API (a local server over real sockets)', () => {
  let runtime: LocalRuntime;
  let feed: Awaited<ReturnType<typeof federalRegisterServer>>;
  const tableName = `import-live-${randomUUID()}`;

  beforeAll(async () => {
    runtime = await startTestRuntime({ TABLE_NAME: tableName });
    feed = await federalRegisterServer();
  }, 60_000);
  afterAll(async () => {
    await feed?.close();
    await runtime?.stop();
  });

  it('pages through every document once, waits out a 503, retries a cut-off page, resumes after a crash, ingests nothing twice', async () => {
    const client = testClient();
    const cursors = new ImportCursorStore(
      { doc: documentClient(client), tableName: runtime.config.tableName },
      'federal-register',
    );
    const stored: string[] = [];
    const waits: number[] = [];
    let pagesBeforeCrash = 4;
    const crashingFetch: typeof fetch = async (input, init) => {
      if (pagesBeforeCrash-- <= 0) throw new Error('the process died');
      return fetch(input, init);
    };
    const deps = (fetchImpl: typeof fetch) => ({
      ...runtime.services,
      catalogue: runtime.services.catalogues.current,
      cursors,
      log: () => {},
      onStored: (change: { sourceRef: string }) => {
        stored.push(change.sourceRef);
      },
      feed: {
        fetch: fetchImpl,
        sleep: async (ms: number) => {
          waits.push(ms);
        },
      },
    });
    const options = { baseUrl: feed.url, threshold: 0.8, since: '2024-01-01', maxPages: 100 };

    // The first run reads pages 1 and 2, waits out the 503 on page 3 and reads it, then loses the
    // network for good: it stops with the cursor on page 4.
    await expect(runScheduledImport(deps(crashingFetch), options)).rejects.toThrow(/the process died/);
    const cursor = await cursors.load();
    expect(cursor?.nextPageUrl).toMatch(/page=4/);
    expect(waits[0]).toBe(1000);
    const storedBeforeCrash = stored.length;

    const resumed = await runScheduledImport(deps(fetch), options);
    // It started where the cursor was, not from the first page.
    expect(feed.requests.slice(0, 5).map((request) => request.split('#')[1])).toEqual([
      '1',
      '2',
      '3',
      '3',
      '4',
    ]);
    // Every document was served (and read) exactly once, the cut-off page aside.
    expect(feed.served.size).toBe(1000);
    expect([...feed.served.values()].every((count) => count === 1)).toBe(true);
    expect(storedBeforeCrash + resumed.published).toBe(24);
    expect(resumed.queuedForReview).toBe(3);
    expect(resumed.unchanged).toBe(0);
    expect(new Set(stored).size).toBe(stored.length);

    // The next hour: the last day is queried again and its documents are known.
    const nextHour = await runScheduledImport(deps(fetch), options);
    expect(nextHour).toMatchObject({ read: 0, candidates: 0, published: 0 });
    expect(stored.length).toBe(24);
    client.destroy();
  }, 120_000);
});
