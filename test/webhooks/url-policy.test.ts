import { describe, expect, it } from 'vitest';
import {
  checkWebhookUrl,
  isPublicAddress,
  unbracket,
  WebhookUrlError,
  type WebhookUrlPolicy,
} from '../../shared/delivery/webhooks/url-policy.js';

const PRODUCTION: WebhookUrlPolicy = { allowPrivate: false, requireHttps: true };
const STRICT_ADDRESSES: WebhookUrlPolicy = { allowPrivate: false, requireHttps: false };
const LOCAL: WebhookUrlPolicy = { allowPrivate: true, requireHttps: false };

function refusal(url: string, policy: WebhookUrlPolicy): string | undefined {
  try {
    checkWebhookUrl(url, policy);
    return undefined;
  } catch (error) {
    if (error instanceof WebhookUrlError) return error.reason;
    throw error;
  }
}

describe('checkWebhookUrl refuses hostile URLs when private targets are not allowed', () => {
  it.each([
    // loopback in every spelling the WHATWG parser understands
    ['http://127.0.0.1/hook', 'private-address'],
    ['http://127.1/hook', 'private-address'],
    ['http://2130706433/hook', 'private-address'],
    ['http://0x7f000001/hook', 'private-address'],
    ['http://0x7f.1/hook', 'private-address'],
    ['http://0177.0.0.1/hook', 'private-address'],
    ['http://127.0.0.1./hook', 'private-address'],
    ['http://１２７.０.０.１/hook', 'private-address'],
    ['http://127.255.255.254:8443/', 'private-address'],
    ['http://[::1]/hook', 'private-address'],
    ['http://[::ffff:127.0.0.1]/hook', 'private-address'],
    ['http://[::ffff:7f00:1]/hook', 'private-address'],
    ['http://[0:0:0:0:0:ffff:127.0.0.1]/hook', 'private-address'],
    ['http://[::127.0.0.1]/hook', 'private-address'],
    // cloud metadata
    ['http://169.254.169.254/latest/meta-data', 'private-address'],
    ['http://[::ffff:169.254.169.254]/latest/meta-data', 'private-address'],
    ['http://[fd00:ec2::254]/latest/meta-data', 'private-address'],
    ['http://100.100.100.200/latest/meta-data', 'private-address'],
    ['http://168.63.129.16/machine', 'private-address'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'private-address'],
    ['http://metadata/computeMetadata/v1/', 'private-address'],
    // private, CGNAT, unspecified, multicast, broadcast, reserved, benchmarking
    ['http://10.0.0.1/', 'private-address'],
    ['http://192.168.1.1/', 'private-address'],
    ['http://172.16.0.1/', 'private-address'],
    ['http://172.31.255.255/', 'private-address'],
    ['http://100.64.0.1/', 'private-address'],
    ['http://0.0.0.0/', 'private-address'],
    ['http://0/', 'private-address'],
    ['http://224.0.0.1/', 'private-address'],
    ['http://255.255.255.255/', 'private-address'],
    ['http://240.0.0.1/', 'private-address'],
    ['http://198.18.0.1/', 'private-address'],
    ['http://192.0.2.10/', 'private-address'],
    ['http://192.0.0.192/', 'private-address'],
    ['http://[::]/', 'private-address'],
    ['http://[fd00::1]/', 'private-address'],
    ['http://[fe80::1]/', 'private-address'],
    ['http://[fec0::1]/', 'private-address'],
    ['http://[ff02::1]/', 'private-address'],
    ['http://[2001:db8::1]/', 'private-address'],
    // translation prefixes that can embed a private IPv4 address
    ['http://[64:ff9b::127.0.0.1]/', 'private-address'],
    ['http://[64:ff9b::8.8.8.8]/', 'private-address'],
    ['http://[2002:7f00:1::]/', 'private-address'],
    ['http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/', 'private-address'],
    // names that mean this machine or an internal network
    ['http://localhost/', 'private-address'],
    ['http://LOCALHOST:8080/', 'private-address'],
    ['http://foo.localhost/', 'private-address'],
    ['http://localhost./', 'private-address'],
    ['http://localhost../', 'private-address'],
    ['http://printer.local/', 'private-address'],
    ['http://printer.local./', 'private-address'],
    ['http://printer.localdomain/', 'private-address'],
    ['http://router.home.arpa/', 'private-address'],
    ['http://home.arpa/', 'private-address'],
    // not http(s), credentials, ports
    ['http://user:pass@example.com/', 'credentials-in-url'],
    ['http://user@example.com/', 'credentials-in-url'],
    ['http://:pass@example.com/', 'credentials-in-url'],
    ['ftp://example.com/', 'scheme-not-allowed'],
    ['file:///etc/passwd', 'scheme-not-allowed'],
    ['javascript:alert(1)', 'scheme-not-allowed'],
    ['gopher://example.com:6379/_FLUSHALL', 'scheme-not-allowed'],
    ['data:text/plain,hi', 'scheme-not-allowed'],
    ['http://example.com:25/', 'port-not-allowed'],
    ['http://example.com:22/', 'port-not-allowed'],
    ['http://example.com:0/', 'port-not-allowed'],
    ['not a url', 'invalid-url'],
    ['/relative/hook', 'invalid-url'],
    ['http://[::1/', 'invalid-url'],
    ['http://1.2.3.4.5/', 'invalid-url'],
    [`https://example.com/${'a'.repeat(2100)}`, 'invalid-url'],
    [`https://example.com/${'a'.repeat(2049 - 'https://example.com/'.length)}`, 'invalid-url'],
  ])('%s -> %s', (url, reason) => {
    expect(refusal(url, STRICT_ADDRESSES)).toBe(reason);
  });
});

