/**
 * A sharded night one of whose shards stopped before its verdict (its target down, an
 * interruption) is a night not run, as an unsharded run's stop is: the stopped shard writes its
 * night into its NOT RUN summary, and the merge records the night once, naming that shard and its
 * reason. A shard stopped by its settings writes no night, and its merge records nothing.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readHistory } from '../../src/history/read-history';
import { startReferenceServer } from '../../src/reference-server';
import { SUMMARY_HEADING } from '../../src/report/report-files';
import { markNotRun, notRunNight } from '../../src/runner/not-run';
import type { ShardNight } from '../../src/shard/shard-night';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { expectOneLineError } from '../support/one-line-error';
import { startScriptedServer } from '../support/misbehaving-servers';
import { repoRoot, runCli, spawnCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

/**
 * A merge's stderr when its night was not run: the one line saying why, then the history's line
 * saying what was done about it (returned), in that order on one stream, no stack frame.
 */
function stopThenRecord(stderr: string, why: RegExp): string {
  const [stop, ...after] = stderr.replace(/\n$/, '').split('\n');
  expectOneLineError(`${stop ?? ''}\n`, why);
  expect(after).toHaveLength(1);
  return after[0] ?? '';
}

const quick = ['--fuzz-runs', '0', '--seed', '7', '--operation', 'getWhatsAppSyncStatus'];

function merge(cwd: string, args: string[]) {
  return runCli('zavu-conformance-main.js', ['merge', ...args], { cwd });
}

// A write run's stopped night is of its target's write series (history-window.ts Series): its
// shard's night block says so, and the merge records the gap there, not in the read-only gate's trend.
test('a sharded night with --allow-writes whose shard stopped is recorded as a night of the write runs', async () => {
  const cwd = scratchDir('zvc-sharded-writes-');
  const store = join(cwd, 'history.jsonl');
  const server = await startReferenceServer();
  const env = serverEnv(server);
  const writes = [...quick, '--allow-writes'];
  let closed = false;
  try {
    expect((await runConformanceCli(['--base-url', server.baseUrl, '--shard', '1/2', '--reports', 'shard-1', ...writes], env, cwd)).code).toBe(0);
    await server.close();
    closed = true;
    expect((await runConformanceCli(['--base-url', server.baseUrl, '--shard', '2/2', '--reports', 'shard-2', ...writes], env, cwd)).code).toBe(3);
  } finally {
    if (!closed) await server.close();
  }
  expect(notRunNight(join(cwd, 'shard-2'))).toMatchObject({ shard: '2/2', allowWrites: true });
  const merged = await merge(cwd, ['--reports', 'merged', '--history', store, 'shard-1', 'shard-2']);
  expect(merged.code).toBe(3);
  expect(stopThenRecord(merged.stderr, /shard \S+shard-2 did not run/)).toBe(`history: recorded in ${store} as not run (exit 3): a gap in the trends of ${server.baseUrl} with writes`);
  expect(readHistory(store).map((r) => r.record.run.allowWrites)).toEqual([true]);
}, 90_000);

