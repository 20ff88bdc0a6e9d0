/**
 * mkdir -p that ends: each missing folder made once, from the nearest existing one down, and the
 * first refusal thrown with Node's code (what the callers turn into "cannot write there (…)").
 */
import { existsSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileSystemProblem, makeDirs, removeMadeDirs, writeRefusal } from '../../src/files/make-dirs';
import { UnreachableError } from '../../src/model/errors';
import { requireBuilt, runInChild } from '../support/in-child';
import { scratchDir } from '../support/scratch-dir';

const codeOf = (act: () => void): string | undefined => {
  try {
    act();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

test('makes every missing folder of the path, with the mode asked for; a folder already there is fine', () => {
  const dir = scratchDir();
  const deep = join(dir, 'a', 'b', 'c');
  makeDirs(deep, 0o700);
  expect(statSync(deep).isDirectory()).toBe(true);
  expect(statSync(join(dir, 'a')).mode & 0o777).toBe(0o700);
  expect(() => makeDirs(deep)).not.toThrow();
  expect(() => makeDirs(dir)).not.toThrow();
});

test('says which folders it made, and takes back only those, only while they are empty', () => {
  const dir = scratchDir();
  const made = makeDirs(join(dir, 'a', 'b', 'c'));
  expect(made).toEqual([join(dir, 'a'), join(dir, 'a', 'b'), join(dir, 'a', 'b', 'c')]);
  expect(makeDirs(join(dir, 'a', 'b', 'c'))).toEqual([]);
  // Something written into a made folder keeps it, and the folders above it.
  writeFileSync(join(dir, 'a', 'b', 'kept'), 'x');
  removeMadeDirs(made);
  expect(existsSync(join(dir, 'a', 'b', 'c'))).toBe(false);
  expect(existsSync(join(dir, 'a', 'b', 'kept'))).toBe(true);
  // Nothing in them: all gone, the folder that was there before stays.
  const again = makeDirs(join(dir, 'x', 'y'));
  removeMadeDirs(again);
  expect(existsSync(join(dir, 'x'))).toBe(false);
  expect(existsSync(dir)).toBe(true);
});

test('a file in the way: EEXIST for the path itself, ENOTDIR for a folder on the way to it', () => {
  const dir = scratchDir();
  const file = join(dir, 'file');
  writeFileSync(file, 'x');
  expect(codeOf(() => makeDirs(file))).toBe('EEXIST');
  expect(codeOf(() => makeDirs(join(file, 'under')))).toBe('ENOTDIR');
});

test("'..' after a link is read as the kernel reads it (the link target's parent), and a link to nothing is ENOENT", () => {
  const dir = scratchDir();
  mkdirSync(join(dir, 'target', 'inner'), { recursive: true });
  symlinkSync(join(dir, 'target', 'inner'), join(dir, 'link'));
  makeDirs(join(dir, 'link') + '/../made');
  expect(statSync(join(dir, 'target', 'made')).isDirectory()).toBe(true);
  expect(existsSync(join(dir, 'made'))).toBe(false);
  symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
  expect(codeOf(() => makeDirs(join(dir, 'dangling')))).toBe('ENOENT');
  expect(codeOf(() => makeDirs(join(dir, 'dangling', 'sub')))).toBe('ENOENT');
});

test("a parent that exists and refuses children (/proc): ENOENT, where Node's recursive mkdir never returns", () => {
  if (statSync('/proc/self', { throwIfNoEntry: false }) === undefined) return; // not Linux
  // In a child process with a deadline: a loop like Node's would hang this test file, not fail it.
  const child = runInChild(`try { ${requireBuilt('files/make-dirs.js')}.makeDirs('/proc/zvc-no-such/deeper'); } catch (e) { process.stdout.write(String(e.code)); }`);
  expect(child.signal).toBeNull();
  expect(child.stdout).toBe('ENOENT');
});

test('a refusal is said in words beside its code; a code without words stays as it is', () => {
  expect(writeRefusal('EACCES')).toBe('permission denied, EACCES');
  expect(writeRefusal('EROFS')).toBe('read-only file system, EROFS');
  expect(writeRefusal('ENOSPC')).toBe('no space left on the device, ENOSPC');
  // Met only while making where the user said (mkdir -p makes every missing parent): words too, not a bare code.
  expect(writeRefusal('ENOENT')).toBe('the file system there makes no new files or folders (/proc, /sys), or a folder on the way was removed, ENOENT');
  expect(writeRefusal('ENAMETOOLONG')).toBe('a name in the path is too long for the file system, ENAMETOOLONG');
  expect(writeRefusal('ELOOP')).toBe('the path goes round a loop of symbolic links, ELOOP');
  expect(writeRefusal('EIO')).toBe('EIO');
});

test('fileSystemProblem reads no error the suite already classed: a target unreachable with connect EPERM (a firewall) is no file refused', () => {
  // Its NOT RUN line (runner/run-conformance.ts) said "a file: operation not permitted (an immutable or protected file?)".
  const unreachable = new UnreachableError('target http://10.0.0.1:8080 is unreachable (other: EPERM: connect EPERM 10.0.0.1:8080)', 'EPERM');
  expect(fileSystemProblem(unreachable)).toBeUndefined();
  expect(fileSystemProblem(Object.assign(new Error('EPERM: operation not permitted, rename'), { code: 'EPERM', dest: '/r/summary.md' }))).toBe('/r/summary.md: operation not permitted (an immutable or protected file?) (EPERM)');
});
