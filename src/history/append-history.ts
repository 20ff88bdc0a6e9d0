/**
 * Writing the store: appending a run, pruning old runs, both while holding the store's lock so two
 * writers never interleave lines or lose one's record.
 *
 * An append is in place and costs one record, not the store: the record and its newline go in
 * ONE write to the store opened O_APPEND, then fsync. Readers take a last line without its newline
 * for an append in progress (or torn) and ignore it, so a run killed mid-write leaves no partial
 * record visible and every complete one intact; the next append, under the lock, cuts the torn
 * tail away (store-tail.ts). A write that fails (disk full) is undone by truncating the store to
 * its size before it. A prune rewrites the whole store atomically (temp file, rename), as it must.
 */
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { atomicWriteFile, removeOrphanedTemps, type AtomicWriteFs } from '../files/atomic-write';
import { makeDirs } from '../files/make-dirs';
import { UsageError } from '../model/errors';
import { isStopped, type HistoryRecord } from './history-record';
import { keptForWindow, seriesOf } from './history-window';
import { HISTORY_LIMITS, PRUNE_LIMITS, parseStore, readStoreText, storeTooLarge, type StoredRecord } from './read-history';
import { refuseEmptyingPrune } from './prune-guard';
import { judgeTail, type TailVerdict } from './store-tail';
import { DEFAULT_LOCK_OPTIONS, withStoreLock, withStoreLockNow, type LockOptions } from './store-lock';

/** The write an append makes; tests swap it to simulate a full disk or a short write. */
export interface AppendFs {
  write: (fd: number, data: Uint8Array, offset: number, length: number) => number;
}

const realAppendFs: AppendFs = { write: (fd, data, offset, length) => writeSync(fd, data, offset, length) };

export interface StoreWriteOptions {
  lock?: LockOptions;
  /** The filesystem calls of the atomic write (prune), for tests that make one fail. */
  io?: AtomicWriteFs;
  /** The write of an append, for tests that make it fail. */
  appendIo?: AppendFs;
  /** Told once when another writer holds the lock (see withStoreLock). */
  onWait?: (line: string) => void;
}

/** An unterminated last line is a record's at most: longer than a record's UTF-8 can be, it is not one. */
const MAX_TAIL_BYTES = HISTORY_LIMITS.lineChars * 3;

/** Reads `length` bytes at `position` (bounded: each turn reads at least one byte or stops). */
function readAt(fd: number, length: number, position: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return buffer.subarray(0, done);
}

/**
 * Mends the store's end before an append (under the lock): resolves to the size the store keeps
 * and what the append must write first ('\n' when a complete last record lacks its newline). A
 * torn last line is cut away; a last line no append could have left is refused, the store untouched.
 */
function mendTail(fd: number, store: string): { size: number; prefix: string; cutBytes: number } {
  const size = fstatSync(fd).size;
  if (size > HISTORY_LIMITS.fileBytes) throw storeTooLarge(store, size);
  if (size === 0 || readAt(fd, 1, size - 1)[0] === 0x0a) return { size, prefix: '', cutBytes: 0 };
  const end = readAt(fd, Math.min(size, MAX_TAIL_BYTES + 1), Math.max(0, size - MAX_TAIL_BYTES - 1));
  const newline = end.lastIndexOf(0x0a);
  const tail = end.subarray(newline + 1);
  if (judgeStoreEnd(store, tail.toString('utf8'), newline < 0 && size > MAX_TAIL_BYTES).kind !== 'torn') return { size, prefix: '\n', cutBytes: 0 };
  ftruncateSync(fd, size - tail.length);
  return { size: size - tail.length, prefix: '', cutBytes: tail.length };
}

/**
 * What an append makes of the store's end: `tail`, the text after its last newline (all of it when
 * it has none), `tooLong` when that runs past any record. A last line no append could have left
 * is refused, with the line to fix; the run reads the store first (run-history), so it is said
 * before the first request, and the append says it again should the store change meanwhile.
 */
