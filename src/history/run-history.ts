/**
 * History around one run (or one merged run): the store is read before the run, so a corrupt or
 * foreign store stops it before the first request (exit 2); the figures are derived from the
 * finished report, this run the newest point; the record is appended after the reports are written.
 */
import type { HistorySettings } from '../config/run-config';
import { accumulateCoverage } from '../coverage';
import type { ConformanceReport } from '../model';
import { ranWrites } from '../model/result';
import { SUITE_CLOCK_SKEW_MS } from '../model/scenario';
import { escapeControl, firstLineOf, plural } from '../text/plain-text';
import { fileSystemProblem } from '../files/make-dirs';
import { andNightsNotRun, WITH_WRITES } from '../report/history-text';
import { appendRecord, appendRecordNow, checkStoreEnd, type AppendFs, type Appended } from './append-history';
import { INTERRUPTED_LOCK_WAIT_MS } from './store-lock';
import { figuresOfWindow } from './derive-figures';
import { isStopped, recordOf, type HistoryRecord, type RunScope } from './history-record';
import { coverageWindow, inSeries, runsOfSeries, seriesOf, seriesWindow } from './history-window';
import { parseStore, readStoreText } from './read-history';
import { unfinishedRecordOf } from './unfinished-night';

export { nightKey } from './unfinished-night';

/**
 * The record of a night the run stopped before judging, and the filter a judged run's record keeps
 * (operationFilterOf): the runner makes them through this module, loaded only with --history.
 */
export { operationFilterOf, stoppedRecordOf } from './history-record';

/** The store as read at start-up, and the settings it was read with. */
export interface OpenedHistory {
  settings: HistorySettings;
  records: HistoryRecord[];
}

export function openHistory(settings: HistorySettings): OpenedHistory {
  const text = readStoreText(settings.file);
  // A last line the append would refuse: said now, not after every request was sent.
  checkStoreEnd(settings.file, text);
  return { settings, records: parseStore(text, settings.file).map((r) => r.record) };
}

/**
 * The store's path as a history line quotes it: the user's own, but a folder name may hold a
 * newline, an escape sequence or a bidi override, and the line goes to a terminal and a CI log as
 * every other line does, inert (escapeControl, as the CLI's one-line errors show what they quote).
 */
function shownFile(file: string): string {
  return escapeControl(file);
}

/**
 * The run's target as a history line quotes it: a live URL comes normalized (control characters
 * percent-encoded), but a replay's is "replay of <the recording's own target> from <its files'
 * paths>", a recording's bytes and the user's folder names: inert as the store's path is.
 */
function shownTarget(record: HistoryRecord): string {
  // A write run is of its target's other series (history-window.ts Series): its counts are that series'.
  return `${escapeControl(record.run.target)}${ranWrites(record.run) ? ` ${WITH_WRITES}` : ''}`;
}

/** What a sharded run says instead of appending: the merge of its shards appends the run once. */
export function shardHistoryNote(file: string, shard: string): string {
  return `history: shard ${shard} does not read or append ${shownFile(file)}; zavu-conformance merge --history ${shownFile(file)} appends the merged run once\n`;
}

/**
 * The report with its `history` figures, and the record this run appends; `scope.shards` when the
 * report is a merge of that many shards, `scope.operationFilter` when the run's filter is known (a
 * merge does not know its shards').
 */
export function withHistory(report: ConformanceReport, opened: OpenedHistory, scope: RunScope = {}): { report: ConformanceReport; record: HistoryRecord } {
  const record = recordOf(report, scope);
  const { settings } = opened;
  // A merge run again (a CI job re-run) makes the same record: the store's copy is this run, not an earlier one.
  const earlier = opened.records.filter((r) => !sameRun(r, record));
  // Derived once: the figures and the coverage accumulation read the same window.
  const derived = seriesWindow(earlier, seriesOf(record), record);
  const history = figuresOfWindow(derived, {
    store: settings.file,
    target: report.runInfo.target,
    window: settings.window,
    ...(report.runInfo.latencyBudgetMs !== undefined ? { latencyBudgetMs: report.runInfo.latencyBudgetMs } : {}),
    ...(settings.failOnFlakyRate !== undefined ? { flakyLimit: settings.failOnFlakyRate } : {}),
  });
  // The record keeps this run's coverage only; the report shows it accumulated over the window
  // (the window's last value is this run's own, hence the slice).
  const coverage = report.coverage === undefined ? undefined : { ...report.coverage, window: accumulateCoverage(report.coverage, coverageWindow(derived, settings.window).slice(0, -1)) };
  return { report: { ...report, history, ...(coverage !== undefined ? { coverage } : {}) }, record };
}

