/** The differing outcomes of a repeated case, in words: what makes a flaky verdict readable. */
import type { Attempt, ResultStatus } from '../model';
import { headThenTimeout } from './status-text';

/**
 * "503", "200, then a timeout" for an attempt whose answer's head came but not its body (the HTML
 * status cell's words), or "no response" for one that got none (timeout, transport error).
 */
export function receivedText(attempt: Attempt): string {
  if (attempt.receivedStatus !== undefined) return String(attempt.receivedStatus);
  return attempt.headStatus === undefined ? 'no response' : headThenTimeout(attempt.headStatus);
}

/**
 * "passed ×2, failed ×1 (503)": each status with how many attempts had it, in order of first
 * appearance. Received statuses are added for the outcomes that went wrong only: for a pass they
 * are the expected status and would add noise.
 */
export function describeOutcomes(attempts: readonly Attempt[]): string {
  const groups = new Map<ResultStatus, Attempt[]>();
  for (const attempt of attempts) {
    const group = groups.get(attempt.status);
    if (group) group.push(attempt);
    else groups.set(attempt.status, [attempt]);
  }
  const parts: string[] = [];
  for (const [status, group] of groups) {
    const statuses = [...new Set(group.map(receivedText))];
    const detail = status === 'passed' || status === 'skipped' ? '' : ` (${statuses.join(', ')})`;
    parts.push(`${status} ×${group.length}${detail}`);
  }
  return parts.join(', ');
}
