/** The status part of a failed case's header, worded so a right status never reads as a mismatch. */
import type { CaseResult } from '../model';

/**
 * How the received status compares with the expected one. statusNote words it for the console and
 * the failure list, html-details at more length for the page (it repeats the expected status);
 * both decide with this one rule, so a right status reads as right everywhere.
 */
export type StatusComparison = { kind: 'no-response' } | { kind: 'as-expected' | 'mismatch'; received: number };

export function compareStatus(result: Pick<CaseResult, 'expectedStatus' | 'receivedStatus'>): StatusComparison {
  const received = result.receivedStatus;
  if (received === undefined) return { kind: 'no-response' };
  return { kind: received === result.expectedStatus ? 'as-expected' : 'mismatch', received };
}

/**
 * "status 200 as expected" when the status was right (the body was what failed), "expected 401,
 * received 404" when it was not, and "no response" when none came (timeout, transport error).
 * Saying "expected 200, received 200" would read as a contradiction.
 */
export function statusNote(result: Pick<CaseResult, 'expectedStatus' | 'receivedStatus'>): string {
  const status = compareStatus(result);
  if (status.kind === 'no-response') return 'no response';
  if (status.kind === 'as-expected') return `status ${status.received} as expected`;
  return `expected ${result.expectedStatus}, received ${status.received}`;
}
