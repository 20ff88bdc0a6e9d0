/**
 * A night run with another --operation scope (a one-operation re-run, a read-only check of another
 * operation) is the newest judged run of the target: the history command must not lose the cases
 * the earlier nights judged, their strips, streaks and flips, behind it.
 */
import { deriveFigures } from '../../src/history/derive-figures';
import type { HistoryRecord } from '../../src/history/history-record';
import { TARGET, night, nightOf } from './fixtures';

/** Night `n` of another operation only: its cases renamed `other/…`, all skipped (writes not allowed). */
function otherScopeNight(n: number): HistoryRecord {
  const record = night(n, 'ss');
  return { ...record, cases: record.cases.map((c) => ({ ...c, id: c.id.replace('op/', 'other/') })) };
}

// a fails from night 3 on, b flips every night, c passes.
const STORE = [night(1, '...'), night(2, '.F.'), night(3, 'F..'), night(4, 'FF.'), otherScopeNight(5)];

test('the history command after a night of another scope still shows the cases the window judged, with their streaks and flips', () => {
  const figures = deriveFigures(STORE, { store: 'h', target: TARGET, window: 30 });
  const ids = figures.cases.map((c) => c.id);
  // Tonight's cases first, then the ones only earlier nights had.
  expect(ids).toEqual(['other/a', 'other/b', 'op/a', 'op/b', 'op/c']);
  const a = figures.cases.find((c) => c.id === 'op/a');
  // Absent on the newest night: a '-' at the end of its strip, its streak counted up to the night it last ran.
  expect(a?.strip).toEqual(['passed', 'passed', 'failed', 'failed', null]);
  expect(a?.failingSince).toEqual({ startedAt: nightOf(3), runs: 2 });
  expect(figures.cases.find((c) => c.id === 'op/b')).toMatchObject({ flips: 3, compared: 3 });
});

test('a run keeps to its own cases: a case of another scope is neither shown in its report nor gated by --fail-on-flaky-rate', () => {
  const figures = deriveFigures(STORE.slice(0, 4), { store: 'h', target: TARGET, window: 30, flakyLimit: 0.3 }, otherScopeNight(5));
  expect(figures.cases.map((c) => c.id)).toEqual(['other/a', 'other/b']);
  expect(figures.flakyRate?.over).toEqual([]);
});

test("a run's window is the runs that had any of its cases: nights of another scope take no place in it", () => {
  // Three quick one-operation checks between two full nights: with a window of 4 they pushed every
  // full night but tonight out, so a flipping case had one verdict to compare and tonight's table
  // showed three nights of other cases (n/a pass rates).
  const store = [night(1, '.F.'), night(2, 'F..'), night(3, '.F.'), otherScopeNight(4), otherScopeNight(5), otherScopeNight(6)];
  const figures = deriveFigures(store, { store: 'h', target: TARGET, window: 4, flakyLimit: 0.3 }, night(7, 'F..'));
  expect(figures.runs.map((r) => r.startedAt)).toEqual([nightOf(1), nightOf(2), nightOf(3), nightOf(7)]);
  expect(figures.cases.find((c) => c.id === 'op/a')).toMatchObject({ strip: ['passed', 'failed', 'passed', 'failed'], flips: 3, compared: 3 });
  expect(figures.flakyRate?.over.map((c) => c.id)).toEqual(['op/a', 'op/b']);
  // The other scope's own run: the nights of its own scope.
  expect(deriveFigures(store.slice(0, 5), { store: 'h', target: TARGET, window: 30 }, otherScopeNight(6)).runs.map((r) => r.startedAt)).toEqual([nightOf(4), nightOf(5), nightOf(6)]);
});
