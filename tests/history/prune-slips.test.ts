/**
 * A prune's slips lose nothing: `--prune-before` with a date in the future (2027 typed for 2026)
 * removed every run of the store and exited 0. A date after now, or one that would remove every
 * run of the store, is refused with one line (exit 2), the store untouched; emptying one target
 * on purpose (`--target`, a date after its newest run) still works.
 */
import { promises as fs, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { join } from 'node:path';
import { pruneStore } from '../../src/history/append-history';
import type { AtomicWriteFs } from '../../src/files/atomic-write';
import { expectOneLineError } from '../support/one-line-error';
import { runCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';
import { stoppedRecordOf, type HistoryRecord } from '../../src/history/history-record';
import { OTHER_TARGET, TARGET, night, nightOf, storeText } from './fixtures';

function history(args: string[]) {
  return runCli('zavu-conformance-main.js', ['history', ...args]);
}

/** Nights 1…3 of TARGET and night 2 of OTHER_TARGET. */
function store(): string {
  const file = join(scratchDir('zvc-prune-slip-'), 'history.jsonl');
  writeFileSync(file, storeText([night(1, '.'), night(2, '.'), night(2, 'F', { target: OTHER_TARGET }), night(3, 'F')]));
  return file;
}

test('--prune-before a date in the future is refused, whatever its scope: one line, exit 2, the store as it was', async () => {
  const file = store();
  const before = readFileSync(file, 'utf8');
  for (const scope of [[], ['--target', OTHER_TARGET]]) {
    const slip = await history(['--history', file, '--prune-before', '2999-11-04', ...scope]);
    expect(slip.code).toBe(2);
    expectOneLineError(slip.stderr, /^zavu-conformance history: --prune-before "2999-11-04" is in the future \(now \d{4}-\d{2}-\d{2}T[\d:.]+Z\): it would remove every run up to now; give a past date \(a typo in the year\?\)$/);
    expect(slip.stdout).toBe('');
  }
  expect(readFileSync(file, 'utf8')).toBe(before);
});

test('--prune-before after the store\'s newest run is refused: it would remove every run; one target can be emptied on purpose with --target', async () => {
  const file = store();
  const before = readFileSync(file, 'utf8');
  const all = await history(['--history', file, '--prune-before', '2026-11-04']);
  expect(all.code).toBe(2);
  expectOneLineError(
    all.stderr,
    /^zavu-conformance history: --prune-before 2026-11-04T00:00:00.000Z would remove every run of .*history.jsonl \(4 runs, the newest started 2026-11-03T02:00:00.000Z\); nothing pruned: give a date on or before the newest run, add --target URL to remove one target's runs, or delete the file to start a new store$/,
  );
  expect(readFileSync(file, 'utf8')).toBe(before);
  // The same refusal from code, under the store's lock.
  await expect(pruneStore(file, { before: new Date('2026-11-04') })).rejects.toThrow(/would remove every run of/);
  expect(readFileSync(file, 'utf8')).toBe(before);
  // On purpose: one target's runs, every one of them; the others kept byte for byte.
  const target = await history(['--history', file, '--prune-before', '2026-11-03', '--target', OTHER_TARGET]);
  expect(target.stdout).toBe(`pruned ${file}: removed 1 run, kept 3 runs\n`);
  expect(readFileSync(file, 'utf8')).toBe(storeText([night(1, '.'), night(2, '.'), night(3, 'F')]));
});

/** Night `n` of TARGET, stopped before judging (the target down). */
function notRun(n: number): HistoryRecord {
  const run = { target: TARGET, mode: 'live' as const, specSha256: 'a'.repeat(64), suiteVersion: '0.2.0', startedAt: nightOf(n), finishedAt: nightOf(n).replace('02:00:00', '02:00:05') };
  return stoppedRecordOf(run, `target ${TARGET} is unreachable (connection-refused: connect ECONNREFUSED)`, 3);
}

test('--prune-before that would keep only nights not run removes every run all the same: refused, the counts told apart', async () => {
  // The target down on the newest night (a common night to prune on): a date after the last judged
  // run kept that night alone, every figure of the store gone, exit 0.
  const file = join(scratchDir('zvc-prune-slip-'), 'history.jsonl');
  writeFileSync(file, storeText([night(1, '.'), night(2, 'F'), notRun(3)]));
  const before = readFileSync(file, 'utf8');
  const slip = await history(['--history', file, '--prune-before', '2026-11-03']);
  expect(slip.code).toBe(2);
  expectOneLineError(
    slip.stderr,
    /^zavu-conformance history: --prune-before 2026-11-03T00:00:00.000Z would remove every run of .*history.jsonl \(2 runs and 1 night not run, the newest run started 2026-11-02T02:00:00.000Z\); nothing pruned: give a date on or before the newest run, add --target URL to remove one target's runs, or delete the file to start a new store$/,
  );
  expect(readFileSync(file, 'utf8')).toBe(before);
  // A date on the newest run keeps it: allowed.
  await expect(pruneStore(file, { before: new Date(nightOf(2)) })).resolves.toEqual({ kept: 2, removed: 1, notRun: { kept: 1, removed: 0 } });
  // A store of nights not run alone, every one of them removed: refused, said as nights not run.
  writeFileSync(file, storeText([notRun(1), notRun(2)]));
  await expect(pruneStore(file, { before: new Date(nightOf(3)) })).rejects.toThrow(/would remove every night not run of .*history\.jsonl \(2 nights not run, the newest started 2026-11-02T02:00:00\.000Z\); nothing pruned/);
});

test('a prune whose rewrite the disk refuses half-way leaves the store as it was, no temp file and no lock beside it', async () => {
  const file = store();
  const before = readFileSync(file, 'utf8');
  const io: AtomicWriteFs = {
    open: async (...args: Parameters<typeof fs.open>) => {
      const handle = await fs.open(...args);
      // Writes a few bytes, then fails as a full disk does.
      handle.writeFile = async (data) => {
        await fs.appendFile(args[0], String(data).slice(0, 5));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      };
      return handle;
    },
    rename: (...args) => fs.rename(...args),
    rm: (...args) => fs.rm(...args),
  };
  await expect(pruneStore(file, { keep: 1 }, undefined, { io })).rejects.toThrow('ENOSPC');
  expect(readFileSync(file, 'utf8')).toBe(before);
  expect(readdirSync(dirname(file))).toEqual(['history.jsonl']);
});
