/**
 * The baseline line's words on the runs since the baseline, over figures the history window really
 * derives (deriveFigures): its order (a re-run stamped by a slow clock stands after the run it
 * re-ran) and its gaps (the newest `window` nights not run), not over a hand-made run list.
 */
import type { BaselineDiff } from '../../src/model';
import { deriveFigures } from '../../src/history/derive-figures';
import { stoppedRecordOf, type HistoryRecord } from '../../src/history/history-record';
import { baselineRunText } from '../../src/report/regression-text';
import { night, nightOf, TARGET } from '../history/fixtures';

const diffOf = (startedAt: string): BaselineDiff => ({ baseline: { file: 'last/conformance.json', startedAt, target: TARGET }, newFailures: [], fixed: [], stillFailing: [], newlySkipped: [], latencyRegressions: [] });

function stoppedNight(n: number): HistoryRecord {
  return stoppedRecordOf({ target: TARGET, mode: 'live', specSha256: 'a'.repeat(64), suiteVersion: '0.2.0', startedAt: nightOf(n), finishedAt: nightOf(n).replace('02:00:00', '02:00:05') }, 'target https://api.zavu.example is unreachable', 3);
}

function at(n: number, startedAt: string): HistoryRecord {
  const record = night(n, '..');
  return { ...record, run: { ...record.run, startedAt } };
}

test("a re-run stamped by a slow clock, appended after the run it re-ran, is the run before tonight's: the baseline line says nothing more", () => {
  const rerun = at(4, '2026-11-04T01:55:00.000Z');
  const figures = deriveFigures([night(3, '..'), night(4, '..'), rerun], { store: 'h.jsonl', target: TARGET, window: 30 }, night(5, '..'));
  expect(baselineRunText(diffOf(rerun.run.startedAt), figures)).toBe('its run started 2026-11-04 01:55:00 UTC');
});

test('four nights not run since the baseline, a window of 2: the window shows two of them, and the line says "at least"', () => {
  const figures = deriveFigures([night(3, '..'), stoppedNight(4), stoppedNight(5), stoppedNight(6), stoppedNight(7)], { store: 'h.jsonl', target: TARGET, window: 2 }, night(8, '..'));
  expect(baselineRunText(diffOf(nightOf(3)), figures)).toBe('its run started 2026-11-03 02:00:00 UTC, the last run judged: at least 2 nights since it were not run');
  // A window that holds them all counts them.
  const whole = deriveFigures([night(3, '..'), stoppedNight(4), stoppedNight(5), stoppedNight(6), stoppedNight(7)], { store: 'h.jsonl', target: TARGET, window: 30 }, night(8, '..'));
  expect(baselineRunText(diffOf(nightOf(3)), whole)).toBe('its run started 2026-11-03 02:00:00 UTC, the last run judged: the 4 nights since it were not run');
});
