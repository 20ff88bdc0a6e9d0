/** "rate-limited": the target asked the suite to slow down (429) before it answered. */
import type { Check } from '../model/check';
import type { Violation } from '../model/violation';
import { plural } from '../text/plain-text';

/**
 * A warning, not an error: RetryOn429Transport already waited and judged the final answer, and
 * rate limiting is the target's right. It is still worth a look, because a conformance run sends
 * a handful of requests; being throttled at that pace suggests limits a real client would hit.
 */
/** A 429 judged as the answer because RetryOn429Transport had no waiting left for this run: say why, and what helps. */
const BUDGET_SPENT: Violation = {
  check: 'rate-limited',
  severity: 'warning',
  title: "The target rate-limited the request after the run's waiting budget was spent",
  message: 'Received: 429, judged as the answer: the run had waited out a minute of Retry-After already / Expected: no rate limiting during a conformance run (slow the run with --rate)',
  instancePath: '',
};

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
        message: `Received: ${received}, waited ${Math.round(waitedMs)} ms / Expected: no rate limiting during a conformance run`,
        instancePath: '',
      },
      ...spent,
    ];
  },
};
