/**
 * The run-level gates a run failed besides its cases, in words: --min-coverage, --baseline-strict's
 * latency regressions, --fail-on-flaky-rate. Each fails the run (exit 1) on a target with no
 * contract violation, so the heading a reviewer reads first must say the gate failed, not
 * CONFORMANT (junit.xml's run-level test cases say the same, one each).
 */
import type { ConformanceReport } from '../model';
import { plural } from '../text/plain-text';
import { coverageFailure } from './coverage-text';
import type { VerdictOptions } from './summarize';

/** One line per gate the run failed, in the order junit.xml lists them; [] when none failed. */
export function gateFailures(report: ConformanceReport, options: VerdictOptions): string[] {
  const gates: string[] = [];
  const coverage = coverageFailure(report.coverage);
  if (coverage !== undefined) gates.push(coverage);
  const latency = strictLatencyFailure(report, options);
  if (latency !== undefined) gates.push(latency);
  const flaky = report.history?.flakyRate;
  if (flaky !== undefined && flaky.over.length > 0) gates.push(`${plural(flaky.over.length, 'case')} ${flakyRateGate(flaky.limit)}`);
  return gates;
}

/** "flaky across runs above --fail-on-flaky-rate 0.3": the --fail-on-flaky-rate gate's words, in its line here, in junit.xml's and beside each case it fails the run for (known-failures.ts). */
export function flakyRateGate(limit: number): string {
  return `flaky across runs above --fail-on-flaky-rate ${limit}`;
}

/**
 * "26 latency regressions against the baseline (--baseline-strict)", or undefined: without the
 * strict switch a latency regression is news, not a failure (baseline-diff.ts baselineExitStatus).
 */
export function strictLatencyFailure(report: ConformanceReport, options: VerdictOptions): string | undefined {
  const regressions = report.baseline?.latencyRegressions.length ?? 0;
  return options.baselineStrict === true && regressions > 0 ? `${plural(regressions, 'latency regression')} against the baseline (--baseline-strict)` : undefined;
}