export function judgeStoreEnd(store: string, tail: string, tooLong: boolean): TailVerdict {
  const refuse = (why: string): UsageError => new UsageError(`history store ${store}: its last line has no newline and ${why}; not appended (end that line with a newline, or remove it)`, { path: store });
  if (tooLong) throw refuse('is longer than any record');
  const verdict = judgeTail(tail, HISTORY_LIMITS.casesPerRecord);
  if (verdict.kind === 'foreign') throw refuse(`is not a record (${verdict.problem})`);
  return verdict;
}

/** {@link judgeStoreEnd} on the store's whole text, as read before a run. */
export function checkStoreEnd(store: string, text: string): void {
  const tail = text.slice(text.lastIndexOf('\n') + 1);
  judgeStoreEnd(store, tail, Buffer.byteLength(tail) > MAX_TAIL_BYTES);
}

/**
 * Writes `data` at the end of the store with one write call (more only after a short write), then
 * flushes it; on any failure the store is cut back to `size`, so it reads exactly as before.
 */
function writeAtEnd(fd: number, data: Buffer, size: number, io: AppendFs): void {
  try {
    // Bounded: each turn writes at least one byte, or throws.
    for (let done = 0; done < data.length; ) {
      const n = io.write(fd, data, done, data.length - done);
      if (n <= 0) throw new Error(`write returned ${n}`);
      done += n;
    }
    fsyncSync(fd);
  } catch (error) {
    ftruncateSync(fd, size);
    try {
      fsyncSync(fd);
    } catch {
      // The truncation is what matters; the original error is the one to report.
    }
    throw error;
  }
}

/** The record's line, refused when longer than readers keep; the store's folder made when missing. */
function recordLine(store: string, record: HistoryRecord): string {
  const line = JSON.stringify(record);
  if (line.length > HISTORY_LIMITS.lineChars) throw new UsageError(`history store ${store}: this run's record is longer than ${HISTORY_LIMITS.lineChars} characters, the bound readers keep`);
  makeDirs(dirname(store));
  return line;
}

/**
 * What an append did besides its own line: `cutBytes`, the size of a torn last line it cut away (a
 * run killed while appending: its night is lost, and the run says so rather than drop it unseen).
 */
export interface Appended {
  cutBytes: number;
}

/** The append itself, under the lock: the tail mended, the line and its newline in one write. */
function appendLine(store: string, line: string, io: AppendFs): Appended {
  // 'a+': O_APPEND (every write lands at the end), created when missing, readable for the tail.
  const fd = openSync(store, 'a+', 0o644);
  try {
    const { size, prefix, cutBytes } = mendTail(fd, store);
    writeAtEnd(fd, Buffer.from(`${prefix}${line}\n`, 'utf8'), size, io);
    return { cutBytes };
  } finally {
    closeSync(fd);
  }
}

/** Appends one record as the store's last line; the store (and its folder) is created when missing. */
export async function appendRecord(store: string, record: HistoryRecord, options: StoreWriteOptions = {}): Promise<Appended> {
  const line = recordLine(store, record);
  return withStoreLock(store, async () => appendLine(store, line, options.appendIo ?? realAppendFs), options.lock ?? DEFAULT_LOCK_OPTIONS, options.onWait);
}

/**
 * {@link appendRecord} at once, from an interrupted run (a signal's handler): synchronous, the
 * lock waited for `waitMs` at most (then it throws, saying who holds it), the same one write.
 */
export function appendRecordNow(store: string, record: HistoryRecord, waitMs: number, io: AppendFs = realAppendFs): Appended {
  const line = recordLine(store, record);
  return withStoreLockNow(store, () => appendLine(store, line, io), waitMs);
}

/**
 * Which runs a prune keeps: what `--window keep` shows of each target (its newest `keep` judged
 * runs and the nights not run since the first of them), or those started on or after `before`.
 */
export type PruneRule = { keep: number } | { before: Date };

