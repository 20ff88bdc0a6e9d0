/**
 * `zavu-conformance merge` stops on a signal as a run does: before its verdict OUT's earlier merge
 * gives way to NOT RUN, one line says so, the exit code is the signal's, and with --history the
 * night is recorded as not run; after its verdict (its append waiting for the store's lock) the
 * reports stand. The signal is sent at a chosen point, not after a delay: by a preload at the
 * first write into OUT or at the load of the merge's modules, or once the merge says it waits for
 * a lock this test holds. And a merge takes the run's baseline settings: ZAVU_BASELINE, and a
 * strict switch without a baseline refused; and its allow-flaky setting: ZAVU_ALLOW_FLAKY.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readHistory } from '../../src/history/read-history';
import type { ConformanceReport } from '../../src/model';
import { SUMMARY_HEADING } from '../../src/report/report-files';
import { markNotRun } from '../../src/runner/not-run';
import { MERGE_REFUSED_VERDICT } from '../../src/shard/shard-night';
import { runConformanceCli } from '../support/conformance-run';
import { expectOneLineError } from '../support/one-line-error';
import { INTERRUPTION_SIGNALS, runCli, spawnCli, type SpawnedCli } from '../support/run-cli';
import { escapeRegex } from '../../src/text/escape-regex';
import { scratchDir } from '../support/scratch-dir';
import { unprivilegedUser } from '../support/unprivileged';

const bin = 'zavu-conformance-main.js';
const quick = ['--fuzz-runs', '0', '--seed', '7', '--operation', 'getWhatsAppSyncStatus'];

/** The two shards of one run against the embedded server, made once. */
let shards: string[];
beforeAll(async () => {
  const cwd = scratchDir('zvc-merge-signals-');
  shards = [join(cwd, 'shard-1'), join(cwd, 'shard-2')];
  for (const [i, dir] of shards.entries()) expect((await runConformanceCli(['--shard', `${i + 1}/2`, '--reports', dir, ...quick], {}, cwd)).code).toBe(0);
});

/** A fresh OUT holding an earlier merge's verdict (CONFORMANT), as on a runner that reuses it. */
async function earlierMerge(cwd: string): Promise<string> {
  const out = join(cwd, 'merged');
  const merged = await runCli(bin, ['merge', '--reports', out, ...shards], { cwd });
  expect(merged.code).toBe(0);
  expect(merged.stdout).toMatch(/^merged 2 shards: /m);
  expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(new RegExp(`^${SUMMARY_HEADING}: CONFORMANT`));
  return out;
}

/** A preload that sends `signal` to the merge itself once, as it opens its first file in OUT for writing (before the verdict is written). */
function signalOnOpen(cwd: string, signal: string, out: string): string {
  const preload = join(cwd, 'signal-on-write.js');
  writeFileSync(
    preload,
    `const fsp = require('node:fs').promises; const open = fsp.open; let sent = false;
fsp.open = function (path, ...rest) {
  if (!sent && String(path).startsWith(${JSON.stringify(`${out}/`)})) { sent = true; process.kill(process.pid, ${JSON.stringify(signal)}); }
  return open.call(this, path, ...rest);
};`,
  );
  return preload;
}

/** OUT's files, dot files included: a write the signal cut short leaves no temp file, and the folder's lock goes with the merge. */
const reportFiles = (out: string): string[] => readdirSync(out).sort();

/** Resolves once the running command has printed `text` on stdout. */
function printed(running: SpawnedCli, text: string): Promise<void> {
  return new Promise((resolvePrinted, reject) => {
    const check = (): void => {
      if (!running.stdout().includes(text)) return;
      running.child.stdout.off('data', check);
      resolvePrinted();
    };
    running.child.stdout.on('data', check);
    check();
    void running.ended.then(() => reject(new Error(`ended before printing ${text}; stdout: ${running.stdout()}; stderr: ${running.stderr()}`)), reject);
  });
}

/** This test's own process holds `file`'s lock: alive, on this host, so the merge waits for it. */
function holdLock(file: string): void {
  writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
}

/** A lock a merge killed outright (SIGKILL, the OOM killer) left in `out`: its pid is gone, on this host. */
function deadLock(out: string): string {
  const gone = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  writeFileSync(join(out, '.zavu-conformance.lock'), JSON.stringify({ pid: Number(gone), host: hostname(), since: '2026-12-05T23:00:00.000Z' }));
  return `the run that started at 2026-12-05T23:00:00.000Z (pid ${gone} on `;
}

