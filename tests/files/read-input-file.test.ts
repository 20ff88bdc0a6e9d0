/** Input files are read only when regular, and only up to a bound: a FIFO, a device or an endless file get one reason, never a hang. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputFileError, readInputFile } from '../../src/files/read-input-file';
import { scratchDir } from '../support/scratch-dir';

const reasonOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputFileError);
    return (error as Error).message;
  }
  throw new Error('it was read');
};

test('a regular file within the bound is read whole', () => {
  const file = join(scratchDir(), 'a.json');
  writeFileSync(file, '{"a":1}');
  expect(readInputFile(file).toString('utf8')).toBe('{"a":1}');
});

test('a FIFO is refused before any read (an open would wait for a writer that never comes)', () => {
  const fifo = join(scratchDir(), 'p.json');
  execFileSync('mkfifo', [fifo]);
  expect(reasonOf(() => readInputFile(fifo))).toBe('is a FIFO, not a regular file');
});

test('a device, a folder and a missing file each have their reason', () => {
  expect(reasonOf(() => readInputFile('/dev/zero'))).toBe('is a character device, not a regular file');
  const dir = join(scratchDir(), 'd');
  mkdirSync(dir);
  expect(reasonOf(() => readInputFile(dir, undefined, 'a conformance.json'))).toBe('is a folder, not a conformance.json');
  expect(reasonOf(() => readInputFile(join(dir, 'nothing')))).toBe('no such file');
});

test('a file over the bound is refused, by its size or, when the size says nothing (/proc), as it is read', () => {
  const file = join(scratchDir(), 'big');
  writeFileSync(file, 'x'.repeat(5000));
  expect(reasonOf(() => readInputFile(file, 4096))).toBe('is over the 4 KiB such a file may be');
  // /proc files report size 0: the bound holds while reading.
  expect(reasonOf(() => readInputFile('/proc/self/maps', 16))).toBe('is over the 16 bytes such a file may be');
});
