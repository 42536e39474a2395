import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type LocalService, startLocalService } from '../support/local-service.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The shell blocks of the README's quick start, in order. */
function quickStartBlocks(): string[] {
  const readme = readFileSync(`${ROOT}/README.md`, 'utf8');
  const section = /^## Quick start[^\n]*\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("the README's quick start, run as written", () => {
  let service: LocalService | undefined;
  let shellGroup: number | undefined;
  afterAll(async () => {
    if (shellGroup) process.kill(-shellGroup, 'SIGTERM');
    await service?.stop();
  });

  it('ends with the receiver printing a verified webhook', async () => {
    const [serviceBlock, sessionBlock] = quickStartBlocks();
    // The first terminal: `npm install`, then `npm start` with its variables (installed already here).
    const start = (serviceBlock ?? '').trim().split('\n').at(-1) ?? '';
    const startMatch = /^((?:[A-Z_]+=\S+ )*)npm start$/.exec(start);
    expect(startMatch, start).not.toBeNull();
    const env = Object.fromEntries(
      (startMatch?.[1] ?? '')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map((pair) => pair.split('=') as [string, string]),
    );
    expect(env).toEqual({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    service = await startLocalService(env);

    // The second terminal, word for word but for the ports: this run's service and a free one for the receiver.
    const receiverPort = await freePort();
    const script = (sessionBlock ?? '')
      .replaceAll('http://127.0.0.1:3000', service.url)
      .replaceAll('127.0.0.1:4000', `127.0.0.1:${receiverPort}`)
      .replaceAll('.listen(4000)', `.listen(${receiverPort})`);
    expect(script).toContain(service.url);
    expect(script).toContain(`.listen(${receiverPort})`);
    const shell = spawn('bash', ['-c', script], {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    shellGroup = shell.pid;
    let output = '';
    shell.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    shell.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const deadline = Date.now() + 30_000;
    while (!/verified/.test(output) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(output).toMatch(/^verified msg_\S+ policy_change\.published Gallium exports need a licence$/m);
    expect(output).not.toMatch(/refused:/);
  }, 120_000);
});
