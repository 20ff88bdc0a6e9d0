/**
 * A Jest reporter that prints one line per case as it finishes. Details (violations, curl) come
 * once, after the run, from the console renderer, so a reviewer reads each failure once. A case
 * that fails in Jest's eyes but was not judged (a final 429) reads ERROR, as in the summary.
 */
import { activeEngine } from '../runner/suite-session';

interface AssertionLike {
  title: string;
  status: string;
  duration?: number | null;
}

const marks: Record<string, string> = { passed: 'ok  ', failed: 'FAIL', pending: 'skip', skipped: 'skip', todo: 'skip' };

export default class ProgressReporter {
  onTestResult(_test: unknown, result: { testResults: AssertionLike[]; testExecError?: { message: string } }): void {
    for (const a of result.testResults) {
      const ms = typeof a.duration === 'number' ? ` (${a.duration} ms)` : '';
      const mark = a.status === 'failed' && activeEngine()?.statusOf?.(a.title) === 'error' ? 'ERROR' : marks[a.status] ?? a.status;
      process.stdout.write(`  ${mark} ${a.title}${a.status === 'passed' || a.status === 'failed' ? ms : ''}\n`);
    }
  }

  getLastError(): undefined {
    return undefined;
  }
}

module.exports = ProgressReporter;
