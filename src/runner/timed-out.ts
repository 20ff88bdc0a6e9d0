/**
 * The result of a case stopped at its timeout (the suite's test runner aborts its signal when
 * Jest's timeout for it runs out). What it got to is kept (its steps, the findings of the answers
 * it had), but it is an error, not a verdict: its remaining steps were not sent, so a pass would
 * say more than was tested and a failure would blame the target for the suite's bound.
 */
import type { CaseResult } from '../model';

/** Said first in the result's error, before what the step it stopped at says (its request not sent). */
export const TIMED_OUT_NOTE = "timed out: Jest's timeout for the case ran out and it was stopped; nothing of it was sent after that, and the next case began only once the request it had on the wire had ended";

export function timedOut(result: CaseResult): CaseResult {
  return { ...result, status: 'error', errorMessage: result.errorMessage === undefined ? TIMED_OUT_NOTE : `${TIMED_OUT_NOTE}; ${result.errorMessage}` };
}
