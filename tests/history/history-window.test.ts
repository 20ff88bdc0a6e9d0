/**
 * The order of a target's runs when the clocks that stamped them disagree. One store is appended
 * to by many CI machines, each start stamped by its own clock: a re-run on a machine a few minutes
 * slow is stamped before the run it re-ran, yet it is the newer verdict. Runs hours or days apart
 * (two stores concatenated with `cat`) are still ordered by their starts.
 */
import type { HistoryRecord } from '../../src/history/history-record';
import { deriveFigures } from '../../src/history/derive-figures';
import { historyWindow, runsOfSeries, seriesWindow } from '../../src/history/history-window';
import { keptByPrune } from '../../src/history/append-history';
import { TARGET, night, nightOf } from './fixtures';

/** The target's read-only series: these records have no allowWrites. */
const READ_ONLY = { target: TARGET, writes: false };

/** Night `n`'s run, its start stamped `startedAt` (a clock off) rather than 02:00 UTC. */
function stamped(n: number, statuses: string, startedAt: string): HistoryRecord {
  const record = night(n, statuses);
  return { ...record, run: { ...record.run, startedAt } };
}

/** Nights 1-3 pass; night 4 fails at 02:00 on one machine, and its re-run after a fix passes on another whose clock is 15 minutes slow. */
const RERUN = stamped(4, '.', '2026-11-04T01:45:00.000Z');
const STORE = [night(1, '.'), night(2, '.'), night(3, '.'), night(4, 'F'), RERUN];

test('a re-run stamped minutes before the run it re-ran (its machine\'s clock slow) is the newer run, as it was appended: the history view shows its verdict', () => {
  expect(runsOfSeries(STORE, READ_ONLY).at(-1)).toBe(RERUN);
  const figures = deriveFigures(STORE, { store: 'h', target: TARGET, window: 30 });
  const a = figures.cases.find((c) => c.id === 'op/a');
  // Ordered by stamp, the failed run came last: "failing since 2026-11-04", one change where there were two.
  expect(a?.strip).toEqual(['passed', 'passed', 'passed', 'failed', 'passed']);
  expect(a?.failingSince).toBeUndefined();
  expect(a?.flips).toBe(2);
  expect(figures.runs.map((r) => r.startedAt)).toEqual([nightOf(1), nightOf(2), nightOf(3), nightOf(4), RERUN.run.startedAt]);
});

test('the next night\'s window and a prune take the same order: the re-run after the run it re-ran; starts further apart than clocks differ still by start', () => {
  const window = historyWindow(seriesWindow(STORE, READ_ONLY, night(5, '.')), 3);
  expect(window.map((r) => r.run.startedAt)).toEqual([nightOf(4), RERUN.run.startedAt, nightOf(5)]);
  const stored = STORE.map((record, i) => ({ record, line: i + 1, text: JSON.stringify(record) }));
  expect(keptByPrune(stored, { keep: 1 }).map((s) => s.record)).toEqual([RERUN]);
  // Two stores concatenated (cat a b), nights a day apart: the runs are still in the order they started.
  const catted = [night(1, '.'), night(3, '.'), night(5, '.'), night(2, 'F'), night(4, 'F')];
  expect(runsOfSeries(catted, READ_ONLY).map((r) => r.run.startedAt)).toEqual([1, 2, 3, 4, 5].map(nightOf));
  const cattedStore = catted.map((record, i) => ({ record, line: i + 1, text: JSON.stringify(record) }));
  expect(keptByPrune(cattedStore, { keep: 2 }).map((s) => s.record.run.startedAt)).toEqual([nightOf(5), nightOf(4)]);
  // Stamped an hour before the run appended ahead of it, more than two clocks differ by: placed by its stamp.
  const early = stamped(4, '.', '2026-11-04T01:00:00.000Z');
  expect(runsOfSeries([night(3, '.'), night(4, 'F'), early], READ_ONLY).map((r) => r.run.startedAt)).toEqual([nightOf(3), early.run.startedAt, nightOf(4)]);
});
