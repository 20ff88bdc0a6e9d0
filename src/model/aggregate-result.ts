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
export function isAggregateResult(result: Pick<CaseResult, 'family'>): boolean {
  return result.family === 'negative-inputs';
}
