/**
 * `npm run bench`: medians of wall time, each command run in a fresh process as a user runs it;
 * then peak memory of a run against hostile targets beside a conformant one.
 * The headline is the full run beside its peer, a hand-written pactum + mocha gate of the six core
 * requests (peer-gate.spec.ts), run alternately (full, peer, full, peer…) so that load from other
 * work on the machine falls on both alike. Prints figures; asserts nothing (tests assert
 * behaviour, benchmarks measure).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bombHostility, gzipBomb, startHostileTarget, undeclaredHostility, type Hostility } from './hostile-targets';
import { measureMedians, measureRun, median, mediansOf } from './peak-rss';
import { historyBench } from './history-bench';
import { startDistantTarget } from './distant-target';
import { captureRequests } from './sent-requests';
import { peerGateCommand, sameScopePeerCommand, sendableAsWritten } from './peer-gate';

const runs = Math.max(3, Number(process.env['BENCH_RUNS'] ?? 7));
const root = resolve(__dirname, '../..');

interface Timed {
  label: string;
  command: string;
  args: string[];
  /** Variables besides PATH. */
  env?: Record<string, string>;
}

/** One run of a command in a fresh process, in ms; throws when it fails (a figure of a failed run means nothing). */
function once(row: Timed): number {
  const start = performance.now();
  const result = spawnSync(row.command, row.args, { cwd: root, stdio: 'ignore', env: { PATH: process.env['PATH'] ?? '', ...row.env } });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`${row.label} exited ${String(result.status)}`);
  return ms;
}

function print(label: string, samples: number[]): number {
  const ms = median(samples);
  console.log(`${label.padEnd(52)} median ${ms.toFixed(0).padStart(5)} ms  (min ${Math.min(...samples).toFixed(0)}, max ${Math.max(...samples).toFixed(0)}, n=${samples.length})`);
  return ms;
}

/**
 * Medians of `runs` runs of each row, the rows taken in turn (a, b, a, b…), after one warm-up of
 * each (it fills Jest's cache directory, as every run after the first on a machine has it).
 */
function alternate(rows: Timed[]): number[] {
  for (const row of rows) spawnSync(row.command, row.args, { cwd: root, stdio: 'ignore', env: { ...process.env, ...row.env } });
  const samples = rows.map((): number[] => []);
  for (let i = 0; i < runs; i += 1) rows.forEach((row, r) => samples[r]?.push(once(row)));
  return rows.map((row, r) => print(row.label, samples[r] ?? []));
}

function time(label: string, command: string, args: string[]): number {
  return alternate([{ label, command, args }])[0] ?? Number.NaN;
}

/** BENCH_ONLY=time, BENCH_ONLY=history, BENCH_ONLY=distant or BENCH_ONLY=memory runs one part. */
const only = process.env['BENCH_ONLY'];

/**
 * `args` (a run of the CLI) alternated with the peer gate, with the peer of the same scope (the
 * run's own requests, as far as pactum sends them as written, each with its status and schema)
 * and with the floor (request-floor.ts: bare Jest and as many bare node:http round trips as the
 * run sends), the ratios printed: what the run costs beside each peer, and the least a run keeping
 * Jest and its requests can. The run's requests are watched first, in a run of the same command;
 * `work` is a folder of the bench's for the file that holds them. Returns the run's median.
 */
function besidePeerAndFloor(label: string, args: string[], indent: string, work: string): number {
  const sent = captureRequests(args, root);
  const requestsFile = join(work, `sent-${sent.length}-${Date.now()}.json`);
  writeFileSync(requestsFile, JSON.stringify(sent));
  const sendable = sent.filter((r) => r.status !== undefined && sendableAsWritten(r.path)).length;
  const [run = Number.NaN, peer = Number.NaN, sameScope = Number.NaN, floor = Number.NaN] = alternate([
    { label: `${indent}${label}`, command: process.execPath, args },
    { label: `${indent}peer: pactum + mocha, 6 core requests`, ...peerGateCommand() },
    { label: `${indent}peer of the same scope: ${sendable} of its ${sent.length} requests`, ...sameScopePeerCommand(requestsFile) },
    { label: `${indent}floor: bare Jest + its ${sent.length} requests, bare`, command: process.execPath, args: ['dist/bench/bare-jest-main.js', '--round-trips', String(sent.length)] },
  ]);
  console.log(`${indent}ratio to the peer: ${(run / peer).toFixed(2)} (done at <= 1.5, aimed at <= 1.0); the floor's: ${(floor / peer).toFixed(2)} (a run keeping Jest and its requests stays above)`);
  console.log(`${indent}ratio to the peer of the same scope (pactum + mocha sending the run's requests, status and schema checked): ${(run / sameScope).toFixed(2)}\n`);
  return run;
}

