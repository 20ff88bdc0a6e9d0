/** The derived figures from a fixed store: failing since, flips and flip rate, trends, the window, the coverage seam. */
import { deriveFigures, failingSince, flipsOf, overFlakyLimit, p95RiseOf } from '../../src/history/derive-figures';
import { diffBaseline } from '../../src/baseline/baseline-diff';
import { mixedReport, report as reportOf, result, runInfo, violation } from '../report/fixtures';
import { coverageWindow, historyWindow, seriesWindow } from '../../src/history/history-window';
import { caseP95, recordOf } from '../../src/history/history-record';
import { aggregateCoverage, storedCoverage } from '../../src/coverage';
import { fixedResults, subjects } from '../coverage/fixtures';
import { assembleReport } from '../../src/runner/assemble-report';
import { combineAttempts } from '../../src/repeat/combine-attempts';
import { OTHER_TARGET, TARGET, night, nightOf } from './fixtures';
import { P95_RISE_NIGHTS } from '../../src/model/history';

/**
 * Ten nights of one target, cases a…e (case per column):
 *   a passes throughout; b fails from night 7 on (a skip on night 9 does not break the streak);
 *   c alternates; d is absent on nights 1-4; e failed long ago and passes since night 3.
 * The other target's nights are interleaved and must change nothing.
 */
const NIGHTS = ['...-F', '...-F', '...-.', '..F-.', '.....', '..F..', '.F...', '.FF..', '.s...', '.FF..'];
const STORE = NIGHTS.flatMap((row, i) => [night(i + 1, row, { ms: 10 + i }), night(i + 1, 'FFFFF', { target: OTHER_TARGET })]);

test('failing since: the first run of the current failing streak, skips passed over, over the whole store', () => {
  const runs = STORE.filter((r) => r.run.target === TARGET);
  expect(failingSince(runs, 'op/b')).toEqual({ startedAt: nightOf(7), runs: 3 });
  expect(failingSince(runs, 'op/a')).toBeUndefined();
  expect(failingSince(runs, 'op/e')).toBeUndefined();
  // A window of 2 does not cut the streak short: it is looked for over every stored run.
  expect(deriveFigures(STORE, { store: 'h', target: TARGET, window: 2 }).cases.find((c) => c.id === 'op/b')?.failingSince).toEqual({ startedAt: nightOf(7), runs: 3 });
  // Skipped tonight after failing: no current failing streak to report.
  expect(failingSince([...runs, night(11, '.s...')], 'op/b')).toBeUndefined();
});

test('failing since: a case passing or skipped tonight is answered from tonight alone, without a walk of the store', () => {
  // The older runs' cases cannot be read: a walk of them (per case, over a store of thousands of
  // runs, most cases of a live read-only run skipped every night) is what took seconds.
  const unreadable = NIGHTS.map((row, i) => Object.defineProperty({ ...night(i + 1, row) }, 'cases', { get: () => { throw new Error(`night ${i + 1} was read`); } }));
  expect(failingSince([...unreadable, night(11, '.s...')], 'op/b')).toBeUndefined();
  expect(failingSince([...unreadable, night(11, '.s...')], 'op/a')).toBeUndefined();
  // A case absent tonight too.
  expect(failingSince([...unreadable, night(11, '.')], 'op/c')).toBeUndefined();
});

test('flips: verdict changes between consecutive runs with a verdict; a skip, an absence or a case not judged is not a change', () => {
  expect(flipsOf(['passed', 'failed', 'passed', null, 'skipped', 'passed', 'error', 'flaky'])).toEqual({ flips: 3, compared: 4 });
  // A rate-limited night between two passes: no flip.
  expect(flipsOf(['passed', 'error', 'passed'])).toEqual({ flips: 0, compared: 1 });
  expect(flipsOf([null, 'skipped'])).toEqual({ flips: 0, compared: 0 });
  const figures = deriveFigures(STORE, { store: 'h', target: TARGET, window: 10 });
  const c = figures.cases.find((x) => x.id === 'op/c');
  expect(c?.strip).toEqual(['passed', 'passed', 'passed', 'failed', 'passed', 'failed', 'passed', 'failed', 'passed', 'failed']);
  expect(c).toMatchObject({ flips: 7, compared: 9 });
  expect(c?.flipRate).toBeCloseTo(7 / 9);
  expect(figures.cases.find((x) => x.id === 'op/d')).toMatchObject({ strip: [null, null, null, null, 'passed', 'passed', 'passed', 'passed', 'passed', 'passed'], flips: 0, compared: 5 });
});

