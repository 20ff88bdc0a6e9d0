/** What a run says when its history record could not be appended: the store it was meant for, and why, in words. */
import { readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { appendRun } from '../../src/history/run-history';
import { scratchDir } from '../support/scratch-dir';
import type { HistoryRecord } from '../../src/history/history-record';
import { night, nightOf, storeText } from './fixtures';

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

test('a store holding a run stamped ahead of this one by more than clocks differ (a machine\'s clock a day or a year fast) is said after the append: every view takes that run for the newest', async () => {
  const file = join(scratchDir('zvc-history-ahead-'), 'history.jsonl');
  const fast = { ...night(2, '.'), run: { ...night(2, '.').run, startedAt: '2027-11-02T02:00:00.000Z', finishedAt: '2027-11-02T02:01:00.000Z' } };
  const other = { ...fast, run: { ...fast.run, target: 'https://staging.zavu.example', startedAt: '2028-01-01T00:00:00.000Z' } };
  const records = [night(1, '.'), fast, other, night(3, '.')];
  const result = await appendRun({ settings: { file, label: '--history', window: 30 }, records }, night(4, '.'));
  expect(result.failed).toBe(false);
  expect(result.line.split('\n')).toEqual([
    `history: appended to ${file} (4 runs of https://api.zavu.example)`,
    `history: 1 run of https://api.zavu.example in ${file} started more than 30 minutes after this one (the latest at 2027-11-02T02:00:00.000Z): a clock was fast, or this machine's is slow; runs are ordered by their start, so the history command shows that one as the newest, not this (mend its startedAt, or remove its line)`,
    '',
  ]);
  // Minutes ahead is two machines' clocks, not a run from the future: nothing said.
  const near = { ...night(4, '.'), run: { ...night(4, '.').run, startedAt: '2026-11-04T02:20:00.000Z' } };
  const quiet = await appendRun({ settings: { file, label: '--history', window: 30 }, records: [night(1, '.'), near] }, night(4, '.'));
  expect(quiet.line).toBe(`history: appended to ${file} (3 runs of https://api.zavu.example)\n`);
});

test("a write run's line names its series and counts its kind's runs only; a read-only run's, the read-only runs", async () => {
  const file = join(scratchDir('zvc-history-series-'), 'history.jsonl');
  const records = [night(1, '.'), night(2, '.', { writes: true }), night(3, '.')];
  const writes = await appendRun({ settings: { file, label: '--history', window: 30 }, records }, night(4, '.', { writes: true }));
  expect(writes.line).toBe(`history: appended to ${file} (2 runs of https://api.zavu.example with writes)\n`);
  const gate = await appendRun({ settings: { file, label: '--history', window: 30 }, records }, night(4, '.'));
  expect(gate.line).toBe(`history: appended to ${file} (3 runs of https://api.zavu.example)\n`);
});

// The newest the line names is the history command's (history-window's orderKeys), not the fast run's
// own stamp: a run appended after the fast one, minutes before it by its own clock, stands after it.
test("a run appended after the fast one and stamped minutes before it is what the history command shows as the newest: the line names that run, and the fast one's startedAt to mend", async () => {
  const file = join(scratchDir('zvc-history-ahead-after-'), 'history.jsonl');
  const at = (startedAt: string) => ({ ...night(4, '.'), run: { ...night(4, '.').run, startedAt } });
  const fast = at('2026-11-04T02:40:00.000Z');
  const after = at('2026-11-04T02:20:00.000Z');
  const result = await appendRun({ settings: { file, label: '--history', window: 30 }, records: [night(1, '.'), fast, after] }, night(4, '.'));
  expect(result.line.split('\n')[1]).toBe(
    `history: 1 run of https://api.zavu.example in ${file} started more than 30 minutes after this one (the latest at 2026-11-04T02:40:00.000Z): a clock was fast, or this machine's is slow; runs are ordered by their start, so the history command shows the run started at 2026-11-04T02:20:00.000Z (appended after that one) as the newest, not this (mend that one's startedAt, or remove its line)`,
  );
});

test('an unfinished record cut from the store\'s end (a run killed while appending) is said, not dropped in silence', async () => {
  const file = join(scratchDir('zvc-history-torn-'), 'history.jsonl');
  const torn = JSON.stringify(night(2, 'FF')).slice(0, 40);
  writeFileSync(file, `${storeText([night(1, '..')])}${torn}`);
  const result = await appendRun({ settings: { file, label: '--history', window: 30 }, records: [night(1, '..')] }, night(3, '.'));
  expect(result.failed).toBe(false);
  expect(result.line).toContain(`history: cut an unfinished record (40 bytes, no newline) from the end of ${file}: a run killed while appending it; that night is not in the store\n`);
  expect(readFileSync(file, 'utf8')).toBe(storeText([night(1, '..'), night(3, '.')]));
  // A store that ends whole says nothing of it.
  const quiet = await appendRun({ settings: { file, label: '--history', window: 30 }, records: [night(1, '..'), night(3, '.')] }, night(4, '.'));
  expect(quiet.line).not.toContain('unfinished');
});

// The store's path is the user's, but a line quoting it goes to a terminal and a CI log: a newline
// or a bidi override in a folder name must not start a line of its own or reorder the text.
test('a store path with a newline, an escape and a bidi override is shown escaped in the "appended to" and "cut an unfinished record" lines', async () => {
  const dir = scratchDir('zvc-history-inert-');
  const file = join(dir, 'a\nhistory: \u001b[2Jforged \u202eevil.jsonl');
  writeFileSync(file, `${storeText([night(1, '..')])}${JSON.stringify(night(2, 'FF')).slice(0, 40)}`);
  const result = await appendRun({ settings: { file, label: '--history', window: 30 }, records: [night(1, '..')] }, night(3, '.'));
  expect(result.failed).toBe(false);
  const shown = 'a\\nhistory: \\u001b[2Jforged \\u202eevil.jsonl';
  expect(result.line).toContain(`history: appended to ${join(dir, shown)} (2 runs`);
  expect(result.line).toContain(`from the end of ${join(dir, shown)}: a run killed`);
  expect(result.line).not.toMatch(/[\u001b\u202e]/u);
  expect(result.line.split('\n')).toHaveLength(3);
});

// A replay's target is "replay of <the recording's target> from <its files' paths>": a recording's
// own bytes and the user's folder names, quoted in the history lines as the store's path is.
test('a target with a newline, an escape and a bidi override (a replay of a recording from such a folder) is shown escaped in the "appended to", "already in" and "as not run" lines', async () => {
  const file = join(scratchDir('zvc-history-target-'), 'history.jsonl');
  const target = 'replay of http://127.0.0.1:1 from rec/a\nhistory: \u001b[2Jforged \u202eevil.har';
  const shown = 'replay of http://127.0.0.1:1 from rec/a\\nhistory: \\u001b[2Jforged \\u202eevil.har';
  const settings = { file, label: '--history', window: 30 };
  const appended = await appendRun({ settings, records: [night(1, '..', { target })] }, night(2, '.', { target }));
  expect(appended.line).toBe(`history: appended to ${file} (2 runs of ${shown})\n`);
  const again = await appendRun({ settings, records: [night(2, '.', { target })] }, night(2, '.', { target }));
  expect(again.line).toBe(`history: this run (${shown}, started ${nightOf(2)}) is already in ${file}: not appended again\n`);
  const stopped: HistoryRecord = { ...night(3, '', { target }), stopped: { exitCode: 2, reason: 'the target was unreachable' } };
  const gap = await appendRun({ settings, records: [] }, stopped);
  expect(gap.line).toContain(`as not run (exit 2): a gap in the trends of ${shown}\n`);
  for (const line of [appended.line, again.line, gap.line]) expect(line).not.toMatch(/[\u001b\u202e]/u);
});
