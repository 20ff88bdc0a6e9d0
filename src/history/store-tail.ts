/**
 * What a store's last line is when it has no newline. Appends write a record and its newline in
 * one write, so a final line without one is either an append caught half-way (a reader racing
 * it, or a writer killed mid-write: torn, never a record) or a hand edit that dropped the last
 * newline. Readers ignore it; the next writer, holding the lock, mends it: a complete record gets
 * its newline, a torn one (a prefix of a record's line, `{"v":` on) is cut away (its run never
 * finished its append), and anything else is refused rather than cut, since no append could have left it.
 */
import { parseRecord } from './parse-record';

export type TailVerdict = { kind: 'none' } | { kind: 'complete' } | { kind: 'torn' } | { kind: 'foreign'; problem: string };

/** True for a final line that an append could be writing: records start with '{'. */
export function mayBeAppend(tail: string): boolean {
  return tail.trimStart().startsWith('{');
}

/** How every record's line begins: appendRecord writes JSON.stringify of a record, its `v` first (history-record.ts). */
const RECORD_START = '{"v":';

/** True for text an append of a record could have left: a prefix of RECORD_START, or text beginning with it. */
function startsLikeRecord(tail: string): boolean {
  return tail.startsWith(RECORD_START) || RECORD_START.startsWith(tail);
}

/** Judges `tail`, the text after the store's last newline (the whole store when it has none). */
export function judgeTail(tail: string, maxCases: number): TailVerdict {
  if (tail.trim() === '') return { kind: 'none' };
  if (!mayBeAppend(tail)) return { kind: 'foreign', problem: 'it does not start like a record' };
  let value: unknown;
  try {
    value = JSON.parse(tail);
  } catch {
    // A strict prefix of a JSON object is never valid JSON: this is what a torn append leaves, and
    // every record's line begins with its version. Any other text cut short (a HAR downloaded half
    // way, given as the store) is no append's, and cutting it away lost the user's file.
    return startsLikeRecord(tail) ? { kind: 'torn' } : { kind: 'foreign', problem: 'it is cut short, and no record starts so' };
  }
  const parsed = parseRecord(value, maxCases);
  if ('record' in parsed) return { kind: 'complete' };
  return { kind: 'foreign', problem: 'newerVersion' in parsed ? `written in history format version ${parsed.newerVersion}` : parsed.problem };
}
