import ipaddr from 'ipaddr.js';

/** A property of something whose shape the runtime decides, or undefined. */
function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, name) : undefined;
}

function path(value: unknown, ...names: string[]): string | undefined {
  const found = names.reduce(field, value);
  return typeof found === 'string' && found !== '' ? found : undefined;
}

/**
 * Who is calling, as far as budgets go: the connection's peer under @hono/node-server (`npm start`),
 * API Gateway's `sourceIp` on Lambda; undefined when the runtime names none (`app.request` in
 * tests). An IPv4 address as itself (also when written IPv4-mapped), an IPv6 address by its /64,
 * which one subscriber line holds whole.
 *
 * @example clientAddress({ requestContext: { http: { sourceIp: '2001:db8:1:2::7' } } }) // '2001:db8:1:2::/64'
 */
export function clientAddress(env: unknown): string | undefined {
  const raw =
    path(env, 'incoming', 'socket', 'remoteAddress') ??
    path(env, 'server', 'incoming', 'socket', 'remoteAddress') ??
    path(env, 'requestContext', 'http', 'sourceIp') ??
    path(env, 'requestContext', 'identity', 'sourceIp');
  if (raw === undefined || !ipaddr.isValid(raw)) return raw;
  const address = ipaddr.process(raw);
  if (address.kind() === 'ipv4') return address.toString();
  const prefix = ipaddr.IPv6.networkAddressFromCIDR(`${address.toNormalizedString()}/64`);
  return `${prefix.toString()}/64`;
}