test('flips: a verdict change between two nights judged under different contracts (spec or suite) is no flip of the target, and not compared', () => {
  // A nightly month: a spec edit made a case fail for two nights, and its revert made it pass; with
  // the real fault of nights 2-3, --fail-on-flaky-rate 0.3 failed the run on "4 of 12 (33 %)".
  const spec = (c: string) => ({ specSha256: c.repeat(64), suiteVersion: '0.2.0' });
  const [a, b] = [spec('a'), spec('b')];
  expect(flipsOf(['passed', 'failed', 'failed', 'passed', 'failed', 'failed', 'passed'], [a, a, a, a, b, b, a])).toEqual({ flips: 2, compared: 4 });
  // Skipped nights between: the pair is the two judged nights around them, compared only under one contract.
  expect(flipsOf(['passed', null, 'failed', 'skipped', 'passed'], [a, a, b, b, b])).toEqual({ flips: 1, compared: 1 });
  const edited = (n: number, statuses: string) => { const r = night(n, statuses); return { ...r, run: { ...r.run, specSha256: 'b'.repeat(64) } }; };
  const upgraded = (n: number, statuses: string) => { const r = night(n, statuses); return { ...r, run: { ...r.run, suiteVersion: '0.3.0' } }; };
  const store = [night(1, '.'), night(2, 'F'), night(3, 'F'), night(4, '.'), edited(5, 'F'), edited(6, 'F'), night(7, '.'), upgraded(8, 'F')];
  const c = deriveFigures(store, { store: 'h', target: TARGET, window: 10, flakyLimit: 0.3 }).cases[0];
  expect(c).toMatchObject({ flips: 2, compared: 4 });
  expect(deriveFigures(store, { store: 'h', target: TARGET, window: 10, flakyLimit: 0.3 }).flakyRate?.over).toEqual([{ id: 'op/a', flips: 2, compared: 4, rate: 0.5 }]);
});

test('runs: the window of this target only, oldest first, with pass rate and p95 per run; the current run the newest', () => {
  const current = night(11, '.....', { ms: 50 });
  const figures = deriveFigures(STORE, { store: 'h', target: TARGET, window: 4 }, current);
  expect(figures.runs.map((r) => r.startedAt)).toEqual([nightOf(8), nightOf(9), nightOf(10), nightOf(11)]);
  expect(figures.runs.map((r) => r.passRate)).toEqual([3 / 5, 1, 3 / 5, 1]);
  expect(figures.runs[1]).toMatchObject({ passed: 4, judged: 4 });
  expect(figures.runs.map((r) => r.p95)).toEqual([34, 36, 38, 100]);
  // p95 trend per case: each run's figure for that case.
  expect(figures.cases.find((c) => c.id === 'op/a')?.p95).toEqual([17, 18, 19, 50]);
  expect(figures.cases.map((c) => c.id)).toEqual(['op/a', 'op/b', 'op/c', 'op/d', 'op/e']);
});

test('pass rate: a case that could not be judged (error) is left out, as from the strips: a night rate-limited throughout is n/a, not 0 %', () => {
  const figures = deriveFigures([night(1, '..EE'), night(2, 'EEEE'), night(3, '.F.E')], { store: 'h', target: TARGET, window: 10 });
  expect(figures.runs.map((r) => [r.passRate, r.passed, r.judged])).toEqual([[1, 2, 2], [null, 0, 0], [2 / 3, 2, 3]]);
  // Nor a p95: that night timed the limiter's answers. A case not judged has no point in its own trend either.
  expect(figures.runs.map((r) => r.p95)).toEqual([20, undefined, 20]);
  expect(figures.cases.find((c) => c.id === 'op/d')?.p95).toEqual([null, null, null]);
  expect(figures.cases.find((c) => c.id === 'op/a')?.p95).toEqual([10, null, 10]);
});

