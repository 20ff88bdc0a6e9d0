/**
 * A read-only gate and a run with --allow-writes against one target are two series of the store:
 * a write run judges cases the gate skips, so taken as one series its nights looked like cases
 * appearing and the gate's after it like cases vanishing, and its pass rate and p95 (other
 * requests) were drawn in the gate's trend. Each run's window is of its own kind, the history
 * command shows each kind of a target on its own, every view says which kind a series is, and a
 * record from before the field reads as read-only.
 */
import { keptByPrune } from '../../src/history/append-history';
import { deriveFigures } from '../../src/history/derive-figures';
import { recordOf } from '../../src/history/history-record';
import { storeSeries } from '../../src/history/history-window';
import { renderHistoryMarkdown } from '../../src/history/history-markdown';
import { renderHistoryTerminal } from '../../src/history/history-terminal';
import { parseRecord } from '../../src/history/parse-record';
import { nightKey, unfinishedRecordOf } from '../../src/history/unfinished-night';
import { historySection } from '../../src/report/html-history';
import { historyLines } from '../../src/report/markdown-history';
import { reportSchemaError } from '../../src/report/report-schema';
import { report, result, runInfo } from '../report/fixtures';
import { escapeRegex } from '../../src/text/escape-regex';
import { EMBEDDED_TARGET } from '../../src/model/result';
import { night, nightOf, OTHER_TARGET, TARGET } from './fixtures';

/** The gate judges a and b and skips the writes c and d; the write run judges all four, c failing. */
const gate = (n: number) => night(n, '..ss');
const writes = (n: number) => night(n, '..F.', { writes: true, ms: 50 });
const STORE = [gate(1), writes(2), gate(3), writes(4)];
const OPTIONS = { store: 'history.jsonl', target: TARGET, window: 10 };
const started = (figures: { runs: { startedAt: string }[] }): string[] => figures.runs.map((r) => r.startedAt);

describe('a run\'s window is of its own kind', () => {
  test('a read-only run is compared with the read-only nights only: the write nights are not in its trend, strips or flips', () => {
    const figures = deriveFigures(STORE, OPTIONS, gate(5));
    expect(started(figures)).toEqual([nightOf(1), nightOf(3), nightOf(5)]);
    expect(figures.cases.find((c) => c.id === 'op/c')).toMatchObject({ strip: ['skipped', 'skipped', 'skipped'], flips: 0 });
    expect(figures.runs.every((r) => r.p95 === 20)).toBe(true);
    expect(figures).not.toHaveProperty('allowWrites');
  });

  test('a write run is compared with the write nights only, and its figures say so', () => {
    const figures = deriveFigures(STORE, OPTIONS, writes(5));
    expect(started(figures)).toEqual([nightOf(2), nightOf(4), nightOf(5)]);
    expect(figures.allowWrites).toBe(true);
    expect(figures.cases.find((c) => c.id === 'op/c')?.failingSince).toEqual({ startedAt: nightOf(2), runs: 3, atLeast: true });
    expect(reportSchemaError({ ...report([result()], { ...runInfo, allowWrites: true }), history: figures })).toBeUndefined();
  });

  test('a record from before the field (no allowWrites) is a read-only night', () => {
    const old = JSON.parse(JSON.stringify(gate(1))) as Record<string, unknown>;
    const parsed = parseRecord(old, 10);
    if (!('record' in parsed)) throw new Error('refused');
    expect(started(deriveFigures([parsed.record, writes(2)], OPTIONS, gate(3)))).toEqual([nightOf(1), nightOf(3)]);
  });

  // The embedded reference server takes every write, --allow-writes or not: its runs without the
  // flag (recorded without the field before the kind was the writes sent, and with it since) and
  // its runs with it are one series of the same cases, not two.
  test("the embedded server's runs are one series of write runs, its records from before the field included; a replay of it is not", () => {
    const embedded = (n: number, options: { writes?: boolean } = {}) => night(n, '..F.', { target: EMBEDDED_TARGET, ...options });
    const store = [embedded(1), embedded(2, { writes: true })];
    const figures = deriveFigures(store, { ...OPTIONS, target: EMBEDDED_TARGET }, embedded(3, { writes: true }));
    expect(started(figures)).toEqual([nightOf(1), nightOf(2), nightOf(3)]);
    expect(figures.allowWrites).toBe(true);
    expect(storeSeries(store)).toEqual([{ target: EMBEDDED_TARGET, writes: true }]);
    const replay = { ...embedded(4), run: { ...embedded(4).run, mode: 'replay' as const } };
    expect(storeSeries([...store, replay])).toEqual([{ target: EMBEDDED_TARGET, writes: true }, { target: EMBEDDED_TARGET, writes: false }]);
  });
});

