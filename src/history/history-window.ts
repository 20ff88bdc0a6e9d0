/**
 * The window: the last N judged runs of one target, oldest first. Shared by the derived figures and
 * by the coverage accumulation, which reads each run's `coverage` through coverageWindow. A night
 * the run stopped before judging (a stopped record) is no run of the window: a week of outages
 * neither pushes judged runs out of it nor counts as a pass or a fail; the figures show it as a gap.
 */
import { isStopped, type HistoryRecord } from './history-record';

/** Every record of `target`, stopped nights included, ordered by start (a store merged by hand need not be in order); the sort is stable. */
export function runsOfTarget(records: readonly HistoryRecord[], target: string): HistoryRecord[] {
  return records.filter((r) => r.run.target === target).sort((a, b) => Date.parse(a.run.startedAt) - Date.parse(b.run.startedAt));
}

/** The last `window` judged runs of `target`, oldest first; `current` (this run, not yet stored) is the newest. */
export function historyWindow(records: readonly HistoryRecord[], target: string, window: number, current?: HistoryRecord): HistoryRecord[] {
  const runs = [...runsOfTarget(records, target), ...(current !== undefined ? [current] : [])].filter((r) => !isStopped(r));
  return runs.slice(Math.max(0, runs.length - window));
}

/**
 * The window's runs with the nights the run stopped on among them, in start order: the stopped
 * nights from the window's first run on (the newest `window` of them; when no run was judged yet,
 * the newest `window` stopped nights), so a report shows the gaps where they fell.
 */
export function windowWithGaps(records: readonly HistoryRecord[], target: string, window: number, current?: HistoryRecord): HistoryRecord[] {
  const all = [...runsOfTarget(records, target), ...(current !== undefined ? [current] : [])];
  const judged = new Set(historyWindow(records, target, window, current));
  const first = all.find((r) => judged.has(r));
  const from = first === undefined ? -Infinity : Date.parse(first.run.startedAt);
  const stopped = all.filter((r) => isStopped(r) && Date.parse(r.run.startedAt) >= from);
  const gaps = new Set(stopped.slice(Math.max(0, stopped.length - window)));
  return all.filter((r) => judged.has(r) || gaps.has(r));
}

/**
 * The `coverage` values of the window's runs, oldest first, verbatim (runs recorded without
 * coverage are left out): what the coverage accumulation folds over. Pass the current run's
 * record as `current` so tonight's coverage is the newest value.
 */
export function coverageWindow(records: readonly HistoryRecord[], target: string, window: number, current?: HistoryRecord): unknown[] {
  return historyWindow(records, target, window, current).flatMap((r) => (r.coverage === undefined ? [] : [r.coverage]));
}
