/**
 * A night that started and did not finish (its run killed outright): the run that takes over its
 * lock makes its record (a night not run, `unfinished`), and every reader of the store shows it as
 * such a gap, never as a pass or a target's failure; an older store without such records reads as
 * before, and a hostile lock's words reach the store cut and escaped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keptByPrune, pruneStore } from '../../src/history/append-history';
import { deriveFigures } from '../../src/history/derive-figures';
import { renderHistoryTerminal } from '../../src/history/history-terminal';
import { renderHistoryMarkdown } from '../../src/history/history-markdown';
import { parseRecord } from '../../src/history/parse-record';
import { parseStore, readHistory } from '../../src/history/read-history';
import { appendUnfinished, openHistory } from '../../src/history/run-history';
import { nightKey, unfinishedRecordOf, UNFINISHED_EXIT_CODE } from '../../src/history/unfinished-night';
import type { HistoryRecord } from '../../src/history/history-record';
import { historySection } from '../../src/report/html-history';
import { historyLines } from '../../src/report/markdown-history';
import { notRunText } from '../../src/report/history-text';
import { scratchDir } from '../support/scratch-dir';
import { writeFileSync } from 'node:fs';
import { night, nightOf, storeText, TARGET } from './fixtures';

const STORE = '/var/lib/zavu/history.jsonl';
const KEY = nightKey(TARGET, 'live', STORE);
const RUN = { target: TARGET, mode: 'live' as const };

/** The lock a run killed on night `n` left (it took it at 02:00), naming `key`'s night. */
function deadLock(n: number, key: string | null = KEY, host = 'ci-runner-7'): string {
  return JSON.stringify({ pid: 4242, host, since: nightOf(n), ...(key === null ? {} : { night: key }) });
}

/** The record night `n`'s dead run gets from the run of night `n + 1` that takes its lock over. */
function unfinishedNight(n: number, records: readonly HistoryRecord[] = []): HistoryRecord {
  const record = unfinishedRecordOf(deadLock(n), KEY, RUN, nightOf(n + 1), records);
  if (record === undefined) throw new Error('no record');
  return record;
}