test("an OUT whose lock a killed merge left: the merge takes it over and says once, on the console and in summary.md (as a run does), that the run did not finish; a refused merge's NOT RUN (summary.md, junit.xml) says it too", async () => {
  const cwd = scratchDir('zvc-merge-dead-lock-');
  const out = await earlierMerge(cwd);
  const said = deadLock(out);
  const merged = await runCli(bin, ['merge', '--reports', out, ...shards], { cwd });
  expect(merged.code).toBe(0);
  expect(merged.stdout.split('\n').filter((line) => line.startsWith(`note: ${said}`))).toHaveLength(1);
  expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain(said);
  expect(existsSync(join(out, '.zavu-conformance.lock'))).toBe(false);

  const refusedSaid = deadLock(out);
  const refused = await runCli(bin, ['merge', '--reports', out, shards[0]!], { cwd });
  expect(refused.code).toBe(2);
  expect(refused.stdout.split('\n').filter((line) => line.startsWith(`note: ${refusedSaid}`))).toHaveLength(1);
  expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain(refusedSaid);
  expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain(refusedSaid);
});

test("the takeover's note joins shards that said as many notes as a report keeps: the merged report keeps them bounded, the last counting those left out", async () => {
  const cwd = scratchDir('zvc-merge-dead-lock-notes-');
  // Shards that said 8 notes (the most a report keeps): an edited run, or one of many notes.
  const many = Array.from({ length: 8 }, (_, i) => `note ${i + 1} of the run`);
  const noted = shards.map((dir, i) => {
    const copy = join(cwd, `shard-${i + 1}`);
    cpSync(dir, copy, { recursive: true });
    const file = join(copy, 'conformance.json');
    const report = JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport;
    writeFileSync(file, JSON.stringify({ ...report, runInfo: { ...report.runInfo, notes: many } }));
    return copy;
  });
  const out = join(cwd, 'merged');
  mkdirSync(out);
  const said = deadLock(out);
  const merged = await runCli(bin, ['merge', '--reports', out, ...noted], { cwd });
  expect(merged.stderr).toBe('');
  expect(merged.code).toBe(0);
  const notes = (JSON.parse(readFileSync(join(out, 'conformance.json'), 'utf8')) as ConformanceReport).runInfo.notes ?? [];
  expect(notes).toHaveLength(8);
  expect(notes[0]).toContain(said);
  expect(notes[7]).toBe("… and 2 more notes, said on the run's console");
});

test('a run of one shard (--shard 1/1) merges on its own, said in the singular', async () => {
  const cwd = scratchDir('zvc-merge-one-');
  const only = join(cwd, 'only');
  expect((await runConformanceCli(['--shard', '1/1', '--reports', only, ...quick], {}, cwd)).code).toBe(0);
  const merged = await runCli(bin, ['merge', '--reports', join(cwd, 'merged'), only], { cwd });
  expect(merged.code).toBe(0);
  expect(merged.stdout).toMatch(/^merged 1 shard: /m);
});

test("a shard missing, or one given twice: exit 2 naming it, and OUT's NOT RUN says the shards were not merged, not that no case was judged (the shards given judged theirs)", async () => {
  const cwd = scratchDir('zvc-merge-refused-');
  for (const [given, why] of [[[shards[0]!], 'shard 2/2 is missing'], [[shards[0]!, shards[0]!], 'shard 1/2 is given twice']] as const) {
    const out = join(cwd, `merged-${given.length}`);
    const refused = await runCli(bin, ['merge', '--reports', out, ...given], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(why);
    const summary = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(summary).toContain(why);
    expect(summary).not.toContain('no case was judged');
    expect(summary).toContain('Exit code 2: the shards were not merged (the line above says why), so the run has no verdict; each shard\'s own reports are in its folder.');
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).not.toContain('no case was judged');
  }
});

