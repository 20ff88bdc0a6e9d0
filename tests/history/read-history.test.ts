/**
 * The store's refusals as a caller of the package meets them: each names the store as the error's
 * `path` (missing it is an empty store, never refused), with the file system's `code` when that
 * refused it, as a spec's or a recording's are; the line a user reads stays as it was.
 */
import { chmodSync, closeSync, ftruncateSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkStoreEnd } from '../../src/history/append-history';
import { HISTORY_LIMITS, readHistory } from '../../src/history/read-history';
import { requireBuilt } from '../support/in-child';
import { scratchDir } from '../support/scratch-dir';
import { modesRefuse, refusalAsUnprivileged, removeUnprivilegedScratch, unprivilegedScratch } from '../support/unprivileged';
import { thrownUsageError } from '../support/usage-message';
import { night, storeText } from './fixtures';

const store = (): string => join(scratchDir('zvc-read-history-'), 'history.jsonl');

test('a store that is not one to read (a folder, over the size bound): the store as path, no code', () => {
  const folder = store();
  mkdirSync(folder);
  expect(thrownUsageError(() => readHistory(folder))).toMatchObject({ message: `history store ${folder}: is a folder, not a history store`, path: folder });
  const large = store();
  // Sparse: the size is what the bound looks at, so no 64 MiB is written.
  const fd = openSync(large, 'w');
  ftruncateSync(fd, HISTORY_LIMITS.fileBytes + 1);
  closeSync(fd);
  expect(thrownUsageError(() => readHistory(large))).toMatchObject({ path: large });
  for (const file of [folder, large]) expect(thrownUsageError(() => readHistory(file)).code).toBeUndefined();
});

test("a line that is no record, a newer format's, a report given as the store, a last line no append left: the store as path", () => {
  const corrupt = store();
  writeFileSync(corrupt, `${storeText([night(1, '..')])}{"v":1,"run":\n`);
  const newer = store();
  writeFileSync(newer, storeText([night(1, '..'), { ...night(2, '..'), v: 2 }]));
  const report = store();
  writeFileSync(report, `${JSON.stringify({ runInfo: { target: 'x' }, results: [] }, null, 2)}\n`);
  for (const file of [corrupt, newer, report]) {
    const error = thrownUsageError(() => readHistory(file));
    expect(error.message).toMatch(new RegExp(`^history store ${file}( line \\d+)?: `));
    expect(error.path).toBe(file);
    expect(error.code).toBeUndefined();
  }
  const foreignTail = store();
  expect(thrownUsageError(() => checkStoreEnd(foreignTail, `${storeText([night(1, '..')])}hello`))).toMatchObject({ message: expect.stringMatching(/its last line has no newline/) as unknown, path: foreignTail });
});

(modesRefuse ? describe : describe.skip)('a store its reader may not read (a real EACCES, read as a user the modes refuse)', () => {
  let dir: string;
  beforeEach(() => {
    dir = unprivilegedScratch('zvc-history-eacces-');
  });
  afterEach(() => removeUnprivilegedScratch(dir));
  const read = (file: string): string => `${requireBuilt('history/read-history.js')}.readHistory(${JSON.stringify(file)})`;

  test('the file without read permission: permission denied, the store as path and EACCES', () => {
    const file = join(dir, 'history.jsonl');
    writeFileSync(file, storeText([night(1, '..')]));
    chmodSync(file, 0o000);
    expect(refusalAsUnprivileged(read(file), dir)).toEqual({ name: 'UsageError', message: `history store ${file}: permission denied`, path: file, code: 'EACCES', exitCode: 2 });
  });

  test('under a folder without search permission: refused with EACCES, never read as a missing (empty) store', () => {
    mkdirSync(join(dir, 'locked'));
    const file = join(dir, 'locked', 'history.jsonl');
    writeFileSync(file, storeText([night(1, '..')]));
    chmodSync(join(dir, 'locked'), 0o600);
    expect(refusalAsUnprivileged(read(file), dir)).toMatchObject({ name: 'UsageError', message: `history store ${file}: permission denied`, path: file, code: 'EACCES' });
  });
});
