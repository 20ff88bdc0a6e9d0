/**
 * A nightly run with --history killed outright (SIGKILL: no handler runs, nothing appended) and
 * the next night's run in the same reports folder: the next run takes over the dead run's lock and
 * appends its night, as did not finish, before its own; the history command and the run's own
 * reports show that night as a gap that did not finish, not as absent, a pass or a failure.
 * The kill comes once the target holds the run's first request open: the run is surely mid-flight.
 */
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { FOLDER_LOCK } from '../../src/files/lock-file';
import { readHistory } from '../../src/history/read-history';
import { nightKey } from '../../src/history/unfinished-night';
import { startReferenceServer } from '../../src/reference-server';
import { textScrubber } from '../../src/runner/scrub-result';
import { serverEnv } from '../support/conformance-run';
import { startScriptedServer } from '../support/misbehaving-servers';
import { builtSuiteBuild, repoRoot, runCli, spawnCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

test('a run killed with SIGKILL mid-run is in the history as a night that did not finish, once, between the nights around it', async () => {
  const reference = await startReferenceServer();
  // One target for every night (its URL is the target the store names): it holds requests open
  // while `holding`, the killed night's, and otherwise hands each to the reference server.
  let holding = false;
  let arrive: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const front = await startScriptedServer((req, res) => {
    if (holding) return arrive();
    const upstream = request(`${reference.baseUrl}${req.url ?? ''}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.once('error', () => res.destroy());
    req.pipe(upstream);
  });
  const cwd = scratchDir('zvc-killed-night-');
  const store = join(cwd, 'history.jsonl');
  const args = ['--base-url', front.baseUrl, '--history', store, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'];
  const env = serverEnv(reference);
  try {
    expect((await runCli('conformance-main.js', args, { cwd, env })).code).toBe(0);

    holding = true;
    const killed = spawnCli('conformance-main.js', args, { cwd, env });
    try {
      // A run that ends before its first request (a setting refused) fails here, at once, not at Jest's timeout.
      await Promise.race([arrived, killed.ended.then((end) => Promise.reject(new Error(`the run ended before its first request: ${end.stdout}${end.stderr}`)))]);
      killed.child.kill('SIGKILL');
      expect((await killed.ended).signal).toBe('SIGKILL');
    } finally {
      killed.child.kill('SIGKILL');
    }
    holding = false;
    // Nothing of the killed night in the store: no handler ran.
    expect(readHistory(store)).toHaveLength(1);

    const next = await runCli('conformance-main.js', args, { cwd, env });
    expect(next.code).toBe(0);
    expect(next.stdout).toMatch(/^note: the run that started at .* did not finish/m);
    expect(next.stdout).toMatch(new RegExp(`^history: recorded in .*history\\.jsonl the night started at \\S+ as did not finish \\(its run was killed or lost\\): a gap in the trends of ${front.baseUrl.replace(/[.]/g, '\\.')}\n`, 'm'));
    expect(next.stdout).toMatch(/^history: appended to .*history\.jsonl \(2 runs of .* and 1 night not run\)/m);

    const records = readHistory(store).map((r) => r.record);
    expect(records.map((r) => (r.stopped?.unfinished === true ? 'did not finish' : r.stopped === undefined ? 'judged' : 'not run'))).toEqual(['judged', 'did not finish', 'judged']);
    const dead = records[1]!;
    expect(dead.stopped?.reason).toMatch(new RegExp(`^the run \\(pid ${killed.child.pid} on .+\\) left its reports folder's lock behind, recorded by the run started at ${records[2]!.run.startedAt}: killed or lost, no exit code$`));
    // Which suite died, from the lock it left: the version and build of the run killed (this build), as the judged nights name theirs.
    expect(dead.run.suiteVersion).toBe(records[0]!.run.suiteVersion);
    expect(dead.run.suiteBuild).toBe(builtSuiteBuild());
    expect(dead.run.suiteBuild).toBe(records[0]!.run.suiteBuild);
    expect(Date.parse(dead.run.startedAt)).toBeGreaterThan(Date.parse(records[0]!.run.finishedAt));
    expect(Date.parse(dead.run.startedAt)).toBeLessThan(Date.parse(records[2]!.run.startedAt));
    // The run's own reports show the gap, this run's verdict untouched by it.
    expect(readFileSync(join(cwd, 'reports', 'summary.md'), 'utf8')).toContain('did not finish: the run (pid');
    const report = JSON.parse(readFileSync(join(cwd, 'reports', 'conformance.json'), 'utf8')) as { history: { runs: { notRun?: { unfinished?: boolean } }[] } };
    expect(report.history.runs.map((r) => r.notRun?.unfinished === true)).toEqual([false, true, false]);

    const shown = await runCli('zavu-conformance-main.js', ['history', '--history', store], { cwd });
    expect(shown.code).toBe(0);
    expect(shown.stdout.split('\n').filter((line) => line.includes('did not finish: the run (pid'))).toHaveLength(1);
    expect(shown.stdout).not.toContain('exit 137');
    // The night after appends no second record of it.
    expect((await runCli('conformance-main.js', args, { cwd, env })).code).toBe(0);
    expect(readHistory(store).filter((r) => r.record.stopped !== undefined)).toHaveLength(1);
    expect(readFileSync(store, 'utf8')).not.toContain(reference.apiKey);
  } finally {
    await front.close();
    await reference.close();
  }
}, 120_000);

/** A lock a run killed outright left in `reportsDir`: its pid is gone, on this host, naming `night`. */
function deadLock(reportsDir: string, night: string): string {
  const gone = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }));
  mkdirSync(reportsDir, { recursive: true });
  const since = new Date(Date.now() - 60 * 60 * 1000).toISOString();
  writeFileSync(join(reportsDir, FOLDER_LOCK), JSON.stringify({ pid: gone, host: hostname(), since, night }));
  return since;
}