test('a shard folder under a file (ENOTDIR), or out of reach (EACCES, as a user the modes refuse): exit 2 in one line naming the shard as the file system refused it, not an internal error', async () => {
  const cwd = scratchDir('zvc-merge-unread-');
  chmodSync(cwd, 0o777);
  writeFileSync(join(cwd, 'plain'), 'x');
  const under = join(cwd, 'plain', 'shard-2');
  const refused = await runCli(bin, ['merge', '--reports', join(cwd, 'out'), under, shards[0] ?? ''], { cwd });
  expect(refused.code).toBe(2);
  expectOneLineError(refused.stderr, new RegExp(`^zavu-conformance merge: shard ${escapeRegex(under)}: no such folder: a part of its path is a file, not a folder \\(ENOTDIR\\)$`));
  if (process.platform === 'win32') return;
  mkdirSync(join(cwd, 'locked', 'shard-2'), { recursive: true });
  chmodSync(join(cwd, 'locked'), 0o600);
  const locked = join(cwd, 'locked', 'shard-2');
  // Root reads any folder: as root, the merge runs as nobody, whom the mode refuses.
  const user = unprivilegedUser();
  try {
    const denied = await runCli(bin, ['merge', '--reports', join(cwd, 'out-2'), locked, shards[0] ?? ''], { cwd, ...(user === undefined ? {} : { user }) });
    expect(denied.code).toBe(2);
    expectOneLineError(denied.stderr, new RegExp(`^zavu-conformance merge: shard ${escapeRegex(locked)}: cannot be read: permission denied \\(EACCES\\)$`));
  } finally {
    // Searchable again, so the scratch folder's removal reaches inside it (a user other than root's).
    chmodSync(join(cwd, 'locked'), 0o700);
  }
});

test.each([
  ['a misspelt flag', ['--min-coverage', 'statuses=50'], {}, 'unknown flag --min-coverage'],
  ['a bad setting', [], { ZAVU_ALLOW_FLAKY: 'maybe' }, 'ZAVU_ALLOW_FLAKY "maybe"'],
] as const)("a merge refused for %s over OUT's earlier merge: its NOT RUN says the shards were not merged, as a missing shard's does, not that no case was judged", async (_what, flags, env, why) => {
  const cwd = scratchDir('zvc-merge-refused-setting-');
  const out = await earlierMerge(cwd);
  const refused = await runCli(bin, ['merge', '--reports', out, ...flags, ...shards], { cwd, env });
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain(why);
  for (const file of ['summary.md', 'junit.xml']) expect(readFileSync(join(out, file), 'utf8')).not.toContain('no case was judged');
  expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain(`Exit code 2: ${MERGE_REFUSED_VERDICT}`);
});

test("a shard whose conformance.json is a FIFO (no writer): exit 2 in one line naming it, at once, not a merge waiting for ever", async () => {
  const cwd = scratchDir('zvc-merge-fifo-');
  const fifoShard = join(cwd, 'shard-fifo');
  mkdirSync(fifoShard);
  execFileSync('mkfifo', [join(fifoShard, 'conformance.json')]);
  // A child killed after its deadline, not Jest's worker: a read that blocks would end with a signal and no code, failing here.
  const run = await runCli(bin, ['merge', '--reports', join(cwd, 'out'), shards[0] ?? '', fifoShard], { cwd, timeoutMs: 15_000 });
  expect(run.code).toBe(2);
  expectOneLineError(run.stderr, new RegExp(`^zavu-conformance merge: shard ${escapeRegex(join(fifoShard, 'conformance.json'))}: is a FIFO, not a regular file$`));
  expect(lstatSync(join(fifoShard, 'conformance.json')).isFIFO()).toBe(true);
});

