/** Record a live run, stop the server, replay offline: the issue's user stories, end to end. */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { seededSenderIds, startReferenceServer, type ResponseFault } from '../../src/reference-server';
import { harProblem } from '../../src/recording/har-validator';
import { packageRoot } from '../../src/package-root';
import { startBrokenServer } from '../support/broken-servers';
import { WRITE_BREAKS } from '../support/broken-servers-writes';
import { againstServer, expectedCaseCount, runConformanceCli, serverEnv } from '../support/conformance-run';
import { startScriptedServer } from '../support/misbehaving-servers';
import { expectOneLineError } from '../support/one-line-error';
import { repoRoot, runCli, spawnCli } from '../support/run-cli';
import type { ConformanceReport } from '../../src/model';
import { expectNoFileHolds, filesUnder, scratchDir } from '../support/scratch-dir';

/** One file per operation, named after its operationId. */
const harNames = ['getWhatsAppSyncStatus.har', 'startWhatsAppContactsSync.har', 'startWhatsAppHistorySync.har'];
const harName = 'getWhatsAppSyncStatus.har';

/** The one record run of the embedded server the tests share (made at first use; each test edits its own copy). */
let embeddedRecording: Promise<{ dir: string; stdout: string }> | undefined;

/**
 * A record run of the embedded server (every operation, writes included), or of a live server with this key (reads only).
 * The embedded server's recording is the same for every test that edits one (its cases, seeded senders and answers;
 * the negative property is not recorded), so it is made once and each call gets a fresh copy in a folder of its own.
 */
async function recordOnce(apiKey?: string, fault?: ResponseFault): Promise<{ dir: string; har: string; stdout: string }> {
  // Relative: recordings land beside the reports, in the run's own working directory.
  const args = ['--mode', 'record', '--recordings', 'rec'];
  if (apiKey === undefined) {
    embeddedRecording ??= runConformanceCli(args).then((run) => {
      expect(run.code).toBe(0);
      return { dir: run.cwd, stdout: run.stdout + run.stderr };
    });
    const recorded = await embeddedRecording;
    const dir = scratchDir('zvc-rec-');
    cpSync(join(recorded.dir, 'rec'), join(dir, 'rec'), { recursive: true });
    return { dir, har: join(dir, 'rec', harName), stdout: recorded.stdout };
  }
  const server = await startReferenceServer({ apiKey, ...(fault ? { fault } : {}) });
  try {
    const run = await againstServer(server, args);
    expect(run.code).toBe(0);
    return { dir: run.cwd, har: join(run.cwd, 'rec', harName), stdout: run.stdout + run.stderr };
  } finally {
    await server.close();
  }
}

test('record, stop the server, replay: same verdicts, exit 0, mode replay, each result names its recording', async () => {
  const { har } = await recordOnce();
  expect(readdirSync(join(har, '..')).sort()).toEqual(harNames);
  for (const name of harNames) expect(harProblem(JSON.parse(readFileSync(join(har, '..', name), 'utf8')))).toBeUndefined();
  // The embedded server's senders are seeded, no one's configuration: no variable for a replay to name.
  for (const name of harNames) expect('fixtures' in (JSON.parse(readFileSync(join(har, '..', name), 'utf8')) as { log: { _zavu: object } }).log._zavu).toBe(false);
  const replay = await runConformanceCli(['--mode', 'replay', '--recordings', join(har, '..')]);
  expect(replay.stderr).toBe('');
  expect(replay.code).toBe(0);
  expect(replay.report?.runInfo.mode).toBe('replay');
  // Negative inputs are generated live from a seed: replay skips them, loudly, and replays the rest.
  expect(replay.report?.summary).toMatchObject({ passed: expectedCaseCount() - 3, failed: 0, skipped: 3 });
  const skipped = replay.report?.results.filter((r) => r.status === 'skipped') ?? [];
  expect(skipped.map((r) => r.id).sort()).toEqual(['getWhatsAppSyncStatus/negative-inputs', 'startWhatsAppContactsSync/negative-inputs', 'startWhatsAppHistorySync/negative-inputs']);
  expect(skipped.every((r) => /generated live from a seed/.test(r.skipReason ?? ''))).toBe(true);
  // Each case is answered from its own operation's file; a sequence's steps each from theirs.
  for (const result of replay.report?.results.filter((r) => r.status !== 'skipped') ?? []) expect(result.source).toMatch(new RegExp(`${result.operationId}\\.har#\\d+$`));
  const sequence = replay.report?.results.find((r) => r.id === 'startWhatsAppHistorySync/start-syncable');
  // Every other coexistence sender is a witness, read before the start and after it, in the order of their ids.
  const witnesses = [...seededSenderIds().coexistence].sort();
  expect(sequence?.steps?.map((s) => [s.id, s.status, s.receivedStatus])).toEqual([
    ['read-before', 'passed', 200],
    ...witnesses.map((id) => [`read-other-before[${id}]`, 'passed', 200]),
    // The concurrent starts' own sender, set apart (serverEnv), is a witness too.
    ['read-concurrent-before', 'passed', 200],
    ['start', 'passed', 202],
    ['read-after', 'passed', 200],
    ...witnesses.map((id) => [`read-other-after[${id}]`, 'passed', 200]),
    ['read-concurrent-after', 'passed', 200],
    ['start-again', 'passed', 400],
    ['read-after-again', 'passed', 200],
    ...witnesses.map((id) => [`read-other-after-again[${id}]`, 'passed', 200]),
    ['read-concurrent-after-again', 'passed', 200],
  ]);
  // The witness reads were replayed with the sender they were recorded with, not the case's own.
  const recorded = JSON.parse(readFileSync(join(har, '..', 'startWhatsAppHistorySync.har'), 'utf8')) as { log: { entries: { request: { url: string }; _zavu: { caseId: string } }[] } };
  for (const id of witnesses) {
    const witness = recorded.log.entries.find((e) => e._zavu.caseId === `startWhatsAppHistorySync/start-syncable#read-other-before[${id}]`);
    expect(witness?.request.url).toMatch(new RegExp(`/v1/senders/${id}/whatsapp-sync$`));
  }
});

