/**
 * From case results to the final report and exit code: latency budget, latency over the run,
 * certificate, baseline diff. Shared by a run and by the shard merge, so a merged report is
 * exactly what one unsharded run would have written.
 */
import type { CaseResult, ConformanceReport, RunInfo, RunWarning } from '../model';
import { ExitCode, type VerdictExitCode } from '../model/errors';
import type { BaselineReport } from '../baseline/read-baseline';
import { certify } from '../certificate/certify';
import { applyLatencyBudget } from '../repeat/latency-budget';
import { overallLatency, overallLeftOut } from '../repeat/latency';
import { flakyFailing, summarize, verdict } from '../report/summarize';
import { truncationOf } from '../report/omitted';
import { warningDigestOf } from '../report/warning-digest';
import { failureDigestFor } from '../report/failure-digest';
import { targetLostFor } from '../report/target-lost';
import { KEPT_PER_CHECK } from '../model/violation';
import { aggregateCoverage, type CoverageRule, type CoverageSubject } from '../coverage';

export interface AssembleOptions {
  latencyBudgetMs?: number;
  allowFlaky: boolean;
  /** `report`: the baseline already read (and validated) before the run. */
  baseline?: { file: string; strict: boolean; report?: BaselineReport; /** A shard's: the plan's cases the other shards run, out of its scope. */ otherShards?: ReadonlySet<string> };
  /** What coverage counts of each certified operation, and the --min-coverage rules (absent: no coverage section). */
  coverage?: { subjects: CoverageSubject[]; rules: CoverageRule[] };
  /** The target stopped answering mid-run (the guard's sentence): said once, as `targetLost`. */
  targetLost?: { why: string; at?: string };
  /** What the run saw that fails nothing (unasked bytes on an idle connection): said once each, as `runWarnings`. */
  runWarnings?: readonly RunWarning[];
}

export function assembleReport(runInfo: RunInfo, caseResults: readonly CaseResult[], options: AssembleOptions): ConformanceReport {
  const budget = options.latencyBudgetMs;
  // The latency helpers leave aggregate results (the negative-input property) out of budgets and percentiles.
  const results = budget === undefined ? [...caseResults] : caseResults.map((r) => applyLatencyBudget(r, budget));
  const latency = overallLatency(results);
  const latencyLeftOut = overallLeftOut(results);
  const truncation = truncationOf(results, KEPT_PER_CHECK);
  const warningDigest = warningDigestOf(results);
  // Once, here: every renderer shows the report's own digests, so they cannot disagree.
  const failureDigest = failureDigestFor({ runInfo, results });
  const targetLost = targetLostFor({ runInfo, results }, options.targetLost);
  const report: ConformanceReport = {
    runInfo,
    summary: summarize(results),
    ...(truncation ? { truncation } : {}),
    results,
    ...(latency ? { latency } : {}),
    ...(latencyLeftOut ? { latencyLeftOut } : {}),
    ...(warningDigest ? { warningDigest } : {}),
    ...(failureDigest ? { failureDigest } : {}),
    ...(targetLost ? { targetLost } : {}),
    ...(options.runWarnings !== undefined && options.runWarnings.length > 0 ? { runWarnings: [...options.runWarnings] } : {}),
  };
  if (options.coverage !== undefined) report.coverage = aggregateCoverage(options.coverage.subjects, results, options.coverage.rules);
  // After coverage: an operation whose documented success no answer had is not certified full.
  report.certificate = certify(report);
  if (options.baseline !== undefined) {
    // The baseline modules load only for a run that has one.
    const { diffBaseline } = require('../baseline/baseline-diff') as typeof import('../baseline/baseline-diff');
    const { readBaseline } = require('../baseline/read-baseline') as typeof import('../baseline/read-baseline');
    report.baseline = diffBaseline(report, options.baseline.report ?? readBaseline(options.baseline.file), options.baseline.file, undefined, options.baseline.otherShards === undefined ? {} : { otherShards: options.baseline.otherShards });
  }
  return report;
}

/**
 * 1 when the contract is broken, a --min-coverage rule is unmet (check `coverage`), or a case's
 * verdict flipped across the history window more than --fail-on-flaky-rate allows. With a baseline, by default only new failures count (a nightly
 * run should not go red for what was already red); --baseline-strict restores every failure.
 * --allow-flaky lets a flaky case pass, but with a baseline not a new failure (flakyFailing).
 */
export function exitCodeOf(report: ConformanceReport, options: AssembleOptions): VerdictExitCode {
  // An unmet --min-coverage rule is about this run's answers, not a regression: a baseline does not forgive it.
  if (report.coverage?.minimum?.met === false) return ExitCode.violations;
  // Nor does it forgive flakiness across runs: the history figures already judged the window.
  if ((report.history?.flakyRate?.over.length ?? 0) > 0) return ExitCode.violations;
  // A diff the caller did not ask to judge by (no options.baseline) tells no new fault either.
  const judged = options.baseline === undefined ? { results: report.results } : report;
  const failingFlaky = flakyFailing(judged, { allowFlaky: options.allowFlaky });
  const outright = verdict(report.summary, { allowFlaky: options.allowFlaky }, failingFlaky.size) !== 'conformant';
  if (report.baseline === undefined || options.baseline === undefined) return outright ? ExitCode.violations : ExitCode.conformant;
  // --allow-flaky forgives a flaky case whose failing attempts show only faults of the baseline's
  // failure of it (stillFailing; with --baseline-strict too): it passes, as in every report. One
  // with a new fault, or that the baseline did not fail, is a new failure and fails the run.
  const allowed = new Set(report.results.filter((r) => r.status === 'flaky' && !failingFlaky.has(r.id)).map((r) => r.id));
  const forgiven = (ids: readonly string[]): string[] => ids.filter((id) => !allowed.has(id));
  // None of them is a new failure (flakyFailing): the flag changes only what still fails.
  const diff = options.allowFlaky ? { ...report.baseline, stillFailing: forgiven(report.baseline.stillFailing) } : report.baseline;
  const { baselineExitStatus } = require('../baseline/baseline-diff') as typeof import('../baseline/baseline-diff');
  const fails = baselineExitStatus(diff, options.baseline.strict) || (options.baseline.strict && outright) || report.summary.errors > 0;
  return fails ? ExitCode.violations : ExitCode.conformant;
}
