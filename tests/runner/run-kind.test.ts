/**
 * A run's kind (runInfo.allowWrites: a write run or a read-only one) is the writes it was allowed
 * to send, not the --allow-writes flag alone. The embedded reference server takes every write with
 * the flag or without it (its state is disposable), so its runs are write runs either way: one
 * history series, not two of the same cases. A replay sends nothing: it is of its recording's kind
 * (log._zavu.allowWrites), with the flag or without it, for its baseline and its history series.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv } from '../support/conformance-run';
import { scratchDir } from '../support/scratch-dir';

/** One operation with write cases (its starts), no fuzzing: a few seconds a run. */
const quick = ['--operation', 'startWhatsAppHistorySync', '--fuzz-runs', '0'];

const historyOf = (cwd: string): { run: Record<string, unknown> }[] =>
  readFileSync(join(cwd, 'history.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { run: Record<string, unknown> });

const harLog = (dir: string): Record<string, unknown> => (JSON.parse(readFileSync(join(dir, 'startWhatsAppHistorySync.har'), 'utf8')) as { log: { _zavu: Record<string, unknown> } }).log._zavu;

test('an embedded run is a write run with --allow-writes or without: one series, and the HTML says why its writes ran without naming a flag not given', async () => {
  const cwd = scratchDir('zvc-kind-embedded-');
  const plain = await runConformanceCli(['--history', 'history.jsonl', '--reports', 'plain', ...quick], {}, cwd);
  const flagged = await runConformanceCli(['--history', 'history.jsonl', '--reports', 'flagged', '--allow-writes', ...quick], {}, cwd);
  expect([plain.code, flagged.code]).toEqual([0, 0]);
  const report = JSON.parse(readFileSync(join(cwd, 'plain', 'conformance.json'), 'utf8')) as { runInfo: { allowWrites?: boolean } };
  expect(report.runInfo.allowWrites).toBe(true);
  expect(historyOf(cwd).map((r) => r.run['allowWrites'])).toEqual([true, true]);
  // The flagged run's window holds the plain run before it: one series.
  expect(flagged.stdout).toContain('(2 runs of embedded reference server with writes)');
  const html = readFileSync(join(cwd, 'plain', 'conformance.html'), 'utf8');
  expect(html).toContain('<dt>writes</dt><dd>allowed: the embedded reference server&#39;s state is disposable, so its write cases are sent (--allow-writes or not)</dd>');
}, 90_000);

test("a replay is of its recording's kind: a write run's recording replays as a write run without the flag, a read-only run's as read-only with it", async () => {
  const cwd = scratchDir('zvc-kind-replay-');
  // The embedded server's recording: a write run's, so it says so.
  const recorded = await runConformanceCli(['--mode', 'record', '--recordings', 'writes-rec', '--reports', 'recorded', ...quick], {}, cwd);
  expect(recorded.code).toBe(0);
  expect(harLog(join(cwd, 'writes-rec')).allowWrites).toBe(true);
  const server = await startReferenceServer();
  let readOnly;
  try {
    // A live target without --allow-writes: its starts skipped, its recording of no kind (read-only).
    readOnly = await runConformanceCli(['--mode', 'record', '--recordings', 'read-rec', '--reports', 'read-only', '--base-url', server.baseUrl, ...quick], serverEnv(server), cwd);
  } finally {
    await server.close();
  }
  expect(readOnly.code).toBe(0);
  expect(harLog(join(cwd, 'read-rec'))).not.toHaveProperty('allowWrites');
  const replay = (rec: string, reports: string, extra: string[]) => runConformanceCli(['--mode', 'replay', '--recordings', rec, '--reports', reports, '--history', 'history.jsonl', ...quick, ...extra], {}, cwd);
  // Against the embedded server's own write run: of one kind, every case compared.
  const writes = await replay('writes-rec', 'replay-writes', ['--baseline', join('recorded', 'conformance.json')]);
  expect(writes.code).toBe(0);
  const writesReport = JSON.parse(readFileSync(join(cwd, 'replay-writes', 'conformance.json'), 'utf8')) as { runInfo: { allowWrites?: boolean }; baseline?: { otherKind?: unknown } };
  expect(writesReport.runInfo.allowWrites).toBe(true);
  expect(writesReport.baseline).toBeDefined();
  expect(writesReport.baseline?.otherKind).toBeUndefined();
  // Against the read-only gate's report: the starts only the write recording ran are left out, not new failures.
  const againstGate = await replay('writes-rec', 'replay-gate', ['--baseline', join('read-only', 'conformance.json')]);
  const gateReport = JSON.parse(readFileSync(join(cwd, 'replay-gate', 'conformance.json'), 'utf8')) as { baseline?: { otherKind?: { baseline: string; leftOut: number } } };
  expect(gateReport.baseline?.otherKind?.baseline).toBe('read-only');
  expect(gateReport.baseline?.otherKind?.leftOut).toBeGreaterThan(0);
  // --allow-writes makes no write run of a read-only recording: the replay sends nothing.
  const flagged = await replay('read-rec', 'replay-read', ['--allow-writes']);
  expect([againstGate.code, flagged.code]).toEqual([0, 0]);
  const flaggedReport = JSON.parse(readFileSync(join(cwd, 'replay-read', 'conformance.json'), 'utf8')) as { runInfo: Record<string, unknown> };
  expect(flaggedReport.runInfo).not.toHaveProperty('allowWrites');
  expect(historyOf(cwd).map((r) => r.run['allowWrites'])).toEqual([true, true, undefined]);
}, 120_000);
