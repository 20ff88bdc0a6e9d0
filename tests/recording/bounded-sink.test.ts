/**
 * A record run's entries are held to what a replay reads of a recording: past it nothing more is
 * appended and the overflow is said once, instead of the sink filling the disk and the run dying
 * on a string too long to read back.
 */
import type { Entry } from 'har-format';
import { join } from 'node:path';
import { boundedSink, bytesInRecording, noteOverflow, sinkOverflow } from '../../src/recording/bounded-sink';
import { scratchDir } from '../support/scratch-dir';
import { buildHar, harText } from '../../src/recording/har-file';
import type { ZavuEntry } from '../../src/recording/zavu-fields';

/** An entry of `caseId` whose body is `text`. */
const entry = (caseId: string, text: string): Entry =>
  ({ _zavu: { caseId }, response: { status: 200, content: { size: Buffer.byteLength(text), mimeType: 'application/json', text } } }) as unknown as Entry;

function sinkOf(limitBytes: number) {
  const lines: string[] = [];
  const overflows: string[] = [];
  return { lines, overflows, sink: boundedSink((line) => lines.push(line), (why) => overflows.push(why), limitBytes) };
}

test('entries within the bound are appended as JSON lines, whole, and no overflow is said', () => {
  const { lines, overflows, sink } = sinkOf(10_000);
  sink(entry('op/a', 'x'.repeat(100)));
  sink(entry('op/b', 'x'.repeat(100)));
  expect(lines.map((line) => (JSON.parse(line) as { _zavu: { caseId: string } })._zavu.caseId)).toEqual(['op/a', 'op/b']);
  expect(lines.every((line) => line.endsWith('\n'))).toBe(true);
  expect(overflows).toEqual([]);
});

test('the entry that would pass the bound is not appended, nor any after it, even a small one; the overflow is said once, naming the case, the sizes and the bound', () => {
  const { lines, overflows, sink } = sinkOf(5_000);
  sink(entry('op/a', 'x'.repeat(3_000)));
  sink(entry('op/b', 'x'.repeat(3_000)));
  sink(entry('op/c', 'x'));
  expect(lines).toHaveLength(1);
  expect(overflows).toHaveLength(1);
  // Each size in its own unit: the recording's bytes before the entry, the entry's bytes as the file
  // would hold it (the two passing the bound), and the answer body's own size, which is less.
  const before = bytesInRecording(entry('op/a', 'x'.repeat(3_000)));
  const next = bytesInRecording(entry('op/b', 'x'.repeat(3_000)));
  expect(before + next).toBeGreaterThan(5_000);
  expect(overflows[0]).toBe(`the answers to record came to more than 5000 bytes (${before} bytes of recording before the entry of op/b, which takes ${next} bytes there for an answer body of 3000 bytes), more than a replay reads of a recording`);
  expect(overflows[0]).not.toContain('\n');
});

test('the bound counts bytes as written (UTF-8), not characters', () => {
  const { lines, overflows, sink } = sinkOf(5_000);
  sink(entry('op/a', '日'.repeat(2_000)));
  expect([lines.length, overflows.length]).toEqual([0, 1]);
});

test('the bound counts an entry as its recording file holds it: escaped and indented, not as its JSON line', () => {
  // A zero-width space is 3 bytes in the line and 6 (\u200b) in the file: 256 MiB of lines of them
  // made a file no replay reads, past V8's longest string as it was written.
  const body = '\u200b'.repeat(1_000);
  const { lines, overflows, sink } = sinkOf(Buffer.byteLength(JSON.stringify(entry('op/a', body))) + 1_000);
  sink(entry('op/a', body));
  expect([lines.length, overflows.length]).toEqual([0, 1]);
  const inFile = harText(buildHar([entry('op/a', body) as unknown as ZavuEntry], { skipped: [], sent: ['op/a'], suiteVersion: '0', target: 'http://127.0.0.1:1', recordedAt: '2026-01-01T00:00:00.000Z' }), []);
  expect(Buffer.byteLength(inFile)).toBeGreaterThan(6_000);
});

test('a case id shown in the overflow is escaped: the plan\'s ids may hold configured sender ids', () => {
  const { overflows, sink } = sinkOf(100);
  sink(entry('op/a[\u001b[31mred\u202e]', 'x'.repeat(200)));
  expect(overflows[0]).not.toMatch(/[\u001b\u202e]/);
});

test("a sink's overflow is read back at the end of the run, and only when there was one", () => {
  const sink = join(scratchDir('zvc-sink-'), 'recorded.jsonl');
  expect(sinkOverflow(sink)).toBeUndefined();
  noteOverflow(sink)('the answers to record came to more than 5000 bytes');
  expect(sinkOverflow(sink)).toBe('the answers to record came to more than 5000 bytes');
});
