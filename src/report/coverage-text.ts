/**
 * Coverage in words, shared by the console, summary.md, conformance.html and junit.xml. Every
 * name here comes from the contract (the report's coverage keeps nothing the target sent), but
 * callers still escape: a spec is input too.
 */
import type { CoverageFigure, CoverageKey, CoverageReport, CoverageTotals } from '../model';
import { shownAndRest } from '../text/shown-and-rest';

/** The check id of a run whose coverage is below its --min-coverage rules. */
export const COVERAGE_CHECK_ID = 'coverage';

export const COVERAGE_LABELS: Readonly<Record<CoverageKey, string>> = {
  statuses: 'documented statuses seen',
  errors: 'error examples matched',
  enums: 'enum values seen',
  optional: 'optional-property states seen',
};

/** "11/12 (91.6%)". */
export function figureText(f: CoverageFigure): string {
  return `${f.seen}/${f.total} (${f.percent}%)`;
}

/** "statuses 12/12 (100%), errors …": the four totals on one line. */
export function totalsLine(totals: CoverageTotals): string {
  return (Object.keys(COVERAGE_LABELS) as CoverageKey[]).map((key) => `${key} ${figureText(totals[key])}`).join(', ');
}

/** "statuses 75% < 100%" per unmet --min-coverage rule. */
export function unmetRules(coverage: CoverageReport | undefined): string[] {
  return (coverage?.minimum?.rules ?? []).filter((r) => !r.met).map((r) => `${r.key} ${r.percent}% < ${r.min}%`);
}

/** "check coverage failed: statuses 75% < 100% (--min-coverage)", or undefined when every rule is met or none is set. */
export function coverageFailure(coverage: CoverageReport | undefined): string | undefined {
  const unmet = unmetRules(coverage);
  return unmet.length === 0 ? undefined : `check ${COVERAGE_CHECK_ID} failed: ${unmet.join(', ')} (--min-coverage)`;
}

/** "over 30 runs, never seen: sync.history.status: rejected; …" (capped), or undefined without a window. */
export function windowSentence(coverage: CoverageReport | undefined, max = 10): string | undefined {
  const window = coverage?.window;
  if (window === undefined) return undefined;
  const runs = `over ${window.runs} ${window.runs === 1 ? 'run' : 'runs'}`;
  if (window.neverSeen.length === 0) return `${runs}: every documented status, error example and enum value was seen`;
  const { shown, rest } = shownAndRest(window.neverSeen, max);
  return `${runs}, never seen: ${shown.join('; ')}${rest > 0 ? ` (and ${rest} more)` : ''}`;
}
