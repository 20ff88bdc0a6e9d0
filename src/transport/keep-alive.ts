/**
 * Kept-alive connections for the live transport. One connection per exchange made the negative
 * property (~340 requests) pay a TCP handshake each; now each target gets at most a few sockets
 * (--concurrency is at most 8), reused one exchange after another.
 *
 * Only reads are kept alive and retried. A write (any method but GET and HEAD) goes on a fresh
 * connection, closed after its answer, and is never sent twice: "no byte came back" does not prove
 * the target did not act on it.
 *
 * Reuse is safe as far as an HTTP/1.1 client can make it: HttpTransport gives a socket back only
 * after a clean, whole exchange (a deadline, an error or a body cut at --max-body-bytes destroys
 * it); node:http drops a socket that carried bytes past its answer in the same chunk, and bytes
 * that reach an idle socket are read and dropped (a free socket flows with no one listening), so a
 * late stray answer never becomes the next request's. What no keep-alive client can tell is an
 * unsolicited answer that arrives while the next request is in flight; such a target breaks
 * browsers and curl alike. What remains is the race of every keep-alive client: the target closes
 * an idle socket just as a read is written on it. That shows as a reset on a reused socket before
 * any byte of an answer came back, and only that is retried, once, on a fresh socket; any other
 * failure is the target's and is reported.
 */
import { Agent as HttpAgent, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/** Sockets per target: enough for the highest --concurrency (8). */
export const DEFAULT_SOCKETS_PER_TARGET = 8;

export interface KeepAliveAgents {
  http: HttpAgent;
  https: HttpsAgent;
}

export function keepAliveAgents(socketsPerTarget: number): KeepAliveAgents {
  const options = { keepAlive: true, maxSockets: socketsPerTarget, maxFreeSockets: socketsPerTarget, scheduling: 'lifo' as const };
  return { http: new HttpAgent(options), https: new HttpsAgent(options) };
}

/**
 * True when `error` is the stale-socket race: the request went out on a reused socket that the
 * target had already closed, and not one byte came back on it for this request (`bytesBefore` is
 * the socket's bytesRead when the request got it).
 */
export function isStaleReuse(req: ClientRequest, error: Error & { code?: string }, bytesBefore: number | undefined): boolean {
  if (!req.reusedSocket || bytesBefore === undefined) return false;
  if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') return false;
  return (req.socket?.bytesRead ?? bytesBefore) === bytesBefore;
}
