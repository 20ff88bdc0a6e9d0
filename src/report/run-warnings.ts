/**
 * Warnings of the run: what it saw that is no case's and fails nothing of itself, said once, one
 * line each, by the console, summary.md, conformance.html and conformance.json (not junit.xml, where
 * a line is a test, and a test that is not a failure would read as a pass). Two kinds:
 * - no answer of the run JSON (runner/answer-tally.ts): the likeliest sign of a wrong base URL,
 *   said once as the cause of the failures its cases have each on their own;
 * - bytes the target sent on a kept-alive connection while no request was outstanding, on an idle
 *   one or past a whole answer (transport/keep-alive.ts), an answer no request asked for: a client
 *   that reuses connections, as every HTTP/1.1 client does, would take it for the answer to its
 *   next request. The suite reused no connection after it, yet a case may be wrong for it, and no
 *   HTTP/1.1 client can say which: when the bytes are a request's own answer come late (a proxy or
 *   target that sent another answer ahead of it), that request was judged on the one ahead, the
 *   first on the wire. So the line says so, rather than that no answer was misread.
 * And others since, each with its function below; among them answers that came near --timeout
 * (runner/near-timeout-tally.ts): each passed, and a slightly slower day fails them all at once.
 */
import type { RunWarning } from '../model';
import { excerpt, listed, plural, truncate } from '../text/plain-text';

/**
 * What conformance.json holds of them (its schema's maxItems and maxLength say the same, a test
 * keeps the two together): a report that makes more, or longer ones (a merge prefixing each shard's
 * with its shard, of shards each at the bound), cuts them to these, or its own schema gate refuses it.
 */
export const RUN_WARNING_LIMITS = { count: 100, messageChars: 1100 } as const;

/** `warning` with `prefix` before its line, cut to RUN_WARNING_LIMITS.messageChars with a final "…" when longer. */
export function prefixedWarning(warning: RunWarning, prefix: string): RunWarning {
  return { ...warning, message: truncate(`${prefix}${warning.message}`, RUN_WARNING_LIMITS.messageChars) };
}

/**
 * A run none of whose answers was JSON (runner/answer-tally.ts): every answer of a Zavu API is, so
 * the base URL likely names something else. First, as the likeliest cause of every failure below it.
 */
export function nonJsonAnswersWarning(seen: { answers: number; statuses: string; firstType: string; redirectedTo?: string }, examplePath?: string): RunWarning {
  const head = `none of the run's ${plural(seen.answers, 'answer')} was JSON (${seen.statuses}; the first with ${seen.firstType})`;
  // Most answers sent elsewhere (http:// to https://, a host that moved): "a path prefix left out" would send the reader after the wrong part of the URL.
  if (seen.redirectedTo !== undefined) {
    return { kind: 'no-json-answer', message: `${head}: the redirects among them (not followed: the key goes to no other origin) all to ${seen.redirectedTo}: is the API there? Give that origin (with the API's path, if any) as the base URL` };
  }
  return {
    kind: 'no-json-answer',
    message:
      `${head}, ` +
      'where a Zavu API answers every request with JSON, its errors too: is the base URL the API\'s root? ' +
      // The run's own first path as the example (operations are data): a shipped one would name a route another run never asked.
      `The suite appends the operations' paths to it${examplePath === undefined ? '' : ` (${examplePath}…)`}: a path prefix left out, or a web site or gateway in place of the API, answers them so`,
  };
}

/** The path of the first route the run asked ("GET /v1/senders/{senderId}" → its path): operations are data, so no shipped one is named. */
function askedPath(routes: readonly { route: string }[]): string {
  const route = routes[0]?.route ?? '';
  return route.slice(route.indexOf(' ') + 1);
}

/**
 * Operations every answer of which was 404 (or 405, 501), with the key and without credentials
 * (runner/route-tally.ts): likely routes the target does not serve, a mock half-written or an API
 * under another path. Their cases each read a 404 as the API's own (status-story.ts), which this
 * line names when 404 is among the statuses, so a reader does not chase sender enumeration or the
 * configured ids first. The statuses are numbers node:http read, the rest the suite's own words.
 */