describe('the record', () => {
  test('a run with --allow-writes records it; a read-only one records nothing new', () => {
    expect(recordOf(report([result()], { ...runInfo, allowWrites: true })).run.allowWrites).toBe(true);
    expect(recordOf(report([result()], runInfo)).run).not.toHaveProperty('allowWrites');
  });

  test('the store reads allowWrites back, true only', () => {
    const stored = JSON.parse(JSON.stringify(writes(1))) as { run: Record<string, unknown> };
    expect(parseRecord(stored, 10)).toHaveProperty('record');
    expect(parseRecord({ ...stored, run: { ...stored.run, allowWrites: 'yes' } }, 10)).toEqual({ problem: 'run.allowWrites must be true when present (a write run)' });
  });
});

describe('the history command', () => {
  test('a target\'s read-only and write runs are two series, each shown on its own', () => {
    expect(storeSeries([...STORE, night(5, '.', { target: OTHER_TARGET })])).toEqual([
      { target: TARGET, writes: false },
      { target: TARGET, writes: true },
      { target: OTHER_TARGET, writes: false },
    ]);
    expect(started(deriveFigures(STORE, OPTIONS))).toEqual([nightOf(1), nightOf(3)]);
    expect(started(deriveFigures(STORE, { ...OPTIONS, writes: true }))).toEqual([nightOf(2), nightOf(4)]);
  });

  // The command prints the blocks in this order, and --format md keeps the first 10: a target's write
  // runs first run after other targets' were printed apart from its read-only block, and cut apart.
  test('a target\'s two series are shown together, in the order the targets first ran', () => {
    expect(storeSeries([gate(1), night(2, '.', { target: OTHER_TARGET }), writes(3), night(4, '.', { target: OTHER_TARGET, writes: true })])).toEqual([
      { target: TARGET, writes: false },
      { target: TARGET, writes: true },
      { target: OTHER_TARGET, writes: false },
      { target: OTHER_TARGET, writes: true },
    ]);
  });

  test('every view names a series of write runs so', () => {
    const both = [deriveFigures(STORE, { ...OPTIONS, writes: true }), deriveFigures(STORE, OPTIONS)] as const;
    const views = [renderHistoryTerminal, renderHistoryMarkdown, (f: (typeof both)[number]) => historySection(f), (f: (typeof both)[number]) => historyLines(f).join('\n')];
    for (const view of views) {
      // Markdown shows the target as a code span.
      expect(view(both[0])).toMatch(new RegExp(`of \`?${escapeRegex(TARGET)}\`? with writes \\(`));
      // The read-only series, every store's before the field, reads as it always has.
      expect(view(both[1])).toMatch(new RegExp(`of \`?${escapeRegex(TARGET)}\`? \\(`));
      expect(view(both[1])).not.toContain('--allow-writes');
    }
  });

  test('a prune keeping N keeps the newest N judged runs of each series', () => {
    const stored = STORE.map((record, i) => ({ record, line: i + 1, text: JSON.stringify(record) }));
    expect(keptByPrune(stored, { keep: 1 }).map((r) => r.record.run.startedAt)).toEqual([nightOf(3), nightOf(4)]);
  });
});

describe('a night that did not finish', () => {
  const store = '/var/lib/zavu/history.jsonl';
  const lock = (key: string): string => JSON.stringify({ pid: 4242, host: 'ci', since: nightOf(3), night: key });

  test('a read-only run\'s key is the one older locks name; a write run\'s is another', () => {
    expect(nightKey(TARGET, 'live', store, false)).toBe(nightKey(TARGET, 'live', store));
    expect(nightKey(TARGET, 'live', store, true)).not.toBe(nightKey(TARGET, 'live', store));
  });

  test('a write run\'s dead night is recorded as a write night, and a read-only night since does not count as it recorded', () => {
    const key = nightKey(TARGET, 'live', store, true);
    const run = { target: TARGET, mode: 'live' as const, allowWrites: true as const };
    expect(unfinishedRecordOf(lock(key), key, run, nightOf(4), [])?.run.allowWrites).toBe(true);
    const since = { ...gate(3), run: { ...gate(3).run, startedAt: nightOf(3).replace('02:00', '02:30') } };
    expect(unfinishedRecordOf(lock(key), key, run, nightOf(4), [since])).toBeDefined();
    expect(unfinishedRecordOf(lock(key), key, run, nightOf(4), [{ ...since, run: { ...since.run, allowWrites: true } }])).toBeUndefined();
  });
});
