/** The status part of a failed case's header, worded so a right status never reads as a mismatch. */
import type { CaseResult } from '../model';

/**
 * "status 200 as expected" when the status was right (the body was what failed), "expected 401,
 * received 404" when it was not, and "no response" when none came (timeout, transport error).
 * Saying "expected 200, received 200" would read as a contradiction.
 */
export function statusNote(result: Pick<CaseResult, 'expectedStatus' | 'receivedStatus'>): string {
  if (result.receivedStatus === undefined) return 'no response';
  if (result.receivedStatus === result.expectedStatus) return `status ${result.receivedStatus} as expected`;
  return `expected ${result.expectedStatus}, received ${result.receivedStatus}`;
}
