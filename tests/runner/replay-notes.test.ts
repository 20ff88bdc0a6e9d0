import type { LoadedRecording } from '../../src/recording/read-recordings';
import { isNewerVersion, newerRecordingNotes, repeatNotes, unboundRoleNotes } from '../../src/runner/replay-notes';
import { planCase, withBinding } from '../../src/registry/plan-cases';
import { operations, row } from '../support/shipped-contract';

const recording = (file: string, repeat = 1, suiteVersion = '0.2.0'): LoadedRecording => ({ file: `rec/${file}`, target: 't', entries: [], skipped: [], repeat, suiteVersion });

describe('repeatNotes', () => {
  const single = [recording('a.har'), recording('b.har')];
  const repeated = [recording('a.har', 3), recording('b.har', 3)];

  it('says nothing when the replay repeats as the recording did', () => {
    expect(repeatNotes(1, single)).toEqual([]);
    expect(repeatNotes(3, repeated)).toEqual([]);
  });

  it('says a recording of one attempt is judged --repeat times alike', () => {
    expect(repeatNotes(2, single)).toEqual(["--repeat 2 judges each recorded exchange 2 times: its latency is the recording's, and no attempt can differ"]);
  });

  it('says a replay with fewer repeats than the recording judges the first attempts only, and which flag judges them all', () => {
    expect(repeatNotes(1, repeated)).toEqual(['the recordings: recorded with --repeat 3 (3 attempts of each request); this replay judges the first one of each only, --repeat 3 judges them all, in their recorded order']);
    expect(repeatNotes(2, repeated)[0]).toContain('judges the first 2 of each only');
  });

  it('says attempts past the recorded ones get the last again, and names the files when they differ', () => {
    expect(repeatNotes(5, [recording('a.har', 3), recording('b.har')])).toEqual([
      "--repeat 5 judges each recorded exchange of b.har 5 times: its latency is the recording's, and no attempt can differ",
      'a.har: recorded with --repeat 3 (3 attempts of each request); --repeat 5 judges the attempts past those 3 on the last recorded one again',
    ]);
  });
});

describe('recordings of another suite version', () => {
  it('compares releases by number, not as text; anything not a version is not compared', () => {
    expect(isNewerVersion('0.10.0', '0.2.0')).toBe(true);
    expect(isNewerVersion('1.0.0-rc.1', '0.9.9')).toBe(true);
    expect(isNewerVersion('0.2.0', '0.2.0')).toBe(false);
    expect(isNewerVersion('0.1.9', '0.2.0')).toBe(false);
    expect(isNewerVersion('next', '0.2.0')).toBe(false);
  });

  it('names a recording a newer suite wrote; an older or the same one needs no word', () => {
    expect(newerRecordingNotes([recording('a.har', 1, '0.1.0'), recording('b.har')], '0.2.0')).toEqual([]);
    expect(newerRecordingNotes([recording('a.har'), recording('b.har', 1, '0.3.1')], '0.2.0')).toEqual([
      'b.har was recorded by zavu-conformance 0.3.1, newer than this suite (0.2.0): cases and steps added since are not replayed; upgrade the suite to replay all of it',
    ]);
  });
});

describe('unboundRoleNotes', () => {
  const GET = 'getWhatsAppSyncStatus';
  const credential = (scenario: string, skipReason?: string) => planCase(`${GET}/${scenario}`, GET, row(GET, scenario), { senderId: 'snd_a' }, operations, skipReason);

  it('names the credential rows planned without the role of their sender, judged as any sender\'s', () => {
    expect(unboundRoleNotes([credential('lowercase-bearer-scheme'), credential('coexistence')])).toEqual([
      `1 case recorded without the role its sender was bound to (a recording made before it was kept): its status is judged as any sender's answer, not as its own sender's alone; record again to judge it exactly (${GET}/lowercase-bearer-scheme)`,
    ]);
  });

  it('says nothing of rows bound to their role, of skipped ones, nor of rows with no choice of sender', () => {
    expect(unboundRoleNotes([withBinding(credential('lowercase-bearer-scheme'), { senderId: 'unknown' }), credential('padded-bearer-token', 'skipped when recorded: x'), credential('no-waba')])).toEqual([]);
  });
});
