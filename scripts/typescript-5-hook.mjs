// openapi-typescript builds its output with the TypeScript 5 compiler API, which the project's
// TypeScript 7 (a native compiler) does not offer: its imports of `typescript` get the
// `typescript-5` package instead. Nothing else is redirected.
export async function resolve(specifier, context, next) {
  if (specifier === 'typescript' && context.parentURL?.includes('/node_modules/openapi-typescript/')) {
    return next('typescript-5', context);
  }
  return next(specifier, context);
}