test('p95 rise: a creep of 5 % a night, which no night-over-night baseline catches, is called once it adds up', () => {
  const creep = Array.from({ length: 12 }, (_, i) => Math.round(200 * 1.05 ** i * 10) / 10);
  // Night over night the baseline's rule (+50 % and 20 ms) never trips: each step is +5 %.
  const diffs = creep.slice(1).map((p95, i) => {
    const at = (ms: number) => reportOf([result({ id: 'op/a', latency: { samples: 3, p50: ms, p95: ms, p99: ms, max: ms } })]);
    return diffBaseline(at(p95), at(creep[i]!), 'b.json', { latencyThresholdPct: 50, minDeltaMs: 20 }).latencyRegressions.length;
  });
  expect(diffs.every((n) => n === 0)).toBe(true);
  // Over the window: the median of the first 3 nights (210) against the last 3 (325.8): +55 %.
  expect(p95RiseOf(creep)).toEqual({ from: 210, to: 325.8 });
  const records = creep.map((ms, i) => ({ ...night(i + 1, '.'), cases: [{ id: 'op/a', status: 'passed' as const, checks: [], durationMs: 1, latency: { samples: 3, p50: ms, p95: ms, p99: ms, max: ms } }] }));
  expect(deriveFigures(records, { store: 'h', target: TARGET, window: 30 }).cases[0]?.p95Rise).toEqual({ from: 210, to: 325.8 });
  // Ten nights in, +41 % between the two ends: not yet.
  expect(p95RiseOf(creep.slice(0, 10))).toBeUndefined();
  // One slow night at the end, or a case back to its pace tonight, is not a rise; nor 2 ms → 4 ms.
  expect(p95RiseOf([200, 210, 190, 205, 200, 900])).toBeUndefined();
  expect(p95RiseOf([200, 200, 200, 400, 400, 200])).toBeUndefined();
  expect(p95RiseOf([2, 2, 2, 4, 4, 4])).toBeUndefined();
  // Unmeasured runs are passed over; fewer than 6 measured, no rise (one night would decide an end).
  expect(p95RiseOf([100, null, 100, 100, null, 300, 300, 300])).toEqual({ from: 100, to: 300 });
  expect(p95RiseOf([100, null, 100, null, 300, 300])).toBeUndefined();
  expect(p95RiseOf([null, 100])).toBeUndefined();
});

test('the latency budget comes with the trend, and --fail-on-flaky-rate lists the cases above it', () => {
  const figures = deriveFigures(STORE, { store: 'h', target: TARGET, window: 10, latencyBudgetMs: 25, flakyLimit: 0.5 });
  expect(figures.latencyBudgetMs).toBe(25);
  expect(figures.flakyRate).toEqual({ limit: 0.5, over: [{ id: 'op/c', flips: 7, compared: 9, rate: 7 / 9 }] });
  // "More than R": a rate equal to the limit does not fail.
  expect(overFlakyLimit(figures.cases, 7 / 9)).toEqual([]);
  // b: 1 change in 8 (its skip is passed over), e: 1 in 9: one change is a regression or a fix, never a flip back.
  expect(overFlakyLimit(figures.cases, 0.1).map((o) => [o.id, o.flips, o.compared])).toEqual([['op/c', 7, 9]]);
});

test('--fail-on-flaky-rate needs a verdict to have come back: one change in a young store is a regression or a fix, not flakiness', () => {
  // A nightly walk's first four nights: a passes; b slows past the budget on night 2 and stays
  // there (a known failure to the baseline); c fails on night 3 alone and is fixed on night 4.
  const store = [night(1, '...'), night(2, '.F.'), night(3, '.FF'), night(4, '.F.')];
  const figures = (nights: number) => deriveFigures(store.slice(0, nights), { store: 'h', target: TARGET, window: 30, flakyLimit: 0.3 });
  // Night 2: b changed in 1 of 1 pairs (100 %), night 3 in 1 of 2, night 4 in 1 of 3: each time the
  // same one change, which "failing since" and the baseline already tell.
  expect(figures(2).flakyRate?.over).toEqual([]);
  expect(figures(3).flakyRate?.over).toEqual([]);
  // Night 4: b still its one change; c failed and came back, 2 of 3, and is over the limit, as documented.
  expect(figures(4).cases.find((c) => c.id === 'op/b')).toMatchObject({ flips: 1, compared: 3 });
  expect(figures(4).flakyRate?.over).toEqual([{ id: 'op/c', flips: 2, compared: 3, rate: 2 / 3 }]);
  // A case that goes back and forth is flaky however few its nights.
  expect(overFlakyLimit(deriveFigures([night(1, '.'), night(2, 'F'), night(3, '.')], { store: 'h', target: TARGET, window: 30 }).cases, 0.3).map((o) => o.id)).toEqual(['op/a']);
});

test('the window is the last N runs of one target; the coverage seam hands over those runs\' coverage, oldest first', () => {
  const records = [night(1, '.', { coverage: { n: 1 } }), night(2, '.', { target: OTHER_TARGET, coverage: { n: 'other' } }), night(3, '.'), night(4, '.', { coverage: { n: 4 } })];
  expect(historyWindow(seriesWindow(records, { target: TARGET, writes: false }), 2).map((r) => r.run.startedAt)).toEqual([nightOf(3), nightOf(4)]);
  expect(coverageWindow(seriesWindow(records, { target: TARGET, writes: false }), 30)).toEqual([{ n: 1 }, { n: 4 }]);
  expect(coverageWindow(seriesWindow(records, { target: TARGET, writes: false }, night(5, '.', { coverage: { n: 5 } })), 2)).toEqual([{ n: 4 }, { n: 5 }]);
});

