/**
 * History end to end through the built CLI: runs appending to the store, the flaky-rate rule's
 * exit code, a corrupt store, shards that leave the store to their merge, and the history command.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { HISTORY_LIMITS, readHistory } from '../../src/history/read-history';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { startReferenceServer } from '../../src/reference-server';
import { expectOneLineError } from '../support/one-line-error';
import { runCli, spawnCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';
import { escapeRegex } from '../../src/text/escape-regex';
import { night, storeText } from './fixtures';
import { createHash } from 'node:crypto';
import { BUILD_ID_FILE, readBuildId, SUITE_BUILD_PATTERN, suiteVersion } from '../../src/package-root';

/** The embedded server's target label, as runs record it. */
const EMBEDDED = 'embedded reference server';
const quick = ['--fuzz-runs', '0', '--seed', '7'];

function history(args: string[], cwd?: string) {
  return runCli('zavu-conformance-main.js', ['history', ...args], cwd === undefined ? {} : { cwd });
}

/** The shipped spec's sha256 (of its bytes, as a run records it): stored nights judged under tonight's contract. */
const SHIPPED_SPEC_SHA = createHash('sha256').update(readFileSync(join(__dirname, '..', '..', 'specs', 'whatsapp-sync.openapi.yaml'))).digest('hex');

/** Nights 1…n of the embedded server where one real case alternates failed and passed, under the shipped spec and this suite (as tonight's run). */
function flippingStore(file: string, nights: number): void {
  const records = Array.from({ length: nights }, (_, i) => {
    const stored = night(i + 1, '', { target: EMBEDDED });
    const r = { ...stored, run: { ...stored.run, specSha256: SHIPPED_SPEC_SHA, suiteVersion: suiteVersion() } };
    const status = i % 2 === 0 ? ('failed' as const) : ('passed' as const);
    return { ...r, cases: [{ id: 'getWhatsAppSyncStatus/no-waba', status, checks: [], durationMs: 5 }], summary: { ...r.summary, passed: i % 2, failed: 1 - (i % 2), total: 1 } };
  });
  writeFileSync(file, storeText(records));
}

test('each run appends one record after its verdict; the reports carry the figures with this run the newest', async () => {
  const cwd = scratchDir('zvc-history-run-');
  const first = await runConformanceCli(['--history', 'nightly/history.jsonl', ...quick], {}, cwd);
  expect(first.code).toBe(0);
  const second = await runConformanceCli([...quick], { ZAVU_HISTORY: 'nightly/history.jsonl', ZAVU_HISTORY_WINDOW: '5' }, cwd);
  expect(second.code).toBe(0);
  const records = readHistory(join(cwd, 'nightly/history.jsonl')).map((s) => s.record);
  expect(records).toHaveLength(2);
  expect(records[1]?.run).toMatchObject({ target: EMBEDDED, mode: 'live', startedAt: second.report?.runInfo.startedAt, finishedAt: second.report?.runInfo.finishedAt });
  expect(records[1]?.cases.map((c) => c.id)).toEqual(second.report?.results.map((r) => r.id));
  // The build that judged it, as `npm run build` wrote it into dist/: in the report and in the night's record.
  const built = readBuildId(join(__dirname, '..', '..', 'dist', BUILD_ID_FILE));
  expect(built).toMatch(SUITE_BUILD_PATTERN);
  expect(second.report?.runInfo.suiteBuild).toBe(built);
  expect(records.map((r) => r.run.suiteBuild)).toEqual([built, built]);
  // No --operation: each record says every operation was asked for (history-window tells a one-operation check by it).
  expect(records.map((r) => r.run.operationFilter)).toEqual(['all', 'all']);
  expect(second.report?.history).toMatchObject({ target: EMBEDDED, window: 5 });
  expect(second.report?.history?.runs.map((r) => r.startedAt)).toEqual(records.map((r) => r.run.startedAt));
  expect(second.stdout).toContain(`history: appended to ${join(cwd, 'nightly/history.jsonl')} (2 runs of ${EMBEDDED} with writes)`);
  // Two runs of one day (a test's runs are seconds apart): the table dates them by their time, so they are not one night twice.
  expect(readFileSync(join(second.reportsDir, 'summary.md'), 'utf8')).toContain('| run (UTC) | pass rate | p95 |');
  expect(readFileSync(join(second.reportsDir, 'conformance.html'), 'utf8')).toContain('<section class="history" id="history">');
}, 60_000);

