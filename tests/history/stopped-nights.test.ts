/**
 * Nights the run stopped before judging (target unreachable, key refused, a silent target): a
 * record with why and the exit code, read back by the parser, shown as a gap by the history
 * terminal, summary.md and the HTML, and passed over by every window figure.
 */
import { deriveFigures } from '../../src/history/derive-figures';
import { stoppedRecordOf, STOP_REASON_CHARS, type HistoryRecord } from '../../src/history/history-record';
import { renderHistoryTerminal } from '../../src/history/history-terminal';
import { parseRecord } from '../../src/history/parse-record';
import { parseStore } from '../../src/history/read-history';
import { appendRun } from '../../src/history/run-history';
import { join } from 'node:path';
import { scratchDir } from '../support/scratch-dir';
import type { HistoryFigures } from '../../src/model';
import { historySection } from '../../src/report/html-history';
import { historyLines } from '../../src/report/markdown-history';
import { logCommandGuard } from '../../src/text/plain-text';
import { night, nightOf, storeText, TARGET } from './fixtures';

/** Night `n` of TARGET, stopped before judging with `reason` and `exitCode`. */
function stoppedNight(n: number, reason = 'target https://api.zavu.example is unreachable (connection-refused: connect ECONNREFUSED)', exitCode = 3): HistoryRecord {
  return stoppedRecordOf({ target: TARGET, mode: 'live', specSha256: 'a'.repeat(64), suiteVersion: '0.2.0', startedAt: nightOf(n), finishedAt: nightOf(n).replace('02:00:00', '02:00:05') }, reason, exitCode);
}

/** Judged nights 1, 2, 4, 6, 7, 9 with a flipping case, a failing streak and a p95 rise; the gaps are nights 3, 5, 8 and 10. */
const judged = [night(1, '.F.', { ms: 100 }), night(2, '..F', { ms: 100 }), night(4, '.F.', { ms: 100 }), night(6, '..F', { ms: 300 }), night(7, '.FF', { ms: 300 }), night(9, '..F', { ms: 300, budget: 250 })];
const stopped = [stoppedNight(3), stoppedNight(5, 'answered 401 to each of the first 3 requests sent with the configured key', 2), stoppedNight(8), stoppedNight(10)];

/** The figures without the gaps: what a window of judged runs says. */
function judgedOnly(figures: HistoryFigures) {
  const kept = figures.runs.map((r) => r.notRun === undefined);
  return {
    ...figures,
    runs: figures.runs.filter((_, i) => kept[i]),
    cases: figures.cases.map((c) => ({ ...c, strip: c.strip.filter((_, i) => kept[i]), p95: c.p95.filter((_, i) => kept[i]) })),
  };
}

test.each([30, 4])('window %i: pass rates, p95, streaks, verdict changes, p95 rises and the flaky rule are those of the judged runs alone', (window) => {
  const options = { store: 'h.jsonl', target: TARGET, window, flakyLimit: 0.3 };
  const without = deriveFigures(judged, options);
  const withGaps = deriveFigures([...judged, ...stopped], options);
  // The gaps are there, where they fell, with why and the exit code…
  const gaps = withGaps.runs.filter((r) => r.notRun !== undefined);
  expect(gaps.map((r) => r.startedAt)).toEqual((window === 30 ? [3, 5, 8, 10] : [5, 8, 10]).map(nightOf));
  for (const gap of gaps) expect(gap).toMatchObject({ passRate: null, passed: 0, judged: 0 });
  expect(gaps[gaps.length - 1]?.notRun).toEqual({ reason: stopped[3]!.stopped!.reason, exitCode: 3 });
  expect(gaps.some((g) => g.p95 !== undefined)).toBe(false);
  // …and every figure is what the judged runs make of it: no gap is a pass, a fail or a run of the window.
  expect(judgedOnly(withGaps)).toEqual(without);
  // The figures are not empty: a gap taken for a verdict would change them.
  expect(without.cases.find((c) => c.id === 'op/b')?.flips).toBeGreaterThan(0);
  expect(without.cases.find((c) => c.id === 'op/c')?.failingSince).toBeDefined();
  // Tonight's stop is no newest run: the cases and the budget are the last judged run's.
  expect(withGaps.cases.map((c) => c.id)).toEqual(['op/a', 'op/b', 'op/c']);
  expect(withGaps.latencyBudgetMs).toBe(250);
});