test("the takeover's note comes before the line that records the dead run's night: the cause, then what was done of it", async () => {
  const cwd = scratchDir('zvc-killed-order-');
  const store = join(cwd, 'history.jsonl');
  deadLock(join(cwd, 'reports'), nightKey('embedded reference server', 'live', store));
  const run = await runCli('conformance-main.js', ['--history', store, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], { cwd });
  expect(run.code).toBe(0);
  const lines = run.stdout.split('\n');
  const note = lines.findIndex((line) => /^note: the run that started at .* did not finish/.test(line));
  const recorded = lines.findIndex((line) => line.startsWith('history: recorded in ') && line.includes('as did not finish'));
  expect([note >= 0, recorded >= 0]).toEqual([true, true]);
  expect(note).toBeLessThan(recorded);
  // Said once all the same.
  expect(lines.filter((line) => /^note: the run that started at .* did not finish/.test(line))).toHaveLength(1);
});

test('a replay, whose target ("replay of … from …") is read from its recordings after the lock is taken, records no night under a target it never had', async () => {
  const cwd = scratchDir('zvc-killed-replay-');
  const store = join(cwd, 'history.jsonl');
  // What a replay killed outright left before: its night named by the target it knew then, the embedded server's.
  deadLock(join(cwd, 'reports'), nightKey('embedded reference server', 'replay', store));
  const run = await runCli('conformance-main.js', ['--mode', 'replay', '--recordings', join(repoRoot, 'recordings'), '--operation', 'getWhatsAppSyncStatus', '--history', store], { cwd, env: { ZAVU_API_KEY: 'zv_test_replayed' } });
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^note: the run that started at .* did not finish/m);
  expect(readHistory(store).map((r) => r.record.run.target)).toEqual([expect.stringMatching(/^replay of /)]);
});

