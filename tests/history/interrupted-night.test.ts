/**
 * A nightly run with --history that an interruption stops before its verdict (a signal to the CLI:
 * a CI timeout, Ctrl-C; a run from code whose AbortSignal is aborted) leaves a record of the night
 * as not run, with why, as a run against a target that is down does: exactly one, without the key.
 * The interruption is sent once the target holds the run's first request open, so the run is surely
 * mid-flight, not still loading.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readHistory } from '../../src/history/read-history';
import type { RecordInterruption } from '../../src/runner/run-conformance';
import { closedPort, startScriptedServer, type MisbehavingServer } from '../support/misbehaving-servers';
import { repoRoot, spawnCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

const library = require(join(repoRoot, 'dist/library')) as typeof import('../../src/library');

/** A key no store, line or report may hold. */
const KEY = 'zv_test_interruptednight0123';

/** A target that holds every request open (never answers); `arrived` resolves on the first request. */
async function holdingTarget(): Promise<MisbehavingServer & { arrived: Promise<void> }> {
  let arrive: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const server = await startScriptedServer(() => arrive());
  return Object.assign(server, { arrived });
}

test.each([
  ['SIGTERM', 143],
  ['SIGINT', 130],
] as const)('the CLI interrupted by %s mid-run: exit %d, and the store holds exactly one not-run record saying so, without the key', async (signal, code) => {
  const cwd = scratchDir('zvc-history-interrupted-');
  const store = join(cwd, 'history.jsonl');
  const target = await holdingTarget();
  let ended;
  const run = spawnCli('conformance-main.js', ['--base-url', target.baseUrl, '--history', store, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], { cwd, env: { ZAVU_API_KEY: KEY } });
  try {
    await target.arrived;
    run.child.kill(signal);
    ended = await run.ended;
  } finally {
    run.child.kill('SIGKILL');
    await target.close();
  }
  expect(ended.code).toBe(code);
  expect(ended.stderr).toContain(`zavu-conformance run: interrupted by ${signal} before the verdict (`);
  expect(ended.stderr).toContain(`history: recorded in ${store} as not run (exit ${code}): a gap in the trends of ${target.baseUrl}\n`);
  const records = readHistory(store).map((r) => r.record);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ run: { target: target.baseUrl, mode: 'live' }, summary: { total: 0 }, cases: [], stopped: { reason: `interrupted by ${signal} before the verdict`, exitCode: code } });
  expect(readFileSync(store, 'utf8')).not.toContain(KEY);
  expect(ended.stdout + ended.stderr).not.toContain(KEY);
  expect(readFileSync(join(cwd, 'reports', 'summary.md'), 'utf8')).toContain('NOT RUN');
}, 60_000);

