import { connect, createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/local-runtime.js';
import { ADMIN, startTestRuntime } from '../reliability/support.js';

/** Raw HTTP/1.1 on one socket, so keep-alive behaviour is what is tested, not a client's pool. */
class RawConnection {
  private buffer = '';
  private closed = false;
  constructor(private readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
    });
    socket.on('close', () => {
      this.closed = true;
    });
    socket.on('error', () => {
      this.closed = true;
    });
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  write(data: string | Buffer): void {
    if (!this.closed) this.socket.write(data);
  }

  /** The next complete response (head and content-length body), or `closed` if the server hung up. */
  async response(timeoutMs = 10_000): Promise<{ status: number; headers: string; body: string } | 'closed'> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end >= 0) {
        const head = this.buffer.slice(0, end);
        const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
        if (this.buffer.length >= end + 4 + length) {
          const body = this.buffer.slice(end + 4, end + 4 + length);
          this.buffer = this.buffer.slice(end + 4 + length);
          return { status: Number(head.split(' ')[1]), headers: head, body };
        }
      }
      if (this.closed) return 'closed';
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no response; received so far: ${this.buffer.slice(0, 200)}`);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  end(): void {
    this.socket.destroy();
  }
}

const request = (method: string, path: string, headers: Record<string, string> = {}, body = '') =>
  `${method} ${path} HTTP/1.1\r\nhost: localhost\r\nconnection: keep-alive\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join(
      '',
    )}${body || method === 'POST' ? `content-length: ${Buffer.byteLength(body)}\r\n` : ''}\r\n${body}`;

describe('npm start over real sockets: rough edges', () => {
  let runtime: LocalRuntime;

  beforeAll(async () => {
    runtime = await startTestRuntime();
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  it('after a 413 the next request on the same keep-alive connection is answered', async () => {
    const connection = await RawConnection.open(runtime.port);
    const big = JSON.stringify({ name: 'x'.repeat(300 * 1024) });
    connection.write(
      request(
        'POST',
        '/v1/subscribers',
        { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        big,
      ),
    );
    const refused = await connection.response();
    expect(refused).not.toBe('closed');
    if (refused === 'closed') return;
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body)).toMatchObject({ type: expect.stringContaining('payload-too-large') });

    // Either the body was drained and the connection serves the next request, or the server said
    // `connection: close` and hung up cleanly; a new connection then works.
    if (/connection: close/i.test(refused.headers)) {
      expect(await connection.response(5000)).toBe('closed');
      connection.end();
      const fresh = await RawConnection.open(runtime.port);
      fresh.write(request('GET', '/health'));
      expect(await fresh.response()).toMatchObject({ status: 200 });
      fresh.end();
    } else {
      connection.write(request('GET', '/health'));
      expect(await connection.response()).toMatchObject({ status: 200, body: '{"status":"ok"}' });
      connection.end();
    }
  });

  it('a 413 for a body sent without content-length (chunked) leaves the client a clean answer', async () => {
    const connection = await RawConnection.open(runtime.port);
    const chunk = 'x'.repeat(64 * 1024);
    connection.write(
      `POST /v1/subscribers HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer ${ADMIN}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`,
    );
    for (let i = 0; i < 6; i++) connection.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    connection.write('0\r\n\r\n');
    const refused = await connection.response();
    expect(refused).not.toBe('closed');
    if (refused === 'closed') return;
    expect(refused.status).toBe(413);
    connection.write(request('GET', '/health'));
    const next = await connection.response();
    if (/connection: close/i.test(refused.headers)) expect(next).toBe('closed');
    else expect(next).toMatchObject({ status: 200 });
    connection.end();
  });

  it('a wrong method answers 405 with Allow naming the methods the path has', async () => {
    const response = await fetch(`${runtime.url}/v1/subscriptions`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(response.status, await response.clone().text()).toBe(405);
    expect(response.headers.get('allow')?.split(', ')).toEqual(['GET', 'HEAD', 'POST']);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({
      type: 'https://material-alerts.dev/problems/method-not-allowed',
      status: 405,
    });

    const withParam = await fetch(`${runtime.url}/v1/subscriptions/sub_123/rotate-secret`, {
      method: 'GET',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(withParam.status).toBe(405);
    expect(withParam.headers.get('allow')).toBe('POST');
    expect(((await withParam.json()) as { detail: string }).detail).toBe(
      '/v1/subscriptions/sub_123/rotate-secret answers POST, not GET',
    );

    // A path no route has is still 404.
    expect((await fetch(`${runtime.url}/v1/nothing-here`)).status).toBe(404);
  });
});

describe('npm start: a port already taken', () => {
  it('is one line naming the port and PORT, and nothing is left running', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { startLocalService } = await import('../support/local-service.js');
      const failure = await startLocalService({ PORT: String(port) }, 60_000).then(
        () => new Error('started on a taken port'),
        (error: Error) => error,
      );
      const lines = failure.message
        .split('\n')
        .slice(1)
        // The Node.js version note appears on versions older than the supported one; it is not about the port.
        .filter((line) => line.trim() !== '' && !line.startsWith('Note: running on Node.js'));
      expect(failure.message).toMatch(/exited with 1/);
      expect(lines).toEqual([
        `Cannot start Material Alerts: port ${port} is already in use; stop what is using it or choose another with PORT=<port> (PORT=0 picks a free one)`,
      ]);
    } finally {
      blocker.close();
    }
  });
});
