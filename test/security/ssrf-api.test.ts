import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiHarness,
  createHarness,
  expectProblem,
  newSubscriber,
  problemFields,
  subscriptionBody,
} from '../api/support.js';

/**
 * Webhook URLs an attacker would use to turn our sender into a probe of our own network, every
 * one in several spellings. The API runs with requireHttps on and private targets off, as deployed.
 */
const HOSTILE_URLS: readonly string[] = [
  // Loopback, in every spelling a URL parser accepts.
  'https://127.0.0.1/hook',
  'https://127.1/',
  'https://127.0.1/',
  'https://0177.0.0.1/',
  'https://0x7f.0.0.1/',
  'https://0x7f000001/',
  'https://2130706433/',
  'https://017700000001/',
  'https://127.000.000.001/',
  'https://①②⑦.0.0.1/',
  'https://127。0。0。1/',
  'https://127.0.0.1./',
  'https://localhost/',
  'https://LOCALHOST./',
  'https://api.localhost/',
  'https://0.0.0.0/',
  'https://0/',
  'https://[::]/',
  'https://[::1]/',
  'https://[0:0:0:0:0:0:0:1]/',
  'https://[::ffff:127.0.0.1]/',
  'https://[::ffff:7f00:1]/',
  'https://[0:0:0:0:0:ffff:127.0.0.1]/',
  'https://[::127.0.0.1]/',
  // Cloud metadata services.
  'https://169.254.169.254/latest/meta-data/',
  'https://2852039166/',
  'https://0xa9fea9fe/',
  'https://0251.0376.0251.0376/',
  'https://169.254.43518/',
  'https://[::ffff:169.254.169.254]/',
  'https://[::ffff:a9fe:a9fe]/',
  'https://[fd00:ec2::254]/',
  'https://metadata.google.internal/computeMetadata/v1/',
  'https://metadata/',
  'https://instance-data/',
  'https://100.100.100.200/',
  'https://168.63.129.16/',
  // Private, CGNAT, multicast, reserved, benchmarking, documentation.
  'https://10.0.0.1/',
  'https://10.255.255.255/',
  'https://172.16.0.1/',
  'https://172.31.255.254/',
  'https://192.168.1.1/',
  'https://100.64.0.1/',
  'https://100.127.255.254/',
  'https://224.0.0.1/',
  'https://239.255.255.250/',
  'https://240.0.0.1/',
  'https://255.255.255.255/',
  'https://198.18.0.1/',
  'https://192.0.0.1/',
  'https://192.0.2.1/',
  'https://203.0.113.5/',
  // IPv6 link-local, unique-local, multicast, and the translation prefixes that embed IPv4.
  'https://[fe80::1]/',
  'https://[fc00::1]/',
  'https://[ff02::1]/',
  'https://[64:ff9b::a9fe:a9fe]/',
  'https://[2002:a9fe:a9fe::]/',
  'https://[2001::1]/',
  'https://[2001:db8::1]/',
  'https://[100::1]/',
  // Userinfo and parser-confusion tricks.
  'https://user:pass@hooks.example.com/',
  'https://hooks.example.com@127.0.0.1/',
  'https://127.0.0.1%2f@hooks.example.com/',
  'https://127.0.0.1#@hooks.example.com/',
  'https:\\\\127.0.0.1\\hook',
  'https:/127.0.0.1/hook',
  'https:127.0.0.1/hook',
  // Internal names.
  'https://printer.local/',
  'https://router.home.arpa/',
  'https://host.docker.internal/',
  'https://kubernetes.default.svc.cluster.local/',
  'https://intranet/',
  // Ports we will not relay to.
  'https://hooks.example.com:22/',
  'https://hooks.example.com:25/',
  'https://hooks.example.com:0/',
  // Schemes other than https.
  'http://hooks.example.com/hook',
  'ftp://hooks.example.com/',
  'file:///etc/passwd',
  'gopher://127.0.0.1:6379/_INFO',
  'javascript:alert(1)',
  'data:text/html,hi',
  'dict://127.0.0.1:11211/',
  // Not URLs at all.
  'https://',
  'https://exa mple.com/',
  '//hooks.example.com/',
  'hooks.example.com/hook',
];

let h: ApiHarness;
let owner: { id: string; key: string };
let existing: { id: string; version: number; url: string };

beforeAll(async () => {
  h = await createHarness();
  owner = await newSubscriber(h.http, 'Target Practice GmbH');
  const created = await h.http.post('/v1/subscriptions', subscriptionBody(), owner.key);
  expect(created.status).toBe(201);
  existing = { id: created.json.id, version: created.json.version, url: created.json.webhook.url };
});

describe('SSRF: hostile webhook URLs at the API', () => {
  it(`covers at least 40 hostile URLs (${HOSTILE_URLS.length})`, () => {
    expect(new Set(HOSTILE_URLS).size).toBe(HOSTILE_URLS.length);
    expect(HOSTILE_URLS.length).toBeGreaterThanOrEqual(40);
  });

  it('still accepts an https URL on a public host name (the suite is not refusing everything)', async () => {
    const res = await h.http.post(
      '/v1/subscriptions',
      subscriptionBody({ webhook: { url: 'https://hooks.example.com:8443/alerts?tenant=7' } }),
      owner.key,
    );
    expect(res.status, res.text).toBe(201);
  });

  it.each(HOSTILE_URLS)(
    '%s: POST and PATCH answer 422 naming webhook.url, and nothing is written',
    async (url) => {
      const before = await h.itemCount();

      const created = await h.http.post(
        '/v1/subscriptions',
        subscriptionBody({ webhook: { url } }),
        owner.key,
      );
      expectProblem(created, 422, 'validation-error');
      expect(problemFields(created)).toContain('webhook.url');

      const patched = await h.http.patch(`/v1/subscriptions/${existing.id}`, { webhook: { url } }, owner.key);
      expectProblem(patched, 422, 'validation-error');
      expect(problemFields(patched)).toContain('webhook.url');

      expect(await h.itemCount()).toBe(before);
      const current = await h.http.get(`/v1/subscriptions/${existing.id}`, owner.key);
      expect(current.json).toMatchObject({ version: existing.version, webhook: { url: existing.url } });
    },
  );
});
