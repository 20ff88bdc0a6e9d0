/**
 * A TLS front on 127.0.0.1 (an ephemeral port) with a self-signed certificate for that address,
 * forwarding every request to a plain-HTTP upstream as it came: a staging host or mock behind a
 * private CA. The certificate and key are test-only fixtures (tests/support/tls): Node has no API to
 * make one, and a fixture keeps the tests off openssl's presence and version.
 */
import { request } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The certificate a client must be given (NODE_EXTRA_CA_CERTS) to trust the front. */
export const SELF_SIGNED_CERT = join(__dirname, 'tls/self-signed-cert.pem');

export interface TlsFront {
  baseUrl: string;
  close(): Promise<void>;
}

export async function startTlsFront(upstreamBaseUrl: string): Promise<TlsFront> {
  const upstream = new URL(upstreamBaseUrl);
  const sockets = new Set<Socket>();
  const server = createServer({ key: readFileSync(join(__dirname, 'tls/self-signed-key.pem')), cert: readFileSync(SELF_SIGNED_CERT) }, (req, res) => {
    const forwarded = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forwarded.on('error', () => res.destroy());
    req.pipe(forwarded);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A client that refuses the certificate ends the handshake: its failure, not the test's.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((closed) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => closed());
      }),
  };
}
