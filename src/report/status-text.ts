/**
 * The status part of a case's or a step's story, worded so a right status never reads as a
 * mismatch, and the steps of a sequence in one line each. Shared by every renderer.
 */
import type { CaseResult, StepResult } from '../model';

/**
 * How the received status compares with the expected one. statusNote words it for the console and
 * the failure list, html-details at more length for the page (it repeats the expected status);
 * both decide with this one rule, so a right status reads as right everywhere.
 */
export type StatusComparison = { kind: 'no-response' } | { kind: 'head-only'; head: number } | { kind: 'as-expected' | 'accepted' | 'mismatch'; received: number };

type Statuses = Pick<CaseResult, 'expectedStatus' | 'receivedStatus' | 'expectedAs' | 'headStatus'>;

/**
 * What the status was judged against, in words: the statuses accepted or the answer it was bound
 * to (expectedAs) where the one number does not say it, else that number. A credential row bound
 * to the unknown id accepts its 404 as it accepts 200: "expected 200" beside a 404 that passed
 * read as a contradiction.
 */
export function expectedText(of: Statuses): string | undefined {
  return of.expectedAs ?? (of.expectedStatus === undefined ? undefined : String(of.expectedStatus));
}

/** "accepted in place of 401", or with the statuses accepted, "accepted (expected 200 or 400 or 404)". */
export function acceptedNote(of: Statuses): string {
  return of.expectedAs === undefined ? `accepted in place of ${of.expectedStatus ?? ''}` : `accepted (expected ${of.expectedAs})`;
}

/**
 * `accepted`: the status check let this status stand for the expected one (a row that takes any
 * client error as good, a router's own 404, a redirect to the same path): it reads as accepted,
 * not as the mismatch that failed the case.
 */
export function compareStatus(result: Statuses, accepted = false): StatusComparison {
  const received = result.receivedStatus;
  // A head then a stalled body: what came is said, the status never judged (no whole answer was read).
  if (received === undefined) return result.headStatus === undefined ? { kind: 'no-response' } : { kind: 'head-only', head: result.headStatus };
  if (received === result.expectedStatus) return { kind: 'as-expected', received };
  return { kind: accepted && result.expectedStatus !== undefined ? 'accepted' : 'mismatch', received };
}

/**
 * Whether the status of `result` (or of its `step`) was judged and let stand although it is not
 * the expected one: a passed step's was; otherwise the status check said nothing of that exchange
 * (neither kept nor counted), in a case the suite judged (not an error of its own).
 */
export function statusAccepted(result: Pick<CaseResult, 'status' | 'violations' | 'omittedViolations'>, step?: StepResult): boolean {
  if (step !== undefined && step.status === 'passed') return true;
  if (result.status === 'error' || step?.status === 'error' || step?.notSent === true) return false;
  // Without a step, any step's: a sequence's own statuses are one of its steps', and which is not said.
  const ofThisExchange = (v: { check: string; step?: string }): boolean => v.check === 'status-code-expected' && (step === undefined || v.step === step.id);
  return !result.violations.some(ofThisExchange) && !(result.omittedViolations ?? []).some(ofThisExchange);
}

/** "200, then a timeout": the received words of an answer whose head came but not its body (the HTML status cell's and a flaky case's outcomes'). */
export function headThenTimeout(head: number): string {
  return `${head}, then a timeout`;
}

/**
 * "status 200 as expected" when the status was right (the body was what failed), "expected 401,
 * received 404" when it was not, "no response" when none came (timeout, transport error, a
 * step never reached), and "timeout after the head (status 200)" when only the answer's head came. Saying "expected 200, received 200" would read as a contradiction. An
 * expectation a sequence predicts from an earlier step may be absent: "received 404" alone.
 */
export function statusNote(result: Statuses, accepted = false): string {
  const status = compareStatus(result, accepted);
  if (status.kind === 'no-response') return 'no response';
  if (status.kind === 'head-only') return `timeout after the head (status ${status.head})`;
  if (status.kind === 'as-expected') return `status ${status.received} as expected`;
  if (status.kind === 'accepted') return `status ${status.received} ${acceptedNote(result)}`;
  const expected = expectedText(result);
  return expected === undefined ? `received ${status.received}` : `expected ${expected}, received ${status.received}`;
}

/** The step a failed sequence stopped at (`failedStep`), when it has one. */
export function failingStep(result: Pick<CaseResult, 'steps' | 'failedStep'>): StepResult | undefined {
  return result.failedStep === undefined ? undefined : result.steps?.find((step) => step.id === result.failedStep);
}

/**
 * "start (POST /v1/senders/{senderId}/whatsapp-sync/history): expected 202, received 400 — failed":
 * a step's id, operation and statuses, its verdict added when it is not a pass ("not run" for a
 * step the sequence never reached).
 */
export function stepLine(step: StepResult, result: Pick<CaseResult, 'status' | 'violations' | 'omittedViolations'>): string {
  const verdict = step.status === 'passed' || notRun(step) ? '' : ` — ${step.status}`;
  return `${stepWhere(step)}: ${stepStatus(step, statusAccepted(result, step))}${verdict}`;
}

function notRun(step: StepResult): boolean {
  return step.status === 'skipped' && step.receivedStatus === undefined;
}

function stepWhere(step: StepResult): string {
  return `${step.id} (${step.operation})`;
}

function stepStatus(step: StepResult, accepted: boolean): string {
  if (notRun(step)) return 'not run';
  // Not "no response": nothing was sent, so nothing timed out.
  if (step.notSent === true) return 'not sent (its expected answer could not be predicted)';
  // Copies sent at once: every copy's status, not only the accepted one's (a 202 and a 500 would
  // read "status 202 as expected — failed").
  return step.receivedStatuses === undefined ? statusNote(step, accepted) : copiesNote(step);
}

/** "2 copies sent at once, received 202, no response; expected one 202, the others 400". */
export function copiesNote(step: Pick<StepResult, 'expectedStatus' | 'receivedStatuses'>): string {
  const statuses = step.receivedStatuses ?? [];
  const received = statuses.map((status) => (status === 0 ? 'no response' : String(status))).join(', ');
  const expected = step.expectedStatus === undefined ? '' : step.expectedStatus === 202 ? '; expected one 202, the others 400' : `; expected ${step.expectedStatus} each`;
  return `${statuses.length} copies sent at once, received ${received}${expected}`;
}

/**
 * What a failed case's header says about status: its own note, or for a sequence, which step
 * failed and that step's note ("at step start (POST …): expected 202, received 400").
 */
export function caseStatusNote(result: CaseResult): string {
  const step = failingStep(result);
  return step === undefined ? statusNote(result, statusAccepted(result)) : `at step ${stepWhere(step)}: ${stepStatus(step, statusAccepted(result, step))}`;
}