/** Same target, start and finish: one run (a merge of the same shards writes the same times). */
function sameRun(a: HistoryRecord, b: HistoryRecord): boolean {
  return a.run.target === b.run.target && a.run.startedAt === b.run.startedAt && a.run.finishedAt === b.run.finishedAt;
}

/**
 * Appends the record; resolves to the line to print. A store that cannot be written (locked too
 * long, unwritable) does not undo the reports already written: the line says so, and the caller
 * exits 2.
 */
export async function appendRun(opened: OpenedHistory, record: HistoryRecord, onWait?: (line: string) => void, appendIo?: AppendFs): Promise<{ line: string; failed: boolean }> {
  if (opened.records.some((r) => sameRun(r, record))) return alreadyThere(opened, record);
  let done: Appended;
  try {
    // appendIo: the append's write, for tests that make it fail as a full disk does.
    done = await appendRecord(opened.settings.file, record, { ...(onWait === undefined ? {} : { onWait }), ...(appendIo === undefined ? {} : { appendIo }) });
  } catch (error) {
    return notAppended(record, error, opened.settings.file);
  }
  return appended(opened, record, done);
}

/**
 * {@link appendRun} for a night an interruption stopped (a signal to the CLI, a run from code
 * aborted): synchronous, so a signal's handler finishes it before the process exits, and bounded:
 * a lock not free within INTERRUPTED_LOCK_WAIT_MS gives the record up (the line says so and whose
 * lock it was) rather than delay the exit.
 */
export function appendStopNow(opened: OpenedHistory, record: HistoryRecord): { line: string; failed: boolean } {
  if (opened.records.some((r) => sameRun(r, record))) return alreadyThere(opened, record);
  let done: Appended;
  try {
    done = appendRecordNow(opened.settings.file, record, INTERRUPTED_LOCK_WAIT_MS);
  } catch (error) {
    return notAppended(record, error, opened.settings.file);
  }
  return appended(opened, record, done);
}

/**
 * Appends the night of a run that did not finish, whose lock (`lockText`) this run took over (see
 * unfinished-night.ts), before this run's own; resolves to the line to print, '' when the lock was
 * not of this night or the night is in the store already. The record joins `opened.records`, so
 * this run's figures show the gap too. A store that cannot be written is said and not fatal: this
 * run's own record is what the store is for, and its append says so again if the store is broken.
 */
export async function appendUnfinished(opened: OpenedHistory, lockText: string, key: string, run: Pick<HistoryRecord['run'], 'target' | 'mode' | 'allowWrites'>, takenAt: string, onWait?: (line: string) => void): Promise<string> {
  const record = unfinishedRecordOf(lockText, key, run, takenAt, opened.records);
  if (record === undefined) return '';
  const done = await appendRun(opened, record, onWait);
  if (!done.failed) opened.records.push(record);
  return done.failed ? done.line.replace('this night (not run)', 'the night that did not finish') : done.line;
}

/**
 * {@link appendUnfinished} at once, from a signal's handler that lands while that append waits for
 * the store's lock: synchronous, the lock waited for INTERRUPTED_LOCK_WAIT_MS at most, as an
 * interruption's own record is (appendStopNow). The store is read again first: the append waited
 * on may have written the night just before the signal. Undefined when there is nothing to record
 * (the night is in the store); `failed` when the lock was not free, the night then the next run's
 * to record (the caller hands the dead run's lock back: lock-file.ts handBackFolder).
 */
export function appendUnfinishedNow(settings: HistorySettings, lockText: string, key: string, run: Pick<HistoryRecord['run'], 'target' | 'mode' | 'allowWrites'>, takenAt: string): { line: string; failed: boolean } | undefined {
  let opened: OpenedHistory;
  try {
    opened = openHistory(settings);
  } catch (error) {
    return { line: `history: the night that did not finish was NOT appended: ${escapeControl(firstLineOf(error))}\n`, failed: true };
  }
  const record = unfinishedRecordOf(lockText, key, run, takenAt, opened.records);
  if (record === undefined) return undefined;
  const done = appendStopNow(opened, record);
  return done.failed ? { ...done, line: done.line.replace('this night (not run)', 'the night that did not finish') } : done;
}

