/** --history, --history-window and --fail-on-flaky-rate: flags over environment, bounds, and what needs what. */
import { join } from 'node:path';
import { runOptions } from '../../src/config/options';
import { parseFlags } from '../../src/config/parse-flags';
import { resolveHistorySettings, resolveRunConfig } from '../../src/config/run-config';

const cwd = '/work/project';
const resolveWith = (argv: string[], env: Record<string, string> = {}) => resolveRunConfig(parseFlags(argv, runOptions), { values: env }, cwd);

test('no --history: no history settings; with it, the store relative to where the user stands and a window of 30', () => {
  expect(resolveWith([]).history).toBeUndefined();
  expect(resolveWith(['--history', 'cache/history.jsonl']).history).toEqual({ file: join(cwd, 'cache/history.jsonl'), label: '--history', window: 30 });
});

test('flags override the environment; the rate is a share from 0 to 1', () => {
  const env = { ZAVU_HISTORY: '/ci/h.jsonl', ZAVU_HISTORY_WINDOW: '60', ZAVU_FAIL_ON_FLAKY_RATE: '0.2' };
  expect(resolveWith([], env).history).toEqual({ file: '/ci/h.jsonl', label: 'ZAVU_HISTORY', window: 60, failOnFlakyRate: 0.2 });
  expect(resolveWith(['--history-window', '7', '--fail-on-flaky-rate', '0'], env).history).toEqual({ file: '/ci/h.jsonl', label: 'ZAVU_HISTORY', window: 7, failOnFlakyRate: 0 });
  expect(resolveHistorySettings({ history: 'x.jsonl' }, { values: env }, cwd).history).toEqual({ file: join(cwd, 'x.jsonl'), label: '--history', window: 60, failOnFlakyRate: 0.2 });
});

test('bad values are one line naming where they came from; the rate needs a store', () => {
  expect(() => resolveWith(['--history', 'h', '--history-window', '0'])).toThrow(/^--history-window "0" must be a whole number from 1 to 365$/);
  expect(() => resolveWith(['--history', 'h'], { ZAVU_HISTORY_WINDOW: '366' })).toThrow(/^ZAVU_HISTORY_WINDOW "366" must be a whole number from 1 to 365$/);
  expect(() => resolveWith(['--history', 'h', '--fail-on-flaky-rate', '1.5'])).toThrow(/^--fail-on-flaky-rate "1.5" must be a number from 0 to 1/);
  expect(() => resolveWith(['--history', 'h', '--fail-on-flaky-rate', ' '])).toThrow(/flag --fail-on-flaky-rate is empty/);
  expect(() => resolveWith(['--fail-on-flaky-rate', '0.2'])).toThrow(/^--fail-on-flaky-rate needs --history FILE/);
  // A window given without a store would be silently unused: the user meant --history too.
  expect(() => resolveWith(['--history-window', '7'])).toThrow(/^--history-window needs --history FILE/);
  expect(() => resolveWith([], { ZAVU_HISTORY_WINDOW: '7' })).toThrow(/^ZAVU_HISTORY_WINDOW needs --history FILE \(or ZAVU_HISTORY\)/);
  // Checked without --history too: a typo should not wait for the night the store is turned on.
  expect(() => resolveWith(['--history-window', '0'])).toThrow(/^--history-window "0" must be a whole number from 1 to 365$/);
});

test('--fail-on-flaky-rate with a window of fewer than 3 runs is refused: a case is over it only with two changes, which two runs never hold', () => {
  expect(() => resolveWith(['--history', 'h', '--history-window', '2', '--fail-on-flaky-rate', '0.3'])).toThrow(/^--fail-on-flaky-rate needs a window of 3 runs or more \(--history-window is 2\): a case is over it only when its verdict changed twice/);
  expect(() => resolveWith(['--history', 'h'], { ZAVU_HISTORY_WINDOW: '1', ZAVU_FAIL_ON_FLAKY_RATE: '0' })).toThrow(/^ZAVU_FAIL_ON_FLAKY_RATE needs a window of 3 runs or more \(ZAVU_HISTORY_WINDOW is 1\): .*, which one run never holds$/);
  expect(resolveWith(['--history', 'h', '--history-window', '3', '--fail-on-flaky-rate', '0.3']).history).toMatchObject({ window: 3, failOnFlakyRate: 0.3 });
  expect(resolveWith(['--history', 'h', '--history-window', '2']).history).toMatchObject({ window: 2 });
});