test('the history terminal shows a night not run as a gap with its reason and exit code, and its strips mark it', () => {
  const out = renderHistoryTerminal(deriveFigures([...judged, ...stopped], { store: 'h.jsonl', target: TARGET, window: 30 }));
  expect(out).toContain(`\n  2026-11-03   not run: target https://api.zavu.example is unreachable (connection-refused: connect ECONNREFUSED) (exit 3)\n`);
  expect(out).toContain('\n  2026-11-05   not run: answered 401 to each of the first 3 requests sent with the configured key (exit 2)\n');
  // The headline compares judged runs only and counts the gaps.
  expect(out).toContain('6 runs of https://api.zavu.example and 4 nights not run (2026-11-01 … 2026-11-10): pass rate 67 % → 67 %');
  expect(out).toMatch(/\n {2}\.\._\._\.\._\._ {2}op\/a: /);
  expect(out).toContain('_ not run');
  // The HTML's heading counts them so too, not 10 runs over the headline's 6 runs and 4 nights not run.
  expect(historySection(deriveFigures([...judged, ...stopped], { store: 'h.jsonl', target: TARGET, window: 30 }))).toContain('<h2>History (6 runs and 4 nights not run, window 30)</h2>');
});

test('a reason from a hostile store is one inert line in the terminal, summary.md and the HTML', () => {
  const hostile = stoppedNight(3, 'x\u001b[31m ##[set-output name=a]b <script>alert(1)</script> | ``` \u202e');
  const figures = deriveFigures([night(1, '..'), hostile, night(4, '..')], { store: 'h.jsonl', target: TARGET, window: 30 });
  const terminal = renderHistoryTerminal(figures);
  expect(terminal).not.toContain('\u001b');
  expect(terminal).not.toMatch(/\p{Cf}/u);
  // As the history command prints it, through its output guard (cli-support's guardOutput): one line, and no workflow command in it.
  const printed = logCommandGuard()(terminal);
  expect(printed.split('\n').filter((line) => line.includes('alert(1)'))).toEqual([expect.stringMatching(/^ {2}2026-11-03 {3}not run: x/)]);
  expect(printed).not.toContain('##[');
  const markdown = historyLines(figures).join('\n');
  expect(markdown).toMatch(/\| 2026-11-03 \| not run: x.*\(exit 3\) \| n\/a \|/);
  expect(markdown).not.toContain('<script>');
  // The reason's pipe is escaped: the row keeps its three columns.
  const row = markdown.split('\n').find((line) => line.startsWith('| 2026-11-03 '));
  expect(row?.split(/(?<!\\)\|/)).toHaveLength(5);
  const html = historySection(figures);
  expect(html).not.toContain('\u001b');
  expect(html).toContain('<li>2026-11-03: not run: x');
  expect(html).not.toContain('<script>');
});

test('the parser reads a stopped record back; a stopped record that judged something, or whose reason is not one bounded line, is refused', () => {
  const record = stoppedNight(3);
  expect(parseRecord(JSON.parse(JSON.stringify(record)), 100)).toEqual({ record });
  expect(parseStore(storeText([night(1, '.'), record, night(4, '.')]), 'h.jsonl').map((r) => r.record)).toEqual([night(1, '.'), record, night(4, '.')]);
  expect(record).toMatchObject({ summary: { passed: 0, failed: 0, skipped: 0, errors: 0, flaky: 0, total: 0 }, cases: [] });
  expect(record).not.toHaveProperty('latency');
  const refused = (value: unknown) => expect(parseRecord(value, 100)).toHaveProperty('problem');
  refused({ ...record, cases: night(1, '.').cases, summary: night(1, '.').summary });
  refused({ ...record, latency: night(1, '.').latency });
  refused({ ...record, stopped: { reason: 'two\nlines', exitCode: 3 } });
  refused({ ...record, stopped: { reason: 'x'.repeat(STOP_REASON_CHARS + 1), exitCode: 3 } });
  refused({ ...record, stopped: { reason: 'x', exitCode: 0 } });
  refused({ ...record, stopped: 'down' });
});

