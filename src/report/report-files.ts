/**
 * The report files' names, the heading that tells the suite's summary.md from another tool's,
 * and whether the files can be written into a folder: what a run needs before (and whether or
 * not) it renders a report. Nothing here loads a renderer, so a run from code without reports,
 * or one that stops before its verdict (NOT RUN), never pays for them.
 */
import { lstatSync } from 'node:fs';
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

/**
 * Why the report files cannot be written into `dir`, or undefined: one of their names taken by a
 * folder (or a FIFO, a socket…), which no rename can replace. Checked before a run sends anything
 * and again before the first write, so the set is never left half new (an earlier certificate
 * standing beside this run's JSON).
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
  }
  return undefined;
}
