/**
 * A Jest reporter that prints one line per case as it finishes. Details (violations, curl) come
 * once, after the run, from the console renderer, so a reviewer reads each failure once. A case
 * that fails in Jest's eyes but was not judged (a final 429) reads ERROR, and a flaky one FLAKY, as in the summary.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { activeEngine } from '../runner/suite-session';

/**
 * Jest's "Determining test suites to run..." line: its runCLI writes it to stdout in a terminal
 * before the run, and its own reporters take it back as the run starts. Taken back here with the
 * jest-util of the @jest/core that wrote it (so exactly when it was written), or not at all.
 */
function removePreRunMessage(): void {
  try {
    const core = require.resolve('@jest/core', { paths: [dirname(require.resolve('jest'))] });
    (createRequire(core)('jest-util') as { preRunMessage: { remove: (stream: NodeJS.WriteStream) => void } }).preRunMessage.remove(process.stdout);
  } catch {
    // Another Jest's layout: its line stays, as it was.
  }
}

interface AssertionLike {
  title: string;
  status: string;
  duration?: number | null;
}

const marks: Record<string, string> = { passed: 'ok  ', failed: 'FAIL', pending: 'skip', skipped: 'skip', todo: 'skip' };

function line(a: AssertionLike): string {
  // The engine's figure is the one every report shows (with --repeat, the repeats' median, not
  // Jest's wall time of all of them, which read as a latency three times the real one).
  const recorded = activeEngine()?.durationOf?.(a.title);
  // Recorded durations are stored to 0.1 ms already (transport/elapsed-ms.ts): shown as they are.
  const ms = recorded !== undefined ? ` (${recorded} ms)` : typeof a.duration === 'number' ? ` (${a.duration} ms)` : '';
  // Jest fails a case not judged and a flaky one as it fails a failed one; the line says which, as
  // the closing sections do (a flaky case passes under --allow-flaky: FAIL would read as a failure).
  const recordedStatus = a.status === 'failed' ? activeEngine()?.statusOf?.(a.title) : undefined;
  const mark = recordedStatus === 'error' ? 'ERROR' : recordedStatus === 'flaky' ? 'FLAKY' : marks[a.status] ?? a.status;
  return `  ${mark} ${a.title}${a.status === 'passed' || a.status === 'failed' ? ms : ''}\n`;
}

export default class ProgressReporter {
  /** false (a run from code): no line at all; the reporter only takes Jest's own line back. */
  private readonly lines: boolean;

  constructor(_globalConfig?: unknown, options?: { lines?: boolean }) {
    this.lines = options?.lines !== false;
  }

  /** Jest's pre-run line is on screen in a terminal: gone before the first case's line. */
  onRunStart(): void {
    removePreRunMessage();
  }

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
    if (!this.lines) return;
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
    if (this.lines && !this.stopped) this.flush();
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
    if (this.streamed || !this.lines) return;
    for (const a of result.testResults) this.write(line(a));
  }

  getLastError(): undefined {
    return undefined;
  }
}

module.exports = ProgressReporter;
