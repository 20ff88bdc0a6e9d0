/**
 * Reading the history store: a JSON-lines file, one run per line. Everything read is bounded (a
 * store is a file anyone could have put in the CI cache): the file's size, each line's length, the
 * number of records and of cases per record. A line that is not a record stops the run with one
 * line naming the file and the line number (exit 2); a missing file is an empty store. A last line
 * without its newline that starts like a record is an append in progress or torn by a crash: it
 * is not (yet) a record, and not an error (store-tail.ts). Every refusal has the store as its `path`,
 * with the file system's `code` when that refused it.
 */
import { jsonReportOf } from '../report/report-files';
import { statSync } from 'node:fs';
import { fsReason, readInputFile, unreadFile } from '../files/read-input-file';
import { UsageError } from '../model/errors';
import { describeJsonLineError } from '../text/json-error';
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

/**
 * The bounds of a prune's read, wider than a run's: a prune is what the refusals of a store over
 * HISTORY_LIMITS tell the user to run, so it must read such a store (appends make it one a record
 * at a time; `cat` of two stores at once). Still bounded, as any file read: a store past these is
 * cut by hand, and the refusal says how.
 */
export const PRUNE_LIMITS = {
  /** 256 MiB, the bound of the suite's other input files: four stores at the run's bound, concatenated. */
  fileBytes: 256 * 1024 * 1024,
  records: 200_000,
  runOnly: true,
} as const;

/** What a read of the store allows: a run's (HISTORY_LIMITS), or a prune's (PRUNE_LIMITS). */
export interface StoreReadLimits {
  fileBytes: number;
  records: number;
  /**
   * Keep only each record's run (target and times) once checked: a prune needs no more, and keeps
   * the lines as text. A store of 10 000 full records is then read in a fraction of the memory.
   */
  runOnly?: boolean;
}

/** A record with where it stands in the file, and its text as written (prune keeps it byte for byte). */
export interface StoredRecord {
  record: HistoryRecord;
  line: number;
  text: string;
}

/**
 * The refusal of one line of the store that is no record (not JSON, too long, a field missing), with
 * what to do: a prune reads the same lines and refuses them too, so the fix is that line (mend or
 * delete it), or a fresh store (the file moved aside: a missing file is an empty store).
 */
function corruptLine(file: string, line: number, why: string, noRecordBefore: boolean): UsageError {
  // No record before it: more likely another file named as the store (a HAR, another tool's JSON)
  // than a store, whose owner "delete that line" would send to cut their file a line at a time.
  if (noRecordBefore) return new UsageError(`history store ${file} line ${line}: ${why}; no line before it is a record, so ${file} is likely no history store: --history takes the JSON-lines file runs append to (e.g. .zavu/history.jsonl; a missing file is an empty store); if it is one, mend or delete that line`, { path: file });
  return new UsageError(`history store ${file} line ${line}: ${why}; mend or delete that line, or move ${file} aside to start a new store`, { path: file });
}

/** What a store over a bound is to do: be pruned, or, past even a prune's bounds, be cut by hand. */
function remedy(file: string, pastPrune: boolean): string {
  return pastPrune ? `keep its newest runs by hand (tail -n 1000 ${file} > ${file}.new && mv ${file}.new ${file})` : `prune it (zavu-conformance history --history ${file} --prune-keep N)`;
}

/**
 * The refusal of a store over the size bound, for readers and writers alike: prune it, which reads
 * up to PRUNE_LIMITS; past those (`limit` is the prune's own), only a cut by hand is left to say.
 */
export function storeTooLarge(file: string, size: number, limit: number = HISTORY_LIMITS.fileBytes): UsageError {
  if (limit >= PRUNE_LIMITS.fileBytes) {
    return new UsageError(`history store ${file} is ${size} bytes, over the ${limit}-byte bound even a prune reads: ${remedy(file, true)}`, { path: file });
  }
  return new UsageError(`history store ${file} is ${size} bytes, over the ${limit}-byte bound: ${remedy(file, false)}`, { path: file });
}

/** The store's text, '' when there is none yet; refused beyond the size bound (a run's, unless a prune's is given). */
export function readStoreText(file: string, limit: number = HISTORY_LIMITS.fileBytes): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return '';
    // In the words a refused read of the file says (fsReason), not Node's, which repeat the path.
    throw new UsageError(`history store ${file}: ${fsReason(error, 'a history store')}`, { path: file, code });
  }
  if (size > limit) throw storeTooLarge(file, size, limit);
  try {
    // Regular files only, bounded as read (a FIFO would block, /dev/zero's size is 0); a BOM an editor added is no record.
    return readInputFile(file, limit, 'a history store').toString('utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new UsageError(`history store ${file}: ${(error as Error).message}`, unreadFile(file, error));
  }
}

/**
 * Parses the store's text; `file` names it in errors. Blank lines are allowed and skipped; so is a
 * last line without its newline that starts like a record (an append not finished, or torn).
 */
export function parseStore(text: string, file: string, limits: StoreReadLimits = HISTORY_LIMITS): StoredRecord[] {
  // A report of a run, given where the store goes, would only read "line 1: not JSON".
  if (jsonReportOf(text) !== undefined) {
    throw new UsageError(`history store ${file}: a report of one run (conformance.json or certificate.json), not a history store: --history takes the JSON-lines file runs append to (e.g. .zavu/history.jsonl; a missing file is an empty store)`, { path: file });
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
    if (line.length > HISTORY_LIMITS.lineChars) throw corruptLine(file, i + 1, `longer than ${HISTORY_LIMITS.lineChars} characters`, out.length === 0);
    if (out.length >= limits.records) {
      throw new UsageError(
        limits.records >= PRUNE_LIMITS.records
          ? `history store ${file} has more than ${limits.records} runs, more than even a prune reads: ${remedy(file, true)}`
          : `history store ${file} has more than ${limits.records} runs: ${remedy(file, false)}`,
        { path: file },
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      // Where in the line and why, never V8's quote of the line (anyone's text, cut with "...").
      throw corruptLine(file, i + 1, `not JSON (${describeJsonLineError(line, error as Error)})`, out.length === 0);
    }
    const parsed = parseRecord(value, HISTORY_LIMITS.casesPerRecord);
    if ('newerVersion' in parsed) {
      throw new UsageError(`${where}: written in history format version ${parsed.newerVersion}, newer than this suite reads (${HISTORY_FORMAT_VERSION}): upgrade zavu-conformance or use another --history file`, { path: file });
    }
    if ('problem' in parsed) throw corruptLine(file, i + 1, parsed.problem, out.length === 0);
    const record = limits.runOnly === true ? { ...parsed.record, cases: [], coverage: undefined } : parsed.record;
    out.push({ record, line: i + 1, text: line });
  }
  return out;
}

/** Every record of the store, in file order (the order they were appended); `limits` a prune's when it is for one. */
export function readHistory(file: string, limits: StoreReadLimits = HISTORY_LIMITS): StoredRecord[] {
  return parseStore(readStoreText(file, limits.fileBytes), file, limits);
}
