/**
 * A distant target for the bench: the embedded reference server behind a TCP proxy on 127.0.0.1
 * that holds every chunk `delayMs` in each direction, and a new connection's first request a
 * handshake's round trip more, as a target one round trip of 2 × delayMs away would. What
 * --concurrency and kept-alive connections buy against such a target (most of a live run's time
 * is waiting on round trips) is what the bench measures with it.
 */
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { startReferenceServer } from '../reference-server';
import { fixtureEnv, type HostileTarget } from './hostile-targets';

/**
 * Bytes from `from` reach `to` `delayMs` later, and not before `notBefore` (ms, Date.now), in
 * order; a clean end follows the last of them (and is all: `to` then closes once flushed); an
 * error, or a close without an end, ends `to` at once.
 */
function delayed(from: Socket, to: Socket, delayMs: number, notBefore = 0): void {
  from.on('data', (chunk: Buffer) => setTimeout(() => to.write(chunk), Math.max(delayMs, notBefore - Date.now())));
  from.on('end', () => setTimeout(() => to.end(), delayMs));
  from.on('error', () => to.destroy());
  from.on('close', () => setTimeout(() => (to.writableEnded ? undefined : to.destroy()), delayMs));
}

/** Starts the reference server and the delaying proxy in front of it; close() stops both. */
export async function startDistantTarget(delayMs: number): Promise<HostileTarget> {
  const upstream = await startReferenceServer();
  const upstreamPort = Number(new URL(upstream.baseUrl).port);
  const sockets = new Set<Socket>();
  const proxy = createServer((client) => {
    const server = connect(upstreamPort, '127.0.0.1');
    for (const socket of [client, server]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    }
    // A TCP handshake: a new connection's first bytes leave one round trip after the connect and
    // arrive one way later (here the client's connect completes at once, on loopback).
    delayed(client, server, delayMs, Date.now() + 3 * delayMs);
    delayed(server, client, delayMs);
  });
  try {
    await new Promise<void>((resolve, reject) => proxy.once('error', reject).listen(0, '127.0.0.1', resolve));
  } catch (error) {
    await upstream.close();
    throw error;
  }
  return {
    baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    // The other project's sender is the reference server's own: a start may go to it.
    env: { ...fixtureEnv(upstream), ZAVU_SENDER_OTHER_PROJECT_WRITABLE: '1' },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await upstream.close();
    },
  };
}
