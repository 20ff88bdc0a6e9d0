/**
 * Whether a case still failing is the *same* failure as in the baseline. A case id alone is not
 * enough: a case that failed last night with a 422 (status-code-expected) and fails tonight, on
 * some repeats, with a 502 (not-a-server-error) is a new intermittent 5xx, and calling it a known
 * failure would skip it in junit.xml and keep the gate green over it. So a failure is known only
 * when each of tonight's faults — a check and a place (the instance pointer with array indexes as
 * `*`, as the warning digest groups them) — was a fault of the baseline's failure of that case.
 */
import type { CaseResult, ChangedFailure, FailureFault, OmittedViolations as OmittedViolation } from '../model';
import { CHANGED_FAULTS_KEPT } from '../model/result';
import { FLAKY_CHECK } from '../repeat/combine-attempts';
import { pointerPattern } from '../model/violation';
import type { BaselineResult } from './read-baseline';

type Listed = Pick<CaseResult['violations'][number], 'check' | 'instancePath' | 'step'> & { severity?: string };
type Counted = Listed & Pick<OmittedViolation, 'places' | 'placesCut'>;

function faultKey(fault: FailureFault): string {
  return JSON.stringify([fault.check, fault.step ?? null, fault.place, fault.under === true]);
}

/** An error (or a violation of an older report without a severity), other than the flaky verdict. */
function isFault(v: Listed): boolean {
  // A report from an older suite may lack a severity: count it, the safe side for a gate.
  return v.check !== FLAKY_CHECK && (v.severity === undefined || v.severity === 'error');
}

/** Whether the omission lists every place of its errors (an older suite's does not; one over OMITTED_PLACES_KEPT is cut). */
function placesComplete(o: Counted): boolean {
  return o.places !== undefined && o.placesCut !== true;
}

/**
 * The faults of a failure: its error violations by check and place, and its errors only counted:
 * at each place the omission lists, and, where it cannot list them all (an older report's, or more
 * than OMITTED_PLACES_KEPT places), at or under its pointer. A flaky case's errors are those of its
 * failing attempts (a passing attempt has none); the `flaky` violation that says the verdict
 * varied is no fault of the target's answers, so it is left out on both sides.
 */
export function faultsOf(violations: readonly Listed[], omitted: readonly Counted[] = []): FailureFault[] {
  const out = new Map<string, FailureFault>();
  const add = (v: Listed, place: string, under: boolean): void => {
    const fault: FailureFault = { check: v.check, place, ...(v.step === undefined ? {} : { step: v.step }), ...(under ? { under: true as const } : {}) };
    out.set(faultKey(fault), fault);
  };
  for (const v of violations) if (isFault(v)) add(v, pointerPattern(v.instancePath ?? ''), false);
  for (const o of omitted) {
    if (!isFault(o)) continue;
    for (const place of o.places ?? []) add(o, place, false);
    if (!placesComplete(o)) add(o, pointerPattern(o.instancePath ?? ''), true);
  }
  return [...out.values()];
}

/**
 * How tonight's failure of a case differs from the baseline's failure of it; undefined when each
 * of tonight's faults was in the baseline's (a known failure). The baseline's errors only counted
 * are compared by the places its omissions list, so a case with more errors of a check than a
 * report keeps in full is the same failure however its answer ordered them (which 20 were kept).
 * When the baseline cannot show it — an omission of that check without its places (an older
 * suite's) or with more than it lists (`placesCut`), or no violations listed at all — a fault it
 * does not show is new: for a CI gate, a false red costs one look, a false "known" hides a
 * regression for as long as the case keeps failing.
 */
export function changedFailure(now: CaseResult, before: BaselineResult): ChangedFailure | undefined {
  const tonight = faultsOf(now.violations, now.omittedViolations);
  if (before.violations === undefined) {
    return tonight.length === 0 ? undefined : bounded(now.id, tonight, 'unlisted');
  }
  const then = new Set(faultsOf(before.violations, before.omittedViolations).map(faultKey));
  const fresh = tonight.filter((fault) => !then.has(faultKey(fault)));
  if (fresh.length === 0) return undefined;
  // Cut where it matters: errors of the same check (and step) only counted, and not all of their
  // places listed, among which a fault the baseline does not show may have been. A cut of
  // another check's errors, or one whose places are all listed, proves nothing here.
  const unlisted = (before.omittedViolations ?? []).filter((o) => isFault(o) && !placesComplete(o));
  const cut = fresh.some((f) => unlisted.some((c) => c.check === f.check && c.step === f.step));
  if (cut) return bounded(now.id, fresh, 'cut');
  // Every new fault at a step the baseline's run of the case never reached (a sequence stops at its
  // first failure: last night's 503 on the first read hid the later read's break of the night
  // before): still new, the baseline cannot show it, but "now also" would date it to tonight.
  // The baseline is anyone's file and its schema leaves steps open: only a list of step objects counts.
  // With --repeat its steps are one repeat's (the first failing): a repeat that passed reached every step, without the fault.
  const passedOnce = Array.isArray(before.attempts) && before.attempts.some((attempt: unknown) => typeof attempt === 'object' && attempt !== null && (attempt as { status?: unknown }).status === 'passed');
  const steps: readonly unknown[] = Array.isArray(before.steps) && !passedOnce ? before.steps : [];
  const unreached = new Set(steps.flatMap((step) => (isUnreachedStep(step) ? [step.id] : [])));
  const notReached = fresh.every((f) => f.step !== undefined && unreached.has(f.step));
  return bounded(now.id, fresh, notReached ? 'not-reached' : undefined);
}

/** A step of the baseline's that was never sent: skipped after an earlier failure, or not sent. */
function isUnreachedStep(step: unknown): step is { id: string } {
  if (typeof step !== 'object' || step === null) return false;
  const { id, status, notSent } = step as Record<string, unknown>;
  return typeof id === 'string' && (status === 'skipped' || notSent === true);
}

function bounded(id: string, faults: readonly FailureFault[], incomplete: ChangedFailure['baselineIncomplete']): ChangedFailure {
  const changed: ChangedFailure = { id, newFaults: faults.slice(0, CHANGED_FAULTS_KEPT) };
  if (faults.length > CHANGED_FAULTS_KEPT) changed.moreNewFaults = faults.length - CHANGED_FAULTS_KEPT;
  if (incomplete !== undefined) changed.baselineIncomplete = incomplete;
  return changed;
}
