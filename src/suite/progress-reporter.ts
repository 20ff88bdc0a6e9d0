/**
 * A Jest reporter that prints one line per case as it finishes. Details (violations, curl) come
 * once, after the run, from the console renderer, so a reviewer reads each failure once.
 */
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
      process.stdout.write(`  ${marks[a.status] ?? a.status} ${a.title}${a.status === 'passed' || a.status === 'failed' ? ms : ''}\n`);
    }
  }

  getLastError(): undefined {
    return undefined;
  }
}

module.exports = ProgressReporter;
