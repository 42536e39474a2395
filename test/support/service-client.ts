/**
 * A small JSON client for a running service (the local runtime or `npm start`):
 * `const call = serviceClient(() => runtime.url); await call('POST', '/v1/subscribers', key, body)`.
 */
export function serviceClient(baseUrl: () => string) {
  return async (method: string, path: string, key: string, body?: unknown) => {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: answers are asserted field by field with expect
    const json: any = text ? JSON.parse(text) : undefined;
    return { status: response.status, headers: response.headers, json };
  };
}
