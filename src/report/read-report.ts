/**
 * Reads a conformance.json that another run of this suite wrote (a shard's). Every field this suite
 * knows is checked as strictly as a report is before it is written; a field it does not know (one
 * a newer suite added) is left out and said in one note, so a shard or report of a newer suite
 * still merges here rather than being refused for a field this one never reads. A --baseline is
 * read more leniently still, by baseline/read-baseline.ts: it may come from an older suite.
 */
import type { ConformanceReport } from '../model';
import { UsageError } from '../model/errors';
import { readJsonFile } from '../files/read-json-file';
import { suiteVersion } from '../package-root';
import { excerpt, plural } from '../text/plain-text';
import { readableReport } from './report-schema';

/** Names a note lists before "and N more": enough to tell which feature they are, short enough for one line. */
const NAMES_SHOWN = 5;
/** A name or version as a note shows it: a file's own text, so inert and bounded. */
const SHOWN_CHARS = 80;

function shown(text: string): string {
  return excerpt(text, SHOWN_CHARS);
}

/** The numbers of "X.Y.Z" (a pre-release suffix ignored), or undefined when `version` is none. */
function versionNumbers(version: string): number[] | undefined {
  const match = /^(\d{1,9})\.(\d{1,9})\.(\d{1,9})/.exec(version);
  return match === null ? undefined : match.slice(1).map(Number);
}

/** Whether `version` is later than `than` (both "X.Y.Z"); false when either is not a version. */
export function isNewerVersion(version: string, than: string): boolean {
  const a = versionNumbers(version);
  const b = versionNumbers(than);
  if (a === undefined || b === undefined) return false;
  for (let i = 0; i < 3; i += 1) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return false;
}

/** The note a report read with fields this suite does not know gets: which suite wrote it, how many fields were ignored, and their names. */
export function ignoredFieldsNote(where: string, writtenBy: unknown, ignored: readonly string[], ours: string = suiteVersion()): string {
  const names = ignored.slice(0, NAMES_SHOWN).map(shown).join(', ');
  const more = ignored.length > NAMES_SHOWN ? ` and ${ignored.length - NAMES_SHOWN} more` : '';
  const fields = `${plural(ignored.length, 'field')} it does not know ${ignored.length === 1 ? 'was' : 'were'} ignored (${names}${more})`;
  if (typeof writtenBy !== 'string') return `${where}: ${fields}`;
  const version = shown(writtenBy);
  // A newer suite is the expected source; a same or older one means an edit, or a build of this version that differs from it: said as found.
  return isNewerVersion(writtenBy, ours) ? `${where}: written by zavu-conformance ${version}, newer than this one (${ours}): ${fields}` : `${where}: written by zavu-conformance ${version} (this one is ${ours}), yet ${fields}`;
}

/** The suite version a report names (`runInfo.suiteVersion`), when it names one: read before the schema judged the rest. */
function writerOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const runInfo = (value as Record<string, unknown>)['runInfo'];
  if (typeof runInfo !== 'object' || runInfo === null) return undefined;
  const version = (runInfo as Record<string, unknown>)['suiteVersion'];
  return typeof version === 'string' ? version : undefined;
}

/**
 * The refusal of a report a suite wrote that this build cannot read (a field it requires missing, a
 * known field in another shape): "not a conformance report" sent the user of an older suite's shard
 * looking for a wrong folder. It names the writer against this one and that a merge takes shards of
 * one build. A same version says another build of it: 0.2.0 was many builds, whose reports differ.
 */
export function unreadableReportLine(where: string, writtenBy: string, problem: string, ours: string = suiteVersion()): string {
  const version = shown(writtenBy);
  const sameBuild = '(every shard, and the merge, with one build of the suite)';
  if (isNewerVersion(writtenBy, ours)) return `${where}: written by zavu-conformance ${version}, newer than this one (${ours}), and this build cannot read it: ${problem}; read it with zavu-conformance ${version} ${sameBuild}`;
  const which = isNewerVersion(ours, writtenBy) ? `older than this one (${ours})` : writtenBy === ours ? "this one's version but another build of it (or an edited file)" : `not this one's (${ours})`;
  return `${where}: written by zavu-conformance ${version}, ${which}, and this build cannot read it: ${problem}; run it again with this build ${sameBuild}`;
}

/**
 * Reads and validates a conformance.json. `label` names the role in the message (a shard
 * directory). Throws UsageError (exit 2) with one line naming the file and what is wrong: missing,
 * unreadable, not JSON, or not a conformance report (the first breach of a field this suite
 * knows; of a report naming the suite version that wrote it, unreadableReportLine); the file is its `path`. Fields it does not know are removed from the report returned, and `onNote` is told of
 * them in one line (see ignoredFieldsNote).
 */
export function readReportFile(file: string, label: string, onNote?: (line: string) => void): ConformanceReport {
  const value = readJsonFile(file, label, 'a conformance.json');
  const read = readableReport(value);
  if ('problem' in read) {
    const writtenBy = writerOf(value);
    const line = writtenBy === undefined ? `${label} ${file}: not a conformance report: ${read.problem}` : unreadableReportLine(`${label} ${file}`, writtenBy, read.problem);
    throw new UsageError(line, { path: file });
  }
  if (read.ignored.length > 0) onNote?.(ignoredFieldsNote(`${label} ${file}`, read.report.runInfo.suiteVersion, read.ignored));
  return read.report;
}