/**
 * The records a rule keeps, in file order; `target` limits the prune to that target's runs. A keep
 * is counted as the window counts (history-window's keptForWindow, the same order): a night not
 * run is no run of the window, and counted as one, a week of outages made `--prune-keep 30` leave
 * 23 judged runs to a `--history-window 30` that would have shown 30. Per series, as windows are
 * (a target's read-only runs and its write runs, history-window's Series): kept
 * together, a month of nightly gates pushed the weekly write runs out of a `--prune-keep 30`.
 */
export function keptByPrune(records: readonly StoredRecord[], rule: PruneRule, target?: string): StoredRecord[] {
  const inScope = (r: StoredRecord): boolean => target === undefined || r.record.run.target === target;
  if ('before' in rule) return records.filter((r) => !inScope(r) || Date.parse(r.record.run.startedAt) >= rule.before.getTime());
  // Grouped by series in one pass, each group ordered on its own: a window asked of the whole store
  // per target read every record once per target (a store of reference-server runs, each on its own
  // port, is a target per run: 20,000 runs took 16 s). Pushed, not spread into a new array per
  // record: a copy each time made a 20,000-run prune quadratic (~19 s).
  const bySeries = new Map<string, StoredRecord[]>();
  const out = new Set<StoredRecord>();
  for (const r of records) {
    if (!inScope(r)) {
      out.add(r);
      continue;
    }
    // The series (history-window's Series) as a key: a target's write runs are pruned as their own window.
    const { target: name, writes } = seriesOf(r.record);
    const key = `${writes ? 'w' : 'r'} ${name}`;
    const runs = bySeries.get(key);
    if (runs === undefined) bySeries.set(key, [r]);
    else runs.push(r);
  }
  for (const runs of bySeries.values()) for (const r of keptForWindow(runs, (s) => s.record, rule.keep)) out.add(r);
  return records.filter((r) => out.has(r));
}

/** What a prune kept and removed: every record, and of them the nights not run (absent when the store held none). */
export interface PruneCounts {
  kept: number;
  removed: number;
  notRun?: { kept: number; removed: number };
}

/** Rewrites the store without the pruned runs (their lines byte for byte); resolves to what it kept and removed. */
export async function pruneStore(store: string, rule: PruneRule, target?: string, options: StoreWriteOptions = {}): Promise<PruneCounts> {
  return withStoreLock(
    store,
    async () => {
      // A rewrite killed before its rename (SIGKILL, a power cut) left its temp file beside the
      // store, which nothing else removes: under the lock, no live writer's is taken.
      removeOrphanedTemps(dirname(store), [basename(store)]);
      // A prune's bounds: a store over a run's is the one the refusals send here.
      const text = readStoreText(store, PRUNE_LIMITS.fileBytes);
      // The rewrite keeps every complete line: a last record lacking only its newline is kept (and
      // a last line that is no record refused, as readers refuse it once terminated); only a torn
      // tail, an append that never finished, is left out.
      const tail = judgeTail(text.slice(text.lastIndexOf('\n') + 1), HISTORY_LIMITS.casesPerRecord).kind;
      const records = parseStore(tail === 'complete' || tail === 'foreign' ? `${text}\n` : text, store, PRUNE_LIMITS);
      const kept = keptByPrune(records, rule, target);
      // Under the lock, on the records about to be rewritten: a date that would empty the store is a slip.
      if ('before' in rule) refuseEmptyingPrune(store, records, kept, rule.before, target);
      if (kept.length !== records.length) await atomicWriteFile(store, kept.map((r) => `${r.text}\n`).join(''), options.io);
      // Counted apart, as every view counts them ("28 runs and 2 nights not run"): "kept 30 runs" read as a full window.
      const notRun = records.filter((r) => isStopped(r.record)).length;
      const notRunKept = kept.filter((r) => isStopped(r.record)).length;
      return { kept: kept.length, removed: records.length - kept.length, ...(notRun === 0 ? {} : { notRun: { kept: notRunKept, removed: notRun - notRunKept } }) };
    },
    options.lock ?? DEFAULT_LOCK_OPTIONS,
  );
}
