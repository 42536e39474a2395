import ipaddr from 'ipaddr.js';

/** Where webhooks may go: production refuses private targets and plain http; local mode may allow them. */
export interface WebhookUrlPolicy {
  allowPrivate: boolean;
  requireHttps: boolean;
  /** Hosts Slack and Teams URLs may name (`CHAT_WEBHOOK_HOSTS`); the products' own when absent. */
  chatHosts?: readonly string[];
}

export type WebhookUrlRefusal =
  | 'invalid-url'
  | 'scheme-not-allowed'
  | 'private-address'
  | 'credentials-in-url'
  | 'port-not-allowed';

/** A webhook URL the policy refuses; `reason` is stable for API errors, the message is for people. */
export class WebhookUrlError extends Error {
  readonly reason: WebhookUrlRefusal;

  constructor(reason: WebhookUrlRefusal, message: string) {
    super(message);
    this.name = 'WebhookUrlError';
    this.reason = reason;
  }
}

const MAX_URL_LENGTH = 2048;
// The only IPv6 space IANA hands out for global unicast. Outside it sit IPv4-compatible ::a.b.c.d,
// discard, site-local and other blocks that ipaddr.js still calls 'unicast'.
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');
// Public-looking addresses that are in fact cloud infrastructure endpoints.
const BLOCKED = [ipaddr.parseCIDR('168.63.129.16/32') /* Azure WireServer */];
// Names that resolve to the machine itself or to an internal network (RFC 6761, 6762, 8375, cloud DNS).
const INTERNAL_SUFFIXES = ['localhost', 'local', 'localdomain', 'internal', 'home.arpa'];
// Below 1024 only the web ports: we must not be a relay for SMTP, SSH and the like.
const WEB_PORTS = new Set([80, 443]);

/**
 * True when `address` is an IP address on the public internet. IPv4-mapped IPv6 is unwrapped first;
 * then only ipaddr.js's 'unicast' range passes (no loopback, private, link-local incl. cloud metadata,
 * CGNAT, multicast, reserved, benchmarking...). Every IPv6 translation prefix (NAT64, 6to4, Teredo)
 * is refused because it can embed a private IPv4 address. Only canonical IPv4 text is accepted, so a
 * spelling such as `0177.0.0.1` cannot mean different things to us and to the resolver.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  if (ipaddr.IPv4.isValid(address) && !ipaddr.IPv4.isValidFourPartDecimal(address)) return false;
  const ip = ipaddr.process(address);
  if (ip.range() !== 'unicast') return false;
  if (ip.kind() === 'ipv6' && !ip.match(GLOBAL_UNICAST_V6)) return false;
  return !BLOCKED.some((range) => ip.kind() === range[0].kind() && ip.match(range));
}

/**
 * Validates a webhook URL when it is saved and returns it parsed. The WHATWG parser canonicalises
 * `127.1`, `0x7f.1`, `2130706433` and full-width digits to dotted quads before the checks. A hostname
 * passes here (apart from localhost-like names) and its resolved address is checked again at connect
 * time, since DNS can change between now and then.
 */
export function checkWebhookUrl(url: string, policy: WebhookUrlPolicy): URL {
  if (url.length > MAX_URL_LENGTH) {
    throw new WebhookUrlError('invalid-url', `URL is longer than ${MAX_URL_LENGTH} characters`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new WebhookUrlError('invalid-url', 'not an absolute URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new WebhookUrlError('scheme-not-allowed', `scheme ${parsed.protocol} is not allowed; use https`);
  }
  if (policy.requireHttps && parsed.protocol !== 'https:') {
    throw new WebhookUrlError('scheme-not-allowed', 'webhook URLs must use https');
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new WebhookUrlError('credentials-in-url', 'URL must not contain a user name or password');
  }
  const port = parsed.port === '' ? undefined : Number(parsed.port);
  if (port === 0 || (!policy.allowPrivate && port !== undefined && port < 1024 && !WEB_PORTS.has(port))) {
    throw new WebhookUrlError('port-not-allowed', `port ${parsed.port} is not allowed`);
  }

  const host = unbracket(parsed.hostname);
  if (policy.allowPrivate) return parsed;
  if (ipaddr.isValid(host)) {
    if (!isPublicAddress(host)) {
      throw new WebhookUrlError('private-address', `${parsed.hostname} is not a public address`);
    }
  } else if (isInternalName(host)) {
    throw new WebhookUrlError('private-address', `${parsed.hostname} is an internal host name`);
  }
  return parsed;
}

/** The host of a URL as a resolver or socket wants it: IPv6 literals lose their brackets. */
export function unbracket(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

function isInternalName(host: string): boolean {
  const name = host.replace(/\.+$/, '');
  // A single label ("metadata", "intranet") is completed by the resolver's search domains.
  if (!name.includes('.')) return true;
  return INTERNAL_SUFFIXES.some((suffix) => name === suffix || name.endsWith(`.${suffix}`));
}
