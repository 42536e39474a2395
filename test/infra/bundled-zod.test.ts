import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BuildOptions, build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import * as zod from 'zod';
import * as bundledZod from '../../infra/bundled-zod/index.js';
import { BUNDLE_ALIASES, EXTERNAL_MODULES, repoRoot } from '../../infra/function.js';
import * as probe from './zod-probe.js';

/** The members of zod's namespace the bundles leave out (infra/bundled-zod/members.ts says why). */
const LEFT_OUT = [
  'ZodCompileAsyncError',
  'ZodCompileUnsupportedError',
  'compile',
  'core',
  'fromJSONSchema',
  'locales',
  'toJSONSchema',
  'withParser',
];

/** The esbuild options infra/function.ts gives NodejsFunction that decide what goes in. */
const OPTIONS: BuildOptions = {
  absWorkingDir: repoRoot,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  mainFields: ['module', 'main'],
  banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
  external: [...EXTERNAL_MODULES],
  alias: { ...BUNDLE_ALIASES },
  logLevel: 'silent',
  write: false,
};

const outDir = mkdtempSync(join(tmpdir(), 'material-alerts-zod-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('zod in the Lambda bundles', () => {
  it("has every member of zod's namespace but the ones left out", () => {
    const published = Object.keys(zod).sort();
    expect(LEFT_OUT.filter((name) => !published.includes(name))).toEqual([]);
    expect(Object.keys(bundledZod).sort()).toEqual(published.filter((name) => !LEFT_OUT.includes(name)));
    expect(bundledZod.z.ZodType).toBe(zod.z.ZodType);
  });

  it.each(readdirSync(join(repoRoot, 'functions')).sort())(
    'bundles the %s function with no zod locale but English and no member it lacks',
    async (name) => {
      const result = await build({
        ...OPTIONS,
        entryPoints: [join(repoRoot, 'functions', name, 'index.ts')],
        outfile: join(outDir, name, 'index.mjs'),
        metafile: true,
      });
      // esbuild warns when code reads a namespace member the module does not export.
      expect(result.warnings.map((w) => w.text)).toEqual([]);
      // Inputs esbuild read but shook out count for nothing: only what reaches the output.
      const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined);
      const inputs = Object.entries(output?.inputs ?? {})
        .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
        .map(([input]) => input);
      expect(inputs.filter((input) => /zod\/v4\/locales\/(?!en\.js$)/.test(input))).toEqual([]);
      expect(Object.keys(result.metafile.inputs)).toContain('infra/bundled-zod/index.ts');
    },
  );

  it('gives the same English messages and OpenAPI document bundled as unbundled', async () => {
    const result = await build({
      ...OPTIONS,
      entryPoints: [join(repoRoot, 'test/infra/zod-probe.ts')],
      outfile: join(outDir, 'probe.mjs'),
    });
    const file = join(outDir, 'probe.mjs');
    writeFileSync(file, result.outputFiles?.[0]?.contents ?? '');
    const bundled = (await import(pathToFileURL(file).href)) as typeof probe;

    const input = { name: 'ab', count: 1.5, kind: 'c', when: 'yesterday', note: 'x', colour: 'red' };
    const expected = [
      'name: must be at least 3 characters long',
      'count: must be a whole number',
      'kind: must be one of: a, b',
      'when: must be a date-time with its offset, such as 2026-03-01T12:00:00Z',
      'note: Invalid input',
      ': unknown field: colour',
    ];
    expect(probe.messages(input)).toEqual(expected);
    expect(bundled.messages(input)).toEqual(expected);
    expect(bundled.document()).toEqual(probe.document());
  });
});
