/**
 * Known failures: with --baseline (not --baseline-strict), the cases that failed in the baseline
 * too. They do not fail the run (exit 0 when nothing else does), so no report may show them as
 * what fails it: junit.xml skips them (a CI test tab that counts a <failure> goes red, or Jenkins
 * marks the build unstable, over a gate that passed), and the console, summary.md and the HTML
 * page name them with the same words. Their violations are kept everywhere: known is not fixed.
 */
import type { BaselineDiff, CaseResult, ConformanceReport } from '../model';
import { flakyFailing, type VerdictOptions } from './summarize';
import { flakyRateGate } from './gate-failures';
import { utcStampText } from './history-text';

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
  /**
   * With --allow-flaky: the flaky cases it lets pass (every flaky case but newFlaky). Listed among
   * the failures (their failing repeats are kept), their line must say they do not fail the run, as
   * junit.xml's does: under a CONFORMANT heading a bare "flaky" read as what failed it. Empty otherwise.
   */
  allowedFlaky: ReadonlySet<string>;
  /**
   * With --allow-flaky: the flaky cases it lets pass that are over --fail-on-flaky-rate across the
   * history's runs, whose gate fails the run and names them ("flaky across runs, fails the run"):
   * their line must not say the flag's "it does not fail the run". Not in allowedFlaky. Empty otherwise.
   */
  overFlakyRate: ReadonlySet<string>;
  /** "flaky across runs above --fail-on-flaky-rate 0.3", the gate's words within that note; '' without the gate. */
  overFlakyRateGate: string;
  /**
   * The known failures (ids) the --fail-on-flaky-rate gate fails the run for: a case failing in the
   * baseline too that flipped across the history's runs. Its own article must not say "it does not
   * fail the run" under the gate line naming it. Empty otherwise.
   */
  knownOverFlakyRate: ReadonlySet<string>;
}

/**
 * The known failures of `report` as it was judged. A case that could not be judged
 * (status error) is never one: an error fails a run whatever the baseline says (exitCodeOf). Nor is
 * a flaky case --allow-flaky lets pass: it already passes. With --baseline-strict there are none:
 * every failure fails the run.
 */
export function knownFailures(report: Pick<ConformanceReport, 'baseline' | 'results'> & Partial<Pick<ConformanceReport, 'history'>>, options: VerdictOptions = {}): KnownFailures {
  const diff = report.baseline;
  const newFlaky = options.allowFlaky === true ? flakyFailing(report, options) : NONE_KNOWN.newFlaky;
  const rate = report.history?.flakyRate;
  const overRate = new Set(rate?.over.map((o) => o.id) ?? []);
  const gate = rate === undefined ? '' : flakyRateGate(rate.limit);
  const allowed = options.allowFlaky === true ? report.results.filter((r) => r.status === 'flaky' && !newFlaky.has(r.id)).map((r) => r.id) : [];
  // A case the flag lets pass but the flaky-rate gate fails the run for is said apart: "it does not fail the run" over a gate line naming it as failing it.
  const flakyAllowance = {
    allowedFlaky: new Set(allowed.filter((id) => !overRate.has(id))),
    overFlakyRate: new Set(allowed.filter((id) => overRate.has(id))),
    overFlakyRateGate: gate,
  };
  // Without a baseline no case is known, but the flag still lets flaky cases pass.
  if (diff === undefined) return { ...NONE_KNOWN, ...flakyAllowance };
  const note = knownFailureNote(diff);
  if (options.baselineStrict === true) return { ids: new Set(), note, newFlaky, ...flakyAllowance, knownOverFlakyRate: new Set() };
  const still = new Set(diff.stillFailing);
  const counts = (r: CaseResult): boolean => r.status === 'failed' || (r.status === 'flaky' && options.allowFlaky !== true);
  const ids = new Set(report.results.filter((r) => counts(r) && still.has(r.id)).map((r) => r.id));
  return { ids, note, newFlaky, ...flakyAllowance, knownOverFlakyRate: new Set([...ids].filter((id) => overRate.has(id))) };
}

export const NONE_KNOWN: KnownFailures = { ids: new Set(), note: '', newFlaky: new Set(), allowedFlaky: new Set(), overFlakyRate: new Set(), overFlakyRateGate: '', knownOverFlakyRate: new Set() };

/**
 * What a known failure's line says after its id (the console, summary.md, the HTML Failures list):
 * the note, or, when the --fail-on-flaky-rate gate fails the run for it, so, as its article does:
 * the bare note reads as tolerated under a gate line that counts it as failing the run.
 */
export function knownLineNote(known: KnownFailures, id: string): string {
  return `${known.note}${knownOverRateSuffix(known, id)}`;
}

/** ", but flaky across runs above --fail-on-flaky-rate 0.3: it fails the run" of knownLineNote, or ''; apart for a report that bounds the note (its baseline's path) but must not cut this. */
export function knownOverRateSuffix(known: KnownFailures, id: string): string {
  return known.knownOverFlakyRate.has(id) ? failsRunBy(known.overFlakyRateGate) : '';
}

/**
 * What a known failure's own article in the HTML says under its status: that it does not fail the
 * run (--baseline-strict would), or, when the --fail-on-flaky-rate gate fails the run for it, so.
 */
export function knownArticleNote(known: KnownFailures, id: string): string {
  return known.knownOverFlakyRate.has(id) ? knownLineNote(known, id) : `${known.note}: it does not fail the run (--baseline-strict would)`;
}

/** ", but flaky across runs above --fail-on-flaky-rate 0.3: it fails the run": said of a case the gate (its words `gate`) fails the run for, known or let pass by --allow-flaky alike. */
function failsRunBy(gate: string): string {
  return `, but ${gate}: it fails the run`;
}

/** What the console, summary.md and the HTML say of a case in overFlakyRate, after "flaky": derived from the gate's words, as knownLineNote is. */
export function overFlakyRateNote(known: KnownFailures): string {
  return `${ALLOWED_BY}${failsRunBy(known.overFlakyRateGate)}`;
}

/** What --allow-flaky's notes start with. */
const ALLOWED_BY = 'allowed by --allow-flaky';

/** What the console and summary.md say of a case in `allowedFlaky`, after "flaky": junit.xml's words. */
export const ALLOWED_FLAKY_NOTE = `${ALLOWED_BY}: it does not fail the run`;

/** What every report says of a case in `newFlaky`, after "flaky": why --allow-flaky did not let it pass. */
export const NEW_FLAKY_NOTE = 'with a new fault (one the baseline did not show), not allowed by --allow-flaky';

/** "known failure (in baseline last/conformance.json, its run started …)": the words every report gives a known failure. */
export function knownFailureNote(diff: BaselineDiff): string {
  return `known failure (in baseline ${diff.baseline.file}, its run started ${utcStampText(diff.baseline.startedAt)})`;
}
