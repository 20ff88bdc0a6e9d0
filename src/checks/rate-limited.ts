/** "rate-limited": the target asked the suite to slow down (429) before it answered. */
import type { Check } from '../model/check';
import type { Exchange, RateLimitRetry } from '../model/http';
import { isSafeMethod, type OperationContract } from '../model/operation';
import { documentedRefusal } from './support/documented-refusal';
import type { Violation } from '../model/violation';
import { excerpt, plural } from '../text/plain-text';

/** A 429 left final because RetryOn429Transport had no waiting left for this run: say why, and what helps. */
const BUDGET_SPENT: Violation = {
  check: 'rate-limited',
  severity: 'warning',
  title: "The target rate-limited the request after the run's waiting budget was spent",
  message: 'Received: 429, left as the answer (not judged): the run had waited out a minute of Retry-After already / Expected: no rate limiting during a conformance run (slow the run with --rate)',
  instancePath: '',
};

/**
 * " (no Retry-After on 2, an unreadable Retry-After on 1: the suite's default wait)": the 429s that named
 * no wait a client could read (RFC 9110 §10.2.3: delta-seconds or an HTTP-date), so the wait was
 * the suite's guess. A limiter's "Retry-After: soon" leaves every client honouring it to guess too.
 */
function unnamedWait(retries: readonly RateLimitRetry[]): string {
  const missing = retries.filter((r) => r.retryAfter === 'missing').length;
  const unreadable = retries.filter((r) => r.retryAfter === 'unreadable').length;
  if (missing + unreadable === 0) return '';
  const parts = [...(missing > 0 ? [`no Retry-After on ${missing}`] : []), ...(unreadable > 0 ? [`an unreadable Retry-After on ${unreadable}`] : [])];
  return ` (${parts.join(', ')}: the suite's default wait)`;
}

/**
 * A warning, not an error: RetryOn429Transport waited, and a 429 that stayed final is not judged
 * at all (unjudgedAnswer); rate limiting is the target's right. It is still worth a look, because
 * a conformance run sends a handful of requests; being throttled at that pace suggests limits a
 * real client would hit.
 */
export const rateLimitedCheck: Check = {
  id: 'rate-limited',
  title: 'The target answers without rate limiting the suite',
  run(exchange) {
    const retries = exchange.retries ?? [];
    const spent = exchange.rateLimitBudgetSpent === true ? [{ ...BUDGET_SPENT }] : [];
    if (retries.length === 0) return spent;
    const waitedMs = retries.reduce((total, retry) => total + retry.waitedMs, 0);
    const counts = new Map<number, number>();
    for (const retry of retries) counts.set(retry.status, (counts.get(retry.status) ?? 0) + 1);
    const received = [...counts].map(([status, count]) => `${count} × ${status}`).join(', ');
    return [
      {
        check: 'rate-limited',
        severity: 'warning',
        title: `The target rate-limited the request ${plural(retries.length, 'time')}`,
        message: `Received: ${received}, waited ${Math.round(waitedMs)} ms${retries.some((retry) => retry.stopped === true) ? ", the last wait cut short by the case's stop" : ''}${unnamedWait(retries)} / Expected: no rate limiting during a conformance run`,
        instancePath: '',
      },
      ...spent,
    ];
  },
};

/**
 * Why an exchange cannot be judged against the contract, or undefined when it can. A final 429 is
 * no answer to the request: Zavu's public API material documents rate limiting on every `/v1/*`
 * path (429 with Retry-After and X-RateLimit-* headers; the operations' OpenAPI cut does not list
 * it), so it breaks no status rule, and the checks of status and body would judge the limiter's
 * answer, not the operation's. The case could not be judged, which fails a gate as surely, and
 * says why. But a 429 that carries one of the operation's own documented refusals, word for word
 * (a start's `rate_limit` or `in_progress` 400, sent as 429), is the operation's answer, not a
 * limiter's: given the operation, it is judged, and fails as the refusal sent with the wrong status.
 */
export function unjudgedAnswer(exchange: Exchange, operation?: Pick<OperationContract, 'responses'>): string | undefined {
  const response = exchange.response;
  if (response?.status !== 429) return undefined;
  if (operation !== undefined && documentedRefusal(response, operation) !== undefined) return undefined;
  const retryAfter = response.headers['retry-after'];
  // A wait the case's stop cut short had no retry after it: its 429 is this one.
  const retries = exchange.retries ?? [];
  const asked = retries.filter((retry) => retry.stopped !== true).length;
  const cut = asked < retries.length ? 'its case was stopped during the wait, so it was not asked again' : undefined;
  const why = !isSafeMethod(exchange.request.method)
    ? 'a write is never sent twice'
    : exchange.rateLimitBudgetSpent === true
      ? "the run's minute of waiting was spent"
      : asked === 0
        ? (cut ?? 'not retried')
        : `still 429 after ${plural(asked, 'retry', 'retries')}${cut === undefined ? '' : `, then ${cut}`}`;
  return `rate limited (429${retryAfter === undefined ? '' : `, Retry-After: ${excerpt(retryAfter, 100)}`}; ${why}): the request got no answer to judge (slow the run with --rate)`;
}
