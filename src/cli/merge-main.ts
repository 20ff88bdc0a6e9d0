/**
 * `zavu-conformance merge --reports OUT DIR…` (`npm run conformance:merge`): merges the conformance.json of the shards of
 * one run (--shard i/n), then renders every report from the merged one into OUT — JSON, HTML,
 * markdown, junit.xml and certificate — exactly as one unsharded run would have written them.
 * Exit codes as for a run: 0, 1 (violations), 2 (bad input, a shard that did not run), 3 (a shard
 * whose target was unreachable: the night not run, recorded as such with --history), 130/143/129
 * (interrupted: stop-on-interruption.ts, as a run).
 */
import { existsSync, statSync, type Stats } from 'node:fs';
import { unreadFolder } from '../files/unread-folder';
import { fileSystemProblem, makeDirs } from '../files/make-dirs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConformanceError, ExitCode, UsageError } from '../model/errors';
import { readReportFile } from '../report/read-report';
import { renderConsole } from '../report/render-console';
import { REPORT_FILES } from '../report/report-files';
import { writeReports } from '../report/write-reports';
import { folderHolder, holdFolder } from '../files/lock-file';
import { mergeReports } from '../shard/merge-reports';
import { mergerBuildNote } from '../shard/shared-build';
import { suiteIdentity } from '../package-root';
import { assembleReport, exitCodeOf, type AssembleOptions } from '../runner/assemble-report';
import { describeParseError } from '../config/parse-flags';
import { layeredEnv, misspeltSetting, suiteSettingNames } from '../config/layered-env';
import { resolveAllowFlaky, resolveBaselineSettings, resolveHistorySettings } from '../config/run-config';
import { appendRun, appendStopNow, openHistory, recordStillWaiting, stoppedRecordOf, withHistory, type OpenedHistory } from '../history/run-history';
import type { HistoryRecord, HistoryRunInfo } from '../history/history-record';
import { exitWith, failLine, givenInputs, givenKeys, guardOutput, outliveClosedOutput, printedHelpOrVersion, reportsFlagOf, settingsEnv, withoutKeys } from './cli-support';
import { scrubUserNamed, textScrubber, valueScrubber } from '../runner/scrub-result';
import { FILE_REFUSED_VERDICT, markNotRun, notRunNight, notRunReason, retractOurReports } from '../runner/not-run';
import type { RecordInterruption } from '../runner/run-conformance';
import { stopOnInterruption } from './stop-on-interruption';
import { MERGE_REFUSED_VERDICT, mergeNotRunVerdict, stoppedNightOf, type ReadShard } from '../shard/shard-night';
import { keyShapedWords } from '../model/http';
import { writesField } from '../model/result';
import { ensureWritableDir, ensureWritableStore } from '../runner/preconditions';
import { storeAmongReports } from '../history/store-path';
import { firstLineOf, plural } from '../text/plain-text';
import { foundReportStart, unfinishedRunNote } from '../runner/unfinished-run-note';
import { keptRunNotes } from '../report/run-notes';

const program = 'zavu-conformance merge';
const usage = `Usage: zavu-conformance merge --reports OUT [--baseline FILE [--baseline-strict]] [--allow-flaky]
                               [--history FILE [--history-window N] [--fail-on-flaky-rate R]] SHARD_DIR...

Merges the reports of the shards of one run (--shard i/n) into OUT, as one unsharded run would have written them.
--history (or ZAVU_HISTORY) appends the merged run to the store, once: the shards themselves do not.
--baseline (or ZAVU_BASELINE), --baseline-strict (or ZAVU_BASELINE_STRICT) and --allow-flaky (or ZAVU_ALLOW_FLAKY) are the run's.
--version prints the suite version.
Exit codes as for a run: 0 conformant, 1 violations, 2 bad input or a shard that did not run, 3 a shard
whose target was unreachable (OUT's summary.md then says NOT RUN; --history records such a night as not run),
130/143/129 interrupted (SIGINT/SIGTERM/SIGHUP; before the verdict, OUT says NOT RUN).
`;