test("the night the lock names is hashed from the target and store as shown, without the key: a short key inside the URL is no input to a hash anyone reading the folder can try keys against", async () => {
  const key = 'zz9';
  let lock: string | undefined;
  // The first request finds the run's lock in place; the target then closes every connection (the run stops, exit 3).
  const server = await startScriptedServer((_req, res) => {
    lock ??= readFileSync(join(cwd, 'reports', FOLDER_LOCK), 'utf8');
    res.destroy();
  });
  const cwd = scratchDir('zvc-killed-hash-');
  const store = join(cwd, 'history.jsonl');
  const target = `${server.baseUrl}/${key}x`;
  try {
    await runCli('conformance-main.js', ['--base-url', target, '--history', store, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], { cwd, env: { ZAVU_API_KEY: key } });
  } finally {
    await server.close();
  }
  const night = (JSON.parse(lock ?? '{}') as { night?: string }).night;
  const hide = textScrubber([key]);
  expect(hide(target)).not.toContain(key);
  expect(night).not.toBe(nightKey(target, 'live', store));
  expect(night).toBe(nightKey(hide(target), 'live', hide(store)));
});

test("a signal while the dead run's night waits for the store's lock: the night is not lost, the dead run's lock goes back to the folder and the next run records it", async () => {
  const cwd = scratchDir('zvc-killed-signal-');
  const store = join(cwd, 'history.jsonl');
  const reports = join(cwd, 'reports');
  const since = deadLock(reports, nightKey('embedded reference server', 'live', store));
  const dead = readFileSync(join(reports, FOLDER_LOCK), 'utf8');
  // The store's lock held by a live process (this one): the append waits, and the signal lands meanwhile.
  writeFileSync(`${store}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
  const args = ['--history', store, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'];
  const running = spawnCli('conformance-main.js', args, { cwd });
  try {
    await new Promise<void>((resolveWaiting, reject) => {
      const check = (): void => {
        if (running.stdout().includes(`history: waiting up to `)) resolveWaiting();
      };
      running.child.stdout.on('data', check);
      void running.ended.then(() => reject(new Error(`ended before waiting: ${running.stdout()}${running.stderr()}`)));
    });
    running.child.kill('SIGTERM');
    const ended = await running.ended;
    expect(ended.code).toBe(143);
    expect(ended.stderr).toContain(`history: the night that did not finish was NOT appended: history store ${store} is locked by pid ${process.pid}`);
    expect(ended.stderr).toContain(`history: the dead run's lock is back in ${reports}: the next run there with this store records its night\n`);
  } finally {
    running.child.kill('SIGKILL');
  }
  expect(readFileSync(join(reports, FOLDER_LOCK), 'utf8')).toBe(dead);
  rmSync(`${store}.lock`);

  const next = await runCli('conformance-main.js', args, { cwd });
  expect(next.code).toBe(0);
  expect(next.stdout).toContain(`history: recorded in ${store} the night started at ${since} as did not finish`);
  const records = readHistory(store).map((r) => r.record);
  expect(records.map((r) => (r.stopped?.unfinished === true ? 'did not finish' : 'judged'))).toEqual(['did not finish', 'judged']);
  // Named by the run that recorded it (the next one), not the stopped run that took the lock over first.
  expect(records[0]!.stopped?.reason).toContain(`lock behind, recorded by the run started at ${records[1]!.run.startedAt}: killed or lost`);
});

