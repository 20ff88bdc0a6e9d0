/**
 * The live transport: node:http and node:https move the bytes, with every bound a hostile target
 * could push against held here. Connections are kept alive (see keep-alive.ts): a few sockets per
 * target, each reused only after an exchange that ended cleanly; redirects are not followed (a 3xx
 * is a finding, not something to hide); content-codings are decoded here, streaming, within
 * --max-body-bytes; response headers are bounded in bytes and count; and every request has a hard
 * deadline that destroys its socket, so a request that loses the race stops reading instead of going
 * on in the background, and its socket never carries that exchange's leftovers into the next
 * (keep-alive.ts says what reuse can and cannot guard against; writes are never kept alive).
 *
 * durationMs is measured with process.hrtime from the request's start to the end of its body,
 * stored to 0.1 ms (elapsed-ms.ts).
 */
import { isUtf8 } from 'node:buffer';
import { request as httpRequest, type Agent, type ClientRequest, type IncomingMessage, type InformationEvent } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import type { Exchange, HttpRequest, HttpResponse, KeepAliveIgnored } from '../model';
import { addHeader, DEFAULT_MAX_BODY_BYTES, transportHeaders } from '../model/http';
import { isSafeMethod } from '../model/operation';
import { classifyError, type AnswerBegun } from './classify-error';
import { elapsedMs } from './elapsed-ms';
import { DEFAULT_SOCKETS_PER_TARGET, IGNORED_REUSE_AFTER, isStaleReuse, isUnansweredReuse, keepAliveAgents, noteAnswer, REUSE_IDLE_MS, type KeepAliveAgents, type UnaskedBytes } from './keep-alive';
import { chunkedMisread, misreadFraming, parserRefusal } from './parser-refusal';
import { requestTarget } from './path-segment';
import { readBody } from './read-body';
import { eventLoopBusyMs, stallGrace, type BusyClock } from './stall-grace';
import { stoppedExchange } from './case-stopped';
import { BoundCrossed, MAX_HEADER_BYTES, MAX_HEADER_COUNT, MAX_INFORMATIONAL, MAX_INFORMATIONAL_BYTES } from './transport-bounds';
import type { SendOptions, Transport } from './transport';
import { suiteUserAgent } from '../package-root';
import { excerpt } from '../text/plain-text';
import { realNow } from '../text/real-clock';

/**
 * A head's size as node:http hands it over: `HTTP/1.1 103 Early Hints`, each `name: value`, each
 * line's CRLF and the blank line, latin1, one character a byte. Less than was read when the target
 * pads a value with whitespace (trimmed) or sends more headers than maxHeadersCount (not kept):
 * so the bound also counts the bytes that came before the chunk being parsed (see its use).
 */
function headBytes(info: InformationEvent): number {
  let bytes = `HTTP/${info.httpVersion} ${info.statusCode} ${info.statusMessage}\r\n\r\n`.length;
  for (let i = 0; i + 1 < info.rawHeaders.length; i += 2) bytes += (info.rawHeaders[i] ?? '').length + 2 + (info.rawHeaders[i + 1] ?? '').length + 2;
  return bytes;
}

/**
 * node:http's HPE_HEADER_OVERFLOW, past maxHeaderSize: the answer's head (or a 1xx head before it),
 * or, once the answer's head was read, the trailer section after its chunked body, which node:http
 * holds to the same bound on its own (a 1 KiB head and a 65 KiB trailer overflow; 40 and 40 do not).
 * Said of the head, a trailer's overflow sent its owner to look at a head that was within bounds.
 */
function headOverflow(afterHead: boolean): BoundCrossed {
  return afterHead
    ? new BoundCrossed('trailer-bytes', `the response's trailer section, after its body, exceeds ${MAX_HEADER_BYTES} bytes`)
    : new BoundCrossed('head-bytes', `response headers exceed ${MAX_HEADER_BYTES} bytes`);
}

/**
 * A failure the transport names itself (an answer no HTTP client can read on): reported as it is,
 * not through classifyError's guesses. A bound the response crossed is a BoundCrossed (transport-bounds.ts).
 */
class NamedFailure extends Error {}

