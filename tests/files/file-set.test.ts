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
