import dc from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

export interface NetworkGuard {
  /** Addresses a socket was about to connect to and was stopped. */
  readonly blocked: string[];
  /** `address:port` of every connection that was made. */
  readonly connected: string[];
  dispose(): void;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Stops every outgoing TCP connection to anything but loopback, between the address lookup and
 * the connect: a socket whose lookup answers a public address is destroyed before a packet leaves.
 * Tests that hand the sender a public DNS answer use it to prove where the sender would have
 * connected without ever connecting there.
 */
export function installNetworkGuard(): NetworkGuard {
  const blocked: string[] = [];
  const connected: string[] = [];
  const onSocket = (message: unknown) => {
    const socket = (message as { socket: Socket }).socket;
    socket.on('lookup', (error: Error | null, address: string) => {
      if (error || LOOPBACK.has(address)) return;
      blocked.push(address);
      // No error argument: the HTTP client has not attached its error handler yet.
      socket.destroy();
    });
    socket.on('connect', () => connected.push(`${socket.remoteAddress}:${socket.remotePort}`));
  };
  dc.subscribe('net.client.socket', onSocket);
  return { blocked, connected, dispose: () => dc.unsubscribe('net.client.socket', onSocket) };
}