test('a concurrent step: each copy is recorded once under its own id and replayed, sent at once; a copy recorded twice is still a duplicate (exit 2)', async () => {
  const { har } = await recordOnce();
  const file = join(har, '..', 'startWhatsAppHistorySync.har');
  type Entry = { _zavu: { caseId: string }; response: { status: number } };
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { log: { entries: Entry[] } };
  const copies = doc.log.entries.filter((e) => e._zavu.caseId.startsWith('startWhatsAppHistorySync/concurrent-starts#start'));
  expect(copies.map((e) => e._zavu.caseId).sort()).toEqual(['startWhatsAppHistorySync/concurrent-starts#start@1', 'startWhatsAppHistorySync/concurrent-starts#start@2']);
  expect(copies.map((e) => e.response.status).sort()).toEqual([202, 400]);
  const replay = await runConformanceCli(['--mode', 'replay', '--recordings', join(har, '..')]);
  expect(replay.code).toBe(0);
  const race = replay.report?.results.find((r) => r.id === 'startWhatsAppHistorySync/concurrent-starts');
  const start = race?.steps?.find((s) => s.id === 'start');
  expect(start).toMatchObject({ status: 'passed', concurrent: 2 });
  expect([...(start?.receivedStatuses ?? [])].sort()).toEqual([202, 400]);
  // The reproduction sends the copies at once too: each curl in the background, then wait.
  expect(start?.curl).toMatch(/^\{ curl .*; echo; \} & \{ curl .*; echo; \} & wait$/);
  // A copy recorded twice (a hand edit) is a duplicate like any other request's.
  const [first] = copies;
  if (first === undefined) throw new Error('no copy recorded');
  doc.log.entries.push(structuredClone(first));
  writeFileSync(file, JSON.stringify(doc));
  const duplicated = await runConformanceCli(['--mode', 'replay', '--recordings', join(har, '..')]);
  expect(duplicated.code).toBe(2);
  expectOneLineError(duplicated.stderr, new RegExp(`records ${first._zavu.caseId.replace(/[/@]/g, '\\$&')} again`));
});

