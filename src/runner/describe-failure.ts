/** The text Jest shows for a failed case (junit.xml is rendered from the report): violations, then how to reproduce. */
import type { CaseResult } from '../model';
import { escapeControl } from '../text/plain-text';

export function describeFailure(result: CaseResult): string {
  // The statuses accepted, where one number does not say them (expectedAs): "expected 200 or 400 or 404".
  // A head then a stalled body is no "no response" (status-text's words): what came is said.
  const received = result.receivedStatus ?? (result.headStatus === undefined ? 'no response' : `only the head (status ${result.headStatus}), then a timeout`);
  const lines = [`${result.id}: expected ${result.expectedAs ?? result.expectedStatus}, received ${received}`];
  if (result.errorMessage) lines.push(`  error: ${result.errorMessage}`);
  for (const v of result.violations.filter((x) => x.severity === 'error')) {
    // A place names the target's keys: on its line (escapeControl), as junit.xml's failure text has it.
    lines.push(`  [${v.check}] ${v.title}${v.instancePath ? ` at ${escapeControl(v.instancePath)}` : ''}`);
    for (const line of v.message.split('\n')) lines.push(`    ${line}`);
  }
  if (result.curl) lines.push('  Reproduce with:', `    ${result.curl}`);
  return lines.join('\n');
}
