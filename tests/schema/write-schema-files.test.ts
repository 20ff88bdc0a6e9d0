/** Writing schema files: atomic, idempotent, and stale generated files removed (only those). */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../src/model/errors';
import { writeSchemaFiles } from '../../src/schema/write-schema-files';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zavu-schemas-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = (id: string): string => `${JSON.stringify({ $id: id, type: 'string' }, null, 2)}\n`;

it('creates the folder and writes every file, leaving no temporary file behind', () => {
  const out = join(dir, 'nested', 'components');
  const summary = writeSchemaFiles(out, { 'A.json': file('A.json'), 'B.json': file('B.json') });
  expect(summary).toEqual({ written: ['A.json', 'B.json'], unchanged: [], removed: [], kept: [] });
  expect(readdirSync(out).sort()).toEqual(['A.json', 'B.json']);
  expect(readFileSync(join(out, 'A.json'), 'utf8')).toBe(file('A.json'));
});

it('does not rewrite identical files and rewrites changed ones', () => {
  writeSchemaFiles(dir, { 'A.json': file('A.json'), 'B.json': file('B.json') });
  const summary = writeSchemaFiles(dir, { 'A.json': file('A.json'), 'B.json': `${file('B.json')} ` });
  expect(summary.unchanged).toEqual(['A.json']);
  expect(summary.written).toEqual(['B.json']);
});

it('removes stale generated schemas, keeps foreign .json and non-.json files', () => {
  writeFileSync(join(dir, 'Gone.json'), file('Gone.json'));
  writeFileSync(join(dir, 'package.json'), '{"name":"not ours"}');
  writeFileSync(join(dir, 'README.md'), 'notes');
  const summary = writeSchemaFiles(dir, { 'A.json': file('A.json') });
  expect(summary.removed).toEqual(['Gone.json']);
  expect(summary.kept).toEqual(['package.json']);
  expect(existsSync(join(dir, 'Gone.json'))).toBe(false);
  expect(readdirSync(dir).sort()).toEqual(['A.json', 'README.md', 'package.json']);
});

it('a folder that cannot be created is a one-line UsageError naming it', () => {
  writeFileSync(join(dir, 'blocker'), 'a file where a folder should be');
  const target = join(dir, 'blocker', 'components');
  expect(() => writeSchemaFiles(target, { 'A.json': file('A.json') })).toThrow(UsageError);
  expect(() => writeSchemaFiles(target, { 'A.json': file('A.json') })).toThrow(`cannot write ${target}: it, or a folder above it, is a file, not a folder`);
  expect(() => writeSchemaFiles(join(dir, 'blocker'), { 'A.json': file('A.json') })).toThrow(`cannot write ${join(dir, 'blocker')}: it, or a folder above it, is a file, not a folder`);
});

it('a write that fails keeps the previous file, leaves no temporary file, and says which file', () => {
  writeSchemaFiles(dir, { 'A.json': file('A.json') });
  const failing = { writeFileSync: () => { throw Object.assign(new Error('simulated'), { code: 'ENOSPC' }); }, renameSync: () => undefined };
  expect(() => writeSchemaFiles(dir, { 'A.json': `${file('A.json')} ` }, failing)).toThrow(`cannot write ${join(dir, 'A.json')} (no space left on the device, ENOSPC)`);
  expect(readFileSync(join(dir, 'A.json'), 'utf8')).toBe(file('A.json'));
  expect(readdirSync(dir)).toEqual(['A.json']);
});

it('a disk full at the Nth file changes no file: every temp file is written before any is renamed, and none is left', () => {
  const names = ['A.json', 'B.json', 'C.json', 'D.json', 'E.json'];
  const old = Object.fromEntries(names.map((name) => [name, file(name)]));
  writeSchemaFiles(dir, old);
  const changed = Object.fromEntries(names.map((name) => [name, `${file(name)} `]));
  let writes = 0;
  const failingThird = {
    writeFileSync: (fd: number, data: string | Uint8Array) => {
      writes += 1;
      if (writes === 3) throw Object.assign(new Error('simulated'), { code: 'ENOSPC' });
      writeFileSync(fd, data);
    },
    renameSync: (from: string, to: string) => renameSync(from, to),
  };
  expect(() => writeSchemaFiles(dir, changed, failingThird)).toThrow(new UsageError(`cannot write ${join(dir, 'C.json')} (no space left on the device, ENOSPC)`));
  for (const name of names) expect(readFileSync(join(dir, name), 'utf8')).toBe(old[name]);
  expect(readdirSync(dir).sort()).toEqual(names);
  // The same set written again with room on the disk: every file changes.
  expect(writeSchemaFiles(dir, changed).written).toEqual(names);
});