test('nights under one spec and suite version: a reformatted scenarios file is the same contract, a case gaining a step under its old id is a new contract', async () => {
  const cwd = scratchDir('zvc-history-cases-');
  cpSync(join(__dirname, '..', '..', 'operations'), join(cwd, 'ops'), { recursive: true });
  const scenarios = join(cwd, 'ops', 'getWhatsAppSyncStatus', 'scenarios.json');
  const args = ['--history', 'history.jsonl', '--operations', 'ops', '--operation', 'getWhatsAppSyncStatus', ...quick];
  const first = await runConformanceCli(args, {}, cwd);
  expect(first.code).toBe(0);
  expect(first.report?.runInfo.casesSha256).toMatch(/^[0-9a-f]{64}$/);
  // Night 2: the same data, its keys in another order and indented otherwise.
  const data = JSON.parse(readFileSync(scenarios, 'utf8')) as { scenarios: { id: string; steps?: { id: string; method?: string }[] }[] };
  writeFileSync(scenarios, JSON.stringify(Object.fromEntries(Object.entries(data).reverse()), null, '\t'));
  const second = await runConformanceCli(args, {}, cwd);
  expect(second.code).toBe(0);
  expect(second.report?.runInfo.casesSha256).toBe(first.report?.runInfo.casesSha256);
  // Night 3: a sequence gains a HEAD read under its old id; the suite's version and the spec are the same.
  const row = data.scenarios.find((s) => s.steps !== undefined)!;
  row.steps = [...row.steps!, { ...row.steps![0]!, id: 'read-head', method: 'HEAD' }];
  writeFileSync(scenarios, JSON.stringify(data, null, 2));
  const third = await runConformanceCli(args, {}, cwd);
  expect(third.code).toBe(0);
  expect(third.report?.runInfo).toMatchObject({ specSha256: first.report?.runInfo.specSha256, suiteVersion: first.report?.runInfo.suiteVersion });
  expect(third.report?.runInfo.casesSha256).not.toBe(first.report?.runInfo.casesSha256);
  expect(third.report?.history?.runs.map((r) => r.newContract === true)).toEqual([false, false, true]);
  const records = readHistory(join(cwd, 'history.jsonl')).map((s) => s.record);
  expect(records.map((r) => r.run.casesSha256)).toEqual([first, second, third].map((r) => r.report?.runInfo.casesSha256));
  // The --operation filter each night was given, as its record keeps it.
  expect(records.map((r) => r.run.operationFilter)).toEqual([['getWhatsAppSyncStatus'], ['getWhatsAppSyncStatus'], ['getWhatsAppSyncStatus']]);
  expect(readFileSync(join(third.reportsDir, 'summary.md'), 'utf8')).toContain('(new contract)');
  expect((await history(['--history', 'history.jsonl'], cwd)).stdout).toContain('(new contract): the spec (sha256), suite version or case data changed since the run before it');
}, 90_000);