describe('a signal before the merge writes its verdict', () => {
  test.each(INTERRUPTION_SIGNALS)('%s: exit %d, one line, and OUT\'s earlier merge gives way to NOT RUN', async (signal, code) => {
    const cwd = scratchDir('zvc-merge-signal-');
    const out = await earlierMerge(cwd);
    const preload = signalOnOpen(cwd, signal, out);
    const ended = await runCli(bin, ['merge', '--reports', out, ...shards], { cwd, env: { NODE_OPTIONS: `--require ${preload}` } });
    expect(ended.code).toBe(code);
    expectOneLineError(ended.stderr, new RegExp(`^zavu-conformance merge: interrupted by ${signal} before the verdict \\(${escapeRegex(out)}/summary\\.md says NOT RUN\\)$`));
    expect(reportFiles(out)).toEqual(['junit.xml', 'summary.md']);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(new RegExp(`^${SUMMARY_HEADING}: NOT RUN\n\n\`interrupted by ${signal} before the verdict\`\n\nExit code ${code}: `));
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toMatch(new RegExp(`<error message="interrupted by ${signal} before the verdict[^"]*" type="not-run">`));
  });

  test.each([false, true])("over a killed merge's lock (--history: %s): its NOT RUN says the takeover's note too, as a refused merge's does", async (withHistory) => {
    const cwd = scratchDir('zvc-merge-signal-dead-lock-');
    const out = await earlierMerge(cwd);
    const said = deadLock(out);
    const preload = signalOnOpen(cwd, 'SIGTERM', out);
    const history = withHistory ? ['--history', join(cwd, 'history.jsonl')] : [];
    const ended = await runCli(bin, ['merge', '--reports', out, ...history, ...shards], { cwd, env: { NODE_OPTIONS: `--require ${preload}` } });
    expect(ended.code).toBe(143);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(new RegExp(`^${SUMMARY_HEADING}: NOT RUN\n`));
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain(said);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain(said);
  });

  test('with --history the night is recorded as not run, once; the same merge run again records its verdict beside it', async () => {
    const cwd = scratchDir('zvc-merge-signal-history-');
    const out = await earlierMerge(cwd);
    const store = join(cwd, 'history.jsonl');
    const preload = signalOnOpen(cwd, 'SIGTERM', out);
    const ended = await runCli(bin, ['merge', '--reports', out, '--history', store, ...shards], { cwd, env: { NODE_OPTIONS: `--require ${preload}` } });
    expect(ended.code).toBe(143);
    const [stop, recorded, ...more] = ended.stderr.replace(/\n$/, '').split('\n');
    expectOneLineError(`${stop ?? ''}\n`, /^zavu-conformance merge: interrupted by SIGTERM before the verdict \(.*summary\.md says NOT RUN\)$/);
    expect(recorded).toMatch(new RegExp(`^history: recorded in ${escapeRegex(store)} as not run \\(exit 143\\): a gap in the trends of embedded reference server with writes$`));
    expect(more).toEqual([]);
    const shard1 = JSON.parse(readFileSync(join(shards[0] ?? '', 'conformance.json'), 'utf8')) as ConformanceReport;
    expect(readHistory(store).map((r) => r.record)).toEqual([
      expect.objectContaining({ run: expect.objectContaining({ target: 'embedded reference server', startedAt: shard1.runInfo.startedAt, shards: 2 }), cases: [], stopped: { reason: 'interrupted by SIGTERM before the verdict', exitCode: 143 } }),
    ]);
    // The CI job re-run: its verdict is the night's, not taken for the interrupted record.
    const again = await runCli(bin, ['merge', '--reports', out, '--history', store, ...shards], { cwd });
    expect(again.code).toBe(0);
    expect(readHistory(store).map((r) => r.record.stopped?.exitCode)).toEqual([143, undefined]);
  });

  test('while the dispatcher loads the merge command: exit 130, NOT RUN in OUT', async () => {
    const cwd = scratchDir('zvc-merge-signal-load-');
    const out = await earlierMerge(cwd);
    // The signal lands exactly while the dispatcher loads merge's modules: a preload sends it as that load begins.
    const preload = join(cwd, 'signal-on-load.js');
    writeFileSync(
      preload,
      `const Module = require('node:module'); const load = Module._load; let sent = false;
Module._load = function (request, ...rest) {
  if (!sent && /\\/merge-main$/.test(request)) { sent = true; process.kill(process.pid, 'SIGINT'); }
  return load.call(this, request, ...rest);
};`,
    );
    const ended = await runCli(bin, ['merge', '--reports', out, ...shards], { cwd, env: { NODE_OPTIONS: `--require ${preload}` } });
    expect(ended.code).toBe(130);
    expectOneLineError(ended.stderr, /^zavu-conformance merge: interrupted by SIGINT before the verdict \(.*summary\.md says NOT RUN\)$/);
    expect(reportFiles(out)).toEqual(['junit.xml', 'summary.md']);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(new RegExp(`^${SUMMARY_HEADING}: NOT RUN\n\n\`interrupted by SIGINT`));
  });

  test("while a stopped shard's night waits for the store's lock: NOT RUN, and the night's record given up, said", async () => {
    const cwd = scratchDir('zvc-merge-signal-stopped-');
    const out = await earlierMerge(cwd);
    // Shard 2's night stopped (its target down): its NOT RUN summary carries the night, as a stopped shard writes it.
    const stopped = join(cwd, 'shard-2-down');
    cpSync(shards[1] ?? '', stopped, { recursive: true });
    const { runInfo } = JSON.parse(readFileSync(join(stopped, 'conformance.json'), 'utf8')) as ConformanceReport;
    const night = { shard: '2/2', target: runInfo.target, mode: runInfo.mode, specSha256: runInfo.specSha256, suiteVersion: runInfo.suiteVersion, startedAt: runInfo.startedAt, finishedAt: runInfo.finishedAt, exitCode: 3 };
    markNotRun(stopped, 'the target is unreachable', 3, [], night);
    const store = join(cwd, 'history.jsonl');
    holdLock(store);
    const running = spawnCli(bin, ['merge', '--reports', out, '--history', store, shards[0] ?? '', stopped], { cwd });
    await printed(running, `history: waiting up to 15 s for ${store}.lock`);
    running.child.kill('SIGTERM');
    const ended = await running.ended;
    expect(ended.code).toBe(143);
    expect(ended.stderr).toBe(`zavu-conformance merge: interrupted by SIGTERM before the verdict (${out}/summary.md says NOT RUN)\nhistory: this night's record as not run was still waiting for ${store}.lock: not appended\n`);
    expect(reportFiles(out)).toEqual(['junit.xml', 'summary.md']);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(new RegExp(`^${SUMMARY_HEADING}: NOT RUN\n\n\`interrupted by SIGTERM`));
    expect(existsSync(store)).toBe(false);
  });
});