/** A shard's report, or, for a shard that stopped before its verdict, its own reason and (a night's stop) its night. */
function readShard(dir: string, onNote: (line: string) => void): ReadShard {
  // A shard folder that is not there (a download step that failed, a typo): said of the folder, not of a file in it;
  // one the file system refused otherwise (ENOTDIR, EACCES) as it refused it, never as an internal error.
  let folder: Stats;
  try {
    folder = statSync(dir);
  } catch (error) {
    const { reason, code } = unreadFolder(error, 'no such folder');
    throw new UsageError(`shard ${dir}: ${reason}`, { path: dir, code });
  }
  if (!folder.isDirectory()) throw new UsageError(`shard ${dir}: not a folder (merge takes the shards' --reports folders)`, { path: dir });
  const file = join(dir, REPORT_FILES.json);
  const reason = existsSync(file) ? undefined : notRunReason(dir);
  if (reason !== undefined) {
    const night = notRunNight(dir);
    return { label: dir, reason, ...(night !== undefined ? { night } : {}) };
  }
  return { label: dir, report: readReportFile(file, 'shard', onNote) };
}

/** A merge that stopped because shards did not run: its NOT RUN says what the shards that ran did judge. */
class ShardsNotRunError extends ConformanceError {
  constructor(message: string, exitCode: number, readonly verdict: string) {
    super(message, exitCode);
  }
}

function didNotRun(label: string, reason: string): string {
  return `shard ${label} did not run (its summary.md says NOT RUN: ${reason})`;
}

/**
 * Shards of which some stopped before their verdict: no merged verdict. When every stopped one
 * says which night it stopped in (a night's stop: the target, the key, an interruption), and the
 * shards are one run's, the night goes into the store as not run, as an unsharded run's stop
 * leaves it, and the merge exits 3 when a stop was the target's unreachability, naming that
 * shard (exit 2 otherwise: a merge's input cut short). A stop the settings caused, or one from a suite that
 * wrote no night, stays exit 2 and records nothing, which a merge given --history says. Always throws.
 */
async function failStopped(read: readonly ReadShard[], history: OpenedHistory | undefined, keys: readonly string[], hide: (value: unknown) => unknown, stops: MergeStops): Promise<never> {
  const stopped = read.filter((s): s is Extract<ReadShard, { reason: string }> => 'reason' in s);
  const night = stoppedNightOf(read);
  // The target down is what the night was, whichever shard sorts first: an interruption of another
  // shard (the job cancelled once its neighbour failed) must not make the merge say exit 2.
  const first = night?.stopped.find((s) => s.exitCode === ExitCode.unreachable) ?? night?.stopped[0];
  const verdict = mergeNotRunVerdict(read);
  if (night === undefined || first === undefined) {
    const error = new ShardsNotRunError(didNotRun(stopped[0]?.label ?? '', stopped[0]?.reason ?? ''), ExitCode.usage, verdict);
    // Nothing to record, but the store was asked for: a shard of an older suite stopped by its target
    // down writes no night either, and its night would leave the history with no gap and no word.
    const nameless = stopped.find((s) => s.night === undefined);
    if (history !== undefined && nameless !== undefined) error.after = hide(noNightLine(history.settings.file, nameless.label)) as string;
    throw error;
  }
  const others = night.stopped.length - 1;
  const message = `${didNotRun(first.label, first.reason)}${others === 0 ? '' : `; ${plural(others, 'other shard')} did not run either`}`;
  const error = new ShardsNotRunError(message, first.exitCode === ExitCode.unreachable ? ExitCode.unreachable : ExitCode.usage, verdict);
  if (history !== undefined) {
    const record = stoppedMergeRecord(night.run, night.shards, `shard ${first.shard} did not run: ${first.reason}`, first.exitCode, keys);
    // A signal while this append waits for the store's lock: one record a night, so the interruption's is given up (as a run's stop says it).
    stops.onNight(() => hide(recordStillWaiting(history)) as string);
    const appended = await appendRun(history, record, (line) => process.stdout.write(hide(line) as string));
    // After the line saying which shard did not run, on the same stream, as a run's own stop does:
    // on stdout, at once, it came first in a CI log merging the two, before the reason.
    error.after = hide(appended.line) as string;
  }
  throw error;
}

/**
 * What a merge with --history says when a stopped shard names no night, so none is recorded. A
 * night block no suite could have written (shard-night.ts parseShardNight: an edit) is none too.
 */
function noNightLine(store: string, shard: string): string {
  return `history: nothing recorded in ${store}: the NOT RUN summary.md of shard ${shard} names no night this merge can read (a stop its settings caused, a shard of a suite older than this one, which wrote none, or an edited summary.md)`;
}

/**
 * The record of the merged night stopped before its verdict: said as a run's own stop is, scrubbed
 * of every key of this process and every word shaped like one, then cut to one line by the record.
 */
