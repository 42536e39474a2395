// `npm run deps`: dependency-cruiser over the project with the rules in .dependency-cruiser.cjs,
// reading TypeScript with the TypeScript 5 compiler API (see typescript-5-hook.mjs). Its version
// check requires `typescript/package.json` through CommonJS, which the ESM hook does not see.
import Module, { register } from 'node:module';

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const fromCruiser = parent?.filename?.includes('/node_modules/dependency-cruiser/');
  const target =
    fromCruiser && /^typescript(\/|$)/.test(request)
      ? request.replace(/^typescript/, 'typescript-5')
      : request;
  return resolveFilename.call(this, target, parent, ...rest);
};
register('./typescript-5-hook.mjs', import.meta.url);

process.argv = [
  process.argv[0],
  'depcruise',
  '--config',
  '.dependency-cruiser.cjs',
  '--output-type',
  'err',
  'shared',
  'functions',
  'local',
  'infra',
  'scripts',
  'bench',
  ...process.argv.slice(2),
];
await import(new URL('../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url).href);
