/**
 * Violations counted but not kept (CaseResult.omittedViolations): their counts, the report-level
 * truncation note, and the one line every renderer prints for them, so console, HTML, summary.md,
 * junit and conformance.json state the same exact number.
 */
import type { CaseResult, OmittedViolations, Severity, Truncation } from '../model';
import { escapeControl } from '../text/plain-text';

/** Violations a result counted but did not keep, of one severity or of both. */
export function omittedCount(result: CaseResult, severity?: Severity): number {
  return (result.omittedViolations ?? []).filter((o) => severity === undefined || o.severity === severity).reduce((sum, o) => sum + o.count, 0);
}

/** Violations of one severity a result found: the kept ones plus the ones only counted. */
export function violationCount(result: CaseResult, severity: Severity): number {
  return result.violations.filter((v) => v.severity === severity).length + omittedCount(result, severity);
}

/** The report's truncation note, or undefined when every violation was kept. `keptPerCheck`: the cap the checks ran with. */
export function truncationOf(results: readonly CaseResult[], keptPerCheck: number): Truncation | undefined {
  let omittedViolations = 0;
  let count = 0;
  for (const result of results) {
    const omitted = omittedCount(result);
    omittedViolations += omitted;
    if (omitted > 0) count += 1;
  }
  return omittedViolations === 0 ? undefined : { keptPerCheck, omittedViolations, results: count };
}

/** "1,234,567": counts this large are read, not parsed; the grouping is fixed, not the machine's locale. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * "+299,980 more undocumented-properties warnings under /sync (counted, not kept)", its step and
 * the copy of a concurrent step it is of: two copies' omissions at one place are two lines, which
 * without it read as one line repeated (their kept ones say "copy N of M: ").
 */
export function omittedLine(omitted: OmittedViolations): string {
  const noun = omitted.count === 1 ? omitted.severity : `${omitted.severity}s`;
  const where = omitted.instancePath === '' ? '' : ` under ${escapeControl(omitted.instancePath)}`;
  const step = omitted.step === undefined ? '' : ` in step ${omitted.step}`;
  const copy = omitted.copy === undefined ? '' : `, copy ${omitted.copy}`;
  return `+${groupDigits(omitted.count)} more ${omitted.check} ${noun}${where}${step}${copy} (counted, not kept)`;
}

/** The omissions of one severity, for renderers that show errors and warnings apart. */
export function omittedOf(result: CaseResult, severity: Severity): OmittedViolations[] {
  return (result.omittedViolations ?? []).filter((o) => o.severity === severity);
}
