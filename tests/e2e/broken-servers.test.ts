/**
 * The suite tests itself (DESIGN principle 10): against every deliberately broken server it must
 * exit 1 and fail the intended case for the intended reason; against the reference server, exit 0.
 */
import { startReferenceServer } from '../../src/reference-server';
import { BROKEN_SERVERS, startBrokenServer } from '../support/broken-servers';
import { againstServer, expectedCaseCount } from '../support/conformance-run';

test('the reference server, driven as a live target, is conformant (exit 0, nothing skipped)', async () => {
  const server = await startReferenceServer();
  try {
    const run = await againstServer(server);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.report?.summary).toMatchObject({ failed: 0, errors: 0, skipped: 0, warnings: 0 });
    expect(run.report?.summary.passed).toBe(expectedCaseCount());
  } finally {
    await server.close();
  }
});

describe.each(BROKEN_SERVERS.map((entry) => [entry.name, entry] as const))('broken server %s', (_name, entry) => {
  test(`exits 1 and ${entry.expectedCaseId ?? 'some case'} fails with check ${entry.expectedCheck}`, async () => {
    const server = await startBrokenServer(entry);
    try {
      const run = await againstServer(server);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      const failing = (run.report?.results ?? []).filter((r) => r.status === 'failed');
      const target = entry.expectedCaseId === undefined ? failing : failing.filter((r) => r.id === entry.expectedCaseId);
      const checks = target.flatMap((r) => r.violations.filter((v) => v.severity === 'error').map((v) => v.check));
      expect(checks).toContain(entry.expectedCheck);
      // The console names the check too, so a reviewer sees why without opening a report.
      expect(run.stdout).toContain(entry.expectedCheck);
      // And the failing case has its FAIL progress line as it finishes, with its duration.
      const caseId = (entry.expectedCaseId ?? '\\S+').replace(/[[\]]/g, '\\$&');
      expect(run.stdout).toMatch(new RegExp(`^  FAIL ${caseId}: .* \\(\\d+ ms\\)$`, 'm'));
    } finally {
      await server.close();
    }
  });
});
