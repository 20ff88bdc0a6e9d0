/**
 * A record run whose target was lost mid-run, replayed: the requests the guard held back were not
 * sent, and the replay says so, as the live run did (same message, same verdict, same exit code),
 * instead of reading their status-0 entries as transport errors.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReferenceServer } from '../../src/reference-server';
import { TARGET_LOST_NOTE } from '../../src/model/result';
import { runConformanceCli, serverEnv, type ConformanceRun } from '../support/conformance-run';
import { forward, passOn } from '../support/reference-proxy';
import { startScriptedServer } from '../support/misbehaving-servers';
import type { ConformanceReport } from '../../src/model';
import { repoRoot } from '../support/run-cli';
import { scratchDir } from '../support/scratch-dir';

/** Each case's id, status and error line, by id (a replay plans in the recording's order): what a replay must reproduce of the live run. */
const outcomes = (report: ConformanceReport | undefined) =>
  (report?.results ?? []).filter((r) => r.scenario !== 'negative-inputs').map((r) => [r.id, r.status, r.errorMessage])
    .sort(([a], [b]) => (String(a) < String(b) ? -1 : 1));

/**
 * A record run of getWhatsAppSyncStatus against a front that passes its first `answered` requests on
 * to a reference server and then answers nothing; `envOf` picks the run's settings from the server's.
 */
async function recordThenSilent(answered: number, envOf: (env: Record<string, string>) => Record<string, string>): Promise<ConformanceRun> {
  const server = await startReferenceServer();
  let requests = 0;
  const front = await startScriptedServer((req, res) => {
    requests += 1;
    if (requests <= answered) forward(server, req).then((answer) => passOn(res, answer), () => res.destroy());
  });
  try {
    return await runConformanceCli(['--mode', 'record', '--recordings', 'rec', '--base-url', front.baseUrl, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1', '--timeout', '300'], envOf(serverEnv(server)));
  } finally {
    await front.close();
    await server.close();
  }
}

test('a target lost mid-run, recorded then replayed: the held-back requests are not sent in the replay too, each case as the live run judged it, same exit code', async () => {
  // Twelve answers, then silence: the guard calls the target lost and holds every request after back.
  // Without the other project's key: the test after this one holds its isolation sequence back with it.
  const live = await recordThenSilent(12, ({ ZAVU_OTHER_PROJECT_API_KEY: _otherKey, ...env }) => env);
  expect(live.code).toBe(1);
  // The negative property is not recorded: its inputs are generated again from the seed.
  const held = (live.report?.results ?? []).filter((r) => r.scenario !== 'negative-inputs' && (r.errorMessage ?? '').includes(TARGET_LOST_NOTE));
  expect(held.length).toBeGreaterThan(5);
  // The recording marks each held-back request as not sent, its note kept.
  const har = JSON.parse(readFileSync(join(live.cwd, 'rec', 'getWhatsAppSyncStatus.har'), 'utf8')) as { log: { entries: { response: { status: number }; _zavu: { notSent?: true; error?: { message: string } } }[] } };
  const unsent = har.log.entries.filter((e) => e._zavu.notSent === true);
  expect(unsent.length).toBeGreaterThanOrEqual(held.length);
  expect(unsent.every((e) => e.response.status === 0 && e._zavu.error?.message === TARGET_LOST_NOTE)).toBe(true);
  const replay = await runConformanceCli(['--mode', 'replay', '--recordings', join(live.cwd, 'rec'), '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1']);
  expect(replay.stderr).toBe('');
  expect(replay.code).toBe(live.code);
  expect(outcomes(replay.report)).toEqual(outcomes(live.report));
  // Said once at the top, as the live run said it: where the target went down, and why (the count
  // and the first case are the replay's own: it skips the negative property, and lists the cases of
  // a scenario in the recording's order).
  expect(live.report?.targetLost).toBeDefined();
  expect(replay.report?.targetLost).toMatchObject({ why: live.report?.targetLost?.why, at: live.report?.targetLost?.at, notJudged: held.length });
  expect(replay.stdout).toContain('TARGET LOST: ');
});

test("a recording that keeps a target lost with no case cut short: its replay's progress does not say the cases after its first are not judged, and the headline stays", async () => {
  const cwd = scratchDir('zvc-replay-loss-');
  const rec = join(cwd, 'rec');
  mkdirSync(rec);
  const har = JSON.parse(readFileSync(join(repoRoot, 'recordings', 'getWhatsAppSyncStatus.har'), 'utf8')) as { log: { _zavu: Record<string, unknown> } };
  // As a run whose target went down with its last case writes it (each file of the run keeps the loss).
  har.log._zavu['targetLost'] = { why: 'http://127.0.0.1:9 stopped answering mid-run', at: 'GET /v1/senders/a/whatsapp-sync, exchange c6' };
  writeFileSync(join(rec, 'getWhatsAppSyncStatus.har'), JSON.stringify(har));
  const replay = await runConformanceCli(['--mode', 'replay', '--recordings', rec, '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], {}, cwd);
  expect(replay.stderr).toBe('');
  expect(replay.code).toBe(0);
  // Said after the first case, the line read as if every case after it was not judged, and each was then "ok".
  expect(replay.stdout).not.toContain('  target lost: ');
  expect(replay.report?.targetLost).toMatchObject({ why: 'http://127.0.0.1:9 stopped answering mid-run', at: 'GET /v1/senders/a/whatsapp-sync, exchange c6', notJudged: 0 });
  expect(replay.stdout).toContain('TARGET LOST: the target was lost at GET /v1/senders/a/whatsapp-sync, exchange c6; no case after it was left unjudged');
});

test("with the other project's key: a sequence held back before its first request with that key replays as the live run reported it (not sent), not skipped as a run without the key would skip it", async () => {
  // Answers until the isolation sequence's first read has gone out, then silence: its reads with the
  // other project's key are held back before one of them leaves.
  const live = await recordThenSilent(6, (env) => {
    expect(env['ZAVU_OTHER_PROJECT_API_KEY']).toBeTruthy();
    return env;
  });
  expect(live.code).toBe(1);
  const isolation = live.report?.results.find((r) => r.scenario === 'own-sender-other-project-key');
  expect(isolation?.status).toBe('error');
  const replay = await runConformanceCli(['--mode', 'replay', '--recordings', join(live.cwd, 'rec'), '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1']);
  expect(replay.stderr).toBe('');
  expect(replay.code).toBe(live.code);
  expect(outcomes(replay.report)).toEqual(outcomes(live.report));
});