test('a recording made when a sequence read one witness (its reads without a sender in their ids) still replays, that witness and no other', async () => {
  const { har } = await recordOnce();
  const file = join(har, '..', 'startWhatsAppHistorySync.har');
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { log: { entries: { _zavu: { caseId: string } }[] } };
  const [first] = seededSenderIds().coexistence;
  const witness = /^(startWhatsAppHistorySync\/start-syncable#read-other-(?:before|after|after-again))\[(.*)\]$/;
  doc.log.entries = doc.log.entries.filter((e) => {
    const match = witness.exec(e._zavu.caseId);
    if (match === null) return true;
    if (match[2] !== first) return false;
    e._zavu.caseId = match[1] ?? '';
    return true;
  });
  writeFileSync(file, JSON.stringify(doc, null, 2));
  const replay = await runConformanceCli(['--mode', 'replay', '--recordings', join(har, '..'), '--operation', 'startWhatsAppHistorySync']);
  expect(replay.stderr).toBe('');
  expect(replay.code).toBe(0);
  const sequence = replay.report?.results.find((r) => r.id === 'startWhatsAppHistorySync/start-syncable');
  expect(sequence?.steps?.map((s) => s.id)).toEqual(['read-before', 'read-other-before', 'read-concurrent-before', 'start', 'read-after', 'read-other-after', 'read-concurrent-after', 'start-again', 'read-after-again', 'read-other-after-again', 'read-concurrent-after-again']);
});

test('a row recorded under a path it no longer sends (its pathTemplate edited since): exit 2, record again, not a crash of the case', async () => {
  const { har } = await recordOnce();
  const doc = JSON.parse(readFileSync(har, 'utf8')) as { log: { entries: { _zavu: { caseId: string; path: string }; request: { url: string } }[] } };
  for (const entry of doc.log.entries.filter((e) => e._zavu.caseId === 'getWhatsAppSyncStatus/no-credentials-encoded-path#read')) {
    entry.request.url = entry.request.url.replace('/v1/%73enders/', '/v1/%53enders/');
    entry._zavu.path = entry._zavu.path.replace('/v1/%73enders/', '/v1/%53enders/');
  }
  writeFileSync(har, JSON.stringify(doc, null, 2));
  const replay = await runConformanceCli(['--mode', 'replay', '--recordings', join(har, '..'), '--operation', 'getWhatsAppSyncStatus']);
  expect(replay.code).toBe(2);
  expectOneLineError(replay.stderr, /getWhatsAppSyncStatus\/no-credentials-encoded-path was recorded under a path the scenario no longer sends \(no \{senderId\} in it\); record again$/);
});

test('a recorded response edited to break the schema: replay exits 1 naming the check and the recording', async () => {
  const { har } = await recordOnce();
  const doc = JSON.parse(readFileSync(har, 'utf8')) as { log: { entries: { _zavu: { caseId: string }; response: { content: { text: string } } }[] } };
  const entry = doc.log.entries.find((e) => e._zavu.caseId === 'getWhatsAppSyncStatus/coexistence[snd_coex_active]');
  if (!entry) throw new Error('no active coexistence entry recorded');
  entry.response.content.text = entry.response.content.text.replace('"status":"active"', '"status":"paused"');
  writeFileSync(har, JSON.stringify(doc, null, 2));
  const replay = await runConformanceCli(['--mode', 'replay', '--recordings', join(har, '..')]);
  expect(replay.code).toBe(1);
  const failed = replay.report?.results.filter((r) => r.status === 'failed') ?? [];
  expect(failed.map((r) => r.id)).toEqual(['getWhatsAppSyncStatus/coexistence[snd_coex_active]']);
  expect(failed[0]?.violations.map((v) => v.check)).toContain('response-schema');
  expect(failed[0]?.source).toMatch(/getWhatsAppSyncStatus\.har#\d+/);
});

describe('recordings that cannot be replayed: exit 2, one line naming the file', () => {
  const replayFrom = (dir: string) => runConformanceCli(['--mode', 'replay', '--recordings', dir]);
  test('missing directory', async () => {
    const run = await replayFrom(join(scratchDir(), 'nowhere'));
    expect(run.code).toBe(2);
    // An installed suite resolves --recordings where it runs: its own are named.
    expectOneLineError(run.stderr, new RegExp(`nowhere: recording directory not found \\(the suite's own recordings of its embedded server: --recordings ${join(packageRoot, 'recordings').replace(/[.]/g, '\\.')}\\)$`));
  });
  test('empty directory', async () => {
    const dir = join(scratchDir(), 'empty');
    mkdirSync(dir);
    const run = await replayFrom(dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/empty/);
  });
  test.each([
    ['not JSON', '{"log": '],
    ['JSON but not HAR', '{"hello": "world"}'],
  ])('%s', async (_what, content) => {
    const dir = scratchDir();
    writeFileSync(join(dir, 'broken.har'), content);
    const run = await replayFrom(dir);
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /broken\.har/);
  });
  test('a recording whose file name holds ESC and a newline: the line naming it is one line, inert, on stderr and in the NOT RUN summary.md', async () => {
    const dir = scratchDir();
    // A file name may hold anything but "/" and NUL: a clear-screen sequence and a line break, with a forged line after it.
    writeFileSync(join(dir, 'bad\u001b[2J\nzavu-conformance: CONFORMANT.har'), '{"log": ');
    const run = await replayFrom(dir);
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /bad\\u001b\[2J zavu-conformance: CONFORMANT\.har: not valid JSON at line 1 column 9/);
    expect(run.stderr).not.toContain('\u001b');
    const summary = readFileSync(join(run.reportsDir, 'summary.md'), 'utf8');
    expect(summary).toContain('bad\\u001b[2J zavu-conformance: CONFORMANT.har: not valid JSON');
    expect(summary).not.toContain('\u001b');
    expect(summary).not.toMatch(/^zavu-conformance: CONFORMANT/m);
  });
  test('a scenario with no recorded exchange', async () => {
    const { har } = await recordOnce();
    const doc = JSON.parse(readFileSync(har, 'utf8')) as { log: { entries: { _zavu: { scenario: string } }[] } };
    doc.log.entries = doc.log.entries.filter((e) => e._zavu.scenario !== 'no-waba');
    writeFileSync(har, JSON.stringify(doc));
    const run = await replayFrom(join(har, '..'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no recorded exchange for getWhatsAppSyncStatus\/no-waba/);
  });
  test('a recording of one operation replayed for all: the operations not recorded are named, and the flag that replays the rest', async () => {
    const recorded = await runConformanceCli(['--mode', 'record', '--recordings', 'rec', '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0']);
    expect(recorded.code).toBe(0);
    const dir = join(recorded.cwd, 'rec');
    const all = await replayFrom(dir);
    expect(all.code).toBe(2);
    expectOneLineError(all.stderr, /: no exchange of startWhatsApp(Contacts|History)Sync was recorded; record it with --mode record, or replay only the recorded operations with --operation getWhatsAppSyncStatus$/);
    expect((await runConformanceCli(['--mode', 'replay', '--recordings', dir, '--operation', 'getWhatsAppSyncStatus'])).code).toBe(0);
    // Asked for an operation not recorded alone: the flag named is the recorded one's, not a shrug.
    const other = await runConformanceCli(['--mode', 'replay', '--recordings', dir, '--operation', 'startWhatsAppHistorySync']);
    expect(other.code).toBe(2);
    expectOneLineError(other.stderr, /: no exchange of startWhatsAppHistorySync was recorded; record it with --mode record, or replay only the recorded operations with --operation getWhatsAppSyncStatus$/);
  });
  test("a recording named for one operation that holds another's (a copy under the wrong name): that file is named, and what it holds", async () => {
    const dir = scratchDir('zvc-misnamed-');
    cpSync(join(repoRoot, 'recordings', 'startWhatsAppHistorySync.har'), join(dir, 'getWhatsAppSyncStatus.har'));
    const run = await runConformanceCli(['--mode', 'replay', '--recordings', dir, '--operation', 'getWhatsAppSyncStatus']);
    expect(run.code).toBe(2);
    const file = join(dir, 'getWhatsAppSyncStatus.har');
    expect(run.stderr).toBe(`zavu-conformance: ${file}: named for getWhatsAppSyncStatus, it holds no exchange of it, only of startWhatsAppHistorySync (another operation's recording, copied or renamed?); record getWhatsAppSyncStatus with --mode record, or replay only the recorded operations with --operation startWhatsAppHistorySync\n`);
  });
  test('one instance of a scenario lost from the file (the others kept) is named, not left out in silence; an older recording without the list is replayed as before', async () => {
    const { har } = await recordOnce();
    const doc = JSON.parse(readFileSync(har, 'utf8')) as { log: { entries: { _zavu: { caseId: string } }[]; _zavu: { sent?: string[] } } };
    const lost = doc.log._zavu.sent?.find((id) => id.startsWith('getWhatsAppSyncStatus/coexistence['));
    expect(lost).toBeDefined();
    expect(doc.log._zavu.sent?.filter((id) => id.startsWith('getWhatsAppSyncStatus/coexistence[')).length).toBeGreaterThan(1);
    doc.log.entries = doc.log.entries.filter((e) => e._zavu.caseId.split('#')[0] !== lost);
    writeFileSync(har, JSON.stringify(doc));
    const run = await replayFrom(join(har, '..'));
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, new RegExp(`no recorded exchange for ${(lost ?? '').replace(/[[\]]/g, '\\$&')}, which the recording says was sent; record again`));
    delete doc.log._zavu.sent;
    writeFileSync(har, JSON.stringify(doc));
    expect((await replayFrom(join(har, '..'))).code).toBe(0);
  });
  test('one step of a recorded sequence cut from the file (by hand, or recorded before the case had it): exit 2 naming the file and the step, not a failure blamed on the target', async () => {
    const { har } = await recordOnce();
    const file = join(har, '..', 'startWhatsAppHistorySync.har');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { log: { entries: { _zavu: { caseId: string } }[] } };
    const steps = doc.log.entries.filter((e) => e._zavu.caseId.startsWith('startWhatsAppHistorySync/no-waba#'));
    // The case keeps its other step, so it is planned; only the cut step is missing.
    expect(steps.map((e) => e._zavu.caseId).sort()).toEqual(['startWhatsAppHistorySync/no-waba#read-after', 'startWhatsAppHistorySync/no-waba#read-before', 'startWhatsAppHistorySync/no-waba#start']);
    doc.log.entries = doc.log.entries.filter((e) => e._zavu.caseId !== 'startWhatsAppHistorySync/no-waba#start');
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const run = await runConformanceCli(['--mode', 'replay', '--recordings', join(har, '..'), '--operation', 'startWhatsAppHistorySync']);
    expect(run.code).toBe(2);
    expectOneLineError(
      run.stderr,
      /startWhatsAppHistorySync\.har: no recorded exchange for startWhatsAppHistorySync\/no-waba#start \(POST \/v1\/senders\/snd_sms_no_waba\/whatsapp-sync\/history, auth valid\), a step of a case recorded there .*; record again with --mode record$/,
    );
    // Its progress line blames the recording, not the target: no FAIL line before the exit-2 reason.
    expect(run.stdout).toMatch(/^ {2}ERROR startWhatsAppHistorySync\/no-waba: .*\(not judged: its recording lacks a step, said after the run\)$/m);
    expect(run.stdout).not.toMatch(/^ {2}FAIL /m);
    expect(run.report).toBeUndefined();
  });
  test('a case recorded in two files (an old copy kept beside the new one): which one a replay judged would hang on their names', async () => {
    const { har } = await recordOnce();
    writeFileSync(join(har, '..', 'zzz-old-copy.har'), readFileSync(har));
    const run = await replayFrom(join(har, '..'));
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /getWhatsAppSyncStatus\/\S+ is recorded in both getWhatsAppSyncStatus\.har and zzz-old-copy\.har \(in .*\): keep one of them$/);
  });
});

