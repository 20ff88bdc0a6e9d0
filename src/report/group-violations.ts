/** Collapses repeated breaches so a report shows each distinct problem once, with a count. */
import type { Violation } from '../model';
import { violationKey } from '../model/violation';

/** One distinct violation within a result and how many times it was found. */
export interface ViolationGroup {
  /** The first occurrence; later ones with the same key are only counted. */
  violation: Violation;
  count: number;
}

/**
 * Groups a result's violations on {@link violationKey}, keeping first-seen order so output is
 * stable. Only truly identical breaches collapse into one line with a count: the key includes the
 * message, or four different missing properties would read as one ("… 'isCoexistence' (×4)").
 */
export function groupViolations(violations: readonly Violation[]): ViolationGroup[] {
  const groups = new Map<string, ViolationGroup>();
  for (const violation of violations) {
    const key = violationKey(violation);
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { violation, count: 1 });
  }
  return [...groups.values()];
}

/** Errors and warnings of one result, grouped separately so warnings can be shown lighter. */
export function groupBySeverity(violations: readonly Violation[]): { errors: ViolationGroup[]; warnings: ViolationGroup[] } {
  return {
    errors: groupViolations(violations.filter((v) => v.severity === 'error')),
    warnings: groupViolations(violations.filter((v) => v.severity === 'warning')),
  };
}

/**
 * Checks whose finding is a disclosure (a stack trace, a credential in an answer): the one-line
 * views (junit's message, the HTML list) show a case's first error, which is its root cause by the
 * checks' order (an exposed trace comes after the 500 that carried it), and a disclosure behind
 * "+3 more" was seen first in the digest only by the luck of a tie-break.
 */
const DISCLOSURE_CHECKS: readonly string[] = ['credential-echoed', 'internal-error-exposed'];

/** The disclosure checks among `rest` (the errors a one-line view does not show), each once, in DISCLOSURE_CHECKS' order. */
export function disclosuresAmong(rest: readonly ViolationGroup[]): string[] {
  const seen = new Set(rest.map((g) => g.violation.check));
  return DISCLOSURE_CHECKS.filter((check) => seen.has(check));
}
