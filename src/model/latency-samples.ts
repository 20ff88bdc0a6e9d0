/**
 * Which exchanges are latency samples. Here, in model, as aggregate-result.ts is, because both the
 * latency figures (repeat/) and the reports that draw them (report/, which repeat/ imports) must
 * tell the exchanges the target served from those it did not.
 */
import type { Attempt, CaseResult, LatencyLeftOut, LatencyStats, ResultStatus, StepResult } from './result';
import type { OmittedViolations, Violation } from './violation';
import { isAggregateResult } from './aggregate-result';

/** The status a left-out count gives an exchange that got no answer (refused, reset, not sent). */
export const NO_ANSWER = 0;

/** The most statuses a left-out count lists: a target may send any of 500–999, a line stays short. */
export const LEFT_OUT_STATUSES = 4;

/** A step as latency reads it; a baseline from an older suite may lack the statuses. */
export type TimedStep = Pick<StepResult, 'status' | 'durationMs' | 'notSent'> & Partial<Pick<StepResult, 'id' | 'receivedStatus' | 'receivedStatuses'>>;

/** What latency needs of a result: a CaseResult, or a baseline's case read from an older report. */
export type TimedResult = Pick<CaseResult, 'fuzzed' | 'status' | 'durationMs' | 'latency' | 'receivedStatus' | 'latencyLeftOut'> & {
  attempts?: readonly (Pick<Attempt, 'status' | 'durationMs' | 'exchangesMs'> & Partial<Pick<Attempt, 'leftOutStatuses'>>)[];
  steps?: readonly TimedStep[];
  violations?: readonly Pick<Violation, 'check' | 'severity' | 'step'>[];
  omittedViolations?: readonly Pick<OmittedViolations, 'check' | 'severity' | 'step'>[];
};

/** One run's exchanges: the durations that are samples, and the statuses of those left out. */
export interface RunExchanges {
  samples: number[];
  leftOut: number[];
}

/**
 * Why an exchange is no sample: its 5xx status, or NO_ANSWER; undefined when it is one.
 * `statuses` are its answers' (a concurrent step's copies', 0 for one unanswered). An answer below
 * 500 was served. A timeout is kept: the target was slow, and its duration, the time to the
 * deadline, can only make the figures worse. Without evidence either way (a report that kept no
 * status), a sample, as every exchange was before.
 */
function unservedStatus(statuses: readonly number[], ran: ResultStatus, saw: (check: string) => boolean): number | undefined {
  if (statuses.some((s) => s > 0 && s < 500) || saw('timeout')) return undefined;
  const failed = statuses.find((s) => s >= 500);
  if (failed !== undefined) return failed;
  // No answer: a transport error, or an error without a status (not sent: the target had stopped answering).
  return saw('transport-error') || ran === 'error' ? NO_ANSWER : undefined;
}

/**
 * The exchanges of one run of a case (not its repeats: see repeat/latency.ts), each a sample or
 * left out. A sequence's are its steps' (a step never sent, or skipped, sent nothing); a timeout
 * or a transport error is known by its check's error, of the step that met it.
 */
export function runExchanges(result: TimedResult): RunExchanges {
  const out: RunExchanges = { samples: [], leftOut: [] };
  if (result.status === 'skipped') return out;
  const add = (ms: number, statuses: readonly number[], ran: ResultStatus, step: string | undefined): void => {
    const met = (v: Pick<Violation, 'check' | 'severity' | 'step'>, check: string): boolean => v.check === check && v.severity === 'error' && v.step === step;
    const saw = (check: string): boolean => (result.violations ?? []).some((v) => met(v, check)) || (result.omittedViolations ?? []).some((v) => met(v, check));
    const status = unservedStatus(statuses, ran, saw);
    if (status === undefined) out.samples.push(ms);
    else out.leftOut.push(status);
  };
  const answered = (status: number | undefined): number[] => (status === undefined ? [] : [status]);
  if (result.steps === undefined) {
    add(result.durationMs, answered(result.receivedStatus), result.status, undefined);
    return out;
  }
  for (const s of result.steps) {
    if (s.notSent !== true && s.status !== 'skipped') add(s.durationMs, s.receivedStatuses ?? answered(s.receivedStatus), s.status, s.id);
  }
  return out;
}

/** `counts` (status, count) added up per status, most first, the first LEFT_OUT_STATUSES kept. */
function tally(counts: readonly { status: number; count: number }[], exchanges: number): LatencyLeftOut | undefined {
  if (exchanges === 0) return undefined;
  const by = new Map<number, number>();
  for (const { status, count } of counts) by.set(status, (by.get(status) ?? 0) + count);
  const byStatus = [...by].map(([status, count]) => ({ status, count })).sort((a, b) => b.count - a.count || a.status - b.status);
  return { exchanges, byStatus: byStatus.slice(0, LEFT_OUT_STATUSES) };
}

/** The count of the left-out `statuses`; undefined when there is none. */
export function countLeftOut(statuses: readonly number[]): LatencyLeftOut | undefined {
  return tally(statuses.map((status) => ({ status, count: 1 })), statuses.length);
}

/**
 * Every status a case left out, each with its count, none cut: of its one run's exchanges, or of
 * its attempts' when they list them; a report from before attempts did, only the case's own
 * (bounded) list, all it kept.
 */
function allLeftOut(result: TimedResult): { status: number; count: number }[] {
  if (isAggregateResult(result)) return [];
  if (result.attempts === undefined) return runExchanges(result).leftOut.map((status) => ({ status, count: 1 }));
  const listed = result.attempts.flatMap((a) => a.leftOutStatuses ?? []);
  if (listed.length > 0 && listed.length === result.latencyLeftOut?.exchanges) return listed.map((status) => ({ status, count: 1 }));
  return result.latencyLeftOut?.byStatus ?? [];
}

/**
 * What a run left out (ConformanceReport.latencyLeftOut): every case's statuses counted together,
 * then cut to LEFT_OUT_STATUSES. Counted from each case's whole list, not its cut one: a status
 * fifth in every case (one 599 among four commoner statuses, in each of 40 cases) is 40 exchanges
 * run-wide, maybe the commonest, and adding the cases' cut lists left it out entirely.
 */
export function runLeftOut(results: readonly TimedResult[]): LatencyLeftOut | undefined {
  const exchanges = results.reduce((sum, r) => sum + (caseLeftOut(r)?.exchanges ?? 0), 0);
  return tally(results.flatMap(allLeftOut), exchanges);
}

/**
 * The exchanges left out of a case's latency: counted over its repeats when it was combined (the
 * attempts keep only their samples), else those of its one run; undefined when none was (and for
 * an aggregate, or a report from before exchanges were left out).
 */
export function caseLeftOut(result: TimedResult): LatencyLeftOut | undefined {
  if (isAggregateResult(result)) return undefined;
  if (result.attempts !== undefined) return result.latencyLeftOut;
  return countLeftOut(runExchanges(result).leftOut);
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
