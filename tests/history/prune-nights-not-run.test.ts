/**
 * `--prune-keep N` and nights not run: a prune keeps what `--window N` shows (the newest N judged
 * runs and the nights not run since the first of them), and its line counts the two apart, in the
 * words every view uses ("4 runs and 1 night not run"). It kept the newest N records, a night not
 * run counted as a run: after a week of outages `--prune-keep 30` left 23 judged runs to a window
 * of 30, and said "kept 30 runs".
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keptByPrune, pruneStore } from '../../src/history/append-history';
import { deriveFigures } from '../../src/history/derive-figures';
import { stoppedRecordOf, type HistoryRecord } from '../../src/history/history-record';
import { readHistory } from '../../src/history/read-history';
import { runCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';
import { OTHER_TARGET, TARGET, night, nightOf, storeText } from './fixtures';

/** Night `n` of `target`, stopped before judging (the target down). */
function notRun(n: number, target = TARGET): HistoryRecord {
  const run = { target, mode: 'live' as const, specSha256: 'a'.repeat(64), suiteVersion: '0.2.0', startedAt: nightOf(n), finishedAt: nightOf(n).replace('02:00:00', '02:00:05') };
  return stoppedRecordOf(run, `target ${target} is unreachable (connection-refused: connect ECONNREFUSED)`, 3);
}

/** Nights 1…8 of TARGET: judged 1, 2, 4, 6, 7; not run 3, 5, 8 (the newest). */
const NIGHTS = [night(1, '.'), night(2, 'F'), notRun(3), night(4, '.'), notRun(5), night(6, 'F'), night(7, '.'), notRun(8)];

function startsOf(records: readonly HistoryRecord[]): string[] {
  return records.map((r) => `${r.run.startedAt.slice(8, 10)}${r.stopped === undefined ? '' : ' not run'}`);
}

test('--prune-keep N keeps the newest N judged runs and the nights not run since the first of them: what --window N shows', () => {
  const stored = NIGHTS.map((record, i) => ({ record, line: i + 1, text: JSON.stringify(record) }));
  const kept = keptByPrune(stored, { keep: 3 }).map((s) => s.record);
  // Three judged runs (4, 6, 7), and the nights not run among and after them (5, 8); not the newest three lines (6, 7, 8), of which one night not run.
  expect(startsOf(kept)).toEqual(['04', '05 not run', '06', '07', '08 not run']);
  // The figures over the pruned store are those over the whole store: the window lost nothing.
  const options = { store: 'h.jsonl', target: TARGET, window: 3 };
  expect(deriveFigures(kept, options).runs).toEqual(deriveFigures(NIGHTS, options).runs);
  // A target whose every night stopped keeps its newest N of them, as its window shows them.
  const down = [notRun(1, OTHER_TARGET), notRun(2, OTHER_TARGET), notRun(3, OTHER_TARGET)].map((record, i) => ({ record, line: i + 1, text: JSON.stringify(record) }));
  expect(startsOf(keptByPrune(down, { keep: 2 }).map((s) => s.record))).toEqual(['02 not run', '03 not run']);
});

test('a prune says how many runs and how many nights not run it removed and kept', async () => {
  const file = join(scratchDir('zvc-prune-not-run-'), 'history.jsonl');
  writeFileSync(file, storeText(NIGHTS));
  expect(await pruneStore(file, { keep: 3 })).toEqual({ kept: 5, removed: 3, notRun: { kept: 2, removed: 1 } });
  expect(startsOf(readHistory(file).map((s) => s.record))).toEqual(['04', '05 not run', '06', '07', '08 not run']);
  writeFileSync(file, storeText(NIGHTS));
  const pruned = await runCli('zavu-conformance-main.js', ['history', '--history', file, '--prune-keep', '3']);
  expect(pruned.code).toBe(0);
  expect(pruned.stdout).toBe(`pruned ${file}: removed 2 runs and 1 night not run, kept 3 runs and 2 nights not run\n`);
  const before = await runCli('zavu-conformance-main.js', ['history', '--history', file, '--prune-before', '2026-11-06']);
  expect(before.stdout).toBe(`pruned ${file}: removed 1 run and 1 night not run, kept 2 runs and 1 night not run\n`);
}, 30_000);
