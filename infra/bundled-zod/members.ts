/**
 * zod's public namespace (node_modules/zod/v4/classic/external.js) as the Lambda bundles carry it:
 * every member but the namespaces and helpers no function uses. `@hono/zod-openapi` hands the whole
 * `z` namespace to `extendZodWithOpenApi`, so esbuild keeps everything reachable from it; from the
 * real one that is every error-message locale (267 kB: `locales`, and `core`, which re-exports them),
 * the schema compiler and JSON Schema conversion. English messages stay: `ZodType` registers
 * `locales/en` itself on first use. Only bundling sees this module (an esbuild alias for `zod` in
 * infra/function.ts); tests, local mode and type checking use zod as published.
 * Left out: core, locales, compile, withParser, ZodCompileAsyncError, ZodCompileUnsupportedError,
 * toJSONSchema, fromJSONSchema. test/infra/bundled-zod.test.ts holds both lists to zod's own.
 */
export * from '../../node_modules/zod/v4/classic/checks.js';
export * as coerce from '../../node_modules/zod/v4/classic/coerce.js';
export * from '../../node_modules/zod/v4/classic/compat.js';
export { deepPartial } from '../../node_modules/zod/v4/classic/deep-partial.js';
export * from '../../node_modules/zod/v4/classic/errors.js';
export { input, output } from '../../node_modules/zod/v4/classic/in-out.js';
export * as iso from '../../node_modules/zod/v4/classic/iso.js';
export {
  ZodISODate,
  ZodISODateTime,
  ZodISODuration,
  ZodISOTime,
} from '../../node_modules/zod/v4/classic/iso.js';
export * from '../../node_modules/zod/v4/classic/parse.js';
export * from '../../node_modules/zod/v4/classic/schemas.js';
export {
  $brand,
  $input,
  $output,
  clone,
  config,
  flattenError,
  formatError,
  getDiscriminatedOption,
  globalRegistry,
  INVALID,
  memoizer,
  NEVER,
  prettifyError,
  regexes,
  registry,
  TimePrecision,
  toZod,
  treeifyError,
  util,
} from '../../node_modules/zod/v4/core/index.js';
