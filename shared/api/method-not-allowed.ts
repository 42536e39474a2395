/**
 * For a request no route answers: the methods the same path does have, so the API can say 405
 * with `Allow` instead of 404. Built from the app's route table once, on first use.
 */
export function allowedMethodsOf(
  routes: readonly { method: string; path: string }[],
): (path: string) => string[] {
  let table: { pattern: RegExp; method: string }[] | undefined;
  return (path) => {
    table ??= routes
      .filter((route) => route.method !== 'ALL' && !route.path.includes('*'))
      .map((route) => ({
        method: route.method.toUpperCase(),
        pattern: new RegExp(
          `^${route.path
            .split('/')
            .map((segment) =>
              segment.startsWith(':') ? '[^/]+' : segment.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
            )
            .join('/')}/?$`,
        ),
      }));
    const methods = new Set(table.filter((route) => route.pattern.test(path)).map((route) => route.method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
}
