/**
 * Reads a conformance.json that another run of this suite wrote (a shard's). Every field this suite
 * knows is checked as strictly as a report is before it is written; a field it does not know (one
 * a newer suite added) is left out and said in one note, so a shard or report of a newer suite
 * still merges here rather than being refused for a field this one never reads. A --baseline is
 * read more leniently still, by baseline/read-baseline.ts: it may come from an older suite; what
 * it cannot read it refuses with this file's line (unreadableReportLine), naming the writer too.
 */
import type { ConformanceReport } from '../model';
import { UsageError } from '../model/errors';
import { readJsonFile } from '../files/read-json-file';
import { isSuiteBuild, suiteBuild, suiteVersion } from '../package-root';
import { excerpt, plural } from '../text/plain-text';
import { shownAndRest } from '../text/shown-and-rest';
import { isNewerVersion, isVersion } from '../text/version-order';
import { readableReport } from './report-schema';

/** Names a note lists before "and N more": enough to tell which feature they are, short enough for one line. */
const NAMES_SHOWN = 5;
/** A name or version as a note shows it: a file's own text, so inert and bounded. */
const SHOWN_CHARS = 80;

function shown(text: string): string {
  return excerpt(text, SHOWN_CHARS);
}

/** The note a report read with fields this suite does not know gets: which suite wrote it, how many fields were ignored, and their names. */
export function ignoredFieldsNote(where: string, writtenBy: unknown, ignored: readonly string[], ours: string = suiteVersion()): string {
  const listedNames = shownAndRest(ignored, NAMES_SHOWN);
  const names = listedNames.shown.map(shown).join(', ');
  const more = listedNames.rest > 0 ? ` and ${listedNames.rest} more` : '';
  const fields = `${plural(ignored.length, 'field')} it does not know ${ignored.length === 1 ? 'was' : 'were'} ignored (${names}${more})`;
  // Text that is no version (a line break, an escape sequence) was written by no build of the suite: no writer to name.
  if (typeof writtenBy !== 'string' || !isVersion(writtenBy)) return `${where}: ${fields}`;
  const version = shown(writtenBy);
  // A newer suite is the expected source; a same or older one means an edit, or a build of this version that differs from it: said as found.
  return isNewerVersion(writtenBy, ours) ? `${where}: written by zavu-conformance ${version}, newer than this one (${ours}): ${fields}` : `${where}: written by zavu-conformance ${version} (this one is ${ours}), yet ${fields}`;
}

/**
 * The suite version a report names (`runInfo.suiteVersion`), when it names one: read before the
 * schema judged the rest, so only a version as npm takes one counts; "" or a line of anything
 * names no writer, and is not quoted as one.
 */
function writerOf(value: unknown): string | undefined {
  const version = runInfoField(value, 'suiteVersion');
  return typeof version === 'string' && isVersion(version) ? version : undefined;
}

/** `runInfo[field]` of a report as parsed, before the schema judged it: anything, or undefined. */
function runInfoField(value: unknown, field: string): unknown {
  const runInfo = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['runInfo'] : undefined;
  return typeof runInfo === 'object' && runInfo !== null ? (runInfo as Record<string, unknown>)[field] : undefined;
}

/** What the refusal of a report this build cannot read tells its reader to do, by who wrote it. */
export interface UnreadableAdvice {
  /** Of a newer suite's report. */
  newer: (version: string) => string;
  /** Of an older suite's, another build of this version's, or an edited one. */
  other: string;
}

/** The build a report names (`runInfo.suiteBuild`), when it names one in the shape a build writes: read before the schema judged the rest. */
function buildOf(value: unknown): string | undefined {
  const build = runInfoField(value, 'suiteBuild');
  return isSuiteBuild(build) ? build : undefined;
}

/** The builds compared when a report is of this suite's version: the report's, and this suite's (either unknown when not named). */
export interface Builds {
  theirs?: string | undefined;
  ours?: string | undefined;
}

/** How a report of this suite's version is said: by the builds when both are known, else as either may be. */
function sameVersionWords(builds: Builds): string {
  if (builds.theirs === undefined || builds.ours === undefined) return "this one's version but another build of it (or an edited file)";
  return builds.theirs === builds.ours ? `this very build (${builds.theirs}): an edited file` : `this one's version but another build of it (build ${builds.theirs}; this one is ${builds.ours})`;
}

/** A shard's: a merge takes the shards of one build. */
const SHARD_ADVICE: UnreadableAdvice = {
  newer: (version) => `read it with zavu-conformance ${version} (every shard, and the merge, with one build of the suite)`,
  other: 'run it again with this build (every shard, and the merge, with one build of the suite)',
};

/**
 * The refusal of a report (`value`, as parsed) this build cannot read (a field it requires missing,
 * a known field in another shape): "not a conformance report" sent the user of an older suite's
 * shard looking for a wrong folder. A report naming the version that wrote it is refused naming
 * that version against this one, and `advice` for what to do; only one naming none is "not a
 * conformance report". A same version says another build of it: 0.2.0 was many builds, whose
 * reports differ; with both builds known (runInfo.suiteBuild, package-root.ts suiteBuild) which, or
 * that it is this one's and the file was edited.
 */
export function unreadableReportLine(where: string, value: unknown, problem: string, advice: UnreadableAdvice = SHARD_ADVICE, ours: string = suiteVersion(), builds: Builds = { theirs: buildOf(value), ours: suiteBuild() }): string {
  const writtenBy = writerOf(value);
  if (writtenBy === undefined) return `${where}: not a conformance report: ${problem}`;
  const version = shown(writtenBy);
  if (isNewerVersion(writtenBy, ours)) return `${where}: written by zavu-conformance ${version}, newer than this one (${ours}), and this build cannot read it: ${problem}; ${advice.newer(version)}`;
  const which = isNewerVersion(ours, writtenBy) ? `older than this one (${ours})` : writtenBy === ours ? sameVersionWords(builds) : `not this one's (${ours})`;
  return `${where}: written by zavu-conformance ${version}, ${which}, and this build cannot read it: ${problem}; ${advice.other}`;
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
  if ('problem' in read) throw new UsageError(unreadableReportLine(`${label} ${file}`, value, read.problem), { path: file });
  if (read.ignored.length > 0) onNote?.(ignoredFieldsNote(`${label} ${file}`, read.report.runInfo.suiteVersion, read.ignored));
  return read.report;
}