test("the record's --operation filter: every operation named is a full night, a repeat named once, another case refused before anything is recorded", async () => {
  const cwd = scratchDir('zvc-history-filter-');
  const every = await runConformanceCli(['--history', 'history.jsonl', '--operation', 'startWhatsAppHistorySync,getWhatsAppSyncStatus,startWhatsAppContactsSync', ...quick], {}, cwd);
  expect(every.code).toBe(0);
  const repeated = await runConformanceCli(['--history', 'history.jsonl', '--operation', 'startWhatsAppHistorySync,getWhatsAppSyncStatus,startWhatsAppHistorySync', ...quick], {}, cwd);
  expect(repeated.code).toBe(0);
  // A case slip is no operation: refused (exit 2), and the store holds no night for it.
  const slip = await runConformanceCli(['--history', 'history.jsonl', '--operation', 'getwhatsappsyncstatus', ...quick], {}, cwd);
  expect(slip.code).toBe(2);
  expectOneLineError(slip.stderr, /--operation getwhatsappsyncstatus: no such operation in .*did you mean getWhatsAppSyncStatus\?/);
  const records = readHistory(join(cwd, 'history.jsonl')).map((s) => s.record);
  expect(records.map((r) => r.run.operationFilter)).toEqual(['all', ['getWhatsAppSyncStatus', 'startWhatsAppHistorySync']]);
}, 60_000);

test('--fail-on-flaky-rate: a case whose verdict flipped in more than R of the window fails the run (exit 1), named with its rate', async () => {
  const cwd = scratchDir('zvc-history-flaky-');
  const file = join(cwd, 'history.jsonl');
  flippingStore(file, 4);
  const strict = await runConformanceCli(['--history', file, '--fail-on-flaky-rate', '0.5', ...quick], {}, cwd);
  expect(strict.code).toBe(1);
  // 4 stored nights F . F . then tonight's pass: 3 changes in 4.
  expect(strict.stdout).toContain('flaky across runs, fails the run: getWhatsAppSyncStatus/no-waba changed verdict in 75 % of the window (3 of 4), above --fail-on-flaky-rate 0.5');
  expect(strict.report?.history?.flakyRate?.over).toEqual([{ id: 'getWhatsAppSyncStatus/no-waba', flips: 3, compared: 4, rate: 0.75 }]);
  // The run is still recorded: tomorrow's window includes it.
  expect(readHistory(file)).toHaveLength(5);
  const lenient = await runConformanceCli(['--history', file, '--fail-on-flaky-rate', '0.8', ...quick], {}, cwd);
  expect(lenient.code).toBe(0);
  expect(lenient.report?.history?.flakyRate).toEqual({ limit: 0.8, over: [] });
  const bad = await runConformanceCli(['--fail-on-flaky-rate', '2', '--history', file], {}, cwd);
  expect(bad.code).toBe(2);
  expectOneLineError(bad.stderr, /^zavu-conformance: --fail-on-flaky-rate "2" must be a number from 0 to 1/);
}, 60_000);

test('a corrupt store stops the run before any request: exit 2, one line naming file and line; the store is left alone', async () => {
  const cwd = scratchDir('zvc-history-corrupt-');
  const file = join(cwd, 'history.jsonl');
  const text = `${storeText([night(1, '.', { target: EMBEDDED })])}{"v":1,"cases":[\n`;
  writeFileSync(file, text);
  const run = await runConformanceCli(['--history', file, ...quick], {}, cwd);
  expect(run.code).toBe(2);
  expectOneLineError(run.stderr, new RegExp(`^zavu-conformance: history store ${file} line 2: not JSON`));
  expect(readFileSync(file, 'utf8')).toBe(text);
  const shown = await history(['--history', file]);
  expect(shown.code).toBe(2);
  expectOneLineError(shown.stderr, new RegExp(`^zavu-conformance history: history store ${file} line 2: not JSON`));
  // The line says what to do; a prune refuses the store too (it reads the same lines), and leaves it alone.
  expect(shown.stderr).toContain(`; mend or delete that line, or move ${file} aside to start a new store`);
  const prune = await history(['--history', file, '--prune-keep', '1']);
  expect(prune.code).toBe(2);
  expectOneLineError(prune.stderr, new RegExp(`^zavu-conformance history: history store ${file} line 2: not JSON .*; mend or delete that line`));
  expect(readFileSync(file, 'utf8')).toBe(text);
}, 60_000);

