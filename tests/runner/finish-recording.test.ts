/** Writing a record run's HAR files: one per operation, and no temp file a killed record run left beside them. */
import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlannedCase } from '../../src/model';
import { finishRecording } from '../../src/runner/finish-recording';
import { scratchDir } from '../support/scratch-dir';
import { sampleEntry, sampleExchange } from '../recording/fixtures';
import { toHarEntry } from '../../src/recording/har-entry';
import { createScrubber } from '../../src/recording/scrub';
import { noteOverflow } from '../../src/recording/bounded-sink';
import { RecordingError } from '../../src/model/errors';

/** The fields of a planned case that finishing a recording reads. */
const planned = (operationId: string, scenario: string, auths: string[] = []): PlannedCase => ({ id: `${operationId}/${scenario}`, operationId, scenario: { id: scenario }, steps: auths.map((auth, i) => ({ id: `s${i}`, operationId, auth, expect: {} })) }) as unknown as PlannedCase;

test("a record run removes the temp files a killed one left of recordings (a dead writer's, a minute old), also of an operation no longer planned, and no other", () => {
  const cwd = scratchDir('zvc-finish-recording-');
  const dir = join(cwd, 'rec');
  mkdirSync(dir);
  // A process id no process has: beyond the kernel's default pid_max.
  const orphan = '.getWhatsAppSyncStatus.har.4194399.a1b2c3d4e5f6.tmp';
  // An operation since removed from the plan (the spec changed, or --operation leaves it out): its temp file is the suite's all the same.
  const removedOperation = '.startWhatsAppContactsSync.har.4194399.0123456789ab.tmp';
  const live = `.getWhatsAppSyncStatus.har.${process.pid}.a1b2c3d4e5f6.tmp`;
  // Not the suite's temp name of a recording: another file's temp, no dot, a short suffix, a user's own HAR.
  const notOurs = ['.notes.txt.4194399.a1b2c3d4e5f6.tmp', 'startWhatsAppContactsSync.har.4194399.a1b2c3d4e5f6.tmp', '.startWhatsAppContactsSync.har.4194399.abc.tmp', '..har.4194399.a1b2c3d4e5f6.tmp', 'mine.har'];
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (const name of [orphan, removedOperation, live, ...notOurs]) {
    writeFileSync(join(dir, name), '{"log":');
    utimesSync(join(dir, name), hourAgo, hourAgo);
  }
  const written = finishRecording({ sink: join(cwd, 'no-entries.jsonl'), dir, cases: [planned('getWhatsAppSyncStatus', 'no-waba')], target: 'http://127.0.0.1:1', secrets: [] });
  expect(written).toEqual([join(dir, 'getWhatsAppSyncStatus.har')]);
  expect(readdirSync(dir).sort()).toEqual([live, ...notOurs, 'getWhatsAppSyncStatus.har'].sort());
});

test('the files of a recording go in as one set: one that cannot be written leaves every earlier file as it was, and no temp file', () => {
  const cwd = scratchDir('zvc-finish-recording-');
  const dir = join(cwd, 'rec');
  mkdirSync(dir);
  const earlier = '{"log": "an earlier recording"}\n';
  writeFileSync(join(dir, 'getWhatsAppSyncStatus.har'), earlier);
  // The second operation's file cannot be replaced: a folder stands where it goes.
  mkdirSync(join(dir, 'startWhatsAppContactsSync.har'));
  writeFileSync(join(dir, 'startWhatsAppContactsSync.har', 'kept'), '');
  const cases = [planned('getWhatsAppSyncStatus', 'no-waba'), planned('startWhatsAppContactsSync', 'no-waba')];
  expect(() => finishRecording({ sink: join(cwd, 'no-entries.jsonl'), dir, cases, target: 'http://127.0.0.1:1', secrets: [] })).toThrow(/startWhatsAppContactsSync\.har/);
  // Written one file after another, the first operation's would be the new run's beside the second's old one.
  expect(readFileSync(join(dir, 'getWhatsAppSyncStatus.har'), 'utf8')).toBe(earlier);
  expect(readdirSync(dir).sort()).toEqual(['getWhatsAppSyncStatus.har', 'startWhatsAppContactsSync.har']);
});

test("each file keeps the stops of its own cases and says whether its cases were planned with the other project's key: a replay of one file alone reports and plans them as the run did", () => {
  const cwd = scratchDir('zvc-finish-recording-');
  const dir = join(cwd, 'rec');
  const cases = [planned('getWhatsAppSyncStatus', 'own-sender-other-project-key', ['valid', 'other-project-key']), planned('startWhatsAppContactsSync', 'no-waba'), { ...planned('startWhatsAppContactsSync', 'negative-inputs'), scenario: { id: 'negative-inputs', fuzz: {} } } as unknown as PlannedCase];
  const stopped = [{ caseId: 'startWhatsAppContactsSync/no-waba', why: 'timeout' as const }, { caseId: 'startWhatsAppContactsSync/negative-inputs', why: 'timeout' as const }];
  finishRecording({ sink: join(cwd, 'no-entries.jsonl'), dir, cases, target: 'http://127.0.0.1:1', secrets: [], stopped });
  const logOf = (operationId: string) => (JSON.parse(readFileSync(join(dir, `${operationId}.har`), 'utf8')) as { log: { _zavu: Record<string, unknown> } }).log._zavu;
  expect(logOf('getWhatsAppSyncStatus')).toMatchObject({ otherProjectKey: true });
  expect('stopped' in logOf('getWhatsAppSyncStatus')).toBe(false);
  // The negative property is never replayed: its stop is no file's.
  expect(logOf('startWhatsAppContactsSync')['stopped']).toEqual([{ caseId: 'startWhatsAppContactsSync/no-waba', why: 'timeout' }]);
  expect('otherProjectKey' in logOf('startWhatsAppContactsSync')).toBe(false);
});

