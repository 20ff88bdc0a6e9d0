/**
 * The run's note when it took over its reports folder's lock from a run that did not finish (killed
 * outright: SIGKILL, the OOM killer, a machine gone, so no handler marked the folder NOT RUN). The
 * reports that run found there look like its own: whether they are is told by the found
 * conformance.json's start against the lock's (a run takes its lock before it starts, and may be
 * killed after writing its reports, before it lets the lock go). The note says so once, on the
 * console and in summary.md. The lock's words are anyone's who could write the folder: each is cut
 * and escaped, and a pid is shown only as a number.
 */
import { join } from 'node:path';
import { LOCK_WORD_CHARS, parseHolder } from '../files/lock-file';
import { readInputHead } from '../files/read-input-file';
import { REPORT_FILES } from '../report/report-files';
import { escapeControl, excerpt } from '../text/plain-text';

/** runInfo comes first in conformance.json, its startedAt within the first few hundred bytes: a head this long holds it, whatever the report's size. */
const HEAD_BYTES = 16 * 1024;

/** runInfo's own startedAt, a line of its own (2-space JSON): a string value holds no raw line break, so no target's text reads as it. */
const RUN_INFO_STARTED = /\n {4}"startedAt": "([0-9T:.Z+-]{10,40})"/;

/** When the run whose conformance.json is in `reportsDir` started, or undefined (none, unreadable, no start in its head). */
export function foundReportStart(reportsDir: string): string | undefined {
  try {
    return RUN_INFO_STARTED.exec(readInputHead(join(reportsDir, REPORT_FILES.json), HEAD_BYTES, 'a report').toString('utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/** What the reports found are, given when the killed run took the lock (`since`) and when the found report's run started. */
function foundReports(since: string | undefined, foundStart: string | undefined): string {
  const took = since === undefined ? Number.NaN : Date.parse(since);
  const started = foundStart === undefined ? Number.NaN : Date.parse(foundStart);
  if (Number.isNaN(took) || Number.isNaN(started)) return 'any reports this run found here may be from an earlier run, not that one';
  if (started < took) return 'the reports this run found here were from an earlier run, not that one';
  // conformance.json is written first of the reports (write-reports.ts): the others may still be an earlier run's.
  return `the conformance.json this run found here was that run's own (its run started at ${excerpt(foundStart ?? '', LOCK_WORD_CHARS)}): it stopped while or after writing its reports`;
}

/** `foundStart`: foundReportStart of the folder, read before this run writes a report there. */
export function unfinishedRunNote(lockText: string, foundStart?: string): string {
  const holder = parseHolder(lockText);
  if (holder === undefined || !Number.isSafeInteger(holder.pid)) return `a run in this folder did not finish (its lock was left behind, naming no holder, taken over by this run): ${foundReports(undefined, foundStart)}`;
  return `the run that started at ${excerpt(holder.since, LOCK_WORD_CHARS)} (pid ${holder.pid} on ${excerpt(holder.host, LOCK_WORD_CHARS)}) in this folder did not finish (its lock was left behind, taken over by this run): ${foundReports(holder.since, foundStart)}`;
}

/**
 * The note of a record run whose recordings folder's lock (`lockText`) this run took over, when its
 * reports folder's lock was not that run's (another --reports, or a run from code writing none):
 * recordings are written at the end, each operation's file replaced whole, so they are an earlier
 * run's unless that run stopped among them. `where`: the folder's flag and path, as the user named them.
 */
export function unfinishedRecordingNote(lockText: string, where: string): string {
  const holder = parseHolder(lockText);
  const shown = escapeControl(where);
  const whose = 'the recordings there are an earlier run\'s, or some of them that run\'s if it stopped while writing them';
  if (holder === undefined || !Number.isSafeInteger(holder.pid)) return `a record run into ${shown} did not finish (its lock was left behind, naming no holder, taken over by this run): ${whose}`;
  return `the record run that started at ${excerpt(holder.since, LOCK_WORD_CHARS)} (pid ${holder.pid} on ${excerpt(holder.host, LOCK_WORD_CHARS)}) into ${shown} did not finish (its lock was left behind, taken over by this run): ${whose}`;
}

/** Who held a lock (pid and host), to tell one dead run's two locks (its reports' and its recordings') apart from two runs'. */
export function lockHolderId(lockText: string): string | undefined {
  const holder = parseHolder(lockText);
  return holder === undefined ? undefined : JSON.stringify([holder.pid, holder.host]);
}
