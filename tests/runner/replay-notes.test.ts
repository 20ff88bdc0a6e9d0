import type { LoadedRecording } from '../../src/recording/read-recordings';
import { contractNotes, isNewerRelease, newerRecordingNotes, repeatNotes, replayedRecordings, unboundRoleNotes, unknownScenarioNotes, unplannedNotes } from '../../src/runner/replay-notes';
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
    expect(isNewerRelease('0.10.0', '0.2.0')).toBe(true);
    expect(isNewerRelease('1.0.0-rc.1', '0.9.9')).toBe(true);
    expect(isNewerRelease('0.2.0', '0.2.0')).toBe(false);
    expect(isNewerRelease('0.1.9', '0.2.0')).toBe(false);
    expect(isNewerRelease('next', '0.2.0')).toBe(false);
  });

  it('names a recording a newer suite wrote; an older or the same one needs no word', () => {
    expect(newerRecordingNotes([recording('a.har', 1, '0.1.0'), recording('b.har')], '0.2.0')).toEqual([]);
    expect(newerRecordingNotes([recording('a.har'), recording('b.har', 1, '0.3.1')], '0.2.0')).toEqual([
      'b.har was recorded by zavu-conformance 0.3.1, newer than this suite (0.2.0): cases and steps added since are not replayed; upgrade the suite to replay all of it',
    ]);
  });

  it("shows a newer version's suffix bounded and inert: an escape sequence a terminal would obey, megabytes of it", () => {
    const version = `9.0.0-\u001b[2J<b>${'x'.repeat(100_000)}`;
    const [note] = newerRecordingNotes([recording('a.har', 1, version)], '0.2.0');
    expect(note).toMatch(/^a\.har was recorded by zavu-conformance 9\.0\.0-\\u001b\[2J<b>x+… \(100013 chars\), newer than this suite \(0\.2\.0\)/);
    expect(note).not.toContain('\u001b');
    expect(note?.length).toBeLessThan(300);
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

describe('recordings made under another contract', () => {
  const sha = (c: string): string => c.repeat(64);
  const spec = { specTitle: 'Zavu API', specVersion: '0.2.0', specSha256: sha('a') };
  const today = { ...spec, specSha256: sha('b'), digests: { getStatus: sha('1'), startHistory: sha('2'), startContacts: sha('3') } };
  const made = (file: string, operations: Record<string, string> | undefined): LoadedRecording => ({ ...recording(file), ...(operations === undefined ? {} : { contract: { ...spec, operations } }) });

  it('says nothing when every operation a recording sent to has the contract it was recorded under, whatever else of the spec changed', () => {
    expect(contractNotes([made('a.har', { getStatus: sha('1') }), made('b.har', { startHistory: sha('2'), getStatus: sha('1') })], today, 'spec.yaml')).toEqual([]);
  });

  it('names the recordings, the operations whose contract changed and both specs, and what to do', () => {
    const notes = contractNotes([made('a.har', { getStatus: sha('1') }), made('b.har', { startHistory: sha('9'), getStatus: sha('1') }), made('c.har', { startContacts: sha('3') })], today, 'specs/new.yaml');
    expect(notes).toEqual([
      `b.har was made when the contract of startHistory differed from today's (recorded with Zavu API 0.2.0, sha256 aaaaaaaaaaaa; judged now by specs/new.yaml, sha256 bbbbbbbbbbbb): a failure there may be the contract's change, not the target's; record again (--mode record) to judge the target's answers by this contract`,
    ]);
    // A change to the operation every start reads with: each file that sent to it.
    expect(contractNotes([made('a.har', { getStatus: sha('8') }), made('b.har', { startHistory: sha('2'), getStatus: sha('8') })], today, 's.yaml')[0]).toMatch(/^the recordings were made when the contract of getStatus differed/);
  });

  it('says nothing of a recording older than the field (it cannot tell) or of an operation no longer planned', () => {
    expect(contractNotes([made('a.har', undefined), made('b.har', { gone: sha('7') })], today, 's.yaml')).toEqual([]);
  });

  it('names each spec once however many files it recorded, two of them and a count of the rest, and lists three operations as a sentence does', () => {
    const other = (file: string, c: string, operations: Record<string, string>): LoadedRecording => ({ ...recording(file), contract: { ...spec, specVersion: `0.${c}`, specSha256: sha(c), operations } });
    const changed = { getStatus: sha('0'), startHistory: sha('0'), startContacts: sha('0') };
    // Two files of one record run: its spec once, not twice.
    const [once] = contractNotes([made('a.har', changed), made('b.har', changed)], today, 's.yaml');
    expect(once).toContain('the contract of getStatus, startContacts and startHistory differed');
    expect(once).toContain('(recorded with Zavu API 0.2.0, sha256 aaaaaaaaaaaa; judged now by');
    // Three record runs: the third named, never "and 1 more"; four: two named, two counted.
    const [three] = contractNotes([other('a.har', 'c', changed), other('b.har', 'd', changed), other('c.har', 'e', changed)], today, 's.yaml');
    expect(three).toContain('(recorded with Zavu API 0.c, sha256 cccccccccccc; Zavu API 0.d, sha256 dddddddddddd; Zavu API 0.e, sha256 eeeeeeeeeeee; judged now by');
    expect(three).not.toMatch(/1 more/);
    const [four] = contractNotes([other('a.har', 'c', changed), other('b.har', 'd', changed), other('c.har', 'e', changed), other('d.har', 'f', changed)], today, 's.yaml');
    expect(four).toContain('(recorded with Zavu API 0.c, sha256 cccccccccccc; Zavu API 0.d, sha256 dddddddddddd and 2 more; judged now by');
  });

  it('names three of the recordings meant, a fourth too (never "and 1 more"), and counts two or more past three', () => {
    const stale = (file: string): LoadedRecording => made(file, { getStatus: sha('8') });
    const fresh = made('z.har', { getStatus: sha('1') });
    const [four] = contractNotes([stale('a.har'), stale('b.har'), stale('c.har'), stale('d.har'), fresh], today, 's.yaml');
    // Said as the count is ("… and 2 more"), and as every other list of the notes: the last after "and".
    expect(four).toMatch(/^a\.har, b\.har, c\.har and d\.har were made when/);
    const [five] = contractNotes([stale('a.har'), stale('b.har'), stale('c.har'), stale('d.har'), stale('e.har'), fresh], today, 's.yaml');
    expect(five).toMatch(/^a\.har, b\.har, c\.har and 2 more were made when/);
  });

  it("shows a recording's spec title bounded and inert", () => {
    const hostile = { ...recording('a.har'), contract: { ...spec, specTitle: `x\u001b[2J${'y'.repeat(500)}`, operations: { getStatus: sha('0') } } };
    const [note] = contractNotes([hostile], today, 's.yaml');
    expect(note).not.toContain('\u001b');
    expect(note?.length).toBeLessThan(600);
  });
});

describe('recordings of an operation the suite no longer has', () => {
  const holding = (file: string, caseIds: string[], skipped: string[] = []): LoadedRecording => ({
    ...recording(file),
    entries: caseIds.map((caseId, index) => ({ index, caseId, scenario: 's', authVariant: 'valid', exchange: { id: caseId, request: { method: 'GET', url: 'http://t/x', path: '/x', headers: {}, authVariant: 'valid' }, startedAt: '', durationMs: 0 } })) as LoadedRecording['entries'],
    skipped: skipped.map((caseId) => ({ caseId, scenario: 's', reason: 'r' })),
  });
  const known = ['getStatus', 'startHistory'];

  it('says nothing when every case is of an operation the suite has, replayed or left out with --operation', () => {
    expect(unplannedNotes([holding('getStatus.har', ['getStatus/a', 'getStatus/b#read-after']), holding('startHistory.har', ['startHistory/c'])], known, 'operations')).toEqual([]);
  });

  it('with --operation, the recordings replayed are those holding a case of an operation asked for (a sequence\'s reads in a start\'s file are the start\'s)', () => {
    const files = [holding('getStatus.har', ['getStatus/a']), holding('startHistory.har', ['startHistory/c', 'startHistory/c#read-before']), holding('skipped.har', [], ['startHistory/d'])];
    expect(replayedRecordings(files, undefined).map((r) => r.file)).toEqual(['rec/getStatus.har', 'rec/startHistory.har', 'rec/skipped.har']);
    expect(replayedRecordings(files, ['getStatus']).map((r) => r.file)).toEqual(['rec/getStatus.har']);
    expect(replayedRecordings(files, ['startHistory']).map((r) => r.file)).toEqual(['rec/startHistory.har', 'rec/skipped.har']);
  });

  it('names a file left over from an operation removed or renamed: it is listed among the recordings, yet nothing of it is replayed', () => {
    expect(unplannedNotes([holding('getStatus.har', ['getStatus/a']), holding('getStatusV0.har', ['getStatusV0/a'], ['getStatusV0/b'])], known, 'ops')).toEqual([
      'getStatusV0.har holds cases of getStatusV0, which is no operation of ops: not replayed; remove it, or record again if the operation was renamed',
    ]);
    // Three named as a sentence names them; a fourth named too (never "and 1 more"); two past three counted.
    expect(unplannedNotes([holding('old.har', ['o1/a', 'o2/a', 'o3/a'])], known, 'ops')[0]).toMatch(/^old\.har holds cases of o1, o2 and o3, which are no operations of ops:/);
    expect(unplannedNotes([holding('old.har', ['o1/a', 'o2/a', 'o3/a', 'o4/a'])], known, 'ops')[0]).toMatch(/^old\.har holds cases of o1, o2, o3 and o4, which are no operations of ops:/);
    expect(unplannedNotes([holding('old.har', ['o1/a', 'o2/a', 'o3/a', 'o4/a', 'o5/a'])], known, 'ops')[0]).toMatch(/^old\.har holds cases of o1, o2, o3 and 2 more, which are no operations of ops:/);
    // Only skipped cases of it (a recording whose every case was skipped) count too.
    expect(unplannedNotes([holding('old.har', [], ['gone/x'])], known, 'ops')[0]).toMatch(/^old\.har holds cases of gone, which is no operation/);
  });

  it("names only the cases not replayed when a file's other cases are of operations the suite has (replayed)", () => {
    const holdingSent = (file: string, caseIds: string[], sent: string[], skipped: string[] = []): LoadedRecording => ({ ...holding(file, caseIds, skipped), sent });
    // A sent id of a removed operation in a file whose entries are all replayed: that one case, not the file.
    expect(unplannedNotes([holdingSent('getStatus.har', ['getStatus/a', 'getStatus/b#read-after'], ['getStatus/a', 'getStatus/b', 'gone/x'])], known, 'ops')).toEqual([
      "getStatus.har: 1 case of gone, which is no operation of ops, is not replayed (gone/x); its other cases are; remove it from the file, or record again if the operation was renamed",
    ]);
    // Its cases counted once (an exchange of each step, sent, skipped), a few named, the rest counted.
    const mixed = holdingSent('mixed.har', ['getStatus/a', 'gone/a#read-before', 'gone/a', 'gone/b', 'old/c'], ['getStatus/a', 'gone/a', 'gone/b', 'old/c', 'old/d'], ['old/e']);
    expect(unplannedNotes([mixed], known, 'ops')).toEqual([
      "mixed.har: 5 cases of gone and old, which are no operations of ops, are not replayed (gone/a, gone/b, old/c and 2 more); its other cases are; remove them from the file, or record again if the operation was renamed",
    ]);
    // Four cases: the fourth named, never "and 1 more".
    expect(unplannedNotes([holdingSent('four.har', ['getStatus/a'], ['getStatus/a', 'gone/a', 'gone/b', 'gone/c', 'gone/d'])], known, 'ops')[0]).toContain('are not replayed (gone/a, gone/b, gone/c and gone/d);');
    // A file wholly of a removed operation beside one partly: each said as it is, the whole one as before.
    const notes = unplannedNotes([holding('getStatusV0.har', ['getStatusV0/a']), mixed, holdingSent('startHistory.har', ['startHistory/c'], ['startHistory/c', 'gone/z'])], known, 'ops');
    expect(notes).toEqual([
      'getStatusV0.har holds cases of getStatusV0, which is no operation of ops: not replayed; remove it, or record again if the operation was renamed',
      "mixed.har and startHistory.har: 6 cases of gone and old, which are no operations of ops, are not replayed (gone/a, gone/b, gone/z and 3 more); their other cases are; remove them from the files, or record again if the operation was renamed",
    ]);
  });

  // A scenario removed or renamed since the recording: its cases matched no scenario the replay plans, and the report counted fewer cases than the file holds, in silence.
  it('names the cases of an operation the suite has under a scenario it no longer has', () => {
    const scenarios = new Map([['getStatus', ['a', 'start-predicted']], ['startHistory', ['c']]]);
    // Every case of a scenario of today (an instance per sender "[…]", a step "#…"), or of an operation not replayed / unknown (unplannedNotes' to say): nothing.
    expect(unknownScenarioNotes([holding('getStatus.har', ['getStatus/a', 'getStatus/start-predicted[snd_a]', 'getStatus/a#read-after', 'other/x', 'gone/y'])], scenarios, 'ops')).toEqual([]);
    // A scenario id that only begins as one of today's is another scenario.
    expect(unknownScenarioNotes([holding('getStatus.har', ['getStatus/a', 'getStatus/ab', 'getStatus/old#read-before', 'getStatus/old'], ['getStatus/older'])], scenarios, 'ops')).toEqual([
      'getStatus.har: 3 cases of getStatus under scenarios ops no longer have are not replayed (getStatus/ab, getStatus/old and getStatus/older); remove them from the file, or record again if the scenario was renamed',
    ]);
    expect(unknownScenarioNotes([holding('getStatus.har', ['getStatus/a']), holding('startHistory.har', [], ['startHistory/gone'])], scenarios, 'ops')).toEqual([
      'startHistory.har: 1 case of startHistory under a scenario ops no longer has is not replayed (startHistory/gone); remove it from the file, or record again if the scenario was renamed',
    ]);
  });

  // A note over part of the files given (those --operation replays, those an older suite wrote) said "the recordings" when it named all of that part: every file, read a reviewer.
  it('names the files when they are all of the part it is given but not every file the replay was given', () => {
    const stale = holding('startHistory.har', [], ['startHistory/gone']);
    const scenarios = new Map([['startHistory', ['c']]]);
    expect(unknownScenarioNotes([stale], scenarios, 'ops', 3)[0]).toMatch(/^startHistory\.har: 1 case of startHistory/);
    expect(unknownScenarioNotes([stale, { ...stale, file: 'rec/b.har' }], scenarios, 'ops', 3)[0]).toMatch(/^startHistory\.har and b\.har: /);
    expect(unknownScenarioNotes([stale, { ...stale, file: 'rec/b.har' }], scenarios, 'ops', 2)[0]).toMatch(/^the recordings: /);
    expect(unplannedNotes([holding('x.har', ['gone/a']), holding('y.har', ['gone/b'])], known, 'ops', 5)[0]).toMatch(/^x\.har and y\.har hold cases of gone/);
    const changed = { ...recording('a.har'), contract: { specSha256: 'a'.repeat(64), specTitle: 'Zavu', specVersion: '1', operations: { getStatus: 'b'.repeat(64) } } };
    const now = { specTitle: 'Zavu', specVersion: '1', specSha256: 'c'.repeat(64), digests: { getStatus: 'd'.repeat(64) } };
    expect(contractNotes([changed, { ...changed, file: 'rec/b.har' }], now, 's.yaml', 4)[0]).toMatch(/^a\.har and b\.har were made/);
  });

  it('shows the case ids it names bounded and inert', () => {
    const hostile = `gone/x[\u001b[2J\u202e${'y'.repeat(500)}]`;
    const [note] = unplannedNotes([{ ...holding('getStatus.har', ['getStatus/a']), sent: ['getStatus/a', hostile] }], known, 'ops');
    expect(note).toContain('is not replayed (gone/x[\\u001b[2J\\u202eyyy');
    expect(note).not.toMatch(/[\u001b\u202e]/);
    expect(note?.length).toBeLessThan(400);
  });
});

describe("a recording's file name in a note", () => {
  // A file name may hold anything but "/" and NUL: an escape sequence a terminal obeys, a newline
  // that forges a line of its own, a bidi override, markup, and hundreds of characters.
  const hostile = `\u001b[2J\u001b]0;pwned\u0007\n::error::forged\u202e<img src=x onerror=alert(1)>${'x'.repeat(500)}.har`;

  it('is shown inert and bounded, alone or among others, in every note naming it', () => {
    const notes = [
      ...repeatNotes(1, [recording(hostile, 3)]),
      ...repeatNotes(1, [recording(hostile, 3), recording('b.har')]),
      ...repeatNotes(2, [recording(hostile), recording('b.har', 2)]),
      ...newerRecordingNotes([recording(hostile, 1, '9.0.0')], '0.2.0'),
    ];
    expect(notes).toHaveLength(4);
    for (const note of notes) {
      // eslint-disable-next-line no-control-regex
      expect(note).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
      expect(note).toContain('\\u001b[2J\\u001b]0;pwned\\u0007\\n::error::forged\\u202e<img src=x onerror=alert(1)>');
      expect(note).toContain(`… (${hostile.length} chars)`);
      expect(note.length).toBeLessThan(400);
    }
  });

  it('an ordinary one reads as before', () => {
    expect(repeatNotes(1, [recording('night-1.har', 3)])[0]).toMatch(/^night-1\.har: recorded with --repeat 3/);
  });
});