test("each file keeps the run's configured fixtures its own entries' paths hold (a witness read's included), no other sender id", () => {
  const cwd = scratchDir('zvc-finish-recording-');
  const dir = join(cwd, 'rec');
  const sink = join(cwd, 'sink.jsonl');
  const withParams = (c: PlannedCase, params: Record<string, string>, stepParams?: Record<string, string>): PlannedCase => ({ ...c, params, steps: [{ id: 's0', operationId: c.operationId, auth: 'valid', expect: {} }, ...(stepParams !== undefined ? [{ id: 's1', operationId: c.operationId, auth: 'valid', expect: {}, params: stepParams }] : [])] }) as unknown as PlannedCase;
  const cases = [
    withParams(planned('getWhatsAppSyncStatus', 'no-waba'), { senderId: 'snd_n' }),
    // Planned and listed as sent, but never asked (its case stopped before its first request, the target lost): its id is in no path of the file.
    withParams(planned('getWhatsAppSyncStatus', 'other-project-sender'), { senderId: 'snd_o' }),
    // A sequence whose first step failed: its witness read (snd_never) never went out.
    withParams(planned('startWhatsAppContactsSync', 'start'), { senderId: 'snd_s' }, { senderId: 'snd_never' }),
    withParams(planned('startWhatsAppContactsSync', 'witness'), { senderId: 'snd_s' }, { senderId: 'snd_w' }),
    // Skipped when recorded: its sender's id is in no path of the file.
    { ...withParams(planned('startWhatsAppContactsSync', 'other'), { senderId: 'snd_skip' }), skipReason: 'no writes' },
  ];
  const entries = [
    sampleEntry({ id: 'getWhatsAppSyncStatus/no-waba', sender: 'snd_n' }),
    sampleEntry({ id: 'startWhatsAppContactsSync/start', sender: 'snd_s' }),
    sampleEntry({ id: 'startWhatsAppContactsSync/witness', sender: 'snd_s' }),
    sampleEntry({ id: 'startWhatsAppContactsSync/witness#s1', sender: 'snd_w' }),
  ];
  writeFileSync(sink, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
  const fixtures = { noWaba: ['snd_n'], syncable: ['snd_s'], coexistence: ['snd_w', 'snd_unused', 'snd_never'], otherProject: ['snd_o', 'snd_skip'] };
  finishRecording({ sink, dir, cases, target: 'http://127.0.0.1:1', secrets: [], fixtures });
  const logOf = (operationId: string) => (JSON.parse(readFileSync(join(dir, `${operationId}.har`), 'utf8')) as { log: { _zavu: Record<string, unknown> } }).log._zavu;
  expect(logOf('getWhatsAppSyncStatus')['fixtures']).toEqual({ noWaba: ['snd_n'] });
  expect(logOf('startWhatsAppContactsSync')['fixtures']).toEqual({ coexistence: ['snd_w'], syncable: ['snd_s'] });
  // Without the run's fixtures (the embedded server's), none is written.
  finishRecording({ sink, dir, cases, target: 'http://127.0.0.1:1', secrets: [] });
  expect('fixtures' in logOf('getWhatsAppSyncStatus')).toBe(false);
});

test('a sender id holding a short key (a piece of it, which the run allows) is kept as its scrubbed path is: the recording is still written, without the key', () => {
  const cwd = scratchDir('zvc-finish-recording-');
  const dir = join(cwd, 'rec');
  const sink = join(cwd, 'sink.jsonl');
  // A key under 16 characters inside an id is no swapped variable (bind-fixtures.ts KEY_IN_ID_MIN): the run goes on, the path scrubbed.
  const key = 'k3y_z9';
  const exchange = sampleExchange({ id: 'getWhatsAppSyncStatus/no-waba', sender: `snd_${key}_1` });
  writeFileSync(sink, `${JSON.stringify(toHarEntry(exchange, { caseId: exchange.id, scenario: 'no-waba', authVariant: 'valid' }, createScrubber([key])))}\n`);
  const cases = [{ ...planned('getWhatsAppSyncStatus', 'no-waba'), params: { senderId: `snd_${key}_1` } } as PlannedCase];
  finishRecording({ sink, dir, cases, target: 'http://127.0.0.1:1', secrets: [key], fixtures: { noWaba: [`snd_${key}_1`] } });
  const text = readFileSync(join(dir, 'getWhatsAppSyncStatus.har'), 'utf8');
  expect(text).not.toContain(key);
  expect('fixtures' in (JSON.parse(text) as { log: { _zavu: object } }).log._zavu).toBe(false);
});

test('a sink that overflowed (answers past what a replay reads): no file is written, the earlier recording stays, and the RecordingError says why', () => {
  const cwd = scratchDir('zvc-finish-recording-');
  const dir = join(cwd, 'rec');
  mkdirSync(dir);
  const earlier = '{"log": "an earlier recording"}\n';
  writeFileSync(join(dir, 'getWhatsAppSyncStatus.har'), earlier);
  const sink = join(cwd, 'recorded.jsonl');
  writeFileSync(sink, '');
  noteOverflow(sink)('the answers to record came to more than 268435456 bytes');
  let thrown: unknown;
  try {
    finishRecording({ sink, dir, cases: [planned('getWhatsAppSyncStatus', 'no-waba')], target: 'http://127.0.0.1:1', secrets: [] });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(RecordingError);
  expect((thrown as Error).message).toMatch(/^recording not written: the answers to record came to more than 268435456 bytes; the recordings folder is left as it was/);
  expect(readFileSync(join(dir, 'getWhatsAppSyncStatus.har'), 'utf8')).toBe(earlier);
});
