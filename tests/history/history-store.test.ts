/** The store on disk: round trips, bounds, refusals with file and line, atomic and locked writes. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { appendRecord, appendRecordNow, pruneStore } from '../../src/history/append-history';
import { HISTORY_LIMITS, PRUNE_LIMITS, readHistory } from '../../src/history/read-history';
import { takeOverStale } from '../../src/files/lock-file';
import { withStoreLock } from '../../src/history/store-lock';
import { UsageError } from '../../src/model/errors';
import { repoRoot } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';
import { OTHER_TARGET, TARGET, night, storeText } from './fixtures';

function store(): string {
  return join(scratchDir('zvc-history-'), 'history.jsonl');
}

test('appended records read back as written, in order; a missing store is empty; two targets share one store', async () => {
  const file = store();
  expect(readHistory(file)).toEqual([]);
  const records = [night(1, '..F'), night(1, '...', { target: OTHER_TARGET }), night(2, '.FF', { coverage: { statuses: { seen: 3, documented: 4 } } })];
  for (const r of records) await appendRecord(file, r);
  const read = readHistory(file);
  expect(read.map((s) => s.record)).toEqual(records);
  expect(read.map((s) => s.line)).toEqual([1, 2, 3]);
  expect(read.filter((s) => s.record.run.target === TARGET)).toHaveLength(2);
  // One record per line, each a whole JSON object: the file is greppable and cat-able.
  expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(4);
  expect(read[2]?.record.coverage).toEqual({ statuses: { seen: 3, documented: 4 } });
});

test('a corrupt line is refused with the file and its line number; so is a record that lacks a field', () => {
  const file = store();
  writeFileSync(file, `${storeText([night(1, '..')])}{"v":1,"run":\n${storeText([night(2, '..')])}`);
  expect(() => readHistory(file)).toThrow(UsageError);
  expect(() => readHistory(file)).toThrow(`history store ${file} line 2: not JSON`);
  // With what to do (a prune reads the same lines and refuses them too), on the same one line.
  expect(() => readHistory(file)).toThrow(new RegExp(`^history store ${file} line 2: not JSON \\([^\n]*\\); mend or delete that line, or move ${file} aside to start a new store$`));
  expect(() => readHistory(file, PRUNE_LIMITS)).toThrow('; mend or delete that line, or move');
  // Cut short, it says so (V8 says what it expected next, which reads as a typo there); and it says
  // where in the line, never quoting the line (V8's message quotes it: anyone's text, cut with "...").
  expect(() => readHistory(file)).toThrow(`line 2: not JSON (column 14: the text ends before its JSON does (cut short?))`);
  writeFileSync(file, `${storeText([night(1, '..')])}{"v":1,"run": hello world}\n`);
  expect(() => readHistory(file)).toThrow(/line 2: not JSON \(column 15: Unexpected token 'h'\); mend/);
  expect(() => readHistory(file)).not.toThrow(/hello world/);
  const broken = { ...night(3, '..'), cases: [{ id: 'op/a', status: 'exploded', checks: [], durationMs: 1 }] };
  writeFileSync(file, storeText([night(1, '..'), broken]));
  expect(() => readHistory(file)).toThrow(`history store ${file} line 2: cases[0].status must be one of passed, failed, skipped, error, flaky; mend or delete that line, or move ${file} aside to start a new store`);
});

test("a run's report given as the store is named for what it is, not \"line 1: not JSON\"", () => {
  const file = store();
  writeFileSync(file, `${JSON.stringify({ runInfo: { target: 'x' }, results: [] }, null, 2)}\n`);
  expect(() => readHistory(file)).toThrow(`history store ${file}: a report of one run (conformance.json or certificate.json), not a history store`);
});

test('a record of a newer format version is refused naming it; unknown fields of this version are read', () => {
  const file = store();
  writeFileSync(file, storeText([night(1, '..'), { ...night(2, '..'), v: 2 }]));
  expect(() => readHistory(file)).toThrow(`history store ${file} line 2: written in history format version 2, newer than this suite reads (1)`);
  // Additive fields do not bump the version: an older reader ignores them.
  writeFileSync(file, `${JSON.stringify({ ...night(1, '..'), addedLater: { x: 1 } })}\n\n`);
  expect(readHistory(file)).toHaveLength(1);
});

test('what is read is bounded: an over-long line and an over-large file are refused before parsing', () => {
  const file = store();
  writeFileSync(file, `${storeText([night(1, '.')])}${'x'.repeat(HISTORY_LIMITS.lineChars + 1)}\n`);
  expect(() => readHistory(file)).toThrow(`history store ${file} line 2: longer than ${HISTORY_LIMITS.lineChars} characters`);
  const fd = require('node:fs').openSync(file, 'w');
  // Sparse: the size is what the bound looks at, so no 64 MiB is written.
  require('node:fs').ftruncateSync(fd, HISTORY_LIMITS.fileBytes + 1);
  require('node:fs').closeSync(fd);
  expect(() => readHistory(file)).toThrow(/bytes, over the \d+-byte bound: prune it/);
});

test('an append whose write fails (a short write, then a full disk) leaves the store byte for byte as it was', async () => {
  const file = store();
  await appendRecord(file, night(1, '..'));
  const before = readFileSync(file);
  let calls = 0;
  // Half the line reaches the file, then the disk is full: the store must be cut back to its size before.
  const failing = {
    write: (fd: number, data: Uint8Array, offset: number, length: number): number => {
      calls += 1;
      if (calls > 1) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return writeSync(fd, data, offset, Math.ceil(length / 2));
    },
  };
  await expect(appendRecord(file, night(2, 'FF'), { appendIo: failing })).rejects.toThrow('ENOSPC: no space left on device');
  expect(calls).toBe(2);
  expect(readFileSync(file).equals(before)).toBe(true);
  expect(readdirSync(join(file, '..')).sort()).toEqual(['history.jsonl']);
  // The next append goes through, right after the first record.
  await appendRecord(file, night(3, '.'));
  expect(readHistory(file).map((s) => s.line)).toEqual([1, 2]);
});

test('an append writes only its line: earlier bytes and the file itself (its inode) stay as they were', async () => {
  const file = store();
  await appendRecord(file, night(1, '..'));
  const before = readFileSync(file);
  const inode = statSync(file).ino;
  await appendRecord(file, night(2, '.F'));
  const after = readFileSync(file);
  expect(statSync(file).ino).toBe(inode);
  expect(after.subarray(0, before.length).equals(before)).toBe(true);
  expect(after.subarray(before.length).toString('utf8')).toBe(`${JSON.stringify(night(2, '.F'))}\n`);
});

test('a torn last line (no newline, not JSON) is ignored by readers and cut away by the next append', async () => {
  const file = store();
  const whole = storeText([night(1, '..'), night(2, '..')]);
  const torn = JSON.stringify(night(3, 'FF')).slice(0, 40);
  writeFileSync(file, `${whole}${torn}`);
  // Read while an append is "in progress": the two complete records, no error.
  expect(readHistory(file).map((s) => s.record.run.startedAt)).toEqual([night(1, '..').run.startedAt, night(2, '..').run.startedAt]);
  await appendRecord(file, night(4, '.'));
  expect(readFileSync(file, 'utf8')).toBe(`${whole}${JSON.stringify(night(4, '.'))}\n`);
  // A line that IS terminated and corrupt is still refused with its line number.
  writeFileSync(file, `${whole}${torn}\n`);
  expect(() => readHistory(file)).toThrow(`history store ${file} line 3: not JSON`);
});

test('a complete last record without its newline (a hand edit) gets its newline and is kept; a last line that is no record is refused, untouched', async () => {
  const file = store();
  const edited = `${storeText([night(1, '..')])}${JSON.stringify(night(2, '.F'))}`;
  writeFileSync(file, edited);
  await appendRecord(file, night(3, '.'));
  expect(readFileSync(file, 'utf8')).toBe(`${edited}\n${JSON.stringify(night(3, '.'))}\n`);
  expect(readHistory(file)).toHaveLength(3);
  // A prune keeps such a record too (it only leaves out a torn tail).
  writeFileSync(file, edited);
  expect(await pruneStore(file, { before: new Date('2026-11-02') })).toEqual({ kept: 1, removed: 1 });
  expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(night(2, '.F'))}\n`);
  // Not written by an append (a wrong file given to --history): refused, never cut.
  for (const foreign of ['just some notes', '{"v":1,"not":"a record"}']) {
    writeFileSync(file, foreign);
    await expect(appendRecord(file, night(3, '.'))).rejects.toThrow(`history store ${file}: its last line has no newline and `);
    expect(readFileSync(file, 'utf8')).toBe(foreign);
  }
  expect(() => readHistory(file)).not.toThrow();
  writeFileSync(file, 'just some notes');
  expect(() => readHistory(file)).toThrow(`history store ${file} line 1: not JSON`);
});

test('a process killed while appending, again and again, never leaves a partial or lost line', async () => {
  const file = store();
  // A child that appends big records (~700 KB, each write and fsync then takes a while) as fast as
  // it can; it is killed at a moment that falls, round after round, at other points of an append.
  // A kill mid-write leaves a torn last line: readers must ignore it, the next child cut it away.
  const script = `
    const { appendRecord } = require(${JSON.stringify(join(repoRoot, 'dist/history/append-history.js'))});
    const record = ${JSON.stringify(night(1, '.'))};
    record.cases = Array.from({ length: 9000 }, (_, i) => ({ ...record.cases[0], id: 'op/case-' + i }));
    (async () => { for (let i = 0; i < 100000; i += 1) { await appendRecord(${JSON.stringify(file)}, record); process.stdout.write('+'); } })();`;
  let total = 0;
  for (let round = 0; round < 6; round += 1) {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let appended = 0;
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        // After the first append, somewhere in the next one (or the one after).
        if (appended === 0) setTimeout(() => child.kill('SIGKILL'), 3 + round * 7);
        appended += d.length;
      });
      child.once('close', () => resolve());
    });
    const records = readHistory(file);
    expect(records.length).toBeGreaterThanOrEqual(appended);
    expect(records.every((r) => r.record.cases.length === 9000)).toBe(true);
    total += appended;
  }
  // The child did append (a child that cannot even start would make the rounds above vacuous).
  expect(total).toBeGreaterThan(0);
  // The lock the killed child may have left names a dead process: the next append takes it over.
  await appendRecord(file, night(2, '..'), { lock: { waitMs: 2000, staleMs: 60_000, pollMs: 10 } });
  expect(readHistory(file).at(-1)?.record.run.startedAt).toBe(night(2, '..').run.startedAt);
}, 60_000);

test('parallel appends neither interleave nor lose a record', async () => {
  const file = store();
  const records = Array.from({ length: 12 }, (_, i) => night(i + 1, '.'.repeat(200)));
  await Promise.all(records.map((r) => appendRecord(file, r)));
  const read = readHistory(file).map((s) => s.record.run.startedAt).sort();
  expect(read).toEqual(records.map((r) => r.run.startedAt).sort());
  expect(existsSync(`${file}.lock`)).toBe(false);
});

test('a lock held by a live process is waited for, within a bound, then refused naming its holder', async () => {
  const file = store();
  writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-11-30T00:00:00.000Z' }));
  await expect(appendRecord(file, night(1, '.'), { lock: { waitMs: 150, staleMs: 60_000, pollMs: 10 } })).rejects.toThrow(
    `history store ${file} is locked by pid ${process.pid} on ${hostname()} since 2026-11-30T00:00:00.000Z`,
  );
  expect(existsSync(file)).toBe(false);
  // Released within the wait: the append goes through.
  const pending = appendRecord(file, night(1, '.'), { lock: { waitMs: 5000, staleMs: 60_000, pollMs: 10 } });
  setTimeout(() => require('node:fs').rmSync(`${file}.lock`), 100);
  await pending;
  expect(readHistory(file)).toHaveLength(1);
});

test('a lock whose holder is gone, or that is older than any append, is stale and taken over', async () => {
  const file = store();
  writeFileSync(`${file}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: '2026-11-30T00:00:00.000Z' }));
  await appendRecord(file, night(1, '.'), { lock: { waitMs: 200, staleMs: 60_000, pollMs: 10 } });
  writeFileSync(`${file}.lock`, 'held by a machine we cannot ask');
  await withStoreLock(file, async () => undefined, { waitMs: 500, staleMs: 0, pollMs: 10 });
  expect(existsSync(`${file}.lock`)).toBe(false);
});

test('an interrupted run\'s append (appendRecordNow): a stale lock taken over, a torn tail cut away, one record written; a live holder refused within its bound, the store untouched', () => {
  const file = store();
  writeFileSync(file, `${storeText([night(1, '.')])}{"v":1,"run":{"target":"torn`);
  writeFileSync(`${file}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: '2026-11-30T00:00:00.000Z' }));
  appendRecordNow(file, night(2, '..'), 100);
  expect(readHistory(file).map((r) => r.record.run.startedAt)).toEqual([night(1, '.').run.startedAt, night(2, '..').run.startedAt]);
  expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
  expect(existsSync(`${file}.lock`)).toBe(false);
  const before = readFileSync(file);
  writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-11-30T00:00:00.000Z' }));
  expect(() => appendRecordNow(file, night(3, '.'), 50)).toThrow(`history store ${file} is locked by pid ${process.pid} on ${hostname()} since 2026-11-30T00:00:00.000Z; an interrupted run waits 50 ms at most for it`);
  expect(readFileSync(file)).toEqual(before);
  // Not ours to remove: the live holder's lock stays.
  expect(existsSync(`${file}.lock`)).toBe(true);
});

test('the wait for a live holder\'s lock is bounded on the monotonic clock: a wall clock set back an hour while waiting (NTP) does not add that hour', async () => {
  const file = store();
  writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-11-30T00:00:00.000Z' }));
  // The wall clock steps back an hour after its first reading, and (so a wait measured on it ends
  // at all, the interrupted run's being synchronous) steps forward again after 400 readings:
  // waits of 50 ms polled every 10 ms read it a few times each, a wait on it hundreds.
  const realNow = Date.now.bind(Date);
  let readings = 0;
  const spy = jest.spyOn(Date, 'now').mockImplementation(() => {
    readings += 1;
    return realNow() + (readings === 1 ? 0 : readings <= 400 ? -3_600_000 : 3_600_000);
  });
  try {
    await expect(withStoreLock(file, async () => undefined, { waitMs: 50, staleMs: 7_200_000, pollMs: 10 })).rejects.toThrow(`history store ${file} is locked by pid ${process.pid}`);
    expect(readings).toBeLessThan(100);
    readings = 0;
    expect(() => appendRecordNow(file, night(1, '.'), 50)).toThrow('an interrupted run waits 50 ms at most for it');
    expect(readings).toBeLessThan(100);
  } finally {
    spy.mockRestore();
  }
});

test('prune keeps the newest N runs of each target, or the runs from a date on, lines byte for byte', async () => {
  const file = store();
  const extra = `${JSON.stringify({ ...night(3, '.'), keptAsWritten: true })}\n`;
  writeFileSync(file, storeText([night(1, '.'), night(2, '.'), night(1, '.', { target: OTHER_TARGET })]) + extra + storeText([night(2, '.', { target: OTHER_TARGET })]));
  expect(await pruneStore(file, { keep: 2 })).toEqual({ kept: 4, removed: 1 });
  expect(readFileSync(file, 'utf8')).toContain('"keptAsWritten":true');
  expect(readHistory(file).map((s) => [s.record.run.target, s.record.run.startedAt.slice(0, 10)])).toEqual([
    [TARGET, '2026-11-02'], [OTHER_TARGET, '2026-11-01'], [TARGET, '2026-11-03'], [OTHER_TARGET, '2026-11-02'],
  ]);
  expect(await pruneStore(file, { before: new Date('2026-11-02') }, OTHER_TARGET)).toEqual({ kept: 3, removed: 1 });
  expect(readHistory(file).filter((s) => s.record.run.target === OTHER_TARGET)).toHaveLength(1);
});

test('a prune removes the temp file a killed rewrite left beside the store (a dead writer\'s, a minute old), and no other', async () => {
  const file = store();
  const dir = join(file, '..');
  writeFileSync(file, storeText([night(1, '.'), night(2, '.')]));
  // A process id no process has: beyond the kernel's default pid_max.
  const orphan = '.history.jsonl.4194399.a1b2c3d4e5f6.tmp';
  const live = `.history.jsonl.${process.pid}.a1b2c3d4e5f6.tmp`;
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (const name of [orphan, live]) {
    writeFileSync(join(dir, name), 'half a store');
    utimesSync(join(dir, name), hourAgo, hourAgo);
  }
  expect(await pruneStore(file, { keep: 5 })).toEqual({ kept: 2, removed: 0 });
  expect(readdirSync(dir).sort()).toEqual([live, 'history.jsonl']);
});

/** `count` runs of TARGET, one a night from 2000-01-01, each line padded to about `pad` characters by a field readers ignore. */
function manyNights(count: number, pad = 0): string {
  const base = night(1, '.');
  return Array.from({ length: count }, (_, i) => {
    const startedAt = new Date(Date.UTC(2000, 0, 1, 2) + i * 86_400_000).toISOString();
    return `${JSON.stringify({ ...base, run: { ...base.run, startedAt, finishedAt: startedAt }, ...(pad > 0 ? { addedLater: 'x'.repeat(pad) } : {}) })}\n`;
  }).join('');
}

