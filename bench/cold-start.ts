import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { type BenchResult, median, type Row, round } from './support.js';

const ROOT = new URL('..', import.meta.url).pathname;
const RUNS = 5;
const MAX_BYTES = 500_000;
/** Import time against a handler that only constructs the same AWS SDK clients. */
const MAX_IMPORT_RATIO = 2;
/** As infra/function.ts (EXTERNAL_MODULES): the Lambda runtime provides AWS SDK v3. */
const EXTERNAL = ['@aws-sdk/*'];
/** As infra/function.ts (BUNDLE_ALIASES): zod without its error-message locales; paths from the root. */
const ALIAS = { zod: './infra/bundled-zod/index.ts' };
/** As infra/stack.ts (`keepNames: false`): the functions bundled without esbuild's keepNames. */
const WITHOUT_KEPT_NAMES = new Set(['api']);
/** A handler that constructs exactly the clients `awsClients` does (and the document client), nothing else. */
const SDK_CLIENTS_HANDLER = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
const retry = { maxAttempts: 8, retryMode: 'adaptive' };
const clients = [
  DynamoDBDocumentClient.from(new DynamoDBClient(retry)),
  new SQSClient(retry),
  new SNSClient(retry),
  new SecretsManagerClient({}),
];
export const handler = async () => ({ statusCode: 200, clients: clients.length });
`;
/** As infra/function.ts gives NodejsFunction: ESM needs `require` for CommonJS dependencies. */
const BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** What each function reads at import time, with values shaped like the stack's. */
const FUNCTION_ENV = {
  TABLE_NAME: 'material-alerts',
  DELIVERY_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/delivery',
  DEAD_LETTER_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/delivery-dlq',
  OPERATOR_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:operator',
  ADMIN_API_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:admin-key',
  // The api reads the bootstrap key from Secrets Manager at cold start: a network call, not import
  // work, and no network here. Given directly, it takes the place of that one read.
  ADMIN_API_KEY: 'bench-admin-key-0123456789',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  POWERTOOLS_SERVICE_NAME: 'material-alerts',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

const run = promisify(execFile);

interface Bundle {
  name: string;
  file: string;
  bytes: number;
  gzipBytes: number;
  mapBytes: number;
  metafile: Metafile;
  importMs: { sourceMaps: number[]; plain: number[] };
}

/** Bundles `entry` with the options infra/function.ts passes to NodejsFunction (esbuild). */
async function bundle(name: string, entry: string, outDir: string): Promise<Bundle> {
  const file = join(outDir, name, 'index.mjs');
  const { metafile } = await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    keepNames: !WITHOUT_KEPT_NAMES.has(name),
    sourcemap: true,
    mainFields: ['module', 'main'],
    banner: { js: BANNER },
    external: EXTERNAL,
    alias: ALIAS,
    absWorkingDir: ROOT,
    metafile: true,
    logLevel: 'error',
  });
  const bytes = statSync(file).size;
  return {
    name,
    file,
    bytes,
    gzipBytes: gzipSync(readFileSync(file)).length,
    mapBytes: statSync(`${file}.map`).size,
    metafile,
    importMs: { sourceMaps: [], plain: [] },
  };
}

/** Milliseconds a fresh Node process takes to import `file`. */
async function importTime(file: string, sourceMaps: boolean): Promise<number> {
  const script =
    'const t = performance.now(); await import(process.argv[1]); console.log(performance.now() - t);';
  const { stdout } = await run(
    process.execPath,
    [
      ...(sourceMaps ? ['--enable-source-maps'] : []),
      '--input-type=module',
      '-e',
      script,
      pathToFileURL(file).href,
    ],
    { env: { PATH: process.env.PATH ?? '', ...FUNCTION_ENV }, timeout: 30_000 },
  );
  const ms = Number(stdout.trim().split('\n').at(-1));
  if (!Number.isFinite(ms)) throw new Error(`cold start: importing ${file} printed ${stdout}`);
  return ms;
}

/** Bytes in the bundle by npm package (or `project` for this repository's own code), largest first. */
function contributors(bundle: Bundle): { input: string; bytes: number; share: number }[] {
  const output = Object.values(bundle.metafile.outputs).find((o) => o.entryPoint !== undefined);
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(path);
    const key = match?.[1] ?? 'project (shared/, functions/)';
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
  }
  return [...byPackage.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([input, bytes]) => ({ input, bytes, share: round(bytes / bundle.bytes) }));
}

/** Bytes of inputs no handler uses: every locale but English of i18n-iso-countries, zod's error locales. */
function removable(bundle: Bundle): Record<string, number> {
  const output = Object.values(bundle.metafile.outputs).find((o) => o.entryPoint !== undefined);
  const sums = { 'i18n-iso-countries/langs (all but en)': 0, 'zod/v4/locales': 0 };
  for (const [path, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    if (/i18n-iso-countries\/langs\/(?!en\.json)/.test(path))
      sums['i18n-iso-countries/langs (all but en)'] += bytesInOutput;
    if (/zod\/v4\/locales\//.test(path)) sums['zod/v4/locales'] += bytesInOutput;
  }
  return sums;
}

/** Families of packages, for the summary: the AWS SDK is many packages. */
function family(input: string): string {
  if (
    /^@(aws-sdk|smithy|aws-crypto)\//.test(input) ||
    /^(fast-xml-parser|strnum|tslib|bowser|uuid)$/.test(input)
  )
    return 'AWS SDK v3 (@aws-sdk/*, @smithy/*, their helpers)';
  if (input.startsWith('@aws-lambda-powertools/')) return 'Powertools';
  if (input === 'zod' || input.startsWith('@hono/zod') || input.startsWith('@asteasolutions/'))
    return 'zod + OpenAPI';
  if (input === 'hono' || input.startsWith('@hono/')) return 'hono';
  return input;
}

/**
 * Each Lambda function bundled as the CDK stack bundles it, and an empty handler bundled the same
 * way: bundle size and the time a fresh Node process takes to import it (median of RUNS, with
 * --enable-source-maps as the functions run, and without).
 */
export async function coldStart(log: (line: string) => void): Promise<BenchResult> {
  const infra = readFileSync(join(ROOT, 'infra/function.ts'), 'utf8');
  if (
    !infra.includes(BANNER) ||
    !infra.includes("target: 'node22'") ||
    !infra.includes("['@aws-sdk/*']") ||
    !infra.includes(ALIAS.zod)
  ) {
    log('  warning: infra/function.ts bundling options changed; update bench/cold-start.ts to match');
  }
  // Inside the repository, so the bundles import the AWS SDK from node_modules as Lambda's do from the runtime.
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(join(cache, 'material-alerts-bench-'));
  try {
    const emptyEntry = join(outDir, 'empty-handler.ts');
    writeFileSync(emptyEntry, 'export const handler = async () => ({ statusCode: 200 });\n');
    const clientsEntry = join(outDir, 'sdk-clients-handler.ts');
    writeFileSync(clientsEntry, SDK_CLIENTS_HANDLER);
    const names = readdirSync(join(ROOT, 'functions')).sort();
    const bundles = [
      await bundle('empty', emptyEntry, outDir),
      await bundle('sdk-clients', clientsEntry, outDir),
    ];
    for (const name of names)
      bundles.push(await bundle(name, join(ROOT, 'functions', name, 'index.ts'), outDir));
    log(`  bundled ${names.join(', ')} and an empty handler`);

    for (const b of bundles) await importTime(b.file, true); // file cache warm-up
    for (let i = 0; i < RUNS; i++) {
      for (const b of bundles) {
        b.importMs.sourceMaps.push(await importTime(b.file, true));
        b.importMs.plain.push(await importTime(b.file, false));
      }
    }

    const [empty, clients, ...functions] = bundles;
    if (!empty || !clients) throw new Error('cold start: no baseline bundles');
    const kB = (bytes: number) => bytes / 1000;
    const rows: Row[] = functions.flatMap((b) => [
      {
        metric: `Cold start: ${b.name} bundle size (minified ESM, AWS SDK from the runtime)`,
        value: kB(b.bytes),
        baseline: kB(empty.bytes),
        unit: 'kB',
        baselineLabel: 'empty handler, same build',
        ratio: b.bytes / empty.bytes,
        goal: '< 500 kB',
        met: b.bytes < MAX_BYTES,
      },
      {
        metric: `Cold start: ${b.name} import in a fresh Node process (median of ${RUNS}, --enable-source-maps)`,
        value: median(b.importMs.sourceMaps),
        baseline: median(clients.importMs.sourceMaps),
        unit: 'ms',
        baselineLabel: 'a handler constructing the same AWS SDK clients',
        ratio: median(b.importMs.sourceMaps) / median(clients.importMs.sourceMaps),
        goal: `≤ ${MAX_IMPORT_RATIO}×`,
        met: median(b.importMs.sourceMaps) / median(clients.importMs.sourceMaps) <= MAX_IMPORT_RATIO,
      },
    ]);

    const analysis = functions.map((b) => {
      const top = contributors(b);
      const families = new Map<string, number>();
      for (const { input, bytes } of top)
        families.set(family(input), (families.get(family(input)) ?? 0) + bytes);
      return {
        function: b.name,
        bytes: b.bytes,
        gzipBytes: b.gzipBytes,
        sourceMapBytes: b.mapBytes,
        importMedianMs: {
          withSourceMaps: round(median(b.importMs.sourceMaps)),
          withoutSourceMaps: round(median(b.importMs.plain)),
        },
        families: [...families.entries()]
          .sort((a, c) => c[1] - a[1])
          .slice(0, 6)
          .map(([name, bytes]) => ({ name, bytes, share: round(bytes / b.bytes) })),
        topPackages: top.slice(0, 12),
        unusedLocaleBytes: removable(b),
      };
    });
    for (const a of analysis) {
      const families = a.families.map((f) => `${f.name} ${Math.round(f.share * 100)}%`).join(', ');
      log(`  ${a.function}: ${kB(a.bytes).toFixed(0)} kB; ${families}`);
    }
    return {
      rows,
      details: {
        maxBytes: MAX_BYTES,
        esbuild:
          'bundle, platform node, format esm, target node22, minify, keepNames, sourcemap, mainFields module,main, banner createRequire, external @aws-sdk/*, alias zod',
        empty: {
          bytes: empty.bytes,
          importMedianMs: {
            withSourceMaps: round(median(empty.importMs.sourceMaps)),
            withoutSourceMaps: round(median(empty.importMs.plain)),
          },
        },
        sdkClients: {
          bytes: clients.bytes,
          importMedianMs: {
            withSourceMaps: round(median(clients.importMs.sourceMaps)),
            withoutSourceMaps: round(median(clients.importMs.plain)),
          },
        },
        functions: analysis,
        entries: functions.map((b) => relative(ROOT, join(ROOT, 'functions', b.name, 'index.ts'))),
      },
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

interface FunctionAnalysis {
  function: string;
  bytes: number;
  gzipBytes: number;
  importMedianMs: { withSourceMaps: number; withoutSourceMaps: number };
  families: { name: string; bytes: number; share: number }[];
  unusedLocaleBytes: Record<string, number>;
}

/** The Markdown section on what the bundles are made of, from `coldStart`'s details. */
export function bundleNotes(details: Record<string, unknown>): string {
  const functions = (details.functions ?? []) as FunctionAnalysis[];
  const kB = (bytes: number) => `${Math.round(bytes / 1000)} kB`;
  return [
    '## What the bundles are made of',
    '',
    'Each function bundled the way infra/function.ts has CDK bundle it (esbuild, ESM, minified, the AWS SDK left to the runtime);',
    "shares from esbuild's metafile. Import times are medians in a fresh Node.js process, with and without",
    '`--enable-source-maps` (the functions run with it).',
    '',
    '| function | size (gzip) | import, with / without source maps | largest parts | unused locales |',
    '| --- | --- | --- | --- | --- |',
    ...functions
      .map((f) =>
        [
          f.function,
          `${kB(f.bytes)} (${kB(f.gzipBytes)})`,
          `${Math.round(f.importMedianMs.withSourceMaps)} / ${Math.round(f.importMedianMs.withoutSourceMaps)} ms`,
          f.families.map((family) => `${family.name} ${Math.round(family.share * 100)}%`).join(', '),
          Object.entries(f.unusedLocaleBytes)
            .map(([name, bytes]) => `${name} ${kB(bytes)}`)
            .join(', '),
        ].join(' | '),
      )
      .map((line) => `| ${line} |`),
  ].join('\n');
}