test('--fail-on-flaky-rate given to a merge: the merged run fails (exit 1) for a case flipping across the window, as an unsharded run does', async () => {
  const cwd = scratchDir('zvc-history-merge-flaky-');
  const file = join(cwd, 'history.jsonl');
  flippingStore(file, 4);
  for (const shard of ['1/2', '2/2']) {
    const run = await runConformanceCli(['--shard', shard, '--reports', `shard-${shard[0]}`, ...quick], {}, cwd);
    expect(run.code).toBe(0);
  }
  // The README's nightly merge step: every shard green, the window's flips are what fails the night.
  const strict = await runCli('zavu-conformance-main.js', ['merge', '--reports', 'merged', '--history', file, '--fail-on-flaky-rate', '0.5', 'shard-1', 'shard-2'], { cwd });
  expect(strict.stderr).toBe('');
  expect(strict.code).toBe(1);
  expect(strict.stdout).toContain('getWhatsAppSyncStatus/no-waba changed verdict in 75 % of the window (3 of 4), above --fail-on-flaky-rate 0.5');
  // The same nights under a higher limit pass: the exit code is the rule's, not the store's.
  const lenient = await runCli('zavu-conformance-main.js', ['merge', '--reports', 'lenient', '--history', file, '--fail-on-flaky-rate', '0.8', 'shard-1', 'shard-2'], { cwd });
  expect(lenient.code).toBe(0);
}, 60_000);

test('shards do not append; their merge writes exactly one record, and the same merge again adds none', async () => {
  const cwd = scratchDir('zvc-history-shards-');
  const file = join(cwd, 'history.jsonl');
  const env = { ZAVU_HISTORY: file };
  for (const shard of ['1/2', '2/2']) {
    const run = await runConformanceCli(['--shard', shard, '--reports', `shard-${shard[0]}`, ...quick], env, cwd);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`history: shard ${shard} does not read or append ${file}; zavu-conformance merge --history ${file} appends the merged run once`);
  }
  expect(readHistory(file)).toEqual([]);
  const merged = await runCli('zavu-conformance-main.js', ['merge', '--reports', 'merged', '--history', file, 'shard-1', 'shard-2'], { cwd });
  expect(merged.code).toBe(0);
  const records = readHistory(file).map((s) => s.record);
  expect(records).toHaveLength(1);
  expect(records[0]?.run.shards).toBe(2);
  const report = JSON.parse(readFileSync(join(cwd, 'merged/conformance.json'), 'utf8')) as { results: { id: string }[]; history?: { runs: unknown[] } };
  expect(records[0]?.cases.map((c) => c.id)).toEqual(report.results.map((r) => r.id));
  expect(report.history?.runs).toHaveLength(1);
  // The same merge run again (a CI job re-run, ZAVU_HISTORY from the environment): the run is already
  // there, so it is not appended twice, and its figures do not count it twice.
  const again = await runCli('zavu-conformance-main.js', ['merge', '--reports', 'again', 'shard-1', 'shard-2'], { cwd, env });
  expect(again.code).toBe(0);
  expect(again.stdout).toContain(`is already in ${file}: not appended again`);
  expect(readHistory(file)).toHaveLength(1);
  const againReport = JSON.parse(readFileSync(join(cwd, 'again/conformance.json'), 'utf8')) as { history?: { runs: unknown[] } };
  expect(againReport.history?.runs).toHaveLength(1);
  // Every key of the merge's environment is a secret, not only the first: a store named with the other project's key shows it redacted.
  const canary = 'OtherProjectCanary9f8e7d6c';
  const secret = await runCli('zavu-conformance-main.js', ['merge', '--reports', 'secret', '--history', `h-${canary}.jsonl`, 'shard-1', 'shard-2'], { cwd, env: { ZAVU_API_KEY: 'zv_test_mergekey0123456789', ZAVU_OTHER_PROJECT_API_KEY: canary } });
  expect(secret.code).toBe(0);
  expect(secret.stdout + secret.stderr).not.toContain(canary);
  expect(readFileSync(join(cwd, 'secret/conformance.json'), 'utf8')).toContain('[REDACTED]');
  expect(readFileSync(join(cwd, 'secret/conformance.json'), 'utf8')).not.toContain(canary);
  // A misspelt ZAVU_HISTORY is refused as a run refuses it, not a store left unwritten in silence; and the history command names it too.
  const typo = await runCli('zavu-conformance-main.js', ['merge', '--reports', 'typo', 'shard-1', 'shard-2'], { cwd, env: { ZAVU_HISTROY: file } });
  expect(typo.code).toBe(2);
  expect(typo.stderr).toBe('zavu-conformance merge: ZAVU_HISTROY is no setting of the suite, so it would be ignored: did you mean ZAVU_HISTORY? (if it is a variable of your own, rename it)\n');
  const shown = await runCli('zavu-conformance-main.js', ['history'], { cwd, env: { ZAVU_HISTROY: file } });
  expect(shown.code).toBe(2);
  expect(shown.stderr).toContain('ZAVU_HISTROY is no setting of the suite, so it would be ignored: did you mean ZAVU_HISTORY?');
}, 90_000);

