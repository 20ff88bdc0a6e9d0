import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RecordingError } from '../../src/model/errors';
import { readRecordings } from '../../src/recording/read-recordings';
import { sampleHar } from './fixtures';
import { requireBuilt, runInChild } from '../support/in-child';
import { modesRefuse, refusalAsUnprivileged, removeUnprivilegedScratch, unprivilegedScratch } from '../support/unprivileged';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'read-recordings-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const put = (name: string, content: unknown) => writeFile(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));

/**
 * The RecordingError readRecordings throws; it must be one line, and name as its `path` the file or
 * folder the line starts with, whatever the refusal, for a caller that acts on it without reading the line.
 */
function failure(location = dir): RecordingError {
  try {
    readRecordings(location);
  } catch (error) {
    expect(error).toBeInstanceOf(RecordingError);
    const { message, path: named } = error as RecordingError;
    expect(message).not.toContain('\n');
    expect(named).toBeDefined();
    expect(message.startsWith(`${named ?? ''}: `)).toBe(true);
    return error as RecordingError;
  }
  throw new Error('readRecordings did not fail');
}

test('reads every .har file of a directory, in name order, ignoring other files and folders', async () => {
  await put('b-run.har', sampleHar());
  await put('a-run.har', sampleHar());
  await put('notes.txt', 'not a recording');
  await mkdir(path.join(dir, 'sub'));
  const recordings = readRecordings(dir);
  expect(recordings.map((r) => path.basename(r.file))).toEqual(['a-run.har', 'b-run.har']);
  const [first] = recordings;
  expect(first?.target).toBe('https://api.example.test');
  expect(first?.skipped).toEqual([{ caseId: 'no-waba', scenario: 'no-waba', reason: 'ZAVU_SENDER_NO_WABA is not set' }]);
  expect(first?.sent).toEqual(['auth-basic', 'auth-none', 'coexistence[snd_coex_1]', 'unknown-sender']);
  expect(first?.entries.map((e) => [e.index, e.caseId, e.authVariant])).toEqual([
    [0, 'auth-basic', 'basic'],
    [1, 'auth-none', 'none'],
    [2, 'coexistence[snd_coex_1]', 'valid'],
    [3, 'unknown-sender', 'valid'],
  ]);
  expect(first?.entries[0]?.exchange.error).toEqual({ kind: 'reset', message: 'ECONNRESET: socket hang up' });
  expect(first?.entries[1]?.exchange.response?.status).toBe(401);
});

test("a .har the file system cannot read stops the replay naming it, with the file as path and the file system's code", async () => {
  // /proc/self/mem reads as a regular file of size 0 and fails its read: an I/O error.
  await symlink('/proc/self/mem', path.join(dir, 'a-eio.har'));
  expect(failure()).toMatchObject({ message: `${path.join(dir, 'a-eio.har')}: cannot be read (EIO)`, path: path.join(dir, 'a-eio.har'), code: 'EIO' });
});

test('reads a symlinked .har through; a FIFO or a dangling link named .har stops the replay with its name', async () => {
  await put('a-run.har', sampleHar());
  await symlink(path.join(dir, 'a-run.har'), path.join(dir, 'b-linked.har'));
  expect(readRecordings(dir).map((r) => path.basename(r.file))).toEqual(['a-run.har', 'b-linked.har']);
  await symlink(path.join(dir, 'gone.json'), path.join(dir, 'c-dangling.har'));
  // Said as the link it is, with where it points: "no such file" of a file the user can see listed would mislead.
  expect(failure().message).toBe(`${path.join(dir, 'c-dangling.har')}: is a symbolic link to ${path.join(dir, 'gone.json')}, which does not exist`);
  // The file and the file system's code, for a caller that acts on them without reading the line.
  expect(failure()).toMatchObject({ path: path.join(dir, 'c-dangling.har'), code: 'ENOENT' });
  await rm(path.join(dir, 'c-dangling.har'));
  execFileSync('mkfifo', [path.join(dir, 'd-pipe.har')]);
  // In a process of its own: a read of the FIFO would block the test worker for good.
  const child = runInChild(`try { ${requireBuilt('recording/read-recordings.js')}.readRecordings(${JSON.stringify(dir)}); } catch (e) { process.stdout.write(e.message); }`);
  expect(child.signal).toBeNull();
  expect(child.stdout).toBe(`${path.join(dir, 'd-pipe.har')}: is a FIFO, not a regular file`);
});