test('every case skipped when recorded (each fixture sender of a scenario) is skipped in the replay, with its reason', async () => {
  const server = await startReferenceServer();
  let recorded;
  try {
    // A live target without --allow-writes: every case of the two write operations is skipped.
    recorded = await againstServer(server, ['--mode', 'record', '--recordings', 'rec']);
  } finally {
    await server.close();
  }
  expect(recorded.code).toBe(0);
  const skippedIds = (run: typeof recorded) => (run.report?.results ?? []).filter((r) => r.status === 'skipped' && !r.id.endsWith('/negative-inputs')).map((r) => r.id).sort();
  const instances = skippedIds(recorded).filter((id) => id.includes('['));
  expect(new Set(instances.map((id) => id.replace(/\[.*$/, ''))).size).toBeLessThan(instances.length);
  const replay = await runConformanceCli(['--mode', 'replay', '--recordings', join(recorded.cwd, 'rec')]);
  expect(replay.code).toBe(0);
  expect(skippedIds(replay)).toEqual(skippedIds(recorded));
  expect((replay.report?.results ?? []).find((r) => r.id === instances[1])?.skipReason).toMatch(/^skipped when recorded: /);
});

test('a recording keeps the contract it was judged by; a replay under a contract changed since says which recordings and operations, and judges them by today\'s', async () => {
  const { har, dir } = await recordOnce();
  const rec = join(har, '..');
  // Each file names the operations its cases sent to: a start's sequences read with the status operation.
  const contractOf = (name: string): { specSha256: string; operations: Record<string, string> } => JSON.parse(readFileSync(join(rec, name), 'utf8')).log._zavu.contract;
  expect(Object.keys(contractOf('getWhatsAppSyncStatus.har').operations)).toEqual(['getWhatsAppSyncStatus']);
  expect(Object.keys(contractOf('startWhatsAppHistorySync.har').operations)).toEqual(['getWhatsAppSyncStatus', 'startWhatsAppHistorySync']);
  const shipped = readFileSync(join(repoRoot, 'specs', 'whatsapp-sync.openapi.yaml'), 'utf8');
  // An example message reworded: only the history start's contract changed.
  const reworded = shipped.replace('message: History sync is already in progress', 'message: A history sync is already running');
  expect(reworded).not.toBe(shipped);
  writeFileSync(join(dir, 'reworded.yaml'), reworded);
  const run = await runConformanceCli(['--mode', 'replay', '--recordings', rec, '--spec', 'reworded.yaml'], {}, dir);
  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(/\nnote: startWhatsAppHistorySync\.har was made when the contract of startWhatsAppHistorySync differed from today's \(recorded with Zavu Unified Messaging Layer API 0\.2\.0, sha256 [0-9a-f]{12}; judged now by \S*reworded\.yaml, sha256 [0-9a-f]{12}\): a failure there may be the contract's change, not the target's; record again \(--mode record\) to judge the target's answers by this contract\n/);
  // A comment added changes no operation's contract: no word.
  writeFileSync(join(dir, 'commented.yaml'), `# reviewed\n${shipped}`);
  const same = await runConformanceCli(['--mode', 'replay', '--recordings', rec, '--spec', 'commented.yaml'], {}, dir);
  expect(same.code).toBe(0);
  expect(same.stdout).not.toContain('note:');
});

test('a replay with --operation names no recording it does not replay as made under another contract: only the files of the operations it judges', async () => {
  const dir = scratchDir('zvc-contract-only-');
  cpSync(join(repoRoot, 'recordings'), join(dir, 'rec'), { recursive: true });
  const shipped = readFileSync(join(repoRoot, 'specs', 'whatsapp-sync.openapi.yaml'), 'utf8');
  // Only the history start's contract changes (an example reworded).
  const reworded = shipped.replace('message: History sync is already in progress', 'message: A history sync is already running');
  expect(reworded).not.toBe(shipped);
  writeFileSync(join(dir, 'reworded.yaml'), reworded);
  const replay = (operation: string) => runConformanceCli(['--mode', 'replay', '--recordings', 'rec', '--spec', 'reworded.yaml', '--operation', operation], {}, dir);
  // The status read alone: startWhatsAppHistorySync.har is not replayed, so its contract is no word of this run's.
  const read = await replay('getWhatsAppSyncStatus');
  expect(read.stderr).toBe('');
  expect(read.code).toBe(0);
  expect(read.stdout).not.toContain('note: ');
  // The history start itself: named, as it is judged by the changed contract.
  const start = await replay('startWhatsAppHistorySync');
  expect(start.stderr).toBe('');
  expect(start.stdout).toMatch(/\nnote: startWhatsAppHistorySync\.har was made when the contract of startWhatsAppHistorySync differed from today's /);
});

test("a replay under a contract changed since says so in summary.md, conformance.html and conformance.json, inert whatever its recording calls its spec; a merge of its shards says it once; a replay with no note has no such section", async () => {
  const { har, dir } = await recordOnce();
  const rec = join(har, '..');
  // The recording's own word for the spec it was made with, edited by a hand: markup, emphasis, a mention.
  const file = join(rec, 'startWhatsAppHistorySync.har');
  const edited = JSON.parse(readFileSync(file, 'utf8')) as { log: { _zavu: { contract: { specTitle: string } } } };
  edited.log._zavu.contract.specTitle = '<img src=x onerror=alert(1)> **Zavu** @octocat';
  writeFileSync(file, JSON.stringify(edited));
  const shipped = readFileSync(join(repoRoot, 'specs', 'whatsapp-sync.openapi.yaml'), 'utf8');
  writeFileSync(join(dir, 'reworded.yaml'), shipped.replace('message: History sync is already in progress', 'message: A history sync is already running'));
  const replay = ['--mode', 'replay', '--recordings', rec, '--spec', 'reworded.yaml', '--operation', 'startWhatsAppHistorySync'];
  const run = await runConformanceCli(replay, {}, dir);
  expect(run.stderr).toBe('');
  const notes = run.report?.runInfo.notes ?? [];
  expect(notes).toHaveLength(1);
  expect(notes[0]).toMatch(/^startWhatsAppHistorySync\.har was made when the contract of startWhatsAppHistorySync differed from today's \(recorded with <img src=x onerror=alert\(1\)> \*\*Zavu\*\* @octocat 0\.2\.0, sha256 [0-9a-f]{12}; .*a failure there may be the contract's change, not the target's/);
  const summary = readFileSync(join(run.reportsDir, 'summary.md'), 'utf8');
  expect(summary).toContain('**Notes on this run** (they bear on reading its verdict):');
  const noteLine = summary.split('\n').find((line) => line.startsWith('- startWhatsAppHistorySync.har was made when the contract')) ?? '';
  expect(noteLine).toContain('\\<img src=x onerror=alert(1)\\> \\*\\*Zavu\\*\\* `@octocat`');
  expect(summary).not.toMatch(/(?<!\\)<img/);
  const html = readFileSync(join(run.reportsDir, 'conformance.html'), 'utf8');
  const section = /<section class="run-notes">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  expect(section).toContain('was made when the contract of startWhatsAppHistorySync differed from today&#39;s (recorded with &lt;img src=x onerror=alert(1)&gt; **Zavu** @octocat 0.2.0');
  expect(html).not.toContain('<img src=x');
  // Its two shards each say the note; their merge keeps it once, in every report it writes.
  const reportIn = (folder: string): ConformanceReport => JSON.parse(readFileSync(join(dir, folder, 'conformance.json'), 'utf8')) as ConformanceReport;
  for (const i of [1, 2]) {
    expect((await runConformanceCli([...replay, '--shard', `${i}/2`, '--reports', `shard-${i}`], {}, dir)).stderr).toBe('');
    expect(reportIn(`shard-${i}`).runInfo.notes).toEqual(notes);
  }
  const merged = await runCli('zavu-conformance-main.js', ['merge', '--reports', 'merged', 'shard-1', 'shard-2'], { cwd: dir });
  expect(merged.stderr).toBe('');
  expect(reportIn('merged').runInfo.notes).toEqual(notes);
  expect(readFileSync(join(dir, 'merged', 'summary.md'), 'utf8').split('\n').filter((line) => line.startsWith('- startWhatsAppHistorySync.har was made when'))).toEqual([noteLine]);
  expect(readFileSync(join(dir, 'merged', 'conformance.html'), 'utf8').match(/was made when the contract of/g)).toHaveLength(1);
  // Today's spec: no note, no section.
  const same = await runConformanceCli(['--mode', 'replay', '--recordings', rec, '--operation', 'startWhatsAppHistorySync', '--reports', 'same'], {}, dir);
  expect(same.stdout).not.toContain('note:');
  expect(same.stderr).toBe('');
  expect(reportIn('same').runInfo).not.toHaveProperty('notes');
  expect(readFileSync(join(dir, 'same', 'summary.md'), 'utf8')).not.toContain('Notes on this run');
  expect(readFileSync(join(dir, 'same', 'conformance.html'), 'utf8')).not.toContain('run-notes');
});

test("a note quoting a recording's own words (the suite version it names) holds no key, on the console nor in any report", async () => {
  const { har } = await recordOnce();
  const rec = join(har, '..');
  const key = 'zv_test_notes2mdkey42';
  const edited = JSON.parse(readFileSync(har, 'utf8')) as { log: { creator: { version: string } } };
  edited.log.creator.version = `99.0.0-${key}`;
  writeFileSync(har, JSON.stringify(edited));
  const run = await runConformanceCli(['--mode', 'replay', '--recordings', rec, '--operation', 'getWhatsAppSyncStatus'], { ZAVU_API_KEY: key });
  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(/\nnote: getWhatsAppSyncStatus\.har was recorded by zavu-conformance 99\.0\.0-\S+, newer than this suite/);
  expect(run.report?.runInfo.notes?.[0]).toMatch(/^getWhatsAppSyncStatus\.har was recorded by zavu-conformance 99\.0\.0-\S+, newer than this suite/);
  for (const text of [run.stdout, ...['conformance.json', 'summary.md', 'conformance.html'].map((name) => readFileSync(join(run.reportsDir, name), 'utf8'))]) expect(text).not.toContain(key);
});

test('a recording left over from an operation since removed or renamed is named as not replayed, not listed among the replayed in silence', async () => {
  const { har } = await recordOnce();
  const rec = join(har, '..');
  writeFileSync(join(rec, 'getWhatsAppSyncStatusV0.har'), readFileSync(har, 'utf8').replaceAll('getWhatsAppSyncStatus/', 'getWhatsAppSyncStatusV0/'));
  const run = await runConformanceCli(['--mode', 'replay', '--recordings', rec]);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/\nnote: getWhatsAppSyncStatusV0\.har holds cases of getWhatsAppSyncStatusV0, which is no operation of \S+operations: not replayed; remove it, or record again if the operation was renamed\n/);
});

test('the shipped recordings replay offline on a fresh clone (exit 0)', async () => {
  for (const name of harNames) expect(existsSync(join(repoRoot, 'recordings', name))).toBe(true);
  const run = await runConformanceCli(['--mode', 'replay', '--recordings', join(repoRoot, 'recordings')]);
  expect(run.code).toBe(0);
  expect(run.stdout).not.toContain('note:');
});

test('a replay given a base URL and --allow-writes says it does not use them (nothing is sent), and still judges the recordings', async () => {
  const run = await runConformanceCli(['--mode', 'replay', '--recordings', join(repoRoot, 'recordings'), '--base-url', 'http://127.0.0.1:9', '--allow-writes']);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('note: --base-url and --allow-writes not used: a replay judges the recorded answers and sends nothing\n');
});

// A replay sends nothing, so --allow-writes judges no more there (the note says it was not used): its
// night is of its recordings' kind (history-window.ts Series), as the same replay's without the
// flag. The shipped recordings are the embedded server's, recorded before their kind was written: a
// write run's (the embedded server takes every write), read so (model/result.ts ranWrites). A
// read-only recording replayed with the flag stays read-only: tests/runner/run-kind.test.ts.
test("a replay given --allow-writes is of its recordings' kind, as the same replay without it: one series", async () => {
  const cwd = scratchDir('zvc-replay-writes-');
  const args = ['--mode', 'replay', '--recordings', join(repoRoot, 'recordings'), '--operation', 'getWhatsAppSyncStatus', '--history', 'history.jsonl'];
  const plain = await runConformanceCli(args, {}, cwd);
  const flagged = await runConformanceCli([...args, '--allow-writes'], {}, cwd);
  expect([plain.code, flagged.code]).toEqual([0, 0]);
  expect([plain.report?.runInfo.allowWrites, flagged.report?.runInfo.allowWrites]).toEqual([true, true]);
  const records = readFileSync(join(cwd, 'history.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { run: Record<string, unknown> });
  expect(records.map((r) => r.run['allowWrites'])).toEqual([true, true]);
  // One series: the flagged replay's window holds the replay before it.
  expect(flagged.report?.history?.runs).toHaveLength(2);
  // Named as the write series it is, no flag in its words (the flag given here was not used).
  expect(flagged.stdout).toMatch(/^history: appended to .* \(2 runs of replay of embedded reference server from .+ with writes\)$/m);
});

// The note says --mock-target was not used: no report may then say the run declared a mock (a
// certificate.json published alone would read its level as one earned by writes to every sender).
test('a replay given --allow-writes --mock-target is not said to have declared a mock: not in summary.md, conformance.json or certificate.json', async () => {
  const run = await runConformanceCli(['--mode', 'replay', '--recordings', join(repoRoot, 'recordings'), '--operation', 'getWhatsAppSyncStatus', '--allow-writes', '--mock-target']);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('note: --allow-writes and --mock-target not used: a replay judges the recorded answers and sends nothing\n');
  expect(run.report?.runInfo.mockTarget).toBeUndefined();
  expect(run.report?.certificate?.mockTarget).toBeUndefined();
  expect(readFileSync(join(run.reportsDir, 'summary.md'), 'utf8')).not.toContain('declared a mock');
});

test('a replay given --rate, --write-settle-ms and --repeat says what they cannot do there', async () => {
  const run = await runConformanceCli(['--mode', 'replay', '--recordings', join(repoRoot, 'recordings'), '--operation', 'getWhatsAppSyncStatus', '--rate', '5', '--write-settle-ms', '100', '--repeat', '2']);
  expect(run.code).toBe(0);
  expect(run.stdout).toContain('note: --rate and --write-settle-ms not used: a replay judges the recorded answers and sends nothing\n');
  expect(run.stdout).toContain('note: --repeat 2 judges each recorded exchange 2 times: its latency is the recording\'s, and no attempt can differ\n');
});

test('a record run killed before it ends writes nothing and leaves the earlier recording byte-identical; the lock it could not remove is taken over by the next record run', async () => {
  // Killed while it waits on a server that never answers, so nothing was recorded yet; that a
  // recording is replaced atomically (never half-written) is har-file's own test (tests/recording).
  const { dir, har } = await recordOnce();
  const before = readFileSync(har);
  const hang = await startScriptedServer(() => undefined);
  try {
    const run = spawnCli('conformance-main.js', ['--mode', 'record', '--recordings', join(dir, 'rec'), '--base-url', hang.baseUrl], {
      cwd: dir,
      // SIGKILL leaves the run's scratch folder behind (no handler runs): in a folder of this test, not the machine's /tmp.
      env: { ZAVU_API_KEY: 'zv_test_killed', TMPDIR: scratchDir('zvc-tmp-') },
    });
    // Wait until the run has started (its banner), then kill it.
    await run.firstLine();
    run.child.kill('SIGKILL');
    expect((await run.ended).signal).toBe('SIGKILL');
    // No handler ran: the folder keeps the killed run's lock beside the recordings, naming a process now gone.
    expect(JSON.parse(readFileSync(join(dir, 'rec', '.zavu-conformance.lock'), 'utf8'))).toMatchObject({ pid: run.child.pid, host: hostname() });
  } finally {
    await hang.close();
  }
  expect(readFileSync(har).equals(before)).toBe(true);
  expect(readdirSync(join(dir, 'rec')).sort()).toEqual(['.zavu-conformance.lock', ...harNames]);
  // The next record run into the folder takes the stale lock over, and leaves none when it ends.
  const next = await runConformanceCli(['--mode', 'record', '--recordings', 'rec', '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], {}, dir);
  expect(next.code).toBe(0);
  expect(readdirSync(join(dir, 'rec')).sort()).toEqual(harNames);
});

test("a recordings folder whose lock a killed record run left, its reports folder another: the next record run says once, on the console and in summary.md, that run did not finish; with the same reports folder too, once", async () => {
  const { dir } = await recordOnce();
  const rec = join(dir, 'rec');
  // A process now gone, on this host: the lock of a record run killed outright (SIGKILL, the OOM killer).
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
  const lock = JSON.stringify({ pid: Number(gone), host: hostname(), since: '2026-12-05T23:00:00.000Z' });
  const said = `the record run that started at 2026-12-05T23:00:00.000Z (pid ${gone} on `;
  writeFileSync(join(rec, '.zavu-conformance.lock'), lock);
  const args = ['--mode', 'record', '--recordings', 'rec', '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'];
  const next = await runConformanceCli([...args, '--reports', 'other'], {}, dir);
  expect(next.code).toBe(0);
  expect(next.stdout.split('\n').filter((line) => line.startsWith(`note: ${said}`))).toEqual([expect.stringContaining(`into --recordings ${rec} did not finish (its lock was left behind, taken over by this run)`)]);
  expect(readFileSync(join(dir, 'other', 'summary.md'), 'utf8')).toContain(said);
  expect(readdirSync(rec)).not.toContain('.zavu-conformance.lock');
  // Both its locks left (its reports folder's too): one note, the reports folder's.
  writeFileSync(join(rec, '.zavu-conformance.lock'), lock);
  writeFileSync(join(dir, 'other', '.zavu-conformance.lock'), lock);
  const both = await runConformanceCli([...args, '--reports', 'other'], {}, dir);
  expect(both.code).toBe(0);
  expect(both.stdout.split('\n').filter((line) => line.startsWith('note:') && line.includes('did not finish'))).toEqual([expect.stringContaining(`note: the run that started at 2026-12-05T23:00:00.000Z (pid ${gone} on `)]);
  // Two locks naming no holder (garbled, stale by age) are not known to be one run's: each is said.
  const dayAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
  for (const folder of [rec, join(dir, 'other')]) {
    writeFileSync(join(folder, '.zavu-conformance.lock'), 'not json');
    utimesSync(join(folder, '.zavu-conformance.lock'), dayAgo, dayAgo);
  }
  const garbled = await runConformanceCli([...args, '--reports', 'other'], {}, dir);
  expect(garbled.code).toBe(0);
  expect(garbled.stdout.split('\n').filter((line) => line.startsWith('note:') && line.includes('did not finish'))).toEqual([
    expect.stringContaining('note: a run in this folder did not finish (its lock was left behind, naming no holder'),
    expect.stringContaining(`note: a record run into --recordings ${rec} did not finish (its lock was left behind, naming no holder`),
  ]);
});

test('a recordings folder another record run is writing (its lock names a live process): exit 2 in one line naming it, before any request, its recordings left alone; a replay of it and a record run elsewhere go on', async () => {
  const { dir, har } = await recordOnce();
  const rec = join(dir, 'rec');
  const before = readFileSync(har);
  // This test's own process is the other record run: alive, on this host.
  const holder = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() });
  writeFileSync(join(rec, '.zavu-conformance.lock'), holder);
  const requests: string[] = [];
  const server = await startScriptedServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(500).end();
  });
  try {
    // Its own reports folder (the default, free): only the recordings folder is another run's.
    const run = await runConformanceCli(['--mode', 'record', '--recordings', rec, '--base-url', server.baseUrl], { ZAVU_API_KEY: 'zv_test_lockedout' }, dir);
    expect(run.code).toBe(2);
    expectOneLineError(run.stderr, /^zavu-conformance: --recordings .*rec is being written by another run \(pid \d+ on /);
  } finally {
    await server.close();
  }
  expect(requests).toEqual([]);
  expect(readFileSync(har).equals(before)).toBe(true);
  expect(readdirSync(rec).sort()).toEqual(['.zavu-conformance.lock', ...harNames]);
  expect(readFileSync(join(rec, '.zavu-conformance.lock'), 'utf8')).toBe(holder);
  // Reading is not writing: the recordings replay, the lock file among them ignored.
  expect((await runConformanceCli(['--mode', 'replay', '--recordings', rec], {}, dir)).code).toBe(0);
  // A record run's own lock goes with it: the folder holds the recordings alone after it.
  const other = await runConformanceCli(['--mode', 'record', '--recordings', 'rec2', '--operation', 'getWhatsAppSyncStatus', '--fuzz-runs', '0'], {}, dir);
  expect(other.code).toBe(0);
  expect(readdirSync(join(dir, 'rec2'))).toEqual([harName]);
});

/** A server that echoes whatever credentials it got, in a header of every answer and in the message of every 401. */
const echoCredentials: ResponseFault = ({ planned, authorization }) => {
  if (authorization === undefined) return undefined;
  const body = planned.status === 401 ? JSON.stringify({ code: 'unauthorized', message: `rejected: ${authorization}` }) : planned.body;
  return { ...planned, headers: { ...planned.headers, 'x-echo': authorization }, body };
};

test("a replay of a recording that holds the user's key (edited in by hand, or made before scrubbing): the key set for the replay is in no report and no line", async () => {
  const { dir, har } = await recordOnce();
  const apiKey = 'zv_test_ReplayCanary_5e8c1d';
  const doc = JSON.parse(readFileSync(har, 'utf8')) as { log: { entries: { response: { status: number; content: { text?: string } } }[] } };
  const refusals = doc.log.entries.filter((entry) => entry.response.status === 401);
  expect(refusals.length).toBeGreaterThan(0);
  // Not JSON: every such answer fails, and its failure quotes the body.
  for (const entry of refusals) entry.response.content.text = `rejected: expected ${apiKey}`;
  writeFileSync(har, JSON.stringify(doc));
  // A replay sends no key; the one set is what it scrubs.
  const run = await runConformanceCli(['--mode', 'replay', '--recordings', join(dir, 'rec'), '--operation', 'getWhatsAppSyncStatus'], { ZAVU_API_KEY: apiKey }, dir);
  expect(run.code).toBe(1);
  const reports = filesUnder(join(dir, 'reports'));
  expect(reports.length).toBeGreaterThanOrEqual(5);
  // The body reached the reports (quoted by the failures it caused), without the key.
  expect(reports.some((file) => readFileSync(file, 'utf8').includes('expected [REDACTED]'))).toBe(true);
  for (const file of reports) expect({ file, leaked: readFileSync(file, 'utf8').includes('ReplayCanary') }).toEqual({ file, leaked: false });
  expect(run.stdout + run.stderr).not.toContain('ReplayCanary');
});

test('leak test: a distinctive key appears in no file written and no line printed, in any form a case sent, even echoed back', async () => {
  const apiKey = 'zv_test_DISTINCTIVE_leak_canary_7f3e9a1b2c';
  const { dir, stdout } = await recordOnce(apiKey, echoCredentials);
  const swapped = apiKey.replace(/[A-Za-z]/g, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));
  const forms = [
    apiKey, Buffer.from(`${apiKey}:`).toString('base64'), Buffer.from(apiKey).toString('base64'), apiKey.slice(8, 30),
    // The wrong-credential cases' forms: case changed, cut short (a piece of it), appended to (contains it).
    swapped, apiKey.toUpperCase(), apiKey.toLowerCase(), swapped.slice(8, 30), apiKey.slice(0, -1), Buffer.from(swapped).toString('base64'),
  ];
  const files = filesUnder(dir);
  expect(files.length).toBeGreaterThanOrEqual(5);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const form of forms) expect({ file, leaked: text.includes(form) }).toEqual({ file, leaked: false });
  }
  for (const form of forms) expect(stdout.includes(form)).toBe(false);
});