function timings(): void {
  const reports = mkdtempSync(join(tmpdir(), 'zvc-bench-'));
  const work = mkdtempSync(join(tmpdir(), 'zvc-bench-work-'));
  try {
    timeRuns(reports, work);
  } finally {
    rmSync(reports, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

function timeRuns(reports: string, work: string): void {
  const node = process.execPath;
  console.log(`zavu-conformance bench on ${process.version}, ${runs} runs each after one warm-up\n`);
  const fullRun = ['dist/cli/zavu-conformance-main.js', 'run', '--reports', reports];
  const full = besidePeerAndFloor('conformance run (embedded server, node)', fullRun, '', work);
  // The read-only operation alone: what a gate against a live target without --allow-writes sends,
  // and the peer's own scope (its six requests are that operation's).
  besidePeerAndFloor('the same, --operation getWhatsAppSyncStatus', [...fullRun, '--operation', 'getWhatsAppSyncStatus'], '  ', work);
  const [bare = Number.NaN] = alternate([
    { label: 'bare Jest, one trivial test, same config', command: node, args: ['dist/bench/bare-jest-main.js'] },
    { label: '  the same with jest-circus as its runner', command: node, args: ['dist/bench/bare-jest-main.js', '--circus'] },
  ]);
  const viaNpm = time('npm run conformance (includes npm start-up)', 'npm', ['run', '--silent', 'conformance', '--', '--reports', reports]);
  console.log(`\nratio conformance / bare Jest: ${(full / bare).toFixed(2)}`);
  console.log(`npm's own start-up: ~${(viaNpm - full).toFixed(0)} ms of the npm run figure`);
}

const hostileRuns = Math.max(1, Number(process.env['BENCH_HOSTILE_RUNS'] ?? 3));
/** A run still going after this is killed: a bench must end, whatever the code under test does. */
const hostileLimitMs = 300_000;
const readOnly = ['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1'];

function row(label: string, figures: Awaited<ReturnType<typeof measureMedians>>): void {
  const rss = Number.isNaN(figures.peakRssKib) ? '    ?' : (figures.peakRssKib / 1024).toFixed(0).padStart(5);
  const codes = [...new Set(figures.exitCodes.map((c) => (c === null ? 'killed' : String(c))))].join('/');
  console.log(`${label.padEnd(52)} peak RSS ${rss} MiB  wall ${(figures.wallMs / 1000).toFixed(1).padStart(5)} s  reports ${(figures.reportsBytes / 1024).toFixed(0).padStart(7)} KiB  exit ${codes}`);
}

async function hostile(label: string, hostility: Hostility): Promise<void> {
  // A target for each run: it answers its first valid-key read of the sender alone, one hostile answer a run.
  const figures = await mediansOf(hostileRuns, async () => {
    const target = await startHostileTarget(hostility);
    try {
      return await measureRun(['--base-url', target.baseUrl, ...readOnly], target.env, hostileLimitMs);
    } finally {
      await target.close();
    }
  });
  row(label, figures);
}

async function memory(): Promise<void> {
  console.log(`\npeak memory of a run, --operation getWhatsAppSyncStatus --fuzz-runs 0 (medians of ${hostileRuns}; hostile targets answer one read):`);
  row('conformant: the embedded server', await measureMedians(hostileRuns, readOnly, {}, hostileLimitMs));
  const bomb = gzipBomb();
  await hostile(`1 GiB gzip bomb (${(bomb.length / 1024).toFixed(0)} KiB on the wire)`, bombHostility(bomb));
  await hostile('a 200 whose sync has 300,000 undeclared properties', undeclaredHostility(300_000));
}

/** Each way's delay of the distant target (a 10 ms round trip); the run, with writes allowed, at each --concurrency. */
const distantDelayMs = 5;
const distantRuns = Math.max(1, Number(process.env['BENCH_DISTANT_RUNS'] ?? 3));

async function distant(): Promise<void> {
  console.log(`\na full run against a target ${2 * distantDelayMs} ms of round trip away (a delaying proxy before the embedded server, a handshake for each new connection), --allow-writes, medians of ${distantRuns}:`);
  const walls: number[] = [];
  for (const concurrency of ['1', '4', '8']) {
    // A fresh server per setting: the first run's starts leave syncs in progress that later runs would meet.
    const target = await startDistantTarget(distantDelayMs);
    try {
      const figures = await measureMedians(distantRuns, ['--base-url', target.baseUrl, '--allow-writes', '--concurrency', concurrency, '--seed', '1'], target.env, hostileLimitMs);
      walls.push(figures.wallMs);
      const codes = [...new Set(figures.exitCodes.map((c) => (c === null ? 'killed' : String(c))))].join('/');
      console.log(`  --concurrency ${concurrency.padEnd(2)} wall ${(figures.wallMs / 1000).toFixed(1).padStart(5)} s  (${((walls[0] ?? Number.NaN) / figures.wallMs).toFixed(1)}x)  exit ${codes}`);
    } finally {
      await target.close();
    }
  }
}

if (only === undefined || only === 'time') timings();
const history = only === undefined || only === 'history' ? historyBench(runs) : Promise.resolve();
const far = history.then(() => (only === undefined || only === 'distant' ? distant() : undefined));
if (only === undefined || only === 'memory') void far.then(memory);