describe('the record of the dead run', () => {
  test('a night not run, marked unfinished, at the lock\'s start, with this run\'s target: the store reads it back', () => {
    const record = unfinishedNight(3);
    expect(record).toMatchObject({ run: { target: TARGET, mode: 'live', startedAt: nightOf(3), finishedAt: nightOf(3) }, summary: { total: 0 }, cases: [], stopped: { exitCode: UNFINISHED_EXIT_CODE, unfinished: true } });
    expect(record.stopped?.reason).toBe(`the run (pid 4242 on ci-runner-7) left its reports folder's lock behind, recorded by the run started at ${nightOf(4)}: killed or lost, no exit code`);
    expect(parseRecord(JSON.parse(JSON.stringify(record)), 10)).toEqual({ record });
  });

  test('none for a lock of another night (another target, mode or store), one naming no night (an older suite\'s), or a garbled one', () => {
    expect(unfinishedRecordOf(deadLock(3, nightKey('https://staging.zavu.example', 'live', STORE)), KEY, RUN, nightOf(4), [])).toBeUndefined();
    expect(unfinishedRecordOf(deadLock(3, nightKey(TARGET, 'replay', STORE)), KEY, RUN, nightOf(4), [])).toBeUndefined();
    expect(unfinishedRecordOf(deadLock(3, nightKey(TARGET, 'live', '/elsewhere/history.jsonl')), KEY, RUN, nightOf(4), [])).toBeUndefined();
    expect(unfinishedRecordOf(deadLock(3, null), KEY, RUN, nightOf(4), [])).toBeUndefined();
    expect(unfinishedRecordOf('not json', KEY, RUN, nightOf(4), [])).toBeUndefined();
  });

  test('none for a start that is no time a run stamped, or one after the taker\'s own', () => {
    for (const since of ['2026-11-03 02:00', `${nightOf(3)} and more`, '']) expect(unfinishedRecordOf(JSON.stringify({ pid: 1, host: 'h', since, night: KEY }), KEY, RUN, nightOf(4), [])).toBeUndefined();
    expect(unfinishedRecordOf(deadLock(9), KEY, RUN, nightOf(4), [])).toBeUndefined();
  });

  test('none when the store holds a run of the target started since the lock was taken: the dead run appended its own before it was killed, or another taker did', () => {
    const own = { ...night(3, '..'), run: { ...night(3, '..').run, startedAt: nightOf(3).replace('02:00:00', '02:00:01') } };
    expect(unfinishedRecordOf(deadLock(3), KEY, RUN, nightOf(4), [night(2, '..'), own])).toBeUndefined();
    expect(unfinishedRecordOf(deadLock(3), KEY, RUN, nightOf(4), [night(2, '..'), unfinishedNight(3)])).toBeUndefined();
    expect(unfinishedRecordOf(deadLock(3), KEY, RUN, nightOf(4), [night(2, '..'), night(3, '..', { target: 'https://staging.zavu.example' })])).toBeDefined();
  });

  test("a run of the same target in another mode since is another night's (a record run beside a live one): the dead run's night is still recorded", () => {
    const recorded = { ...night(3, '..'), run: { ...night(3, '..').run, mode: 'record' as const, startedAt: nightOf(3).replace('02:00:00', '02:00:01') } };
    expect(unfinishedRecordOf(deadLock(3), KEY, RUN, nightOf(4), [night(2, '..'), recorded])).toMatchObject({ run: { target: TARGET, mode: 'live' }, stopped: { unfinished: true } });
    const recording = nightKey(TARGET, 'record', STORE);
    expect(unfinishedRecordOf(deadLock(3, recording), recording, { target: TARGET, mode: 'record' }, nightOf(4), [night(2, '..'), { ...recorded, run: { ...recorded.run, mode: 'live' } }])).toBeDefined();
    expect(unfinishedRecordOf(deadLock(3, recording), recording, { target: TARGET, mode: 'record' }, nightOf(4), [night(2, '..'), recorded])).toBeUndefined();
  });

  test("a run of the target's other kind since is another series' night (a write run beside the read-only gate): the dead run's night is still recorded", () => {
    const since = (writes: boolean): HistoryRecord => ({ ...night(3, '..', { writes }), run: { ...night(3, '..', { writes }).run, startedAt: nightOf(3).replace('02:00:00', '02:00:01') } });
    expect(unfinishedRecordOf(deadLock(3), KEY, RUN, nightOf(4), [night(2, '..'), since(true)])).toMatchObject({ run: { target: TARGET, mode: 'live' }, stopped: { unfinished: true } });
    const writing = nightKey(TARGET, 'live', STORE, true);
    const writeRun = { ...RUN, allowWrites: true as const };
    expect(unfinishedRecordOf(deadLock(3, writing), writing, writeRun, nightOf(4), [night(2, '..'), since(false)])).toMatchObject({ run: { allowWrites: true }, stopped: { unfinished: true } });
    expect(unfinishedRecordOf(deadLock(3, writing), writing, writeRun, nightOf(4), [night(2, '..'), since(true)])).toBeUndefined();
  });

  test("says which suite died, from its lock's version and build; a lock of an older suite, none (an empty version, no build), as before", () => {
    const stamped = (suite: Record<string, unknown>): HistoryRecord | undefined => unfinishedRecordOf(JSON.stringify({ ...(JSON.parse(deadLock(3)) as object), ...suite }), KEY, RUN, nightOf(4), []);
    const record = stamped({ suiteVersion: '0.2.0', suiteBuild: '0123456789ab' });
    expect(record?.run).toMatchObject({ suiteVersion: '0.2.0', suiteBuild: '0123456789ab', specSha256: '' });
    expect(parseRecord(JSON.parse(JSON.stringify(record)), 10)).toEqual({ record });
    expect(unfinishedNight(3).run.suiteVersion).toBe('');
    expect('suiteBuild' in unfinishedNight(3).run).toBe(false);
  });

  test("a lock's version or build not of the shape a suite writes (the lock is anyone's file) is left out: bounded and inert in the store", () => {
    const stamped = (suite: Record<string, unknown>): HistoryRecord['run'] | undefined => unfinishedRecordOf(JSON.stringify({ ...(JSON.parse(deadLock(3)) as object), ...suite }), KEY, RUN, nightOf(4), [])?.run;
    for (const suiteVersion of ['0.2.0\n::error::x', `0.2.0-${'a'.repeat(100)}`, 'latest', 7, null]) expect(stamped({ suiteVersion, suiteBuild: 'b'.repeat(12) })).toMatchObject({ suiteVersion: '', suiteBuild: 'b'.repeat(12) });
    for (const suiteBuild of ['<b>x</b>', 'B'.repeat(12), 'a'.repeat(13), 12]) expect('suiteBuild' in stamped({ suiteVersion: '0.2.0', suiteBuild })!).toBe(false);
  });

  test("a hostile lock's host reaches the store cut and escaped: one line, no escape or bidi control", () => {
    const record = unfinishedRecordOf(deadLock(3, KEY, `evil\n::error::x\u001b[31m\u202e${'h'.repeat(5000)}`), KEY, RUN, nightOf(4), []);
    const reason = record?.stopped?.reason ?? '';
    expect(reason).toContain('pid 4242 on evil');
    expect(reason).not.toMatch(/[\n\r\u001b\u202e]/);
    expect(reason.length).toBeLessThanOrEqual(300);
    expect(reason).not.toContain('h'.repeat(100));
  });
});