test('a folder named like a recording (X.har) stops the replay naming it, not skipped: a replay of fewer recordings than the folder shows', async () => {
  await put('a-run.har', sampleHar());
  await mkdir(path.join(dir, 'b-run.har'));
  expect(failure()).toMatchObject({ message: `${path.join(dir, 'b-run.har')}: is a folder, not a .har recording`, path: path.join(dir, 'b-run.har') });
  expect(failure().code).toBeUndefined();
});

test('accepts a single .har file', async () => {
  await put('run.har', sampleHar());
  expect(readRecordings(path.join(dir, 'run.har'))).toHaveLength(1);
});

test('a missing directory', () => {
  const missing = path.join(dir, 'nope');
  expect(failure(missing).message).toBe(`${missing}: recording directory not found`);
  expect(failure(missing)).toMatchObject({ path: missing, code: 'ENOENT' });
});

test("a directory the file system refuses for another reason is said with that reason and its code, never as not found", async () => {
  // A file where a folder of the path is expected: ENOTDIR, which a root test can make for real.
  await put('plain', 'a file');
  const under = path.join(dir, 'plain', 'recordings');
  expect(failure(under).message).toBe(`${under}: recording directory not found: a part of its path is a file, not a folder (ENOTDIR)`);
  expect(failure(under)).toMatchObject({ path: under, code: 'ENOTDIR' });
});

(modesRefuse ? describe : describe.skip)('the file system refuses a user without the permission (a real EACCES, read as a user the modes refuse)', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = unprivilegedScratch('zvc-recordings-eacces-');
  });
  afterEach(() => removeUnprivilegedScratch(scratch));
  const read = (location: string): string => `${requireBuilt('recording/read-recordings.js')}.readRecordings(${JSON.stringify(location)})`;
  const recordingsIn = async (folder: string): Promise<string> => {
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'run.har'), JSON.stringify(sampleHar()));
    return folder;
  };

  test('its path refused (a parent folder without search permission): permission denied, not "not found"', async () => {
    const recordings = await recordingsIn(path.join(scratch, 'locked', 'recordings'));
    await chmod(path.join(scratch, 'locked'), 0o600);
    expect(refusalAsUnprivileged(read(recordings), scratch)).toEqual({ name: 'RecordingError', message: `${recordings}: recording directory cannot be read: permission denied (EACCES)`, path: recordings, code: 'EACCES', exitCode: 2 });
  });

  test('its listing refused (a folder without read permission): a RecordingError of one line, not a bare system error', async () => {
    const recordings = await recordingsIn(path.join(scratch, 'recordings'));
    await chmod(recordings, 0o311);
    expect(refusalAsUnprivileged(read(recordings), scratch)).toEqual({ name: 'RecordingError', message: `${recordings}: recording directory cannot be read: permission denied (EACCES)`, path: recordings, code: 'EACCES', exitCode: 2 });
  });

  test('a recording without read permission: permission denied, the file as path and EACCES', async () => {
    const recordings = await recordingsIn(path.join(scratch, 'recordings'));
    await chmod(path.join(recordings, 'run.har'), 0o000);
    const file = path.join(recordings, 'run.har');
    expect(refusalAsUnprivileged(read(recordings), scratch)).toEqual({ name: 'RecordingError', message: `${file}: permission denied`, path: file, code: 'EACCES', exitCode: 2 });
  });
});

test('a directory without .har files', async () => {
  await put('run.json', sampleHar());
  expect(failure().message).toMatch(new RegExp(`^${dir}: no \\.har files`));
});

