/**
 * Latency figures of a case and of a run. Percentiles use the nearest-rank method: the p-th
 * percentile of N sorted samples is the sample at rank ⌈p·N/100⌉ (1-based). Every figure is thus
 * a duration that was actually measured (no interpolation), and p100 is the maximum. With few
 * samples the high percentiles equal the maximum, which is the honest answer for 3 repeats.
 */
import type { LatencyLeftOut, LatencyStats } from '../model';
import { isAggregateResult } from '../model/aggregate-result';
import { latencyStats, runExchanges, runLeftOut, type TimedResult } from '../model/latency-samples';

/** When a p95 has risen: by more than `pct` % and by at least `minDeltaMs` (the defaults of --baseline). */
export const LATENCY_RISE = { pct: 50, minDeltaMs: 20 } as const;

/**
 * Whether a p95 rose from `from` to `to` by `rule`: the baseline's test night over night, and the
 * history's across its window, one measure for both.
 */
export function p95Rose(from: number, to: number, rule: { pct: number; minDeltaMs: number } = LATENCY_RISE): boolean {
  return to - from >= rule.minDeltaMs && to > from * (1 + rule.pct / 100);
}

// latencyStats lives in model (the HTML's per-case rows need it, and report does not import repeat).
export { caseLeftOut, latencyStats, type TimedResult } from '../model/latency-samples';

/**
 * The latency samples of a result: the exchanges the target served (model/latency-samples.ts: an
 * answer below 500, or a timeout) of each attempt that ran (with --repeat), else of its one run; a
 * sequence's are its steps' exchanges, one sample each (a report from before attempts kept them has
 * the attempt's sum; one from before exchanges were left out, every exchange). A skipped case or
 * attempt sent nothing, so its 0 ms is not a latency; an aggregate (isAggregateResult) has none either.
 */
export function exchangeDurations(result: TimedResult): number[] {
  if (isAggregateResult(result)) return [];
  if (result.attempts !== undefined) return result.attempts.filter((a) => a.status !== 'skipped').flatMap((a) => a.exchangesMs ?? [a.durationMs]);
  return runExchanges(result).samples;
}

/**
 * Whether a case's p95 over a line (a budget, a rise from the baseline's p95) is more than one
 * stall: at least 2 of its exchanges are over it by `over`, or that cannot be told (one exchange
 * only, or samples that are not those of `stats`: a report's stored figures alone). Below 20
 * samples the nearest-rank p95 is the slowest one, so one stall (a GC pause, a retransmit, a cold
 * connection's handshake) made a case whose other exchanges were well within the line a budget
 * breach or a latency regression (one of 10 exchanges at --repeat 5 took 122 ms against a p95 of
 * 1.3 ms, and failed --baseline-strict); a slowed route slows every exchange of it. From 20
 * samples a p95 over the line has 2 exchanges over it at least, so the rule changes nothing there.
 * One rule for the budget (latency-budget.ts) and the baseline (baseline-diff.ts).
 */
export function moreThanOneStall(result: TimedResult, stats: LatencyStats, over: (ms: number) => boolean): boolean {
  const samples = exchangeDurations(result);
  if (stats.samples < 2 || samples.length !== stats.samples) return true;
  return samples.filter(over).length >= 2;
}

/**
 * A case's latency: the stats it carries (--repeat), else those of its exchanges; undefined for an
 * aggregate, and for a case whose every exchange was left out (no figure is not a fast one).
 */
export function caseLatency(result: TimedResult): LatencyStats | undefined {
  if (isAggregateResult(result)) return undefined;
  return result.latency ?? latencyStats(exchangeDurations(result));
}

/** Latency over every exchange of a run (ConformanceReport.latency), aggregates left out; undefined when nothing ran. */
export function overallLatency(results: readonly TimedResult[]): LatencyStats | undefined {
  return latencyStats(results.flatMap(exchangeDurations));
}

/** What a run left out of its latency (ConformanceReport.latencyLeftOut): its cases' exchanges together (model/latency-samples.ts). */
export function overallLeftOut(results: readonly TimedResult[]): LatencyLeftOut | undefined {
  return runLeftOut(results);
}
