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
 * it), node:http drops a socket that carried bytes past its answer in the same chunk, and an idle
 * socket that receives anything before its next request is destroyed (guardedAgent), so a late
 * stray answer never becomes the next request's. What no keep-alive client can tell is an
 * unsolicited answer that arrives while the next request is in flight; such a target breaks
 * browsers and curl alike. What remains is the race of every keep-alive client: the target closes
 * an idle socket just as a read is written on it. That shows as a reset on a reused socket before
 * any byte of an answer came back, and only that is retried, once, on a fresh socket; any other
 * failure is the target's and is reported.
 */
import { Agent as HttpAgent, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Socket } from 'node:net';

/** Sockets per target: enough for the highest --concurrency (8). */
export const DEFAULT_SOCKETS_PER_TARGET = 8;

export interface KeepAliveAgents {
  http: HttpAgent;
  https: HttpsAgent;
}

/** What an idle socket does on bytes nobody asked for: it is destroyed, never handed to the next request. */
const idleGuards = new WeakMap<Socket, () => void>();

/**
 * An agent whose idle sockets are guarded: anything that arrives between two exchanges (a late,
 * second answer of a buggy target) destroys the socket instead of waiting there to be read as the
 * next request's answer. The guard is removed when the socket is handed to a request.
 */
function guardedAgent<A extends typeof HttpAgent>(Base: A, options: ConstructorParameters<typeof HttpAgent>[0]): InstanceType<A> {
  class Guarded extends (Base as typeof HttpAgent) {
    override keepSocketAlive(socket: Socket): boolean {
      // Node returns whether the socket may be kept (its types say void).
      if (!(super.keepSocketAlive(socket) as unknown as boolean)) return false;
      const guard = (): void => {
        socket.destroy();
      };
      idleGuards.set(socket, guard);
      socket.on('data', guard);
      // Flowing, so a stray byte is seen now rather than buffered for the next request.
      socket.resume();
      return true;
    }

    override reuseSocket(socket: Socket, req: ClientRequest): void {
      const guard = idleGuards.get(socket);
      if (guard !== undefined) socket.off('data', guard);
      idleGuards.delete(socket);
      super.reuseSocket(socket, req);
    }
  }
  return new Guarded(options) as InstanceType<A>;
}

export function keepAliveAgents(socketsPerTarget: number): KeepAliveAgents {
  const options = { keepAlive: true, maxSockets: socketsPerTarget, maxFreeSockets: socketsPerTarget, scheduling: 'lifo' as const };
  return { http: guardedAgent(HttpAgent, options), https: guardedAgent(HttpsAgent as unknown as typeof HttpAgent, options) as unknown as HttpsAgent };
}

/** Reads only: a write is never sent on a reused socket, nor sent again. */
export function mayKeepAlive(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
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
