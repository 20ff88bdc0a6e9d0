/**
 * One conformance run in a fresh process, measured: peak RSS (from inside the child, see
 * peak-rss-main), wall time and the size of the reports it wrote. Asynchronous, so that the
 * hostile target the run talks to, which lives in the bench's own process, keeps answering.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = resolve(__dirname, '../..');

export interface RunFigures {
  peakRssKib: number;
  wallMs: number;
  reportsBytes: number;
  exitCode: number | null;
}

/** Bytes of every file under `dir` (0 when the run wrote none). */
export function dirBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => sum + (entry.isDirectory() ? dirBytes(join(dir, entry.name)) : statSync(join(dir, entry.name)).size), 0);
}

/**
 * Runs `zavu-conformance run args…` once; killed after `limitMs` (the figures then say so by a null
 * exit code). Through the package's dispatcher, which always runs its command: conformance-main only
 * runs when it is the process's main module, and under peak-rss-main it is not.
 */
export async function measureRun(args: string[], env: Record<string, string>, limitMs: number): Promise<RunFigures> {
  const work = mkdtempSync(join(tmpdir(), 'zvc-bench-rss-'));
  const rssFile = join(work, 'peak-rss');
  const reports = join(work, 'reports');
  try {
    const start = performance.now();
    const child = spawn(process.execPath, [join(root, 'dist/bench/peak-rss-main.js'), join(root, 'dist/cli/zavu-conformance-main.js'), 'run', '--reports', reports, ...args], {
      cwd: work,
      env: { PATH: process.env['PATH'] ?? '', HOME: work, BENCH_PEAK_RSS_FILE: rssFile, ...env },
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    const exitCode = await new Promise<number | null>((done) => child.once('close', (code) => done(code)));
    clearTimeout(timer);
    const wallMs = performance.now() - start;
    let peakRssKib = Number.NaN;
    try {
      peakRssKib = Number(readFileSync(rssFile, 'utf8'));
    } catch {
      // Killed before its exit hook ran: no figure rather than a wrong one.
    }
    return { peakRssKib, wallMs, reportsBytes: dirBytes(reports), exitCode };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Medians over `runs` runs: peak RSS, wall time, reports size; and every exit code seen. */
export function measureMedians(runs: number, args: string[], env: Record<string, string>, limitMs: number): Promise<RunFigures & { exitCodes: (number | null)[] }> {
  return mediansOf(runs, () => measureRun(args, env, limitMs));
}

/**
 * The same medians over `runs` measurements made one after another by `measure`, for runs that
 * each need something of their own (a hostile target answers one run, then is spent).
 */
export async function mediansOf(runs: number, measure: () => Promise<RunFigures>): Promise<RunFigures & { exitCodes: (number | null)[] }> {
  const samples: RunFigures[] = [];
  for (let i = 0; i < runs; i += 1) samples.push(await measure());
  return {
    peakRssKib: median(samples.map((s) => s.peakRssKib)),
    wallMs: median(samples.map((s) => s.wallMs)),
    reportsBytes: median(samples.map((s) => s.reportsBytes)),
    exitCode: samples[0]?.exitCode ?? null,
    exitCodes: samples.map((s) => s.exitCode),
  };
}
