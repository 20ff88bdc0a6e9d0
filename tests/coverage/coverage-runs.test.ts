/**
 * Coverage end to end through the CLI: the embedded reference server covers every documented
 * status, error example and enum value by construction; replay counts the recordings' answers;
 * shards merge to the unsharded figures; --min-coverage fails a run whose cases all pass.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { storedCoverage } from '../../src/coverage';
import type { ConformanceReport } from '../../src/model';
import { startReferenceServer, type ReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { expectOneLineError } from '../support/one-line-error';
import { runCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

test('a default run against the embedded server covers 100% of statuses, error examples and enum values; min-coverage rules of 100 pass', async () => {
  const run = await runConformanceCli(['--min-coverage', 'statuses=100,errors=100,enums=100', '--mode', 'record', '--recordings', 'rec']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const coverage = run.report?.coverage;
  expect(coverage?.totals).toMatchObject({ statuses: { percent: 100 }, errors: { percent: 100 }, enums: { percent: 100 } });
  // Every operation's statuses, and every enum definition's values (one definition, answered by three operations).
  for (const op of coverage?.operations ?? []) expect(op.statuses.seen).toEqual(op.statuses.documented);
  expect(coverage?.enums.map((e) => [e.definition, e.seen.length, e.allowed.length, e.outside])).toEqual([
    ['WhatsAppSyncStatus.status', 5, 5, 0],
    ['WhatsAppSyncHistoryStatus', 5, 5, 0],
    ['WhatsAppSyncContactsStatus', 4, 4, 0],
  ]);
  expect(coverage?.minimum).toEqual({ met: true, rules: [{ key: 'statuses', min: 100, percent: 100, met: true }, { key: 'errors', min: 100, percent: 100, met: true }, { key: 'enums', min: 100, percent: 100, met: true }] });
  expect(readFileSync(join(run.reportsDir, 'junit.xml'), 'utf8')).toContain('<testcase classname="coverage" name="coverage: --min-coverage statuses&gt;=100,errors&gt;=100,enums&gt;=100" time="0"/>');

  // Replay: the same answers, from the recordings, give the same coverage (the negative property is not counted live either).
  const replay = await runConformanceCli(['--mode', 'replay', '--recordings', join(run.cwd, 'rec')]);
  expect(replay.code).toBe(0);
  expect(replay.report?.coverage?.operations).toEqual(coverage?.operations);
}, 120_000);

test('shards merge to the coverage one unsharded run counts: the union of their observations', async () => {
  // The read only: each run starts its own embedded server, and writes would make the shards' states differ from one run's.
  const only = ['--operation', 'getWhatsAppSyncStatus'];
  const whole = await runConformanceCli(only);
  const shards: ConformanceReport[] = [];
  const dirs: string[] = [];
  // Five slices of the read's 77 cases: with four, the second (the last coexistence senders, the
  // refusals' rows, not-active, unknown-sender) saw every status, and the merge had nothing to combine.
  for (const shard of ['1/5', '2/5', '3/5', '4/5', '5/5']) {
    const run = await runConformanceCli([...only, '--shard', shard]);
    expect(run.code).toBe(0);
    shards.push(run.report!);
    dirs.push(run.reportsDir);
  }
  // Neither shard alone covers every status: the merge must combine them, not pick one.
  for (const report of shards) expect(report.coverage?.totals.statuses.percent).toBeLessThan(100);
  const out = scratchDir();
  const merged = await runCli('zavu-conformance-main.js', ['merge', '--reports', join(out, 'merged'), ...dirs]);
  expect(merged.stderr).toBe('');
  expect(merged.code).toBe(0);
  const report = JSON.parse(readFileSync(join(out, 'merged', 'conformance.json'), 'utf8')) as ConformanceReport;
  expect(report.coverage?.operations).toEqual(whole.report?.coverage?.operations);
  expect(report.coverage?.totals).toEqual(whole.report?.coverage?.totals);
}, 120_000);

/** A staging project whose only coexistence sender is active (and no sender of an account not active is named). */
function onlyActive(server: ReferenceServer): Record<string, string> {
  const { ZAVU_SENDER_NOT_ACTIVE: _none, ...env } = serverEnv(server);
  return { ...env, ZAVU_SENDER_COEXISTENCE: 'snd_coex_active' };
}

