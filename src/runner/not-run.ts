/**
 * When a run stops before its verdict (target unreachable, bad spec or recording, an interruption), the reports
 * folder must not keep saying what an earlier run found: the earlier reports are removed and
 * summary.md says the run did not happen, and why. A CI step that posts summary.md with
 * `if: always()` then posts the truth; so does one that reads junit.xml, which holds one test case
 * in error with the same reason (a missing junit.xml reads as "no test results found" instead).
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { atomicWriteFileSync } from '../files/atomic-write';
import { folderHolder } from '../files/lock-file';
import { readInputHead } from '../files/read-input-file';
import { UsageError } from '../model/errors';
import { boundedLine, escapeControl } from '../text/plain-text';
import { renderNotRunJunit } from '../report/junit-xml';
import { keptRunNotes, noteLines } from '../report/run-notes';
import { isForeignReportFile, REPORT_FILES, SUMMARY_HEADING } from '../report/report-files';
import { formatShardNight, parseShardNight, type ShardNight } from '../shard/shard-night';

/** The verdict line of a run that stopped before its verdict (a merge's says more: shard-night.ts). */
export const NO_VERDICT = 'no case was judged, so there is no verdict.';

/**
 * The verdict line of a run (or merge) interrupted by a signal: it may have judged every case by
 * then (the signal came while its reports were written), so "no case was judged" would be false.
 */
export const INTERRUPTED_VERDICT = 'stopped before its verdict: what was judged until then is not reported, so there is no verdict.';

/**
 * The verdict line of a record run whose recording was refused at its end (its answers past what a
 * replay reads): every case was judged and its reports written, then taken back, as a record run
 * without its recording has no verdict; "no case was judged" would be false.
 */
export const RECORDING_REFUSED_VERDICT = 'its cases were judged, but its recording could not be written (the line above says why), so there is no verdict.';

/** The verdict line of a run stopped by a file the disk refused (full, read-only): its cases may all have been judged, but no report of them could be written. */
export const FILE_REFUSED_VERDICT = 'a file of the run could not be written (the line above names it), so there is no verdict.';

/**
 * Synchronous, so a signal's handler can finish it before the process exits; returns the summary's
 * path, or undefined when summary.md is another tool's (left as found: the error line and junit.xml say NOT RUN). `inputs`: files the run was given to read (a --baseline that is last night's
 * conformance.json in this very folder): never removed, as the user's data is not ours to lose,
 * and the summary says which was kept and why. junit.xml says NOT RUN too (one test case in error,
 * the summary's reason), unless it is another tool's or an input: those are left as found.
 * `night`: a shard's night stopped before its verdict (not its settings): written into the summary
 * for the merge, which records the night as not run.
 * `verdict`: what follows "Exit code N: " (a merge whose shards judged cases says so: mergeNotRunVerdict).
 * `notes`: what the run said of itself before it stopped (scrubbed of the keys), said in both files
 * too: a killed run's lock taken over is news the reader of this very folder needs most.
 * `more`: the stop's lines after `message` (a DataError's other problems, bounded: moreDataLines),
 * listed under it in both files, each as inert as it: a user fixes every data error from the report.
 */
