/**
 * How a command that writes a verdict into a reports folder (run, merge) stops on a signal: before
 * the verdict the earlier reports give way to NOT RUN, after it they stand; one line either way,
 * and the exit code is the signal's. One place, so a merge cannot answer a cancelled CI job
 * otherwise than the run it merges.
 */
import { join } from 'node:path';
import { stopWrites } from '../files/atomic-write';
import { REPORT_FILES } from '../report/report-files';
import { INTERRUPTED_VERDICT, markNotRun } from '../runner/not-run';
import type { RecordInterruption, ShardNightOf } from '../runner/run-conformance';
import { textScrubber } from '../runner/scrub-result';
import { firstLineOf } from '../text/plain-text';
import { exitWith, INTERRUPTIONS, onInterruption, onParentGone } from './cli-support';

/** Who stops: the name its lines start with, and what it may still write after its verdict (said if a signal cuts that short). */
export interface Interruptible {
  /** `zavu-conformance run`, `zavu-conformance merge`: as failLine names the command. */
  program: string;
  /** `the history store`: what may lack the run when a signal lands after its verdict. */
  afterVerdict: string;
  /**
   * A record run's recordings folder. Nothing is written there before the verdict (the recording
   * is put together after it, from entries kept elsewhere), and a folder made for the run goes
   * with the process: stopped before its verdict, the line says the folder was left as it was.
   */
  recordings?: string;
}

/**
 * Until the command settles, an interruption ends it as a failure before the verdict does: the earlier
 * reports go and summary.md says NOT RUN and why (a CI step posting it with `if: always()` after a
 * cancel must not post an old verdict), one line says so, and the exit code is the signal's. Once
 * the reports hold this run's verdict (`verdictWritten`), an interruption keeps them: the line
 * then says what may lack the run. Before the verdict, with --history,
 * the night goes into the store as not run, with why (`onNight`: the command hands over how, once
 * the run is a night of its target), as a target that was down leaves it; the NOT RUN keeps the
 * command's notes (handed over with the night, or before it: `onNotes`). A second signal meets no
 * handler and ends the process at once. Only a command does this: a library does not take its
 * host's signals.
 */
export function stopOnInterruption(command: Interruptible, reportsDir: string, keys: readonly string[], inputs: readonly string[]): { release: () => void; verdictWritten: () => void; recordingWritten: () => void; onNight: (record: RecordInterruption, shardNight?: ShardNightOf, notes?: readonly string[]) => void; onNotes: (notes: readonly string[]) => void } {
  // The line names the reports folder, which may have been named with a key in it.
  const scrub = textScrubber(keys);
  let verdict = false;
  let recorded = false;
  let recordNight: RecordInterruption | undefined;
  // A shard's night, which its NOT RUN summary carries for the merge (the merge records a sharded night).
  let nightOf: ShardNightOf | undefined;
  // The run's notes a NOT RUN says (a killed run's lock taken over), handed over with the night.
  let notes: readonly string[] = [];
  const end = (code: number, why: string): void => (verdict ? interruptAfterVerdict(command, reportsDir, code, why, scrub, recorded) : interrupt(command, reportsDir, code, `${why} before the verdict`, scrub, inputs, recordNight, nightOf, notes));
  const releaseSignals = onInterruption((signal, code) => end(code, `interrupted by ${signal}`));
  // npm's SIGTERM may end its shell and not reach the command (see onParentGone): as if it had.
  const stopWatching = onParentGone(() => {
    releaseSignals();
    end(INTERRUPTIONS.SIGTERM ?? 143, 'interrupted (npm, which started it, ended: SIGTERM)');
  });
  return {
    release: () => {
      releaseSignals();
      stopWatching();
    },
    verdictWritten: () => {
      verdict = true;
    },
    recordingWritten: () => {
      recorded = true;
    },
    onNight: (record, shardNight, runNotes) => {
      recordNight = record;
      nightOf = shardNight;
      // None given: those said before stand (a merge's, onNotes).
      if (runNotes !== undefined) notes = runNotes;
    },
    // A command's notes before it is a night (a merge's, of the OUT lock it took over): a NOT RUN says them too.
    onNotes: (runNotes) => {
      notes = runNotes;
    },
  };
}

/**
 * The interruption itself: NOT RUN in the reports folder, one line, the night in the history store
 * as not run (a second line: recorded, or given up and why), the exit code. All of it synchronous,
 * in the signal's handler: the command cannot go on to write a verdict meanwhile, and a second signal
 * waits only for this (milliseconds; the store's lock is waited for a moment at most).
 */
function interrupt(command: Interruptible, reportsDir: string, code: number, message: string, scrub: (text: string) => string, inputs: readonly string[], recordNight: RecordInterruption | undefined, nightOf: ShardNightOf | undefined, notes: readonly string[]): void {
  // Before NOT RUN: a report being written has its temp file removed and is never renamed into
  // place, and one whose rename the stop came too late for is among those NOT RUN removes next.
  stopWrites();
  let said: string;
  try {
    const summary = markNotRun(reportsDir, message, code, inputs, nightOf?.(code), INTERRUPTED_VERDICT, notes);
    said = summary === undefined ? `${join(reportsDir, REPORT_FILES.markdown)} is another tool's, left as found` : `${summary} says NOT RUN`;
  } catch {
    said = 'the reports folder could not be written';
  }
  // Which of "nothing new, or a whole recording" a record run left: before the verdict, always nothing
  // (its folder as it was, unless it is the reports folder, which NOT RUN has just written).
  if (command.recordings !== undefined) said += command.recordings === reportsDir ? '; nothing recorded' : `; nothing recorded: ${command.recordings} left as it was`;
  process.stderr.write(`${command.program}: ${message} (${scrub(said)})\n`);
  let recorded: string | undefined;
  try {
    recorded = recordNight?.(message, code);
  } catch (error) {
    // The exit code is the signal's whatever the store says; the line says what became of the record.
    recorded = `history: this night (not run) was NOT appended: ${firstLineOf(error)}\n`;
  }
  if (recorded !== undefined) process.stderr.write(scrub(recorded));
  exitWith(code);
}

/**
 * After the verdict: the reports are this run's and stay; what was still being written may not be.
 * A record run's recording is written as one set, synchronously, so a signal finds it written whole
 * or not begun: the line says which.
 */
function interruptAfterVerdict(command: Interruptible, reportsDir: string, code: number, why: string, scrub: (text: string) => string, recorded: boolean): void {
  const recording = command.recordings === undefined ? '' : recorded ? `; the recording in ${command.recordings} is this run's, whole` : `; nothing recorded: ${command.recordings} left as it was`;
  process.stderr.write(scrub(`${command.program}: ${why} after the verdict: the reports in ${reportsDir} stand${recording}; ${command.afterVerdict} may lack this run\n`));
  exitWith(code);
}
