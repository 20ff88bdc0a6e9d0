/**
 * Hostile targets for the bench, each a proxy on 127.0.0.1 in front of the embedded reference
 * server that answers one request (the first valid-key read of a coexistence sender) with hostile
 * bytes and forwards every other request as it is. What the suite does with that one answer is what
 * the bench measures: memory, time and the size of the reports. The sender is read with the key by
 * five requests of a read-only run (reads-change-nothing's two, the first of the run;
 * unauthenticated-read-changes-nothing's two; the coexistence case), so the proxy answers the first
 * alone: one hostile answer per target, and the bench starts a target for each run.
 */
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { startReferenceServer, type ReferenceServer } from '../reference-server';

export interface HostileTarget {
  baseUrl: string;
  /** The environment a live run against it needs: the key and every fixture role's variable. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** What the targeted request gets instead of the reference server's answer (given as status, headers, body). */
export type Hostility = (res: ServerResponse, upstream: { status: number; headers: IncomingHttpHeaders; body: string }) => void;

const SENDER = 'snd_coex_active';

/**
 * 1 GiB of zeros as gzip, made in a fraction of a second: sixteen copies of one gzip member of
 * 64 MiB. Gzip allows members back to back (RFC 1952 §2.2) and decoders join them: ~1 MiB on the wire.
 */
export function gzipBomb(): Buffer {
  const member = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  return Buffer.concat(Array.from({ length: 16 }, () => member));
}

/** A 1 GiB gzip bomb for the read (Content-Length set: a well-framed body, only enormous decoded). */
export function bombHostility(bomb: Buffer): Hostility {
  return (res) => res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': bomb.length }).end(bomb);
}

/** The reference server's own 200, with `count` properties the schema does not declare added to `sync`. */
export function undeclaredHostility(count: number): Hostility {
  return (res, upstream) => {
    const body = JSON.parse(upstream.body) as { sync: Record<string, unknown> };
    for (let i = 0; i < count; i += 1) body.sync[`extra${i}`] = i;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
}

function forward(upstream: string, req: IncomingMessage): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const out = request(upstream + (req.url ?? '/'), { method: req.method, headers: req.headers, agent: false }, (up) => {
      const chunks: Buffer[] = [];
      up.on('data', (chunk: Buffer) => chunks.push(chunk));
      up.on('error', reject);
      up.on('end', () => {
        const { 'content-length': _length, 'transfer-encoding': _framing, connection: _connection, ...headers } = up.headers;
        resolve({ status: up.statusCode ?? 502, headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    out.on('error', reject);
    req.pipe(out);
  });
}

/** The environment a live run against the reference server needs: the key and every fixture role's variable. */
export function fixtureEnv(server: Pick<ReferenceServer, 'apiKey' | 'senders'>): Record<string, string> {
  const { senders } = server;
  return {
    ZAVU_API_KEY: server.apiKey,
    ZAVU_SENDER_COEXISTENCE: senders.coexistence.join(','),
    ZAVU_SENDER_NO_WABA: senders.noWaba,
    ZAVU_SENDER_NOT_COEXISTENCE: senders.notCoexistence,
    ZAVU_SENDER_SYNCABLE: senders.syncable,
    ZAVU_SENDER_SYNCABLE_CONCURRENT: senders.syncableConcurrent,
    ZAVU_SENDER_NOT_ACTIVE: senders.notActive,
    ZAVU_SENDER_OTHER_PROJECT: senders.otherProject,
  };
}

/** Starts the reference server and the proxy in front of it; close() stops both. */
export async function startHostileTarget(hostility: Hostility): Promise<HostileTarget> {
  const upstream = await startReferenceServer();
  let answered = false;
  // The reference server's request-line bound, so the negative property's long ids pass through as they do there.
  const proxy = createServer({ maxHeaderSize: 128 * 1024 }, (req, res) => {
    const targeted = !answered && req.url === `/v1/senders/${SENDER}/whatsapp-sync` && req.headers.authorization === `Bearer ${upstream.apiKey}`;
    answered ||= targeted;
    forward(upstream.baseUrl, req).then(
      (answer) => (targeted ? hostility(res, answer) : res.writeHead(answer.status, answer.headers).end(answer.body)),
      () => res.writeHead(502).end(),
    );
  });
  // A client that hangs up mid-body is what the bench provokes.
  proxy.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    env: fixtureEnv(upstream),
    close: async () => {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await upstream.close();
    },
  };
}
