import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realPage } from '../../bench/tagger-accuracy.js';
import { runImportCommand } from '../../shared/ingest/sources/import/import-command.js';

const work = mkdtempSync(join(tmpdir(), 'import-command-'));

async function run(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const status = await runImportCommand(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env,
  });
  return { status, stdout, stderr, lines: stdout.trim().split('\n').filter(Boolean) };
}

describe('npm run import -- … --dry-run --json', () => {
  it('prints one line per candidate with exactly the documented fields, then the summary, and needs no API', async () => {
    const file = join(work, 'page.json');
    writeFileSync(file, JSON.stringify(realPage()));
    const { status, lines, stderr } = await run(['federal-register', '--file', file, '--dry-run', '--json']);
    expect(status, stderr).toBe(0);
    const candidates = lines.slice(0, -1).map((line) => JSON.parse(line));
    expect(candidates).toHaveLength(27);
    for (const candidate of candidates) {
      expect(Object.keys(candidate)).toEqual([
        'sourceRef',
        'title',
        'materials',
        'hsCodes',
        'changeType',
        'direction',
        'issuingRegion',
        'originRegions',
        'affectedRegions',
        'itemTypes',
        'entities',
        'severity',
        'confidence',
        'review',
      ]);
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
