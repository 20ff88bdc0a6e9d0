/**
 * The report files' names, the heading that tells the suite's summary.md from another tool's,
 * and whether the files can be written into a folder: what a run needs before (and whether or
 * not) it renders a report. Nothing here loads a renderer, so a run from code without reports,
 * or one that stops before its verdict (NOT RUN), never pays for them.
 */
import { closeSync, lstatSync, openSync, readSync } from 'node:fs';
import * as path from 'node:path';

/** How every summary.md of the suite begins, a verdict's and NOT RUN's alike: how its own file is told from another tool's. */
export const SUMMARY_HEADING = '### Zavu conformance';

/** File names inside the reports folder, in the order they are written. */
export const REPORT_FILES = {
  json: 'conformance.json',
  html: 'conformance.html',
  markdown: 'summary.md',
  junit: 'junit.xml',
  certificate: 'certificate.json',
} as const;

type ReportFileName = (typeof REPORT_FILES)[keyof typeof REPORT_FILES];

/**
 * What the head of each of the suite's report files carries, whichever version wrote it: how a
 * file of the suite is told from another tool's of the same name (a linter's summary.md, a test
 * runner's junit.xml in a shared reports/ folder), which is not the suite's to remove or write over.
 */
const OWN_MARKS: Record<ReportFileName, RegExp> = {
  'conformance.json': /^\{\s*"runInfo"\s*:/,
  'conformance.html': /<title>Zavu conformance/,
  'summary.md': new RegExp(`^${SUMMARY_HEADING}`),
  'junit.xml': /<testsuites name="zavu-conformance"/,
  'certificate.json': /^\{\s*"target"\s*:[^\n]*\n\s*"suiteVersion"\s*:/,
};

/** Which of the suite's JSON reports `text` begins as (its head as the suite writes it), or undefined. */
export function jsonReportOf(text: string): 'conformance.json' | 'certificate.json' | undefined {
  return (['conformance.json', 'certificate.json'] as const).find((name) => OWN_MARKS[name].test(text));
}

/** Bytes read of a file's head to tell whose it is: every mark above is within them. */
const HEAD_BYTES = 1024;

/**
 * Whether `name` in `dir` is another tool's file: a regular file whose head does not carry the
 * suite's mark. An empty or unreadable file is not (nothing to lose, or the write will say why).
 */
export function isForeignReportFile(dir: string, name: ReportFileName): boolean {
  const file = path.join(dir, name);
  let head: string;
  try {
    // Only a regular file is opened: opening a FIFO waits for a writer, and would hang a NOT RUN
    // (a signal's handler among them) on a FIFO in a report's place, which it used to remove at once.
    if (!lstatSync(file).isFile()) return false;
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      head = buffer.subarray(0, readSync(fd, buffer, 0, HEAD_BYTES, 0)).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  return head.trim() !== '' && !OWN_MARKS[name].test(head);
}

/**
 * Why the report files cannot be written into `dir`, or undefined: one of their names taken by a
 * folder (or a FIFO, a socket…), which no rename can replace, or by another tool's file, which is
 * not the suite's to write over. Checked before a run sends anything and again before the first
 * write, so the set is never left half new (an earlier certificate standing beside this run's JSON).
 */
export function reportFilesObstacle(dir: string): string | undefined {
  for (const name of Object.values(REPORT_FILES)) {
    const file = path.join(dir, name);
    let isFile: boolean;
    try {
      const stats = lstatSync(file);
      isFile = stats.isFile() || stats.isSymbolicLink();
    } catch {
      continue;
    }
    if (!isFile) return `${file} is not a file (a folder?): the report cannot be written over it; remove it or pick another folder`;
    if (isForeignReportFile(dir, name)) return `${file} is not a report of this suite (another tool's?): it is not written over; move it, or pick another folder`;
  }
  return undefined;
}