test('a replay removes the key the user has set from what a recording holds: a recorded body and the target it names; the target is shown inert', async () => {
  const key = 'zv_test_0123456789abcdef0123456789abcdef';
  const dir = scratchDir();
  const rec = join(dir, 'rec');
  mkdirSync(rec);
  for (const name of harNames) {
    const har = JSON.parse(readFileSync(join(repoRoot, 'recordings', name), 'utf8')) as { log: { _zavu: { target: string }; entries: { response: { content: { text?: string } } }[] } };
    // An edited or hostile recording: the key in the target it names (with an ESC), and echoed in a body.
    har.log._zavu.target = `https://${key}.example/\u001b[31mred`;
    const first = har.log.entries[0];
    if (first?.response.content.text !== undefined) first.response.content.text = first.response.content.text.replace('{', `{"echo":"${key}",`);
    writeFileSync(join(rec, name), JSON.stringify(har));
  }
  const run = await runConformanceCli(['--mode', 'replay', '--recordings', rec], { ZAVU_API_KEY: key }, dir);
  expect(run.code).toBe(0);
  expect(run.stdout).not.toContain(key);
  expect(run.stdout).not.toContain('\u001b[31m');
  expectNoFileHolds(run.reportsDir, key);
});

test('an error that quotes a setting holding the key does not print it: ZAVU_OPERATION set to the key in .env', async () => {
  const key = 'zv_test_0123456789abcdef0123456789abcdef';
  const dir = scratchDir();
  // A target that is down: the operation is refused before any request.
  writeFileSync(join(dir, '.env'), `ZAVU_OPERATION=${key}\nZAVU_API_KEY=${key}\nZAVU_BASE_URL=http://127.0.0.1:9\n`);
  const run = await runConformanceCli([], {}, dir);
  expect(run.code).toBe(2);
  expect(run.stderr).not.toContain(key);
  expect(readFileSync(join(run.reportsDir, 'summary.md'), 'utf8')).not.toContain(key);
  expectOneLineError(run.stderr, /no such operation/);
});

