/**
 * readJsonFile's refusals (a baseline, a shard's report, a data file): one line naming the file,
 * and the file as `path` with the file system's `code` when it refused it, as a spec's or a
 * recording's are, for a caller of the package that acts on them without reading the line.
 */
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile } from '../../src/files/read-json-file';
import { UsageError } from '../../src/model/errors';
import { scratchDir } from '../support/scratch-dir';
import { modesRefuse, refusalAsUnprivileged, removeUnprivilegedScratch, unprivilegedScratch } from '../support/unprivileged';
import { requireBuilt } from '../support/in-child';

function refusal(file: string): UsageError {
  try {
    readJsonFile(file, '--baseline', 'a conformance.json');
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('readJsonFile did not throw');
}

test('a missing file: its path and ENOENT, the line as before', () => {
  const file = join(scratchDir(), 'gone.json');
  expect(refusal(file)).toMatchObject({ message: `--baseline ${file}: no such file`, path: file, code: 'ENOENT' });
});

test('a symbolic link to nothing: said as one, with its path and ENOENT', () => {
  const dir = scratchDir();
  const link = join(dir, 'link.json');
  symlinkSync(join(dir, 'nowhere.json'), link);
  expect(refusal(link)).toMatchObject({ message: `--baseline ${link}: is a symbolic link to ${join(dir, 'nowhere.json')}, which does not exist`, path: link, code: 'ENOENT' });
});

test('a part of its path a file (ENOTDIR): its path and that code', () => {
  const dir = scratchDir();
  writeFileSync(join(dir, 'plain'), 'x');
  const file = join(dir, 'plain', 'conformance.json');
  expect(refusal(file)).toMatchObject({ path: file, code: 'ENOTDIR' });
});

test('a folder, a file of whitespace, not JSON: its path, and no code (the file system refused nothing)', () => {
  const dir = scratchDir();
  const folder = join(dir, 'folder.json');
  mkdirSync(folder);
  const blank = join(dir, 'blank.json');
  writeFileSync(blank, '  \n');
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{"a": x}');
  expect(refusal(folder)).toMatchObject({ message: `--baseline ${folder}: is a folder, not a conformance.json`, path: folder });
  expect(refusal(blank)).toMatchObject({ message: `--baseline ${blank}: holds no JSON: only whitespace (3 bytes)`, path: blank });
  expect(refusal(broken)).toMatchObject({ message: `--baseline ${broken}: not JSON at line 1 column 7 (offset 6): Unexpected token 'x'`, path: broken });
  for (const file of [folder, blank, broken]) expect(refusal(file).code).toBeUndefined();
});

(modesRefuse ? test : test.skip)('a file its reader may not read (mode 000, a real EACCES): permission denied, its path and EACCES', () => {
  const dir = unprivilegedScratch('zvc-json-eacces-');
  try {
    const file = join(dir, 'conformance.json');
    writeFileSync(file, '{}');
    chmodSync(file, 0o000);
    const thrown = refusalAsUnprivileged(`${requireBuilt('files/read-json-file.js')}.readJsonFile(${JSON.stringify(file)}, '--baseline', 'a conformance.json')`, dir);
    expect(thrown).toEqual({ name: 'UsageError', message: `--baseline ${file}: permission denied`, path: file, code: 'EACCES', exitCode: 2 });
  } finally {
    removeUnprivilegedScratch(dir);
  }
});
