/**
 * A ready-made judge for runNegativeProperty: one exchange against its NegativeExpectation.
 * It answers the property's question (did this input break the contract, and how?) in one line
 * and a kind; the full checks still run when a failing input is replayed as a case.
 */
import type { Exchange, HttpResponse, OperationContract, SchemaValidator } from '../model';
import { unjudgedAnswer } from '../checks/rate-limited';
import { documentedRefusal } from '../checks/support/documented-refusal';
import { isErrorValue } from '../checks/support/answer-evidence';
import { acceptedText, outsideContract, sameOriginRedirect, statusAccepted } from '../checks/support/outside-contract';
import { internalErrorText } from '../checks/internal-error-exposed';
import { parseJsonBody } from '../checks/support/parsed-body';
import type { NegativeExpectation } from './negative-expectation';
import { FRONT_URL_LIMIT, HTTP_SYS_SEGMENT_LIMIT } from '../transport/path-segment';

export interface NegativeVerdict {
  ok: boolean;
  /** One line: what came back, and why that is (not) acceptable. */
  summary: string;
  /**
   * For a failure or a warning, the kind of finding: the received status (or "transport-error")
   * and the check that would report it, e.g. "500 not-a-server-error". The property reports one
   * input per distinct kind.
   */
  kind?: string;
  /** True for a passing answer that is only a warning (a status in warnOn). */
  warning?: boolean;
}

/**
 * Why the body is not an Error, as the check that would say so: undefined when it is one. Parsed
 * once and within the structure limits, as every check parses; judged by the schema when a
 * validator is given, else by shape.
 */
function errorBodyBreach(response: HttpResponse, schemas: SchemaValidator | undefined): 'json-body' | 'body-too-complex' | 'response-schema' | undefined {
  const parsed = parseJsonBody(response);
  if (!parsed.ok) return parsed.reason === 'too-complex' ? 'body-too-complex' : 'json-body';
  return isErrorValue(parsed.value, 'Error', schemas) ? undefined : 'response-schema';
}

/**
 * The id and the front that refuses it with a 400 page of its own before any route, when the id is
 * one a front refuses so: an encoded NUL (nginx's, OpenResty's), a path segment over HTTP.sys's
 * limit (IIS, Azure App Service on Windows: the 1 KB and 8 KB ids reach no API behind it), a URL
 * over the 8 KB of nginx and many CDNs (the 8 KB ids).
 */
function idRefusedByFront(expect: NegativeExpectation): string | undefined {
  if (expect.encodedNul === true) return 'an id sent with %00, a front\'s refusal (nginx, OpenResty and Kong refuse an encoded NUL in a path before any route; RFC 3986 §7.3)';
  if (expect.overlongUrl === true) return `an id sent in a request line of ${FRONT_URL_LIMIT / 1024} KB or more, a front's refusal (nginx, past large_client_header_buffers, 8k by default, and many CDNs refuse a URL that long before any route; HTTP.sys, in front of IIS, Azure App Service on Windows and Web Application Proxy, a segment over ${HTTP_SYS_SEGMENT_LIMIT} characters)`;
  if (expect.overlongSegment === true) return `an id whose path segment is over ${HTTP_SYS_SEGMENT_LIMIT} characters, a front's refusal (HTTP.sys, in front of IIS, Azure App Service on Windows and Web Application Proxy, refuses a longer segment before any route: UrlSegmentMaxLength)`;
  return undefined;
}

/**
 * Fails a transport error (a dropped connection or timeout is a crash seen from outside), a 5xx,
 * an answer that shows a database's error or a stack trace (internal-error-exposed), a status the expectation neither accepts nor warns about, and an accepted 4xx without an
 * Error body when the body is the contract's (not a router's: see anyClientError). A warnOn status
 * passes as a warning, whatever its body. A final 429 is left unjudged (a warning) as a limiter's
 * answer, unless it carries one of `operation`'s documented refusals word for word: then it is the
 * operation's answer, judged as a single-request case judges it (checks/rate-limited.ts,
 * unjudgedAnswer), which is why the operation is required, not optional.
 */
export function judgeNegativeExchange(exchange: Exchange, expect: NegativeExpectation, operation: Pick<OperationContract, 'responses'>, schemas?: SchemaValidator): NegativeVerdict {
  const verdict = judgeAnswer(exchange, expect, operation, schemas);
  const ignored = exchange.keepAliveIgnored;
  // Answered only on a fresh connection after the reused one stayed silent to the deadline: the
  // answer is judged, and a passing one is a warning, so the run says once that the target does
  // not honour keep-alive even when the read that found it out was one of the property's.
  if (ignored === undefined || !verdict.ok || verdict.warning === true) return verdict;
  const ended = ignored.endedReuse === true ? ': the target does not honour keep-alive, so every later request of the run went on a connection of its own' : '';
  return { ok: true, warning: true, summary: `warning: ${verdict.summary}, but only on a fresh connection after no answer on a reused kept-alive one within --timeout${ended}`, kind: `keep-alive timeout${ignored.endedReuse === true ? ' (reuse ended)' : ''}` };
}