test('a store over the bounds of a run, which its refusal says to prune, is pruned: over the run count and over the byte size', async () => {
  const file = store();
  writeFileSync(file, manyNights(HISTORY_LIMITS.records + 1));
  expect(() => readHistory(file)).toThrow(`history store ${file} has more than ${HISTORY_LIMITS.records} runs: prune it (zavu-conformance history --history ${file} --prune-keep N)`);
  expect(await pruneStore(file, { keep: 30 })).toEqual({ kept: 30, removed: HISTORY_LIMITS.records - 29 });
  expect(readHistory(file).map((s) => s.record.run.startedAt)).toHaveLength(30);
  // Grown past the byte bound a record at a time (here 34 records of 2 MB each): the prune reads it all the same.
  const lineChars = HISTORY_LIMITS.lineChars - 1_000;
  writeFileSync(file, manyNights(Math.ceil(HISTORY_LIMITS.fileBytes / lineChars) + 1, lineChars));
  expect(() => readHistory(file)).toThrow(/bytes, over the 67108864-byte bound: prune it/);
  expect(await pruneStore(file, { before: new Date('2000-01-30') })).toEqual({ kept: 5, removed: 29 });
  expect(readHistory(file)).toHaveLength(5);
});

test('taking over a stale lock removes only that lock: one taken meanwhile by another writer is put back', async () => {
  const dir = scratchDir('zvc-history-lock-');
  const lock = join(dir, 'history.jsonl.lock');
  const stale = JSON.stringify({ pid: 999_999, host: 'gone', since: '2026-01-01T00:00:00.000Z' });
  writeFileSync(lock, stale);
  takeOverStale(lock, stale);
  expect(existsSync(lock)).toBe(false);
  // Judged stale from the old text, but by now another writer holds a fresh lock: it stays, whole.
  const fresh = JSON.stringify({ pid: process.pid, host: 'here', since: new Date().toISOString() });
  writeFileSync(lock, fresh);
  takeOverStale(lock, stale);
  expect(readFileSync(lock, 'utf8')).toBe(fresh);
  expect(readdirSync(dir)).toEqual(['history.jsonl.lock']);
});

