/**
 * Reading the history store: a JSON-lines file, one run per line. Everything read is bounded (a
 * store is a file anyone could have put in the CI cache): the file's size, each line's length, the
 * number of records and of cases per record. A line that is not a record stops the run with one
 * line naming the file and the line number (exit 2); a missing file is an empty store. A last line
 * without its newline that starts like a record is an append in progress or torn by a crash: it
 * is not (yet) a record, and not an error (store-tail.ts).
 */
import { jsonReportOf } from '../report/report-files';
import { statSync } from 'node:fs';
import { readInputFile } from '../files/read-input-file';
import { UsageError } from '../model/errors';
import { HISTORY_FORMAT_VERSION, type HistoryRecord } from './history-record';
import { parseRecord } from './parse-record';
import { mayBeAppend } from './store-tail';

/** The bounds of what is read; README "History" documents them. */
export const HISTORY_LIMITS = {
  /** 64 MiB: over ten years of nightly runs of a few hundred cases. */
  fileBytes: 64 * 1024 * 1024,
  /** 2 MiB per line: a run of 10 000 cases fits. */
  lineChars: 2 * 1024 * 1024,
  records: 20_000,
  casesPerRecord: 10_000,
} as const;

/** A record with where it stands in the file, and its text as written (prune keeps it byte for byte). */
export interface StoredRecord {
  record: HistoryRecord;
  line: number;
  text: string;
}

/** The refusal of a store over the size bound, for readers and writers alike. */
export function storeTooLarge(file: string, size: number): UsageError {
  return new UsageError(`history store ${file} is ${size} bytes, over the ${HISTORY_LIMITS.fileBytes}-byte bound: prune it (zavu-conformance history --history ${file} --prune-keep N)`);
}

/** The store's text, '' when there is none yet; refused beyond the size bound. */
export function readStoreText(file: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new UsageError(`history store ${file}: cannot read it (${(error as Error).message})`);
  }
  if (size > HISTORY_LIMITS.fileBytes) throw storeTooLarge(file, size);
  try {
    // Regular files only, bounded as read (a FIFO would block, /dev/zero's size is 0); a BOM an editor added is no record.
    return readInputFile(file, HISTORY_LIMITS.fileBytes, 'a history store').toString('utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new UsageError(`history store ${file}: ${(error as Error).message}`);
  }
}

/**
 * Parses the store's text; `file` names it in errors. Blank lines are allowed and skipped; so is a
 * last line without its newline that starts like a record (an append not finished, or torn).
 */
export function parseStore(text: string, file: string): StoredRecord[] {
  // A report of a run, given where the store goes, would only read "line 1: not JSON".
  if (jsonReportOf(text) !== undefined) {
    throw new UsageError(`history store ${file}: a report of one run (conformance.json or certificate.json), not a history store: --history takes the JSON-lines file runs append to (e.g. .zavu/history.jsonl; a missing file is an empty store)`);
  }
  const out: StoredRecord[] = [];
  const lines = text.split('\n');
  // split leaves the text after the last newline as the last element ('' when the text ends with one).
  if (mayBeAppend(lines[lines.length - 1] ?? '')) lines.pop();
  for (let i = 0; i < lines.length; i += 1) {
    const raw = lines[i] ?? '';
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    const where = `history store ${file} line ${i + 1}`;
    if (line.length > HISTORY_LIMITS.lineChars) throw new UsageError(`${where}: longer than ${HISTORY_LIMITS.lineChars} characters`);
    if (out.length >= HISTORY_LIMITS.records) {
      throw new UsageError(`history store ${file} has more than ${HISTORY_LIMITS.records} runs: prune it (zavu-conformance history --history ${file} --prune-keep N)`);
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new UsageError(`${where}: not JSON (${(error as Error).message.split('\n')[0]})`);
    }
    const parsed = parseRecord(value, HISTORY_LIMITS.casesPerRecord);
    if ('newerVersion' in parsed) {
      throw new UsageError(`${where}: written in history format version ${parsed.newerVersion}, newer than this suite reads (${HISTORY_FORMAT_VERSION}): upgrade zavu-conformance or use another --history file`);
    }
    if ('problem' in parsed) throw new UsageError(`${where}: ${parsed.problem}`);
    out.push({ record: parsed.record, line: i + 1, text: line });
  }
  return out;
}

/** Every record of the store, in file order (the order they were appended). */
export function readHistory(file: string): StoredRecord[] {
  return parseStore(readStoreText(file), file);
}
