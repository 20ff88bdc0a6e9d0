/** --latency-budget-ms: a case whose p95 exceeds the budget, on 2 exchanges at least, fails check "latency-budget". */
import type { CaseResult, Violation } from '../model';
import { noFiguresText } from '../report/regression-text';
import { formatMs, plural } from '../text/plain-text';
import { caseLatency, caseLeftOut, moreThanOneStall } from './latency';

/** Check id of a breached latency budget. */
export const LATENCY_BUDGET_CHECK = 'latency-budget';

/**
 * When the case's p95 (over its repeats, or its one duration without --repeat) is above
 * `budgetMs`, and at least 2 of its exchanges are (moreThanOneStall), returns a copy with a
 * "latency-budget" error violation, and "passed" turned into "failed"; with one exchange over it,
 * a "latency-budget" warning and the status kept. Other statuses stay: a flaky case is still best
 * described as flaky, an error as an error. Skipped cases sent nothing, and aggregates (isAggregateResult) have no latency: both are
 * returned as they are. A case whose every exchange was left out of latency (a 5xx, no answer)
 * has no p95 to hold to the budget: it gets a warning that says so, not a pass in silence, and
 * keeps its status (those answers already fail it on their own checks: a second error for the
 * same outage would only count it twice). Apply once per result, before the summary is computed.
 */
export function applyLatencyBudget(result: CaseResult, budgetMs: number): CaseResult {
  if (result.status === 'skipped') return result;
  const stats = caseLatency(result);
  const expected = `p95 at most ${formatMs(budgetMs)} (--latency-budget-ms)`;
  if (stats === undefined) {
    const leftOut = caseLeftOut(result);
    if (leftOut === undefined) return result;
    const unmeasured: Violation = {
      check: LATENCY_BUDGET_CHECK,
      severity: 'warning',
      title: 'p95 latency could not be measured against the budget',
      message: `Received: ${noFiguresText(leftOut)} / Expected: ${expected}`,
      instancePath: '',
    };
    return { ...result, violations: [...result.violations, unmeasured] };
  }
  if (stats.p95 <= budgetMs) return result;
  if (!moreThanOneStall(result, stats, (ms) => ms > budgetMs)) {
    // One stall is not a breach, but it is said: the p95 shown over the budget must not pass in silence.
    const stall: Violation = {
      check: LATENCY_BUDGET_CHECK,
      severity: 'warning',
      title: 'one exchange over the latency budget (not a breach: one stall)',
      message: `Received: p95 ${formatMs(stats.p95)} over ${plural(stats.samples, 'exchange')}, 1 of them over the budget / Expected: ${expected}, with at least 2 exchanges over it`,
      instancePath: '',
    };
    return { ...result, violations: [...result.violations, stall] };
  }
  const over: Violation = {
    check: LATENCY_BUDGET_CHECK,
    severity: 'error',
    title: 'p95 latency is over the budget',
    message: `Received: p95 ${formatMs(stats.p95)} over ${plural(stats.samples, 'exchange')} / Expected: ${expected}`,
    instancePath: '',
  };
  return { ...result, status: result.status === 'passed' ? 'failed' : result.status, violations: [...result.violations, over] };
}
