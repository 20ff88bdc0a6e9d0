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
