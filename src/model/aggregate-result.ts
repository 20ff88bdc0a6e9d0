/**
 * Which results stand for many requests at once. Here, in model, because both the latency figures
 * (repeat/) and the reports that draw them (report/, which repeat/ imports) must leave them out.
 */
import type { CaseResult } from './result';

/**
 * True for a result that stands for many requests at once: the negative-input case is one result
 * over a hundred-odd hostile ids, and its duration is the property's, not a latency. Aggregates
 * have no latency: they stay out of budgets, baseline regressions, run percentiles and the
 * per-case latency table.
 */
export function isAggregateResult(result: Pick<CaseResult, 'fuzzed'>): boolean {
  // The result says so (the runner sets it from the scenario's `fuzz`), whatever family the data
  // put the row in: a family id named here would count a fuzzed row of any other family, a new
  // operation's or a renamed one's, as one request whose latency is the whole property's.
  return result.fuzzed !== undefined;
}
