/**
 * The suite tests itself (DESIGN principle 10): against every deliberately broken server it must
 * exit 1 and fail the intended case for the intended reason; against the reference server, exit 0.
 */
import { startReferenceServer } from '../../src/reference-server';
import { BROKEN_SERVERS, startBrokenServer, type BrokenServer } from '../support/broken-servers';
import { WRITE_BREAKS } from '../support/broken-servers-writes';
import { READ_BREAKS } from '../support/broken-servers-reads';
import { serverEnv, runConformanceCli } from '../support/conformance-run';
import { againstServer, expectedCaseCount } from '../support/conformance-run';
import { hostClockOff } from '../support/fault-builders';

test('the reference server, driven as a live target with writes allowed, is conformant (exit 0; only writes to other fixtures skipped)', async () => {
  const server = await startReferenceServer();
  try {
    const run = await againstServer(server, ['--allow-writes']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.report?.summary).toMatchObject({ failed: 0, errors: 0, warnings: 0 });
    const skipped = (run.report?.results ?? []).filter((r) => r.status === 'skipped');
    expect(skipped.every((r) => r.skipReason?.startsWith('writes go only to ZAVU_SENDER_SYNCABLE'))).toBe(true);
    expect((run.report?.summary.passed ?? 0) + skipped.length).toBe(expectedCaseCount());
  } finally {
    await server.close();
  }
});

test("a host whose clock keeps local wall time (UTC+10) taken for UTC: every Date and requestedAt 10 hours ahead, agreeing with each other; the suite cannot tell its clock from the server's, so it warns on each, naming both, and fails nothing", async () => {
  const server = await startReferenceServer({ fault: hostClockOff(10 * 3_600_000) });
  try {
    const run = await againstServer(server, ['--allow-writes']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const warned = (run.report?.results ?? []).flatMap((r) => r.violations.filter((v) => v.severity === 'warning' && v.title.includes('the two clocks disagree, and one of them is wrong')).map((v) => `${r.id} ${v.check}`));
    // The 202's own requestedAt (state-prediction) and the reads that show it after (times-not-ahead).
    expect(warned).toEqual(expect.arrayContaining(['startWhatsAppHistorySync/start-syncable state-prediction', 'startWhatsAppHistorySync/start-syncable times-not-ahead']));
  } finally {
    await server.close();
  }
});

/**
 * The operations a broken server's run certifies. A run that writes leaves out only the read-only operation: its cases
 * change nothing on the server, so every write case meets the state it meets in a whole run (the history starts follow
 * the contacts starts, as there), and its ~400 hostile ids are most of a run's requests, a second of each of these ~60
 * runs. It runs in every read-only entry's run below, and written around in the reference server's run above. A
 * read-only run is a whole run: without writes the starts send nothing, so leaving them out would save nothing.
 */
function scopeOf(entry: BrokenServer): string[] {
  if (entry.args?.includes('--allow-writes') !== true) return [];
  const { contract } = require('../support/shipped-contract') as typeof import('../support/shipped-contract');
  return ['--operation', contract.operations.filter((o) => o.writes).map((o) => o.operationId).join(',')];
}

describe.each([...BROKEN_SERVERS, ...WRITE_BREAKS, ...READ_BREAKS].map((entry) => [entry.name, entry] as const))('broken server %s', (_name, entry) => {
  test(`exits 1 and ${entry.expectedCaseId ?? 'some case'}${entry.expectedStep ? ` (step ${entry.expectedStep})` : ''} fails with check ${entry.expectedCheck}`, async () => {
    const server = await startBrokenServer(entry);
    try {
      const run = await runConformanceCli(['--base-url', server.baseUrl, ...(entry.args ?? []), ...scopeOf(entry)], { ...serverEnv(server), ...entry.env });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      const failing = (run.report?.results ?? []).filter((r) => r.status === 'failed');
      const target = entry.expectedCaseId === undefined ? failing : failing.filter((r) => r.id === entry.expectedCaseId);
      const checks = target.flatMap((r) => r.violations.filter((v) => v.severity === 'error' && (entry.expectedStep === undefined || v.step === entry.expectedStep)).map((v) => v.check));
      if (entry.expectedStep !== undefined) expect(target.map((r) => r.failedStep)).toContain(entry.expectedStep);
      expect(checks).toContain(entry.expectedCheck);
      if (entry.onlyFailingCases !== undefined) expect(failing.map((r) => r.id).sort()).toEqual([...entry.onlyFailingCases].sort());
      // The console names the check too, so a reviewer sees why without opening a report.
      expect(run.stdout).toContain(entry.expectedCheck);
      // And the failing case has its FAIL progress line as it finishes, with its duration.
      const caseId = (entry.expectedCaseId ?? '\\S+').replace(/[[\]]/g, '\\$&');
      expect(run.stdout).toMatch(new RegExp(`^  FAIL ${caseId}: .* \\(\\d+(?:\\.\\d)? ms\\)$`, 'm'));
    } finally {
      await server.close();
    }
  });
});
