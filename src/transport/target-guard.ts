/**
 * Tells a target that cannot be judged from one that answers wrongly, and stops the run at the
 * first sign of it, before every case fails on it. The
 * preflight only shakes hands; a port held by something that never speaks HTTP back (a hung
 * process, a firewall that accepts and drops) would time out every request of the run, one
 * deadline after another, and end as "contract violations" (exit 1) minutes later. Once the first
 * requests of a run have all gone unanswered, the target is called silent: the run stops as
 * unreachable (exit 3), and nothing more is sent. One answer of any kind, before that, disarms the
 * guard for the rest of the run: a target that speaks is judged by the checks, however it fails.
 *
 * A target that answered, then stopped answering (LOST_AFTER requests in a row unanswered) is
 * still judged, but nothing more is sent: each request after is "not sent" with one short note
 * (TARGET_LOST_NOTE), and the whole sentence, once, is `lostTarget()`: the report's headline.
 *
 * Likewise a key the target does not take: when requests that carried the configured key are
 * answered 401 before any answer shows it taken, every case would fail on it (a rotated secret, the staging key sent to
 * production) and a nightly run would page people about a contract break. The run stops as a
 * configuration error (exit 2), and nothing more is sent. One answer to the key that shows it was
 * taken (a 2xx or a 403), before that, disarms this guard too: a target that takes the key and
 * later refuses it is judged.
 */
import type { Exchange, HttpRequest, TransportBound, TransportError, TransportErrorKind } from '../model';
import { UnreachableCode, type UnreachableReason } from '../model/errors';
import { TARGET_LOST_NOTE } from '../model/result';
import { isSuccessStatus } from '../model/http';
import { notSentExchange } from './case-stopped';
import { refusalOfMessage } from './parser-refusal';
import { boundWords, PAST_A_BOUND } from './transport-bounds';
import type { SendOptions, Transport } from './transport';

