/** Input files are read only when regular, and only up to a bound: a FIFO, a device or an endless file get one reason, never a hang. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputFileError, readInputFile, readInputHead } from '../../src/files/read-input-file';
import { readJsonFile } from '../../src/files/read-json-file';
import { requireBuilt, runInChild } from '../support/in-child';
import { scratchDir } from '../support/scratch-dir';
import { thrownMessage } from '../support/thrown-message';

const reasonOf = (run: () => unknown): string => thrownMessage(run, InputFileError, 'it was read');

test('a regular file within the bound is read whole', () => {
  const file = join(scratchDir(), 'a.json');
  writeFileSync(file, '{"a":1}');
  expect(readInputFile(file).toString('utf8')).toBe('{"a":1}');
});

/** The reason reading `file` gives, read in a process of its own: a read that blocked would hang the test worker. */
function reasonInChild(file: string): string {
  const child = runInChild(`try { ${requireBuilt('files/read-input-file.js')}.readInputFile(${JSON.stringify(file)}); process.stdout.write('it was read'); } catch (e) { process.stdout.write(e.message); }`);
  expect(child.signal).toBeNull();
  return child.stdout;
}

test('a FIFO is refused before any read (an open would wait for a writer that never comes)', () => {
  const fifo = join(scratchDir(), 'p.json');
  execFileSync('mkfifo', [fifo]);
  expect(reasonInChild(fifo)).toBe('is a FIFO, not a regular file');
});

test('a device, a folder and a missing file each have their reason, and a refusal of the file system its code', () => {
  // /dev/zero read would fill the memory until the process aborted.
  expect(reasonInChild('/dev/zero')).toBe('is a character device, not a regular file');
  const dir = join(scratchDir(), 'd');
  mkdirSync(dir);
  expect(reasonOf(() => readInputFile(dir, undefined, 'a conformance.json'))).toBe('is a folder, not a conformance.json');
  expect(reasonOf(() => readInputFile(join(dir, 'nothing')))).toBe('no such file');
  // The code says what the words say, for callers that must tell a missing file from others.
  const codeOf = (file: string): string | undefined => {
    try {
      readInputFile(file);
    } catch (error) {
      return (error as InputFileError).code;
    }
    return 'read';
  };
  expect(codeOf(join(dir, 'nothing'))).toBe('ENOENT');
  expect(codeOf(dir)).toBeUndefined();
});

test('a file over the bound is refused, by its size or, when the size says nothing (/proc), as it is read', () => {
  const file = join(scratchDir(), 'big');
  writeFileSync(file, 'x'.repeat(5000));
  expect(reasonOf(() => readInputFile(file, 4096))).toBe('is over the 4 KiB such a file may be');
  // /proc files report size 0: the bound holds while reading.
  expect(reasonOf(() => readInputFile('/proc/self/maps', 16))).toBe('is over the 16 bytes such a file may be');
});

test('a symbolic link to nothing is said as one, naming where it points: "no such file" would send the user looking for the link', () => {
  const dir = scratchDir();
  const link = join(dir, 'baseline.json');
  symlinkSync(join(dir, 'gone.json'), link);
  expect(reasonOf(() => readInputFile(link))).toBe(`is a symbolic link to ${join(dir, 'gone.json')}, which does not exist`);
  expect(reasonOf(() => readInputFile(join(dir, 'missing.json')))).toBe('no such file');
});

test('a JSON file of whitespace alone is refused as holding no JSON, chunk by chunk (not kept whole to be parsed)', () => {
  const dir = scratchDir();
  const blank = join(dir, 'blank.json');
  // Over one chunk (1 MiB) of spaces and line breaks.
  writeFileSync(blank, ' \n\t\r'.repeat(700_000));
  expect(reasonOf(() => readInputFile(blank, undefined, 'a conformance.json', { json: true }))).toBe('holds no JSON: only whitespace (2.7 MiB)');
  expect(() => readJsonFile(blank, '--baseline', 'a conformance.json')).toThrow(`--baseline ${blank}: holds no JSON: only whitespace (2.7 MiB)`);
  // Without `json` it is any file's bytes.
  expect(readInputFile(blank)).toHaveLength(2_800_000);
});

test("whitespace before the JSON is the file's all the same: the text whole, a JSON error's line and column those of the file", () => {
  const dir = scratchDir();
  const file = join(dir, 'late.json');
  const lead = `${' '.repeat(1024 * 1024 + 5)}\n\n`;
  writeFileSync(file, `${lead}  {"a":`);
  expect(readInputFile(file, undefined, 'a conformance.json', { json: true }).toString('utf8')).toBe(`${lead}  {"a":`);
  expect(() => readJsonFile(file, '--baseline', 'a conformance.json')).toThrow(/^--baseline \S+late\.json: not JSON at line 3 column 8 /);
  // An empty file is no whitespace: JSON's own words, as before.
  const empty = join(dir, 'empty.json');
  writeFileSync(empty, '');
  expect(() => readJsonFile(empty, '--baseline', 'a conformance.json')).toThrow(/not JSON at line 1 column 1 \(offset 0\)/);
});

describe('readInputHead: the head of a file of which only the head is wanted', () => {
  const headInChild = (file: string): string => {
    const child = runInChild(`try { process.stdout.write(${requireBuilt('files/read-input-file.js')}.readInputHead(${JSON.stringify(file)}, 16).toString('utf8')); } catch (e) { process.stdout.write('refused: ' + e.message); }`);
    expect(child.signal).toBeNull();
    return child.stdout;
  };

  test('reads at most the bound, however large the file (sparse: 3 GiB of nothing after its head), and a short one whole', () => {
    const dir = scratchDir();
    const big = join(dir, 'big.md');
    writeFileSync(big, '# heading\nsecond line\n');
    truncateSync(big, 3 * 1024 ** 3);
    expect(readInputHead(big, 16).toString('utf8')).toBe('# heading\nsecond');
    const small = join(dir, 'small.md');
    writeFileSync(small, 'short');
    expect(readInputHead(small, 16).toString('utf8')).toBe('short');
  });

  test('a FIFO, a device and a folder are refused as readInputFile refuses them, never read', () => {
    const dir = scratchDir();
    const fifo = join(dir, 'summary.md');
    execFileSync('mkfifo', [fifo]);
    expect(headInChild(fifo)).toBe('refused: is a FIFO, not a regular file');
    expect(headInChild('/dev/zero')).toBe('refused: is a character device, not a regular file');
    expect(reasonOf(() => readInputHead(dir, 16, 'a summary'))).toBe('is a folder, not a summary');
  });
});