// A run with --allow-writes is a night of its target's write series (history-window.ts Series): the
// lock names it so, the dead write run's night is recorded there, and its own stop too.
test("a write run takes over a dead write run's lock and records its night as a write night; its own stop is a write night too", async () => {
  const cwd = scratchDir('zvc-killed-writes-');
  const store = join(cwd, 'history.jsonl');
  deadLock(join(cwd, 'reports'), nightKey('embedded reference server', 'live', store, true));
  const args = ['--history', store, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--allow-writes'];
  const run = await runCli('conformance-main.js', args, { cwd });
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^history: recorded in .* as did not finish \(its run was killed or lost\): a gap in the trends of embedded reference server with writes\n/m);
  expect(readHistory(store).map((r) => [r.record.stopped?.unfinished === true, r.record.run.allowWrites])).toEqual([[true, true], [false, true]]);
  // Stopped before its verdict (every connection closed: exit 3): a gap in the write runs' trend.
  const server = await startScriptedServer((_req, res) => res.destroy());
  let down;
  try {
    down = await runCli('conformance-main.js', [...args, '--base-url', server.baseUrl], { cwd, env: { ZAVU_API_KEY: 'zv_test_down' } });
  } finally {
    await server.close();
  }
  expect(down.code).toBe(3);
  expect(readHistory(store).at(-1)?.record).toMatchObject({ run: { target: server.baseUrl, allowWrites: true }, stopped: { exitCode: 3 } });
});

// A nightly gate and a weekly write run in one folder and store: the write run killed, the gate
// takes its folder next. Its night is of the write series (its lock names it so), recorded there,
// not lost because the gate is of the other kind.
test("a read-only run that takes over a dead write run's lock records that night in the write series", async () => {
  const cwd = scratchDir('zvc-killed-other-kind-');
  const store = join(cwd, 'history.jsonl');
  // A live target: the embedded server's runs are write runs, with --allow-writes or without it.
  const server = await startReferenceServer();
  let run;
  try {
    deadLock(join(cwd, 'reports'), nightKey(server.baseUrl, 'live', store, true));
    run = await runCli('conformance-main.js', ['--history', store, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--base-url', server.baseUrl], { cwd, env: serverEnv(server) });
  } finally {
    await server.close();
  }
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`as did not finish (its run was killed or lost): a gap in the trends of ${server.baseUrl} with writes\n`);
  expect(readHistory(store).map((r) => [r.record.stopped?.unfinished === true, r.record.run.allowWrites])).toEqual([[true, true], [false, undefined]]);
});

// Before a run's kind was the writes it sent, an embedded run without --allow-writes named a
// read-only night in its lock: tonight's embedded run (a write run) takes it over and records it,
// a night its series reads as a write night (the embedded server's writes ran all the same).
test("an embedded run takes over a lock its older read-only kind named, and records that night in the one series of the embedded server", async () => {
  const cwd = scratchDir('zvc-killed-embedded-old-');
  const store = join(cwd, 'history.jsonl');
  deadLock(join(cwd, 'reports'), nightKey('embedded reference server', 'live', store, false));
  const run = await runCli('conformance-main.js', ['--history', store, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], { cwd });
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^history: recorded in .* as did not finish \(its run was killed or lost\): a gap in the trends of embedded reference server with writes\n/m);
  expect(readHistory(store).map((r) => r.record.stopped?.unfinished === true)).toEqual([true, false]);
  expect(run.stdout).toContain('(1 run of embedded reference server with writes and 1 night not run)');
});

// The lock names the night's kind (a write run's key): an embedded run is a write run without
// --allow-writes too, so were it killed, its night goes in the embedded server's one series.
test('an embedded run without --allow-writes names a write night in its lock', async () => {
  const library = require(join(repoRoot, 'dist/library')) as typeof import('../../src/library');
  const cwd = scratchDir('zvc-killed-embedded-lock-');
  const store = join(cwd, 'history.jsonl');
  let held: string | undefined;
  const out = (text: string): void => {
    if (text.startsWith('zavu-conformance ')) held = readFileSync(join(cwd, 'reports', FOLDER_LOCK), 'utf8');
  };
  await library.runConformance({ operation: 'getWhatsAppSyncStatus', fuzzRuns: 0, env: {}, cwd, history: 'history.jsonl', reports: 'reports', out });
  expect((JSON.parse(held ?? '{}') as { night?: string }).night).toBe(nightKey('embedded reference server', 'live', store, true));
}, 60_000);