describe('a file that holds no record at all is said to be likely no store, not sent to delete its first line', () => {
  // A HAR of the recordings, another tool's JSON: "mend or delete that line" of a file that is no
  // store sends the user to cut their own file, one line at a time.
  it.each([
    ['a pretty-printed HAR', '{\n  "log": {\n    "version": "1.2",\n    "entries": []\n  }\n}\n', 'not JSON'],
    ['a HAR on one line', '{"log":{"version":"1.2","entries":[]}}\n', 'not a history record'],
  ])('%s', (_name, text, why) => {
    const file = store();
    writeFileSync(file, text);
    expect(() => readHistory(file)).toThrow(
      new RegExp(`^history store ${file} line 1: ${why}[^\n]*; no line before it is a record, so ${file} is likely no history store: --history takes the JSON-lines file runs append to \\(e\\.g\\. \\.zavu/history\\.jsonl; a missing file is an empty store\\); if it is one, mend or delete that line$`),
    );
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('a store whose second line is corrupt still reads "mend or delete that line"', () => {
    const file = store();
    writeFileSync(file, `${storeText([night(1, '.')])}{"log":1}\n`);
    expect(() => readHistory(file)).toThrow(/ line 2: not a history record .*; mend or delete that line, or move .* aside to start a new store$/);
  });
});

test('an unterminated last line cut short that no append could have begun (no record starts so) is refused, not cut away as a torn append', async () => {
  // A HAR downloaded half-way, given as the store: one line, no newline, starting with "{". Taken
  // for a torn append, the first append cut it away and made the file a store.
  const file = store();
  const text = '{"log":{"version":"1.2","entries":[';
  writeFileSync(file, text);
  await expect(appendRecord(file, night(1, '.'))).rejects.toThrow(`history store ${file}: its last line has no newline and is not a record (it is cut short, and no record starts so); not appended (end that line with a newline, or remove it)`);
  expect(readFileSync(file, 'utf8')).toBe(text);
  // A record's line cut short by a killed append is still cut away, and the record appended.
  const torn = store();
  writeFileSync(torn, `${storeText([night(1, '.')])}${JSON.stringify(night(2, '.')).slice(0, 40)}`);
  await appendRecord(torn, night(3, '.'));
  expect(readHistory(torn).map((s) => s.record)).toEqual([night(1, '.'), night(3, '.')]);
});

// The store's path is the user's folder names and the lock's holder is read from a file anyone with
// the CI cache can write: the wait line goes to the console as the run's history lines do, inert and short.
test('the line saying whose lock a run waits for shows the store path and the holder escaped and bounded', async () => {
  const dir = join(scratchDir('zvc-history-lock-inert-'), 'a\nhistory: \u001b[2Jforged \u202eevil');
  mkdirSync(dir);
  const file = join(dir, 'history.jsonl');
  writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, host: `h\u001b[2J\u202e${'y'.repeat(3000)}`, since: '2026-11-30T00:00:00.000Z\nhistory: forged' }));
  const lines: string[] = [];
  await expect(withStoreLock(file, async () => undefined, { waitMs: 50, staleMs: 7_200_000, pollMs: 10 }, (line) => lines.push(line))).rejects.toThrow(UsageError);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('history.jsonl.lock, held by pid');
  expect(lines[0]).toContain('a\\nhistory: \\u001b[2Jforged \\u202eevil');
  expect(lines[0]).not.toMatch(/[\u001b\u202e]/u);
  expect(lines[0]?.split('\n')).toHaveLength(2);
  expect(lines[0]?.length).toBeLessThan(1000);
});
