/** Counts and verdict of a run: the numbers every reporter prints, computed in one place. */
import type { CaseResult, ResultStatus, RunSummary } from '../model';
import { plural } from '../text/plain-text';
import { violationCount } from './omitted';
import { faultCountOf } from './failure-digest';

/**
 * The one-word outcome of a run, in the order the CLI maps to exit codes:
 * `errors` (the suite itself failed) outranks `violations` (the target breached the contract).
 */
export type Verdict = 'conformant' | 'violations' | 'errors';

/**
 * How a run is judged beyond its results. The CLI passes the same options to `verdict` and to
 * every renderer, so the exit code and the reports never disagree.
 */
export interface VerdictOptions {
  /** --allow-flaky: a case whose verdict differed between repeats does not fail the run. */
  allowFlaky?: boolean;
  /**
   * --baseline-strict: every failure fails the run, a known one (failing in the baseline too) as
   * well. Without it a report with a baseline shows its known failures as such (known-failures.ts).
   */
  baselineStrict?: boolean;
}

/**
 * Counts results by status, and counts every warning-severity violation across all results
 * (a passed result may carry warnings), those counted but not kept included. Skipped results are counted as skipped only: a case
 * that did not run proves nothing, so it never adds to `passed`.
 */
export function summarize(results: readonly CaseResult[]): RunSummary {
  const summary: RunSummary = { passed: 0, failed: 0, skipped: 0, errors: 0, total: results.length, warnings: 0, flaky: 0 };
  for (const result of results) {
    switch (result.status) {
      case 'passed':
        summary.passed += 1;
        break;
      case 'failed':
        summary.failed += 1;
        break;
      case 'skipped':
        summary.skipped += 1;
        break;
      case 'error':
        summary.errors += 1;
        break;
      case 'flaky':
        summary.flaky += 1;
        break;
    }
    summary.warnings += violationCount(result, 'warning');
  }
  return summary;
}

/**
 * The run's verdict. A crashed check or an internal failure (`errors`) wins over contract
 * violations, because then the other results cannot be trusted to be complete. A flaky case is a
 * violation unless `allowFlaky`: a target that answers the same request differently is not
 * reliably conformant. Skips do not change the verdict (every renderer reports them, loudly).
 * The CLI exits 0 exactly when this is "conformant".
 */
export function verdict(summary: RunSummary, options: VerdictOptions = {}): Verdict {
  if (summary.errors > 0) return 'errors';
  if (summary.failed > 0) return 'violations';
  if (summary.flaky > 0 && options.allowFlaky !== true) return 'violations';
  return 'conformant';
}

/**
 * Failed, error and flaky all mean "this case is not honoured": the cases a report details and
 * links to, and the ones a baseline diff and a certificate count as failing. Here, in report/,
 * because every renderer needs it and report/ depends on no other part of the suite's logic.
 */
export function isFailingStatus(status: ResultStatus): boolean {
  return status === 'failed' || status === 'error' || status === 'flaky';
}

/** Number of error-severity violations in a set of results (those only counted included), as shown in "N violations". */
function countErrorViolations(results: readonly CaseResult[]): number {
  let count = 0;
  for (const result of results) count += violationCount(result, 'error');
  return count;
}

/**
 * The final line the CLI prints, e.g. `conformance: 9 passed, 1 failed, 2 skipped, 0 errors (3 warnings)`;
 * `, 1 flaky` follows the failed count only when there are flaky cases, so runs without --repeat
 * keep the line CI logs are grepped for.
 */
export function countsLine(summary: RunSummary): string {
  const flaky = summary.flaky > 0 ? `${summary.flaky} flaky, ` : '';
  return (
    `conformance: ${summary.passed} passed, ${summary.failed} failed, ${flaky}` +
    `${summary.skipped} skipped, ${plural(summary.errors, 'error')} (${plural(summary.warnings, 'warning')})`
  );
}

/**
 * "8 passed, 1 failed, 2 skipped": the counts of part of a run (one operation), zeros left out but
 * for passed, so a line that shows no failure still says what did pass.
 */
export function shortCounts(summary: RunSummary): string {
  const parts = [`${summary.passed} passed`];
  if (summary.failed > 0) parts.push(`${summary.failed} failed`);
  if (summary.flaky > 0) parts.push(`${summary.flaky} flaky`);
  if (summary.skipped > 0) parts.push(`${summary.skipped} skipped`);
  if (summary.errors > 0) parts.push(plural(summary.errors, 'error'));
  return parts.join(', ');
}

/**
 * What backs the verdict, in words: "2 failed cases (1 fault, 3 violations)", "1 case could not be judged",
 * "2 flaky cases" ("… allowed" with allowFlaky), "" for a clean run; skips are appended
 * ("…; 2 cases skipped") so a run that skipped cases never reads as a clean pass.
 */
export function verdictDetail(summary: RunSummary, results: readonly CaseResult[], options: VerdictOptions = {}): string {
  const parts: string[] = [];
  if (summary.errors > 0) parts.push(`${plural(summary.errors, 'case')} could not be judged`);
  if (summary.failed > 0) {
    // Only the violations of status "failed": the sentence says "in N failed cases". Flaky and
    // error cases have their own phrases ("flaky case", "could not be judged").
    const failed = results.filter((r) => r.status === 'failed');
    // Cases first, then faults (as the failures-by-fault digest groups them), then violations: a
    // reviewer read "15 violations in 9 failed cases" of one 500 seen by every case as fifteen
    // problems. The violations are said only when they are more than the faults.
    const faults = faultCountOf(failed);
    const violations = countErrorViolations(failed);
    // No fault when no error was kept (a report an older suite wrote): the count it has, or none.
    const counts = [...(faults > 0 ? [plural(faults, 'fault')] : []), ...(violations > faults ? [plural(violations, 'violation')] : [])];
    parts.push(`${plural(summary.failed, 'failed case')}${counts.length === 0 ? '' : ` (${counts.join(', ')})`}`);
  }
  if (summary.flaky > 0) parts.push(`${plural(summary.flaky, 'flaky case')}${options.allowFlaky === true ? ' allowed' : ''}`);
  const skipped = summary.skipped > 0 ? `${plural(summary.skipped, 'case')} skipped` : '';
  if (parts.length === 0) return skipped;
  // After a semicolon, not in parentheses: "1 failed case (1 fault) (1 case skipped)" read as two notes on the failed case.
  return skipped === '' ? parts.join(', ') : `${parts.join(', ')}; ${skipped}`;
}

/** Status words for each verdict, as printed in banners and headings. */
export const VERDICT_LABEL: Readonly<Record<Verdict, string>> = {
  conformant: 'conformant',
  violations: 'not conformant',
  errors: 'errors',
};

/** The verdict as one phrase for banners and titles, e.g. "not conformant — 2 failed cases (1 fault, 3 violations)". */
export function headline(summary: RunSummary, results: readonly CaseResult[], options: VerdictOptions = {}): string {
  const label = VERDICT_LABEL[verdict(summary, options)];
  const detail = verdictDetail(summary, results, options);
  return detail === '' ? label : `${label} — ${detail}`;
}