test('a store refused for holding too many runs is pruned by the command its refusal names', async () => {
  const cwd = scratchDir('zvc-history-over-');
  const file = join(cwd, 'history.jsonl');
  const base = night(1, '.');
  const lines = Array.from({ length: HISTORY_LIMITS.records + 1 }, (_, i) => {
    const startedAt = new Date(Date.UTC(2000, 0, 1, 2) + i * 86_400_000).toISOString();
    return `${JSON.stringify({ ...base, run: { ...base.run, startedAt, finishedAt: startedAt } })}\n`;
  });
  writeFileSync(file, lines.join(''));
  const shown = await history(['--history', file], cwd);
  expect(shown.code).toBe(2);
  expectOneLineError(shown.stderr, /has more than 20000 runs: prune it \(zavu-conformance history --history .* --prune-keep N\)$/);
  const pruned = await history(['--history', file, '--prune-keep', '30'], cwd);
  expect(pruned.stderr).toBe('');
  expect(pruned.stdout).toBe(`pruned ${file}: removed ${HISTORY_LIMITS.records - 29} runs, kept 30 runs\n`);
  expect((await history(['--history', file], cwd)).code).toBe(0);
}, 60_000);

// A live target's read-only gate and its --allow-writes run (the embedded server's runs are write runs
// either way: tests/runner/run-kind.test.ts).
test('a target\'s write runs are a series of their own: recorded so, counted apart, shown as a block of their own', async () => {
  const cwd = scratchDir('zvc-history-writes-');
  const server = await startReferenceServer();
  let gate;
  let writes;
  try {
    const live = ['--history', 'history.jsonl', '--base-url', server.baseUrl, '--operation', 'startWhatsAppHistorySync', ...quick];
    gate = await runConformanceCli(live, serverEnv(server), cwd);
    writes = await runConformanceCli([...live, '--allow-writes'], serverEnv(server), cwd);
  } finally {
    await server.close();
  }
  expect([gate.code, writes.code]).toEqual([0, 0]);
  expect(readHistory(join(cwd, 'history.jsonl')).map((s) => s.record.run.allowWrites)).toEqual([undefined, true]);
  // Its window is the write runs' alone: one run, not the gate's night and its own.
  expect(writes.stdout).toContain(`(1 run of ${server.baseUrl} with writes)`);
  expect(writes.report?.history?.runs).toHaveLength(1);
  for (const format of ['text', 'md']) {
    const shown = await history(['--history', 'history.jsonl', '--target', server.baseUrl, '--format', format], cwd);
    expect(shown.code).toBe(0);
    expect(shown.stdout.match(new RegExp(`1 run of \`?${escapeRegex(server.baseUrl)}\`? \\(`, 'g'))).toHaveLength(1);
    expect(shown.stdout.match(new RegExp(`1 run of \`?${escapeRegex(server.baseUrl)}\`? with writes \\(`, 'g'))).toHaveLength(1);
  }
}, 90_000);