test('a file that is not JSON, with the position', async () => {
  await put('a.har', sampleHar());
  await put('broken.har', '{\n  "log": {\n    "version": x\n  }\n}');
  expect(failure().message).toBe(`${path.join(dir, 'broken.har')}: not valid JSON at line 3 column 16 (offset 28): Unexpected token 'x'`);
  // Named as a file not UTF-8 is (the file, for a caller that acts on it), with no file-system code: none refused it.
  expect(failure().path).toBe(path.join(dir, 'broken.har'));
  expect(failure().code).toBeUndefined();
  await rm(path.join(dir, 'broken.har'));
  await writeFile(path.join(dir, 'latin1.har'), Buffer.from([0x7b, 0xe9, 0x7d]));
  expect(failure()).toMatchObject({ message: `${path.join(dir, 'latin1.har')}: not UTF-8 text: the file is damaged (record again)`, path: path.join(dir, 'latin1.har') });
  expect(failure().code).toBeUndefined();
});

test('JSON that is not HAR 1.2 names the first failing JSON pointer', async () => {
  const har = sampleHar();
  (har.log.entries[2] as { time: unknown }).time = 'slow';
  await put('bad.har', har);
  expect(failure().message).toBe(`${path.join(dir, 'bad.har')}: not HAR 1.2 at /log/entries/2/time: must be number`);
});

test('a HAR of another version', async () => {
  const har = sampleHar();
  har.log.version = '1.1';
  await put('old.har', har);
  expect(failure().message).toBe(`${path.join(dir, 'old.har')}: not HAR 1.2 at /log/version: version is "1.1"`);
});

test('an entry without _zavu', async () => {
  const har = sampleHar();
  delete (har.log.entries[1] as { _zavu?: unknown })._zavu;
  await put('foreign.har', har);
  expect(failure().message).toBe(`${path.join(dir, 'foreign.har')}: /log/entries/1: _zavu is missing: not recorded by zavu-conformance`);
});

test('a HAR without log._zavu', async () => {
  const har = sampleHar() as { log: { _zavu?: unknown } };
  delete har.log._zavu;
  await put('devtools.har', har);
  expect(failure().message).toBe(`${path.join(dir, 'devtools.har')}: log._zavu is missing: not recorded by zavu-conformance`);
});

test("another tool's HAR (a devtools export) beside the recordings is named as such, with its writer, and what to do", async () => {
  const har = sampleHar() as { log: { _zavu?: unknown; creator: { name: string; version: string } } };
  delete har.log._zavu;
  har.log.creator = { name: 'WebInspector\u001b[2J', version: '537.36' };
  await put('export.har', har);
  expect(failure().message).toBe(`${path.join(dir, 'export.har')}: a HAR written by WebInspector\\u001b[2J 537.36, not a zavu-conformance recording (no log._zavu); a replay reads every .har in its folder: keep other HAR files elsewhere`);
});

test('log._zavu.sent: absent in an older recording (nothing required), and a list of case ids when present', async () => {
  const older = sampleHar() as unknown as { log: { _zavu: Record<string, unknown> } };
  delete older.log._zavu['sent'];
  await put('run.har', older);
  expect(readRecordings(dir)[0]?.sent).toBeUndefined();
  older.log._zavu['sent'] = ['a', 3];
  await put('run.har', older);
  expect(failure().message).toBe(`${path.join(dir, 'run.har')}: log._zavu.sent must be an array of case ids`);
  // More case ids than any run sends: refused in one line naming the file, not carried into the replay.
  older.log._zavu['sent'] = Array.from({ length: 100_001 }, (_, i) => `case-${i}`);
  await put('run.har', older);
  expect(failure().message).toBe(`${path.join(dir, 'run.har')}: log._zavu.sent holds 100001 case ids, more than any run sends (at most 100000): not a recording this suite wrote`);
});