it('an --out that is a symbolic link to nothing is said as one, naming where it points (not a bare ENOENT); nothing is made through it', () => {
  const link = join(dir, 'components');
  symlinkSync(join(dir, 'gone'), link);
  expect(() => writeSchemaFiles(link, { 'A.json': file('A.json') })).toThrow(new UsageError(`cannot write ${link} (it is a symbolic link to ${join(dir, 'gone')}, which does not exist)`));
  expect(existsSync(join(dir, 'gone'))).toBe(false);
});

it('removes the temp files a `schemas` run killed mid-write left behind (its process gone), of a schema since removed too; a live writer\'s stay', () => {
  // SIGINT or SIGTERM to `schemas` (no handler: Node's default ends the process at once) between a
  // temp file's write and its rename leaves it; 4194399 is above Linux's pid_max, so no process has it.
  const orphans = ['.A.json.4194399.a1b2c3d4e5f6.tmp', '.Gone.json.4194399.0123456789ab.tmp'];
  const live = `.B.json.${process.pid}.a1b2c3d4e5f6.tmp`;
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (const name of [...orphans, live]) {
    writeFileSync(join(dir, name), '{"$id":');
    utimesSync(join(dir, name), hourAgo, hourAgo);
  }
  writeSchemaFiles(dir, { 'A.json': file('A.json') });
  expect(readdirSync(dir).sort()).toEqual([live, 'A.json'].sort());
});

it('a rename refused at the Nth file puts back the files renamed before it: the old set whole, a file that was new removed, nothing left aside', () => {
  const names = ['A.json', 'B.json', 'C.json', 'D.json', 'E.json'];
  const old = Object.fromEntries(names.slice(0, 4).map((name) => [name, file(name)]));
  writeSchemaFiles(dir, old);
  // E.json is new: the run that fails must not leave it either.
  const changed = Object.fromEntries(names.map((name) => [name, `${file(name)} `]));
  let renames = 0;
  const refusingThird = {
    writeFileSync: (fd: number, data: string | Uint8Array) => writeFileSync(fd, data),
    renameSync: (from: string, to: string) => {
      renames += 1;
      if (renames === 3) throw Object.assign(new Error('simulated'), { code: 'EACCES', path: from, dest: to });
      renameSync(from, to);
    },
  };
  expect(() => writeSchemaFiles(dir, changed, refusingThird)).toThrow(new UsageError(`cannot write ${join(dir, 'C.json')} (permission denied, EACCES)`));
  for (const name of names.slice(0, 4)) expect(readFileSync(join(dir, name), 'utf8')).toBe(old[name]);
  expect(readdirSync(dir).sort()).toEqual(names.slice(0, 4));
  expect(writeSchemaFiles(dir, changed).written).toEqual(names);
});

it('a folder where a schema file goes (EISDIR on its rename) changes no file and leaves nothing aside', () => {
  const names = ['A.json', 'B.json', 'C.json', 'D.json'];
  const old = Object.fromEntries(names.filter((name) => name !== 'C.json').map((name) => [name, file(name)]));
  writeSchemaFiles(dir, old);
  mkdirSync(join(dir, 'C.json'));
  const changed = Object.fromEntries(names.map((name) => [name, `${file(name)} `]));
  expect(() => writeSchemaFiles(dir, changed)).toThrow(new UsageError(`cannot write ${join(dir, 'C.json')}: it is a folder, not a file`));
  for (const name of Object.keys(old)) expect(readFileSync(join(dir, name), 'utf8')).toBe(old[name]);
  expect(readdirSync(dir).sort()).toEqual(names);
});
