import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import {
  type AddressInfo,
  createServer as createTcpServer,
  type Socket,
  type Server as TcpServer,
} from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpSender, type WebhookLookup } from '../../shared/delivery/webhooks/http-sender.js';
import { generateWebhookSecret, webhookHeaders } from '../../shared/delivery/webhooks/signing.js';
import { checkWebhookUrl, type WebhookUrlPolicy } from '../../shared/delivery/webhooks/url-policy.js';

const LOCAL: WebhookUrlPolicy = { allowPrivate: true, requireHttps: false };
const STRICT: WebhookUrlPolicy = { allowPrivate: false, requireHttps: false };
const TIMEOUT_MS = 200;

interface Hit {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface Receiver {
  url: string;
  port: number;
  hits: Hit[];
  /** TCP connections accepted, whether or not a request followed. */
  connections: () => number;
}

const servers: (Server | TcpServer)[] = [];

const sockets = new Set<Socket>();

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(server: Server | TcpServer): Promise<number> {
  servers.push(server);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return (address satisfies AddressInfo).port;
}

/** A real HTTP receiver on 127.0.0.1 that records each request after reading its whole body. */
async function receiver(respond: RequestListener): Promise<Receiver> {
  const hits: Hit[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      hits.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
      respond(req, res);
    });
  });
  server.on('connection', () => connections++);
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}/hook`, port, hits, connections: () => connections };
}

const reply =
  (status: number, body = '', headers: Record<string, string> = {}): RequestListener =>
  (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };

/** A resolver that answers from a script, one answer per call, and counts its calls. */
function scriptedLookup(...answers: string[]): WebhookLookup & { calls: string[] } {
  const calls: string[] = [];
  const lookup = async (hostname: string) => {
    calls.push(hostname);
    const address = answers[Math.min(calls.length, answers.length) - 1] ?? '';
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  };
  return Object.assign(lookup, { calls });
}

const body = JSON.stringify({
  type: 'policy_change.published',
  timestamp: '2025-03-01T12:00:00.000Z',
  data: { alertId: 'alt_1', policyChange: { title: 'Gallium & germanium — licences required ✓' } },
});
const plainRequest = (url: string, timeoutMs = TIMEOUT_MS) => ({
  url,
  headers: { 'content-type': 'application/json' },
  body,
  timeoutMs,
});

describe('createHttpSender against real local receivers', () => {
  it('200: returns the status and an excerpt; the body arrives byte-identical and verifiable', async () => {
    const target = await receiver(reply(200, '{"ok":true}'));
    const secret = generateWebhookSecret();
    const headers = webhookHeaders({
      secrets: [secret],
      msgId: 'msg_1',
      timestamp: Math.floor(Date.now() / 1000),
      body,
    });

    const response = await createHttpSender({ policy: LOCAL }).send({
      url: `${target.url}?v=1`,
      headers,
      body,
      timeoutMs: 2_000,
    });

    expect(response).toMatchObject({ statusCode: 200, excerpt: '{"ok":true}' });
    expect(response.error).toBeUndefined();
    expect(response.durationMs).toBeGreaterThan(0);
    const [hit] = target.hits;
    expect(target.hits).toHaveLength(1);
    expect(hit?.method).toBe('POST');
    expect(hit?.url).toBe('/hook?v=1');
    expect(hit?.body.equals(Buffer.from(body, 'utf8'))).toBe(true);
    expect(hit?.headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'webhook-id': 'msg_1',
      'webhook-timestamp': headers['webhook-timestamp'],
      'webhook-signature': headers['webhook-signature'],
      'user-agent': 'MaterialAlerts-Webhooks/1.0',
      host: `127.0.0.1:${target.port}`,
    });
    // Verify what the receiver got, as a receiver would.
    const received = Object.fromEntries(
      Object.entries(hit?.headers ?? {}).flatMap(([name, value]) =>
        typeof value === 'string' ? [[name, value]] : [],
      ),
    );
    expect(new Webhook(secret).verify(hit?.body.toString('utf8') ?? '', received)).toEqual(JSON.parse(body));
  });

  it.each([
    [500, 'boom'],
    [410, 'gone'],
    [429, ''],
    [204, ''],
  ])('%i is reported as a status code, not an error', async (status, text) => {
    const target = await receiver(reply(status, text));
    const response = await createHttpSender({ policy: LOCAL }).send(plainRequest(target.url, 2_000));
    expect(response).toMatchObject({ statusCode: status, excerpt: text });
    expect(response.error).toBeUndefined();
  });

  it('does not follow a redirect', async () => {
    const elsewhere = await receiver(reply(200));
    const target = await receiver(reply(301, '', { location: elsewhere.url }));
    const response = await createHttpSender({ policy: LOCAL }).send(plainRequest(target.url, 2_000));
    expect(response.statusCode).toBe(301);
    expect(elsewhere.hits).toHaveLength(0);
    expect(elsewhere.connections()).toBe(0);
  });

  it.each([
    ['seconds', '7'],
    ['an HTTP-date', 'Sat, 01 Mar 2025 12:00:30 GMT'],
  ])('captures Retry-After as %s', async (_kind, value) => {
    const target = await receiver(reply(503, 'busy', { 'retry-after': value }));
    const response = await createHttpSender({ policy: LOCAL }).send(plainRequest(target.url, 2_000));
    expect(response).toMatchObject({ statusCode: 503, retryAfter: value });
  });

  it('has no retryAfter when the header is absent', async () => {
    const target = await receiver(reply(503));
    const response = await createHttpSender({ policy: LOCAL }).send(plainRequest(target.url, 2_000));
    expect(response.retryAfter).toBeUndefined();
  });

  it('times out a receiver that never answers, close to timeoutMs', async () => {
    const target = await receiver(() => {});
    const started = performance.now();
    const response = await createHttpSender({ policy: LOCAL }).send(plainRequest(target.url));
    const elapsed = performance.now() - started;
    expect(response).toMatchObject({ errorKind: 'timeout', error: expect.stringContaining('200 ms') });
    expect(response.statusCode).toBeUndefined();
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 300);
    expect(response.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
  });

  it('times out a receiver that accepts TCP but never speaks HTTP', async () => {
    const port = await listen(createTcpServer(() => {}));
    const response = await createHttpSender({ policy: LOCAL }).send(
      plainRequest(`http://127.0.0.1:${port}/`),
    );
    expect(response.errorKind).toBe('timeout');
  });

  it('reports a receiver that drops the connection as a connection error', async () => {
    const target = await receiver((req) => req.socket.destroy());
    const response = await createHttpSender({ policy: LOCAL }).send(plainRequest(target.url, 2_000));
    expect(response).toMatchObject({ errorKind: 'connection', error: expect.any(String) });
    expect(response.statusCode).toBeUndefined();
  });

  it('reports a refused connection as a connection error', async () => {
    const port = await listen(createTcpServer());
    servers.pop()?.close(); // free the port, so nothing listens there
    const response = await createHttpSender({ policy: LOCAL }).send(
      plainRequest(`http://127.0.0.1:${port}/`),
    );
    expect(response).toMatchObject({
      errorKind: 'connection',
      error: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it.each([
    [undefined, 1024],
    [100, 100],
  ])(
    'caps the excerpt of a large body (maxExcerptBytes %s -> %i bytes)',
    async (maxExcerptBytes, expected) => {
      const target = await receiver(reply(200, 'x'.repeat(2_000_000)));
      const sender = createHttpSender({ policy: LOCAL, ...(maxExcerptBytes ? { maxExcerptBytes } : {}) });
      const response = await sender.send(plainRequest(target.url, 2_000));
      expect(response.statusCode).toBe(200);
      expect(response.excerpt).toBe('x'.repeat(expected));
    },
  );

  it('refuses an address outside the policy before connecting', async () => {
    const target = await receiver(reply(200));
    const response = await createHttpSender({ policy: STRICT }).send(plainRequest(target.url, 2_000));
    expect(response.errorKind).toBe('refused-address');
    expect(target.connections()).toBe(0);
  });

  it.each([
    ['not a url', 'invalid-url'],
    ['ftp://example.com/', 'invalid-url'],
    ['http://user:pw@example.com/', 'invalid-url'],
    ['http://localhost/', 'refused-address'],
  ])('never throws for %s (%s)', async (url, errorKind) => {
    const response = await createHttpSender({ policy: STRICT }).send(plainRequest(url));
    expect(response.errorKind).toBe(errorKind);
    expect(response.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('never throws when Node refuses a header', async () => {
    const target = await receiver(reply(200));
    const response = await createHttpSender({ policy: LOCAL }).send({
      ...plainRequest(target.url),
      headers: { 'x-bad': 'line\nbreak' },
    });
    expect(response.error).toEqual(expect.any(String));
    expect(target.hits).toHaveLength(0);
  });
});

describe('createHttpSender resolves once and connects to the vetted address', () => {
  it('a hostname that resolves to 127.0.0.1 is refused although checkWebhookUrl passed it', async () => {
    const target = await receiver(reply(200));
    const url = `http://hooks.example.com:${target.port}/hook`;
    expect(checkWebhookUrl(url, STRICT).hostname).toBe('hooks.example.com');

    const lookup = scriptedLookup('127.0.0.1');
    const response = await createHttpSender({ policy: STRICT, lookup }).send(plainRequest(url));

    expect(response).toMatchObject({
      errorKind: 'refused-address',
      error: expect.stringContaining('127.0.0.1'),
    });
    expect(target.connections()).toBe(0);
  });

  it.each([
    ['an IPv4-mapped loopback', '::ffff:127.0.0.1'],
    ['a metadata address', '169.254.169.254'],
    ['a mix of public and private', '93.184.216.34,10.0.0.1'],
  ])('refuses a hostname resolving to %s', async (_name, answer) => {
    const lookup: WebhookLookup = async () =>
      answer.split(',').map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    const response = await createHttpSender({ policy: STRICT, lookup }).send(
      plainRequest('http://hooks.example.com/hook'),
    );
    expect(response.errorKind).toBe('refused-address');
  });

  it('DNS rebinding: each send resolves once and connects to exactly the answer it checked', async () => {
    const target = await receiver(reply(200));
    const url = `http://rebind.example.com:${target.port}/hook`;
    // The second answer points where nothing listens: a client that resolved again to connect (or
    // let Node resolve) would check one answer and use another. Only loopback is ever contacted.
    const lookup = scriptedLookup('127.0.0.1', '127.0.0.2');
    const response = await createHttpSender({ policy: LOCAL, lookup }).send(plainRequest(url));

    expect(response.statusCode).toBe(200);
    expect(lookup.calls).toEqual(['rebind.example.com']);
    expect(target.connections()).toBe(1);

    // The same answer under the production policy is refused before any connection is made.
    const strict = await createHttpSender({ policy: STRICT, lookup: scriptedLookup('127.0.0.1') }).send(
      plainRequest(url),
    );
    expect(strict.errorKind).toBe('refused-address');
    expect(target.connections()).toBe(1);
  });

  it('connects to the looked-up address, keeps the hostname in Host, and reuses the connection', async () => {
    const target = await receiver(reply(200, 'ok'));
    const lookup = scriptedLookup('127.0.0.1');
    const sender = createHttpSender({ policy: LOCAL, lookup });
    const url = `http://receiver.example.com:${target.port}/hook`;

    const responses = [
      await sender.send(plainRequest(url, 2_000)),
      await sender.send(plainRequest(url, 2_000)),
    ];

    expect(responses.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(target.hits.map((hit) => hit.headers.host)).toEqual([
      `receiver.example.com:${target.port}`,
      `receiver.example.com:${target.port}`,
    ]);
    expect(lookup.calls).toEqual(['receiver.example.com', 'receiver.example.com']);
    expect(target.connections()).toBe(1); // keep-alive agent
  });

  it('a reset on a kept-alive socket is one failed attempt: no hidden second request', async () => {
    const requestsPerSocket = new WeakMap<object, number>();
    const target = await receiver((req, res) => {
      const count = (requestsPerSocket.get(req.socket) ?? 0) + 1;
      requestsPerSocket.set(req.socket, count);
      // The second request on the first connection finds it closed, as after an idle timeout.
      if (count === 2) req.socket.destroy();
      else res.end('ok');
    });
    const sender = createHttpSender({ policy: LOCAL });

    const first = await sender.send(plainRequest(target.url, 2_000));
    const second = await sender.send(plainRequest(target.url, 2_000));
    const third = await sender.send(plainRequest(target.url, 2_000));

    expect([first.statusCode, second.statusCode, third.statusCode]).toEqual([200, undefined, 200]);
    expect(second.errorKind).toBe('connection');
    expect(second.error).toContain('kept-alive');
    // Three sends, three requests at the receiver: the reset one was not sent again behind the caller's back.
    expect(target.hits).toHaveLength(3);
    expect(target.connections()).toBe(2);
  });

  it('https: sends the hostname as SNI while the socket goes to the pinned address', async () => {
    let clientHello: Buffer = Buffer.alloc(0);
    const port = await listen(
      createTcpServer((socket) =>
        socket.once('data', (chunk: Buffer) => {
          clientHello = chunk;
          socket.destroy();
        }),
      ),
    );
    const lookup = scriptedLookup('127.0.0.1');
    const response = await createHttpSender({ policy: LOCAL, lookup }).send(
      plainRequest(`https://receiver.example.com:${port}/hook`, 2_000),
    );
    expect(response.errorKind).toBe('connection');
    expect(clientHello.includes('receiver.example.com')).toBe(true);
  });

  it.each<{ name: string; lookup: WebhookLookup; errorKind: string }>([
    {
      name: 'fails',
      lookup: async () => Promise.reject(new Error('getaddrinfo ENOTFOUND')),
      errorKind: 'connection',
    },
    { name: 'returns nothing', lookup: async () => [], errorKind: 'connection' },
    {
      name: 'returns a non-address',
      lookup: async () => [{ address: 'nope', family: 4 }],
      errorKind: 'connection',
    },
    { name: 'never answers', lookup: () => new Promise(() => {}), errorKind: 'timeout' },
  ])('a lookup that $name gives $errorKind', async ({ lookup, errorKind }) => {
    const response = await createHttpSender({ policy: LOCAL, lookup }).send(
      plainRequest('http://hooks.example.com/hook'),
    );
    expect(response.errorKind).toBe(errorKind);
  });
});