describe('the store', () => {
  test('an unfinished flag other than true is refused; a store from before the field reads as before', () => {
    const record = JSON.parse(JSON.stringify(unfinishedNight(3))) as { stopped: Record<string, unknown> };
    record.stopped['unfinished'] = false;
    expect(parseRecord(record, 10)).toEqual({ problem: 'stopped.unfinished must be true when present' });
    const older = [night(1, '..'), night(2, '.F')];
    expect(parseStore(storeText(older), 'h.jsonl').map((r) => r.record)).toEqual(older);
  });

  test('appendUnfinished appends the night before this run\'s own, once, and this run\'s figures see it', async () => {
    const store = join(scratchDir('zvc-unfinished-night-'), 'history.jsonl');
    writeFileSync(store, storeText([night(1, '..'), night(2, '..')]));
    const key = nightKey(TARGET, 'live', store);
    const opened = openHistory({ file: store, label: '--history', window: 30 });
    const lock = JSON.stringify({ pid: 4242, host: 'ci-runner-7', since: nightOf(3), night: key });
    const line = await appendUnfinished(opened, lock, key, RUN, nightOf(4));
    expect(line).toBe(`history: recorded in ${store} the night started at ${nightOf(3)} as did not finish (its run was killed or lost): a gap in the trends of ${TARGET}\n`);
    expect(opened.records.at(-1)?.stopped?.unfinished).toBe(true);
    // A second taker (or this one again) finds it there.
    expect(await appendUnfinished(openHistory(opened.settings), lock, key, RUN, nightOf(4))).toBe('');
    expect(readHistory(store).map((r) => r.record.stopped?.unfinished ?? false)).toEqual([false, false, true]);
    expect(readFileSync(store, 'utf8').split('\n')).toHaveLength(4);
  });
});

describe('every reader', () => {
  const records = [night(1, '.F'), night(2, '..'), unfinishedNight(3), night(4, '.F')];
  const figures = deriveFigures(records, { store: 'h.jsonl', target: TARGET, window: 30 });

  test('the figures: a gap that did not finish, neither a pass nor a fail, and no run of the window', () => {
    const gap = figures.runs.find((r) => r.startedAt === nightOf(3));
    expect(gap).toMatchObject({ passRate: null, passed: 0, judged: 0, notRun: { unfinished: true } });
    const without = deriveFigures(records.filter((r) => r.stopped === undefined), { store: 'h.jsonl', target: TARGET, window: 30 });
    expect(figures.cases.map((c) => ({ ...c, strip: c.strip.filter((_, i) => i !== 2), p95: c.p95.filter((_, i) => i !== 2) }))).toEqual(without.cases);
    expect(figures.cases.find((c) => c.id === 'op/b')?.strip).toEqual(['failed', 'passed', null, 'failed']);
    // A window of 2 judged runs: nights 2 and 4, the gap between them shown, not counted.
    expect(deriveFigures(records, { store: 'h.jsonl', target: TARGET, window: 2 }).runs.map((r) => r.startedAt)).toEqual([2, 3, 4].map(nightOf));
  });

  test('in words: "did not finish", with no exit code (none was seen), where a stopped night says "not run … (exit N)"', () => {
    const gap = figures.runs[2]!;
    expect(notRunText(gap)).toBe(`did not finish: ${records[2]!.stopped!.reason}`);
    for (const [view, text] of [
      ['terminal', renderHistoryTerminal(figures)],
      ['history markdown', renderHistoryMarkdown(figures)],
      ['summary.md', historyLines(figures).join('\n')],
      ['html', historySection(figures)],
    ] as const) {
      expect([view, text.includes('did not finish: the run (pid 4242 on ci-runner-7)')]).toEqual([view, true]);
      expect([view, text.includes(`exit ${UNFINISHED_EXIT_CODE}`)]).toEqual([view, false]);
    }
  });

  test("the HTML charts' labels name it a night that did not finish, not one not run: each case's verdict cell (the rate and p95 charts draw no mark for it)", () => {
    const html = historySection(figures);
    const night3 = nightOf(3).slice(0, 10);
    expect(html).not.toContain(`${night3} (not run)`);
    expect(html.split(`<title>${night3} (did not finish)</title>`)).toHaveLength(figures.cases.length + 1);
    expect(html).not.toContain(`<title>${night3} (did not finish): `);
    // A night its target stopped is still "not run".
    const { unfinished: _unfinished, ...notRun } = unfinishedNight(3).stopped!;
    const stoppedNight: HistoryRecord = { ...unfinishedNight(3), stopped: notRun };
    const stopped = historySection(deriveFigures([night(1, '.F'), night(2, '..'), stoppedNight, night(4, '.F')], { store: 'h.jsonl', target: TARGET, window: 30 }));
    expect(stopped).toContain(`<title>${night3} (not run)</title>`);
  });

  test('pruning keeps it as a night not run of the window, and counts it so', async () => {
    const stored = parseStore(storeText(records), 'h.jsonl');
    expect(keptByPrune(stored, { keep: 1 }).map((r) => r.record.run.startedAt)).toEqual([nightOf(4)]);
    expect(keptByPrune(stored, { keep: 2 }).map((r) => r.record.run.startedAt)).toEqual([2, 3, 4].map(nightOf));
    const store = join(scratchDir('zvc-unfinished-prune-'), 'history.jsonl');
    writeFileSync(store, storeText(records));
    expect(await pruneStore(store, { keep: 1 })).toEqual({ kept: 1, removed: 3, notRun: { kept: 0, removed: 1 } });
  });
});
