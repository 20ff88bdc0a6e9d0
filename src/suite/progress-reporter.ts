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

function line(a: AssertionLike): string {
  const ms = typeof a.duration === 'number' ? ` (${a.duration} ms)` : '';
  const mark = a.status === 'failed' && activeEngine()?.statusOf?.(a.title) === 'error' ? 'ERROR' : marks[a.status] ?? a.status;
  return `  ${mark} ${a.title}${a.status === 'passed' || a.status === 'failed' ? ms : ''}\n`;
}

export default class ProgressReporter {
  /** Cases already printed as they ended: a slow target's run shows its progress, not ten silent minutes. */
  private streamed = false;

  /** Said once: the cases after the stop (a silent target, a refused key) are not sent, so they get no line each. */
  private stopped = false;

  /**
   * Lines held back while the target's first answers may still stop the run: a case that ended then
   * (failed on a timeout or a 401 to the key) is one the stop leaves unjudged, and a FAIL or ok line
   * would say otherwise. Printed once the target has shown it can be judged; dropped when the run stops.
   */
  private held: string[] = [];

  /** Whether a case's line is out: the stop then says those are not judged either. */
  private printed = false;

  onTestCaseResult(_test: unknown, result: AssertionLike): void {
    this.streamed = true;
    if (this.stopped) return;
    const engine = activeEngine();
    if (engine?.silence?.() !== undefined && result.status !== 'passed') {
      this.stopped = true;
      this.held = [];
      process.stdout.write(`  stopped: the target cannot be judged (it answers nothing, or refuses the key), so nothing more is sent and no case is judged${this.printed ? ', the ones above included' : ''} (the reason follows)\n`);
      return;
    }
    if (engine?.undecided?.() === true) {
      this.held.push(line(result));
      return;
    }
    this.flush();
    this.write(line(result));
  }

  /** The run ended before the target decided either way (fewer cases than the guard's count): the held lines as they are. */
  onRunComplete(): void {
    if (!this.stopped) this.flush();
  }

  private flush(): void {
    for (const held of this.held.splice(0)) this.write(held);
  }

  private write(text: string): void {
    this.printed = true;
    process.stdout.write(text);
  }

  /** Nothing came case by case (a Jest that hands the runner no channel to its reporters, one that failed): every case now. */
  onTestResult(_test: unknown, result: { testResults: AssertionLike[]; testExecError?: { message: string } }): void {
    if (this.streamed) return;
    for (const a of result.testResults) this.write(line(a));
  }

  getLastError(): undefined {
    return undefined;
  }
}

module.exports = ProgressReporter;
