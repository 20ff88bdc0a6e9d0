/**
 * A latency budget set on some nights and not others (a weekly performance night, a budget tightened
 * then loosened) changes verdicts with the setting, not the target: those changes are not flips.
 */
import { deriveFigures } from '../../src/history/derive-figures';
import type { HistoryRecord } from '../../src/history/history-record';
import { TARGET, night } from './fixtures';

/** Night `n`: a over the budget when one is set (failing latency-budget alone), b failing another check on 'F'. */
function nightWith(n: number, b: '.' | 'F', budget?: number): HistoryRecord {
  const record = night(n, `.${b}`, budget === undefined ? {} : { budget });
  const cases = record.cases.map((c) => (c.id === 'op/a' && budget !== undefined ? { ...c, status: 'failed' as const, checks: ['latency-budget'] } : c));
  return { ...record, cases, summary: { ...record.summary, passed: record.summary.passed - (budget === undefined ? 0 : 1), failed: record.summary.failed + (budget === undefined ? 0 : 1) } };
}

test('a case failing the latency budget only on the nights that set one did not flip; its other faults still count', () => {
  const store = [nightWith(1, '.', 2), nightWith(2, 'F'), nightWith(3, '.', 2), nightWith(4, 'F')];
  const figures = deriveFigures(store, { store: 'h', target: TARGET, window: 30, flakyLimit: 0.3 }, nightWith(5, '.', 2));
  const a = figures.cases.find((c) => c.id === 'op/a');
  // Its strip still shows each night's verdict.
  expect(a?.strip).toEqual(['failed', 'passed', 'failed', 'passed', 'failed']);
  expect(a).toMatchObject({ flips: 0, compared: 4 });
  // b changed with the target every night, budget or not.
  expect(figures.cases.find((c) => c.id === 'op/b')).toMatchObject({ flips: 4, compared: 4 });
  expect(figures.flakyRate?.over.map((c) => c.id)).toEqual(['op/b']);
});

test('under one budget every night, a case that goes over it and back flips as any verdict does', () => {
  const store = [nightWith(1, '.', 2), { ...nightWith(2, '.'), run: { ...nightWith(2, '.').run, latencyBudgetMs: 2 } }, nightWith(3, '.', 2)];
  const a = deriveFigures(store, { store: 'h', target: TARGET, window: 30 }).cases.find((c) => c.id === 'op/a');
  expect(a).toMatchObject({ strip: ['failed', 'passed', 'failed'], flips: 2, compared: 2 });
});

/** Night `n` where op/a fails: on the budget alone when `budget` is set and `overBudget`, else on another check. */
function aFails(n: number, budget?: number, overBudget = budget !== undefined): HistoryRecord {
  const record = night(n, 'F.', budget === undefined ? {} : { budget });
  return { ...record, cases: record.cases.map((c) => (c.id === 'op/a' && overBudget ? { ...c, checks: ['latency-budget'] } : c)) };
}

test('a case that failed every night, on the budget one night and on another check the next, never changed its verdict', () => {
  // Read as a pass on the budget's nights, the budget's failure made a steady failure "changed 3/3":
  // a flip where the strip shows FFFF, and a case failing all along over --fail-on-flaky-rate.
  const store = [aFails(1, 2), aFails(2), aFails(3, 2)];
  const figures = deriveFigures(store, { store: 'h', target: TARGET, window: 30, flakyLimit: 0.3 }, aFails(4));
  expect(figures.cases.find((c) => c.id === 'op/a')).toMatchObject({ strip: ['failed', 'failed', 'failed', 'failed'], flips: 0, compared: 3 });
  expect(figures.flakyRate?.over).toEqual([]);
});

test('over a looser budget than the night it passed under is the target slowing down, a change as any other', () => {
  // p95 within 2 ms one night, over 5 ms the next: no setting explains that, the target changed.
  const store = [night(1, '..', { budget: 2 }), aFails(2, 5), night(3, '..', { budget: 2 })];
  const a = deriveFigures(store, { store: 'h', target: TARGET, window: 30 }, aFails(4, 5)).cases.find((c) => c.id === 'op/a');
  expect(a).toMatchObject({ strip: ['passed', 'failed', 'passed', 'failed'], flips: 3, compared: 3 });
  // Over a tighter budget than the night it passed under (or beside a night without one) it is the setting's.
  const tighter = [night(1, '..', { budget: 5 }), aFails(2, 2), night(3, '..')];
  expect(deriveFigures(tighter, { store: 'h', target: TARGET, window: 30 }, aFails(4, 2)).cases.find((c) => c.id === 'op/a')).toMatchObject({ flips: 0, compared: 3 });
});
