import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realPage } from '../../bench/tagger-accuracy.js';
import { DRY_RUN_LINE_KEYS, runImportKept } from './import-command-output.js';

const work = mkdtempSync(join(tmpdir(), 'import-command-'));

const run = runImportKept;

describe('npm run import -- … --dry-run --json', () => {
  it('prints one line per candidate with exactly the documented fields, then the summary, and needs no API', async () => {
    const file = join(work, 'page.json');
    writeFileSync(file, JSON.stringify(realPage()));
    const { status, lines, stderr } = await run(['federal-register', '--file', file, '--dry-run', '--json']);
    expect(status, stderr).toBe(0);
    const candidates = lines.slice(0, -1).map((line) => JSON.parse(line));
    expect(candidates).toHaveLength(27);
    for (const candidate of candidates) {
      expect(Object.keys(candidate)).toEqual(DRY_RUN_LINE_KEYS);
      expect(candidate.review).toBe(candidate.confidence >= 0.8 ? 'auto' : 'queue');
    }
    expect(candidates.find((candidate) => candidate.sourceRef === '2023-28995')).toMatchObject({
      materials: ['aluminium'],
      changeType: 'import-tariff',
      issuingRegion: 'US',
      affectedRegions: ['US'],
      review: 'auto',
    });
    expect(JSON.parse(lines.at(-1) ?? '{}')).toEqual({
      summary: expect.objectContaining({
        read: 1000,
        candidates: 27,
        published: 24,
        queuedForReview: 3,
        failed: 0,
      }),
    });
  });

  it('writes no screening-list state on a dry run', async () => {
    const csv = join(work, 'list.csv');
    writeFileSync(
      csv,
      '_id,source,name,alt_names,addresses,start_date\n"1","Entity List (EL) - Bureau of Industry and Security","X Co","","Beijing, CN","2024-01-01"\n',
    );
    const state = join(work, 'state.json');
    const { status } = await run(['screening-list', '--file', csv, '--state', state, '--dry-run']);
    expect(status).toBe(0);
    expect(existsSync(state)).toBe(false);
  });

  it('without --dry-run asks for MA_API_URL and MA_API_KEY and sends nothing', async () => {
    const file = join(work, 'page.json');
    const { status, stderr } = await run(['federal-register', '--file', file]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/set MA_API_URL and MA_API_KEY/);
  });

  it('refuses --file with --since, and a --since that is not a date', async () => {
    expect(
      (await run(['federal-register', '--since', '2024-01-02', '--file', 'x', '--dry-run'])).status,
    ).toBe(2);
    const bad = await run(['federal-register', '--since', 'last week', '--dry-run']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--since last week: expected a date/);
  });
});

const LIST_HEADER = '_id,source,name,alt_names,addresses,start_date';
const listRow = (id: string, name: string) =>
  `"${id}","Entity List (EL) - Bureau of Industry and Security","${name}","","Beijing, CN","2024-01-01"`;
/** The API is never called for a first import; later ones answer through `fetch`. */
const API = { MA_API_URL: 'http://127.0.0.1:9', MA_API_KEY: 'test-key' };

function folder(name: string): string {
  const path = join(work, name);
  mkdirSync(path, { recursive: true });
  return path;
}

/** One line on stderr, the command's own, and exit 2: no stack trace, nothing half done. */
function expectRefusal(result: Awaited<ReturnType<typeof run>>, message: RegExp) {
  expect(result.status).toBe(2);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(/^import: /);
  expect(result.stderr).toMatch(message);
}

describe('import files', () => {
  it.each([['federal-register'], ['screening-list'], ['announcements']])(
    '%s: a directory as --file is refused in one line',
    async (source) => {
      const directory = folder(`directory-${source}`);
      const result = await run([source, '--file', directory, '--dry-run']);
      expectRefusal(result, /: a directory; give a file/);
    },
  );

  it('refuses a device such as /dev/zero without reading it', async () => {
    const result = await run(['federal-register', '--file', '/dev/zero', '--dry-run']);
    expectRefusal(result, /\/dev\/zero: not a regular file/);
  });

  it.runIf(existsSync('/proc/self/status'))(
    'counts the bytes it reads: a file whose size says 0 but holds more than the limit is refused',
    async () => {
      // /proc files are regular files that report a size of 0.
      const result = await run([
        'announcements',
        '--file',
        '/proc/self/status',
        '--max-size',
        '0.0001',
        '--dry-run',
      ]);
      expectRefusal(result, /\/proc\/self\/status: read past the 0\.0001 MiB limit/);
    },
  );

  it('a --state that cannot be read stops the import: only a missing state means a first import', async () => {
    const base = folder('unreadable-state');
    const csv = join(base, 'list.csv');
    writeFileSync(csv, `${LIST_HEADER}\n${listRow('1', 'X Co')}\n`);
    const state = folder(join('unreadable-state', 'state.json'));
    const result = await run(['screening-list', '--file', csv, '--state', state], API);
    expectRefusal(result, /state\.json: a directory.*screening-list state/);
    expect(readdirSync(state)).toEqual([]);
    expect(readdirSync(base).sort()).toEqual(['list.csv', 'state.json']);
  });

  it('a state that cannot be written is refused in one line and leaves no temporary file', async () => {
    const base = folder('unwritable-state');
    const csv = join(base, 'list.csv');
    const state = join(base, 'state.json');
    writeFileSync(csv, `${LIST_HEADER}\n${listRow('1', 'X Co')}\n`);
    expect((await run(['screening-list', '--file', csv, '--state', state], API)).status).toBe(0);

    writeFileSync(csv, `${LIST_HEADER}\n${listRow('1', 'X Co')}\n${listRow('2', 'Y Co')}\n`);
    // While the changes are sent, the state's path becomes a directory that cannot be replaced.
    const fetch = async (_url: string | URL | Request, init?: RequestInit) => {
      rmSync(state);
      mkdirSync(join(state, 'occupied'), { recursive: true });
      const { items } = JSON.parse(String(init?.body)) as { items: unknown[] };
      const results = items.map((_item, index) => ({
        index,
        status: 'created',
        id: `pc_${index}`,
        revision: 1,
      }));
      return Response.json({ results });
    };
    const result = await run(['screening-list', '--file', csv, '--state', state], API, { fetch });
    expect(result.stdout).toContain('candidates 1, published 1');
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'screening-list: 1 added, 0 removed, 0 changed, 1 unchanged entries',
      expect.stringMatching(/^import: .*state\.json: cannot write the screening-list state: /),
    ]);
    expect(readdirSync(base).sort()).toEqual(['list.csv', 'state.json']);
  });
});

describe('screening-list state', () => {
  it('keeps row ids verbatim: a row whose id is __proto__ is announced once, not on every import', async () => {
    const base = folder('proto-id');
    const csv = join(base, 'list.csv');
    const state = join(base, 'state.json');
    writeFileSync(
      csv,
      `${LIST_HEADER}\n${listRow('__proto__', 'Proto Co')}\n${listRow('constructor', 'Ctor Co')}\n`,
    );
    expect((await run(['screening-list', '--file', csv, '--state', state], API)).status).toBe(0);
    const again = await run(['screening-list', '--file', csv, '--state', state, '--dry-run']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain('0 added, 0 removed, 0 changed, 2 unchanged entries');
    expect(again.stdout).toContain('candidates 0');
  });
});
