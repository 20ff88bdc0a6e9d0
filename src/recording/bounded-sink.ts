/**
 * A record run's entries, appended as JSON lines, held to what a replay reads of a recording
 * (INPUT_FILE_LIMIT). Every answer is recorded whole, so a replay judges what the live run did;
 * a target answering dozens of requests with bodies near --max-body-bytes made the sink grow to
 * gigabytes on disk, and the run, having judged every case, ended in an internal error ("Cannot
 * create a string longer than 0x1fffffe8 characters") reading it back, with no verdict kept. Past
 * the bound no recording could be replayed anyway: nothing more is appended, the live run goes on
 * to its verdict, and the recording is refused at its end (finish-recording.ts) in one line.
 */
import type { Entry } from 'har-format';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { INPUT_FILE_LIMIT } from '../files/read-input-file';
import { excerpt } from '../text/plain-text';

/** What a message says of the case an entry is of: the suite's own id, bounded whatever the plan put in it. */
const CASE_ID_CHARS = 200;

function caseOf(entry: Entry): string {
  const caseId = (entry as Entry & { _zavu?: { caseId?: unknown } })._zavu?.caseId;
  return typeof caseId === 'string' ? excerpt(caseId, CASE_ID_CHARS) : 'a case';
}

/**
 * Appends each entry as one JSON line through `append` while the lines fit in `limitBytes` in all;
 * the first that does not is not appended, `overflow` is told why (once), and nothing more is appended.
 */
export function boundedSink(append: (line: string) => void, overflow: (why: string) => void, limitBytes: number = INPUT_FILE_LIMIT): (entry: Entry) => void {
  let written = 0;
  let full = false;
  return (entry) => {
    if (full) return;
    const line = `${JSON.stringify(entry)}\n`;
    const bytes = Buffer.byteLength(line);
    if (written + bytes > limitBytes) {
      full = true;
      overflow(`the answers to record came to more than ${limitBytes} bytes (${written} before the answer of ${entry.response.content.size} bytes to ${caseOf(entry)}), more than a replay reads of a recording`);
      return;
    }
    append(line);
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