describe('checkWebhookUrl accepts public targets', () => {
  it.each([
    'https://example.com/hook',
    'https://example.com:8443/hook?x=1',
    // The web ports are allowed on either scheme; from 1024 up any port is.
    'https://example.com:80/hook',
    'https://example.com:1024/hook',
    // At most 2048 characters.
    `https://example.com/${'a'.repeat(2048 - 'https://example.com/'.length)}`,
    'https://93.184.216.34/x',
    'https://[2606:2800:220:1:248:1893:25c8:1946]/x',
    'https://hooks.example.com./x',
    // A hostname passes at save time; its resolved address is checked at connect time.
    'https://127.0.0.1.nip.io/hook',
  ])('%s', (url) => {
    expect(refusal(url, PRODUCTION)).toBeUndefined();
  });

  it('returns the parsed, canonical URL', () => {
    const url = checkWebhookUrl('HTTPS://Example.COM:443/a/../hook?q=1', PRODUCTION);
    expect(url.href).toBe('https://example.com/hook?q=1');
  });

  it('a refusal is a WebhookUrlError, as logs name it', () => {
    expect(() => checkWebhookUrl('ftp://example.com/', PRODUCTION)).toThrow(
      expect.objectContaining({ name: 'WebhookUrlError', reason: 'scheme-not-allowed' }),
    );
  });

  it('requireHttps refuses plain http, even to a public host', () => {
    expect(refusal('http://example.com/hook', PRODUCTION)).toBe('scheme-not-allowed');
    expect(refusal('http://example.com/hook', STRICT_ADDRESSES)).toBeUndefined();
  });

  it('where plain http is allowed, port 443 is a web port too', () => {
    expect(refusal('http://example.com:443/hook', STRICT_ADDRESSES)).toBeUndefined();
  });
});

describe('checkWebhookUrl with allowPrivate (local mode)', () => {
  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost:3000/hook',
    'http://[::1]:8080/',
    'http://10.0.0.1/',
    // Any port but 0: a local receiver may listen anywhere.
    'http://127.0.0.1:22/',
  ])('accepts %s', (url) => {
    expect(refusal(url, LOCAL)).toBeUndefined();
  });

  it.each([
    ['http://user:pass@127.0.0.1/', 'credentials-in-url'],
    ['file:///etc/passwd', 'scheme-not-allowed'],
    ['http://127.0.0.1:0/', 'port-not-allowed'],
  ])('still refuses %s -> %s', (url, reason) => {
    expect(refusal(url, LOCAL)).toBe(reason);
  });
});

describe('isPublicAddress', () => {
  it.each([
    ['93.184.216.34', true],
    ['8.8.8.8', true],
    ['2606:4700:4700::1111', true],
    ['::ffff:8.8.8.8', true],
    ['127.0.0.1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:10.1.2.3', false],
    ['::7f00:1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['fd00:ec2::254', false],
    ['fe80::1%eth0', false],
    ['2002:c0a8:101::1', false],
    ['64:ff9b::a00:1', false],
    // non-canonical IPv4 text is not trusted, even when it would be public
    ['0177.0.0.1', false],
    ['010.8.8.8', false],
    ['134744072', false],
    ['example.com', false],
    ['', false],
  ])('%s -> %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('unbracket', () => {
  it.each([
    ['[2001:db8::1]', '2001:db8::1'],
    ['[::1]', '::1'],
    ['example.com', 'example.com'],
    ['127.0.0.1', '127.0.0.1'],
  ])('%s -> %s', (hostname, host) => {
    expect(unbracket(hostname)).toBe(host);
  });
});