/** A transport error's message on one short line (the error line that carries it is bounded again). */
function shortened(message: string): string {
  const line = message.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** Unanswered requests, before any answer, that make a target silent. */
export const SILENT_AFTER = 3;

/** Where the configured key is set, as the key-refused line names it, unless the run says otherwise (TransportOptions.keySource). */
export const DEFAULT_KEY_SOURCE = '--api-key or ZAVU_API_KEY';

/** Requests with the configured key answered 401, before any answer that shows it taken, that make the key refused. */
export const KEY_REFUSED_AFTER = 3;

/**
 * Requests in a row that got no answer (timed out, refused, its name not resolved, or reset when
 * sent as a client sends it: countsUnanswered), after the target had answered, that make it lost:
 * it stopped answering mid-run (it crashed, or hangs, or its host name stopped resolving), and
 * every request after would wait out its --timeout in turn, minutes of a nightly run, or fail one
 * by one the same way.
 */
export const LOST_AFTER = 5;

/**
 * The transport errors that mean nothing answers any more: a timeout, a refused connection, a host
 * name that no longer resolves (a record removed, the resolver down: no request reaches anything,
 * whatever it asks, so none is a front's verdict on it). Not a garbled answer (an answer all the same).
 */
const NO_ANSWER: ReadonlySet<TransportErrorKind> = new Set(['timeout', 'connection-refused', 'dns']);

/**
 * Whether an error leaves its request unanswered for the lost-target row. A reset does, but for a
 * hostile-looking request's (SendOptions.hostile: a negative-input id no client sends, or a request spelled to probe,
 * runner/execute-case.ts and execute-negative.ts by transport/sent-as-a-client.ts): a front that drops those (nginx's 444)
 * resets them while it answers every other, but one that resets the reads and starts a client sends
 * is down (a mock's process gone behind a port something still accepts on: Docker's proxy closes
 * each connection), and 159 cases failing on resets read as a target that honours nothing. Judged by
 * the sender, not by the path: a real sender id goes out percent-encoded (`whatsapp%3A%2B1…`).
 */
function countsUnanswered(kind: TransportErrorKind, options: SendOptions | undefined): boolean {
  return NO_ANSWER.has(kind) || (kind === 'reset' && options?.hostile !== true);
}

/** Whether the run's abort came (read afresh: TypeScript narrows a property read before an await). */
function abortedNow(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** How a request sent as a client sends it goes unanswered by a target that stopped, not a slow one: closed, or refused a connection. */
const CLOSED: ReadonlySet<TransportErrorKind> = new Set(['reset', 'connection-refused']);

/**
 * Why a run stopped sending: a target that does not answer (exit 3), or that refuses the configured
 * key (exit 2). A silent stop's `code` and `reason` are its UnreachableError's (silentCode, silentReason).
 */
export type TargetStop = { cause: 'silent'; why: string; code: string; reason: UnreachableReason } | { cause: 'key-refused'; why: string };

/**
 * The transport errors of a request that made no connection a request went on: nothing was there
 * to accept one, or the TLS handshake on the one accepted failed (no request was sent on it, but
 * for TLS 1.3's client-certificate alert, which comes after the request: see CLIENT_CERTIFICATE).
 */
const NO_CONNECTION: ReadonlySet<TransportErrorKind> = new Set(['dns', 'connection-refused', 'tls']);

/** What to check when the target's host name stops resolving after it resolved for the preflight. */
const DNS_QUESTION = 'is the name still in DNS, and its resolver reachable from here?';

/** What to ask of a target that stopped answering after it answered: the lost line's and stoppedAtEnd's. */
const CRASH_QUESTION = 'did a request crash it?';

/** Its question when every request since its last answer was reset: connections taken and closed, as a proxy in front of a dead process does. */
const CLOSED_QUESTION = "did a request crash it, or did its process go down behind a port something still takes connections on, as a container's proxy does?";

/** What to check when handshakes fail after the preflight's succeeded. */
const TLS_QUESTION = 'did its certificate change or expire, or does the port now answer without TLS?';

/**
 * TLS 1.3's alert 116: the server asks for a client certificate only after the client's side of the
 * handshake is done, so the preflight completes one and each request is written before the alert
 * comes back. Nothing changed since the preflight: the target wants what the suite never sends.
 */
const CLIENT_CERTIFICATE = "the target asks for a client certificate, which the suite does not send (TLS 1.3 asks only after the client's side of the handshake, so the check before the run could not see it)";

/** What to check for a tls failure, by what it says: a client certificate asked for, or a handshake that worked before. */
function tlsQuestion(message: string): string {
  return /certificate[ _]required/i.test(message) ? CLIENT_CERTIFICATE : TLS_QUESTION;
}

/**
 * What to try, by how the last request went: a longer --timeout helps a slow target only. A tls
 * failure's hint is hintOf's, by its message (a client certificate asked for is another question).
 */
const SILENT_HINTS: Readonly<Partial<Record<TransportErrorKind, string>>> = {
  timeout: 'a slow one: raise --timeout',
  // No connection made: the parser's hint below would send its owner after an HTTP server.
  dns: `its host name did not resolve: ${DNS_QUESTION}`,
  'connection-refused': 'nothing listens there now: did the server stop, or restart on another port?',
  reset: 'connections closed unanswered: a proxy, a firewall or a server that refuses these requests?',
  // Bytes that never began as an HTTP answer (an SSH banner, a TLS record). An answer the parser refused, and one past
  // one of the transport's own bounds (a head over 64 KiB, a 1xx flood), and a 101 or a status under 100, are answers: said otherwise (silentWhy).
  other: 'an answer the suite\'s strict HTTP/1.1 parser (node:http\'s) refuses, for the reason before: is an HTTP server listening on this port?',
};

/** An answer that is none an HTTP client reads on (TransportError.unjudgeable). */
const NOTHING_TO_JUDGE = 'with nothing an HTTP client can judge';

/** A target lost mid-run: the guard's sentence, and the request it likely went down on. */
export interface TargetLoss {
  why: string;
  /** "METHOD path, exchange id" of the first request left unanswered since its last answer. */
  at?: string;
}

/** How a request of the run's first went, as silentWhy tells them apart (and the lost-target row: all but `unanswered` are answers): an answer past a bound, one the parser refused, one with nothing to judge, or none. */
type FirstFailure = { how: 'bound'; bound: TransportBound } | { how: 'refused'; refused: string } | { how: 'unjudgeable'; message: string } | { how: 'unanswered'; error: TransportError };

function firstFailure(error: TransportError): FirstFailure {
  if (error.bound !== undefined) return { how: 'bound', bound: error.bound };
  if (error.unjudgeable === true) return { how: 'unjudgeable', message: error.message };
  const refused = refusalOfMessage(error.message);
  return refused !== undefined ? { how: 'refused', refused } : { how: 'unanswered', error };
}

/** The hint for how a request went: SILENT_HINTS by its kind, a tls failure's by its message too. */
function hintOf(error: TransportError): string | undefined {
  return error.kind === 'tls' ? `the TLS handshake failed: ${tlsQuestion(error.message)}` : SILENT_HINTS[error.kind];
}

/**
 * Why a target whose first requests got no answer the suite could read stops the run. An answer
 * node:http's strict parser refused (parser-refusal.ts) is an answer: the target is up and speaks
 * HTTP, and the form it used may be one RFC 9112 allows; asking whether an HTTP server listens
 * there would send its owner after the wrong fault. So is an answer past one of the transport's own
 * bounds (transport-bounds.ts: a head over 64 KiB, a flood of 1xx heads), read from the error's
 * `bound`: the line names the bound and its size. So is a 101 to no upgrade or a status under 100
 * (`unjudgeable`): something answers there, not the API's HTTP. The run stops all the same (exit 3):
 * no answer of it could be judged.
 *
 * Each of the first requests counts, not only the last: when they failed in different ways (one
 * past a bound, two timed out) the line says how many went each way, each with its last. Judged
 * by the last alone, an answer past a bound then two timeouts read "answered none" (it answered
 * one), and two timeouts then a bound lost the timeouts and their hint.
 */
function silentWhy(target: string, failures: readonly FirstFailure[]): string {
  const last = <H extends FirstFailure['how']>(how: H): Extract<FirstFailure, { how: H }> | undefined =>
    failures.filter((f): f is Extract<FirstFailure, { how: H }> => f.how === how).at(-1);
  const count = (how: FirstFailure['how']): number => failures.filter((f) => f.how === how).length;
  const bound = last('bound');
  const refused = last('refused');
  const unjudgeable = last('unjudgeable');
  const unanswered = last('unanswered');
  const kinds = [bound, refused, unjudgeable, unanswered].filter((f) => f !== undefined).length;
  if (kinds === 1 && bound !== undefined) {
    // An answer past one of the transport's own bounds: the target answered, more than the suite reads.
    return `${target} answered, but ${PAST_A_BOUND}, so none of the first ${SILENT_AFTER} requests got an answer it could judge (the last past the bound of ${boundWords(bound.bound)}); the suite keeps its bounds, so the target must answer within them to be judged`;
  }
  if (kinds === 1 && refused !== undefined) {
    return `${target} answered, but node:http's HTTP/1.1 parser refused the answers to the first ${SILENT_AFTER} requests (the last: ${shortened(refused.refused)}), so none can be judged: a form RFC 9112 allows may be among what it refuses (a tab after Content-Length's value, nodejs/node#62192), which is no breach of the contract; the suite keeps the strict parser, so the target must send another form to be judged`;
  }
  if (kinds === 1 && unjudgeable !== undefined) {
    // A 101 to no upgrade, a status under 100: an answer, of something that is not the API's HTTP (a WebSocket endpoint, an h2c-only front).
    return `${target} answered the first ${SILENT_AFTER} requests, but ${NOTHING_TO_JUDGE} (the last: ${shortened(unjudgeable.message)}): is this base URL the API's, not a WebSocket or other endpoint beside it?`;
  }
  if (kinds === 1 && unanswered !== undefined && everyUnanswered(failures, 'connection-refused')) {
    // The check before the run reached it (a refused target stops there, exit 3): it went down since,
    // or restarted elsewhere. "Accepted connections", and a parser's hint, would send its owner after the wrong fault.
    return `${target} refused a connection to each of the first ${SILENT_AFTER} requests (the last: ${shortened(unanswered.error.message)}), after the check before the run reached it: nothing listens there now; did the server stop, or restart on another port?`;
  }
  if (kinds === 1 && unanswered !== undefined && everyUnanswered(failures, 'dns')) {
    // The name resolved for the check before the run, then not (a flaky resolver, a record removed
    // mid-deploy): no connection was made, so "accepted connections" and a parser's hint would mislead.
    return `${target}: its host name did not resolve for any of the first ${SILENT_AFTER} requests (the last: ${shortened(unanswered.error.message)}), after the check before the run resolved it: ${DNS_QUESTION}`;
  }
  if (kinds === 1 && unanswered !== undefined && everyUnanswered(failures, 'tls')) {
    // The preflight's handshake succeeded, these did not (a certificate renewed or expired mid-run, a
    // front that stopped speaking TLS, or a client certificate asked for: tlsQuestion): "accepted connections" and a parser's hint would mislead.
    return `${target}: the TLS handshake failed for each of the first ${SILENT_AFTER} requests (the last: ${shortened(unanswered.error.message)}), after the check before the run completed one: ${tlsQuestion(unanswered.error.message)}`;
  }
  if (kinds === 1 && unanswered !== undefined) {
    const { kind, message } = unanswered.error;
    // A request whose name did not resolve, whose connection was refused, or whose TLS handshake failed, sent nothing: said only when each took one.
    const took = failures.every((f) => f.how === 'unanswered' && !NO_CONNECTION.has(f.error.kind));
    // A head that came before the deadline, to any of them, is some answer: "none in full", not none at all.
    const inFull = anyHeadCame(failures) ? ' in full' : '';
    return `${target} ${took ? 'accepted connections but ' : ''}answered none of the first ${SILENT_AFTER} requests${inFull} (the last: ${kind}, ${shortened(message)}): is it the API, and up? (${hintOf(unanswered.error) ?? SILENT_HINTS.other})`;
  }
  // Mixed: it answered some. The unanswered ones keep a hint that fits beside an answer (a longer
  // --timeout, a front that resets, a name that stopped resolving); whether an HTTP server listens there, the answers say.
  const parts: string[] = [];
  if (bound !== undefined) parts.push(`${count('bound')} ${PAST_A_BOUND} (the last past the bound of ${boundWords(bound.bound)})`);
  if (refused !== undefined) parts.push(`${count('refused')} refused by node:http's HTTP/1.1 parser (the last: ${shortened(refused.refused)})`);
  if (unjudgeable !== undefined) parts.push(`${count('unjudgeable')} ${NOTHING_TO_JUDGE} (the last: ${shortened(unjudgeable.message)})`);
  if (unanswered !== undefined) {
    const { kind, message } = unanswered.error;
    const hint = kind === 'other' ? undefined : hintOf(unanswered.error);
    parts.push(`${count('unanswered')} with no ${anyHeadCame(failures) ? 'complete ' : ''}answer (the last: ${kind}, ${shortened(message)}${hint === undefined ? '' : `; ${hint}`})`);
  }
  return `${target} answered ${failures.length - count('unanswered')} of the first ${SILENT_AFTER} requests, but none in a form the suite could judge: ${parts.join('; ')}`;
}

/**
 * Whether the answer's head came to any of the unanswered ones (TransportError.headCame): the line
 * that counts them says so of them all, so the last alone would let two heads then a silent third
 * read "answered none", and "none in full" stays true of the silent ones.
 */
function anyHeadCame(failures: readonly FirstFailure[]): boolean {
  return failures.some((f) => f.how === 'unanswered' && f.error.headCame === true);
}

/**
 * A silent stop's code for a caller: ECONNREFUSED when every first request was refused a
 * connection (the target went down after the preflight took one: nothing listens, as the
 * preflight's own ECONNREFUSED says); the resolver's code, the last one's, when every first request
 * failed to resolve the host (as the preflight's own ENOTFOUND or EAI_AGAIN says); else
 * ZAVU_NO_ANSWER, connections taken and none answered so the suite could judge it (timed out,
 * closed, past a bound), or failures of mixed kinds.
 */
function silentCode(failures: readonly FirstFailure[]): string {
  if (everyUnanswered(failures, 'connection-refused')) return 'ECONNREFUSED';
  const last = failures.at(-1);
  // classify-error.ts makes a dns error of ENOTFOUND or EAI_AGAIN only, its message led by that code.
  if (everyUnanswered(failures, 'dns') && last?.how === 'unanswered') return last.error.message.startsWith('EAI_AGAIN') ? 'EAI_AGAIN' : 'ENOTFOUND';
  return UnreachableCode.noAnswer;
}

/** Whether every one of the first requests went unanswered with this transport error kind. */
function everyUnanswered(failures: readonly FirstFailure[], kind: TransportErrorKind): boolean {
  return failures.every((f) => f.how === 'unanswered' && f.error.kind === kind);
}

/** How one of the first requests failed, as a caller branches on it: the error's kind, or the answer it could not judge. */
function reasonOf(failure: FirstFailure): UnreachableReason {
  if (failure.how === 'bound') return 'past-bound';
  if (failure.how === 'refused') return 'parser-refused';
  if (failure.how === 'unjudgeable') return 'unjudgeable';
  return failure.error.kind;
}

/**
 * A silent stop's reason for a caller: what silentCode's ZAVU_NO_ANSWER leaves together (timed
 * out, reset, refused by the parser…), the one way every first request failed; `mixed` when they
 * failed in different ways, which the line counts.
 */
function silentReason(failures: readonly FirstFailure[]): UnreachableReason {
  const reasons = new Set(failures.map(reasonOf));
  const [only] = reasons;
  return reasons.size === 1 && only !== undefined ? only : 'mixed';
}

export class TargetGuardTransport implements Transport {
  private answered = false;
  /** How each of the first requests failed, while none has been answered: the stop line says them all. */
  private readonly firstFailures: FirstFailure[] = [];
  private keyTaken = false;
  private keyRefused = 0;
  private stop: TargetStop | undefined;
  private unansweredInARow = 0;
  /** The first request without an answer since the last answer: the likeliest to have brought the target down. */
  private firstUnanswered: { method: string; path: string; exchangeId: string } | undefined;
  /** Whether a request since the last answer got past resolving the name (any error but dns): else only the name is lost, and no request is a suspect. */
  private resolvedSinceAnswer = false;
  /** Whether an answer's head came to a request of the row since the last answer (TransportError.headCame): the lost line says "no complete answer" of the row, not of its last. */
  private headSinceAnswer = false;
  /** Whether every request counted in the row since the last answer was reset: the lost line says connections closed, not answers that never came. */
  private onlyResetsSinceAnswer = true;
  /** Every request left unanswered since the last answer, hostile-marked resets too: the row stoppedAtEnd() reads. */
  private noAnswerSinceAnswer = 0;
  /** Of them, those sent as a client sends them (not SendOptions.hostile): the line counts them. */
  private clientSinceAnswer = 0;
  /**
   * Whether one of them sent as a client sends it was closed unanswered or refused a connection: the
   * sign the row needs. A timeout is a slow answer as well as a hung one, and the resets of
   * hostile-looking requests after it a front's (nginx 444): a conformant API's one slow read near
   * the end, then probes, would else be said to have stopped answering.
   */
  private clientClosedSinceAnswer = false;
  /** Whether each of them was reset: said as connections closed. */
  private allResetSinceAnswer = true;
  /** The last of them: stoppedAtEnd() quotes it, as the lost line quotes its last. */
  private lastError: TransportError | undefined;
  private lost: TargetLoss | undefined;
  /**
   * The last read that was answered of those sent as a client sends them with the configured key (a
   * GET, never a write): what confirmAtEnd sends again, as it was sent (its headers, the key in
   * them), so a front that answers a client's reads answers it too.
   */
  private lastAnsweredRead: HttpRequest | undefined;
  /** The read confirmAtEnd sent, and how it went unanswered; undefined when none was sent, or it was answered. */
  private unconfirmed: { request: HttpRequest; error: TransportError } | undefined;
  /** Whether confirmAtEnd sent its read: one per run. */
  private confirmSent = false;

  /**
   * `redact` takes every form of the run's keys out of a text (recording/scrub): applied to the
   * suspect's path and exchange id before they are cut, so a cut never leaves a piece of a key
   * that the reports' scrubber, run on the cut text later, no longer knows for one (a sender id
   * that is the key by mistake: cut at 200, 19 of its 40 characters were left, under the half
   * the scrubber takes for a key).
   */
  constructor(
    private readonly inner: Transport,
    private readonly target: string,
    private readonly redact: (text: string) => string = (text) => text,
    private readonly keySource: string = DEFAULT_KEY_SOURCE,
  ) {}

  /** Why the run stopped sending, once it did; undefined while the target may still be judged. */
  stopped(): TargetStop | undefined {
    return this.stop;
  }

  /** The target lost mid-run, once it is: said once by the reports, not by each case it cut short. */
  lostTarget(): TargetLoss | undefined {
    return this.lost;
  }

  /**
   * A target that stopped answering too near the run's end to be lost: every request since its last
   * answer went unanswered, LOST_AFTER of them or more, one sent as a client sends it closed
   * unanswered or refused a connection (clientClosedSinceAnswer), but fewer of them in a row counted
   * (a client's reset, any timeout or refusal: countsUnanswered) than make it lost, the rest
   * hostile-marked resets. A one-operation run whose mock went down two reads before the end of
   * those a client sends ended so: 28 cases failed on resets, no headline. Asked at the run's end,
   * for a run warning; nothing is held back, and no verdict changes. Never of a front that resets
   * only hostile-looking requests: it answers every one a client sends, so none counts; nor of one
   * slow read before them (a timeout alone is no stop). Such a row, none of a client's closed or
   * refused, is said only once the read confirmAtEnd sent again went unanswered too (a target gone
   * down after the run's last read a client sends): its sentence names that read.
   */
  stoppedAtEnd(): TargetLoss | undefined {
    if (this.lost !== undefined || this.stop !== undefined || this.noAnswerSinceAnswer < LOST_AFTER) return undefined;
    if (!this.clientClosedSinceAnswer) return this.unconfirmed === undefined ? undefined : this.stoppedWhenConfirmed(this.unconfirmed);
    const at = this.suspectRequest();
    const how = this.allResetSinceAnswer ? 'each had its connection closed unanswered' : 'none got an answer';
    const question = this.allResetSinceAnswer ? CLOSED_QUESTION : CRASH_QUESTION;
    const last = this.lastWords();
    return {
      why: `${this.target} answered none of the last ${this.noAnswerSinceAnswer} requests of the run, ${this.clientSinceAnswer === 1 ? '1 of them sent as a client sends it' : `${this.clientSinceAnswer} of them sent as a client sends them`}: ${how}${last}, fewer of a client's in a row than the ${LOST_AFTER} that make a target lost, so the run went on and their cases failed on it; the verdicts stand (${question}${this.suspect()})`,
      ...(at !== undefined ? { at } : {}),
    };
  }

  /**
   * Whether the run ends on the row stoppedAtEnd() reads but for its sign: LOST_AFTER requests or
   * more unanswered since the last answer, none of a client's closed or refused (hostile-looking
   * resets, a timeout or two). A front that resets hostile-looking requests (nginx 444) before a
   * conformant API ends a run so, and so does a target that went down after the run's last read a
   * client sends, with only probes and the negative property's odd ids after it: only a read a
   * client sends, sent once more, tells them apart. Not once the run stopped or lost the target
   * (said already), nor without an answered read to send again.
   */
  private endsUnconfirmed(): boolean {
    return this.lost === undefined && this.stop === undefined && !this.clientClosedSinceAnswer && this.noAnswerSinceAnswer >= LOST_AFTER && this.lastAnsweredRead !== undefined && !this.confirmSent;
  }

  /**
   * At the run's end, when it ends unconfirmed (endsUnconfirmed): sends the last answered read
   * again, once, through `via` (the live stack under the guard, below the recording and every
   * tally: no case's exchange, no latency, no coverage), with its --timeout as every request has.
   * Unanswered (closed, refused, timed out, its name not resolved), stoppedAtEnd() says the target
   * stopped answering, naming it; answered (any answer, one the suite cannot judge too), the resets
   * were a front's, and nothing is said. Nothing is sent when `signal` (the run's abort) is aborted.
   * `sending` is told the read, "METHOD path" (redacted, then cut to one line, as the sentence
   * names it), just before it is sent: the run's progress says it, or a CI log shows nothing for
   * up to a --timeout (and its stall grace) after the last case's line, and reads as a hang.
   */
  async confirmAtEnd(via: Transport, exchangeId: string, signal?: AbortSignal, sending?: (read: string) => void): Promise<void> {
    const read = this.lastAnsweredRead;
    if (!this.endsUnconfirmed() || read === undefined || signal?.aborted === true) return;
    this.confirmSent = true;
    sending?.(this.readLine(read));
    const exchange = await via.send(read, exchangeId, signal === undefined ? undefined : { signal });
    const error = exchange.error;
    // Aborted meanwhile: the run's close cut the read, which says nothing of the target.
    if (exchange.notSent === true || abortedNow(signal) || error === undefined) return;
    if (countsUnanswered(error.kind, undefined) && firstFailure(error).how === 'unanswered') this.unconfirmed = { request: read, error };
  }

  /** "GET /v1/senders/…/whatsapp-sync": the read confirmAtEnd sends, redacted, then cut to one line (a cut never leaves a piece of a key). */
  private readLine(request: HttpRequest): string {
    return `${request.method} ${shortened(this.redact(request.path))}`;
  }

  /** " (the last: reset, …)": how the last request since the last answer failed, for both of stoppedAtEnd's sentences. */
  private lastWords(): string {
    return this.lastError === undefined ? '' : ` (the last: ${this.lastError.kind}, ${shortened(this.lastError.message)})`;
  }

  /** stoppedAtEnd's sentence when no request of a client's was closed or refused, but the read sent to confirm got no answer either. */
  private stoppedWhenConfirmed(confirm: { request: HttpRequest; error: TransportError }): TargetLoss {
    const at = this.suspectRequest();
    const closed = this.allResetSinceAnswer && confirm.error.kind === 'reset';
    const how = closed ? 'each had its connection closed unanswered' : 'none got an answer';
    const question = closed ? CLOSED_QUESTION : CRASH_QUESTION;
    const clients = this.clientSinceAnswer === 0 ? 'none of them sent as a client sends them' : this.clientSinceAnswer === 1 ? '1 of them sent as a client sends it, not closed nor refused' : `${this.clientSinceAnswer} of them sent as a client sends them, none closed nor refused`;
    const read = this.readLine(confirm.request);
    const last = this.lastWords();
    return {
      why: `${this.target} answered none of the last ${this.noAnswerSinceAnswer} requests of the run, ${clients}: ${how}${last}, and a last read sent to confirm, ${read}, got no answer either (${confirm.error.kind}, ${shortened(this.redact(confirm.error.message))}), so it stopped answering before the run ended, too near the end to be lost, and their cases failed on it; the verdicts stand (${question}${this.suspect()})`,
      ...(at !== undefined ? { at } : {}),
    };
  }

  /**
   * True while the next answers may still stop the run: nothing answered yet, or the key refused
   * and not yet taken. A case that failed meanwhile may be one the stop will leave unjudged.
   */
  undecided(): boolean {
    return this.stop === undefined && (!this.answered || (!this.keyTaken && this.keyRefused > 0));
  }

  async send(request: HttpRequest, exchangeId: string, options?: SendOptions): Promise<Exchange> {
    const held = this.stop?.why ?? (this.lost === undefined ? undefined : TARGET_LOST_NOTE.replace(/^not sent: /, ''));
    if (held !== undefined) {
      return notSentExchange(request, exchangeId, `not sent: ${held}`);
    }
    const exchange = await this.inner.send(request, exchangeId, options);
    // Not sent because its case was stopped: says nothing of the target.
    if (exchange.notSent === true) return exchange;
    if (exchange.response !== undefined) {
      this.answered = true;
      this.forgetRow();
      if (request.method === 'GET' && request.authVariant === 'valid' && options?.hostile !== true) this.lastAnsweredRead = request;
    } else if (this.answered && exchange.error !== undefined && firstFailure(exchange.error).how !== 'unanswered') {
      // An answer the suite cannot judge (past a bound, refused by the parser, a 101 to no upgrade):
      // the target is up, so the row of unanswered requests starts again, as after any answer; a
      // lost line would otherwise say "in a row got no answer" across it.
      this.forgetRow();
    } else if (this.answered && exchange.error !== undefined) {
      // Any reset is a suspect, a hostile id's too though not in the row: a server that crashes on a
      // request closes that request's connection (a reset, or a refusal when the read is sent again on a fresh one).
      this.firstUnanswered ??= { method: request.method, path: request.path, exchangeId };
      if (exchange.error.kind !== 'dns') this.resolvedSinceAnswer = true;
      this.noAnswerSinceAnswer += 1;
      if (options?.hostile !== true) this.clientSinceAnswer += 1;
      if (options?.hostile !== true && CLOSED.has(exchange.error.kind)) this.clientClosedSinceAnswer = true;
      this.lastError = exchange.error;
      if (exchange.error.kind !== 'reset') this.allResetSinceAnswer = false;
      if (countsUnanswered(exchange.error.kind, options)) {
        // Judged, not a NOT RUN: the target answered before, so what it did is the run's finding (a
        // request may have crashed it); only the requests after are spared their wait.
        this.unansweredInARow += 1;
        if (exchange.error.headCame === true) this.headSinceAnswer = true;
        if (exchange.error.kind !== 'reset') this.onlyResetsSinceAnswer = false;
        if (this.unansweredInARow >= LOST_AFTER && this.lost === undefined) this.lost = this.loss(exchange.error);
      }
    } else if (!this.answered && exchange.error !== undefined) {
      if (this.firstFailures.length < SILENT_AFTER) this.firstFailures.push(firstFailure(exchange.error));
      if (this.firstFailures.length >= SILENT_AFTER && this.stop === undefined) {
        this.stop = { cause: 'silent', why: silentWhy(this.target, this.firstFailures), code: silentCode(this.firstFailures), reason: silentReason(this.firstFailures) };
      }
    }
    if (request.authVariant === 'valid' && exchange.response !== undefined && !this.keyTaken) {
      // Only an answer that took the key says so: a 2xx, or a 403 (who, not whether). A 404 or 400
      // may be a router's, before any authentication (the negative property's odd paths).
      const status = exchange.response.status;
      if (isSuccessStatus(status) || status === 403) this.keyTaken = true;
      else if (status === 401) {
        this.keyRefused += 1;
        if (this.keyRefused >= KEY_REFUSED_AFTER && this.stop === undefined) {
          this.stop = { cause: 'key-refused', why: `${this.target} answered 401 to each of the first ${KEY_REFUSED_AFTER} requests sent with the configured key: is it this target's key (${this.keySource}), and still valid?` };
        }
      }
    }
    return exchange;
  }

  /** An answer came (or one the suite cannot judge): the row of requests left unanswered since the last one starts again. */
  private forgetRow(): void {
    this.unansweredInARow = 0;
    this.firstUnanswered = undefined;
    this.resolvedSinceAnswer = false;
    this.headSinceAnswer = false;
    this.onlyResetsSinceAnswer = true;
    this.noAnswerSinceAnswer = 0;
    this.clientSinceAnswer = 0;
    this.clientClosedSinceAnswer = false;
    this.allResetSinceAnswer = true;
  }

  /**
   * The loss, said by how the requests since the last answer failed. When none of them got past
   * resolving the target's name, no request brought it down, and none is named: "did a request
   * crash it?", and a first request to look at, would send its owner after a crash, when the
   * question is the name's (a record removed, the resolver down).
   */
  private loss(last: TransportError): TargetLoss {
    const lastError = `(the last: ${last.kind}, ${shortened(last.message)})`;
    if (!this.resolvedSinceAnswer) {
      return { why: `${this.target} stopped answering mid-run: its host name did not resolve for the last ${LOST_AFTER} requests in a row ${lastError} after it had answered earlier ones, so nothing more was sent (${DNS_QUESTION})` };
    }
    const at = this.suspectRequest();
    // Every one reset: connections taken and closed, which a hung target does not do (its requests
    // time out), and a process gone behind a proxy that still accepts does. (A head comes only to a
    // timeout, TransportError.headCame, so a row of resets had none.)
    const closed = this.onlyResetsSinceAnswer;
    const how = closed ? 'had their connection closed unanswered' : `got no ${this.headSinceAnswer ? 'complete ' : ''}answer`;
    const question = closed ? CLOSED_QUESTION : CRASH_QUESTION;
    return {
      why: `${this.target} stopped answering mid-run: the last ${LOST_AFTER} requests in a row ${how} ${lastError} after it had answered earlier ones, so nothing more was sent (${question}${this.suspect()})`,
      ...(at !== undefined ? { at } : {}),
    };
  }

  /**
   * The first request left unanswered, named so a mock's author can find what brought it down
   * without reading its own logs: the one the target went down on, or (sent side by side) beside
   * it. The path is the suite's own, but carries hostile ids: one bounded line, controls blanked.
   */
  private suspect(): string {
    const request = this.suspectRequest();
    return request === undefined ? '' : ` The first request left unanswered since its last answer: ${request}`;
  }

  /** "GET /v1/senders/%/whatsapp-sync, exchange …#31": redacted, then cut (a cut never leaves a piece of a key); the headline's `at` too. */
  private suspectRequest(): string | undefined {
    if (this.firstUnanswered === undefined) return undefined;
    const { method, path, exchangeId } = this.firstUnanswered;
    return `${method} ${shortened(this.redact(path))}, exchange ${shortened(this.redact(exchangeId))}`;
  }

  sourceOf(exchangeId: string): string | undefined {
    return this.inner.sourceOf?.(exchangeId);
  }
}
