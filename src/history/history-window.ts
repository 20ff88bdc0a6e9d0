/**
 * The window: the last N judged runs of one target, of one kind (Series), oldest first. Shared by the derived figures and
 * by the coverage accumulation, which reads each run's `coverage` through coverageWindow. A night
 * the run stopped before judging (a stopped record) is no run of the window: a week of outages
 * neither pushes judged runs out of it nor counts as a pass or a fail; the figures show it as a gap.
 */
import { SUITE_CLOCK_SKEW_MS } from '../model/scenario';
import { ranWrites } from '../model/result';
import { isStopped, type HistoryRecord } from './history-record';

/**
 * Where each of `runs` (in file order) stands in time, to order them by: its start, or, when a run
 * appended before it started later by up to SUITE_CLOCK_SKEW_MS, that later start (a tie the file
 * order breaks). Each start is stamped by the clock of the machine that ran it, and one store is
 * appended to by many: a re-run on a machine minutes slow was stamped before the run it re-ran,
 * and by its stamp alone the view showed the older verdict as the newest (failing since, one
 * change where there were two). Starts further apart than clocks differ by are ordered by start:
 * two stores concatenated by hand (`cat`) still interleave night by night.
 */
export function orderKeys(runs: readonly HistoryRecord[]): number[] {
  let latest = Number.NEGATIVE_INFINITY;
  return runs.map((r) => {
    const own = Date.parse(r.run.startedAt);
    const key = Math.max(own, Math.min(latest, own + SUITE_CLOCK_SKEW_MS));
    latest = Math.max(latest, key);
    return key;
  });
}

