/**
 * Known failures: with --baseline (not --baseline-strict), the cases that failed in the baseline
 * too. They do not fail the run (exit 0 when nothing else does), so no report may show them as
 * what fails it: junit.xml skips them (a CI test tab that counts a <failure> goes red, or Jenkins
 * marks the build unstable, over a gate that passed), and the console, summary.md and the HTML
 * page name them with the same words. Their violations are kept everywhere: known is not fixed.
 */
import type { BaselineDiff, CaseResult, ConformanceReport } from '../model';
import { flakyFailing, type VerdictOptions } from './summarize';

/** The known failures of a report: their ids, and the words every report names them with. */
export interface KnownFailures {
  ids: ReadonlySet<string>;
  /** knownFailureNote of the report's baseline; '' without one (no case is then known). */
  note: string;
  /**
   * With --allow-flaky and a baseline: the flaky cases it does not allow, as they show a new fault
   * (flakyFailing). They fail the run, and every report must say why a flag that lets flaky
   * cases pass did not let these. Empty otherwise (without the flag every flaky case fails).
   */
  newFlaky: ReadonlySet<string>;
}

/**
 * The known failures of `report` as it was judged. A case that could not be judged
 * (status error) is never one: an error fails a run whatever the baseline says (exitCodeOf). Nor is
 * a flaky case --allow-flaky lets pass: it already passes. With --baseline-strict there are none:
 * every failure fails the run.
 */
export function knownFailures(report: Pick<ConformanceReport, 'baseline' | 'results'>, options: VerdictOptions = {}): KnownFailures {
  const diff = report.baseline;
  if (diff === undefined) return NONE_KNOWN;
  const note = knownFailureNote(diff);
  const newFlaky = options.allowFlaky === true ? flakyFailing(report, options) : NONE_KNOWN.newFlaky;
  if (options.baselineStrict === true) return { ids: new Set(), note, newFlaky };
  const still = new Set(diff.stillFailing);
  const counts = (r: CaseResult): boolean => r.status === 'failed' || (r.status === 'flaky' && options.allowFlaky !== true);
  return { ids: new Set(report.results.filter((r) => counts(r) && still.has(r.id)).map((r) => r.id)), note, newFlaky };
}

export const NONE_KNOWN: KnownFailures = { ids: new Set(), note: '', newFlaky: new Set() };

/** What every report says of a case in `newFlaky`, after "flaky": why --allow-flaky did not let it pass. */
export const NEW_FLAKY_NOTE = 'with a new fault (one the baseline did not show), not allowed by --allow-flaky';

/** "known failure (in baseline last/conformance.json, its run started …)": the words every report gives a known failure. */
export function knownFailureNote(diff: BaselineDiff): string {
  return `known failure (in baseline ${diff.baseline.file}, its run started ${diff.baseline.startedAt})`;
}
