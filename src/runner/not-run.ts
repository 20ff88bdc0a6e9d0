/**
 * When a run stops before its verdict (target unreachable, bad spec or recording, an interruption), the reports
 * folder must not keep saying what an earlier run found: the earlier reports are removed and
 * summary.md says the run did not happen, and why. A CI step that posts summary.md with
 * `if: always()` then posts the truth.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { atomicWriteFileSync } from '../files/atomic-write';
import { REPORT_FILES } from '../report/write-reports';

/** Synchronous, so a signal's handler can finish it before the process exits; returns the summary's path. */
export function markNotRun(reportsDir: string, message: string, exitCode: number): string {
  for (const file of Object.values(REPORT_FILES)) rmSync(join(reportsDir, file), { force: true });
  const text = ['### Zavu conformance: NOT RUN', '', `\`${message.replace(/`/g, "'")}\``, '', `Exit code ${exitCode}: no case was judged, so there is no verdict.`, ''].join('\n');
  const summary = join(reportsDir, REPORT_FILES.markdown);
  atomicWriteFileSync(summary, text);
  return summary;
}