test("a baseline that holds the key (another run's target, a case id) does not bring it into this run's reports or output", async () => {
  const key = 'zv_test_0123456789abcdef0123456789abcdef';
  const dir = scratchDir();
  const first = await runConformanceCli(['--mode', 'replay', '--recordings', join(repoRoot, 'recordings')], {}, dir);
  expect(first.code).toBe(0);
  const baseline = JSON.parse(readFileSync(join(first.reportsDir, 'conformance.json'), 'utf8')) as { runInfo: { target: string }; results: { id: string; status: string }[] };
  baseline.runInfo.target = `https://staging.example/${key}`;
  const gone = baseline.results.find((r) => r.status === 'passed');
  if (gone) gone.id = `getWhatsAppSyncStatus/${key}`;
  writeFileSync(join(dir, 'baseline.json'), JSON.stringify(baseline));
  const run = await runConformanceCli(['--mode', 'replay', '--recordings', join(repoRoot, 'recordings'), '--baseline', join(dir, 'baseline.json'), '--reports', join(dir, 'second')], { ZAVU_API_KEY: key }, dir);
  expect(run.code).toBe(0);
  const report = JSON.parse(readFileSync(join(dir, 'second', 'conformance.json'), 'utf8')) as { baseline?: { missing?: string[] } };
  expect(report.baseline?.missing).toEqual([expect.stringContaining('[REDACTED]')]);
  expect(run.stdout).not.toContain(key);
  expectNoFileHolds(join(dir, 'second'), key);
});

