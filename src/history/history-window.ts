/**
 * The window: the last N runs of one target, oldest first. Shared by the derived figures and by
 * the coverage accumulation, which reads each run's `coverage` through coverageWindow.
 */
import type { HistoryRecord } from './history-record';

/** The runs of `target`, ordered by start (a store merged by hand need not be in order); the sort is stable. */
export function runsOfTarget(records: readonly HistoryRecord[], target: string): HistoryRecord[] {
  return records.filter((r) => r.run.target === target).sort((a, b) => Date.parse(a.run.startedAt) - Date.parse(b.run.startedAt));
}

/** The last `window` runs of `target`, oldest first; `current` (this run, not yet stored) is the newest. */
export function historyWindow(records: readonly HistoryRecord[], target: string, window: number, current?: HistoryRecord): HistoryRecord[] {
  const runs = [...runsOfTarget(records, target), ...(current !== undefined ? [current] : [])];
  return runs.slice(Math.max(0, runs.length - window));
}

/**
 * The `coverage` values of the window's runs, oldest first, verbatim (runs recorded without
 * coverage are left out): what the coverage accumulation folds over. Pass the current run's
 * record as `current` so tonight's coverage is the newest value.
 */
export function coverageWindow(records: readonly HistoryRecord[], target: string, window: number, current?: HistoryRecord): unknown[] {
  return historyWindow(records, target, window, current).flatMap((r) => (r.coverage === undefined ? [] : [r.coverage]));
}
