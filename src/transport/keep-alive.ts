/**
 * Kept-alive connections for the live transport. One connection per exchange made the negative
 * property (~340 requests) pay a TCP handshake each; now each target gets at most a few sockets
 * (--concurrency is at most 8), reused one exchange after another.
 *
 * Only a read is ever sent twice. A write (any method but GET and HEAD) is never retried: "no byte
 * came back" does not prove the target did not act on it. So a write goes only on a socket that is
 * as safe as a fresh one: its last answer announced keep-alive (`Connection: keep-alive`, or a
 * `Keep-Alive` header), so a target that closes HTTP/1.1 connections without saying so (its FIN
 * may reach us just after the next request went out) never sees a write on a reused socket; and it
 * has not been idle for REUSE_IDLE_MS, a socket idle that long being closed rather than reused
 * (servers close idle connections after seconds: Node 5 s, Apache 5 s, nginx 75 s, load balancers
 * a minute; node:http also honours a shorter `Keep-Alive: timeout=N`). A write once had a
 * connection of its own: each of the ~250 POSTs of a run with writes paid a handshake, and against
 * HTTPS a TLS handshake too.
 *
 * Reuse is safe as far as an HTTP/1.1 client can make it: HttpTransport gives a socket back only
 * after a clean, whole exchange (a deadline, an error or a body cut at --max-body-bytes destroys
 * it); node:http drops a socket that carried bytes past its answer in the same chunk, and bytes
 * that reach an idle socket are not the next request's. What no keep-alive client can tell is an
 * unsolicited answer that arrives while the next request is in flight: it is taken for that
 * request's answer, the real one comes after it, and with requests sent back to back every later
 * answer on the connection is its predecessor's (answer N+1 judged as request N+2's). So bytes
 * that reach an idle socket are the sign: a target that answers what no one asked sends more
 * answers than requests, and the next such answer may land mid-request. node:http reads them and
 * drops them silently (a free socket flows with no one listening); here they end reuse for the
 * rest of the run, the socket destroyed with every pooled one, so no later answer of the run can
 * be another request's (watchIdleBytes), and they are kept (the first chunk's start, and how many
 * idle sockets got some: `unasked()`) for the reports, which say it once as a warning of the run:
 * an answer to no request is the target's protocol fault. Bytes past a whole answer in its own
 * chunk are the same sign (node:http drops them with the socket, silently for a second answer,
 * with a parse error for other bytes: the transport hands them over, `pastAnswer`), so neither the
 * warning nor the end of reuse hangs on where TCP cut them. The sign does not say which answer was
 * the unasked one: bytes that reach an idle socket may be the last request's own answer, come
 * after one the target (or a proxy) sent ahead of it, which that request was judged on (the first
 * on the wire is the answer, to any HTTP/1.1 client). And a late write reaches an idle socket only
 * when the target's TCP sends it at once: one held back by Nagle's algorithm (a small segment
 * waits for the ACK of the answer before it, and the ACK is delayed until the next request goes
 * out) arrives mid-request, so the answers on that connection run one behind, unseen, until one
 * lands on an idle socket. One
 * answer is no fault: `HTTP/1.1 408` on an idle connection, which RFC 9110 §15.5.9 lets a server
 * send before it closes one; it ends that socket alone, as the close it announces would (writes
 * stop reusing sockets, see below), and is not kept. What remains is the race of every keep-alive client: the target closes
 * an idle socket just as a request is written on it. That shows as a reset on a reused socket
 * before any byte of an answer came back; a read is then retried, once, on a fresh socket, and a
 * write is reported as such, not sent again. Any other failure is the target's and is reported.
 *
 * That race is rare against a target whose idle timeout is seconds, and certain against one that
 * announces keep-alive with no `Keep-Alive: timeout` and closes idle connections within
 * milliseconds (nginx sends `Connection: keep-alive` without a hint unless told to, and its
 * `keepalive_timeout` takes "500ms"; RFC 9112 §9.5 lets any server close an idle connection at
 * any time): a write reused a few milliseconds after its socket's
 * last answer meets the close, on every such target, and could only be reported. So the agents
 * watch what the target does with idle sockets: once it has closed one (its FIN on a socket in the
 * pool, or a read's reset on a reused socket) sooner than REUSE_IDLE_MS, writes stop reusing
 * sockets for the rest of the run (each gets a connection of its own, as every write once had);
 * reads go on reusing, their race absorbed by the retry.
 *
 * A target can also take a second request on a kept-alive connection and never answer it (a
 * broken proxy or load balancer that announces keep-alive and forwards only a connection's first
 * request): no reset, no FIN, just silence until the deadline. Its answered and unanswered
 * requests alternate, so the guard's "N in a row unanswered" never stops the run, and every reused
 * socket cost a whole --timeout (97 cases, 190 s at --timeout 2000). So a read that got not one
 * byte back on a reused socket within --timeout is sent once more on a connection of its own, with
 * a deadline of its own; when that fresh connection answers, the reused one was the cause, and
 * after IGNORED_REUSE_AFTER such reads no request of the run reuses a socket. When the fresh
 * connection gets no answer either, the target is slow or gone, not its keep-alive: no timed-out
 * read is retried again, so a slow or dying target costs one deadline more at most (a few with
 * --concurrency), and ends as it did (its timeouts, the guard's stops). A write is never retried.
 */
