/**
 * `zavu-conformance history --format md`: the history view as Markdown to paste into an issue or a
 * job summary, bounded, and inert whatever the store holds (it is anyone's file in a CI cache).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveFigures } from '../../src/history/derive-figures';
import { HISTORY_MARKDOWN_LIMITS, joinHistoryMarkdown, renderHistoryMarkdown } from '../../src/history/history-markdown';
import { stoppedRecordOf, type HistoryRecord } from '../../src/history/history-record';
import { expectOneLineError } from '../support/one-line-error';
import { runCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';
import { night, nightOf, storeText, TARGET } from './fixtures';

/** What GitHub links, notifies or embeds in text outside code (as tests/report/markdown-text.test.ts). */
const LINKED = /[a-z][a-z0-9+.-]*:\/\/|(?:mailto|xmpp):|www\.|@|#\d|GH-\d|(?<![0-9a-z])[0-9a-f]{7,40}(?![0-9a-z])/i;

/** The text of a Markdown line outside its code spans, with backslash escapes taken out. */
function outsideCode(line: string): string {
  return line.replace(/(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g, ' ').replace(/\\[\s\S]/g, ' ');
}

const HOSTILE_ID = 'op/x|y <img src=x onerror=alert(1)> [a](https://evil.example) @octocat #12 ``` **b**';
const HOSTILE_TARGET = 'https://api.example/ <script>x</script> | [link](http://evil.example) @team';

function hostileRecords(): HistoryRecord[] {
  const withId = (r: HistoryRecord): HistoryRecord => ({ ...r, run: { ...r.run, target: HOSTILE_TARGET }, cases: r.cases.map((c) => (c.id === 'op/a' ? { ...c, id: HOSTILE_ID } : c)) });
  const stopped = stoppedRecordOf({ target: HOSTILE_TARGET, mode: 'live', specSha256: 'a'.repeat(64), suiteVersion: '0.2.0', startedAt: nightOf(3), finishedAt: nightOf(3) }, 'target | unreachable <b>see</b> https://evil.example/x ops@evil.example 0123456789abcdef', 3);
  return [withId(night(1, '.F')), withId(night(2, 'FF')), stopped, withId(night(4, 'F.'))];
}

test('nothing the store holds becomes a link, a mention, a tag or a table cell of its own', () => {
  const out = renderHistoryMarkdown(deriveFigures(hostileRecords(), { store: 'h', target: HOSTILE_TARGET, window: 30 }));
  const lines = out.split('\n');
  for (const line of lines) {
    const text = outsideCode(line);
    expect(text).not.toMatch(LINKED);
    expect(text).not.toMatch(/[<>&[\]]/);
  }
  // Every row of the runs' table has its three cells, the stop reason's "|" escaped within one.
  const rows = lines.filter((l) => l.startsWith('| ') && !l.startsWith('| ---'));
  expect(rows).toHaveLength(1 + 4);
  for (const row of rows) expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(5);
  expect(out).toContain('not run: target \\| unreachable');
  // The hostile case is named (as a code span) with what is said of it.
  expect(out).toMatch(/^- `\.F_F` .*op\/x\|y.* — failing since 2026-11-02 \(2 runs\)/m);
});

test('bounded: the newest runs and the capped cases only, each line cut, the rest counted', () => {
  const longId = `op/${'w'.repeat(5000)}`;
  const records = Array.from({ length: 90 }, (_, n) => {
    const r = night(n + 1, '');
    // 200 cases, every one flipping night after night; one id 5000 characters long.
    const cases = Array.from({ length: 200 }, (_, i) => ({ id: i === 0 ? longId : `op/c${i}`, status: (n + i) % 2 === 0 ? ('failed' as const) : ('passed' as const), checks: [], durationMs: 5 }));
    return { ...r, run: { ...r.run, startedAt: `2026-12-01T0${Math.floor(n / 10)}:${String(n % 10).padStart(2, '0')}:00.000Z` }, cases, summary: { ...r.summary, passed: 100, failed: 100, total: 200 } };
  });
  const out = renderHistoryMarkdown(deriveFigures(records, { store: 'h', target: TARGET, window: 90 }));
  expect(out.split('\n').filter((l) => l.startsWith('| 2026-'))).toHaveLength(HISTORY_MARKDOWN_LIMITS.runs);
  expect(out).toContain('… and 60 older runs of the window');
  expect(out.split('\n').filter((l) => l.startsWith('- `'))).toHaveLength(HISTORY_MARKDOWN_LIMITS.cases - 1);
  expect(out).toContain(`- … and ${200 - (HISTORY_MARKDOWN_LIMITS.cases - 1)} more`);
  expect(out).not.toContain('w'.repeat(100));
  expect(Math.max(...out.split('\n').map((l) => l.length))).toBeLessThan(600);
  // The strips keep tonight's verdict: a window of 90 is cut at its oldest end (code spans are cut at 80 characters).
  expect(out).toMatch(/^- `…(\.F){30}` `op\/c1` /m);
});

/** A night of TARGET that stopped before its verdict. */
const stoppedNight = (n: number): HistoryRecord => stoppedRecordOf({ target: TARGET, mode: 'live', specSha256: 'a'.repeat(64), suiteVersion: '0.2.0', startedAt: nightOf(n), finishedAt: nightOf(n) }, 'target down', 3);

test('each part is said when it is due, and only then: a night not run has no p95, the budget is said, the cases skipped every night are named (five: no "more"), and no count of other cases when there is none', () => {
  const out = renderHistoryMarkdown(deriveFigures([night(1, 'Fsssss'), stoppedNight(2), night(3, 'Fsssss')], { store: 'h', target: TARGET, window: 30, latencyBudgetMs: 250 }));
  expect(out).toContain('| 2026-11-02 | not run: target down (exit 3) | n/a |\n');
  expect(out).toContain('\n\nLatency budget: p95 ≤ 250 ms\n');
  expect(out).toContain('\n\n5 cases judged in no run of the window (skipped or absent every night): `op/b`, `op/c`, `op/d`, `op/e`, `op/f`\n');
  expect(out).toMatch(/^- `F_F` `op\/a` — failing since/m);
  expect(out).not.toMatch(/other case/);
  expect(renderHistoryMarkdown(deriveFigures([night(1, 'F')], { store: 'h', target: TARGET, window: 30 }))).not.toMatch(/Latency budget|judged in no run/);
});

test('one run past the table is a row of it, never "and 1 older run" (a row takes less room than the count); two or more are counted', () => {
  const runs = (count: number): string => {
    const records = Array.from({ length: count }, (_, n) => {
      const r = night(1, '.');
      return { ...r, run: { ...r.run, startedAt: `2026-12-01T0${Math.floor(n / 10)}:${String(n % 10).padStart(2, '0')}:00.000Z` } };
    });
    return renderHistoryMarkdown(deriveFigures(records, { store: 'h', target: TARGET, window: 90 }));
  };
  const rows = (out: string): number => out.split('\n').filter((l) => l.startsWith('| 2026-')).length;
  const one = runs(HISTORY_MARKDOWN_LIMITS.runs + 1);
  expect(rows(one)).toBe(HISTORY_MARKDOWN_LIMITS.runs + 1);
  expect(one).not.toMatch(/older run/);
  const two = runs(HISTORY_MARKDOWN_LIMITS.runs + 2);
  expect(rows(two)).toBe(HISTORY_MARKDOWN_LIMITS.runs);
  expect(two).toContain('\n\n… and 2 older runs of the window (');
});

test('the cases judged in no run: a sixth is named, never "and 1 more"; two over the five are counted', () => {
  const six = renderHistoryMarkdown(deriveFigures([night(1, 'Fssssss'), night(2, 'Fssssss')], { store: 'h', target: TARGET, window: 30 }));
  expect(six).toContain('\n\n6 cases judged in no run of the window (skipped or absent every night): `op/b`, `op/c`, `op/d`, `op/e`, `op/f`, `op/g`\n');
  expect(six).not.toMatch(/1 more/);
  const seven = renderHistoryMarkdown(deriveFigures([night(1, 'Fsssssss'), night(2, 'Fsssssss')], { store: 'h', target: TARGET, window: 30 }));
  expect(seven).toContain('\n\n7 cases judged in no run of the window (skipped or absent every night): `op/b`, `op/c`, `op/d`, `op/e`, `op/f` and 2 more\n');
});

test('case ids in the flaky-rate lines and in the list of cases judged in no run are inert too', () => {
  const hostile = (r: HistoryRecord): HistoryRecord => ({ ...r, cases: r.cases.map((c) => (c.id === 'op/a' ? { ...c, id: HOSTILE_ID } : c.id === 'op/c' ? { ...c, id: `${HOSTILE_ID} skipped` } : c)) });
  const out = renderHistoryMarkdown(deriveFigures([night(1, '.Fs'), night(2, 'F.s'), night(3, '.Fs')].map(hostile), { store: 'h', target: TARGET, window: 30, flakyLimit: 0.1 }));
  // Both are there: the rule's lines, and the case skipped every night.
  expect(out).toMatch(/^- \*\*flaky across runs, fails the run: .*op\/x.*changed verdict/m);
  expect(out).toMatch(/^1 case judged in no run of the window .*op\/x/m);
  for (const line of out.split('\n')) {
    const text = outsideCode(line);
    expect(text).not.toMatch(LINKED);
    expect(text).not.toMatch(/[<>&[\]]/);
  }
});

test('a store of one target, or of as many as are shown, has no line counting more', () => {
  expect(joinHistoryMarkdown(['a\n'])).toBe('a\n');
  const blocks = Array.from({ length: HISTORY_MARKDOWN_LIMITS.blocks }, (_, i) => `t${i}\n`);
  expect(joinHistoryMarkdown(blocks)).toBe(blocks.join('\n'));
});

// A block is a series (history-window.ts Series): a target's runs with --allow-writes are a block of
// their own, so the blocks left out are not so many targets.
test('the blocks left out are counted as what they are: a target\'s write runs are no other target', () => {
  const limit = HISTORY_MARKDOWN_LIMITS.blocks;
  const read = (i: number) => ({ target: `https://t${i}.example`, writes: false });
  const blocks = (n: number) => Array.from({ length: n }, (_, i) => `b${i}\n`);
  // Read-only blocks of targets not shown: said as ever.
  const plain = Array.from({ length: limit + 2 }, (_, i) => read(i));
  expect(joinHistoryMarkdown(blocks(plain.length), plain)).toContain('\n… and 2 more targets in the store (`--target URL` shows one)\n');
  // The write runs of a target shown, and another target's two blocks: 3 blocks, of 2 targets, one shown already.
  const mixed = [...Array.from({ length: limit }, (_, i) => read(i)), { target: 'https://t0.example', writes: true }, read(limit), { target: `https://t${limit}.example`, writes: true }];
  const tail = joinHistoryMarkdown(blocks(mixed.length), mixed).split('\n').filter((line) => line.startsWith('… and'));
  expect(tail).toEqual(["… and 3 more blocks in the store, of 2 targets (a target's runs with writes are a block of their own; `--target URL` shows one target's)"]);
  // Only a read-only block left out, of a target whose write block is shown (its write runs came first): no other target.
  const split = [...Array.from({ length: limit - 1 }, (_, i) => read(i)), { target: 'https://late.example', writes: true }, { target: 'https://late.example', writes: false }];
  const lastLine = joinHistoryMarkdown(blocks(split.length), split).split('\n').filter((line) => line.startsWith('… and'));
  expect(lastLine).toEqual(["… and 1 more block in the store, of 1 target (a target's runs with writes are a block of their own; `--target URL` shows one target's)"]);
});

describe('the CLI', () => {
  const history = (args: string[]) => runCli('zavu-conformance-main.js', ['history', ...args]);

  it('--format md prints the view as Markdown; a format it does not know is one line, exit 2', async () => {
    const dir = scratchDir('zvc-history-md-');
    const file = join(dir, 'h.jsonl');
    writeFileSync(file, storeText([night(1, '.F'), night(2, 'FF')]));
    const md = await history(['--history', file, '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('| night | pass rate | p95 |\n| --- | ---: | ---: |\n| 2026-11-02 | 0 % (0/2) | 20 ms |\n');
    expect(md.stdout).toContain('- `.F` `op/a` — failing since 2026-11-02 (1 run), verdict changed once, in the one pair of runs compared');
    const text = await history(['--history', file, '--format', 'text']);
    expect(text.stdout).toBe((await history(['--history', file])).stdout);
    const unknown = await history(['--history', file, '--format', 'html']);
    expect(unknown.code).toBe(2);
    expectOneLineError(unknown.stderr, /--format "html" is not one of: text, md/);
    const prune = await history(['--history', file, '--format', 'md', '--prune-keep', '1']);
    expect(prune.code).toBe(2);
    expectOneLineError(prune.stderr, /--format is for the history view, not a prune/);
  }, 30_000);

  it('a store of many targets prints a capped few and counts the rest', async () => {
    const dir = scratchDir('zvc-history-md-targets-');
    const file = join(dir, 'h.jsonl');
    writeFileSync(file, storeText(Array.from({ length: 14 }, (_, i) => night(1, '.', { target: `https://t${i}.example` }))));
    const out = await history(['--history', file, '--format', 'md']);
    expect(out.code).toBe(0);
    expect(out.stdout.match(/^\*\*History\*\*/gm)).toHaveLength(HISTORY_MARKDOWN_LIMITS.blocks);
    expect(out.stdout).toContain('… and 4 more targets in the store (`--target URL` shows one)');
    // The last target's write runs, a 15th block: no 15th target.
    writeFileSync(file, storeText([...Array.from({ length: 14 }, (_, i) => night(1, '.', { target: `https://t${i}.example` })), night(2, '.', { target: 'https://t13.example', writes: true })]));
    expect((await history(['--history', file, '--format', 'md'])).stdout).toContain('… and 5 more blocks in the store, of 4 targets (');
  }, 30_000);
});
