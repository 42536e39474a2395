// openapi-typescript builds its output with the TypeScript 5 compiler API, and dependency-cruiser
// reads imports with it; the project's TypeScript 7 (a native compiler) does not offer that API, so
// their imports of `typescript` get the `typescript-5` package instead. Nothing else is redirected.
const CALLERS = ['/node_modules/openapi-typescript/', '/node_modules/dependency-cruiser/'];

export async function resolve(specifier, context, next) {
  if (specifier === 'typescript' && CALLERS.some((caller) => context.parentURL?.includes(caller))) {
    return next('typescript-5', context);
  }
  return next(specifier, context);
}
