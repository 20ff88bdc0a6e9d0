/** The lock a run holds on its reports folder: one writer at a time, a killed holder's lock taken over, released at exit. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { FOLDER_LOCK, folderHolder, handBackFolder, holdFolder, isStale } from '../../src/files/lock-file';
import { requireBuilt, runInChild } from '../support/in-child';
import { scratchDir } from '../support/scratch-dir';

const holderOf = (pid: number, host = hostname()): string => JSON.stringify({ pid, host, since: '2026-12-04T00:00:00.000Z' });

/** The pid of a process that has ended: a lock naming it is a killed run's. */
function deadPid(): number {
  const done = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(done.stdout);
}

test('held, the folder is refused to another holder in one line naming the holder; released, it is free again', async () => {
  const dir = scratchDir();
  const release = await holdFolder(dir, '--reports');
  const lock = join(dir, FOLDER_LOCK);
  expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
  // Not "another run" to this process, which holds it (a NOT RUN of its own stays its own).
  expect(folderHolder(dir)).toBeUndefined();
  await expect(holdFolder(dir, '--reports')).rejects.toThrow(new RegExp(`^--reports .+ is being written by another run \\(pid ${process.pid} on .+\\): give each run its own --reports \\(remove .+ if no run is writing there\\)$`));
  release();
  expect(existsSync(lock)).toBe(false);
  (await holdFolder(dir, '--reports'))();
});

test("another live process's lock is named by folderHolder; a killed one's (same host) is stale: taken over, and named by nobody", async () => {
  const dir = scratchDir();
  const lock = join(dir, FOLDER_LOCK);
  writeFileSync(lock, holderOf(process.ppid));
  expect(folderHolder(dir)).toMatch(new RegExp(`^pid ${process.ppid} on `));
  await expect(holdFolder(dir, '--reports')).rejects.toThrow(/being written by another run/);
  expect(readFileSync(lock, 'utf8')).toBe(holderOf(process.ppid));

  writeFileSync(lock, holderOf(deadPid()));
  expect(folderHolder(dir)).toBeUndefined();
  const release = await holdFolder(dir, '--reports');
  expect(JSON.parse(readFileSync(lock, 'utf8'))).toMatchObject({ pid: process.pid });
  release();
});

test('release leaves a lock that is no longer its own (taken over meanwhile) where it is', async () => {
  const dir = scratchDir();
  const release = await holdFolder(dir, '--reports');
  const lock = join(dir, FOLDER_LOCK);
  writeFileSync(lock, holderOf(process.ppid));
  release();
  expect(readFileSync(lock, 'utf8')).toBe(holderOf(process.ppid));
});

test('a process that exits holding it (an interruption ends through process.exit) leaves no lock behind', () => {
  const dir = scratchDir();
  const child = runInChild(`${requireBuilt('files/lock-file.js')}.holdFolder(${JSON.stringify(dir)}, '--reports').then(() => process.exit(143));`);
  expect(child.status).toBe(143);
  expect(existsSync(join(dir, FOLDER_LOCK))).toBe(false);
});

test("a dead run's lock taken over is handed to the caller, once; a folder free or held by no one calls it not", async () => {
  const dir = scratchDir();
  const lock = join(dir, FOLDER_LOCK);
  const stale = holderOf(deadPid());
  writeFileSync(lock, stale);
  const taken: string[] = [];
  const release = await holdFolder(dir, '--reports', (text) => taken.push(text));
  expect(taken).toEqual([stale]);
  release();
  (await holdFolder(dir, '--reports', (text) => taken.push(text)))();
  expect(taken).toEqual([stale]);
});

test("a dead run's lock handed back (a run stopped before it recorded that run's night): its text and age in place of this run's, which the release then leaves; never over another's lock", async () => {
  const dir = scratchDir();
  const lock = join(dir, FOLDER_LOCK);
  // Another host's, two days old: stale by age only, so its age must come back with it.
  const stale = JSON.stringify({ pid: 1, host: 'another-runner', since: '2026-12-01T02:00:00.000Z' });
  writeFileSync(lock, stale);
  // A fixed time, long past: its milliseconds read back from the file system as …157.999 (a double
  // of nanoseconds), which a Date rounded down to …157, so its age came back a millisecond off.
  const aged = new Date('2026-12-05T06:12:35.158Z');
  utimesSync(lock, aged, aged);
  const age = statSync(lock).mtimeMs;
  expect(Math.abs(age - aged.getTime())).toBeLessThan(1);
  let mtime: number | undefined;
  const release = await holdFolder(dir, '--reports', (_text, mtimeMs) => (mtime = mtimeMs));
  expect(mtime).toBe(age);
  expect(handBackFolder(dir, release.held, stale, mtime)).toBe(true);
  release();
  expect(readFileSync(lock, 'utf8')).toBe(stale);
  expect(Math.abs(statSync(lock).mtimeMs - aged.getTime())).toBeLessThan(1);
  // The next run takes it over again.
  const taken: string[] = [];
  (await holdFolder(dir, '--reports', (text) => taken.push(text)))();
  expect(taken).toEqual([stale]);
  // Not over a lock this process does not hold.
  writeFileSync(lock, holderOf(process.ppid));
  expect(handBackFolder(dir, release.held, stale, mtime)).toBe(false);
  expect(readFileSync(lock, 'utf8')).toBe(holderOf(process.ppid));
});

test("handed back only over the very lock this run took, as its release removes only that one: not over another's naming the same pid and host (a run in another pid namespace on a host of the same name)", async () => {
  const dir = scratchDir();
  const lock = join(dir, FOLDER_LOCK);
  const stale = JSON.stringify({ pid: 1, host: 'another-runner', since: '2026-12-01T02:00:00.000Z' });
  writeFileSync(lock, stale);
  const aged = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
  utimesSync(lock, aged, aged);
  const release = await holdFolder(dir, '--reports');
  const theirs = JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-12-07T01:00:00.000Z' });
  writeFileSync(lock, theirs);
  expect(handBackFolder(dir, release.held, stale, aged.getTime())).toBe(false);
  expect(readFileSync(lock, 'utf8')).toBe(theirs);
  release();
  expect(readFileSync(lock, 'utf8')).toBe(theirs);
});

test("a lock is judged by the real clock, not the caller's faked Date: from a Date set in 2099 another tool's fresh lock is not stale, and the holder's since is now", async () => {
  const dir = scratchDir('zvc-lock-');
  const lock = join(dir, 'other.lock');
  writeFileSync(lock, 'held by another tool');
  // The clock alone faked, as a run from code inside a user's test under jest.useFakeTimers({ now }) has it.
  jest.useFakeTimers({ doNotFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'nextTick', 'queueMicrotask', 'hrtime', 'performance'], now: Date.UTC(2099, 0, 1) });
  let stale: boolean;
  let since: string;
  try {
    stale = isStale(lock, 'held by another tool', 60_000);
    const release = await holdFolder(dir, '--reports', () => undefined);
    since = (JSON.parse(readFileSync(join(dir, FOLDER_LOCK), 'utf8')) as { since: string }).since;
    release();
  } finally {
    jest.useRealTimers();
  }
  expect(stale).toBe(false);
  expect(Date.parse(since)).toBeLessThanOrEqual(Date.now());
});
