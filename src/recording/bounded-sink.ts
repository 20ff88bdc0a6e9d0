/**
 * A record run's entries, appended as JSON lines, held to what a replay reads of a recording
 * (INPUT_FILE_LIMIT). Every answer is recorded whole, so a replay judges what the live run did;
 * a target answering dozens of requests with bodies near --max-body-bytes made the sink grow to
 * gigabytes on disk, and the run, having judged every case, ended in an internal error ("Cannot
 * create a string longer than 0x1fffffe8 characters") reading it back, with no verdict kept. Past
 * the bound no recording could be replayed anyway: nothing more is appended, the live run goes on
 * to its verdict, and the recording is refused at its end (finish-recording.ts) in one line.
 * Counted as the recording file holds each entry, escaped and indented: counted as JSON lines, a
 * sink of zero-width spaces within the bound made a file twice past it.
 */
import type { Entry } from 'har-format';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { INPUT_FILE_LIMIT } from '../files/read-input-file';
import { excerpt, inertJson } from '../text/plain-text';

/** What a message says of the case an entry is of: the suite's own id, bounded whatever the plan put in it. */
const CASE_ID_CHARS = 200;

function caseOf(entry: Entry): string {
  const caseId = (entry as Entry & { _zavu?: { caseId?: unknown } })._zavu?.caseId;
  return typeof caseId === 'string' ? excerpt(caseId, CASE_ID_CHARS) : 'a case';
}

/** How deep an entry sits in its recording file (log, entries, the entry): each of its lines is indented by this much more. */
const ENTRY_INDENT = '      '.length;

/**
 * The bytes an entry takes in its recording file, as harText writes it: indented, and with every
 * character inertJson escapes written as its escape (a zero-width space's 3 bytes are 6 there, a tag
 * character's 4 are 12), so the sink's bound is the file's, not the shorter JSON line's.
 */
export function bytesInRecording(entry: Entry): number {
  const text = inertJson(JSON.stringify(entry, null, 2));
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1;
  // ",\n" after it in the entries list.
  return Buffer.byteLength(text) + ENTRY_INDENT * lines + 2;
}

/**
 * Appends each entry as one JSON line through `append` while the entries fit in `limitBytes` in all,
 * counted as their recording file holds them (bytesInRecording); the first that does not is not
 * appended, `overflow` is told why (once), and nothing more is appended.
 */
export function boundedSink(append: (line: string) => void, overflow: (why: string) => void, limitBytes: number = INPUT_FILE_LIMIT): (entry: Entry) => void {
  let written = 0;
  let full = false;
  return (entry) => {
    if (full) return;
    const bytes = bytesInRecording(entry);
    if (written + bytes > limitBytes) {
      full = true;
      // Three sizes, each said in its own unit: the recording file's bytes so far, the entry's bytes
      // there (escaped and indented, so more than its answer), and the answer body's own size.
      overflow(`the answers to record came to more than ${limitBytes} bytes (${written} bytes of recording before the entry of ${caseOf(entry)}, which takes ${bytes} bytes there for an answer body of ${entry.response.content.size} bytes), more than a replay reads of a recording`);
      return;
    }
    append(`${JSON.stringify(entry)}\n`);
    written += bytes;
  };
}

/** Where a sink's overflow is noted: beside the sink, in the run's own work folder. */
const overflowFile = (sink: string): string => `${sink}.overflow`;

/** A boundedSink's `overflow` for the sink file `sink`. */
export const noteOverflow =
  (sink: string) =>
  (why: string): void =>
    writeFileSync(overflowFile(sink), why);

/** Why the sink file `sink` stopped taking entries, or undefined when it took them all. */
export function sinkOverflow(sink: string): string | undefined {
  const file = overflowFile(sink);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}