test("a signal while the merged verdict's record waits for the store's lock: exit 143, the reports stand, one line saying the store may lack the run", async () => {
  const cwd = scratchDir('zvc-merge-signal-after-');
  const out = join(cwd, 'merged');
  const store = join(cwd, 'history.jsonl');
  holdLock(store);
  const running = spawnCli(bin, ['merge', '--reports', out, '--history', store, ...shards], { cwd });
  await printed(running, `history: waiting up to 15 s for ${store}.lock`);
  running.child.kill('SIGTERM');
  const ended = await running.ended;
  expect(ended.code).toBe(143);
  expect(ended.stderr).toBe(`zavu-conformance merge: interrupted by SIGTERM after the verdict: the reports in ${out} stand; the history store may lack this run\n`);
  expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(new RegExp(`^${SUMMARY_HEADING}: CONFORMANT`));
  expect(reportFiles(out)).toEqual(['certificate.json', 'conformance.html', 'conformance.json', 'junit.xml', 'summary.md']);
  expect(existsSync(store)).toBe(false);
});

describe("the run's baseline settings", () => {
  test.each([
    ['--baseline-strict', ['--baseline-strict'], {}],
    ['ZAVU_BASELINE_STRICT', [], { ZAVU_BASELINE_STRICT: '1' }],
  ])('%s without a baseline: exit 2 in one line, as a run refuses it, and OUT says NOT RUN', async (label, args, env) => {
    const cwd = scratchDir('zvc-merge-strict-');
    const out = await earlierMerge(cwd);
    const ended = await runCli(bin, ['merge', '--reports', out, ...args, ...shards], { cwd, env });
    expect(ended.code).toBe(2);
    expectOneLineError(ended.stderr, new RegExp(`^zavu-conformance merge: ${label} needs --baseline FILE$`));
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(new RegExp(`^${SUMMARY_HEADING}: NOT RUN\n\n\`${label} needs --baseline FILE\``));
  });

  test('ZAVU_BASELINE is the baseline of a merge as of a run: the merged run is diffed against it', async () => {
    const cwd = scratchDir('zvc-merge-baseline-env-');
    const earlier = await earlierMerge(cwd);
    const baseline = join(cwd, 'last-night', 'conformance.json');
    mkdirSync(join(cwd, 'last-night'));
    cpSync(join(earlier, 'conformance.json'), baseline);
    const out = join(cwd, 'tonight');
    const ended = await runCli(bin, ['merge', '--reports', out, ...shards], { cwd, env: { ZAVU_BASELINE: baseline } });
    expect(ended).toMatchObject({ code: 0, stderr: '' });
    const report = JSON.parse(readFileSync(join(out, 'conformance.json'), 'utf8')) as ConformanceReport;
    expect(report.baseline).toMatchObject({ baseline: { file: baseline }, newFailures: [], fixed: [] });
  });
});

