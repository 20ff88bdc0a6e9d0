/**
 * A Jest reporter that prints one line per case as it finishes. Details (violations, curl) come
 * once, after the run, from the console renderer, so a reviewer reads each failure once. A case
 * that fails in Jest's eyes but was not judged (a final 429) reads ERROR, and a flaky one FLAKY, as in the summary;
 * with --allow-flaky and a baseline, FLAKY says its verdict waits for the baseline comparison (flakyFailing).
 * A skip's reason is left to the listing after the run; a read-only run's write skips are one line
 * per operation, and a target lost mid-run one line as it happens and, per operation, one count for the cases it cut short;
 * an upstream gone behind the target's front (a row of gateway errors) one line as it is found, and one if the API answers again.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { activeEngine } from '../runner/suite-session';
import type { UpstreamRowSeen } from '../runner/suite-engine';
import { NO_WRITES_REASON } from '../model/result';
import { escapeControl } from '../text/plain-text';

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

/** The suite's title of a skipped case ends " (skipped: REASON)" (operations.conformance.ts). */
const SKIP_SUFFIX = / \(skipped: [\s\S]*\)$/;

/** Whether Jest's result is a case skipped because the run may not write (no --allow-writes). */
function isNoWritesSkip(a: AssertionLike): boolean {
  return marks[a.status] === 'skip' && a.title.endsWith(` (skipped: ${NO_WRITES_REASON})`);
}

/** "startWhatsAppHistorySync" of "startWhatsAppHistorySync/no-waba: …": a case's id starts with its operation's. */
function operationOf(title: string): string {
  return title.slice(0, Math.max(0, title.indexOf('/')));
}

/**
 * After a flaky case's line when --allow-flaky meets a baseline: the flag then lets a flaky case pass
 * only if the baseline failed it with the same faults (flakyFailing, after the run), so a bare FLAKY
 * read as allowed for a case the verdict then fails.
 */
const FLAKY_AFTER_BASELINE = ' (verdict after the baseline comparison)';

function line(a: AssertionLike, flakyVerdictAfterBaseline = false): string {
  // The engine's figure is the one every report shows (with --repeat, the repeats' median, not
  // Jest's wall time of all of them, which read as a latency three times the real one).
  const recorded = activeEngine()?.durationOf?.(a.title);
  // Recorded durations are stored to 0.1 ms already (transport/elapsed-ms.ts): shown as they are.
  const ms = recorded !== undefined ? ` (${recorded} ms)` : typeof a.duration === 'number' ? ` (${a.duration} ms)` : '';
  // Jest fails a case not judged and a flaky one as it fails a failed one; the line says which, as
  // the closing sections do (a flaky case passes under --allow-flaky: FAIL would read as a failure).
  const recordedStatus = a.status === 'failed' ? activeEngine()?.statusOf?.(a.title) : undefined;
  // A replayed case whose recording lacks a step is judged on no answer: the replay ends with exit 2
  // and that reason, so a FAIL here would blame the target for the recording's gap.
  const gap = a.status === 'failed' && activeEngine()?.lacksRecordedStep?.(a.title) === true;
  const mark = gap || recordedStatus === 'error' ? 'ERROR' : recordedStatus === 'flaky' ? 'FLAKY' : marks[a.status] ?? a.status;
  // A skip's reason is said once, after the run, with every case it skipped (as a failure's details
  // are): per case here, a fixture left unset repeated one long sentence for each case of its role.
  // Escaped: a case id carries its sender id, configured or read from a recording, which may hold a
  // bidi override or a zero-width character (a line that reads otherwise than it is), as every report escapes it.
  const title = escapeControl(mark === 'skip' ? a.title.replace(SKIP_SUFFIX, '') : a.title);
  if (gap) return `  ${mark} ${title} (not judged: its recording lacks a step, said after the run)\n`;
  const wait = mark === 'FLAKY' && flakyVerdictAfterBaseline ? FLAKY_AFTER_BASELINE : '';
  return `  ${mark} ${title}${a.status === 'passed' || a.status === 'failed' ? ms : ''}${wait}\n`;
}

/** "skip startWhatsAppHistorySync: 48 cases that write (…)": an operation's write skips, once. */
function foldLine(fold: { operation: string; count: number }): string {
  return `  skip ${fold.operation}: ${fold.count} ${fold.count === 1 ? 'case' : 'cases'} that write (${NO_WRITES_REASON}; listed after the run)\n`;
}

/** "ERROR 30 cases of getWhatsAppSyncStatus not sent: …": an operation's cases the loss cut short, once. */
function cutLine(cut: { operation: string; count: number }): string {
  return `  ERROR ${cut.count} ${cut.count === 1 ? 'case' : 'cases'} of ${cut.operation} not sent: the target was lost mid-run (each in the reports)\n`;
}

/** Said once, as the target is lost: no more is sent, and each case after it would otherwise be one ERROR line. */
const LOST_LINE = '  target lost: no answer to the last requests, so nothing more is sent and the cases after this are not judged (where and why: TARGET LOST, after the run)\n';

/**
 * "upstream down?: from GET … on, …": the row of gateway errors after the API's answers, said when
 * found, once (a replay's engine has none to say: suite-engine.ts upstreamRow). The reports' line after
 * the run (UPSTREAM DOWN?) stays the verdict on it: the API may answer again, and more often.
 */
function upstreamLine(row: UpstreamRowSeen): string {
  return (
    `  upstream down?: from ${row.at} on, the target answered ${row.after} requests in a row with a gateway error (${row.statuses}, the first ${row.form}), not the contract's JSON error, after it had answered as the API: ` +
    'its upstream may have gone down behind its front; the run goes on, and the cases that fail on these answers likely fail on this one cause (whether it lasted: UPSTREAM DOWN?, after the run)\n'
  );
}