test('zavu-conformance history prints the figures per target, and prunes atomically', async () => {
  const cwd = scratchDir('zvc-history-cmd-');
  const file = join(cwd, 'history.jsonl');
  writeFileSync(file, storeText([night(1, '..F'), night(1, 'F', { target: 'https://staging.zavu.example' }), night(2, '.FF'), night(3, '.FF', { budget: 25 })]));
  const all = await history(['--history', 'history.jsonl'], cwd);
  expect(all.code).toBe(0);
  expect(all.stdout).toContain('3 runs of https://api.zavu.example (2026-11-01 … 2026-11-03): pass rate 67 % → 33 %, p95 20 ms → 20 ms (window 30)');
  expect(all.stdout).toContain('  .FF  op/b: failing since 2026-11-02 (2 runs), changed 1/2 (50 %), p95 11 ms');
  expect(all.stdout).toContain('  FFF  op/c: failing since 2026-11-01 or earlier (3 runs), p95 12 ms');
  expect(all.stdout).toContain('latency budget: p95 ≤ 25 ms');
  expect(all.stdout).toContain('1 run of https://staging.zavu.example');
  const windowed = await history(['--history', file, '--target', 'https://api.zavu.example/', '--window', '2'], cwd);
  expect(windowed.stdout).toContain('2 runs of https://api.zavu.example (2026-11-02 … 2026-11-03)');
  expect(windowed.stdout).not.toContain('staging');
  const unknown = await history(['--history', file, '--target', 'https://nowhere.example'], cwd);
  expect(unknown.code).toBe(2);
  expectOneLineError(unknown.stderr, /^zavu-conformance history: no runs of "https:\/\/nowhere.example" in .* \(targets there: "https:\/\/api.zavu.example", "https:\/\/staging.zavu.example"\)$/);
  const pruned = await history(['--history', file, '--prune-keep', '1'], cwd);
  expect(pruned.stdout).toBe(`pruned ${file}: removed 2 runs, kept 2 runs\n`);
  expect(readHistory(file).map((s) => s.record.run.startedAt.slice(0, 10))).toEqual(['2026-11-01', '2026-11-03']);
  const before = await history(['--history', file, '--prune-before', '2026-11-02', '--target', 'https://staging.zavu.example'], cwd);
  expect(before.stdout).toBe(`pruned ${file}: removed 1 run, kept 1 run\n`);
  const noSuchDay = await history(['--history', file, '--prune-before', '2026-02-30'], cwd);
  expect(noSuchDay.code).toBe(2);
  expectOneLineError(noSuchDay.stderr, /^zavu-conformance history: --prune-before "2026-02-30" is not a date/);
  const both = await history(['--history', file, '--prune-keep', '1', '--prune-before', '2026-01-01'], cwd);
  expect(both.code).toBe(2);
  expectOneLineError(both.stderr, /^zavu-conformance history: give --prune-keep or --prune-before, not both$/);
  const kept = readFileSync(file, 'utf8');
  const none = await history(['--history', file, '--prune-keep', '0'], cwd);
  expect(none.code).toBe(2);
  expectOneLineError(none.stderr, /^zavu-conformance history: --prune-keep "0" must be a whole number from 1 to 1000000/);
  expect(readFileSync(file, 'utf8')).toBe(kept);
  // --window N beside a prune reads as "keep the last N": a slip for --prune-keep, refused as --format is, and nothing pruned.
  for (const prune of [['--prune-keep', '1'], ['--prune-before', '2026-11-03']]) {
    const windowed = await history(['--history', file, ...prune, '--window', '1'], cwd);
    expect(windowed.code).toBe(2);
    expectOneLineError(windowed.stderr, /^zavu-conformance history: --window is for the history view, not a prune \(--prune-keep N keeps the newest N judged runs of each target, its read-only and its write runs each\)$/);
  }
  expect(readFileSync(file, 'utf8')).toBe(kept);
  const missing = await history([], cwd);
  expect(missing.code).toBe(2);
  expectOneLineError(missing.stderr, /^zavu-conformance history: --history FILE \(or ZAVU_HISTORY\) is required/);
  const help = await history(['--help'], cwd);
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/^Usage: zavu-conformance history --history FILE/);
  const version = await history(['--version'], cwd);
  expect(version.stdout).toBe(`${(JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version} (build ${readBuildId(join(__dirname, '..', '..', 'dist', BUILD_ID_FILE))})\n`);
  const typo = await history(['--histroy', file], cwd);
  expect(typo.code).toBe(2);
  expectOneLineError(typo.stderr, /^zavu-conformance history: unknown flag --histroy \(did you mean --history\?/);
});