function stoppedMergeRecord(run: Omit<HistoryRunInfo, 'shards' | 'latencyBudgetMs'>, shards: number, reason: string, exitCode: number, keys: readonly string[]): HistoryRecord {
  const said = textScrubber([...keys, ...keyShapedWords(reason)])(reason);
  const base = stoppedRecordOf({ ...run, target: textScrubber(keys)(run.target) }, said, exitCode);
  return { ...base, run: { ...base.run, shards } };
}

/** What merge() tells the signal's handler (stopOnInterruption): the verdict written, and how to record the night should a signal stop it first. */
interface MergeStops {
  verdictWritten: () => void;
  onNight: (record: RecordInterruption) => void;
}

const FLAGS = { reports: { type: 'string' }, baseline: { type: 'string' }, 'baseline-strict': { type: 'boolean' }, 'allow-flaky': { type: 'boolean' }, history: { type: 'string' }, 'history-window': { type: 'string' }, 'fail-on-flaky-rate': { type: 'string' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } } as const;

function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: FLAGS });
  } catch (error) {
    throw new UsageError(describeParseError(error, Object.keys(FLAGS), argv));
  }
}

/** The merge command; resolves to the exit code. */
export async function mergeCommand(argv: readonly string[]): Promise<number> {
  // The key this process was given (merge takes no --api-key: the environment's or .env's), which no line or file it writes may show.
  const keys = givenKeys(argv, settingsEnv());
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    // A typo among the flags: a folder given with --reports that holds this suite's reports says NOT RUN (any other is left alone).
    const named = reportsFlagOf(argv);
    if (typeof named === 'string' && named.trim() !== '') retractOurReports(resolve(named), withoutKeys(firstLineOf(error), keys), ExitCode.usage, givenInputs(argv, settingsEnv(), process.cwd()), MERGE_REFUSED_VERDICT);
    throw error;
  }
  const { values, positionals } = parsed;
  if (printedHelpOrVersion(values, () => usage)) return 0;
  if (values.reports === undefined) throw new UsageError('--reports OUT is required: where the merged reports go');
  const dirs = positionals.map((dir) => resolve(dir));
  const out = resolve(values.reports);
  const inputs = givenInputs(argv, settingsEnv(), process.cwd());
  // The merged reports replace OUT's: a shard's own folder given as OUT would lose that shard, and the next merge would fail on it.
  const refused =
    positionals.length === 0 ? new UsageError('name the shard report directories to merge') : dirs.includes(out) ? new UsageError(`--reports ${values.reports} is one of the shard folders being merged: write the merge elsewhere`) : undefined;
  if (refused !== undefined) {
    // OUT's earlier merge must not stand after a merge that did not happen (when OUT holds this suite's reports; a shard's own folder is left as it is).
    if (!dirs.includes(out)) retractOurReports(out, withoutKeys(firstLineOf(refused), keys), ExitCode.usage, inputs, MERGE_REFUSED_VERDICT);
    throw refused;
  }
  // Every setting is read before OUT is touched, as a run's are: a bad one (misspelt, unreadable .env,
  // a value neither on nor off) is a usage error that writes nothing; only OUT's earlier merge, when
  // it holds this suite's reports, gives way to NOT RUN, as after a typo among the flags.
  let settings: MergeSettings;
  try {
    settings = mergeSettings(values);
    // OUT's own report named as the store: each written over the other (store-path.ts).
    const clash = settings.historySettings === undefined ? undefined : storeAmongReports(settings.historySettings.file, out, settings.historySettings.label);
    if (clash !== undefined) throw clash;
  } catch (error) {
    if (!dirs.includes(out)) retractOurReports(out, withoutKeys(firstLineOf(error), keys), ExitCode.usage, inputs, MERGE_REFUSED_VERDICT);
    throw error;
  }
  // As a run's: a signal before the verdict retracts OUT's earlier merge (NOT RUN), one after it keeps this one's.
  const stops = stopOnInterruption({ program, afterVerdict: 'the history store' }, out, keys, inputs);
  let release: (() => void) | undefined;
  // As a run's: a killed merge's (or run's) lock taken over is said once, on the console and in OUT's reports (with whose the reports found are, read before this merge writes one).
  const folder: MergeFolder = { notes: [], said: false };
  try {
    // As a run's --reports: a file there, or on the way, is one line naming it (not mkdir's EEXIST as an internal error), and a folder that takes no file is found before any shard is read.
    ensureWritableDir(out, '--reports');
    // As a run's: one writer of OUT at a time (a refused merge leaves the other's reports alone: markNotRun checks the lock).
    release = await holdFolder(out, '--reports', (staleText) => folder.notes.push(withoutKeys(unfinishedRunNote(staleText, foundReportStart(out)), keys)));
    // An interruption's NOT RUN says them as a refused merge's does.
    stops.onNotes(folder.notes);
    return await merge(settings, dirs, out, keys, valueScrubber(keys), stops, folder);
  } catch (error) {
    // A merge refused before its notes: what holding OUT found is said all the same.
    if (!folder.said) for (const note of folder.notes) process.stdout.write(`note: ${note}\n`);
    // As a run that stops before its verdict: OUT must not keep an earlier merge's (a CI step posting its summary.md posts NOT RUN).
    try {
      makeDirs(out);
      // A file the disk refused is said as the console says it, naming the file (as a run's NOT RUN).
      const diskRefused = fileSystemProblem(error);
      const verdict = error instanceof ShardsNotRunError ? withoutKeys(error.verdict, keys) : diskRefused === undefined ? MERGE_REFUSED_VERDICT : FILE_REFUSED_VERDICT;
      markNotRun(out, withoutKeys(diskRefused ?? firstLineOf(error), keys), error instanceof ConformanceError ? error.exitCode : ExitCode.usage, inputs, undefined, verdict, folder.notes);
    } catch {
      // OUT cannot be written, or is another merge's: the error line is what the user sees.
    }
    throw error;
  } finally {
    release?.();
    stops.release();
  }
}

