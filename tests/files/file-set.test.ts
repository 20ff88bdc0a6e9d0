/** A set of files written all or none (file-set.ts): what a record run's recording and the generated schemas go through. */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSetSync } from '../../src/files/file-set';
import { scratchDir } from '../support/scratch-dir';

test('a file of the set that cannot be written (a full disk) leaves every file of the set as it was, and no temp file', () => {
  const dir = scratchDir('zvc-file-set-');
  writeFileSync(join(dir, 'a.har'), 'old a');
  let writes = 0;
  const io = {
    writeFileSync: (fd: number, data: string | Uint8Array) => {
      writes += 1;
      if (writes === 2) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      writeFileSync(fd, data);
    },
    renameSync: (from: string, to: string) => renameSync(from, to),
  };
  expect(() => writeFileSetSync([{ target: join(dir, 'a.har'), data: 'new a' }, { target: join(dir, 'b.har'), data: 'new b' }], 'recordings', undefined, io)).toThrow(/ENOSPC/);
  expect(readdirSync(dir)).toEqual(['a.har']);
  expect(readFileSync(join(dir, 'a.har'), 'utf8')).toBe('old a');
});

test('a folder where a file of the set goes is refused before any file of the set changes', () => {
  const dir = scratchDir('zvc-file-set-');
  writeFileSync(join(dir, 'a.har'), 'old a');
  mkdirSync(join(dir, 'b.har'));
  writeFileSync(join(dir, 'b.har', 'kept'), '');
  expect(() => writeFileSetSync([{ target: join(dir, 'a.har'), data: 'new a' }, { target: join(dir, 'b.har'), data: 'new b' }], 'recordings')).toThrow(/EISDIR/);
  expect(readFileSync(join(dir, 'a.har'), 'utf8')).toBe('old a');
  expect(readdirSync(dir).sort()).toEqual(['a.har', 'b.har']);
});

test('a rename refused part-way puts back the files renamed before it (an old one restored, a new one removed), and leaves no temp file or kept-aside copy', () => {
  const dir = scratchDir('zvc-file-set-');
  writeFileSync(join(dir, 'a.har'), 'old a');
  // The refusal comes at the last rename, after a.har and b.har (new to the folder) are in.
  const io = {
    writeFileSync: (fd: number, data: string | Uint8Array) => writeFileSync(fd, data),
    renameSync: (from: string, to: string) => {
      if (to.endsWith('c.har')) throw Object.assign(new Error(`EACCES: permission denied, rename '${from}' -> '${to}'`), { code: 'EACCES' });
      renameSync(from, to);
    },
  };
  const files = ['a', 'b', 'c'].map((name) => ({ target: join(dir, `${name}.har`), data: `new ${name}` }));
  expect(() => writeFileSetSync(files, 'recordings', undefined, io)).toThrow(/EACCES/);
  // Renamed one by one without putting back, a.har would be the new set's beside nothing of the old.
  expect(readdirSync(dir)).toEqual(['a.har']);
  expect(readFileSync(join(dir, 'a.har'), 'utf8')).toBe('old a');
});