test('--prune-before with a time and no zone is a UTC time, as every view shows the runs: the same prune on machines in any time zone', async () => {
  const cwd = scratchDir('zvc-history-prune-tz-');
  const file = join(cwd, 'history.jsonl');
  // Nights at 02:00 UTC; a second after night 2 removes nights 1 and 2, wherever the machine is.
  // Read in local time, Asia/Kolkata (+05:30) and Pacific/Chatham (+13:45) removed night 1 only.
  for (const zone of ['UTC', 'Asia/Kolkata', 'Pacific/Chatham', 'America/St_Johns']) {
    writeFileSync(file, storeText([night(1, '.'), night(2, '.'), night(3, '.')]));
    const pruned = await runCli('zavu-conformance-main.js', ['history', '--history', file, '--prune-before', '2026-11-02T02:00:01'], { cwd, env: { TZ: zone } });
    expect([zone, pruned.stdout]).toEqual([zone, `pruned ${file}: removed 2 runs, kept 1 run\n`]);
  }
  // An offset given is the offset meant: 07:30:01 in Kolkata is 02:00:01 UTC.
  writeFileSync(file, storeText([night(1, '.'), night(2, '.'), night(3, '.')]));
  const offset = await runCli('zavu-conformance-main.js', ['history', '--history', file, '--prune-before', '2026-11-02T07:30:01+05:30'], { cwd, env: { TZ: 'Pacific/Chatham' } });
  expect(offset.stdout).toBe(`pruned ${file}: removed 2 runs, kept 1 run\n`);
}, 60_000);

test('the history command reads its settings as run and merge do: ZAVU_HISTORY from .env, and a misspelt setting refused before a prune rewrites anything', async () => {
  const cwd = scratchDir('zvc-history-settings-');
  const file = join(cwd, 'history.jsonl');
  writeFileSync(file, storeText([night(1, ''), night(2, '')]));
  const stored = readFileSync(file, 'utf8');
  // .env names the store, as it does for a run and a merge in the same folder.
  writeFileSync(join(cwd, '.env'), 'ZAVU_HISTORY=history.jsonl\n');
  const shown = await history([], cwd);
  expect(shown.stderr).toBe('');
  expect(shown.code).toBe(0);
  expect(shown.stdout).toMatch(/^2 runs of /);
  // A misspelt setting is a usage error wherever it is and whatever the command line names: the store is left as it was.
  writeFileSync(join(cwd, '.env'), 'ZAVU_HISTORY_WINDWO=5\n');
  const pruned = await history(['--history', file, '--prune-keep', '1'], cwd);
  expect(pruned.code).toBe(2);
  expectOneLineError(pruned.stderr, /^zavu-conformance history: ZAVU_HISTORY_WINDWO \(from \.env\) is no setting of the suite, so it would be ignored: did you mean ZAVU_HISTORY_WINDOW\?/);
  expect(readFileSync(file, 'utf8')).toBe(stored);
  // A .env line dotenv does not read is one line naming it, as for a run.
  writeFileSync(join(cwd, '.env'), 'ZAVU_HISTORY history.jsonl\n');
  const unread = await history([], cwd);
  expect(unread.code).toBe(2);
  expectOneLineError(unread.stderr, /^zavu-conformance history: \S+\.env:1: ZAVU_HISTORY is not set as NAME=VALUE, so it would be ignored: write ZAVU_HISTORY=VALUE$/);
});