/** A NamedFailure that is an answer all the same (a 101, a status under 100): TransportError.unjudgeable. */
class UnjudgeableAnswer extends NamedFailure {}

/**
 * A 101 to a request that asked for no upgrade (RFC 9110 §7.8: a server switches only to a protocol
 * the client listed in Upgrade, and the suite lists none). What follows on the connection is no
 * HTTP answer: node:http hands it to an 'upgrade' listener, and without one destroys the socket and
 * never settles the request, which then waited out the deadline as a "timeout" (and three of them
 * made a target that answered "silent").
 */
function switchedProtocols(res: IncomingMessage): NamedFailure {
  const upgrade = res.headers.upgrade;
  return new UnjudgeableAnswer(`the target answered 101 Switching Protocols${upgrade === undefined ? '' : ` (Upgrade: ${excerpt(upgrade, 80)})`} to a request that asked for no upgrade: no HTTP answer follows`);
}

/**
 * A status below 100 (`HTTP/1.1 000`, `099`): node:http's parser takes any three digits, but no HTTP
 * status is under 100 (RFC 9110 §15: a client treats an unrecognised status as the x00 of its class,
 * and 0xx has none), so nothing can be judged of it. Passed on, its 0 was the "no answer" of HAR and
 * below the report's own status bound: one such answer ended the whole run as an internal error
 * (exit 2, no verdict). 600 to 999 are answers the checks judge (a server error, undocumented).
 */
export const MIN_STATUS = 100;

/**
 * Origin and path of the URL exactly as written. WHATWG URL parsing resolves "..", turns "\" into
 * "/", drops "#…" and throws on a lone "%"; a negative input must reach the target byte for byte,
 * so the path is handed to node:http as written. Only bytes node:http refuses in a request line
 * are escaped.
 */
function splitUrl(url: string): { origin: string; path: string } {
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*/i.exec(url)?.[0] ?? url;
  // The same target the negative property counts the request line by (requestLineAround).
  return { origin, path: requestTarget(url) };
}

/** Lower-case names, repeated headers joined with ", " — from the raw list, so no repeat is dropped. */
function headersOf(res: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) addHeader(headers, raw[i] ?? '', raw[i + 1] ?? '');
  return headers;
}

/**
 * What goes on the wire besides the request's own headers: model/http.ts's transportHeaders, the
 * list the curl formatter reproduces too. Every request names the suite (RFC 9110 §10.1.5: a user
 * agent SHOULD send User-Agent): a WAF's default rules refuse a request without one (AWS WAF's
 * NoUserAgent_HEADER), which would fail every case on the front's 403, not the API's answer.
 *
 * Every read asks for the origin's own answer: `Cache-Control: no-cache` (RFC 9111 §5.2.1.4), so a
 * shared cache in front (a CDN, a corporate proxy) that the API allowed to store its reads (public,
 * max-age, keyed on Authorization) revalidates a stored one instead of serving it. A suite reads a
 * sender right after a start: a cache serving the read from before the start, as its freshness
 * lets it, would show a start that took no effect, the server's answers being right. What a cache
 * may do with an answer is still judged, from the answer's own fields (shared-cache).
 *
 * A bodiless write's Content-Length: 0 is what node:http would frame it with anyway; written out,
 * so the list is the whole of what is sent.
 */
function sentHeaders(request: HttpRequest): Record<string, string> {
  return { ...transportHeaders(request.method, suiteUserAgent()), ...request.headers };
}

/**
 * `fresh`: on a connection of its own, never one from the pool (agent false: node:http's one-off
 * agent, its socket closed after the answer). A retry after a stale reuse must not take the next
 * pooled socket: the target that closed one idle socket has closed the others idle as long.
 */