/** `runs` of one series (in file order), oldest first by orderKeys, a tie in file order; `recordOf` reads each one's record. */
export function inRunOrder<T>(runs: readonly T[], recordOf: (run: T) => HistoryRecord): T[] {
  const keys = orderKeys(runs.map(recordOf));
  return runs
    .map((run, i) => ({ run, i, key: keys[i] ?? 0 }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map((x) => x.run);
}

/**
 * One series of the store: a target's runs of one kind, read-only or write runs (ranWrites). A write
 * run judges the cases a read-only gate skips, with other requests: taken as one series, its
 * nights read as cases appearing, the gate's after it as cases vanishing, and its pass rate and p95
 * sat in the gate's trend. A record without `allowWrites` (a read-only run, or one from before the
 * field) is read-only, save the embedded server's, whose writes ran all the same.
 */
export interface Series {
  target: string;
  writes: boolean;
}

export function seriesOf(record: HistoryRecord): Series {
  return { target: record.run.target, writes: ranWrites(record.run) };
}

// Read for every record of the store on each run's start-up: compared in place, no Series made.
export function inSeries(record: HistoryRecord, series: Series): boolean {
  return record.run.target === series.target && ranWrites(record.run) === series.writes;
}

/**
 * The series of `records`: by target, in the order of its first record, and a target's two series
 * together, in the order of their first record. The history command prints them so and --format md
 * keeps the first ten: in the order of their first record alone, a target's write runs begun after
 * other targets ran were printed blocks away from its read-only ones, and cut apart from them.
 */
export function storeSeries(records: readonly HistoryRecord[]): Series[] {
  const byTarget = new Map<string, Series[]>();
  for (const record of records) {
    const series = seriesOf(record);
    const known = byTarget.get(series.target);
    if (known === undefined) byTarget.set(series.target, [series]);
    else if (!known.some((s) => s.writes === series.writes)) known.push(series);
  }
  return [...byTarget.values()].flat();
}

/** Every record of `series`, stopped nights included, oldest first by orderKeys (a store merged by hand need not be in order). */
export function runsOfSeries(records: readonly HistoryRecord[], series: Series): HistoryRecord[] {
  return inRunOrder(records.filter((r) => inSeries(r, series)), (r) => r);
}

/**
 * One series as a run's window reads it, derived once a run: the figures (every judged run, the
 * window with its gaps) and the coverage accumulation all read this. Derived by each of them, a
 * run read a 10,000-night store's scope three or four times over.
 */
export interface SeriesWindow {
  series: Series;
  /** Every record of the series, stopped nights included, oldest first by orderKeys; `current`, when given, the newest. */
  runs: readonly HistoryRecord[];
  /** The judged runs of `runs` in `current`'s scope (inScopeOf), oldest first, unbounded; every judged run without `current`. */
  judged: readonly HistoryRecord[];
  /** This run, not yet stored; absent for the history command. */
  current?: HistoryRecord;
}

/**
 * `series` of `records` as a window reads it; `current` (this run, not yet stored) is the newest,
 * and then only the runs of its scope count (inScopeOf): a quick one-operation check between two
 * nights judged a few of tonight's cases at most, and each one pushed a night that judged them all
 * out of the window, and showed in its table as a night of other cases. The history command (no
 * `current`) takes every judged run.
 */
export function seriesWindow(records: readonly HistoryRecord[], series: Series, current?: HistoryRecord): SeriesWindow {
  const runs = [...runsOfSeries(records, series), ...(current !== undefined ? [current] : [])];
  const inScope = current === undefined ? () => true : inScopeOf(current, runs);
  return { series, runs, judged: runs.filter((r) => !isStopped(r) && inScope(r)), ...(current !== undefined ? { current } : {}) };
}

/** The last `window` judged runs of `derived`, oldest first. */
export function historyWindow(derived: SeriesWindow, window: number): HistoryRecord[] {
  return derived.judged.slice(Math.max(0, derived.judged.length - window));
}

/**
 * Whether a run is of `current`'s scope: it had one of its cases (in any status: a skip is in
 * scope, a read-only night of the same operations), and, judged with the same case data, every
 * operation `current` ran. Under one spec, suite and case data, fewer operations can only be a
 * narrower --operation; under another (an upgrade adds an operation) fewer may be the contract's,
 * so the run needs only those of `current`'s that some run of its own contract in `runs` ran: a
 * one-operation check is still narrower than the full nights of its contract (counted, a spec
 * edit put it back into every window after it). A record without the case data's digest counts as
 * before. A run of no case keeps every run. A run whose record says it was given --operation
 * (run.operationFilter) needs every operation `current` ran, whatever its contract: nothing need be
 * inferred of it (wantedOfRuns).
 */
function inScopeOf(current: HistoryRecord, runs: readonly HistoryRecord[]): (run: HistoryRecord) => boolean {
  const ids = new Set(current.cases.map((c) => c.id));
  if (ids.size === 0) return () => true;
  const operations = operationsOf(current);
  const wanted = wantedOfRuns(current, runs, operations);
  return (run) => run === current || (run.cases.some((c) => ids.has(c.id)) && hasEvery(operationsOf(run), wanted.get(run) ?? NONE));
}

const NONE: ReadonlySet<string> = new Set();

/**
 * For each of `runs`, those of `operations` (current's) it must have run: all of them under
 * current's contract, and for a run whose record says it was asked for some operations
 * (askedForSome); under another contract, those any run of that contract
 * (contractKey) ran; none without the case data's digest. Each run's key is made once, only
 * `operations` are looked up, and a contract whose runs ran them all is not read on.
 */
function wantedOfRuns(current: HistoryRecord, runs: readonly HistoryRecord[], operations: ReadonlySet<string>): Map<HistoryRecord, ReadonlySet<string>> {
  const wanted = new Map<HistoryRecord, ReadonlySet<string>>();
  // One set a contract, shared by its runs: filled as the rest of them are read, whole once all are.
  const ran = new Map<string, Set<string>>();
  for (const run of runs) {
    if (sameCaseData(run, current)) {
      wanted.set(run, operations);
      continue;
    }
    // Its own record says it was narrowed: it is judged as under current's contract, not by what
    // the runs of its own ran (a contract that saw only one-operation checks read as one of that
    // operation alone, and every check under it as a full night).
    if (askedForSome(run)) wanted.set(run, operations);
    const key = contractKey(run);
    if (key === undefined) continue;
    let known = ran.get(key);
    if (known === undefined) ran.set(key, (known = new Set<string>()));
    if (!wanted.has(run)) wanted.set(run, known);
    if (known.size === operations.size) continue;
    const own = operationsOf(run);
    for (const operation of operations) if (own.has(operation)) known.add(operation);
  }
  return wanted;
}

/** A run whose record says it was given --operation (run.operationFilter a list); a record from before the field says nothing. */
function askedForSome(run: HistoryRecord): boolean {
  return Array.isArray(run.run.operationFilter);
}

/** A run's spec, suite and case data as one key; none without the case data's digest (sameCaseData's rule). */
function contractKey(run: HistoryRecord): string | undefined {
  // Not JSON.stringify (a third of a 10,000-night window's time): the case data's digest is 64 hex
  // (parse-record.ts) and the spec's length-prefixed, so two contracts never share a key.
  const { casesSha256, specSha256, suiteVersion } = run.run;
  return casesSha256 === undefined ? undefined : `${casesSha256}${specSha256.length}:${specSha256}${suiteVersion}`;
}

function hasEvery(of: ReadonlySet<string>, wanted: ReadonlySet<string>): boolean {
  for (const x of wanted) if (!of.has(x)) return false;
  return true;
}

/**
 * The operations a run's cases belong to: a case id is `<operationId>/<case>`. Read once or twice
 * a record each run (seriesWindow derives the window once), so kept nowhere.
 */
function operationsOf(run: HistoryRecord): ReadonlySet<string> {
  return new Set(run.cases.map((c) => c.id.slice(0, Math.max(0, c.id.indexOf('/')))));
}

/** Judged with one spec, suite and case data, both digests known (a record without one may be of another build). */
function sameCaseData(a: HistoryRecord, b: HistoryRecord): boolean {
  return a.run.specSha256 === b.run.specSha256 && a.run.suiteVersion === b.run.suiteVersion && a.run.casesSha256 !== undefined && a.run.casesSha256 === b.run.casesSha256;
}

/**
 * The window's runs with the nights the run stopped on among them, in start order: the stopped
 * nights from the window's first run on (the newest `window` of them; when no run was judged yet,
 * the newest `window` stopped nights), so a report shows the gaps where they fell.
 */
export function windowWithGaps(derived: SeriesWindow, window: number): HistoryRecord[] {
  const all = derived.runs;
  const judged = new Set(historyWindow(derived, window));
  // From the window's first run on, in the order of `all` (by orderKeys, tonight the newest).
  const from = all.findIndex((r) => judged.has(r));
  const stopped = all.filter((r, i) => isStopped(r) && (from < 0 || i >= from));
  const gaps = new Set(stopped.slice(Math.max(0, stopped.length - window)));
  return all.filter((r) => judged.has(r) || gaps.has(r));
}

/**
 * What a prune keeping `window` keeps of one series' `runs` (in file order; `recordOf` reads each
 * one's record), in run order: everything windowWithGaps shows, and every night not run from the
 * window's first run on, not only the newest `window` of them it shows; with no run judged yet,
 * the newest `window` nights not run, as it shows them. What goes is a prefix of the run order, so
 * the runs kept keep their order: a night not run the window leaves out can be what orders a run
 * after another (orderKeys: stamped by a slow clock, appended after it), and without it the pruned
 * store showed another run as its newest.
 */
export function keptForWindow<T>(runs: readonly T[], recordOf: (run: T) => HistoryRecord, window: number): T[] {
  const ordered = inRunOrder(runs, recordOf);
  const judged = ordered.flatMap((run, i) => (isStopped(recordOf(run)) ? [] : [i]));
  if (judged.length === 0) return ordered.slice(Math.max(0, ordered.length - window));
  return ordered.slice(judged[Math.max(0, judged.length - window)]);
}

/**
 * The `coverage` values of the last `window` judged runs of `derived`, oldest first, verbatim (runs
 * recorded without coverage are left out): what the coverage accumulation folds over. Derived with
 * the current run's record as `current`, tonight's coverage is the newest value.
 */
export function coverageWindow(derived: SeriesWindow, window: number): unknown[] {
  return historyWindow(derived, window).flatMap((r) => (r.coverage === undefined ? [] : [r.coverage]));
}