/** What an interruption says of its night's record while the stop's own record of that night waits for the store's lock: one record a night, so it is given up. */
export function recordStillWaiting(opened: OpenedHistory): string {
  return `history: this night's record as not run was still waiting for ${shownFile(opened.settings.file)}.lock: not appended\n`;
}

function alreadyThere(opened: OpenedHistory, record: HistoryRecord): { line: string; failed: boolean } {
  return { line: `history: this run (${shownTarget(record)}, started ${record.run.startedAt}) is already in ${shownFile(opened.settings.file)}: not appended again\n`, failed: false };
}

/** `store`: named when the disk refused the write (a full disk's ENOSPC, on a descriptor, names no file of its own). */
function notAppended(record: HistoryRecord, error: unknown, store: string): { line: string; failed: boolean } {
  return { line: `history: this ${record.stopped === undefined ? 'run' : 'night (not run)'} was NOT appended: ${escapeControl(fileSystemProblem(error, store) ?? firstLineOf(error))}\n`, failed: true };
}

function appended(opened: OpenedHistory, record: HistoryRecord, done: Appended): { line: string; failed: boolean } {
  const file = shownFile(opened.settings.file);
  const cut = cutLine(file, done);
  if (record.stopped?.unfinished === true) return { line: `history: recorded in ${file} the night started at ${record.run.startedAt} as did not finish (its run was killed or lost): a gap in the trends of ${shownTarget(record)}\n${cut}`, failed: false };
  if (record.stopped !== undefined) return { line: `history: recorded in ${file} as not run (exit ${record.stopped.exitCode}): a gap in the trends of ${shownTarget(record)}\n${cut}`, failed: false };
  // Counted as the headline counts them: the nights not run are no runs (a store of 27 judged runs
  // and 3 outages is not "30 runs" here and "27 runs … and 3 nights not run" a line above).
  const series = seriesOf(record);
  const ofSeries = opened.records.filter((r) => inSeries(r, series));
  const notRun = ofSeries.filter(isStopped).length;
  const runs = ofSeries.length - notRun + 1;
  return { line: `history: appended to ${file} (${plural(runs, 'run')} of ${shownTarget(record)}${andNightsNotRun(notRun)})\n${cut}${aheadLine(file, ofSeries, record)}`, failed: false };
}

/**
 * `file`: as shown (shownFile). A torn last line the append cut away: the record of a run killed while appending it (SIGKILL, a
 * CI job's hard timeout). Readers ignore it and the append removes it, rightly, but unsaid the
 * night vanished from the trends with no gap to show for it.
 */
function cutLine(file: string, done: Appended): string {
  if (done.cutBytes === 0) return '';
  return `history: cut an unfinished record (${plural(done.cutBytes, 'byte')}, no newline) from the end of ${file}: a run killed while appending it; that night is not in the store\n`;
}

/**
 * `file`: as shown (shownFile). The runs of the store stamped further after this one than two machines' clocks differ by (a
 * clock a day or a year fast, or this machine's slow): runs are ordered by their start
 * (history-window's orderKeys), so such a run stands for the newest in the history command and
 * sits before tonight in every window until the clocks reach it. Said, as no order can mend it.
 */
function aheadLine(file: string, ofSeries: readonly HistoryRecord[], record: HistoryRecord): string {
  const limit = Date.parse(record.run.startedAt) + SUITE_CLOCK_SKEW_MS;
  const ahead = ofSeries.filter((r) => Date.parse(r.run.startedAt) > limit);
  if (ahead.length === 0) return '';
  const latest = ahead.reduce((a, b) => (Date.parse(b.run.startedAt) > Date.parse(a.run.startedAt) ? b : a));
  // The newest as the history command orders them, this run appended last: a run appended after the
  // fast one, stamped minutes before it, stands after it (orderKeys), and is the one shown.
  const shown = runsOfSeries([...ofSeries, record], seriesOf(record)).at(-1);
  const newest = shown === undefined || shown === latest ? 'that one' : `the run started at ${shown.run.startedAt} (appended after that one)`;
  return `history: ${plural(ahead.length, 'run')} of ${shownTarget(record)} in ${file} started more than ${SUITE_CLOCK_SKEW_MS / 60_000} minutes after this one (the latest at ${latest.run.startedAt}): a clock was fast, or this machine's is slow; runs are ordered by their start, so the history command shows ${newest} as the newest, not this (mend ${newest === 'that one' ? 'its' : "that one's"} startedAt, or remove its line)\n`;
}