/** What holding OUT found (a dead lock taken over: unfinished-run-note.ts), and whether the merge has said it. */
interface MergeFolder {
  notes: string[];
  said: boolean;
}

/** A merge's settings, read from its flags over the environment over .env. */
type MergeSettings = { historySettings: ReturnType<typeof resolveHistorySettings>['history']; baseline: ReturnType<typeof resolveBaselineSettings>['baseline']; allowFlaky: boolean };

/** Reads and checks every setting of a merge; throws a UsageError for a bad one. Reads no shard and writes nothing. */
function mergeSettings(values: ReturnType<typeof parse>['values']): MergeSettings {
  // Flags over the environment, as for a run: a CI job that sets ZAVU_HISTORY for every step
  // gets its shards skipping the store and its merge appending once.
  const settings = layeredEnv(process.cwd(), process.env);
  // A misspelt ZAVU_HISTORY would leave the store unwritten in silence, night after night.
  const misspelt = misspeltSetting(settings.values, suiteSettingNames(), settings.fromDotenv);
  if (misspelt !== undefined) throw misspelt;
  const { history: historySettings } = resolveHistorySettings(values, settings, process.cwd());
  // As a run's: ZAVU_BASELINE and ZAVU_BASELINE_STRICT count, and a strict switch without a baseline is refused.
  const { baseline } = resolveBaselineSettings(values, settings, process.cwd());
  // As a run's: --allow-flaky or ZAVU_ALLOW_FLAKY (a value neither on nor off refused, exit 2), read before any shard is.
  const allowFlaky = resolveAllowFlaky(values, settings);
  return { historySettings, baseline, allowFlaky };
}

