/**
 * The cost of --history at start-up: a run reads and checks the whole store before its first
 * request. Measured against a year of nightly runs (365 records of a real run, ~the size a CI cache
 * holds after a year): the store read and figures alone, in process; then the gate itself with
 * and without --history, alternated run by run so a busy machine slows both alike.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { appendRecord } from '../history/append-history';
import { deriveFigures } from '../history/derive-figures';
import { readHistory } from '../history/read-history';
import type { HistoryRecord } from '../history/history-record';
import { median } from './peak-rss';

const root = resolve(__dirname, '../..');
const gate = ['dist/cli/zavu-conformance-main.js', 'run', '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1'];

function runGate(args: string[], cwd: string): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, [join(root, gate[0]!), ...gate.slice(1), ...args], { cwd, stdio: 'ignore', env: { PATH: process.env['PATH'] ?? '' } });
  if (result.status !== 0) throw new Error(`the gate exited ${String(result.status)} (${args.join(' ')})`);
  return performance.now() - start;
}

/** A store of `nights` runs made from one real run's record, one night apart. */
function yearOfNights(dir: string, nights: number): string {
  const seed = join(dir, 'seed.jsonl');
  runGate(['--reports', join(dir, 'seed-reports'), '--history', seed, '--operation', 'startWhatsAppHistorySync', '--operation', 'startWhatsAppContactsSync', '--operation', 'getWhatsAppSyncStatus'], dir);
  const record = JSON.parse(readFileSync(seed, 'utf8').trim()) as HistoryRecord;
  const lines = Array.from({ length: nights }, (_, i) => {
    const startedAt = new Date(Date.UTC(2025, 11, 1, 2) + i * 86_400_000).toISOString();
    return JSON.stringify({ ...record, run: { ...record.run, startedAt, finishedAt: startedAt } });
  });
  const store = join(dir, 'year.jsonl');
  writeFileSync(store, `${lines.join('\n')}\n`);
  return store;
}

export async function historyBench(runs: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zvc-bench-history-'));
  try {
    const year = yearOfNights(dir, 365);
    const records = readHistory(year);
    const cases = records[0]?.record.cases.length ?? 0;
    console.log(`\nhistory: a store of ${records.length} runs × ${cases} cases, ${(statSync(year).size / 1024).toFixed(0)} KiB`);
    const inProcess: number[] = [];
    for (let i = 0; i < Math.max(runs, 9); i += 1) {
      const start = performance.now();
      const read = readHistory(year).map((s) => s.record);
      deriveFigures(read, { store: year, target: read[0]!.run.target, window: 30 });
      inProcess.push(performance.now() - start);
    }
    console.log(`${'  read + check + figures, in process'.padEnd(48)} median ${median(inProcess).toFixed(1).padStart(7)} ms  (n=${inProcess.length})`);
    const appends: number[] = [];
    for (let i = 0; i < Math.max(runs, 9); i += 1) {
      copyFileSync(year, join(dir, 'append.jsonl'));
      const start = performance.now();
      await appendRecord(join(dir, 'append.jsonl'), records[0]!.record);
      appends.push(performance.now() - start);
    }
    console.log(`${'  append one run (lock, O_APPEND write, fsync)'.padEnd(48)} median ${median(appends).toFixed(1).padStart(7)} ms  (n=${appends.length})`);
    const without: number[] = [];
    const withHistory: number[] = [];
    runGate(['--reports', join(dir, 'warm')], dir);
    for (let i = 0; i < runs; i += 1) {
      // A fresh copy each time: the run appends, and every run should read the same 365 records.
      copyFileSync(year, join(dir, 'store.jsonl'));
      without.push(runGate(['--reports', join(dir, 'a')], dir));
      withHistory.push(runGate(['--reports', join(dir, 'b'), '--history', join(dir, 'store.jsonl')], dir));
    }
    const a = median(without);
    const b = median(withHistory);
    console.log(`${'  gate (--operation getWhatsAppSyncStatus)'.padEnd(48)} median ${a.toFixed(0).padStart(7)} ms  (n=${runs})`);
    console.log(`${'  the same with --history (365 runs)'.padEnd(48)} median ${b.toFixed(0).padStart(7)} ms  (n=${runs}, alternated)`);
    // The process figures carry the machine's noise (seconds apart on a shared machine); the in-process ones are the cost itself.
    console.log(`  --history costs ${(b - a).toFixed(0)} ms (${(((b - a) / a) * 100).toFixed(1)} %) of a gate run, of which reading and appending the store are measured above`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