function open(request: HttpRequest, agents: KeepAliveAgents, fresh = false): ClientRequest {
  const { origin, path } = splitUrl(request.url);
  const url = new URL(origin);
  const https = url.protocol === 'https:';
  const send = https ? httpsRequest : httpRequest;
  const pair = isSafeMethod(request.method) ? agents.reads : agents.writes;
  // A write once the target has shown it closes idle sockets early: not through the writes' agent
  // at all, whose queue would hand it a socket freed that instant (keep-alive.ts).
  // Nor any request once the target has shown it ignores requests on reused connections.
  const alone = fresh || !agents.reuse || (!isSafeMethod(request.method) && !agents.writesReuse);
  const agent: Agent | false = alone ? false : https ? pair.https : pair.http;
  const req = send({
    protocol: url.protocol,
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    ...(url.port !== '' ? { port: Number(url.port) } : {}),
    path,
    method: request.method,
    headers: sentHeaders(request),
    agent,
    maxHeaderSize: MAX_HEADER_BYTES,
  });
  // One over the bound, so a flood is seen rather than silently cut to the first N.
  req.maxHeadersCount = MAX_HEADER_COUNT + 1;
  return req;
}

/**
 * The bytes node:http's parser refused past a whole answer: its error carries the chunk
 * (`rawPacket`) and where in it the parser stopped (`bytesParsed`), which for bytes that cannot
 * start an answer is where they begin. The whole chunk when either is missing.
 */
function bytesPastAnswer(error: Error & { rawPacket?: unknown; bytesParsed?: unknown }): Buffer {
  const packet = Buffer.isBuffer(error.rawPacket) ? error.rawPacket : Buffer.alloc(0);
  const at = typeof error.bytesParsed === 'number' && error.bytesParsed >= 0 && error.bytesParsed < packet.length ? error.bytesParsed : 0;
  return packet.subarray(at);
}

/** How many of an answer's first bytes are kept to tell an HTTP answer the parser refused from bytes that never were one. */
const HEAD_SEEN = 8;

/**
 * How many bytes before the answer's body are kept to read its head as sent (chunkedMisread): its
 * head and the 1xx heads before it, each already bounded so; node:http hands over field values trimmed.
 */
const HEAD_KEPT = MAX_HEADER_BYTES + MAX_INFORMATIONAL_BYTES;

/** A parse error on bytes that began as an HTTP answer, named so (parser-refusal.ts); any other error as it is. */
function parseErrorNamed(error: Error & { code?: string }, head: string): Error {
  const refusal = parserRefusal(error, head);
  return refusal === undefined ? error : new NamedFailure(refusal);
}

/**
 * The second answer in a chunk that completed the first: from its status line, the first `HTTP/`
 * past the first answer's own when the chunk began with it (`answeredBefore` false). node:http says
 * nowhere where the first ended; a first answer's body that holds `HTTP/` moves the start earlier,
 * which an excerpt can bear.
 */
function secondAnswer(chunk: Buffer, answeredBefore: boolean): Buffer {
  const at = chunk.indexOf('HTTP/', answeredBefore ? 0 : 1, 'latin1');
  return at < 0 ? chunk : chunk.subarray(at);
}

/** What an exchange answered only on a fresh connection says of the target's keep-alive (model/http.ts). */
function ignoredReuse(endedReuse: boolean): KeepAliveIgnored {
  return endedReuse ? { endedReuse: true, after: IGNORED_REUSE_AFTER } : {};
}

/**
 * A request's deadline, judged once the bytes already on the wire have been read. When the run's own
 * event loop stalls past a deadline (a busy machine, a compile, a GC pause; --concurrency 8 on two
 * cores), Node runs the expired timer before it reads the sockets that became readable meanwhile
 * (timers come before I/O in each turn), and an answer that came in time would be a timeout of the
 * target. `setImmediate` runs after that turn's reads: an answer they completed has settled the
 * exchange by then. That gives back a stall that ends after the answer is in; a stall while the
 * answer is still coming (a body larger than the socket buffers, the target's send held by the
 * window the run does not read) is given back by stall-grace.ts, the loop's busy time since the
 * request began granted as more time when the deadline fires (bounded). A target that had sent
 * nothing while the run was idle is judged at once, as before.
 */
function armDeadline(onDeadline: () => void, ms: number): NodeJS.Timeout {
  return setTimeout(() => setImmediate(onDeadline), ms);
}

export class HttpTransport implements Transport {
  private readonly agents: KeepAliveAgents;
  private closed = false;
  /** Requests on the wire: close() ends them too. */
  private readonly inFlight = new Set<ClientRequest>();

