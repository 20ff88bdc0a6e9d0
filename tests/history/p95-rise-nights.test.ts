/**
 * The p95 rise over the window is called only from enough measured nights for one noisy night to
 * be outvoted (3 at each end), read from a stored history as a nightly job has it; and the first
 * night of a store says nothing about verdict changes it has not had.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveFigures } from '../../src/history/derive-figures';
import type { HistoryRecord } from '../../src/history/history-record';
import { renderHistoryTerminal } from '../../src/history/history-terminal';
import { readHistory } from '../../src/history/read-history';
import type { ConformanceReport, HistoryFigures } from '../../src/model';
import { renderConsole } from '../../src/report/render-console';
import { renderHtml } from '../../src/report/render-html';
import { renderMarkdown } from '../../src/report/render-markdown';
import { mixedReport } from '../report/fixtures';
import { runCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';
import { TARGET, night, storeText } from './fixtures';

/** Night n with op/a at `ms` (its p95 over 10 exchanges) and op/b steady at 20 ms, both passing. */
function timedNight(n: number, ms: number): HistoryRecord {
  const r = night(n, '..');
  const at = (p95: number) => ({ samples: 10, p50: Math.min(p95, 20), p95, p99: p95, max: p95 });
  return { ...r, cases: r.cases.map((c) => ({ ...c, latency: at(c.id === 'op/a' ? ms : 20) })) };
}

/** The figures of `p95s` (op/a's per night), written to a store file and read back from it. */
function storedFigures(p95s: readonly number[], window = 30): HistoryFigures {
  const file = join(scratchDir('zvc-rise-'), 'history.jsonl');
  writeFileSync(file, storeText(p95s.map((ms, i) => timedNight(i + 1, ms))));
  return deriveFigures(readHistory(file).map((s) => s.record), { store: file, target: TARGET, window });
}

function everywhere(f: HistoryFigures): string {
  const report: ConformanceReport = { ...mixedReport(), history: f };
  return [renderConsole(report), renderMarkdown(report), renderHtml(report), renderHistoryTerminal(f)].join('\n');
}

test('one GC stall among 2 or 3 measured nights is no rise: "not enough nights yet" instead', () => {
  // Night 1 at 36.9 ms, night 2 one stall at 3,470 ms: compared night against night, "p95 up 9304 %".
  for (const p95s of [[36.9, 3470], [36.9, 37, 3470], [36.9, 3470, 3480], [30, 31, 32, 3470, 3480]]) {
    const f = storedFigures(p95s);
    expect(f.cases[0]?.p95Rise).toBeUndefined();
    const text = everywhere(f);
    expect(text).not.toContain('p95 up');
    expect(text).toContain(`p95 rise: not enough nights yet (${p95s.length} measured; a case needs 6: 3 at each end of the window, so one slow night is outvoted)`);
  }
  // A window shorter than the rule never calls one, and says so rather than "yet".
  expect(everywhere(storedFigures([36.9, 3470], 4))).toContain('p95 rise: never called with --history-window 4 (a case needs 6 measured nights');
  // One measured night has nothing to compare: nothing said.
  expect(everywhere(storedFigures([36.9]))).not.toContain('p95 rise');
});

test('a sustained slowdown, 3 nights at +150 ms at the end of 8, is called; one stall at the end of 6 or 8 is not', () => {
  const slow = storedFigures([100, 101, 99, 100, 102, 250, 251, 252]);
  expect(slow.cases.find((c) => c.id === 'op/a')?.p95Rise).toEqual({ from: 100, to: 251 });
  expect(slow.cases.find((c) => c.id === 'op/b')?.p95Rise).toBeUndefined();
  const text = everywhere(slow);
  expect(text).toContain('p95 up 151 % over the window (100 ms → 251 ms, medians of its first and last runs)');
  expect(text).not.toContain('not enough nights');
  // From the first night the rule can call it: 6 measured, the last 3 slow.
  expect(storedFigures([100, 100, 100, 250, 250, 250]).cases[0]?.p95Rise).toEqual({ from: 100, to: 250 });
  // Two of the last 3 slow is already the median of that end; one is not.
  expect(storedFigures([100, 100, 100, 100, 250, 250]).cases[0]?.p95Rise).toEqual({ from: 100, to: 250 });
  expect(storedFigures([100, 100, 100, 100, 100, 9000]).cases[0]?.p95Rise).toBeUndefined();
  expect(storedFigures([100, 100, 100, 100, 100, 100, 100, 9000]).cases[0]?.p95Rise).toBeUndefined();
});

