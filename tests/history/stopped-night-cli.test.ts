/**
 * A nightly run with --history that stops before judging, through the built CLI: the store gets a
 * record of the night as not run (reason, exit code, no key), and `zavu-conformance history` shows
 * the gap beside the judged nights.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readHistory } from '../../src/history/read-history';
import { startReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { closedPort } from '../support/misbehaving-servers';
import { runCli } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';
import { night, storeText } from './fixtures';

/** Secrets no store, line or report may hold: a short key the URL's path carries inside a word, and the other project's. */
const KEY = 'pw7Qx2k';
const OTHER_KEY = 'zv_test_otherproject0123456789';

test('a run against a closed port leaves a not-run record (reason, exit 3, nothing judged, no key); history shows it as a gap and its figures pass over it', async () => {
  const cwd = scratchDir('zvc-history-stopped-');
  const file = join(cwd, 'history.jsonl');
  const port = await closedPort();
  const target = `http://127.0.0.1:${port}/gw-${KEY}-edge`;
  // The target as the store names it: the key scrubbed from the URL's path.
  const named = `http://127.0.0.1:${port}/gw-`;
  const run = await runConformanceCli(['--base-url', target, '--history', file, '--timeout', '2000', '--operation', 'getWhatsAppSyncStatus'], { ZAVU_API_KEY: KEY, ZAVU_OTHER_PROJECT_API_KEY: OTHER_KEY }, cwd);
  expect(run.code).toBe(3);
  expect(run.stderr).toMatch(/is unreachable: nothing accepts connections on [^ ]+; is the server started, and listening on that port\? \(connection-refused/);
  // Why first, then what was done about it, on one stream: in a CI log merging stdout and stderr the
  // record line used to come (on stdout, at once) before the line saying why the night was not run.
  const recorded = `history: recorded in ${file} as not run (exit 3)`;
  expect(run.stdout).not.toContain(recorded);
  const why = run.stderr.search(/is unreachable: nothing accepts connections on [^ ]+; is the server started, and listening on that port\? \(connection-refused/);
  expect(run.stderr.indexOf(recorded)).toBeGreaterThan(why);
  const stored = readHistory(file).map((s) => s.record);
  expect(stored).toHaveLength(1);
  const record = stored[0]!;
  expect(record.run.target.startsWith(named)).toBe(true);
  expect(record.stopped).toEqual({ reason: expect.stringMatching(new RegExp(`^target ${named.replace(/[.]/g, '\\.')}.* is unreachable: nothing accepts connections .*\\(connection-refused`)) as unknown as string, exitCode: 3 });
  expect(record).toMatchObject({ summary: { passed: 0, failed: 0, skipped: 0, errors: 0, flaky: 0, total: 0 }, cases: [] });
  expect(record).not.toHaveProperty('latency');
  const bytes = readFileSync(file, 'utf8');
  expect(bytes).not.toContain(KEY);
  expect(bytes).not.toContain(OTHER_KEY);
  expect(run.stdout + run.stderr).not.toContain(KEY);

  // Judged nights of the same target around it (this night moved to the 3rd): the history command shows the gap between them.
  const judged = (n: number, statuses: string) => night(n, statuses, { target: record.run.target });
  const moved = { ...record, run: { ...record.run, startedAt: '2026-11-03T02:00:00.000Z', finishedAt: '2026-11-03T02:00:01.000Z' } };
  writeFileSync(file, storeText([judged(1, '.F'), judged(2, '..'), moved, judged(4, '..')]));
  const history = await runCli('zavu-conformance-main.js', ['history', '--history', file], { cwd });
  expect(history.code).toBe(0);
  expect(history.stdout).toMatch(/\n {2}2026-11-03 {3}not run: target http:\/\/127\.0\.0\.1:\d+\/gw-\S* is unreachable: nothing accepts connections .*\(connection-refused.*\) \(exit 3\)\n/);
  expect(history.stdout).toContain(': pass rate 50 % → 100 %');
  // op/b failed on the 1st and passed since: one change in two pairs, the night not run no verdict.
  expect(history.stdout).toMatch(/\n {2}F\._\. {2}op\/b: changed 1\/2 \(50 %\)/);
  expect(history.stdout).not.toContain(KEY);
}, 60_000);

test('a key the target refuses: the night is recorded as not run with exit 2, without the key', async () => {
  const cwd = scratchDir('zvc-history-refused-');
  const file = join(cwd, 'history.jsonl');
  const server = await startReferenceServer();
  const rotated = 'zv_test_rotated0123456789abcdef';
  try {
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--history', file, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], { ...serverEnv(server), ZAVU_API_KEY: rotated }, cwd);
    expect(run.code).toBe(2);
    const stored = readHistory(file).map((s) => s.record);
    expect(stored.map((r) => r.stopped)).toEqual([{ reason: expect.stringContaining('answered 401 to each of the first 3 requests sent with the configured key') as unknown as string, exitCode: 2 }]);
    expect(stored[0]?.run.target).toBe(server.baseUrl);
    expect(readFileSync(file, 'utf8')).not.toContain('rotated0123456789');
  } finally {
    await server.close();
  }
}, 60_000);