  constructor(
    private readonly timeoutMs: number,
    private readonly maxBodyBytes: number = DEFAULT_MAX_BODY_BYTES,
    socketsPerTarget: number = DEFAULT_SOCKETS_PER_TARGET,
    reuseIdleMs: number = REUSE_IDLE_MS,
    /** The event loop's busy time, given back to each deadline (stall-grace.ts); injected by tests. */
    private readonly busyMs: BusyClock = eventLoopBusyMs,
  ) {
    this.agents = keepAliveAgents(socketsPerTarget, reuseIdleMs);
  }

  async send(request: HttpRequest, exchangeId: string, options?: SendOptions): Promise<Exchange> {
    // The last word before bytes leave: a stopped case's request, however long it waited for its
    // tick or slot, is not sent (the next case may already be allowed to begin).
    if (options?.signal?.aborted === true) return stoppedExchange(request, exchangeId);
    const startedAt = new Date(realNow());
    const started = process.hrtime.bigint();
    const done = { id: exchangeId, request, startedAt: startedAt.toISOString() };
    // A case Jest gave up on may still be running when the run ends: nothing more leaves after that.
    if (this.closed) return { ...done, error: { kind: 'other', message: 'not sent: the run had ended (the transport was closed)' }, durationMs: 0 };
    // The busy clock the stall grace reads, from the same start: what of the duration may be the run's own.
    const busyAtStart = this.busyMs();
    try {
      const { response, onWire, bodyEnded, keepAliveIgnored } = await this.exchange(request, options?.signal);
      const runBusyMs = Math.max(0, Math.round((this.busyMs() - busyAtStart) * 10) / 10);
      return { ...done, response, durationMs: elapsedMs(onWire ?? started, bodyEnded), runBusyMs, ...(keepAliveIgnored !== undefined ? { keepAliveIgnored } : {}) };
    } catch (error) {
      // A bound crossed carries which (transport-bounds.ts): the guard's stop line reads it, not the words.
      const failure =
        error instanceof BoundCrossed
          ? { kind: 'other' as const, message: error.message, bound: error.bound }
          : error instanceof NamedFailure
            ? { kind: 'other' as const, message: error.message, ...(error instanceof UnjudgeableAnswer ? { unjudgeable: true as const } : {}) }
            : classifyError(error, this.timeoutMs);
      return { ...done, error: failure, durationMs: elapsedMs(started) };
    }
  }

  /** Bytes the target sent on an idle kept-alive connection, answering no request (keep-alive.ts), once it has: raw, to scrub and excerpt. */
  unasked(): UnaskedBytes | undefined {
    return this.agents.unasked();
  }

  /** Ends the run's connections, in flight ones too, and refuses every later send. */
  close(): void {
    this.closed = true;
    for (const req of this.inFlight) req.destroy();
    for (const pair of [this.agents.reads, this.agents.writes]) {
      pair.http.destroy();
      pair.https.destroy();
    }
  }