/** `hide`: scrubs the given key from what the user named (a baseline, the store's path, OUT). */
async function merge({ historySettings, baseline, allowFlaky }: MergeSettings, dirs: readonly string[], out: string, keys: readonly string[], hide: (value: unknown) => unknown, stops: MergeStops, folder: MergeFolder): Promise<number> {
  if (historySettings !== undefined) ensureWritableStore(historySettings.file, historySettings.label);
  const history = historySettings === undefined ? undefined : openHistory(historySettings);
  // Every input is read (and the baseline too, by assembleReport) before anything is written: a
  // bad shard leaves no half-merged OUT (the caller then says NOT RUN there).
  // A shard still running has last night's conformance.json, or none yet: merged, it would pass for tonight's.
  for (const dir of dirs) {
    const holder = folderHolder(dir);
    if (holder !== undefined) throw new UsageError(`${dir}: a shard's run is still writing there (${holder}): merge once it has finished`);
  }
  // A shard of a newer suite: its fields this merge does not know are left out, and said so before the verdict.
  const notes: string[] = [];
  const read = dirs.map((dir) => readShard(dir, (line) => notes.push(line)));
  for (const note of notes) process.stdout.write(`note: ${hide(note) as string}\n`);
  if (read.some((s) => 'reason' in s)) await failStopped(read, history, keys, hide, stops);
  // Every shard ran (failStopped threw otherwise): one report per folder, in the folders' order.
  const shardsMerged = mergeReports(read.flatMap((s) => ('report' in s ? [s.report] : [])), dirs);
  // The merged run's notes lead with what holding OUT found, kept in its reports as a run keeps its own:
  // bounded as a run's are (keptRunNotes), or shards that said the most a report keeps made one more, out of its schema.
  // And whether this build is the one that ran the shards: a note, kept in the merged reports (shared-build.ts says why not a refusal).
  const leading = [...folder.notes, ...[mergerBuildNote(shardsMerged.runInfo, suiteIdentity())].filter((note) => note !== undefined)];
  const merged = leading.length === 0 ? shardsMerged : { ...shardsMerged, runInfo: { ...shardsMerged.runInfo, notes: keptRunNotes([...leading, ...(shardsMerged.runInfo.notes ?? [])]) } };
  // The merge's own notes (a run id it could not check, a newer shard's fields left out) are about
  // the artifacts handed to it, which the one who runs it acts on: console only. The shards' notes
  // of their run are the run's, kept in the merged report (runInfo.notes, each once) and said here
  // once too, as each shard said them before its cases.
  for (const note of [...(merged.notes ?? []), ...(merged.runInfo.notes ?? [])]) process.stdout.write(`note: ${hide(note) as string}\n`);
  folder.said = true;
  const options: AssembleOptions = {
    allowFlaky: allowFlaky || merged.runInfo.allowFlaky === true,
    ...(merged.coverage !== undefined ? { coverage: merged.coverage } : {}),
    ...(merged.targetLost !== undefined ? { targetLost: merged.targetLost } : {}),
    ...(merged.runWarnings !== undefined ? { runWarnings: merged.runWarnings } : {}),
    ...(baseline !== undefined ? { baseline: { file: baseline.file, strict: baseline.strict } } : {}),
  };
  // The merged run is a night of its target from here: a signal before its verdict records it as not run, as a run's does (stopped now, so a merge of the same shards run again is not taken for it).
  if (history !== undefined) {
    const { target, mode, specSha256, suiteVersion, suiteBuild, startedAt, allowWrites } = merged.runInfo;
    stops.onNight((reason, code) => hide(appendStopNow(history, stoppedMergeRecord({ target, mode, ...writesField(allowWrites), specSha256, suiteVersion, ...(suiteBuild !== undefined ? { suiteBuild } : {}), startedAt, finishedAt: new Date().toISOString() }, dirs.length, reason, code, keys)).line) as string);
  }
  // The shards already applied any latency budget to their cases (no latencyBudgetMs here, so it is
  // not applied twice); re-assembling recomputes the run-wide figures: latency, certificate, baseline.
  const assembled = assembleReport(merged.runInfo, merged.results, options);
  // One record for the merged run, never one per shard.
  // No operationFilter: the shards' reports do not say theirs, so the record is judged as a record from before the field.
  const recorded = history === undefined ? undefined : withHistory(assembled, history, { shards: dirs.length });
  const report = scrubUserNamed(recorded?.report ?? assembled, hide);
  // As exitCodeOf judges the merged run: every report says of a known failure what the exit code does.
  const judged = { allowFlaky: options.allowFlaky, baselineStrict: options.baseline?.strict === true };
  const written = await writeReports(out, report, judged);
  stops.verdictWritten();
  // The verdict first: the append may wait for another merge's lock.
  process.stdout.write(renderConsole(report, judged));
  process.stdout.write(`merged ${plural(dirs.length, 'shard')}: ${written.map((file) => hide(file) as string).join(', ')}\n`);
  const appended = history === undefined || recorded === undefined ? undefined : await appendRun(history, recorded.record, (line) => process.stdout.write(hide(line) as string));
  if (appended !== undefined) process.stdout.write(hide(appended.line) as string);
  if (appended?.failed === true) return ExitCode.usage;
  return exitCodeOf(report, options);
}

if (require.main === module) {
  outliveClosedOutput();
  guardOutput();
  mergeCommand(process.argv.slice(2)).then(exitWith, (error: unknown) => exitWith(failLine(program, error)));
}