test('the store locked by another live writer: the interrupted run gives the record up in one line on stderr, the store untouched, the exit code the signal\'s', async () => {
  const cwd = scratchDir('zvc-history-interrupted-locked-');
  const store = join(cwd, 'history.jsonl');
  // Held by a live process of this host (this test's): not stale, and never released during the run.
  writeFileSync(`${store}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
  const target = await holdingTarget();
  let ended;
  const run = spawnCli('conformance-main.js', ['--base-url', target.baseUrl, '--history', store, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], { cwd, env: { ZAVU_API_KEY: KEY } });
  try {
    await target.arrived;
    run.child.kill('SIGTERM');
    ended = await run.ended;
  } finally {
    run.child.kill('SIGKILL');
    await target.close();
  }
  expect(ended.code).toBe(143);
  const lines = ended.stderr.split('\n').filter((line) => line.startsWith('history:'));
  expect(lines).toEqual([expect.stringMatching(new RegExp(`^history: this night \\(not run\\) was NOT appended: history store .*history\\.jsonl is locked by pid ${process.pid} on .*; an interrupted run waits \\d+ ms at most for it$`))]);
  expect(readHistory(store)).toEqual([]);
}, 60_000);

test('a run from code aborted mid-run (AbortController): it rejects with the AbortError, and the store holds exactly one not-run record saying it was aborted, without the key', async () => {
  const cwd = scratchDir('zvc-history-aborted-');
  const store = join(cwd, 'history.jsonl');
  const target = await holdingTarget();
  const controller = new AbortController();
  const out: string[] = [];
  void target.arrived.then(() => controller.abort(new Error(`deploy cancelled (${KEY})`)));
  let error: unknown;
  try {
    error = await library
      .runConformance({ baseUrl: target.baseUrl, apiKey: KEY, operation: 'getWhatsAppSyncStatus', fuzzRuns: 0, env: {}, cwd, history: 'history.jsonl', signal: controller.signal, out: (text) => out.push(text) })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
  } finally {
    await target.close();
  }
  // Of its class still, though its message had a key scrubbed from it.
  expect(error).toBeInstanceOf(library.AbortError);
  expect(error).toMatchObject({ name: 'AbortError', exitCode: 130, message: expect.stringMatching(/^the run was aborted by its signal before its verdict \(deploy cancelled \(.*\)\)$/) as unknown as string });
  const records = readHistory(store).map((r) => r.record);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ run: { target: target.baseUrl }, summary: { total: 0 }, cases: [], stopped: { reason: expect.stringMatching(/^the run was aborted by its signal before its verdict \(deploy cancelled/) as unknown as string, exitCode: 130 } });
  expect(readFileSync(store, 'utf8')).not.toContain(KEY);
  expect(out.join('')).toContain(`history: recorded in ${store} as not run (exit 130)`);
  expect(out.join('')).not.toContain(KEY);
}, 60_000);

test('a run from code aborted after it said a note: the not-run record keeps the note, as a judged night would', async () => {
  const cwd = scratchDir('zvc-history-aborted-note-');
  const store = join(cwd, 'history.jsonl');
  const target = await holdingTarget();
  const controller = new AbortController();
  const out: string[] = [];
  void target.arrived.then(() => controller.abort());
  try {
    // A base URL ending in the operations' first segment: the run says a note before its first case.
    await library.runConformance({ baseUrl: `${target.baseUrl}/v1`, apiKey: KEY, operation: 'getWhatsAppSyncStatus', fuzzRuns: 0, env: {}, cwd, history: 'history.jsonl', signal: controller.signal, out: (text) => out.push(text) }).catch(() => undefined);
  } finally {
    await target.close();
  }
  const said = /\nnote: (the base URL ends in \/v1[^\n]*)\n/.exec(out.join(''))?.[1];
  expect(said).toBeDefined();
  const records = readHistory(store).map((r) => r.record);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ stopped: { exitCode: 130 }, notes: [said] });
}, 60_000);

describe('one record a night: an interruption meets the record a stop made, or is making', () => {
  const runner = require(join(repoRoot, 'dist/runner/run-conformance')) as typeof import('../../src/runner/run-conformance');
  const { resolveRunConfig } = require(join(repoRoot, 'dist/config/run-config')) as typeof import('../../src/config/run-config');
  const { parseFlags } = require(join(repoRoot, 'dist/config/parse-flags')) as typeof import('../../src/config/parse-flags');
  const { runOptions } = require(join(repoRoot, 'dist/config/options')) as typeof import('../../src/config/options');

  /** A run against a target that is down (a stop, exit 3), with --history; `onNight` hands over what the CLI's signal handler would call. */
  async function downRun(cwd: string, out: string[], onNight: (record: RecordInterruption) => void): Promise<unknown> {
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;
    const config = resolveRunConfig(parseFlags(['--base-url', baseUrl, '--history', 'history.jsonl', '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], runOptions), { values: { ZAVU_API_KEY: KEY } }, cwd);
    return runner.runConformance(config, { out: (text) => out.push(text), writeReports: false, progress: false, onNight }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
  }

  test("after the stop's own record: the interruption records nothing more", async () => {
    const cwd = scratchDir('zvc-history-stop-then-signal-');
    let record: RecordInterruption | undefined;
    const error = await downRun(cwd, [], (given) => (record = given));
    expect(error).toMatchObject({ exitCode: 3 });
    expect(readHistory(join(cwd, 'history.jsonl'))).toHaveLength(1);
    // As the CLI's handler would, should the signal come after the stop was recorded.
    expect(record?.('interrupted by SIGTERM before the verdict', 143)).toBeUndefined();
    const records = readHistory(join(cwd, 'history.jsonl')).map((r) => r.record);
    expect(records).toHaveLength(1);
    expect(records[0]?.stopped?.exitCode).toBe(3);
  }, 60_000);

  test("while the stop's record waits for the store's lock: the interruption says so and appends nothing; the stop's record is the night's", async () => {
    const cwd = scratchDir('zvc-history-stop-waiting-');
    const store = join(cwd, 'history.jsonl');
    // Held by a live process of this host (this test's): the stop's append waits for it.
    writeFileSync(`${store}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
    const out: string[] = [];
    let record: RecordInterruption | undefined;
    const ended = downRun(cwd, out, (given) => (record = given));
    // Bounded: the stop's append says it waits well within the lock's 15 s.
    for (let turn = 0; turn < 1000 && !out.join('').includes('history: waiting up to'); turn += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(out.join('')).toContain(`history: waiting up to 15 s for ${store}.lock`);
    expect(record?.('interrupted by SIGTERM before the verdict', 143)).toBe(`history: this night's record as not run was still waiting for ${store}.lock: not appended\n`);
    expect(readHistory(store)).toEqual([]);
    rmSync(`${store}.lock`);
    expect(await ended).toMatchObject({ exitCode: 3 });
    const records = readHistory(store).map((r) => r.record);
    expect(records).toHaveLength(1);
    expect(records[0]?.stopped?.exitCode).toBe(3);
  }, 60_000);
});

test('a replay aborted mid-run: its not-run record names the target its judged nights name ("replay of … from …"), not the embedded server it never ran against', async () => {
  const cwd = scratchDir('zvc-history-aborted-replay-');
  const store = join(cwd, 'history.jsonl');
  const controller = new AbortController();
  const out: string[] = [];
  const options = { mode: 'replay' as const, recordings: join(repoRoot, 'recordings'), apiKey: KEY, operation: 'getWhatsAppSyncStatus', env: {}, cwd, history: 'history.jsonl' };
  // Once, uninterrupted: the target the store names for this replay's nights.
  await library.runConformance({ ...options, out: () => undefined });
  // Aborted as it says its banner: prepared, before its first case.
  await library.runConformance({ ...options, signal: controller.signal, out: (text) => (out.push(text), text.startsWith('zavu-conformance ') ? controller.abort() : undefined) }).catch(() => undefined);
  const records = readHistory(store).map((r) => r.record);
  expect(records.map((r) => r.stopped?.exitCode)).toEqual([undefined, 130]);
  expect(records[0]?.run.target).toMatch(/^replay of /);
  expect(records[1]?.run.target).toBe(records[0]?.run.target);
  // And of its recordings' kind, as its judged night: a gap in that series (the shipped recordings
  // are the embedded server's, a write run's: model/result.ts ranWrites).
  expect(records.map((r) => r.run.allowWrites)).toEqual([true, true]);
}, 60_000);