test.each(['replay', '2026', 'certified'])('a key that is also a word or number the suite writes (%s) leaves the report whole: mode, dates and verdicts are the suite\'s, not redacted', async (key) => {
  const dir = scratchDir();
  const run = await runConformanceCli(['--mode', 'replay', '--recordings', join(repoRoot, 'recordings'), '--operation', 'getWhatsAppSyncStatus', '--history', join(dir, 'history.jsonl')], { ZAVU_API_KEY: key }, dir);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.report?.runInfo.mode).toBe('replay');
  expect(run.report?.runInfo.startedAt).toMatch(/^\d{4}-/);
  expect(run.report?.certificate?.families.some((f) => f.verdict === 'certified')).toBe(true);
});

test('the recording of a failing run replays to the same verdict: a sequence stopped at its first step, whose path is its own, is still a case', async () => {
  // A start without credentials accepted: the sequences that open with a start to the unknown id
  // on a path of their own (`;zvc`, `?zvc=1`) stop there, before their own path was ever sent.
  const broken = WRITE_BREAKS.find((b) => b.name === 'write-without-credentials');
  if (broken === undefined) throw new Error('write-without-credentials is not in the catalogue');
  const server = await startBrokenServer(broken);
  const cwd = scratchDir();
  try {
    const recordRun = await runConformanceCli(['--base-url', server.baseUrl, '--operation', 'startWhatsAppHistorySync', '--mode', 'record', '--recordings', 'rec', ...(broken.args ?? [])], serverEnv(server), cwd);
    expect(recordRun.code).toBe(1);
    const stoppedEarly = recordRun.report?.results.filter((r) => r.status === 'failed' && r.steps !== undefined && r.failedStep === r.steps[0]?.id) ?? [];
    expect(stoppedEarly.map((r) => r.id)).toContain('startWhatsAppHistorySync/no-credentials-with-query');
    const replay = await runConformanceCli(['--mode', 'replay', '--recordings', 'rec', '--operation', 'startWhatsAppHistorySync'], {}, cwd);
    expect(replay.stderr).toBe('');
    expect(replay.code).toBe(1);
    const verdicts = (report: typeof replay.report) => Object.fromEntries((report?.results ?? []).filter((r) => r.status !== 'skipped').map((r) => [r.id, [r.status, r.failedStep]]));
    // The property is generated live, so the replay skips it; every other case is judged as recorded.
    const { ['startWhatsAppHistorySync/negative-inputs']: _negative, ...recordedVerdicts } = verdicts(recordRun.report);
    expect(verdicts(replay.report)).toEqual(recordedVerdicts);
  } finally {
    await server.close();
  }
}, 60_000);