export function markNotRun(reportsDir: string, message: string, exitCode: number, inputs: readonly string[] = [], night?: ShardNight, verdict: string = NO_VERDICT, notes: readonly string[] = [], more: readonly string[] = []): string | undefined {
  // Another run is writing there (this one was refused the folder, or stopped before asking): its reports are not ours to retract.
  const holder = folderHolder(reportsDir);
  if (holder !== undefined) throw new UsageError(`${reportsDir} is being written by another run (${holder}): left as it is`);
  const given = new Set(inputs.map((file) => resolve(file)));
  const kept: string[] = [];
  const foreign: string[] = [];
  for (const file of Object.values(REPORT_FILES)) {
    if (given.has(resolve(reportsDir, file))) {
      kept.push(file);
      continue;
    }
    // Another tool's file of the same name (the folder is shared): not the suite's to remove.
    if (isForeignReportFile(reportsDir, file)) {
      foreign.push(file);
      continue;
    }
    try {
      rmSync(join(reportsDir, file), { force: true });
    } catch {
      // A folder in a report's place is not ours to remove; the other reports still go (an earlier certificate above all).
    }
  }
  const keptLine = [
    ...(kept.length === 0 ? [] : [`${kept.map((file) => `\`${file}\``).join(', ')} kept: an earlier run's, which this run was given to read (--baseline).`, '']),
    ...(foreign.length === 0 ? [] : [`${foreign.map((file) => `\`${file}\``).join(', ')} left as found: not a report of this suite.`, '']),
  ];
  // One line, bounded, inert (a control or bidi character shown as an escape, as in every report) and
  // without backticks (the summary quotes it in a code span): the same words in both files.
  const inert = (text: string): string => escapeControl(boundedLine(text)).replace(/`/g, "'");
  const line = inert(message);
  // After the message line, which notRunReason reads as the third: each a list item in a code span, so no markdown acts.
  const moreLines = more.map(inert);
  const listed = moreLines.length === 0 ? [] : [...moreLines.map((l) => `- \`${l}\``), ''];
  const said = escapeControl(boundedLine(verdict));
  // Bounded and inert as a report's notes are (one line each, escaped, cut; markdown's own words made text).
  const keptNotes = keptRunNotes(notes);
  const text = [`${SUMMARY_HEADING}: NOT RUN`, '', `\`${line}\``, '', ...listed, `Exit code ${exitCode}: ${said}`, '', ...noteLines(keptNotes, 'said before it stopped', NOT_RUN_NOTES_AT), ...keptLine, ...(night === undefined ? [] : [formatShardNight(night), ''])].join('\n');
  const summary = join(reportsDir, REPORT_FILES.markdown);
  if (!foreign.includes(REPORT_FILES.markdown)) atomicWriteFileSync(summary, text);
  if (!foreign.includes(REPORT_FILES.junit) && !kept.includes(REPORT_FILES.junit)) {
    try {
      atomicWriteFileSync(join(reportsDir, REPORT_FILES.junit), renderNotRunJunit(line, exitCode, said, keptNotes, moreLines));
    } catch {
      // A folder in junit.xml's place, which no rename replaces: summary.md says NOT RUN all the same.
    }
  }
  return foreign.includes(REPORT_FILES.markdown) ? undefined : summary;
}

/** Where a NOT RUN's notes past summary.md's few are: it writes no conformance.html, and its junit.xml keeps the notes. */
const NOT_RUN_NOTES_AT = "said on the run's console; junit.xml keeps them";

/** The reason a NOT RUN summary.md in `reportsDir` gives (its message line), or undefined when there is none. */
export function notRunReason(reportsDir: string): string | undefined {
  const text = summaryHead(reportsDir, 4096);
  if (text === undefined) return undefined;
  // CRLF as LF: a shard's folder may come from a Windows runner, or through an artifact's autocrlf.
  const [heading, , message] = text.split(/\r?\n/);
  if (heading !== `${SUMMARY_HEADING}: NOT RUN`) return undefined;
  return message?.replace(/^`|`$/g, '') || 'no reason given';
}

/** The night a shard's NOT RUN summary.md in `reportsDir` carries (see markNotRun), or undefined. */
export function notRunNight(reportsDir: string): ShardNight | undefined {
  const text = summaryHead(reportsDir, 65_536);
  return text === undefined ? undefined : parseShardNight(text);
}

/**
 * The first `chars` characters of the summary.md in `reportsDir`, or undefined when it cannot be
 * read or is no regular file. Only the head is read: a merge is handed shard folders it did not
 * write, where a summary.md of 300 MB (or of more than 2 GiB, which a whole read refuses, so its
 * NOT RUN went unseen) or a FIFO (which a whole read waits on for ever) may stand. Three bytes a
 * character and one more character's worth: the same text a whole read cut to `chars` gave.
 */
function summaryHead(reportsDir: string, chars: number): string | undefined {
  try {
    return readInputHead(join(reportsDir, REPORT_FILES.markdown), 3 * chars + 4, 'a summary').toString('utf8').slice(0, chars);
  } catch {
    return undefined;
  }
}

/**
 * markNotRun, but only in a folder whose summary.md this suite wrote and no other run is writing:
 * for a folder not settled by the run's own settings (a bad setting stopped them), where
 * reports/summary.md and junit.xml may be another tool's. Returns whether it did. `verdict` as
 * markNotRun's (a refused merge's: its shards did judge their cases).
 */
export function retractOurReports(reportsDir: string, message: string, exitCode: number, inputs: readonly string[] = [], verdict: string = NO_VERDICT): boolean {
  const summary = summaryHead(reportsDir, SUMMARY_HEADING.length);
  if (summary !== SUMMARY_HEADING || folderHolder(reportsDir) !== undefined) return false;
  markNotRun(reportsDir, message, exitCode, inputs, undefined, verdict);
  return true;
}