function judgeAnswer(exchange: Exchange, expect: NegativeExpectation, operation: Pick<OperationContract, 'responses'>, schemas: SchemaValidator | undefined): NegativeVerdict {
  const { error, response } = exchange;
  // The target had stopped answering before this input: it was not sent, so it says nothing.
  if (exchange.notSent === true) return { ok: true, warning: true, summary: `warning: ${error?.message ?? 'not sent'}`, kind: 'not-sent' };
  if (error !== undefined) return { ok: false, summary: `transport error ${error.kind}: ${error.message}`, kind: error.kind === 'timeout' ? 'timeout' : `transport-error ${error.kind}` };
  if (response === undefined) return { ok: false, summary: 'no response and no transport error', kind: 'transport-error' };
  const status = response.status;
  // Only the start of the body came: judging its shape would blame the fragment, not the size.
  if (response.truncated) return { ok: false, summary: `${status} with a body over the ${response.truncated.limitBytes}-byte bound (--max-body-bytes)`, kind: `${status} body-too-large` };
  const accepted = acceptedText(expect);
  // The rate limiter's answer (Zavu documents 429 on every /v1/* path), not the operation's: this id was not judged.
  if (unjudgedAnswer(exchange, operation) !== undefined) return { ok: true, warning: true, summary: 'warning: 429, rate limited: this id got no answer to judge (slow the run with --rate)', kind: '429 rate-limited' };
  if (status >= 500) return { ok: false, summary: `${status}: a server error (expected ${accepted})`, kind: `${status} not-a-server-error` };
  // A database's error or a stack trace, whatever status wraps it (a 400 "syntax error at or near"): the input reached the server's internals.
  const internals = internalErrorText(response.bodyText);
  if (internals !== undefined) return { ok: false, summary: `${status} showing ${internals.what} (${internals.seen})`, kind: `${status} internal-error-exposed` };
  if (statusAccepted(status, expect)) {
    const breach = status >= 400 && !outsideContract(status, expect) ? errorBodyBreach(response, schemas) : undefined;
    // A front's 400 page, refused before any route, as the WAF's 403 below: its body, no JSON at
    // all, is what tells it from the API's own 400 (JSON of another shape is the API's wrong answer).
    const front = breach === 'json-body' && status === 400 ? idRefusedByFront(expect) : undefined;
    if (front !== undefined) {
      return { ok: true, warning: true, summary: `warning: 400 without the contract's Error body to ${front}: this id never reached the API, so it was not judged (expected ${accepted})`, kind: '400 status-code-expected' };
    }
    if (breach !== undefined) return { ok: false, summary: `${status} without an Error body`, kind: `${status} ${breach}` };
    return { ok: true, summary: `${status} as expected` };
  }
  // A path that may match no operation, redirected on the same origin (Go's ServeMux cleaning "//"
  // or a dot segment, before any handler): a router's answer, which serves nothing, as its 4xx is.
  if (expect.anyClientError === true && sameOriginRedirect(exchange) !== undefined) return { ok: true, summary: `${status} to the same origin, a router's answer` };
  // A front's refusal of an input that looks like an attack (a WAF's 403 page, not the contract's
  // Error) never reached the API, and tells nothing of any sender: not judged, a warning. Not for a
  // spelling of another project's sender, where a 403 of any kind confirms it exists.
  if (status === 403 && expect.spellsHidden !== true && errorBodyBreach(response, schemas) !== undefined) {
    return { ok: true, warning: true, summary: `warning: 403 without the contract's Error body, a front's refusal (a WAF's): this id never reached the API, so it was not judged (expected ${accepted})`, kind: '403 status-code-expected' };
  }
  if (expect.warnOn?.includes(status)) {
    return { ok: true, warning: true, summary: `warning: ${status} is correct HTTP but not the contract's answer (expected ${accepted})`, kind: `${status} status-code-expected` };
  }
  // A 429 judged at all carries a documented refusal (unjudgedAnswer): say which, as the status story does for a case.
  const refusal = status === 429 ? documentedRefusal(response, operation) : undefined;
  const carrying = refusal === undefined ? '' : ` carrying the documented ${refusal.status} refusal ${refusal.name}, which clients take for the platform's rate limit and retry`;
  return { ok: false, summary: `${status}${carrying}: expected ${accepted} because ${expect.because}`, kind: `${status} status-code-expected` };
}