test('--min-coverage fails a run whose cases all pass when its data never shows the states (exit 1, check coverage in console, summary.md, junit.xml)', async () => {
  const server = await startReferenceServer();
  try {
    // A staging project whose only coexistence sender is active: every case passes, few enum values are seen.
    const args = ['--base-url', server.baseUrl, '--min-coverage', 'statuses=100,enums=80', '--operation', 'getWhatsAppSyncStatus'];
    // Every seeded sender: the same rules are met.
    expect((await runConformanceCli(args, serverEnv(server))).code).toBe(0);
    const narrow = await runConformanceCli(args, onlyActive(server));
    expect(narrow.stderr).toBe('');
    expect(narrow.report?.summary).toMatchObject({ failed: 0, errors: 0 });
    expect(narrow.code).toBe(1);
    // Exact: the active sender shows sync.status active, history completed, contacts not_requested.
    expect(narrow.report?.coverage?.enums.map((e) => [e.definition, e.seen])).toEqual([
      ['WhatsAppSyncStatus.status', ['"active"']],
      ['WhatsAppSyncHistoryStatus', ['"completed"']],
      ['WhatsAppSyncContactsStatus', ['"not_requested"']],
    ]);
    expect(narrow.report?.coverage?.totals.enums).toEqual({ seen: 3, total: 14, percent: 21.4 });
    expect(narrow.report?.coverage?.minimum?.rules).toEqual([
      { key: 'statuses', min: 100, percent: 100, met: true },
      { key: 'enums', min: 80, percent: 21.4, met: false },
    ]);
    expect(narrow.stdout).toContain('FAILED check coverage failed: enums 21.4% < 80% (--min-coverage)');
    expect(readFileSync(join(narrow.reportsDir, 'summary.md'), 'utf8').split('\n')[0]).toContain('check coverage failed: enums 21.4% \\< 80%');
    expect(readFileSync(join(narrow.reportsDir, 'junit.xml'), 'utf8')).toContain('type="coverage"');
  } finally {
    await server.close();
  }
}, 120_000);

test('with --history, the reports add the coverage accumulated over the window; the store keeps each run\'s own', async () => {
  const server = await startReferenceServer();
  const cwd = scratchDir('zvc-coverage-window-');
  try {
    const args = ['--base-url', server.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--history', 'history.jsonl'];
    const wide = await runConformanceCli(args, serverEnv(server), cwd);
    expect(wide.code).toBe(0);
    expect(wide.report?.coverage?.window).toMatchObject({ runs: 1, neverSeen: [] });
    // Tonight only the active sender: 3 of 14 enum values, but the window still saw all 14.
    const narrow = await runConformanceCli(args, onlyActive(server), cwd);
    expect(narrow.code).toBe(0);
    expect(narrow.report?.coverage?.totals.enums).toEqual({ seen: 3, total: 14, percent: 21.4 });
    expect(narrow.report?.coverage?.window).toMatchObject({ runs: 2, totals: { enums: { seen: 14, total: 14, percent: 100 } }, neverSeen: [] });
    // A window of one is tonight alone: what the data never showed is named.
    const alone = await runConformanceCli([...args, '--history-window', '1'], onlyActive(server), cwd);
    expect(alone.report?.coverage?.window?.runs).toBe(1);
    expect(alone.report?.coverage?.window?.neverSeen.join('; ')).toContain('rejected');
    expect(alone.stdout).toMatch(/over 1 run, never seen: .*rejected/);
    // The store holds what each run itself saw, never an accumulation.
    const stored = readFileSync(join(cwd, 'history.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { coverage?: unknown });
    expect(stored).toHaveLength(3);
    const narrowCoverage = narrow.report?.coverage;
    if (narrowCoverage === undefined) throw new Error('the narrow run reported no coverage');
    expect(stored[1]?.coverage).toEqual(storedCoverage(narrowCoverage));
  } finally {
    await server.close();
  }
}, 120_000);

test.each([
  [['--min-coverage', 'statuses=abc'], /--min-coverage: "statuses=abc" is not KEY=PERCENT/],
  [['--min-coverage', 'branches=50'], /--min-coverage: "branches=50" names no coverage figure/],
])('%j is a usage error: exit 2, one line naming the flag and the bad part', async (args, pattern) => {
  const run = await runConformanceCli(args);
  expect(run.code).toBe(2);
  expectOneLineError(run.stderr, pattern);
});

test('ZAVU_MIN_COVERAGE is the flag\'s variable', async () => {
  const run = await runConformanceCli([], { ZAVU_MIN_COVERAGE: 'enums=1x' });
  expect(run.code).toBe(2);
  expectOneLineError(run.stderr, /ZAVU_MIN_COVERAGE: "enums=1x" is not KEY=PERCENT/);
});