/** "upstream back?: …": the API answering again after the row, once, so the line above is not the live log's last word on it. */
function upstreamBackLine(back: string): string {
  return `  upstream back?: the target answered as the API again at ${back}; whether the row above was its upstream gone or a burst is said after the run (UPSTREAM DOWN? there unless the API answered more often than the front from the row on)\n`;
}

export default class ProgressReporter {
  /** false (a run from code): no line at all; the reporter only takes Jest's own line back. */
  private readonly lines: boolean;

  /** --allow-flaky with a baseline: a flaky case's verdict is known only after the run (FLAKY_AFTER_BASELINE). */
  private readonly flakyVerdictAfterBaseline: boolean;

  constructor(_globalConfig?: unknown, options?: { lines?: boolean; flakyVerdictAfterBaseline?: boolean }) {
    this.lines = options?.lines !== false;
    this.flakyVerdictAfterBaseline = options?.flakyVerdictAfterBaseline === true;
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

  /**
   * The write skips of a read-only run, counted for the operation they belong to and said in one
   * line when its cases end (~43 "skip … writes not allowed" lines per operation buried the run's story).
   */
  private fold: { operation: string; count: number } | undefined;

  /**
   * The loss of the target, said when it happened; the cases it cut short, counted per operation
   * and said as that operation's cases end (as its write skips are). Counted for one line at the
   * end of the run, the count came after every later operation's skip lines, far from the loss.
   */
  private lossSaid = false;
  private cut: { operation: string; count: number } | undefined;

  /** The row of gateway errors, and the API answering again after it: each said once, when the engine first has it. */
  private upstreamSaid = false;
  private upstreamBackSaid = false;

  onTestCaseResult(_test: unknown, result: AssertionLike): void {
    this.streamed = true;
    if (!this.lines) return;
    if (this.stopped) return;
    const engine = activeEngine();
    if (engine?.silence?.() !== undefined && result.status !== 'passed') {
      this.stopped = true;
      this.held = [];
      this.fold = undefined;
      process.stdout.write(`  stopped: the target cannot be judged (it answers nothing the suite can read, or refuses the key), so nothing more is sent and no case is judged${this.printed ? ', the ones above included' : ''} (the reason follows)\n`);
      return;
    }
    this.take(result);
  }

  /** One case's line, or its part in a folded one; then the row of gateway errors, when found since. */
  private take(result: AssertionLike): void {
    this.takeCase(result);
    this.sayUpstream();
  }

  private takeCase(result: AssertionLike): void {
    const engine = activeEngine();
    const operation = operationOf(result.title);
    if (this.cut !== undefined && this.cut.operation !== operation) this.endCut();
    if (this.fold !== undefined && this.fold.operation !== operation) this.endFold();
    if (engine?.cutByLoss?.(result.title) === true) {
      this.sayLoss();
      if (this.cut === undefined) this.cut = { operation, count: 0 };
      this.cut.count += 1;
      return;
    }
    if (isNoWritesSkip(result)) {
      if (this.fold === undefined) this.fold = { operation, count: 0 };
      this.fold.count += 1;
      return;
    }
    this.emit(line(result, this.flakyVerdictAfterBaseline));
    if (engine?.lost?.() !== undefined) this.sayLoss();
  }

  /** The operation's cases the loss cut short, said as its cases end. */
  private endCut(): void {
    const cut = this.cut;
    this.cut = undefined;
    if (cut !== undefined) this.emit(cutLine(cut));
  }

  /** The operation's write skips, said as its cases end. */
  private endFold(): void {
    const fold = this.fold;
    this.fold = undefined;
    if (fold !== undefined) this.emit(foldLine(fold));
  }

  private sayUpstream(): void {
    const row = activeEngine()?.upstreamRow?.();
    if (row === undefined) return;
    if (!this.upstreamSaid) {
      this.upstreamSaid = true;
      this.emit(upstreamLine(row));
    }
    if (row.back !== undefined && !this.upstreamBackSaid) {
      this.upstreamBackSaid = true;
      this.emit(upstreamBackLine(row.back));
    }
  }

  private sayLoss(): void {
    if (this.lossSaid) return;
    this.lossSaid = true;
    // A row of gateway errors found before the loss (at --concurrency, both since the last case
    // ended) is said before it, in the order they came: after it, "the run goes on" would be wrong.
    this.sayUpstream();
    this.emit(LOST_LINE);
  }

  /** A line now, or held while the target's first answers may still stop the run. */
  private emit(text: string): void {
    if (activeEngine()?.undecided?.() === true) {
      this.held.push(text);
      return;
    }
    this.flush();
    this.write(text);
  }

  /** The run ended before the target decided either way (fewer cases than the guard's count): the held lines as they are. */
  onRunComplete(): void {
    if (this.lines && !this.stopped) this.finish();
  }

  /** The held lines, and the last operation's cases the loss cut short and its write skips. */
  private finish(): void {
    this.flush();
    const { cut, fold } = this;
    this.cut = undefined;
    this.fold = undefined;
    // Written, not held: the run is over, nothing more can decide it.
    if (cut !== undefined) this.write(cutLine(cut));
    if (fold !== undefined) this.write(foldLine(fold));
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
    for (const a of result.testResults) this.take(a);
    this.finish();
  }

  getLastError(): undefined {
    return undefined;
  }
}

module.exports = ProgressReporter;
