/** What a run says when its history record could not be appended: the store it was meant for, and why, in words. */
import { readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { appendRun } from '../../src/history/run-history';
import { scratchDir } from '../support/scratch-dir';
import { night, storeText } from './fixtures';

test('a full disk: the line names the store and says "no space left", not Node\'s bare "ENOSPC: …, write"; the store reads as before', async () => {
  const dir = scratchDir('zvc-history-full-');
  const file = join(dir, 'history.jsonl');
  writeFileSync(file, storeText([night(1, '..')]));
  const before = readFileSync(file);
  // The append's write fails half-way, as on a full disk: Node's error then names no file (a write on a descriptor).
  let calls = 0;
  const full = {
    write: (fd: number, data: Uint8Array, offset: number, length: number): number => {
      calls += 1;
      if (calls > 1) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
      return writeSync(fd, data, offset, Math.ceil(length / 2));
    },
  };
  const result = await appendRun({ settings: { file, label: '--history', window: 30 }, records: [] }, night(2, '.F'), undefined, full);
  expect(result).toEqual({ line: `history: this run was NOT appended: ${file}: no space left on the device (ENOSPC)\n`, failed: true });
  expect(readFileSync(file).equals(before)).toBe(true);
  expect(readdirSync(dir)).toEqual(['history.jsonl']);
});

test('an error that is not the file system\'s is said as it is', async () => {
  const file = join(scratchDir('zvc-history-other-'), 'history.jsonl');
  const broken = {
    write: (): number => {
      throw new Error('write returned 0');
    },
  };
  const result = await appendRun({ settings: { file, label: '--history', window: 30 }, records: [] }, night(1, '..'), undefined, broken);
  expect(result).toEqual({ line: 'history: this run was NOT appended: write returned 0\n', failed: true });
});