describe("the run's allow-flaky setting", () => {
  /** A copy of the shards whose first shard's first passed case is flaky (passed once, 503 once), as a --repeat run records it. */
  function flakyShards(cwd: string): string[] {
    const copies = shards.map((dir, i) => join(cwd, `flaky-shard-${i + 1}`));
    shards.forEach((dir, i) => cpSync(dir, copies[i]!, { recursive: true }));
    const file = join(copies[0]!, 'conformance.json');
    const report = JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport;
    const flaky = report.results.find((r) => r.status === 'passed');
    if (flaky === undefined) throw new Error('no passed case in shard 1/2');
    Object.assign(flaky, {
      status: 'flaky',
      attempts: [{ status: 'passed', receivedStatus: 200, durationMs: 1, checks: [] }, { status: 'failed', receivedStatus: 503, durationMs: 1, checks: ['flaky'] }],
      violations: [{ check: 'flaky', severity: 'error', title: 'flaky', message: 'Received: 200, 503 / Expected: one verdict', instancePath: '' }],
    });
    writeFileSync(file, JSON.stringify(report));
    return copies;
  }

  test('ZAVU_ALLOW_FLAKY passes the flaky cases of a merge as of a run (without it, exit 1)', async () => {
    const cwd = scratchDir('zvc-merge-allow-flaky-');
    const flaky = flakyShards(cwd);
    const strict = await runCli(bin, ['merge', '--reports', join(cwd, 'strict'), ...flaky], { cwd });
    expect(strict.code).toBe(1);
    const out = join(cwd, 'lenient');
    const lenient = await runCli(bin, ['merge', '--reports', out, ...flaky], { cwd, env: { ZAVU_ALLOW_FLAKY: '1' } });
    expect(lenient).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(new RegExp(`^${SUMMARY_HEADING}: CONFORMANT`));
  });

  test('ZAVU_ALLOW_FLAKY neither on nor off: exit 2 in one line naming it, as a run refuses it, and OUT says NOT RUN', async () => {
    const cwd = scratchDir('zvc-merge-allow-flaky-bad-');
    const out = await earlierMerge(cwd);
    const ended = await runCli(bin, ['merge', '--reports', out, ...shards], { cwd, env: { ZAVU_ALLOW_FLAKY: 'maybe' } });
    expect(ended.code).toBe(2);
    expectOneLineError(ended.stderr, /^zavu-conformance merge: ZAVU_ALLOW_FLAKY "maybe" must be 1, true, yes or on \(or 0, false, no, off\)$/);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(new RegExp(`^${SUMMARY_HEADING}: NOT RUN`));
  });
});

describe('a bad setting is a usage error, found before OUT is touched: nothing is written', () => {
  test.each([
    ['a misspelt setting in the environment', { ZAVU_REPORT_DIR: 'elsewhere' }, undefined, /^zavu-conformance merge: ZAVU_REPORT_DIR is no setting of the suite, so it would be ignored: did you mean ZAVU_REPORTS_DIR\?/],
    ['a misspelt setting in .env', {}, 'ZAVU_HISTROY=h.jsonl\n', /^zavu-conformance merge: ZAVU_HISTROY \(from \.env\) is no setting of the suite, so it would be ignored: did you mean ZAVU_HISTORY\?/],
    ['a .env line dotenv does not read', {}, 'ZAVU_HISTORY h.jsonl\n', /^zavu-conformance merge: \S+\.env:1: ZAVU_HISTORY is not set as NAME=VALUE, so it would be ignored: write ZAVU_HISTORY=VALUE$/],
    ['an on/off setting neither on nor off', { ZAVU_ALLOW_FLAKY: 'maybe' }, undefined, /^zavu-conformance merge: ZAVU_ALLOW_FLAKY "maybe" must be 1, true, yes or on/],
  ] as const)('%s: exit 2 in one line, and no OUT made', async (_what, env, dotenv, line) => {
    const cwd = scratchDir('zvc-merge-bad-setting-');
    if (dotenv !== undefined) writeFileSync(join(cwd, '.env'), dotenv);
    const ended = await runCli(bin, ['merge', '--reports', 'out', ...shards], { cwd, env });
    expect(ended.code).toBe(2);
    expectOneLineError(ended.stderr, line);
    expect(existsSync(join(cwd, 'out'))).toBe(false);
    expect(existsSync(join(cwd, 'h.jsonl'))).toBe(false);
  });
});

