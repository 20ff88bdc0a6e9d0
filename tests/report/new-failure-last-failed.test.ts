/**
 * A new failure that failed before in the history window says when it last did: "also failed on 1
 * of 7 earlier runs" told the person on call the fault was not new, not which night's reports to
 * set beside tonight's. Dated as the history views date the window's runs (a day, or to the minute
 * when two runs share one).
 */
import { deriveFigures } from '../../src/history/derive-figures';
import { newFailureNotes } from '../../src/report/regression-text';
import type { BaselineDiff, CaseResult } from '../../src/model';
import { TARGET, night, nightOf } from '../history/fixtures';
import { result } from './fixtures';

const diff: BaselineDiff = { baseline: { file: 'b.json', startedAt: nightOf(6), target: TARGET }, newFailures: ['op/a'], fixed: [], stillFailing: [], newlySkipped: [], latencyRegressions: [] };
const tonight: CaseResult[] = [result({ id: 'op/a', status: 'failed' })];
const options = { store: 'h.jsonl', target: TARGET, window: 30 };

test('the note names the night the case last failed', () => {
  // Failed on nights 2 and 4, passed on 1, 3, 5, 6; failing again tonight (7).
  const history = deriveFigures(['.', 'F', '.', 'F', '.', '.'].map((s, i) => night(i + 1, s)), options, night(7, 'F'));
  expect(newFailureNotes(diff, tonight, history).get('op/a')).toBe('also failed on 2 of 6 earlier runs in the history window, last on 2026-11-04');
});

test('two runs on one day: dated to the minute, as the views date them', () => {
  const rerun = { ...night(5, 'F'), run: { ...night(5, 'F').run, startedAt: nightOf(5).replace('02:00', '14:30'), finishedAt: nightOf(5).replace('02:00', '14:31') } };
  const history = deriveFigures([night(4, '.'), night(5, '.'), rerun, night(6, '.')], options, night(7, 'F'));
  expect(newFailureNotes(diff, tonight, history).get('op/a')).toBe('also failed on 1 of 4 earlier runs in the history window, last on 2026-11-05 14:30');
});
