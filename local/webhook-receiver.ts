import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A webhook receiver on loopback that records every request and answers `status`: for the demo,
 * tests and benchmarks.
 *
 * @example
 * const receiver = await startReceiver();
 * // subscribe with `${receiver.url}/hook`, then read receiver.received
 */
export async function startReceiver(status: (request: ReceivedWebhook) => number = () => 200): Promise<{
  url: string;
  received: ReceivedWebhook[];
  close(): Promise<void>;
}> {
  const received: ReceivedWebhook[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(request);
      res.writeHead(status(request), { 'content-type': 'text/plain' }).end('ok');
    });
  });
  // A backlog as deep as Linux allows by default (somaxconn): a burst opens hundreds of connections at
  // once, and with Node's 511 the kernel drops the rest of the SYNs, so their connects wait out SYN
  // retries (1 + 2 + 4 + 8 s) and reach the receiver only after a 15 s attempt timeout.
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