test('the history command says the same from the stored file', async () => {
  const cwd = scratchDir('zvc-rise-cli-');
  writeFileSync(join(cwd, 'history.jsonl'), storeText([timedNight(1, 36.9), timedNight(2, 3470)]));
  const shown = await runCli('zavu-conformance-main.js', ['history', '--history', 'history.jsonl'], { cwd });
  expect(shown.code).toBe(0);
  expect(shown.stdout).not.toContain('p95 up');
  expect(shown.stdout).toContain('  p95 rise: not enough nights yet (2 measured;');
}, 30_000);

test('the first night of a store says nothing of verdict changes: no "verdict changed 0 of 0 times"', () => {
  const f = deriveFigures([night(1, 'F.')], { store: 'h.jsonl', target: TARGET, window: 30 });
  const report: ConformanceReport = { ...mixedReport(), history: f };
  expect(renderConsole(report)).toContain('  F op/a: failing since 2026-11-01 or earlier (1 run)\n');
  expect(renderMarkdown(report)).toContain('`op/a` — failing since 2026-11-01 or earlier (1 run)\n');
  const text = everywhere(f);
  expect(text).not.toContain('0 of 0');
  expect(text).not.toContain('changed 0/0');
  expect(renderHistoryTerminal(f)).toContain('  F  op/a: failing since 2026-11-01 or earlier (1 run), p95 10 ms\n');
  // From the second night a change is counted; a verdict that never changed is not said to have changed 0 times.
  const second = deriveFigures([night(1, 'F.'), night(2, 'F.')], { store: 'h.jsonl', target: TARGET, window: 30 });
  expect(renderConsole({ ...mixedReport(), history: second })).toContain('  FF op/a: failing since 2026-11-01 or earlier (2 runs)\n');
  const changed = deriveFigures([night(1, 'F.'), night(2, '.F')], { store: 'h.jsonl', target: TARGET, window: 30 });
  expect(renderConsole({ ...mixedReport(), history: changed })).toContain('op/a: verdict changed once, in the one pair of runs compared');
});

// The one comparison need not be tonight's: a night not judged (error, skipped) or a contract change
// since leaves the pair of earlier nights as the only one compared, and "from the run before" lied.
test('a case whose one comparison was not with tonight\'s run is not said to have changed "from the run before"', () => {
  const newSpec = (r: HistoryRecord): HistoryRecord => ({ ...r, run: { ...r.run, specSha256: 'b'.repeat(64) } });
  const stores = [
    [night(1, '.'), night(2, 'F'), night(3, 'E')],
    [night(1, '.'), night(2, 'F'), night(3, 's')],
    [night(1, '.'), night(2, 'F'), newSpec(night(3, 'F'))],
  ];
  for (const records of stores) {
    const f = deriveFigures(records, { store: 'h.jsonl', target: TARGET, window: 30 });
    expect(f.cases.find((c) => c.id === 'op/a')).toMatchObject({ flips: 1, compared: 1 });
    const text = [renderConsole({ ...mixedReport(), history: f }), renderMarkdown({ ...mixedReport(), history: f }), renderHistoryTerminal(f)].join('\n');
    expect(text).not.toContain('from the run before');
    expect(text).toContain('op/a: '); expect(text).toContain('verdict changed once, in the one pair of runs compared');
  }
});
