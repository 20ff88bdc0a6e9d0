/** What a replay reads of its recordings' configured fixtures (log._zavu.fixtures): only what the recorded runs agree on. */
import type { LoadedRecording } from '../../src/recording/read-recordings';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RecordingError } from '../../src/model/errors';
import { recordedFixtures, recordingsOf, replayWrites } from '../../src/runner/prepare-replay';
import { EMBEDDED_TARGET } from '../../src/model/result';
import { packageRoot } from '../../src/package-root';
import { scratchDir } from '../support/scratch-dir';
import { sampleExchange } from '../recording/fixtures';
import { requireBuilt } from '../support/in-child';
import { modesRefuse, refusalAsUnprivileged, removeUnprivilegedScratch, unprivilegedScratch } from '../support/unprivileged';

/** A file of a record run: the senders its paths hold, and the fixtures it keeps. */
const file = (name: string, senders: readonly string[], fixtures?: Record<string, string[]>): LoadedRecording => ({
  file: `rec/${name}.har`,
  target: 'https://api.example.test',
  skipped: [],
  repeat: 1,
  suiteVersion: '0.2.0',
  entries: senders.map((sender, index) => ({ index, caseId: `${name}/c${index}`, scenario: 'no-waba', authVariant: 'valid', exchange: sampleExchange({ id: `${name}/c${index}`, sender }) })),
  ...(fixtures !== undefined ? { fixtures } : {}),
});

test('the files of one record run give their fixtures together, each role its ids once', () => {
  const read = recordedFixtures([file('a', ['snd_n', 'snd_o'], { noWaba: ['snd_n'], otherProject: ['snd_o'] }), file('b', ['snd_n', 'snd_s'], { noWaba: ['snd_n'], syncable: ['snd_s'] })]);
  expect({ ...read }).toEqual({ noWaba: ['snd_n'], otherProject: ['snd_o'], syncable: ['snd_s'] });
  expect(recordedFixtures([file('a', ['snd_n'])])).toBeUndefined();
  // An id no path of the folder holds (a hand edit, or a build that kept the ids its cases were planned with) names nothing.
  expect({ ...recordedFixtures([file('a', ['snd_n'], { noWaba: ['snd_n', 'snd_ghost'], otherProject: ['snd_o'] })]) }).toEqual({ noWaba: ['snd_n'] });
});

test('a folder mixing record runs: an id two files configured under other roles (or one file not at all) is read by neither, never as the other run named it', () => {
  // Last week snd_x was the no-WABA sender; tonight's record run of another operation had it as the other project's.
  const weekAgo = file('getWhatsAppSyncStatus', ['snd_x', 'snd_n'], { noWaba: ['snd_x', 'snd_n'] });
  const tonight = file('startWhatsAppContactsSync', ['snd_x', 'snd_n', 'snd_o'], { otherProject: ['snd_x', 'snd_o'], noWaba: ['snd_n'] });
  expect({ ...recordedFixtures([weekAgo, tonight]) }).toEqual({ noWaba: ['snd_n'], otherProject: ['snd_o'] });
  // A file recorded before the field was written (or of a run that configured no such sender) whose paths hold the id: unknown to that run.
  expect({ ...recordedFixtures([weekAgo, file('older', ['snd_x'])]) }).toEqual({ noWaba: ['snd_n'] });
  // A file whose paths never held the id says nothing of it.
  expect({ ...recordedFixtures([weekAgo, file('other', ['snd_q'], { coexistence: ['snd_q'] })]) }).toEqual({ noWaba: ['snd_x', 'snd_n'], coexistence: ['snd_q'] });
});

// A replay is of its recordings' kind (runInfo.allowWrites), whatever its flags: the files it replays decide it.
test("a replay's kind is the replayed files' record runs': a write run when any is one, of the files --operation selects only", () => {
  const writes = { ...file('startWhatsAppHistorySync', ['snd_s']), allowWrites: true as const };
  const readOnly = file('getWhatsAppSyncStatus', ['snd_s']);
  expect([replayWrites([readOnly, writes], undefined), replayWrites([readOnly], undefined), replayWrites([writes], undefined)]).toEqual([true, false, true]);
  // A one-operation replay of the read-only run's file, beside a write run's in the folder: read-only.
  expect([replayWrites([readOnly, writes], ['getWhatsAppSyncStatus']), replayWrites([readOnly, writes], ['startWhatsAppHistorySync'])]).toEqual([false, true]);
  // A recording made before the field: the embedded server's took every write (the shipped ones), a live target's without the field none.
  const embedded = { ...file('getWhatsAppSyncStatus', ['snd_s']), target: EMBEDDED_TARGET };
  expect([replayWrites([embedded], undefined), replayWrites([embedded, writes], ['startWhatsAppHistorySync']), replayWrites([embedded, readOnly], ['getWhatsAppSyncStatus'])]).toEqual([true, true, true]);
});

describe("a recordings folder that cannot be read: the package's own recordings are named only when it is missing", () => {
  const shipped = join(packageRoot, 'recordings');
  const failure = (dir: string): RecordingError => {
    try {
      recordingsOf(dir);
    } catch (error) {
      expect(error).toBeInstanceOf(RecordingError);
      return error as RecordingError;
    }
    throw new Error('recordingsOf did not fail');
  };
  test('missing: its own recordings named, the path and ENOENT kept for a caller', () => {
    const missing = join(scratchDir(), 'nowhere');
    expect(failure(missing)).toMatchObject({ message: `${missing}: recording directory not found (the suite's own recordings of its embedded server: --recordings ${shipped})`, path: missing, code: 'ENOENT' });
  });

  (modesRefuse ? test : test.skip)('refused (a real EACCES: a folder under one without search permission, read as a user the modes refuse): said as the file system said it, with no pointer to other recordings', () => {
    const scratch = unprivilegedScratch('zvc-replay-eacces-');
    try {
      const dir = join(scratch, 'locked', 'recordings');
      mkdirSync(dir, { recursive: true });
      chmodSync(join(scratch, 'locked'), 0o600);
      const thrown = refusalAsUnprivileged(`${requireBuilt('runner/prepare-replay.js')}.recordingsOf(${JSON.stringify(dir)})`, scratch);
      expect(thrown).toEqual({ name: 'RecordingError', message: `${dir}: recording directory cannot be read: permission denied (EACCES)`, path: dir, code: 'EACCES', exitCode: 2 });
    } finally {
      removeUnprivilegedScratch(scratch);
    }
  });
});
