/**
 * Servers that misbehave below HTTP semantics: they stall, trickle, cut bodies short, reset
 * sockets, compress, redirect or rate-limit. Each is a plain TCP or node:http server on
 * 127.0.0.1 and an ephemeral port, so the resilience tests drive the real transport against
 * real sockets. Every timer and socket a server opens is released by close().
 * startScriptedServer is also the plain loopback server of the project's tests: one handler, an
 * ephemeral port on 127.0.0.1, close() ends open connections.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import type { AddressInfo } from 'node:net';

export interface MisbehavingServer {
  baseUrl: string;
  /** Requests (their first line) received so far. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** What a raw server does once a request head has arrived; `later` registers timers close() clears. */
export type RawBehaviour = (socket: Socket, later: (ms: number, run: () => void) => void) => void;

/**
 * A TCP server that reads each request head and hands the socket to `behave`, for every request
 * on a connection, with its number there (`nth`: 1 for the first, more on a kept-alive one); what
 * follows a head in the same arrival, a body, is not read. `connections()` counts the connections
 * it accepted.
 */
export async function startRawServer(behave: (socket: Socket, later: (ms: number, run: () => void) => void, nth: number) => void): Promise<MisbehavingServer & { connections(): number }> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const requests: string[] = [];
  let connections = 0;
  const later = (ms: number, run: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };
  const server = createTcpServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined); // the client hanging up on a stalled server is expected
    let head = '';
    let nth = 0;
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      requests.push(head.split('\r\n')[0] ?? '');
      head = '';
      nth += 1;
      behave(socket, later, nth);
    });
  });
  const started = await listen(server, requests, () => {
    for (const timer of timers) clearTimeout(timer);
    for (const socket of sockets) socket.destroy();
  });
  return { ...started, connections: () => connections };
}

/** A node:http server whose handler also learns how many requests came before this one. */
export async function startScriptedServer(
  handle: (req: IncomingMessage, res: ServerResponse, index: number) => void,
): Promise<MisbehavingServer> {
  const requests: string[] = [];
  const server = createHttpServer((req, res) => {
    requests.push(`${req.method ?? ''} ${req.url ?? ''}`);
    handle(req, res, requests.length - 1);
  });
  return listen(server, requests, () => server.closeAllConnections());
}

/**
 * A port that speaks TLS only (an HTTPS server, a TLS-only front): a plain HTTP request is closed
 * unanswered. Pre-shared-key ciphers only, so no certificate is needed: a client's handshake ends in
 * the server's alert, which still shows TLS there. `baseUrl` is the http:// URL a user got wrong.
 */
export async function startTlsOnlyServer(): Promise<MisbehavingServer> {
  const server = createTlsServer({ pskCallback: () => Buffer.alloc(16, 1), ciphers: 'PSK-AES128-CBC-SHA256', maxVersion: 'TLSv1.2' }, (socket) => socket.destroy());
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A plain request or a refused handshake: the client's failure, not the test's.
  server.on('tlsClientError', () => undefined);
  return listen(server, [], () => {
    for (const socket of sockets) socket.destroy();
  });
}

/**
 * A TLS port that refuses every handshake with one fatal alert (`description`, RFC 8446 6.2) as
 * the answer to its ClientHello, then closes: a strict-SNI server's unrecognized_name (112), or any
 * other. Raw bytes, so alerts node's own TLS server never sends can be given; a plain request gets
 * the same bytes, which no HTTP parser reads.
 */
export async function startTlsAlertServer(description: number): Promise<MisbehavingServer> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined); // the client hanging up first is expected
    // Record type alert (21), TLS 1.2 on the wire, 2 bytes: level fatal (2), the description.
    socket.once('data', () => socket.end(Buffer.from([21, 3, 3, 0, 2, 2, description])));
  });
  return listen(server, [], () => {
    for (const socket of sockets) socket.destroy();
  });
}

async function listen(
  server: ReturnType<typeof createTcpServer> | ReturnType<typeof createHttpServer> | ReturnType<typeof createTlsServer>,
  requests: string[],
  release: () => void,
): Promise<MisbehavingServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        release();
        server.close(() => resolve());
      }),
  };
}

/** The port a started server listens on. */
export function portOf(server: { baseUrl: string }): number {
  return Number(new URL(server.baseUrl).port);
}

/** A port that was free a moment ago and is closed now: connecting to it is refused (until someone takes it). */
export async function closedPort(): Promise<number> {
  const server = await startScriptedServer(() => undefined);
  const port = portOf(server);
  await server.close();
  return port;
}

/** Writes a status line and headers (no body) in one go, as raw HTTP/1.1. */
export function writeHead(socket: Socket, status: number, headers: Record<string, string | number>): void {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  socket.write(`HTTP/1.1 ${status} X\r\n${lines.join('\r\n')}\r\n\r\n`);
}

/** Raw behaviours, one per way of failing at the transport level. */
export const raw = {
  /** Accepts the request and never writes a byte. */
  neverAnswers: (): RawBehaviour => () => undefined,
  /** Sends headers promising a body, then nothing. */
  headersThenStall: (): RawBehaviour => (socket) => writeHead(socket, 200, { 'content-type': 'application/json', 'content-length': 100 }),
  /** Sends one body byte every `everyMs` (at most `maxBytes`): never idle, never done in time. */
  trickle:
    (everyMs: number, maxBytes: number): RawBehaviour =>
    (socket, later) => {
      writeHead(socket, 200, { 'content-type': 'application/json', 'content-length': maxBytes });
      const drip = (left: number): void => {
        if (left === 0 || socket.destroyed) return;
        socket.write(' ');
        later(everyMs, () => drip(left - 1));
      };
      drip(maxBytes);
    },
  /** Promises `promised` bytes, sends `body`, then closes the connection cleanly (FIN). */
  truncated:
    (body: Buffer | string, promised: number, headers: Record<string, string> = {}): RawBehaviour =>
    (socket) => {
      writeHead(socket, 200, { 'content-type': 'application/json', 'content-length': promised, ...headers });
      socket.end(body);
    },
  /** Sends headers and part of the body, then resets the connection (RST). */
  resetMidResponse: (): RawBehaviour => (socket) => {
    writeHead(socket, 200, { 'content-type': 'application/json', 'content-length': 100 });
    socket.write('{"sync":', () => socket.resetAndDestroy());
  },
  /** Resets the connection before any response byte. */
  resetBeforeResponse: (): RawBehaviour => (socket) => {
    socket.resetAndDestroy();
  },
};
