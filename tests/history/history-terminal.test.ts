import { deriveFigures } from '../../src/history/derive-figures';
import { renderHistoryTerminal } from '../../src/history/history-terminal';
import { renderHistoryMarkdown } from '../../src/history/history-markdown';
import { logCommandGuard } from '../../src/text/plain-text';
import { stoppedRecordOf } from '../../src/history/history-record';
import { night, nightOf, TARGET } from './fixtures';

test('what `history` prints has no line a CI runner takes for a workflow command, whatever the store holds', () => {
  // A store is a file anyone with the workspace may have written: its target names the block.
  const target = 'https://x.example/ ##[set-output name=level]full \u202eevil';
  // Guarded as the command's stdout guards it.
  const out = logCommandGuard()(renderHistoryTerminal(deriveFigures([night(1, '.F', { target }), night(2, '..', { target })], { store: 'h', target, window: 10 })));
  expect(out.split('\n').filter((line) => /^\s*::/.test(line) || line.includes('##['))).toEqual([]);
  expect(out).not.toMatch(/\p{Cf}/u);
  expect(out).toContain('##\\u005bset-output name=level]full \\u202eevil');
});

test('cases no run of the window judged (skipped every night) are one line naming the first five, not a row of "s" each (a sixth named, never "and 1 more"); a case judged once keeps its row', () => {
  const out = renderHistoryTerminal(deriveFigures([night(1, '.Fsssssss'), night(2, '..ssssss-'), night(3, '.Fsssss.s')], { store: 'h', target: TARGET, window: 10 }));
  const rows = out.split('\n').filter((line) => /^ {2}\S+ {2}op\//.test(line));
  expect(rows.map((line) => line.trim().split(/\s+/)[1])).toEqual(['op/a:', 'op/b:', 'op/h:']);
  expect(out).toContain('  6 cases judged in no run of the window (skipped or absent every night): op/c, op/d, op/e, op/f, op/g, op/i\n');
  expect(out).not.toMatch(/and 1 more/);
  // Two over the five are counted.
  const seven = renderHistoryTerminal(deriveFigures([night(1, '.Fsssssss'), night(2, '..sssssss')], { store: 'h', target: TARGET, window: 10 }));
  expect(seven).toContain('  7 cases judged in no run of the window (skipped or absent every night): op/c, op/d, op/e, op/f, op/g and 2 more\n');
  expect(out).not.toMatch(/^ {2}sss {2}op\/c/m);
});

test('a case whose verdict never changed says nothing of changes (no "changed 0/2 (0 %)" on every stable line, as the Markdown view); one that changed keeps its count', () => {
  const out = renderHistoryTerminal(deriveFigures([night(1, '..F', { ms: 10 }), night(2, '.FF', { ms: 10 }), night(3, '..F', { ms: 10 })], { store: 'h', target: TARGET, window: 10 }));
  // Stable and passing: its strip and p95 alone.
  expect(out).toMatch(/\n {2}\.\.\. {2}op\/a: p95 10 ms\n/);
  // Flipping: its changes counted.
  expect(out).toMatch(/\n {2}\.F\. {2}op\/b: changed 2\/2 \(100 %\), p95 11 ms\n/);
  // Failing every run: failing since says it, no "changed 0/2".
  expect(out).toMatch(/\n {2}FFF {2}op\/c: failing since 2026-11-01 or earlier \(3 runs\), p95 12 ms\n/);
  expect(out).not.toContain('changed 0/');
});

describe('two runs on one day', () => {
  // A re-run on the afternoon of the 1st, after the night's run: by its date alone it reads as the night's twin.
  const rerun = { ...night(1, 'FF'), run: { ...night(1, 'FF').run, startedAt: '2026-11-01T14:30:00.000Z', finishedAt: '2026-11-01T14:31:00.000Z' } };
  const out = renderHistoryTerminal(deriveFigures([night(1, '.F'), rerun, night(2, 'FF')], { store: 'h', target: TARGET, window: 10 }));

  it('shows every run with its time (UTC, minutes), and "failing since" names the run, not only its day', () => {
    expect(out).toContain('  run (UTC)          pass rate');
    expect(out).toContain('\n  2026-11-01 02:00   50 % (1/2)');
    expect(out).toContain('\n  2026-11-01 14:30   0 % (0/2)');
    expect(out).toContain('\n  2026-11-02 02:00   0 % (0/2)');
    expect(out).toMatch(/op\/a: failing since 2026-11-01 14:30 \(2 runs\)/);
    expect(out).toMatch(/op\/b: failing since 2026-11-01 02:00 or earlier \(3 runs\)/);
  });

  it('two runs in one minute (a job re-run at once) show their seconds, the column still aligned', () => {
    const at = (startedAt: string, statuses: string) => ({ ...night(1, statuses), run: { ...night(1, statuses).run, startedAt, finishedAt: startedAt } });
    const quick = renderHistoryTerminal(deriveFigures([night(1, '.F'), at('2026-11-01T02:00:41.500Z', 'FF'), night(2, 'FF')], { store: 'h', target: TARGET, window: 10 }));
    expect(quick).toContain('  run (UTC)             pass rate');
    expect(quick).toContain('\n  2026-11-01 02:00:00   50 % (1/2)');
    expect(quick).toContain('\n  2026-11-01 02:00:41   0 % (0/2)');
    expect(quick).toContain('\n  2026-11-02 02:00:00   0 % (0/2)');
    expect(quick).toMatch(/op\/a: failing since 2026-11-01 02:00:41 \(2 runs\)/);
    // Within one second: the milliseconds.
    const same = renderHistoryTerminal(deriveFigures([night(1, '.F'), at('2026-11-01T02:00:00.250Z', 'FF')], { store: 'h', target: TARGET, window: 10 }));
    expect(same).toContain('\n  2026-11-01 02:00:00.000   50 % (1/2)');
    expect(same).toContain('\n  2026-11-01 02:00:00.250   0 % (0/2)');
  });

  it('keeps dates only when every run of the window has a day of its own', () => {
    const nightly = renderHistoryTerminal(deriveFigures([night(1, '.F'), night(2, 'FF')], { store: 'h', target: TARGET, window: 10 }));
    expect(nightly).toContain('  night        pass rate');
    expect(nightly).toContain('\n  2026-11-01   50 % (1/2)');
    expect(nightly).toMatch(/op\/a: failing since 2026-11-02 \(1 run\)/);
  });
});

test('a target with no judged run in the window says so, with no cases header left empty under it', () => {
  const stopped = (n: number) => stoppedRecordOf({ target: TARGET, mode: 'live', specSha256: 'a'.repeat(64), suiteVersion: '0.2.0', startedAt: nightOf(n), finishedAt: nightOf(n).replace('02:00:00', '02:00:05') }, 'target unreachable', 3);
  const out = renderHistoryTerminal(deriveFigures([stopped(1), stopped(2)], { store: 'h', target: TARGET, window: 10 }));
  expect(out).not.toContain('cases (verdicts oldest first');
  expect(out).toContain('  cases: none to show, no run of the window was judged (each stopped before its verdict)\n');
  expect(out).toContain('not run: target unreachable (exit 3)');
});

describe('the cases section and the not-run lines, at their edges', () => {
  const stoppedAt = (startedAt: string) => stoppedRecordOf({ target: TARGET, mode: 'live', specSha256: 'a'.repeat(64), suiteVersion: '0.2.0', startedAt, finishedAt: startedAt.replace(/:00\.000Z$/, ':05.000Z') }, 'target unreachable', 3);

  it('a night not run on the day of another run shows its time too, so the two lines are told apart', () => {
    const out = renderHistoryTerminal(deriveFigures([night(1, '.F'), stoppedAt('2026-11-01T14:30:00.000Z')], { store: 'h', target: TARGET, window: 10 }));
    expect(out).toContain('\n  2026-11-01 14:30   not run: target unreachable (exit 3)');
  });

  it('judged runs that recorded no case say so in place of an empty cases header', () => {
    const out = renderHistoryTerminal(deriveFigures([night(1, ''), night(2, '')], { store: 'h', target: TARGET, window: 10 }));
    expect(out).not.toContain('cases (verdicts oldest first');
    expect(out).toContain('  cases: none to show, the judged runs of the window recorded no case\n');
  });
});

test('the nights are listed newest first, in the order of the --format md table and summary.md (the text view listed them oldest first)', () => {
  const figures = deriveFigures([night(1, '.'), night(2, 'F'), night(3, '.')], { store: 'h', target: TARGET, window: 10 });
  const dated = (text: string): string[] => [...text.matchAll(/^\|? ?(2026-11-\d\d)/gm)].map((m) => m[1]!).concat([...text.matchAll(/^ {2}(2026-11-\d\d) /gm)].map((m) => m[1]!));
  expect(dated(renderHistoryTerminal(figures))).toEqual(['2026-11-03', '2026-11-02', '2026-11-01']);
  expect(dated(renderHistoryMarkdown(figures))).toEqual(dated(renderHistoryTerminal(figures)));
});

test('a case with no p95 on its newest nights (every exchange a 5xx, left out) dates the p95 it shows, not passed off as its latest', () => {
  // b passed on night 1, then answered 500 to every request: nights 2 and 3 have no latency of it.
  const allLeftOut = (n: number) => {
    const record = night(n, '.F');
    return { ...record, cases: record.cases.map((c) => (c.id === 'op/b' ? { ...c, leftOut: 1 } : c)) };
  };
  const out = renderHistoryTerminal(deriveFigures([night(1, '..'), allLeftOut(2), allLeftOut(3)], { store: 'h', target: TARGET, window: 10 }));
  expect(out).toMatch(/\n {2}\.FF {2}op\/b: failing since 2026-11-02 \(2 runs\), changed 1\/2 \(50 %\), p95 11 ms on 2026-11-01 \(none measured since\)\n/);
  // A case measured on its newest night keeps the plain figure.
  expect(out).toMatch(/\n {2}\.\.\. {2}op\/a: p95 10 ms\n/);
});
