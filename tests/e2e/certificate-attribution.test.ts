/**
 * The CI-gate pass's deploy, end to end: a 200 whose history.canSync is the string "false". The
 * certificate must blame the answer (coexistence, and the response shape line for the
 * authentication cases that got the same 200: the valid key spelt otherwise, the reads with the key
 * around a refused one), not authentication; the run's verdict (exit code, junit) is unchanged:
 * those cases still fail.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Certificate } from '../../src/model';
import { BODY_BREAKS } from '../support/broken-servers-body';
import { startBrokenServer } from '../support/broken-servers';
import { runConformanceCli, serverEnv } from '../support/conformance-run';

test('a wrong-typed canSync fails coexistence and the response shape line, not authentication; exit 1 and the junit failures as before', async () => {
  const entry = BODY_BREAKS.find((e) => e.name === 'can-sync-as-string');
  if (entry === undefined) throw new Error('broken server can-sync-as-string is gone');
  const server = await startBrokenServer(entry);
  try {
    const run = await runConformanceCli(['--base-url', server.baseUrl, '--operation', 'getWhatsAppSyncStatus'], serverEnv(server));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const certificate = JSON.parse(readFileSync(join(run.reportsDir, 'certificate.json'), 'utf8')) as Certificate;
    const verdicts = Object.fromEntries(certificate.families.map((f) => [f.family, f.verdict]));
    // Authentication is not failed: its cases that got the 200 break none of its rules. Seven of
    // them (unauthenticated-read-changes-nothing, one per coexistence sender) stop at their first
    // read with the key, whose 200 breaks the shape and the rules on canSync, so never send the
    // read without credentials they are about: not judged, and counted on the response shape line
    // with the two valid keys spelt otherwise.
    expect(verdicts).toMatchObject({ 'coexistence': 'failed', 'authentication': 'not-judged' });
    expect(certificate.families.find((f) => f.family === 'authentication')).toMatchObject({ failed: 0, notJudged: 7, stoppedBefore: 7, responseShape: 9 });
    expect(certificate.responseShape).toEqual({ verdict: 'failed', failed: 9, families: ['authentication'], checks: ['response-schema', 'in-flight-not-startable', 'inactive-not-startable'] });
    expect(certificate.level).toBe('failed');
    expect(run.stdout).toMatch(/^certificate: FAILED \(.*\b\d failed \((?:(?!authentication)[^)])*\), 1 not judged \(authentication: 7 cases stopped before their own request by their broken answer on the response shape line\), response shape failed \(9 cases of authentication: response-schema, in-flight-not-startable, inactive-not-startable\)/m);
    // The cases themselves still failed: the verdict and junit read them.
    const failed = (run.report?.results ?? []).filter((r) => r.status === 'failed').map((r) => r.id);
    expect(failed).toEqual(expect.arrayContaining(['getWhatsAppSyncStatus/lowercase-bearer-scheme', 'getWhatsAppSyncStatus/padded-bearer-token', 'getWhatsAppSyncStatus/unauthenticated-read-changes-nothing[snd_coex_active]']));
    const junit = readFileSync(join(run.reportsDir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testcase classname="getWhatsAppSyncStatus" name="lowercase-bearer-scheme: [^"]*"[^>]*>\s*<failure/);
    // The certificate tells a rule's violation (a success's content) by the rules the run lists:
    // without them, a rule broken in a read before a start is charged to the start's family.
    const shipped = (JSON.parse(readFileSync(join(__dirname, '../../operations/rules.json'), 'utf8')) as { rules: { id: string }[] }).rules.map((r) => r.id);
    expect(shipped.length).toBeGreaterThan(0);
    expect(run.report?.runInfo.rules).toEqual(shipped);
  } finally {
    await server.close();
  }
});
