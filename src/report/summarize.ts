/** Counts and verdict of a run: the numbers every reporter prints, computed in one place. */
import type { BaselineDiff, CaseResult, ConformanceReport, ResultStatus, RunSummary } from '../model';
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
  /**
   * --allow-flaky: a case whose verdict differed between repeats does not fail the run; with a
   * baseline, unless it shows a new fault (flakyFailing).
   */
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
 * reliably conformant. `failingFlaky`: how many flaky cases fail the run (flakyFailing; with a
 * baseline, --allow-flaky does not allow one with a new fault), every one by default without
 * `allowFlaky`, none with it. Skips do not change the verdict (every renderer reports them, loudly).
 * The CLI exits 0 exactly when this is "conformant".
 */
export function verdict(summary: RunSummary, options: VerdictOptions = {}, failingFlaky = options.allowFlaky === true ? 0 : summary.flaky): Verdict {
  if (summary.errors > 0) return 'errors';
  if (summary.failed > 0) return 'violations';
  if (failingFlaky > 0) return 'violations';
  return 'conformant';
}

/**
 * The flaky cases that fail the run. Without --allow-flaky, every one. With it and no baseline,
 * none: the run has nothing to tell a known intermittent fault from a new one, and the flag says
 * the team accepts a verdict that varies. With a baseline, those that are new failures
 * (baseline-diff.ts): a case whose failing attempts show a fault (a check at a place,
 * failure-faults.ts) the baseline's failure of it did not have, or that the baseline did not fail
 * at all. That is a new intermittent bug, a wrong body on one repeat in two, and the flag that
 * tolerates a known 503 must not ship it green. A flaky case failing in the baseline with the same
 * faults (stillFailing) is allowed: only its verdict varies. Every renderer and the exit code ask
 * this one function, so they cannot disagree.
 */
export function flakyFailing(report: { results: readonly CaseResult[]; baseline?: BaselineDiff }, options: VerdictOptions = {}): ReadonlySet<string> {
  const flaky = report.results.filter((r) => r.status === 'flaky').map((r) => r.id);
  if (options.allowFlaky !== true) return new Set(flaky);
  const fresh = new Set(report.baseline?.newFailures ?? []);
  return new Set(flaky.filter((id) => fresh.has(id)));
}

/** The run's verdict as the exit code judges it: {@link verdict}, a flaky case counted when {@link flakyFailing}. */
export function reportVerdict(report: Pick<ConformanceReport, 'summary' | 'results' | 'baseline'>, options: VerdictOptions = {}): Verdict {
  return verdict(report.summary, options, flakyFailing(report, options).size);
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
 * "2 flaky cases" ("… allowed" with allowFlaky, or which are not: flakyPhrase), "" for a clean run; skips are appended
 * ("…; 2 cases skipped") so a run that skipped cases never reads as a clean pass.
 */
export function verdictDetail(summary: RunSummary, results: readonly CaseResult[], options: VerdictOptions = {}, failingFlaky = options.allowFlaky === true ? 0 : summary.flaky): string {
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
  if (summary.flaky > 0) parts.push(flakyPhrase(summary.flaky, failingFlaky, options));
  const skipped = summary.skipped > 0 ? `${plural(summary.skipped, 'case')} skipped` : '';
  // Every case skipped (a read-only run of write operations, every sender unset): the run sent
  // nothing, and "CONFORMANT — 46 cases skipped" over it read as a gate that had passed on answers.
  if (parts.length === 0 && summary.passed === 0 && summary.skipped > 0) return `nothing judged: ${summary.skipped === 1 ? 'the 1 case' : `all ${summary.skipped} cases`} skipped`;
  if (parts.length === 0) return skipped;
  // After a semicolon, not in parentheses: "1 failed case (1 fault) (1 case skipped)" read as two notes on the failed case.
  return skipped === '' ? parts.join(', ') : `${parts.join(', ')}; ${skipped}`;
}

/**
 * "2 flaky cases", "2 flaky cases allowed", and with a baseline the ones --allow-flaky does not
 * allow (flakyFailing): "1 flaky case with a new fault (not allowed by --allow-flaky)", or "3 flaky
 * cases (1 with a new fault, not allowed by --allow-flaky; 2 allowed)".
 */
function flakyPhrase(flaky: number, failing: number, options: VerdictOptions): string {
  const cases = plural(flaky, 'flaky case');
  if (options.allowFlaky !== true) return cases;
  if (failing === 0) return `${cases} allowed`;
  if (failing >= flaky) return `${cases} with a new fault (not allowed by --allow-flaky)`;
  return `${cases} (${failing} with a new fault, not allowed by --allow-flaky; ${flaky - failing} allowed)`;
}

/** Status words for each verdict, as printed in banners and headings. */
export const VERDICT_LABEL: Readonly<Record<Verdict, string>> = {
  conformant: 'conformant',
  violations: 'not conformant',
  errors: 'errors',
};

/** The verdict as one phrase for banners and titles, e.g. "not conformant — 2 failed cases (1 fault, 3 violations)". */
export function headline(summary: RunSummary, results: readonly CaseResult[], options: VerdictOptions = {}, failingFlaky = options.allowFlaky === true ? 0 : summary.flaky): string {
  const label = VERDICT_LABEL[verdict(summary, options, failingFlaky)];
  const detail = verdictDetail(summary, results, options, failingFlaky);
  return detail === '' ? label : `${label} — ${detail}`;
}
