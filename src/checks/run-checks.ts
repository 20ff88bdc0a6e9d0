/** Running a list of checks over one exchange, isolating the ones that crash. */
import type { Check, CheckContext } from '../model/check';
import type { Exchange } from '../model/http';
import { violationKey, type Violation } from '../model/violation';
import { allChecks } from './registry';

/** A check that threw: a fault of the suite, reported apart so it never passes for a verdict. */
export interface CheckCrash {
  check: string;
  message: string;
}

export interface CheckRun {
  violations: Violation[];
  crashes: CheckCrash[];
}

/**
 * Runs every check; one that throws is recorded as a crash and the others still run, as in
 * Schemathesis, so one bug in the suite does not hide the target's real breaches. Identical
 * violations (same {@link violationKey}) are kept once, in first-seen order.
 */
export function runChecks(exchange: Exchange, context: CheckContext, checks: readonly Check[] = allChecks): CheckRun {
  const violations: Violation[] = [];
  const crashes: CheckCrash[] = [];
  const seen = new Set<string>();
  for (const check of checks) {
    let found: Violation[];
    try {
      found = check.run(exchange, context);
    } catch (error) {
      crashes.push({ check: check.id, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    for (const violation of found) {
      const key = violationKey(violation);
      if (seen.has(key)) continue;
      seen.add(key);
      violations.push(violation);
    }
  }
  return { violations, crashes };
}