test('an OUT that is a file, or under one, is exit 2 in one line naming it (as a run\'s --reports), not an internal error; the file is left as it was', async () => {
  const cwd = scratchDir('zvc-merge-out-file-');
  const file = join(cwd, 'out.txt');
  writeFileSync(file, 'not a folder');
  for (const [out, why] of [
    [file, 'it is a file, not a folder'],
    [join(file, 'merged'), 'a part of the path is a file, not a folder'],
  ] as const) {
    const run = await runCli(bin, ['merge', '--reports', out, ...shards], { cwd });
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, new RegExp(`^zavu-conformance merge: --reports ${escapeRegex(out)}: cannot write there \\(${escapeRegex(why)}\\)$`));
  }
  expect(readFileSync(file, 'utf8')).toBe('not a folder');
});

describe('shards written on a CRLF runner merge as LF ones do (a Windows runner, an artifact through autocrlf)', () => {
  /** Every text file of a shard folder rewritten with CRLF line endings. */
  function toCrlf(dir: string): void {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (!lstatSync(file).isFile()) continue;
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('\n');
      writeFileSync(file, text.replace(/\r?\n/g, '\r\n'));
    }
  }
  /** The merged reports that say the verdict, as written. */
  const outputs = (out: string): Record<string, string> => Object.fromEntries(['conformance.json', 'summary.md', 'junit.xml'].filter((name) => existsSync(join(out, name))).map((name) => [name, readFileSync(join(out, name), 'utf8')]));

  test('two shards that ran, one CRLF: the merged report is the all-LF merge\'s', async () => {
    const cwd = scratchDir('zvc-merge-crlf-');
    for (const [i, dir] of shards.entries()) cpSync(dir, join(cwd, `shard-${i + 1}`), { recursive: true });
    const lf = await runCli(bin, ['merge', '--reports', 'out-lf', 'shard-1', 'shard-2'], { cwd });
    expect(lf.code).toBe(0);
    toCrlf(join(cwd, 'shard-1'));
    const crlf = await runCli(bin, ['merge', '--reports', 'out-crlf', 'shard-1', 'shard-2'], { cwd });
    expect({ code: crlf.code, stderr: crlf.stderr }).toEqual({ code: 0, stderr: lf.stderr });
    expect(outputs(join(cwd, 'out-crlf'))).toEqual(outputs(join(cwd, 'out-lf')));
  });

  test("a stopped shard's NOT RUN summary with CRLF: its reason and night are read, and the merge is the all-LF one's (exit 3, the night recorded)", async () => {
    const cwd = scratchDir('zvc-merge-crlf-stopped-');
    cpSync(shards[0] ?? '', join(cwd, 'shard-1'), { recursive: true });
    const ran = JSON.parse(readFileSync(join(cwd, 'shard-1', 'conformance.json'), 'utf8')) as ConformanceReport;
    const { target, mode, specSha256, suiteVersion, finishedAt } = ran.runInfo;
    mkdirSync(join(cwd, 'shard-2'));
    markNotRun(join(cwd, 'shard-2'), 'target http://127.0.0.1:9 is unreachable (connection refused)', 3, [], { shard: '2/2', target, mode, specSha256, suiteVersion, startedAt: finishedAt, finishedAt, exitCode: 3 });
    const merge = (out: string, store: string) => runCli(bin, ['merge', '--reports', out, '--history', store, 'shard-1', 'shard-2'], { cwd });
    const lf = await merge('out-lf', 'lf.jsonl');
    expect(lf.code).toBe(3);
    toCrlf(join(cwd, 'shard-2'));
    const crlf = await merge('out-crlf', 'crlf.jsonl');
    expect({ code: crlf.code, stderr: crlf.stderr }).toEqual({ code: 3, stderr: lf.stderr.replace('lf.jsonl', 'crlf.jsonl') });
    expect(outputs(join(cwd, 'out-crlf'))).toEqual(outputs(join(cwd, 'out-lf')));
    expect(readHistory(join(cwd, 'crlf.jsonl')).map((r) => r.record)).toEqual(readHistory(join(cwd, 'lf.jsonl')).map((r) => r.record));
  });
});