  /**
   * One deadline over the exchange, a retry after a stale reuse (isStaleReuse) included; a read that
   * got nothing back on a reused socket within it (isUnansweredReuse) is sent once more on a fresh
   * connection with a deadline of its own, while the target has not shown itself slow
   * (keep-alive.ts): only a read. With the stall grace and the decoding's, at most
   * MAX_EXCHANGE_DEADLINES deadlines in all (exchange-deadlines.ts). The answer's duration is the
   * target's: from `onWire`, when the request got its socket (a kept-alive one, or a new one whose
   * connect is then counted), so neither building the request nor a wait for a free socket of the
   * bounded pool counts; to `bodyEnded`, when the body's last byte came off the connection, so
   * neither decoding nor the promise chain counts (absent for a body cut at the bound: then when
   * it was cut). A failure's duration runs from send() to the failure.
   */
  private exchange(request: HttpRequest, signal?: AbortSignal): Promise<{ response: HttpResponse; onWire?: bigint; bodyEnded?: bigint; keepAliveIgnored?: KeepAliveIgnored }> {
    // Only a read is ever sent twice: a reset write may have been acted on (keep-alive.ts).
    const retryable = isSafeMethod(request.method);
    return new Promise((resolve, reject) => {
      let current: ClientRequest | undefined;
      let settled = false;
      /**
       * The first outcome wins; whatever follows (the socket's own errors once destroyed) is ignored.
       * Only a clean, whole answer leaves its socket to the pool: a deadline, an error or a cut body
       * destroys it, so it is never reused.
       */
      const settle = (outcome: () => void, keepSocket = false): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (current !== undefined) this.inFlight.delete(current);
        outcome();
        stopWatching();
        if (!keepSocket) current?.destroy();
      };
      /** Set once this read was sent again after its reused socket stayed silent to the deadline. */
      let afterSilence = false;
      /** Set once the deadline found every byte of the answer in and gave its decoding one more deadline. */
      let decodingGrace = false;
      // What of the answer had come by then (its status, the bytes read): a body dripped after its head
      // is not "no response", and its owner looks for a stalled stream, not a dead server.
      const deadline = (begun?: AnswerBegun): void => settle(() => reject(Object.assign(new Error('deadline'), { code: 'ETIMEDOUT', ...(begun !== undefined ? { begun } : {}) })));
      let onDeadline = deadline;
      // One grace for the whole exchange, a retry included: its bound is the exchange's.
      const grace = stallGrace(this.timeoutMs, this.busyMs);
      let timer = armDeadline(() => onDeadline(), this.timeoutMs);
      /**
       * When the body's last byte came off the connection: the time a chunk arrived (read first,
       * before node:http's parser and this exchange's own handlers run on it), kept once the
       * parser has seen the message complete in that chunk. The response's 'end' comes a
       * scheduling turn or two later on a busy machine, which would be counted as the target's time.
       */
      let lastByte: bigint | undefined;
      let stopWatching = (): void => undefined;
      const attempt = (mayRetry: boolean, fresh = false): void => {
        const req = open(request, this.agents, fresh);
        if (current !== undefined) this.inFlight.delete(current);
        current = req;
        this.inFlight.add(req);
        let bytesBefore: number | undefined;
        /** Set once bytes past this attempt's whole answer were handed to the agents as unasked (pastAnswer): once per socket. */
        let pastAnswerKept = false;
        let answer: IncomingMessage | undefined;
        /** The first bytes this attempt got back (latin1): an HTTP answer begins "HTTP/1". */
        let answerHead = '';
        /** The chunks that came before the answer's head was parsed (HEAD_KEPT bytes at most), kept as they came. */
        const headChunks: Buffer[] = [];
        let headKept = 0;
        /** Bytes this attempt got back: in all, and in the chunks before the one being parsed. */
        let readInAll = 0;
        let readBefore = 0;
        let onWire: bigint | undefined;
        onDeadline = (): void => {
          if (settled) return;
          // The run's own busy time since the request began, not yet given back: while the loop was
          // busy elsewhere nothing of this request was read, so the deadline runs on by that much
          // (stall-grace.ts, bounded), before any other judgement of silence or slowness.
          const more = grace.more();
          if (more !== undefined) {
            timer = armDeadline(() => onDeadline(), more);
            return;
          }
          // Silence on a reused socket, not one byte of an answer: a target that ignores requests on
          // kept-alive connections looks just so. A fresh connection tells it from a slow target.
          // Not for a stopped case: a request sent again is a new one, and nothing new of it leaves.
          if (!afterSilence && retryable && mayRetry && !this.closed && signal?.aborted !== true && this.agents.retryUnanswered && isUnansweredReuse(req, bytesBefore)) {
            afterSilence = true;
            req.destroy();
            attempt(false, true);
            timer = armDeadline(() => onDeadline(), this.timeoutMs);
            return;
          }
          // Every byte of the answer is in: what is left (decoding it) is the run's time, not the
          // target's. One more deadline's grace, not none: a read that never ends stays bounded.
          if (answer?.complete === true && !decodingGrace) {
            decodingGrace = true;
            timer = armDeadline(() => onDeadline(), this.timeoutMs);
            return;
          }
          if (afterSilence) this.agents.freshUnanswered();
          // The answer's bytes, its head included: not the 1xx heads before it (103 Early Hints), no
          // part of it, which made a head that stalled read as a head and some body. As node:http
          // hands those heads over (headBytes), so a padded one is under-subtracted: never below 0.
          deadline(answer?.statusCode !== undefined ? { status: answer.statusCode, bytes: Math.max(0, readInAll - headsCounted), ...(answer.complete ? { whole: true as const } : {}) } : undefined);
        };
        req.on('socket', (socket) => {
          onWire = process.hrtime.bigint();
          bytesBefore = socket.bytesRead;
          let arrived = 0n;
          /** Whether the answer had begun before this chunk: else the chunk holds its status line too. */
          let answeredBefore = false;
          const stamp = (chunk: Buffer | string): void => {
            arrived = process.hrtime.bigint();
            answeredBefore = answer !== undefined;
            readBefore = readInAll;
            readInAll += chunk.length;
            // Its first bytes only (a status line's "HTTP/1"): whether a refused parse was of an answer.
            if (answerHead.length < HEAD_SEEN) answerHead += (typeof chunk === 'string' ? chunk : chunk.toString('latin1', 0, HEAD_SEEN)).slice(0, HEAD_SEEN - answerHead.length);
            if (answer === undefined && headKept < HEAD_KEPT) {
              const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
              headChunks.push(bytes.subarray(0, HEAD_KEPT - headKept));
              headKept += Math.min(bytes.length, HEAD_KEPT - headKept);
            }
          };
          const watch = (chunk: Buffer | string): void => {
            if (answer?.complete !== true) return;
            lastByte ??= arrived;
            // A second answer's head past a whole one: node:http destroyed the socket as it parsed it
            // ("a double response"), without an error or an event. Unasked bytes as much as those
            // that reach an idle socket a moment later (keep-alive.ts). Not a socket the suite dropped
            // itself while this chunk was parsed: a body cut at --max-body-bytes (read-body.ts) destroys
            // the answer, and so the socket, before the parser reaches the body's end in the same chunk.
            if (socket.destroyed && answer.destroyed !== true && !pastAnswerKept && !settled) {
              pastAnswerKept = true;
              this.agents.pastAnswer(secondAnswer(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk, answeredBefore));
            }
          };
          socket.prependListener('data', stamp);
          socket.on('data', watch);
          // The socket outlives this exchange when kept alive: the listeners must not. Off when the
          // request closes, which node:http emits just before it frees the socket for the next
          // exchange (or as it destroys it), not at settle: a coded body is still being decoded then
          // (zlib works on the thread pool), and a target streaming gzip in small chunks at
          // --concurrency 8 had eight exchanges' listeners on one socket, and Node warning of a leak.
          // Their work is done by then: the answer's last byte came in before its socket was freed.
          const stop = (): void => {
            socket.off('data', stamp);
            socket.off('data', watch);
          };
          req.once('close', stop);
          stopWatching = stop;
        });
        req.on('error', (error: Error & { code?: string }) => {
          if (settled || req !== current) return;
          // Bytes past a whole answer that do not parse as a next one: a body sent with a 204 or 304 or
          // to a HEAD (none of which has one, RFC 9112 §6.3), more bytes than Content-Length said.
          // node:http destroys the socket and errors the request though the answer was complete; sent
          // a moment later, the same bytes reach an idle socket (keep-alive.ts). The answer stands
          // either way, and either way they are unasked bytes, kept for the reports and ending reuse:
          // neither the verdict nor the warning may hang on where TCP cut the bytes.
          if (answer?.complete === true && typeof error.code === 'string' && error.code.startsWith('HPE_')) {
            if (!pastAnswerKept) this.agents.pastAnswer(bytesPastAnswer(error));
            pastAnswerKept = true;
            return;
          }
          // Cut by close() (the run's end, its caller's abort): a kept-alive socket destroyed under a
          // read looks like a stale reuse, but nothing is sent after the close, not even once more.
          if (this.closed) {
            settle(() => reject(error));
            return;
          }
          // The fresh connection after a silent reused one failed too: not the keep-alive's fault.
          if (afterSilence) this.agents.freshUnanswered();
          const stale = isStaleReuse(req, error, bytesBefore);
          // The target closes idle kept-alive sockets sooner than we keep them: writes stop reusing any.
          if (stale) this.agents.closedIdleSocket();
          // A read's retry is a new request: a stopped case sends none.
          if (stale && mayRetry && signal?.aborted !== true) {
            req.destroy();
            attempt(false, true);
            return;
          }
          const failure =
            stale && !retryable
              ? Object.assign(new Error(`${error.message} on a kept-alive connection before any byte of the answer came back: the target may have closed it as the write went out, and a write is never sent twice`), { code: error.code })
              : error.code === 'HPE_HEADER_OVERFLOW'
                ? headOverflow(answer !== undefined)
                : parseErrorNamed(error, answerHead);
          settle(() => reject(failure));
        });
        let informational = 0;
        let headsCounted = 0;
        req.on('information', (info: InformationEvent) => {
          informational += 1;
          headsCounted += headBytes(info);
          // Two counts, each no more than was read: the heads as handed over (exact unless padded or
          // past the header count), and the chunks before this one (stamp runs before the parser
          // does), all heads while no answer has come. So a padded flood is stopped a chunk late at most.
          const informationalBytes = Math.max(headsCounted, readBefore);
          if (informational > MAX_INFORMATIONAL) settle(() => reject(new BoundCrossed('informational-count', `more than ${MAX_INFORMATIONAL} informational (1xx) responses before the answer`)));
          else if (informationalBytes > MAX_INFORMATIONAL_BYTES) settle(() => reject(new BoundCrossed('informational-bytes', `informational (1xx) responses before the answer exceed ${MAX_INFORMATIONAL_BYTES} bytes`)));
        });
        // The socket is the listener's once node:http emits this: settle destroys the request, not it.
        req.on('upgrade', (res: IncomingMessage, socket: Duplex) => {
          socket.destroy();
          settle(() => reject(switchedProtocols(res)));
        });
        req.on('response', (res) => {
          answer = res;
          // A 101 without an Upgrade header comes here, a bodiless answer whose socket would go back to the pool.
          if (res.statusCode === 101) {
            settle(() => reject(switchedProtocols(res)));
            return;
          }
          const status = res.statusCode ?? 0;
          if (status < MIN_STATUS) {
            settle(() => reject(new UnjudgeableAnswer(`the target answered status ${String(status).padStart(3, '0')}, which no HTTP status is (RFC 9110 §15: 100 to 599): no answer to judge`)));
            return;
          }
          noteAnswer(res.socket, res.headers);
          if (res.rawHeaders.length / 2 > MAX_HEADER_COUNT) {
            settle(() => reject(new BoundCrossed('header-count', `the response has more than ${MAX_HEADER_COUNT} headers`)));
            return;
          }
          // "chunked" then a tab or an empty list element, which Node 20 reads as no chunking
          // (parser-refusal.ts): the body would run to a close that a kept-alive target never sends,
          // or be judged with its chunk sizes. Not on an answer with no body (a HEAD's, a 204, a 304:
          // RFC 9112 §6.3), which it frames nothing.
          const bodiless = request.method === 'HEAD' || status === 204 || status === 304;
          const misread = bodiless || res.headers['transfer-encoding'] === undefined ? undefined : chunkedMisread(Buffer.concat(headChunks).toString('latin1'));
          if (misread !== undefined) {
            settle(() => reject(new NamedFailure(misreadFraming(misread))));
            return;
          }
          const headers = headersOf(res);
          let bodyEnded: bigint | undefined;
          // A body framed by the connection's close completes without a 'data' event: its 'end' then.
          res.once('end', () => (bodyEnded = lastByte ?? process.hrtime.bigint()));
          readBody(res, headers['content-encoding'], this.maxBodyBytes).then(
            ({ body, truncated }) => {
              const response: HttpResponse = { status, headers, bodyText: body.toString('utf8'), ...(truncated ? { truncated } : {}), ...(truncated === undefined && !isUtf8(body) ? { notUtf8: true as const } : {}) };
              // Answered on a fresh connection where the reused one stayed silent: the keep-alive's fault.
              const keepAliveIgnored = afterSilence ? ignoredReuse(this.agents.reuseIgnored()) : undefined;
              settle(() => resolve({ response, ...(onWire !== undefined ? { onWire } : {}), ...(bodyEnded !== undefined ? { bodyEnded } : {}), ...(keepAliveIgnored !== undefined ? { keepAliveIgnored } : {}) }), truncated === undefined);
            },
            (error: unknown) => settle(() => reject(error)),
          );
        });
        req.end();
      };
      attempt(retryable);
    });
  }
}
