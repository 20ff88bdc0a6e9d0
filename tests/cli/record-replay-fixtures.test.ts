/**
 * A 404 to a sender the live run configured reads by the variable that holds it (and, where 401 was
 * due, as credentials not refused): the run knew the variables. A replay must read the same recorded
 * exchange the same way, from what the recording keeps, not from the replaying machine's variables,
 * which may be unset or name other senders.
 */
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { startReferenceServer } from '../../src/reference-server';
import { runConformanceCli, serverEnv, type ConformanceRun } from '../support/conformance-run';
import { startKeysAsObjectMock } from '../support/reference-proxy';

/** Every case's status-code-expected messages, by case id: what the story of each status says. */
const readings = (run: ConformanceRun): [string, string[]][] =>
  (run.report?.results ?? [])
    .filter((r) => r.scenario !== 'negative-inputs')
    .map((r): [string, string[]] => [r.id, r.violations.filter((v) => v.check === 'status-code-expected').map((v) => v.message)])
    .sort(([a], [b]) => (a < b ? -1 : 1));

test("a record run's 404 readings of configured senders (credentials not refused, the variable to check) are the replay's, whatever the replaying machine's variables", async () => {
  const server = await startReferenceServer();
  // "Bearer constructor" taken for a caller who owns nothing (a mock's keys[token]); the other
  // project's sender answered 404 without credentials; snd_zz, configured as no-WABA, unknown to it.
  const mock = await startKeysAsObjectMock(server);
  const args = ['--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0', '--seed', '1'];
  let live: ConformanceRun;
  try {
    live = await runConformanceCli(['--mode', 'record', '--recordings', 'rec', '--base-url', mock.baseUrl, ...args], { ...serverEnv(server), ZAVU_SENDER_NO_WABA: 'snd_zz' });
  } finally {
    await mock.close();
    await server.close();
  }
  expect(live.stderr).toBe('');
  expect(live.code).toBe(1);
  const message = (run: ConformanceRun, id: string): string => readings(run).find(([caseId]) => caseId === id)?.[1][0] ?? `no status-code-expected error in ${id}`;
  // The live readings this test is about, so a change to them cannot pass it vacuously.
  expect(message(live, 'getWhatsAppSyncStatus/key-property-name')).toMatch(/^Received: 404 \(these credentials were not refused: ZAVU_SENDER_[A-Z_]+ "[^"]+" \(configured as a sender of the key's own project\)/);
  expect(message(live, 'getWhatsAppSyncStatus/other-project-sender-no-credentials')).toMatch(/^Received: 404 \(a request without credentials was not refused: ZAVU_SENDER_OTHER_PROJECT "[^"]+" \(configured as the other project's sender\)/);
  expect(message(live, 'getWhatsAppSyncStatus/no-waba')).toContain('ZAVU_SENDER_NO_WABA "snd_zz": the target does not know this sender (404): check the id');
  const rec = join(live.cwd, 'rec');
  // No variable on the replaying machine: what the readings name comes from the recording.
  const bare = await runConformanceCli(['--mode', 'replay', '--recordings', rec, ...args]);
  expect(bare.stderr).toBe('');
  expect(bare.code).toBe(live.code);
  expect(readings(bare)).toEqual(readings(live));
  // Variables naming other senders (another target's configuration) change nothing either.
  const elsewhere = await runConformanceCli(['--mode', 'replay', '--recordings', rec, ...args], { ZAVU_SENDER_COEXISTENCE: 'snd_zz', ZAVU_SENDER_OTHER_PROJECT: 'snd_elsewhere' });
  expect(elsewhere.stderr).toBe('');
  expect(readings(elsewhere)).toEqual(readings(live));
  // The recording keeps roles and the sender ids its own paths hold, never a variable's text.
  const file = join(rec, 'getWhatsAppSyncStatus.har');
  const har = readFileSync(file, 'utf8');
  expect(har).not.toContain('ZAVU_SENDER_');
  // A recording made before the field was written still replays, reading those 404s as before (no variable named).
  const older = JSON.parse(har) as { log: { _zavu: Record<string, unknown> } };
  expect(older.log._zavu['fixtures']).toBeDefined();
  delete older.log._zavu['fixtures'];
  writeFileSync(file, JSON.stringify(older));
  const before = await runConformanceCli(['--mode', 'replay', '--recordings', rec, ...args], { ZAVU_SENDER_NO_WABA: 'snd_zz' });
  expect(before.stderr).toBe('');
  expect(before.code).toBe(live.code);
  expect(message(before, 'getWhatsAppSyncStatus/key-property-name')).toMatch(/^Received: 404 \(the sender was looked up before authenticating, or authentication is not enforced: sender ids can be enumerated\)/);
  expect(message(before, 'getWhatsAppSyncStatus/no-waba')).toMatch(/^Received: 404 \(the sender was not found: check the configured sender id;/);
}, 180_000);
