/**
 * A proxy in front of a reference server that misbehaves on exactly one request kind: by default
 * the coexistence case's read of snd_coex_active (coexistence-case-reads.ts: the auth cases that
 * also name that sender, and the sequences that read it with the key first, stay steady), or every
 * valid-key read of a sender, or the requests a predicate picks. Every other request is forwarded
 * faithfully (method, every header, body) and its answer passed back as it came; the targeted one
 * is forwarded too, and its answer handed to a hook that decides what the client gets.
 */
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { ReferenceServer } from '../../src/reference-server';
import { coexistenceCaseReads, type SeenRequest } from './coexistence-case-reads';
import { startScriptedServer, type MisbehavingServer } from './misbehaving-servers';

/** What the reference server answered, framing headers (content-length, transfer-encoding, connection) left out. */
export interface UpstreamAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the proxy does with the targeted request, given the reference server's answer. */
export type Misbehaviour = (res: ServerResponse, upstream: UpstreamAnswer) => void;

const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/** Sends the reference server's answer on unchanged (node frames the body itself). */
export function passOn(res: ServerResponse, upstream: UpstreamAnswer): void {
  res.writeHead(upstream.status, upstream.headers).end(upstream.body);
}

/** Passes the answer on after `ms`: a slow target for that one case. */
export function delayedBy(ms: number): Misbehaviour {
  return (res, upstream) => setTimeout(() => passOn(res, upstream), ms);
}

/**
 * The requests the proxy misbehaves on: every valid-key read of a sender (its id), or those a
 * predicate picks, called on every request in the order they come (it may count them).
 */
export type ProxyTarget = string | ((request: SeenRequest) => boolean);

/** Starts the proxy on 127.0.0.1 and an ephemeral port; close() ends it, not the upstream server. */
export function startReferenceProxy(upstream: ReferenceServer, misbehave: Misbehaviour, target: ProxyTarget = coexistenceCaseReads('snd_coex_active', upstream.apiKey)): Promise<MisbehavingServer> {
  const picks = typeof target === 'string' ? ({ path, authorization }: SeenRequest) => path === `/v1/senders/${target}/whatsapp-sync` && authorization === `Bearer ${upstream.apiKey}` : target;
  return startScriptedServer((req, res) => {
    const targeted = picks({ method: req.method ?? 'GET', path: req.url ?? '/', ...(req.headers.authorization === undefined ? {} : { authorization: req.headers.authorization }) });
    forward(upstream, req).then(
      (answer) => (targeted ? misbehave : passOn)(res, answer),
      (error: Error) => res.writeHead(502, { 'content-type': 'text/plain' }).end(`proxy: ${error.message}`),
    );
  });
}

/** What a mock answers itself, in place of upstream. */
export interface OwnAnswer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** A JSON 404 of the documented Error shape, as a hand-written router's catch-all sends. */
export const notFoundAnswer = (message = 'Not found', code = 'not_found'): OwnAnswer => ({ status: 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, message }) });

/** A hand-written mock in front of `upstream`: the requests `own` answers are answered so (its body unread), the rest are upstream's. */
export function startMockBefore(upstream: ReferenceServer, own: (req: IncomingMessage) => OwnAnswer | undefined): Promise<MisbehavingServer> {
  return startScriptedServer((req, res) => {
    const answer = own(req);
    if (answer !== undefined) {
      req.resume();
      res.writeHead(answer.status, answer.headers ?? {}).end(answer.body);
      return;
    }
    forward(upstream, req).then(
      (upstreamAnswer) => passOn(res, upstreamAnswer),
      (error: Error) => res.writeHead(502).end(`mock: ${error.message}`),
    );
  });
}

/**
 * A mock whose keys live in a plain object (`keys[token]`): "Bearer constructor" finds a function
 * there and is taken for a caller who owns no sender (404), and the other project's sender is
 * answered 404 without credentials; the rest is upstream's.
 */
export function startKeysAsObjectMock(upstream: ReferenceServer): Promise<MisbehavingServer> {
  const otherProject = `/v1/senders/${upstream.senders.otherProject}/`;
  return startMockBefore(upstream, (req) => (req.headers.authorization === 'Bearer constructor' || ((req.url ?? '').startsWith(otherProject) && req.headers.authorization === undefined) ? notFoundAnswer('Sender not found') : undefined));
}

/** Forwards the request (to `path`, default its own) and collects the answer. */
export function forward(upstream: ReferenceServer, req: IncomingMessage, path = req.url ?? '/'): Promise<UpstreamAnswer> {
  return new Promise((resolve, reject) => {
    const out = httpRequest(upstream.baseUrl + path, { method: req.method, headers: withoutFraming(req.headers), agent: false }, (up) => {
      const chunks: Buffer[] = [];
      up.on('data', (chunk: Buffer) => chunks.push(chunk));
      up.on('error', reject);
      up.on('end', () => {
        const headers = withoutFraming(up.headers);
        resolve({ status: up.statusCode ?? 502, headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    out.on('error', reject);
    req.pipe(out);
  });
}

function withoutFraming(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !FRAMING.has(name)));
}