test('a request recorded twice without --repeat (a hand edit, two recordings merged) is refused: one line naming the file and the entry', async () => {
  const har = sampleHar();
  const copy = har.log.entries[2];
  if (copy === undefined) throw new Error('sample has no third entry');
  har.log.entries.push(structuredClone(copy));
  await put('merged.har', har);
  expect(failure().message).toBe(
    `${path.join(dir, 'merged.har')}: /log/entries/4 records coexistence[snd_coex_1] again (first at /log/entries/2), and the recording was not made with --repeat (no log._zavu.repeat): a copy (a hand edit, or two recordings merged), which a replay would judge in place of the other or not at all; keep one of them, or record again`,
  );
});

test('a --repeat recording (log._zavu.repeat) holds up to that many attempts of each request, in order; one more is refused', async () => {
  const har = sampleHar() as unknown as { log: { entries: { time: number; _zavu: { caseId: string } }[]; _zavu: Record<string, unknown> } };
  const first = har.log.entries[0];
  if (first === undefined) throw new Error('sample has no entry');
  har.log._zavu['repeat'] = 3;
  // The attempts of auth-basic, as a --repeat 3 run sorts them: together, in the order sent.
  har.log.entries.splice(1, 0, { ...structuredClone(first), time: 7 }, { ...structuredClone(first), time: 9 });
  await put('repeat.har', har);
  const [recording] = readRecordings(dir);
  expect(recording?.repeat).toBe(3);
  expect(recording?.entries.filter((e) => e.caseId === 'auth-basic').map((e) => [e.index, e.exchange.durationMs])).toEqual([[0, first.time], [1, 7], [2, 9]]);
  har.log.entries.push(structuredClone(first));
  await put('repeat.har', har);
  expect(failure().message).toBe(
    `${path.join(dir, 'repeat.har')}: /log/entries/6 is exchange 4 of auth-basic (first at /log/entries/0), and the recording was made with --repeat 3 (log._zavu.repeat): a copy (a hand edit, or two recordings merged); keep 3 of them, or record again`,
  );
  // Out of --repeat's own range (1 to 1000), or no whole number: no run wrote it, so its attempts are no run's.
  for (const repeat of [0, 1001, 2.5, '3']) {
    har.log._zavu['repeat'] = repeat;
    await put('repeat.har', har);
    expect(failure().message).toBe(`${path.join(dir, 'repeat.har')}: log._zavu.repeat must be a whole number from 1 to 1000 (the --repeat it was recorded with)`);
  }
});

test('log._zavu.contract: absent in an older recording; the contract it was judged by when present, copied field by field; anything else is refused in one line', async () => {
  await put('run.har', sampleHar());
  expect(readRecordings(dir)[0]?.contract).toBeUndefined();
  const har = sampleHar() as unknown as { log: { _zavu: Record<string, unknown> } };
  const contract = { specTitle: 'Zavu', specVersion: '0.2.0', specSha256: 'a'.repeat(64), operations: { getWhatsAppSyncStatus: 'b'.repeat(64) }, extra: 'dropped' };
  har.log._zavu['contract'] = contract;
  await put('run.har', har);
  expect(readRecordings(dir)[0]?.contract).toEqual({ specTitle: 'Zavu', specVersion: '0.2.0', specSha256: 'a'.repeat(64), operations: { getWhatsAppSyncStatus: 'b'.repeat(64) } });
  for (const bad of [null, 'x', { ...contract, specSha256: 'not hex' }, { ...contract, operations: { a: 3 } }, { ...contract, operations: [] }, { ...contract, specTitle: 1 }]) {
    har.log._zavu['contract'] = bad;
    await put('run.har', har);
    expect(failure().message).toBe(`${path.join(dir, 'run.har')}: log._zavu.contract must be {specTitle, specVersion: strings, specSha256: a sha256 in hex, operations: {operationId: a sha256 in hex}}`);
  }
});

test('a recording says which suite version wrote it (log.creator.version), and its repeat is 1 when it does not say', async () => {
  await put('run.har', sampleHar());
  expect(readRecordings(dir)[0]).toMatchObject({ suiteVersion: '0.1.0', repeat: 1 });
});
