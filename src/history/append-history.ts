/**
 * Writing the store: appending a run, pruning old runs. Both rewrite the whole file through an
 * atomic write (temp file, then rename) while holding the store's lock, so a run killed half-way
 * leaves the store exactly as it was, and two writers at once can neither interleave lines nor
 * lose one's record (the second re-reads what the first wrote). A store is a few megabytes: a
 * full rewrite costs milliseconds and buys all of this without a database.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { atomicWriteFile, type AtomicWriteFs } from '../files/atomic-write';
import { UsageError } from '../model/errors';
import type { HistoryRecord } from './history-record';
import { HISTORY_LIMITS, parseStore, readStoreText, type StoredRecord } from './read-history';
import { DEFAULT_LOCK_OPTIONS, withStoreLock, type LockOptions } from './store-lock';

export interface StoreWriteOptions {
  lock?: LockOptions;
  /** The filesystem calls of the atomic write, for tests that make one fail. */
  io?: AtomicWriteFs;
}

/** Appends one record as the store's last line; the store (and its folder) is created when missing. */
export async function appendRecord(store: string, record: HistoryRecord, options: StoreWriteOptions = {}): Promise<void> {
  const line = JSON.stringify(record);
  if (line.length > HISTORY_LIMITS.lineChars) throw new UsageError(`history store ${store}: this run's record is longer than ${HISTORY_LIMITS.lineChars} characters, the bound readers keep`);
  mkdirSync(dirname(store), { recursive: true });
  await withStoreLock(
    store,
    async () => {
      const before = readStoreText(store);
      const joined = before === '' || before.endsWith('\n') ? before : `${before}\n`;
      await atomicWriteFile(store, `${joined}${line}\n`, options.io);
    },
    options.lock ?? DEFAULT_LOCK_OPTIONS,
  );
}

/** Which runs a prune keeps: the newest `keep` of each target, or those started on or after `before`. */
export type PruneRule = { keep: number } | { before: Date };

/** The records a rule keeps, in file order; `target` limits the prune to that target's runs. */
export function keptByPrune(records: readonly StoredRecord[], rule: PruneRule, target?: string): StoredRecord[] {
  const inScope = (r: StoredRecord): boolean => target === undefined || r.record.run.target === target;
  if ('before' in rule) return records.filter((r) => !inScope(r) || Date.parse(r.record.run.startedAt) >= rule.before.getTime());
  // Newest by start time, not by line: merged stores need not be in order.
  const newest = new Set<StoredRecord>();
  const byTarget = new Map<string, StoredRecord[]>();
  for (const r of records.filter(inScope)) byTarget.set(r.record.run.target, [...(byTarget.get(r.record.run.target) ?? []), r]);
  for (const runs of byTarget.values()) {
    [...runs].sort((a, b) => Date.parse(b.record.run.startedAt) - Date.parse(a.record.run.startedAt)).slice(0, rule.keep).forEach((r) => newest.add(r));
  }
  return records.filter((r) => !inScope(r) || newest.has(r));
}

/** Rewrites the store without the pruned runs (their lines byte for byte); resolves to {kept, removed}. */
export async function pruneStore(store: string, rule: PruneRule, target?: string, options: StoreWriteOptions = {}): Promise<{ kept: number; removed: number }> {
  return withStoreLock(
    store,
    async () => {
      const records = parseStore(readStoreText(store), store);
      const kept = keptByPrune(records, rule, target);
      if (kept.length !== records.length) await atomicWriteFile(store, kept.map((r) => `${r.text}\n`).join(''), options.io);
      return { kept: kept.length, removed: records.length - kept.length };
    },
    options.lock ?? DEFAULT_LOCK_OPTIONS,
  );
}
