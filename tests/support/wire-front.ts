/**
 * A front in front of a reference server that writes every answer's bytes itself: what node:http
 * would never send (header names in capitals, an HTTP/1.0 status line, a 103 before the answer,
 * chunk extensions and trailers, stacked content-codings) but HTTP allows. Each request is read
 * from a plain TCP socket (the suite's requests have no body but a POST's Content-Length: 0),
 * forwarded to the reference server with node:http, and its answer handed to `write`, whose bytes
 * go back as they are. 127.0.0.1 and an ephemeral port; close() leaves the upstream running.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { ReferenceServer } from '../../src/reference-server';

/** A request as the front read it: lower-case header names; `nth` counts the requests of its connection from 1. */
export interface WireRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  nth: number;
}

/** The reference server's answer, framing headers left out, its body as bytes. */
export interface WireAnswer {
  status: number;
  headers: [string, string][];
  body: Buffer;
  /** The Content-Length the reference server sent: a HEAD's is its GET's, with no body. */
  length: string;
}

/** The bytes to send back, and whether to close the connection after them. */
export type WireWriter = (request: WireRequest, answer: WireAnswer) => { bytes: Buffer; close: boolean };

const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

const pairs = (headers: IncomingHttpHeaders): [string, string][] =>
  Object.entries(headers)
    .filter(([name]) => !FRAMING.has(name))
    .flatMap(([name, value]) => (value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((one) => [name, one] as [string, string])));

/** The reference server's answer to `request` (the suite's Accept-Encoding kept out: the writer codes the body itself). */
function forward(upstream: ReferenceServer, request: WireRequest): Promise<WireAnswer> {
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !FRAMING.has(name) && name !== 'accept-encoding'));
  return new Promise((resolve, reject) => {
    const out = httpRequest(upstream.baseUrl + request.path, { method: request.method, headers, agent: false }, (up) => {
      const chunks: Buffer[] = [];
      up.on('data', (chunk: Buffer) => chunks.push(chunk));
      up.on('error', reject);
      up.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: up.statusCode ?? 502, headers: pairs(up.headers), body, length: up.headers['content-length'] ?? String(body.length) });
      });
    });
    out.on('error', reject);
    out.end();
  });
}

/** A request head and the Content-Length bytes after it, when the whole of both has arrived. */
function nextRequest(buffer: Buffer): { head: string; rest: Buffer } | undefined {
  const end = buffer.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const head = buffer.subarray(0, end).toString('latin1');
  const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? '0');
  if (buffer.length < end + 4 + length) return undefined;
  return { head, rest: buffer.subarray(end + 4 + length) };
}

function parseHead(head: string, nth: number): WireRequest {
  const [line = '', ...fields] = head.split('\r\n');
  const [method = 'GET', path = '/'] = line.split(' ');
  const headers: Record<string, string> = {};
  for (const field of fields) {
    const colon = field.indexOf(':');
    if (colon > 0) headers[field.slice(0, colon).toLowerCase()] = field.slice(colon + 1).trim();
  }
  return { method, path, headers, nth };
}

export async function startWireFront(upstream: ReferenceServer, write: WireWriter): Promise<{ baseUrl: string; requests(): number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let requests = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer: Buffer = Buffer.alloc(0);
    let nth = 0;
    // Answers leave in the order their requests came (HTTP/1.1 §9.3.2), one at a time.
    let queue = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (let next = nextRequest(buffer); next !== undefined; next = nextRequest(buffer)) {
        buffer = next.rest;
        nth += 1;
        requests += 1;
        const request = parseHead(next.head, nth);
        queue = queue
          .then(async () => {
            const { bytes, close } = write(request, await forward(upstream, request));
            if (socket.destroyed) return;
            if (close) socket.end(bytes);
            else socket.write(bytes);
          })
          .catch(() => {
            socket.destroy();
          });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
