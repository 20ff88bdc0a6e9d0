/**
 * Latency figures of a case and of a run. Percentiles use the nearest-rank method: the p-th
 * percentile of N sorted samples is the sample at rank ⌈p·N/100⌉ (1-based). Every figure is thus
 * a duration that was actually measured (no interpolation), and p100 is the maximum. With few
 * samples the high percentiles equal the maximum, which is the honest answer for 3 repeats.
 */
import type { Attempt, CaseResult, LatencyStats, StepResult } from '../model';
import { isAggregateResult } from '../model/aggregate-result';

/** When a p95 has risen: by more than `pct` % and by at least `minDeltaMs` (the defaults of --baseline). */
export const LATENCY_RISE = { pct: 50, minDeltaMs: 20 } as const;

/**
 * Whether a p95 rose from `from` to `to` by `rule`: the baseline's test night over night, and the
 * history's across its window, one measure for both.
 */
export function p95Rose(from: number, to: number, rule: { pct: number; minDeltaMs: number } = LATENCY_RISE): boolean {
  return to - from >= rule.minDeltaMs && to > from * (1 + rule.pct / 100);
}

/** What latency needs of a result: a CaseResult, or a baseline's case read from an older report. */
export type TimedResult = Pick<CaseResult, 'family' | 'status' | 'durationMs' | 'latency'> & {
  attempts?: readonly Pick<Attempt, 'status' | 'durationMs' | 'exchangesMs'>[];
  steps?: readonly Pick<StepResult, 'status' | 'durationMs' | 'notSent'>[];
};

/**
 * The exchanges a sequence's steps sent: a step never sent, or skipped, sent nothing. Undefined for
 * a single-request case (its one duration is its exchange).
 */
export function stepExchanges(steps: readonly Pick<StepResult, 'status' | 'durationMs' | 'notSent'>[] | undefined): number[] | undefined {
  return steps?.filter((s) => s.notSent !== true && s.status !== 'skipped').map((s) => s.durationMs);
}

/** The sample at nearest rank ⌈p·N/100⌉; p·N is computed before dividing so integer ranks stay exact. */
function nearestRank(sorted: readonly number[], percent: number): number {
  const rank = Math.max(1, Math.ceil((percent * sorted.length) / 100));
  return sorted[Math.min(rank, sorted.length) - 1] ?? 0;
}

/**
 * p50/p95/p99/max over `durations` (ms) by nearest rank; undefined when there is no sample.
 * Non-finite values are dropped: one NaN would make the sort order, and every figure, undefined.
 */
export function latencyStats(durations: readonly number[]): LatencyStats | undefined {
  const sorted = durations.filter((d) => Number.isFinite(d)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  return {
    samples: sorted.length,
    p50: nearestRank(sorted, 50),
    p95: nearestRank(sorted, 95),
    p99: nearestRank(sorted, 99),
    max: nearestRank(sorted, 100),
  };
}

/**
 * Durations of the exchanges a result stands for: each exchange of each attempt that ran (with
 * --repeat), else of its one run; a sequence's are its steps' exchanges, one sample each (a report
 * from before attempts kept them has the attempt's sum). A skipped case or attempt sent nothing, so
 * its 0 ms is not a latency; an aggregate (isAggregateResult) has none either.
 */
export function exchangeDurations(result: TimedResult): number[] {
  if (isAggregateResult(result)) return [];
  if (result.attempts !== undefined) return result.attempts.filter((a) => a.status !== 'skipped').flatMap((a) => a.exchangesMs ?? [a.durationMs]);
  if (result.status === 'skipped') return [];
  return stepExchanges(result.steps) ?? [result.durationMs];
}

/** A case's latency: the stats it carries (--repeat), else those of its one exchange; undefined for an aggregate. */
export function caseLatency(result: TimedResult): LatencyStats | undefined {
  if (isAggregateResult(result)) return undefined;
  return result.latency ?? latencyStats(exchangeDurations(result));
}

/** Latency over every exchange of a run (ConformanceReport.latency), aggregates left out; undefined when nothing ran. */
export function overallLatency(results: readonly TimedResult[]): LatencyStats | undefined {
  return latencyStats(results.flatMap(exchangeDurations));
}
