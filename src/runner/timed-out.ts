/**
 * The result of a case the suite's test runner stopped (it aborts the case's signal when Jest's
 * timeout for it runs out, or when an error nothing awaited failed its test). What it got to is kept (its steps, the findings of the answers
 * it had), but it is an error, not a verdict: its remaining steps were not sent, so a pass would
 * say more than was tested and a failure would blame the target for the suite's bound.
 */
import type { CaseResult } from '../model';
import type { StopCause } from '../recording/zavu-fields';

/** Said first in the result's error, before what the step it stopped at says (its request not sent). */
export const TIMED_OUT_NOTE = "timed out: Jest's timeout for the case ran out and it was stopped; nothing of it was sent after that, and the next case began only once the request it had on the wire had ended";

/**
 * The reason the suite's test runner aborts a test's signal with when an error nothing awaited
 * failed it (not its timeout): a plain string, read across the sandbox's realm as it is.
 */
export const STOPPED_BY_STRAY_ERROR = 'stopped: an error nothing awaited failed its test';

/** Said first instead when an error nothing awaited failed the case's test: its time had not run out. */
export const STRAY_STOP_NOTE = "stopped: an error nothing awaited failed its test (in the suite, or in the process of a run from code: not the target's doing), and it was stopped; nothing of it was sent after that, and the next case began only once the request it had on the wire had ended";

/** Why a case was stopped, from its signal's reason: as a recording keeps it (log._zavu.stopped). */
export function stopCauseOf(reason: unknown): StopCause {
  return reason === STOPPED_BY_STRAY_ERROR ? 'stray-error' : 'timeout';
}

/**
 * A replay's result of a case its recorded run stopped: the error the live run reported, whatever
 * the replay judged of what was recorded (its answers came in; the stop that made them no verdict
 * is the recording's to say).
 */
export function stoppedAsRecorded(result: CaseResult, cause: StopCause): CaseResult {
  return timedOut(result, cause === 'stray-error' ? STOPPED_BY_STRAY_ERROR : undefined);
}

/** `reason`: the signal's (STOPPED_BY_STRAY_ERROR, or the timeout's). */
export function timedOut(result: CaseResult, reason?: unknown): CaseResult {
  const note = reason === STOPPED_BY_STRAY_ERROR ? STRAY_STOP_NOTE : TIMED_OUT_NOTE;
  return { ...result, status: 'error', errorMessage: result.errorMessage === undefined ? note : `${note}; ${result.errorMessage}` };
}