test("a record keeps the run's case data digest (runInfo.casesSha256), and a report from before it makes a record without one", () => {
  const report = mixedReport();
  expect(recordOf({ ...report, runInfo: { ...report.runInfo, casesSha256: 'd'.repeat(64) } }).run.casesSha256).toBe('d'.repeat(64));
  const { casesSha256: _none, ...older } = report.runInfo;
  expect('casesSha256' in recordOf({ ...report, runInfo: older }).run).toBe(false);
});

test('a record keeps per case its status, failing checks and latency, and what the run\'s coverage saw', () => {
  const report = mixedReport();
  const coverage = aggregateCoverage(subjects, fixedResults);
  const record = recordOf({ ...report, coverage }, { shards: 3 });
  expect(record.run).toMatchObject({ target: report.runInfo.target, mode: report.runInfo.mode, specSha256: report.runInfo.specSha256, shards: 3 });
  expect(record.cases.map((c) => c.id)).toEqual(report.results.map((r) => r.id));
  const failed = report.results.find((r) => r.status === 'failed');
  expect(record.cases.find((c) => c.id === failed?.id)?.checks).toEqual([...new Set(failed?.violations.filter((v) => v.severity === 'error').map((v) => v.check))].sort());
  expect(record.coverage).toEqual(storedCoverage(coverage));
  expect(recordOf(report).coverage).toBeUndefined();
  // Latency: a repeated case keeps its percentiles; the negative property's duration is no latency.
  const latency = { samples: 3, p50: 4.2, p95: 9.9, p99: 9.9, max: 9.9 };
  const [first, second] = report.results;
  const timed = recordOf({ ...report, results: [{ ...first!, latency }, { ...second!, family: 'negative-inputs', fuzzed: 'senderId', durationMs: 321 }] });
  expect(timed.cases[0]).toMatchObject({ latency, durationMs: first!.durationMs });
  expect(caseP95(timed.cases[0]!)).toBe(9.9);
  expect(timed.cases[1]?.durationMs).toBe(0);
  expect(caseP95(timed.cases[1]!)).toBeNull();
});

test('a night of quick 502s has no p95: not a faster night in the trend, and no cover for a real slowdown', () => {
  const quick502 = result({ id: 'op/a', status: 'failed', durationMs: 2, receivedStatus: 502, violations: [violation({ check: 'not-a-server-error', instancePath: '' })] });
  // The run's figures and the case's, as a run assembles and records them.
  const outage = recordOf(assembleReport({ ...runInfo, startedAt: nightOf(7) }, [quick502], { allowFlaky: false }));
  expect(outage.latency).toBeUndefined();
  expect(outage.cases[0]).toMatchObject({ durationMs: 2, leftOut: 1 });
  expect(outage.cases[0]?.latency).toBeUndefined();
  expect(caseP95(outage.cases[0]!)).toBeNull();
  // Under --repeat too: every repeat a 502, no figures.
  expect(caseP95(recordOf(reportOf([combineAttempts([quick502, quick502])])).cases[0]!)).toBeNull();
  // Nights 1-3 at 50 ms, 4-6 at 200 ms, then the outage: the rise is still called, on the nights measured.
  const measured = [50, 50, 50, 200, 200, 200].map((ms, i) => ({ ...night(i + 1, '.'), cases: [{ id: 'op/a', status: 'passed' as const, checks: [], durationMs: ms }] }));
  const figures = deriveFigures([...measured, outage], { store: 'h', target: runInfo.target, window: 30 });
  expect(figures.cases[0]?.p95).toEqual([50, 50, 50, 200, 200, 200, null]);
  expect(figures.cases[0]?.p95Rise).toEqual({ from: 50, to: 200 });
  expect(figures.runs[6]?.p95).toBeUndefined();
  // A record from before the field (no leftOut) reads as it did: its one duration.
  const { leftOut: _none, ...older } = outage.cases[0]!;
  expect(caseP95(older)).toBe(2);
});

/**
 * p95RiseOf at its bound, P95_RISE_NIGHTS (6) measured nights, in a unit test: the end-to-end test
 * of "not enough nights yet" runs the CLI, and five measured nights are the night before a rise
 * may be called.
 */
describe('p95RiseOf at P95_RISE_NIGHTS', () => {
  describe('p95RiseOf needs P95_RISE_NIGHTS measured nights', () => {
    it('calls no rise on five measured nights, and calls it on the sixth', () => {
      expect(P95_RISE_NIGHTS).toBe(6);
      expect(p95RiseOf([100, 100, 300, 300, 300])).toBeUndefined();
      // Unmeasured nights (null) do not count towards the six.
      expect(p95RiseOf([100, null, 100, 300, null, 300, 300])).toBeUndefined();
      expect(p95RiseOf([100, 100, 100, 300, 300, 300])).toEqual({ from: 100, to: 300 });
    });
  });
});