test('a shard whose target went down: the merge exits 3 naming it, and records the night once as not run with its reason', async () => {
  const cwd = scratchDir('zvc-sharded-night-');
  const store = join(cwd, 'history.jsonl');
  const server = await startReferenceServer();
  const env = serverEnv(server);
  let closed = false;
  try {
    expect((await runConformanceCli(['--base-url', server.baseUrl, '--shard', '1/2', '--reports', 'shard-1', ...quick], env, cwd)).code).toBe(0);
    await server.close();
    closed = true;
    // The same target, down now: connection refused, exit 3 before any case.
    const down = await runConformanceCli(['--base-url', server.baseUrl, '--shard', '2/2', '--reports', 'shard-2', ...quick], env, cwd);
    expect(down.code).toBe(3);
  } finally {
    if (!closed) await server.close();
  }
  const night = notRunNight(join(cwd, 'shard-2'));
  expect(night).toMatchObject({ shard: '2/2', target: server.baseUrl, mode: 'live', exitCode: 3 });

  const merged = await merge(cwd, ['--reports', 'merged', '--history', store, 'shard-1', 'shard-2']);
  expect(merged.code).toBe(3);
  // Why the night was not run, then what was done about it, on one stream (as a run's own stop says it).
  expect(stopThenRecord(merged.stderr, /shard \S+shard-2 did not run \(its summary\.md says NOT RUN: .*unreachable/)).toBe(`history: recorded in ${store} as not run (exit 3): a gap in the trends of ${server.baseUrl}`);
  expect(merged.stdout).toBe('');
  expect(readFileSync(join(cwd, 'merged', 'summary.md'), 'utf8')).toMatch(new RegExp(`^${SUMMARY_HEADING}: NOT RUN\n\n\`shard \\S+shard-2 did not run[^\n]*\`\n\nExit code 3:`));
  // Shard 1 did judge its cases: the merge's NOT RUN says so, not "no case was judged".
  // Judged: passed, failed or flaky; the skips (writes of a read-only run) are said apart.
  const statuses = (JSON.parse(readFileSync(join(cwd, 'shard-1', 'conformance.json'), 'utf8')) as { results: { status: string }[] }).results.map((r) => r.status);
  const judged = statuses.filter((s) => s !== 'skipped' && s !== 'error').length;
  const skipped = statuses.filter((s) => s === 'skipped').length;
  const verdict = `Exit code 3: shard 2/2 did not run, so the night has no verdict; 1 shard judged ${judged} case${judged === 1 ? '' : 's'}${skipped === 0 ? '' : ` (${skipped} skipped)`}, not merged without it.`;
  expect(readFileSync(join(cwd, 'merged', 'summary.md'), 'utf8')).toContain(`\n\n${verdict}\n`);
  expect(readFileSync(join(cwd, 'merged', 'junit.xml'), 'utf8')).toContain(verdict);
  const records = readHistory(store).map((r) => r.record);
  expect(records).toHaveLength(1);
  const shard1 = JSON.parse(readFileSync(join(cwd, 'shard-1', 'conformance.json'), 'utf8')) as { runInfo: { startedAt: string } };
  expect(records[0]).toMatchObject({
    // From the shard that ran (its start, the earlier) to the stopped one's stop.
    run: { target: server.baseUrl, mode: 'live', startedAt: shard1.runInfo.startedAt, finishedAt: night?.finishedAt, shards: 2 },
    cases: [],
    stopped: { reason: expect.stringMatching(/^shard 2\/2 did not run: .*unreachable/), exitCode: 3 },
  });
  // The same merge again (a CI job re-run): the night is there already.
  const again = await merge(cwd, ['--reports', 'merged', '--history', store, 'shard-1', 'shard-2']);
  expect(again.code).toBe(3);
  expect(stopThenRecord(again.stderr, /shard \S+shard-2 did not run/)).toContain('is already in');
  expect(readHistory(store)).toHaveLength(1);
  const history = await runCli('zavu-conformance-main.js', ['history', '--history', store], { cwd });
  expect(history.stdout).toMatch(/not run: shard 2\/2 did not run: .*unreachable.* \(exit 3\)/);

  // A shard stopped by its settings is no night: no record, exit 2 as ever.
  const typo = join(cwd, 'typo');
  mkdirSync(typo);
  writeFileSync(join(typo, 'summary.md'), `${SUMMARY_HEADING}: NOT RUN\n\n\`--timeout "abc" must be a whole number\`\n\nExit code 2: no case was judged, so there is no verdict.\n`);
  const bad = await merge(cwd, ['--reports', 'merged2', '--history', join(cwd, 'other.jsonl'), 'shard-1', 'typo']);
  expect(bad.code).toBe(2);
  expect(readHistory(join(cwd, 'other.jsonl'))).toEqual([]);
  expect(readFileSync(join(cwd, 'merged2', 'summary.md'), 'utf8')).toMatch(/\n\nExit code 2: the shard in \S+typo did not run, so the night has no verdict; 1 shard judged \d+ cases?(?: \(\d+ skipped\))?, not merged without it\.\n/);
}, 90_000);

test('a shard interrupted by SIGTERM before its verdict writes its night into its NOT RUN summary, for its merge', async () => {
  const cwd = scratchDir('zvc-sharded-night-term-');
  let arrive: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  // Holds every request open: the run is surely mid-flight when the signal comes.
  const target = await startScriptedServer(() => arrive());
  let ended;
  const run = spawnCli('conformance-main.js', ['--base-url', target.baseUrl, '--shard', '1/2', '--reports', 'shard-1', ...quick], { cwd, env: { ZAVU_API_KEY: 'zv_test_shardednight0123' } });
  try {
    await arrived;
    run.child.kill('SIGTERM');
    ended = await run.ended;
  } finally {
    run.child.kill('SIGKILL');
    await target.close();
  }
  expect(ended.code).toBe(143);
  expect(notRunNight(join(cwd, 'shard-1'))).toMatchObject({ shard: '1/2', target: target.baseUrl, exitCode: 143, shardPlan: { cases: expect.any(Number) } });
  expect(readFileSync(join(cwd, 'shard-1', 'summary.md'), 'utf8')).not.toContain('zv_test_shardednight0123');
}, 60_000);

test('every shard interrupted: the merge exits 2 (no target was unreachable) and records the night once, its target and reason scrubbed of every key', async () => {
  const cwd = scratchDir('zvc-sharded-night-interrupted-');
  const store = join(cwd, 'history.jsonl');
  // The merge's own key, and a key-shaped word a shard's reason quotes (a target's echo): neither may reach the store.
  const key = 'zv_test_mergekey0123456789';
  const stranger = 'zv_live_strangerkey98765';
  const night = (shard: string, exitCode: number, finishedAt: string): ShardNight => ({
    shard,
    target: `https://api.example/${key}`,
    mode: 'live',
    specSha256: 'a'.repeat(64),
    suiteVersion: '0.2.0',
    startedAt: '2026-12-01T03:00:01.000Z',
    finishedAt,
    exitCode,
  });
  for (const dir of ['s1', 's2']) mkdirSync(join(cwd, dir));
  markNotRun(join(cwd, 's1'), `interrupted by SIGTERM before the verdict (the target said ${stranger})`, 143, [], night('1/2', 143, '2026-12-01T03:00:07.000Z'));
  markNotRun(join(cwd, 's2'), 'interrupted by SIGINT before the verdict', 130, [], night('2/2', 130, '2026-12-01T03:00:09.000Z'));

  const merged = await runCli('zavu-conformance-main.js', ['merge', '--reports', 'merged', '--history', store, 's1', 's2'], { cwd, env: { ZAVU_API_KEY: key } });
  expect(merged.code).toBe(2);
  stopThenRecord(merged.stderr, /shard \S*s1 did not run \(its summary\.md says NOT RUN: interrupted by SIGTERM[^\n]*; 1 other shard did not run either/);
  const text = readFileSync(store, 'utf8');
  expect(text).not.toContain(key);
  expect(text).not.toContain(stranger);
  const records = readHistory(store).map((r) => r.record);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({
    run: { mode: 'live', startedAt: '2026-12-01T03:00:01.000Z', finishedAt: '2026-12-01T03:00:09.000Z', shards: 2 },
    stopped: { reason: expect.stringMatching(/^shard 1\/2 did not run: interrupted by SIGTERM/), exitCode: 143 },
  });
}, 60_000);

test('one shard interrupted, another whose target went down: the merge exits 3 and the night is recorded with the unreachable shard\'s reason, whichever sorts first', async () => {
  const cwd = scratchDir('zvc-sharded-night-mixed-');
  const store = join(cwd, 'history.jsonl');
  const night = (shard: string, exitCode: number): ShardNight => ({
    shard,
    target: 'https://api.example',
    mode: 'live',
    specSha256: 'b'.repeat(64),
    suiteVersion: '0.2.0',
    startedAt: '2026-12-02T03:00:01.000Z',
    finishedAt: '2026-12-02T03:00:05.000Z',
    exitCode,
  });
  for (const dir of ['s1', 's2']) mkdirSync(join(cwd, dir));
  markNotRun(join(cwd, 's1'), 'interrupted by SIGTERM before the verdict', 143, [], night('1/2', 143));
  markNotRun(join(cwd, 's2'), 'target https://api.example is unreachable (connection-refused)', 3, [], night('2/2', 3));

  const merged = await runCli('zavu-conformance-main.js', ['merge', '--reports', 'merged', '--history', store, 's1', 's2'], { cwd });
  expect(merged.code).toBe(3);
  stopThenRecord(merged.stderr, /shard \S*s2 did not run \(its summary\.md says NOT RUN: target https:\/\/api\.example is unreachable[^\n]*; 1 other shard did not run either/);
  const records = readHistory(store).map((r) => r.record);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ run: { shards: 2 }, stopped: { reason: expect.stringMatching(/^shard 2\/2 did not run: target https:\/\/api\.example is unreachable/), exitCode: 3 } });
}, 60_000);

// A shard a suite older than the night line stopped (its target down) writes no night: its merge
// exits 2 and records nothing, as documented, but said nothing of the store it was given, so a
// night of outage left the history without a gap and without a word.
test("shards stopped by a suite that wrote no night: exit 2, nothing recorded, and a line saying so names the store and the shard", async () => {
  const cwd = scratchDir('zvc-sharded-night-older-');
  const store = join(cwd, 'history.jsonl');
  for (const shard of ['shard-1', 'shard-2']) {
    mkdirSync(join(cwd, shard));
    // As a build of 2026-12-03 wrote it: the reason and the exit code's words, no night comment.
    writeFileSync(join(cwd, shard, 'summary.md'), `${SUMMARY_HEADING}: NOT RUN\n\n\`target http://127.0.0.1:9 is unreachable (connection-refused: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9)\`\n\nExit code 3: no case was judged, so there is no verdict.\n`);
  }
  const merged = await merge(cwd, ['--reports', 'merged', '--history', store, 'shard-1', 'shard-2']);
  expect(merged.code).toBe(2);
  expect(readHistory(store)).toEqual([]);
  expect(stopThenRecord(merged.stderr, /shard \S+shard-1 did not run \(its summary\.md says NOT RUN: target .*unreachable/)).toBe(
    `history: nothing recorded in ${store}: the NOT RUN summary.md of shard ${join(cwd, 'shard-1')} names no night this merge can read (a stop its settings caused, a shard of a suite older than this one, which wrote none, or an edited summary.md)`,
  );
  // Without --history there is no store to speak of: the one line alone.
  const alone = await merge(cwd, ['--reports', 'merged', 'shard-1', 'shard-2']);
  expect(alone.code).toBe(2);
  expectOneLineError(alone.stderr, /shard \S+shard-1 did not run/);
}, 30_000);

// The embedded server's runs are write runs with --allow-writes or without it (runner/live-writes.ts):
// a shard of one stopped before its verdict says so in its night, as its sibling's report does, so
// the merge reads them as one run and records the gap in the embedded server's one series.
test('an embedded sharded night without --allow-writes, one shard aborted: its night is a write run\'s as its sibling\'s report is, and the merge records the gap with writes', async () => {
  const library = require(join(repoRoot, 'dist/library')) as typeof import('../../src/library');
  const cwd = scratchDir('zvc-sharded-night-embedded-');
  const store = join(cwd, 'history.jsonl');
  const options = { operation: 'getWhatsAppSyncStatus', fuzzRuns: 0, seed: 7, env: {}, cwd };
  const ran = await library.runConformance({ ...options, shard: '1/2', reports: 'shard-1' });
  expect(ran.report.runInfo.allowWrites).toBe(true);
  // Aborted as it says its banner: prepared, before its first case.
  const controller = new AbortController();
  const out = (text: string): void => (text.startsWith('zavu-conformance ') ? controller.abort() : undefined);
  await expect(library.runConformance({ ...options, shard: '2/2', reports: 'shard-2', signal: controller.signal, out })).rejects.toBeInstanceOf(library.AbortError);
  expect(notRunNight(join(cwd, 'shard-2'))).toMatchObject({ shard: '2/2', target: 'embedded reference server', allowWrites: true });
  const merged = await merge(cwd, ['--reports', 'merged', '--history', store, 'shard-1', 'shard-2']);
  // No target unreachable: 2, as for every shard interrupted (above).
  expect(merged.code).toBe(2);
  expect(stopThenRecord(merged.stderr, /shard \S+shard-2 did not run/)).toBe(`history: recorded in ${store} as not run (exit 130): a gap in the trends of embedded reference server with writes`);
  expect(readHistory(store).map((r) => r.record.run.allowWrites)).toEqual([true]);
}, 90_000);
