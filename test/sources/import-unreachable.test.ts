import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImportCommand } from '../../shared/ingest/sources/import/import-command.js';

/** A loopback port that nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('npm run import against a service that is not running', () => {
  it('says within a few seconds that it cannot reach the service, and exits non-zero', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'import-unreachable-')), 'announcements.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          source: 'mofcom',
          sourceRef: 'MOFCOM-2099-1',
          title: 'Export controls on gallium',
          issuingRegion: 'CN',
          affectedRegions: ['*'],
          materials: ['gallium'],
          changeType: 'licence-requirement',
          severity: 'high',
        },
      ]),
    );
    const url = `http://127.0.0.1:${await closedPort()}`;
    let stderr = '';
    const started = performance.now();
    const status = await runImportCommand(['announcements', '--file', file], {
      stdout: () => {},
      stderr: (text) => {
        stderr += text;
      },
      env: { MA_API_URL: url, MA_API_KEY: 'ma_adm_unused' },
    });
    const seconds = (performance.now() - started) / 1000;
    expect(status).not.toBe(0);
    expect(stderr).toContain(`cannot reach ${url}`);
    expect(stderr).toContain('ECONNREFUSED');
    expect(stderr).toMatch(/is the service running/i);
    expect(seconds).toBeLessThan(5);
  });
});
