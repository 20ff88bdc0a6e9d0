/**
 * Whether a case still failing is the *same* failure as in the baseline. A case id alone is not
 * enough: a case that failed last night with a 422 (status-code-expected) and fails tonight, on
 * some repeats, with a 502 (not-a-server-error) is a new intermittent 5xx, and calling it a known
 * failure would skip it in junit.xml and keep the gate green over it. So a failure is known only
 * when each of tonight's faults — a check and a place (the instance pointer with array indexes as
 * `*`, as the warning digest groups them) — was a fault of the baseline's failure of that case.
 */
import type { CaseResult, ChangedFailure, FailureFault } from '../model';
import { CHANGED_FAULTS_KEPT } from '../model/result';
import { FLAKY_CHECK } from '../repeat/combine-attempts';
import { pointerPattern } from '../report/warning-digest';
import type { BaselineResult } from './read-baseline';

type Listed = Pick<CaseResult['violations'][number], 'check' | 'instancePath' | 'step'> & { severity?: string };

function faultKey(fault: FailureFault): string {
  return JSON.stringify([fault.check, fault.step ?? null, fault.place, fault.under === true]);
}

/**
 * The faults of a failure: its error violations by check and place, and its errors only counted
 * (at or under a place). A flaky case's errors are those of its failing attempts (a passing
 * attempt has none); the `flaky` violation that says the verdict varied is no fault of the target's
 * answers, so it is left out on both sides.
 */
export function faultsOf(violations: readonly Listed[], omitted: readonly Listed[] = []): FailureFault[] {
  const out = new Map<string, FailureFault>();
  const add = (v: Listed, under: boolean): void => {
    // A report from an older suite may lack a severity: count it, the safe side for a gate.
    if (v.check === FLAKY_CHECK || (v.severity !== undefined && v.severity !== 'error')) return;
    const fault: FailureFault = { check: v.check, place: pointerPattern(v.instancePath ?? ''), ...(v.step === undefined ? {} : { step: v.step }), ...(under ? { under: true as const } : {}) };
    out.set(faultKey(fault), fault);
  };
  for (const v of violations) add(v, false);
  for (const o of omitted) add(o, true);
  return [...out.values()];
}

/**
 * How tonight's failure of a case differs from the baseline's failure of it; undefined when each
 * of tonight's faults was in the baseline's (a known failure). When the baseline cannot show it —
 * its list of the case's errors was cut (some only counted), or it lists no violations at all (an
 * older suite) — a fault it does not show is new: for a CI gate, a false red costs one look, a
 * false "known" hides a regression for as long as the case keeps failing.
 */
export function changedFailure(now: CaseResult, before: BaselineResult): ChangedFailure | undefined {
  const tonight = faultsOf(now.violations, now.omittedViolations);
  if (before.violations === undefined) {
    return tonight.length === 0 ? undefined : bounded(now.id, tonight, 'unlisted');
  }
  const then = new Set(faultsOf(before.violations, before.omittedViolations).map(faultKey));
  const fresh = tonight.filter((fault) => !then.has(faultKey(fault)));
  if (fresh.length === 0) return undefined;
  // Cut where it matters: errors of the same check (and step) only counted, among which a fault
  // the kept list does not show may have been. A cut of another check's errors proves nothing here.
  const counted = faultsOf([], before.omittedViolations);
  const cut = fresh.some((f) => counted.some((c) => c.check === f.check && c.step === f.step));
  return bounded(now.id, fresh, cut ? 'cut' : undefined);
}

function bounded(id: string, faults: readonly FailureFault[], incomplete: ChangedFailure['baselineIncomplete']): ChangedFailure {
  const changed: ChangedFailure = { id, newFaults: faults.slice(0, CHANGED_FAULTS_KEPT) };
  if (faults.length > CHANGED_FAULTS_KEPT) changed.moreNewFaults = faults.length - CHANGED_FAULTS_KEPT;
  if (incomplete !== undefined) changed.baselineIncomplete = incomplete;
  return changed;
}