export function noRouteWarning(seen: { routes: readonly { operationId: string; route: string; answers: number; statuses: readonly number[] }[]; every404: boolean }): RunWarning {
  const routes = seen.routes.map((r) => `${r.operationId} (${r.route})`);
  const counts = seen.routes.map((r) => String(r.answers));
  const answers = seen.routes.length === 1 ? plural(seen.routes[0]?.answers ?? 0, 'answer') : `${listed(counts)} answers`;
  const statuses = [...new Set(seen.routes.flatMap((r) => r.statuses))].sort((a, b) => a - b).map(String);
  const was = statuses.length === 0 ? '404' : listed(statuses, 'or');
  return {
    kind: 'no-route',
    message: truncate(
      `every answer to ${listed(routes)} was ${was} (${answers}), with the key and without credentials: ` +
        `the target likely does not serve ${seen.routes.length === 1 ? 'this route' : 'these routes'} (not written yet, or under another path), as a served route refuses a request without credentials with 401 before it looks a sender up` +
        (statuses.includes('404') ? `; its cases' readings of those 404s ("looked up before authenticating", "does not know this sender", "credentials were not refused") likely come from it` : '') +
        (seen.every404 ? `. Every answer of the run was 404: is the base URL the API's root? The suite appends the operations' paths to it (${askedPath(seen.routes)}…)` : ''),
      RUN_WARNING_LIMITS.messageChars,
    ),
  };
}

/** What the transports saw of unasked bytes: how many idle connections got some, and the first's excerpt (scrubbed, cut, escaped). */
export function unaskedBytesWarning(seen: { count: number; excerpt: string }): RunWarning {
  const where = seen.count === 1 ? 'an idle kept-alive connection' : `idle kept-alive connections (${plural(seen.count, 'connection')})`;
  return {
    kind: 'unasked-bytes',
    message:
      `the target sent bytes on ${where} while no request was outstanding, first "${seen.excerpt}": ` +
      'an answer no request asked for, which a client reusing the connection would read as its next request\'s answer ' +
      '(an HTTP/1.1 408 before closing an idle connection is allowed and not counted); the suite reused no connection after it, ' +
      'though the answer just before it on that connection may itself have been one no request asked for, and these bytes that request\'s own',
  };
}

/**
 * The kinds said as a headline, first, above every case (console, summary.md, conformance.html), as
 * a lost target is: the one cause of every failure after it, which a reader must see before them.
 * Each with its label and what the console's closing line points to: each a question, as none is
 * certain. A base URL naming no API (an HTML page to every request) had its summary.md open on
 * "authentication not enforced: the request was served", its one cause a warning below the failures.
 */
const HEADLINES: Readonly<Partial<Record<RunWarning['kind'], { label: string; closing: string }>>> = {
  'no-json-answer': { label: 'Not the API?', closing: "answers not JSON: is the base URL the API's root? (see the top)" },
  'upstream-down': { label: 'Upstream down?', closing: "the target's upstream may have gone down (see the top)" },
  'stopped-answering': { label: 'Stopped answering?', closing: 'the target may have stopped answering before the run ended (see the top)' },
};

const HEADLINE_KINDS: ReadonlySet<string> = new Set(Object.keys(HEADLINES));

/** "Upstream down?", "Stopped answering?": a headline warning's label. */
export function headlineLabel(warning: RunWarning): string {
  return HEADLINES[warning.kind]?.label ?? 'Warning:';
}

/** What the console's closing line says of a headline warning, pointing to it. */
export function headlineClosing(warning: RunWarning): string {
  return HEADLINES[warning.kind]?.closing ?? 'a run warning (see the top)';
}

/** The warnings said as a headline (HEADLINE_KINDS), in the report's order. */
export function headlineWarnings(warnings: readonly RunWarning[] | undefined): RunWarning[] {
  return (warnings ?? []).filter((w) => HEADLINE_KINDS.has(w.kind));
}

/** The warnings said where warnings are (after the failures), the headline's left out: each is said once. */
export function otherWarnings(warnings: readonly RunWarning[] | undefined): RunWarning[] {
  return (warnings ?? []).filter((w) => !HEADLINE_KINDS.has(w.kind));
}

/** What runner/gateway-tally.ts saw of a row of gateway errors after the target answered as the API. */
export interface UpstreamDown {
  /** The request the row began with, as the suite sent it. */
  at: { method: string; path: string; exchangeId: string };
  /** How many in a row make a row (the tally's UPSTREAM_DOWN_AFTER). */
  after: number;
  /** "502 ×37, 504 ×2", most frequent first. */
  statuses: string;
  /** The first gateway answer's form in the suite's words ("an HTML page (text/html)": answer-form.ts, bounded and inert). */
  form: string;
  /** Gateway answers from the row's start on. */
  gatewayAnswers: number;
  /** Answers as the API after the row began (the upstream came back), 0 when none. */
  apiAnswersAfter: number;
  /**
   * Cases begun from the row's first request on (their first request sent at or after it, a tie in
   * the millisecond counting as after, but for an earlier step of the row's first's own case) with an
   * answer since: judged on what came after the row began, the front's pages among it. A case begun
   * before it (a sequence's later step in the row, a request answered 429 before it and sent again
   * after) is not one.
   */
  casesAfter: number;
}

