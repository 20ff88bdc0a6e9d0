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