test('a reason is kept to its first line, bounded', () => {
  const record = stoppedNight(3, `${'y'.repeat(STOP_REASON_CHARS * 2)}\nsecond line`);
  expect(record.stopped?.reason).toHaveLength(STOP_REASON_CHARS);
  expect(record.stopped?.reason).not.toContain('second');
  expect(parseRecord(JSON.parse(JSON.stringify(record)), 100)).toEqual({ record });
});

test('the line after an append counts the runs as the headline does: the nights not run apart', async () => {
  const file = join(scratchDir('zvc-history-count-'), 'history.jsonl');
  const opened = { settings: { file, label: '--history', window: 30 }, records: [...judged, ...stopped] };
  const appended = await appendRun(opened, night(11, '...'));
  expect(appended).toEqual({ line: `history: appended to ${file} (7 runs of ${TARGET} and 4 nights not run)\n`, failed: false });
  const first = await appendRun({ settings: { file, label: '--history', window: 30 }, records: [] }, night(12, '...'));
  expect(first.line).toBe(`history: appended to ${file} (1 run of ${TARGET})\n`);
});

describe('the notes a night stopped before judging had said', () => {
  const run = { target: TARGET, mode: 'live' as const, specSha256: 'a'.repeat(64), suiteVersion: '0.2.0', startedAt: nightOf(3), finishedAt: nightOf(3) };

  test('are kept as a judged night keeps its report\'s notes (one line each, inert, cut), read back by the parser and shown under its gap', () => {
    const said = ['the base URL ends in /v1, and the operations\' paths begin with it', 'a note\nover two lines \u001b[2J'];
    const record = stoppedRecordOf(run, 'target down', 3, said);
    expect(record.notes).toEqual(['the base URL ends in /v1, and the operations\' paths begin with it', 'a note over two lines \\u001b[2J']);
    expect(parseRecord(JSON.parse(JSON.stringify(record)) as unknown, 100)).toEqual({ record });
    const figures = deriveFigures([night(1, '..'), night(2, '..')], { store: 'h.jsonl', target: TARGET, window: 30 }, record);
    expect(renderHistoryTerminal(figures)).toMatch(/\n {2}2026-11-03 {3}not run: target down \(exit 3\)\n +note: the base URL ends in \/v1, and the operations' paths begin with it \(and 1 more note\)\n/);
  });

  test('are bounded as a judged night\'s: at most 8, the last counting the rest', () => {
    const record = stoppedRecordOf(run, 'target down', 3, Array.from({ length: 12 }, (_, i) => `note ${i}`));
    expect(record.notes).toHaveLength(8);
    expect(record.notes?.[7]).toMatch(/^… and 5 more notes/);
  });

  test('leave no field when none was said (a stop before the notes, as a target unreachable at start-up)', () => {
    expect(stoppedRecordOf(run, 'target down', 3)).not.toHaveProperty('notes');
    expect(stoppedRecordOf(run, 'target down', 3, [])).not.toHaveProperty('notes');
  });
});

test("a stopped night keeps the run's case data sha256 when it has one (and reads back), and has none when it had none", () => {
  const run = { target: TARGET, mode: 'live' as const, specSha256: 'a'.repeat(64), suiteVersion: '0.2.0', startedAt: nightOf(3), finishedAt: nightOf(3) };
  const kept = stoppedRecordOf({ ...run, casesSha256: 'c'.repeat(64) }, 'target down', 3);
  expect(kept.run.casesSha256).toBe('c'.repeat(64));
  expect(parseRecord(JSON.parse(JSON.stringify(kept)), 100)).toEqual({ record: kept });
  expect('casesSha256' in stoppedRecordOf(run, 'target down', 3).run).toBe(false);
});
