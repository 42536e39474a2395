import { createServer, type Server } from 'node:net';

/** The port asked for is taken; the message names it and the variable that changes it. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(
      `port ${port} is already in use; stop what is using it or choose another with PORT=<port> (PORT=0 picks a free one)`,
    );
    this.name = 'PortInUseError';
  }
}

/** Listens on loopback; a taken port becomes a `PortInUseError`. */
export function listenOnLoopback(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error);
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(address && typeof address === 'object' ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/** Fails with `PortInUseError` when `port` is taken on loopback (0 is always free). */
export async function ensurePortFree(port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await listenOnLoopback(probe, port);
  await new Promise((resolve) => probe.close(resolve));
}