test('a store that cannot be appended to (locked by a live run beyond the wait) keeps the written reports and exits 2, saying so', async () => {
  const cwd = scratchDir('zvc-history-locked-');
  const file = join(cwd, 'history.jsonl');
  for (const shard of ['1/2', '2/2']) expect((await runConformanceCli(['--shard', shard, '--reports', `shard-${shard[0]}`, ...quick], {}, cwd)).code).toBe(0);
  // Held by this test's own process, which is alive: never stale, so the merge waits its 15 s and gives up.
  writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, host: require('node:os').hostname(), since: '2026-12-01T00:00:00.000Z' }));
  const merged = await runCli('zavu-conformance-main.js', ['merge', '--reports', 'merged', '--history', file, 'shard-1', 'shard-2'], { cwd, timeoutMs: 40_000 });
  expect(merged.code).toBe(2);
  expect(merged.stdout).toContain(`history: this run was NOT appended: history store ${file} is locked by pid ${process.pid}`);
  expect(JSON.parse(readFileSync(join(cwd, 'merged/conformance.json'), 'utf8')).history.runs).toHaveLength(1);
  expect(readHistory(file)).toEqual([]);
}, 60_000);

test('a run whose verdict is written but whose record the store refuses exits 2, not with its verdict (0): the night is missing from the store', async () => {
  const cwd = scratchDir('zvc-history-refused-');
  const file = join(cwd, 'history.jsonl');
  // Held by this test's own live process: the run writes its reports, then waits for the lock.
  writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
  const run = spawnCli('conformance-main.js', ['--history', file, '--operation', 'getWhatsAppSyncStatus', ...quick], { cwd });
  try {
    for (let i = 0; i < 400 && !/^history: waiting up to/m.test(run.stdout()); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    // While it waits, a folder takes the store's place (a cache restore gone wrong): the append, once the lock is free, fails.
    mkdirSync(file);
    rmSync(`${file}.lock`);
    const ended = await run.ended;
    expect(ended.stdout).toMatch(/^conformance: \d+ passed, 0 failed/m);
    expect(ended.stdout).toMatch(/^history: this run was NOT appended: /m);
    expect(ended.code).toBe(2);
  } finally {
    run.child.kill('SIGKILL');
  }
}, 60_000);

test('a merge given a store that cannot be written is exit 2 before it writes a verdict: OUT says NOT RUN, naming the store', async () => {
  const cwd = scratchDir('zvc-history-merge-unwritable-');
  for (const shard of ['1/2', '2/2']) expect((await runConformanceCli(['--shard', shard, '--reports', `shard-${shard[0]}`, ...quick], {}, cwd)).code).toBe(0);
  const merged = await runCli('zavu-conformance-main.js', ['merge', '--reports', 'merged', '--history', '/proc/zvc-merge-store.jsonl', 'shard-1', 'shard-2'], { cwd });
  expect(merged.code).toBe(2);
  expectOneLineError(merged.stderr, /^zavu-conformance merge: --history \/proc\/zvc-merge-store\.jsonl: cannot append there/);
  // No green verdict beside the error: a step posting summary.md posts why the night is not recorded.
  const summary = readFileSync(join(cwd, 'merged', 'summary.md'), 'utf8');
  expect(summary).toMatch(/NOT RUN/);
  expect(summary).not.toMatch(/CONFORMANT/);
});

test('a store that is a symbolic link to nothing is said as one (a run refuses to append through it), not "a run creates it"', async () => {
  const cwd = scratchDir('zvc-history-dangling-');
  const file = join(cwd, 'history.jsonl');
  symlinkSync(join(cwd, 'gone.jsonl'), file);
  const shown = await history(['--history', file], cwd);
  expect(shown.code).toBe(2);
  expectOneLineError(shown.stderr, new RegExp(`^zavu-conformance history: history store ${escapeRegex(file)} is a symbolic link to ${escapeRegex(join(cwd, 'gone.jsonl'))}, which does not exist$`));
});