import { Agent as HttpAgent, type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

/** Sockets per target: enough for the highest --concurrency (8). */
export const DEFAULT_SOCKETS_PER_TARGET = 8;

/** A socket idle this long is closed, not reused: far below any server's idle timeout (see above). */
export const REUSE_IDLE_MS = 1000;

/**
 * Reads unanswered on a reused socket and answered on a fresh one that make the target one that
 * does not honour keep-alive: two, so one stray (a server restarted between two requests) does not
 * cost the run its connection reuse.
 */
export const IGNORED_REUSE_AFTER = 2;

export interface AgentPair {
  http: HttpAgent;
  https: HttpsAgent;
}

/** Bytes the target sent on idle kept-alive sockets, answers to no request (watchIdleBytes). */
export interface UnaskedBytes {
  /** Sockets that got some, idle or past a whole answer (each destroyed on its first chunk). */
  count: number;
  /** The start of the first chunk, as received (at most UNASKED_KEPT_BYTES, decoded as UTF-8): raw, so scrub and excerpt it before it is shown. */
  first: string;
}

/** What is kept of the first unasked chunk: more than an excerpt shows, so the key's scrubber sees a key whole before the excerpt cuts. */
export const UNASKED_KEPT_BYTES = 1024;

/** The one answer a server may send on an idle connection: 408 before it closes it (RFC 9110 §15.5.9). */
const REQUEST_TIMEOUT = /^HTTP\/1\.[01] 408 /;

/** Whether bytes begin with a 408: the status line is ASCII, its first bytes suffice, whatever follows. */
function isRequestTimeout(bytes: Buffer): boolean {
  return REQUEST_TIMEOUT.test(bytes.subarray(0, 16).toString('latin1'));
}

/** Reads' sockets, and writes' own: a socket of the writes keeps only what may carry a write. */
export interface KeepAliveAgents {
  reads: AgentPair;
  writes: AgentPair;
  /**
   * The target closed a kept-alive socket of ours sooner than the reuse bound (a read reset on a
   * reused socket, noted by the transport, or a FIN on an idle one, noted here): from now on no
   * write goes on a reused socket.
   */
  closedIdleSocket(): void;
  /** Whether writes still reuse sockets (false once the target closed an idle one early, or ignored reused ones). */
  readonly writesReuse: boolean;
  /** Whether any request still reuses sockets (false once the target ignored requests on reused ones). */
  readonly reuse: boolean;
  /** Whether a read that got nothing back on a reused socket within the deadline may go once more on a fresh one. */
  readonly retryUnanswered: boolean;
  /**
   * A read unanswered on a reused socket was answered on a fresh one: true when this one made
   * IGNORED_REUSE_AFTER, and so ended reuse for the rest of the run.
   */
  reuseIgnored(): boolean;
  /** A read unanswered on a reused socket went unanswered on a fresh one too: the target is slow, no more such retries. */
  freshUnanswered(): void;
  /** Bytes the target sent on idle sockets (a 408 before a close aside), once it has: the first chunk's start and how often. */
  unasked(): UnaskedBytes | undefined;
  /**
   * Bytes past a whole answer that came in its last chunk and do not parse as a next answer (the
   * transport sees node:http's parse error): unasked bytes as much as those on an idle socket, the
   * same bytes a moment later being those, a 408 aside, as there. node:http has destroyed the socket already.
   */
  pastAnswer(bytes: Buffer): void;
}

/** Sockets whose last answer announced keep-alive (noteAnswer). */
const announced = new WeakSet<object>();

/** Sockets that have carried an answer: a request on one is on a reused socket. */
const carried = new WeakSet<object>();

/** Called with every answer's head: whether its socket may carry a write next. */
export function noteAnswer(socket: Socket, headers: IncomingHttpHeaders): void {
  carried.add(socket);
  const connection = headers.connection?.toLowerCase().split(',').map((token) => token.trim()) ?? [];
  if (connection.includes('keep-alive') || headers['keep-alive'] !== undefined) announced.add(socket);
  else announced.delete(socket);
}

/**
 * An agent that pools only sockets whose last answer announced keep-alive. keepSocketAlive is
 * node:http's documented hook: a falsy answer destroys the socket instead of pooling it (node's
 * own answers false to a too short `Keep-Alive: timeout`, though typed void).
 */
function forWrites<A extends HttpAgent>(agent: A, reuse: () => boolean): A {
  const keep = agent.keepSocketAlive.bind(agent);
  agent.keepSocketAlive = (socket) => reuse() && announced.has(socket) && (keep(socket) as unknown) !== false;
  return agent;
}

/** An agent that pools no socket once `reuse` says no (a socket freed by an exchange in flight then). */
function forReads<A extends HttpAgent>(agent: A, reuse: () => boolean): A {
  const keep = agent.keepSocketAlive.bind(agent);
  agent.keepSocketAlive = (socket) => reuse() && (keep(socket) as unknown) !== false;
  return agent;
}

/** The sockets an agent holds in its pool (node:http's freeSockets, by origin). */
const pooled = (agent: HttpAgent): Socket[] => Object.values(agent.freeSockets).flatMap((sockets) => (sockets ?? []) as Socket[]);

/**
 * Calls `closedEarly` when the target ends (FIN) a socket that has lain in `agent`'s pool for less
 * than `idleMs`: a close of ours (the idle bound, a destroyed exchange) is no FIN and is not
 * counted, nor is the end of a close-delimited answer (the socket is in use then, not pooled).
 */
function watchIdleCloses(agent: HttpAgent, idleMs: number, closedEarly: () => void): void {
  const freedAt = new WeakMap<Socket, number>();
  const watched = new WeakSet<Socket>();
  agent.on('free', (socket: Socket) => {
    freedAt.set(socket, performance.now());
    if (watched.has(socket)) return;
    watched.add(socket);
    socket.once('end', () => {
      const since = freedAt.get(socket);
      // Node's agent drops the socket from its pool on 'close', which comes after 'end'.
      if (since !== undefined && performance.now() - since < idleMs && pooled(agent).includes(socket)) closedEarly();
    });
  });
}

/**
 * Calls `unsolicited` with the chunk when bytes reach a socket lying in `agent`'s pool: an answer
 * no request is waiting for (see above). A chunk that starts as a 408 is the target closing the
 * idle connection (RFC 9110 §15.5.9): `timedOut` instead, as for the close it announces. Either
 * way the socket is destroyed. A socket in use is not watched: its bytes are its request's answer.
 */
function watchIdleBytes(agent: HttpAgent, unsolicited: (chunk: Buffer) => void, timedOut: () => void): void {
  const watched = new WeakSet<Socket>();
  agent.on('free', (socket: Socket) => {
    if (watched.has(socket)) return;
    watched.add(socket);
    socket.on('data', (chunk: Buffer | string) => {
      if (!pooled(agent).includes(socket)) return;
      socket.destroy();
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
      if (isRequestTimeout(bytes)) timedOut();
      else unsolicited(bytes);
    });
  });
}

/**
 * `idleMs` becomes the agents' socket timeout: node:http destroys a free socket when it fires and
 * leaves one in use alone (the exchange's own deadline bounds that).
 */
export function keepAliveAgents(socketsPerTarget: number, idleMs: number = REUSE_IDLE_MS): KeepAliveAgents {
  const options = { keepAlive: true, maxSockets: socketsPerTarget, maxFreeSockets: socketsPerTarget, scheduling: 'lifo' as const, timeout: idleMs };
  let writesReuse = true;
  let reuse = true;
  let ignored = 0;
  let retryUnanswered = true;
  let unasked: UnaskedBytes | undefined;
  const writes = { http: forWrites(new HttpAgent(options), () => writesReuse), https: forWrites(new HttpsAgent(options), () => writesReuse) };
  const reads = { http: forReads(new HttpAgent(options), () => reuse), https: forReads(new HttpsAgent(options), () => reuse) };
  const closedIdleSocket = (): void => {
    if (!writesReuse) return;
    writesReuse = false;
    // What the writes' pool holds now was announced by the same target: it goes too.
    for (const agent of [writes.http, writes.https]) for (const socket of pooled(agent)) socket.destroy();
  };
  /** No request of the run reuses a socket from now on, and none pooled now is reused. */
  const endReuse = (): void => {
    reuse = false;
    closedIdleSocket();
    for (const agent of [reads.http, reads.https]) for (const socket of pooled(agent)) socket.destroy();
  };
  const agents: KeepAliveAgents = {
    reads,
    writes,
    closedIdleSocket,
    get writesReuse() {
      return writesReuse;
    },
    get reuse() {
      return reuse;
    },
    get retryUnanswered() {
      return retryUnanswered;
    },
    reuseIgnored() {
      ignored += 1;
      if (!reuse || ignored < IGNORED_REUSE_AFTER) return false;
      endReuse();
      return true;
    },
    freshUnanswered() {
      retryUnanswered = false;
    },
    unasked() {
      return unasked;
    },
    pastAnswer(bytes) {
      // A 408 right behind the answer is the target closing the connection at once: allowed as on an idle socket.
      if (isRequestTimeout(bytes)) closedIdleSocket();
      else unsolicited(bytes);
    },
  };
  /** The first chunk is kept (bounded), the later ones counted: the reports say it once. */
  const unsolicited = (chunk: Buffer): void => {
    unasked = { count: (unasked?.count ?? 0) + 1, first: unasked?.first ?? chunk.subarray(0, UNASKED_KEPT_BYTES).toString('utf8') };
    endReuse();
  };
  for (const agent of [agents.reads.http, agents.reads.https, writes.http, writes.https]) {
    watchIdleCloses(agent, idleMs, closedIdleSocket);
    watchIdleBytes(agent, unsolicited, closedIdleSocket);
  }
  return agents;
}

/**
 * True when `error` is the stale-socket race: the request went out on a reused socket that the
 * target had already closed, and not one byte came back on it for this request (`bytesBefore` is
 * the socket's bytesRead when the request got it).
 */
export function isStaleReuse(req: ClientRequest, error: Error & { code?: string }, bytesBefore: number | undefined): boolean {
  if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') return false;
  return isUnansweredReuse(req, bytesBefore);
}

/**
 * True when `req` went out on a reused socket and not one byte came back on it for this request
 * (`bytesBefore` is the socket's bytesRead when the request got it). node:http sets reusedSocket
 * only for a socket taken from the pool, not for one its queue hands a waiting request the moment
 * the last answer freed it: a socket just as old, so `carried` counts it too.
 */
export function isUnansweredReuse(req: ClientRequest, bytesBefore: number | undefined): boolean {
  const reused = req.reusedSocket || (req.socket !== null && carried.has(req.socket));
  if (!reused || bytesBefore === undefined) return false;
  return (req.socket?.bytesRead ?? bytesBefore) === bytesBefore;
}
