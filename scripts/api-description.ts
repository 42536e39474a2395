import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type ApiDeps, createApp } from '../shared/api/app.js';

/**
 * `npm run api:generate` writes the API description (docs/openapi.json) and the console's typed
 * client (console/src/api/schema.d.ts) from the routes; `npm run api:check` (part of `npm test`)
 * fails when either differs from what the routes give, then lints the description with Redocly.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOCUMENT_PATH = 'docs/openapi.json';
const CLIENT_PATH = 'console/src/api/schema.d.ts';
const CLIENT_HEADER =
  '// The API as TypeScript types, generated from /openapi.json by `npm run api:generate`: do not edit.\n\n';

/**
 * Building the document runs no handler, so the app gets no working dependencies: any use of one
 * would fail loudly rather than touch a table.
 */
function documentOnlyApp() {
  // Optional members are absent; the bootstrap key's digest, read once at start, is unknown.
  const absent = new Set<string | symbol>(['limits', 'rateLimiter', 'unknownKeys', 'statsSections']);
  const unused = new Proxy(
    {},
    {
      get: (_target, name) =>
        name === 'log'
          ? () => undefined
          : name === 'adminKeyHash'
            ? async () => undefined
            : absent.has(name)
              ? undefined
              : unusable,
    },
  );
  // biome-ignore lint/suspicious/noExplicitAny: a stand-in whose members throw when used
  return createApp(unused as any as ApiDeps);
}

function unusable(): never {
  throw new Error('the API description is built without dependencies');
}

async function generate(): Promise<{ document: string; client: string }> {
  const res = await documentOnlyApp().request('/openapi.json');
  const document = `${JSON.stringify(await res.json(), null, 2)}\n`;
  register('./typescript-5-hook.mjs', import.meta.url);
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(JSON.parse(document), { alphabetize: true });
  return { document, client: CLIENT_HEADER + astToString(ast) };
}

const check = process.argv.includes('--check');
const { document, client } = await generate();
const outputs = [
  { path: DOCUMENT_PATH, text: document },
  { path: CLIENT_PATH, text: client },
];
if (check) {
  const stale = outputs.filter(({ path, text }) => {
    try {
      return readFileSync(`${ROOT}/${path}`, 'utf8') !== text;
    } catch {
      return true;
    }
  });
  if (stale.length > 0) {
    process.stderr.write(
      `${stale.map((o) => o.path).join(' and ')} differ from the routes: run \`npm run api:generate\` and commit the result\n`,
    );
    process.exit(1);
  }
  execFileSync(`${ROOT}/node_modules/.bin/redocly`, ['lint', DOCUMENT_PATH, '--format', 'stylish'], {
    cwd: ROOT,
    stdio: 'inherit',
    // Redocly CLI reports usage to its makers unless told not to: nothing here leaves the machine.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
} else {
  for (const { path, text } of outputs) writeFileSync(`${ROOT}/${path}`, text);
  process.stderr.write(`wrote ${outputs.map((o) => o.path).join(' and ')}\n`);
}
