/**
 * `npm run bench`: medians of wall time, each command run in a fresh process as a user runs it.
 * Prints figures; asserts nothing (tests assert behaviour, benchmarks measure).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const runs = Math.max(3, Number(process.env['BENCH_RUNS'] ?? 7));
const root = resolve(__dirname, '../..');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function time(label: string, command: string, args: string[]): number {
  const samples: number[] = [];
  // One warm-up run fills Jest's cache directory, as every run after the first on a machine has it.
  spawnSync(command, args, { cwd: root, stdio: 'ignore' });
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    const result = spawnSync(command, args, { cwd: root, stdio: 'ignore', env: { PATH: process.env['PATH'] ?? '' } });
    samples.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`${label} exited ${String(result.status)}`);
  }
  const ms = median(samples);
  console.log(`${label.padEnd(48)} median ${ms.toFixed(0).padStart(5)} ms  (min ${Math.min(...samples).toFixed(0)}, max ${Math.max(...samples).toFixed(0)}, n=${runs})`);
  return ms;
}

const reports = mkdtempSync(join(tmpdir(), 'zvc-bench-'));
const node = process.execPath;
console.log(`zavu-conformance bench on ${process.version}, ${runs} runs each after one warm-up\n`);
const full = time('conformance run (embedded server, node)', node, ['dist/cli/conformance-main.js', '--reports', reports]);
// The read-only operation alone: what a gate against a live target without --allow-writes sends.
time('  the same, --operation getWhatsAppSyncStatus', node, ['dist/cli/conformance-main.js', '--reports', reports, '--operation', 'getWhatsAppSyncStatus']);
const bare = time('bare Jest, one trivial test, same config', node, ['dist/bench/bare-jest-main.js']);
const viaNpm = time('npm run conformance (includes npm start-up)', 'npm', ['run', '--silent', 'conformance', '--', '--reports', reports]);
console.log(`\nratio conformance / bare Jest: ${(full / bare).toFixed(2)} (target < 1.5)`);
console.log(`npm's own start-up: ~${(viaNpm - full).toFixed(0)} ms of the npm run figure`);
