/**
 * Whether the target's answers came close to --timeout. An answer in 997 ms under --timeout 1000
 * passes exactly as one in 20 ms does, so a run of them is green with no word, and a slightly
 * slower day (a busier staging host, a colder cache) fails every one of them by timeout at once,
 * with nothing the night before to say it was coming. This counts the answers that took
 * NEAR_TIMEOUT_PERCENT of --timeout or more, for the run's one warning (report/run-warnings.ts:
 * `near-timeout`); every answer is judged as it ever was: verdicts and exit codes stay.
 *
 * The answers counted are those the latency figures count (model/latency-samples.ts), by the same
 * per-exchange durations (Exchange.durationMs, process.hrtime, 0.1 ms): answered below 500. A 5xx
 * is left out as the figures leave it (a front's page, not the target's latency), and so is a
 * timeout (no answer: its case already fails on it) and a request never sent. Fed the cases'
 * answers only, not the negative property's (watch-answers.ts): the property is one aggregate
 * result whose exchanges the latency figures leave out too (model/aggregate-result.ts), and its
 * hostile inputs' slowness is its own finding, not the contract's reads'.
 *
 * Not a replay's: its durations are the recorded run's, and its recording keeps no --timeout of that
 * run, so the replay's own --timeout (which it never waits on) would judge them against a number
 * the recorded run may not have had. The recorded run said it, if it had it to say.
 */
import type { Exchange } from '../model';
import { caseOfExchange } from '../model/exchange-id';
import type { NearTimeout } from '../report/run-warnings';
import { MAX_GRACE_TIMEOUTS } from '../transport/stall-grace';

/**
 * The share of --timeout, in percent, from which an answer is near it. At 80% a day 25% slower
 * fails it: within the night-to-night spread of a shared staging target, and under the 50% rise
 * the baseline itself still calls no regression (repeat/latency.ts LATENCY_RISE), so the failures
 * would come with no latency line before them either. Lower, and a --timeout chosen with ordinary
 * headroom (1.5× the slowest answer: 67%) warns every night, a line readers learn to skip.
 */
export const NEAR_TIMEOUT_PERCENT = 80;

/**
 * Whether an answer of `durationMs` (0.1 ms resolution, elapsed-ms.ts) took NEAR_TIMEOUT_PERCENT of
 * `timeoutMs` or more. In whole tenths of a millisecond, so the edge is exact: 266.4 ms is 80% of
 * 333 ms, where 266.4 * 100 as a binary fraction may fall either side of 26640.
 */
export function nearTimeout(durationMs: number, timeoutMs: number): boolean {
  return Math.round(durationMs * 10) * 100 >= NEAR_TIMEOUT_PERCENT * Math.round(timeoutMs * 10);
}

/**
 * The part of an answer's duration that was the target's, as the deadline judges it: less the run's
 * own event-loop busy time while it was out (Exchange.runBusyMs), at most one --timeout, as the
 * stall grace gives back (stall-grace.ts MAX_GRACE_TIMEOUTS). A fast target read late by a loaded
 * run (--concurrency 8 on two cores, the first requests' module loading) came in 500 ms under
 * --timeout 400 with 490 of them the run's: no slower day of the target's fails it, and it was said
 * as near the timeout on every loaded night.
 */
function targetsMs(exchange: Exchange, timeoutMs: number): number {
  return Math.max(0, exchange.durationMs - Math.min(exchange.runBusyMs ?? 0, timeoutMs * MAX_GRACE_TIMEOUTS));
}

/** Counts the answers near --timeout and keeps the slowest: never an answer's body, only its duration and the suite's own request. */
export class NearTimeoutTally {
  private answers = 0;
  private readonly cases = new Set<string>();
  private slowest: NearTimeout['slowest'] | undefined;

  constructor(private readonly timeoutMs: number) {}

  note(exchange: Exchange): void {
    const status = exchange.response?.status;
    if (status === undefined || status >= 500 || exchange.notSent === true || !nearTimeout(targetsMs(exchange, this.timeoutMs), this.timeoutMs)) return;
    const { caseId } = caseOfExchange(exchange.id);
    this.answers += 1;
    this.cases.add(caseId);
    if (this.slowest === undefined || exchange.durationMs > this.slowest.ms) {
      this.slowest = { ms: exchange.durationMs, method: exchange.request.method, path: exchange.request.path, caseId };
    }
  }

  /** What the warning says, once any answer was near --timeout; undefined when none was. */
  nearTimeout(): NearTimeout | undefined {
    if (this.slowest === undefined) return undefined;
    return { answers: this.answers, cases: this.cases.size, percent: NEAR_TIMEOUT_PERCENT, timeoutMs: this.timeoutMs, slowest: this.slowest };
  }
}