/**
 * The target stopped answering too near the run's end to be called lost
 * (transport/target-guard.ts stoppedAtEnd): its sentence, made by the guard with the request's path
 * and id redacted and cut; cut again to the warnings' bound.
 */
export function stoppedAnsweringWarning(seen: { why: string }): RunWarning {
  return { kind: 'stopped-answering', message: truncate(seen.why, RUN_WARNING_LIMITS.messageChars) };
}

/**
 * The target's front answered a row of gateway errors after it had answered as the API
 * (runner/gateway-tally.ts): "from GET /v1/senders/…, exchange … on, …". The request is the suite's
 * own, but its path and id carry hostile ids and configured sender ids: `redact` takes the run's
 * keys out, then each is cut and made inert. The form is the suite's words (answer-form.ts), but
 * its media type is the target's: a front may echo the key it was sent there, so it is redacted too.
 */
export function upstreamDownWarning(seen: UpstreamDown, redact: (text: string) => string): RunWarning {
  const at = `${seen.at.method} ${excerpt(redact(seen.at.path), 200)}, exchange ${excerpt(redact(seen.at.exchangeId), 200)}`;
  const recovered = seen.apiAnswersAfter === 0 ? 'and it answered as the API to none after' : `then ${plural(seen.apiAnswersAfter, 'answer')} as the API again (it came back, at least for a while)`;
  return {
    kind: 'upstream-down',
    message: truncate(
      `from ${at} on, the target answered ${seen.after} requests in a row or more with a gateway error (${seen.statuses}; ${plural(seen.gatewayAnswers, 'gateway answer')} in all, the first ${redact(seen.form)}, not the contract's JSON error) after it had answered as the API, ${recovered}: ` +
        `its upstream may have gone down behind its front (a proxy, load balancer or gateway whose server behind it died or went away). ${plural(seen.casesAfter, 'case')} begun from it on (their first request sent at or after it) judged on the answers since: ` +
        'their failures are likely this one cause, not the API\'s; the verdicts stand, as they are the target\'s real answers',
      RUN_WARNING_LIMITS.messageChars,
    ),
  };
}

/** What runner/near-timeout-tally.ts saw of answers that took a share of --timeout or more. */
export interface NearTimeout {
  /** Answers at the share or over (each exchange, a repeat's and a concurrent copy's too). */
  answers: number;
  /** The cases they were of. */
  cases: number;
  /** The share, in percent (the tally's NEAR_TIMEOUT_PERCENT). */
  percent: number;
  /** The run's --timeout. */
  timeoutMs: number;
  /** The slowest of them: its duration and the request as the suite sent it, and its case. */
  slowest: { ms: number; method: string; path: string; caseId: string };
}

/**
 * Answers that took a share of --timeout or more (runner/near-timeout-tally.ts): each came in time
 * and was judged so, and a slightly slower day fails them all at once. The request and the case are
 * the suite's own, but a path and a case id carry configured sender ids and hostile ids: `redact`
 * takes the run's keys out, then each is cut and made inert.
 */
export function nearTimeoutWarning(seen: NearTimeout, redact: (text: string) => string): RunWarning {
  const slowest = `the slowest ${seen.slowest.ms} ms, ${seen.slowest.method} ${excerpt(redact(seen.slowest.path), 200)}, case ${excerpt(redact(seen.slowest.caseId), 200)}`;
  const one = seen.answers === 1;
  return {
    kind: 'near-timeout',
    message: truncate(
      `near the timeout: ${plural(seen.answers, 'answer')} took ${seen.percent}% of --timeout ${seen.timeoutMs} ms or more (${slowest}; ${plural(seen.cases, 'case')} in all): ` +
        (one ? 'a slightly slower day fails it by timeout; the verdict stands, as the answer came in time' : 'a slightly slower day fails them by timeout, all at once; the verdicts stand, as each answer came in time'),
      RUN_WARNING_LIMITS.messageChars,
    ),
  };
}