test('a --repeat recording says its repeat and the suite version that wrote it; its attempts replay in order with that --repeat, and a replay without it says it judges the first only', async () => {
  const recorded = await runConformanceCli(['--mode', 'record', '--recordings', 'rec', '--operation', 'getWhatsAppSyncStatus', '--repeat', '2']);
  expect(recorded.code).toBe(0);
  const file = join(recorded.cwd, 'rec', harName);
  const har = JSON.parse(readFileSync(file, 'utf8')) as { log: { creator: { version: string }; _zavu: { repeat?: number }; entries: { response: { status: number }; _zavu: { caseId: string } }[] } };
  const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  expect(har.log.creator.version).toBe(version);
  expect(har.log._zavu.repeat).toBe(2);
  const id = 'getWhatsAppSyncStatus/basic-scheme';
  const indexes = har.log.entries.flatMap((e, i) => (e._zavu.caseId === id ? [i] : []));
  expect(indexes).toHaveLength(2);
  // The second attempt answered otherwise (a target that let Basic through once): the replay must judge it on that answer.
  const second = har.log.entries[indexes[1] ?? -1];
  if (second === undefined) throw new Error('no second attempt');
  second.response.status = 200;
  writeFileSync(file, JSON.stringify(har));
  const args = ['--mode', 'replay', '--recordings', join(recorded.cwd, 'rec'), '--operation', 'getWhatsAppSyncStatus'];
  const whole = await runConformanceCli([...args, '--repeat', '2']);
  expect(whole.stderr).toBe('');
  expect(whole.stdout).not.toContain('note: ');
  const result = whole.report?.results.find((r) => r.id === id);
  expect(result?.status).toBe('flaky');
  expect(result?.attempts?.map((a) => [a.status, a.receivedStatus])).toEqual([['passed', 401], ['failed', 200]]);
  expect(whole.code).toBe(1);
  const first = await runConformanceCli(args);
  expect(first.code).toBe(0);
  expect(first.stdout).toContain(`note: ${harName}: recorded with --repeat 2 (2 attempts of each request); this replay judges the first one of each only, --repeat 2 judges them all, in their recorded order\n`);
  expect(first.report?.results.find((r) => r.id === id)?.source).toMatch(new RegExp(`${harName}#${indexes[0]}$`));
  // Written by a later suite: the replay says its newer cases and steps are not replayed.
  har.log.creator.version = '99.0.0';
  writeFileSync(file, JSON.stringify(har));
  const newer = await runConformanceCli([...args, '--repeat', '2']);
  expect(newer.stderr).toBe('');
  expect(newer.stdout).toContain(`note: ${harName} was recorded by zavu-conformance 99.0.0, newer than this suite (${version}): cases and steps added since are not replayed; upgrade the suite to replay all of it\n`);
  // A case of a scenario the newer suite added: that one note says it, not a second telling it as a scenario removed ("no longer has", "remove it").
  const added = JSON.parse(JSON.stringify(har.log.entries[indexes[0] ?? -1])) as (typeof har.log.entries)[number];
  added._zavu.caseId = 'getWhatsAppSyncStatus/added-later';
  har.log.entries.push(added);
  writeFileSync(file, JSON.stringify(har));
  const addedLater = await runConformanceCli([...args, '--repeat', '2']);
  expect(addedLater.stderr).toBe('');
  expect(addedLater.stdout.split('\n').filter((line) => line.startsWith('note: '))).toEqual([
    `note: ${harName} was recorded by zavu-conformance 99.0.0, newer than this suite (${version}): cases and steps added since are not replayed; upgrade the suite to replay all of it`,
  ]);
  // The same file by this suite's version: that case is of a scenario removed or renamed since, and named.
  har.log.creator.version = version;
  writeFileSync(file, JSON.stringify(har));
  const removed = await runConformanceCli([...args, '--repeat', '2']);
  expect(removed.stdout).toContain(`note: ${harName}: 1 case of getWhatsAppSyncStatus under a scenario`);
});
